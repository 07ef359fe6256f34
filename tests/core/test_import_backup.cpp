// Backup import: hostile documents, merge by id, redacted export (docs/rules.md, section 7).
#include <doctest/doctest.h>

#include <string>

#include "builders.hpp"
#include "core/backup.hpp"
#include "core/merge.hpp"
#include "core/sample.hpp"
#include "core/store.hpp"

using namespace sr;
using namespace sr::test;

namespace {

const Program& sample() {
    static const Program p = make_sample_program(Date::from_ymd(2026, 11, 22));
    return p;
}

bool mentions(const LoadResult& r, const std::string& path, const std::string& words) {
    for (const Problem& p : r.problems)
        if (p.path == path && p.message.find(words) != std::string::npos) return true;
    return false;
}

}  // namespace

// ------------------------------------------------------------------ hostile documents
TEST_CASE("a truncated backup is refused whole at every cut") {
    const std::string text = program_to_json(sample());
    for (size_t cut = 0; cut < text.size(); cut += 101) {
        const LoadResult r = program_from_json(text.substr(0, cut));
        REQUIRE_FALSE(r.ok());
        CHECK(r.problems[0].path == "$");
    }
    CHECK(program_from_json(text.substr(0, 40)).problems[0].message.find("at line 1, column 41") != std::string::npos);
}

TEST_CASE("10,000-deep nesting is refused with a clear message, not a crash") {
    const std::string deep_list = std::string(10000, '[') + std::string(10000, ']');
    LoadResult a = program_from_json(deep_list);
    REQUIRE_FALSE(a.ok());
    CHECK(a.problems[0].message.find("nested") != std::string::npos);

    std::string deep_field = R"({"format":"spark-roster","version":1,"settings":)";
    for (int i = 0; i < 10000; ++i) deep_field += "{\"a\":";
    deep_field += "1";
    deep_field += std::string(10000, '}');
    deep_field += "}";
    LoadResult b = program_from_json(deep_field);
    REQUIRE_FALSE(b.ok());
    CHECK(b.problems[0].message.find("nested more than 64") != std::string::npos);
}

TEST_CASE("brackets inside strings do not count as nesting") {
    Program p;
    add_creator(p, "deep", 10000);
    p.creators[0].notes = std::string(500, '[') + std::string(300, '{') + "\\\"";
    const LoadResult r = program_from_json(program_to_json(p));
    REQUIRE_MESSAGE(r.ok(), r.summary());
    CHECK(r.program->creators[0].notes == p.creators[0].notes);
}

TEST_CASE("wrong types are refused with their JSON path") {
    LoadResult r = program_from_json(
        R"({"format":"spark-roster","version":1,"creators":{"id":1},"posts":[{"id":"2","creator_id":1}],"next_id":"x"})");
    REQUIRE_FALSE(r.ok());
    CHECK(mentions(r, "$.creators", "expected a list"));
    CHECK(mentions(r, "$.posts[0].id", "expected a whole number"));
    CHECK(mentions(r, "$.next_id", "expected a whole number"));
    CHECK(mentions(program_from_json(R"({"format":"spark-roster","version":"1"})"), "$.version", "whole version"));
    CHECK(mentions(program_from_json(R"([1,2,3])"), "$", "expected an object"));
    CHECK(mentions(program_from_json(R"({"format":"spark-roster","version":1,"imported_orders":[1]})"),
                   "$.imported_orders[0]", "expected a string"));
}

TEST_CASE("duplicate ids across record kinds are refused") {
    LoadResult r = program_from_json(
        R"({"format":"spark-roster","version":1,"creators":[{"id":4,"handle":"a"}],"products":[{"id":4,"sku":"X","name":"Y"}]})");
    REQUIRE_FALSE(r.ok());
    CHECK(mentions(r, "$.products[0].id", "id 4 is used by another record"));
}

TEST_CASE("1e400 and other numbers out of range are refused, not turned into infinity") {
    CHECK(mentions(program_from_json(R"({"format":"spark-roster","version":1,"creators":[{"id":1,"handle":"a","followers":1e400}]})"),
                   "$", "number overflow parsing '1e400'"));
    CHECK(mentions(program_from_json(R"({"format":"spark-roster","version":1,"posts":[{"id":1e300,"creator_id":1}]})"),
                   "$.posts[0].id", "whole number"));
    CHECK_FALSE(program_from_json(R"({"format":"spark-roster","version":1e400})").ok());
    CHECK_FALSE(program_from_json(R"({"format":"spark-roster","version":1,"next_id":18446744073709551615})").ok());
}

TEST_CASE("invalid UTF-8 in a backup is refused whole") {
    const LoadResult r = program_from_json("{\"format\":\"spark-roster\",\"version\":1,\"creators\":[{\"id\":1,\"handle\":\"caf\xE9\"}]}");
    REQUIRE_FALSE(r.ok());
    CHECK(r.problems[0].path == "$");
}

