#include <doctest/doctest.h>

#include "builders.hpp"
#include "core/cohorts.hpp"

using namespace sr;
using namespace sr::test;

TEST_CASE("repeat purchase rate as 60-day cohorts, each closed 60 days before the day") {
    Program p;
    const Id a = add_creator(p, "thu.ha", 650000);
    const Id b = add_creator(p, "nong.ploy", 520000);
    creator(p, b).display_name = "น้องพลอย";
    // As of 2026-11-23 the newest closed cohort ends 2026-09-24 (excluded): 2026-07-26 to 2026-09-23;
    // the one before, 2026-05-27 to 2026-07-25.
    auto post = [&](Id c, Date day, int64_t buyers, int64_t repeat) {
        Post& x = add_post(p, c, day, 1000, 100, buyers);
        x.buyers = buyers;
        x.repeat_buyers_60d = repeat;
    };
    post(a, d(2026, 7, 26), 200, 30);  // newest cohort, its first day
    post(b, d(2026, 9, 23), 100, 5);   // newest cohort, its last day
    post(a, d(2026, 9, 24), 500, 400); // not closed yet: in no cohort
    post(a, d(2026, 7, 25), 80, 20);   // the cohort before, its last day
    const auto cs = repeat_cohorts(p, d(2026, 11, 23), 3);
    REQUIRE(cs.size() == 3);
    CHECK(cs[2].from == d(2026, 7, 26));
    CHECK(cs[2].to_excl == d(2026, 9, 24));
    CHECK(cs[2].posts == 2);
    CHECK(cs[2].buyers == 300);
    CHECK(cs[2].repeat_buyers == 35);
    CHECK(*cs[2].rate == doctest::Approx(35.0 / 300.0));  // 11.67 %
    CHECK(cs[1].from == d(2026, 5, 27));
    CHECK(*cs[1].rate == doctest::Approx(0.25));  // 20 / 80
    CHECK(cs[0].posts == 0);
    CHECK_FALSE(cs[0].rate);
    // One creator's series.
    const auto only_b = repeat_cohorts(p, d(2026, 11, 23), 3, b);
    CHECK(only_b[2].buyers == 100);
    CHECK(*only_b[2].rate == doctest::Approx(0.05));
}
