#include <doctest/doctest.h>

#include <string>

#include "core/backup.hpp"
#include "core/sample.hpp"

using namespace sr;

TEST_CASE("export then import gives back the same program") {
    const Program p = make_sample_program(Date::from_ymd(2026, 11, 22));
    const std::string text = program_to_json(p);
    LoadResult r = program_from_json(text);
    REQUIRE_MESSAGE(r.ok(), r.summary());
    CHECK(program_to_json(*r.program) == text);
    CHECK(r.program->creators.size() == p.creators.size());
    CHECK(r.program->spark_codes.size() == p.spark_codes.size());
}

TEST_CASE("a backup names its format and version") {
    const std::string text = program_to_json(Program{});
    CHECK(text.find("\"format\":\"spark-roster\"") != std::string::npos);
    CHECK(text.find("\"version\":2") != std::string::npos);
}

TEST_CASE("a backup from a newer version is refused with a clear message") {
    LoadResult r = program_from_json(R"({"format":"spark-roster","version":7,"creators":[]})");
    REQUIRE_FALSE(r.ok());
    CHECK(r.problems[0].path == "$.version");
    CHECK(r.problems[0].message.find("version 7") != std::string::npos);
}

TEST_CASE("broken input is refused whole, naming the JSON path and the reason") {
    CHECK_FALSE(program_from_json("{\"format\":\"spark-roster\",\"vers").ok());
    CHECK(program_from_json("{\"format\":\"spark-roster\",\"vers").problems[0].path == "$");
    CHECK(program_from_json(R"({"format":"other","version":1})").problems[0].path == "$.format");

    LoadResult r = program_from_json(
        R"({"format":"spark-roster","version":1,"creators":[{"id":1,"handle":"ok"},{"id":2,"handle":"x","followers":"many"}]})");
    REQUIRE_FALSE(r.ok());
    CHECK(r.problems[0].path == "$.creators[1].followers");
    CHECK(r.problems[0].message == "expected a whole number");

    LoadResult dup = program_from_json(
        R"({"format":"spark-roster","version":1,"creators":[{"id":1,"handle":"Same"},{"id":2,"handle":"@same"}]})");
    REQUIRE_FALSE(dup.ok());
    CHECK(dup.problems[0].path == "$.creators[1].handle");

    LoadResult ids = program_from_json(
        R"({"format":"spark-roster","version":1,"creators":[{"id":1,"handle":"a"},{"id":1,"handle":"b"}]})");
    REQUIRE_FALSE(ids.ok());
    CHECK(ids.problems[0].message == "id 1 is used by another record");

    LoadResult ref = program_from_json(
        R"({"format":"spark-roster","version":1,"creators":[{"id":1,"handle":"a"}],"posts":[{"id":2,"creator_id":9}]})");
    REQUIRE_FALSE(ref.ok());
    CHECK(ref.problems[0].path == "$.posts[0].creator_id");
}

TEST_CASE("numbers beyond range and impossible dates are refused") {
    CHECK_FALSE(program_from_json(R"({"format":"spark-roster","version":1,"settings":{"monthly_budget":1e400}})").ok());
    LoadResult d = program_from_json(
        R"({"format":"spark-roster","version":1,"settings":{"program_start":"2026-02-30"}})");
    REQUIRE_FALSE(d.ok());
    CHECK(d.problems[0].path == "$.settings.program_start");
}