// ------------------------------------------------------------------ merge by id
TEST_CASE("merging a backup lists what it adds and updates, and leaves the rest") {
    Program here;
    const Id a = add_creator(here, "alpha", 20000);
    add_creator(here, "beta", 30000);
    Program file = here;
    creator(file, a).followers = 25000;        // updated
    add_creator(file, "gamma", 40000);          // added (id 3)
    file.creators.erase(file.creators.begin() + 1);  // beta absent from the file: kept
    const MergePreview m = preview_merge(here, file);
    REQUIRE_MESSAGE(m.ok(), m.summary());
    CHECK(m.added == 1);
    CHECK(m.updated == 1);
    CHECK(m.conflicts == 0);
    CHECK(m.unchanged == 0);
    REQUIRE(m.items.size() == 2);
    CHECK(m.items[0].action == MergeAction::updated);
    CHECK(m.items[0].label == "@alpha");
    CHECK(m.items[1].action == MergeAction::added);
    CHECK(m.items[1].label == "@gamma");
    CHECK(m.merged->creators.size() == 3);
    Program merged = *m.merged;
    CHECK(creator(merged, a).followers == 25000);
    CHECK(m.summary() == "1 added, 1 updated, 0 in conflict, 0 unchanged");
}

TEST_CASE("merging the same program finds everything unchanged") {
    const MergePreview m = preview_merge(sample(), sample());
    REQUIRE(m.ok());
    CHECK(m.added == 0);
    CHECK(m.updated == 0);
    CHECK(m.conflicts == 0);
    CHECK(m.unchanged == sample().creators.size() + sample().products.size() + sample().samples.size() +
                             sample().briefs.size() + sample().posts.size() + sample().spark_codes.size());
}

TEST_CASE("a merge conflict: the same id on another kind of record keeps the current one") {
    Program here;
    add_creator(here, "alpha", 20000);  // id 1
    Program file;
    file.next_id = 1;
    add_product(file);                  // id 1, a product
    const MergePreview m = preview_merge(here, file);
    REQUIRE(m.ok());
    REQUIRE(m.conflicts == 1);
    CHECK(m.items[0].reason == "id 1 is a creator here and a product in the backup");
    CHECK(m.merged->products.empty());
    CHECK(m.merged->creators.size() == 1);
}

TEST_CASE("a merge conflict: a creator whose handle another creator already uses, and what points at it") {
    Program here;
    add_creator(here, "alpha", 20000);  // id 1
    Program file;
    file.next_id = 10;
    const Id other = add_creator(file, "ALPHA", 20000);  // id 10, same handle ignoring case
    add_post(file, other, d(2026, 11, 1), 1000, 100, 2);   // id 11 points at it
    const MergePreview m = preview_merge(here, file);
    REQUIRE(m.ok());
    CHECK(m.conflicts == 2);
    CHECK(m.items[0].reason == "@ALPHA is already creator 1 here");
    CHECK(m.items[1].reason == "points at 10, which is in conflict");
    CHECK(m.merged->posts.empty());
}

TEST_CASE("merged order memories are the union of both") {
    Program here;
    here.imported_orders = {"1", "2"};
    Program file;
    file.imported_orders = {"2", "3"};
    const MergePreview m = preview_merge(here, file);
    REQUIRE(m.ok());
    CHECK(m.orders_added == 1);
    CHECK(m.merged->imported_orders == std::vector<std::string>{"1", "2", "3"});
}

TEST_CASE("applying a merge is one undoable step, refused when the program moved on") {
    Store store(sample());
    Program file;
    file.next_id = 100000;
    add_creator(file, "brand.new", 12000);
    const std::string before = program_to_json(store.program());
    MergePreview m = preview_merge(store.program(), file, store.revision());
    REQUIRE(m.ok());
    REQUIRE(store.apply_merge(m).ok);
    CHECK(store.program().creators.size() == sample().creators.size() + 1);
    CHECK(store.undo_label() == "Merge backup");
    store.undo();
    CHECK(program_to_json(store.program()) == before);
    store.redo();
    CHECK_FALSE(store.apply_merge(m).ok);  // the program changed (the merge itself)
}

// ------------------------------------------------------------------ export
TEST_CASE("a redacted export blanks every Spark Code and keeps everything else") {
    REQUIRE_FALSE(sample().spark_codes.empty());
    const std::string redacted = export_program_json(sample(), {false, true});
    for (const SparkCode& c : sample().spark_codes)
        if (!c.code.empty()) CHECK(redacted.find(c.code) == std::string::npos);
    const LoadResult r = program_from_json(redacted);
    REQUIRE_MESSAGE(r.ok(), r.summary());
    CHECK(r.program->spark_codes.size() == sample().spark_codes.size());
    for (const SparkCode& c : r.program->spark_codes) CHECK(c.code.empty());
    CHECK(export_program_json(sample(), {}) == program_to_json(sample()));
}
