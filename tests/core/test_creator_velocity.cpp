#include <doctest/doctest.h>

#include "builders.hpp"
#include "core/creator_velocity.hpp"

using namespace sr;
using namespace sr::test;

TEST_CASE("one creator's velocity: posts a week over 12 full weeks, and the last four against the agreed output") {
    Program p;
    const Id c = add_creator(p, "thu.ha", 650000, CreatorStatus::active, 6);  // 6 a month = 1.5 a week
    creator(p, c).display_name = "Thu Hà 🌿";
    const Id other = add_creator(p, "someone.else", 20000);
    // Review week starts Monday 2026-11-23; the 12 weeks run 2026-08-31 to 2026-11-22.
    add_post(p, c, d(2026, 8, 31), 1000, 10, 0);   // first day of week 1
    add_post(p, c, d(2026, 8, 30), 1000, 10, 0);   // the day before: outside
    add_post(p, c, d(2026, 10, 26), 1000, 10, 0);  // week 9, first of the last four
    add_post(p, c, d(2026, 11, 2), 1000, 10, 0);   // week 10
    add_post(p, c, d(2026, 11, 3), 1000, 10, 0);   // week 10
    add_post(p, c, d(2026, 11, 22), 1000, 10, 0);  // week 12, its last day
    add_post(p, c, d(2026, 11, 23), 1000, 10, 0);  // the review week itself: outside
    add_post(p, other, d(2026, 11, 2), 1000, 10, 0);
    const CreatorWeeks v = creator_velocity(p, creator(p, c), d(2026, 11, 25));  // a Wednesday of that week
    REQUIRE(v.weeks.size() == 12);
    CHECK(v.weeks[0].week_start == d(2026, 8, 31));
    CHECK(v.weeks[11].week_start == d(2026, 11, 16));
    const int expected[12] = {1, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 1};
    for (size_t i = 0; i < 12; ++i) CHECK(v.weeks[i].posts == expected[i]);
    CHECK(v.average == doctest::Approx(5.0 / 12.0));
    CHECK(v.last4 == 4);
    CHECK(v.agreed == 6);
    CHECK(*v.agreed_per_week == doctest::Approx(1.5));
    CHECK(*v.rate == doctest::Approx(4.0 / 6.0));  // 66.7 % of the agreed output
    creator(p, c).agreed_posts_per_month = 0;
    CHECK_FALSE(creator_velocity(p, creator(p, c), d(2026, 11, 25)).rate);
}
