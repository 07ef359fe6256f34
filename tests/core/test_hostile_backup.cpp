// Hostile backups beyond tests/core/test_import_backup.cpp: files too large to read, invalid
// UTF-8 as a browser or a truncated download produces it, and ids repeated within one list.
// Each is refused whole, with the place ("$..."), and no program comes back.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "builders.hpp"
#include "core/backup.hpp"
#include "core/sample.hpp"

using namespace sr;
using namespace sr::test;

namespace {

const std::string& sample_text() {
    static const std::string t = program_to_json(make_sample_program(Date::from_ymd(2026, 11, 22)));
    return t;
}

// A valid backup padded with spaces (JSON whitespace) to exactly `bytes` bytes.
std::string padded_backup(size_t bytes) {
    std::string t = sample_text();
    REQUIRE(t.size() < bytes);
    t.insert(t.size() - 1, bytes - t.size(), ' ');
    return t;
}

std::string hex_byte(char c) {
    static const char* hex = "0123456789ABCDEF";
    const auto u = static_cast<unsigned char>(c);
    return {hex[u >> 4], hex[u & 15]};
}

}  // namespace

TEST_CASE("a 300 MB file is refused before parsing, naming its size and the 250 MB limit") {
    const std::string big = padded_backup(300'000'000);
    const LoadResult r = program_from_json(big);
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].path == "$");
    CHECK(r.problems[0].message ==
          "the file is 300 MB (300,000,000 bytes); a backup can be at most 250 MB (250,000,000 bytes)");
    // The check comes first: the same size of text that is not even JSON gets the same answer.
    CHECK(program_from_json(std::string(300'000'000, '[')).problems[0].message == r.problems[0].message);
}

TEST_CASE("a backup of exactly 250 MB is read, one byte more is refused") {
    CHECK(kMaxBackupBytes == 250'000'000);
    {
        const LoadResult at = program_from_json(padded_backup(kMaxBackupBytes));
        REQUIRE_MESSAGE(at.ok(), at.summary());
        CHECK(at.program->creators.size() >= 30);
    }
    const LoadResult over = program_from_json(padded_backup(kMaxBackupBytes + 1));
    REQUIRE_FALSE(over.ok());
    CHECK(over.problems[0].message.find("250,000,001 bytes") != std::string::npos);
}

TEST_CASE("invalid UTF-8 anywhere in a backup refuses it whole at $ with the line and column") {
    const std::string good = sample_text();
    const size_t at = good.find("glowwithmaya");
    REQUIRE(at != std::string::npos);
    // A lone UTF-16 surrogate as a browser encodes it (ED A0 80), a stray continuation byte, an
    // overlong '/', and a sequence cut off by the end of a truncated download.
    for (const std::string bad : {std::string("\xED\xA0\x80"), std::string("\x80"), std::string("\xC0\xAF"),
                                  std::string("\xE2\x82")}) {
        std::string text = good;
        text.insert(at, bad);
        const LoadResult r = program_from_json(text);
        REQUIRE_FALSE(r.ok());
        CHECK(r.problems[0].path == "$");
        CHECK(r.problems[0].message.find("invalid string: ill-formed UTF-8 byte") != std::string::npos);
        CHECK(r.problems[0].message.find("line 1, column") != std::string::npos);
        // The message quotes the bad byte as text (\xED), so it is itself valid UTF-8 and can
        // be shown and sent as JSON.
        CHECK(r.problems[0].message.find("\\x" + hex_byte(bad[0])) != std::string::npos);
        CHECK(nlohmann::json(r.summary()).dump().size() > 0);
    }
}

TEST_CASE("an id used twice in the same list is refused at the second record") {
    Program p;
    add_creator(p, "first", 20000);
    add_creator(p, "second", 30000);
    p.creators[1].id = p.creators[0].id;
    const LoadResult r = program_from_json(program_to_json(p));
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].to_string() == "$.creators[1].id: id 1 is used by another record");
}

TEST_CASE("deep nesting inside a record is refused before parsing, whatever the depth") {
    for (size_t depth : {65u, 10'000u, 1'000'000u}) {
        std::string text = R"({"format":"spark-roster","version":1,"creators":[{"id":1,"handle":"a","notes":)";
        text += std::string(depth, '[') + std::string(depth, ']') + "}]}";
        const LoadResult r = program_from_json(text);
        REQUIRE_FALSE(r.ok());
        CHECK(r.problems[0].path == "$");
        CHECK(r.problems[0].message.find("nested more than 64 levels deep") != std::string::npos);
    }
}
