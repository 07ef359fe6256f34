#include <doctest/doctest.h>

#include "core/backup.hpp"
#include "core/creators.hpp"
#include "core/sample.hpp"

using namespace sr;

TEST_CASE("the sample program has 30+ creators across all three tiers, products, posts and Spark Codes") {
    const Program p = make_sample_program(Date::from_ymd(2026, 11, 22));
    CHECK(p.creators.size() >= 30);
    int per_tier[4] = {0, 0, 0, 0};
    for (const Creator& c : p.creators) per_tier[effective_tier(c, p.settings)]++;
    CHECK(per_tier[1] > 0);
    CHECK(per_tier[2] > 0);
    CHECK(per_tier[3] > 0);
    CHECK(p.products.size() >= 3);
    CHECK(p.posts.size() >= 30);
    CHECK(p.spark_codes.size() >= 3);
    // It must pass the same checks as any imported backup.
    CHECK(program_from_json(program_to_json(p)).ok());
}

TEST_CASE("the sample program is the same every time for the same day") {
    const Date d = Date::from_ymd(2026, 11, 22);
    CHECK(program_to_json(make_sample_program(d)) == program_to_json(make_sample_program(d)));
}
