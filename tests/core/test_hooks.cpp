#include <doctest/doctest.h>

#include "builders.hpp"
#include "core/hooks.hpp"
#include "core/review.hpp"

using namespace sr;
using namespace sr::test;

namespace {
const HookAngleRow* row(const HookAngleTable& t, HookAngle h) {
    for (const HookAngleRow& r : t.rows)
        if (r.hook == h) return &r;
    return nullptr;
}
}  // namespace

// Product 30.00, unit cost 8, shipping 2 and discount 3 per order: a post's margin is GMV - 13 x orders
// (no commission, fee, spend or sample on these posts).
TEST_CASE("hook-angle table: per angle posts, views, hold rate, clicks, conversion, revenue per post and margin") {
    Program p;
    const Id c = add_creator(p, "mai.tran", 120000);
    creator(p, c).display_name = "Mai Trần 🌷";
    const Id prod = add_product(p);
    const Id other = add_product(p);
    const Date from = d(2026, 10, 1), to = d(2026, 11, 1);
    // problem / agitation: two posts, one on the window's first day.
    Post& a = add_post(p, c, d(2026, 10, 12), 10000, 200, 6, 180, prod);
    a.hook = HookAngle::problem_agitation;
    a.hold_rate_3s = 0.30;
    Post& b = add_post(p, c, from, 5000, 100, 2, 60, prod);
    b.hook = HookAngle::problem_agitation;
    b.hold_rate_3s = 0.60;
    // transformation reveal: one post.
    Post& t = add_post(p, c, d(2026, 10, 20), 8000, 400, 16, 480, prod);
    t.hook = HookAngle::transformation_reveal;
    t.hold_rate_3s = 0.25;
    // social proof: the best margin a post, on too little data (900 views, 50 clicks).
    Post& sp = add_post(p, c, d(2026, 10, 22), 900, 50, 5, 600, prod);
    sp.hook = HookAngle::social_proof;
    // Outside: published the day before, on the end day (excluded), with no date, of another product.
    Post& early = add_post(p, c, d(2026, 9, 30), 50000, 5000, 500, 15000, prod);
    early.hook = HookAngle::curiosity_gap;
    Post& late = add_post(p, c, to, 50000, 5000, 500, 15000, prod);
    late.hook = HookAngle::curiosity_gap;
    Post& undated = add_post(p, c, to, 50000, 5000, 500, 15000, prod);
    undated.published.reset();
    Post& elsewhere = add_post(p, c, d(2026, 10, 5), 7000, 300, 3, 90, other);
    elsewhere.hook = HookAngle::problem_agitation;
    elsewhere.hold_rate_3s = 0.10;

    const HookAngleTable h = hook_angle_table(p, from, to, prod);
    REQUIRE(h.rows.size() == 3);  // the angles used in the window, in the angles' order
    CHECK(h.rows[0].hook == HookAngle::problem_agitation);
    CHECK(h.rows[1].hook == HookAngle::transformation_reveal);
    CHECK(h.rows[2].hook == HookAngle::social_proof);

    const HookAngleRow& pa = h.rows[0];
    CHECK(pa.posts == 2);
    CHECK(pa.views == 15000);
    CHECK(pa.clicks == 300);
    CHECK(pa.orders == 8);
    CHECK(*pa.hold_rate == doctest::Approx(0.40));       // (0.30 x 10,000 + 0.60 x 5,000) / 15,000
    CHECK(*pa.conversion == doctest::Approx(8.0 / 300));  // 2.67 %
    CHECK(*pa.revenue_per_post == doctest::Approx(120));  // 240 / 2
    CHECK(pa.margin == doctest::Approx(136));             // (180 - 78) + (60 - 26)
    CHECK(pa.margin_per_post() == doctest::Approx(68));
    CHECK(pa.enough_data());

    const HookAngleRow& tr = h.rows[1];
    CHECK(tr.posts == 1);
    CHECK(*tr.conversion == doctest::Approx(0.04));  // 16 / 400
    CHECK(tr.margin == doctest::Approx(272));        // 480 - 208
    CHECK(tr.enough_data());

    const HookAngleRow& so = h.rows[2];
    CHECK(so.margin == doctest::Approx(535));  // 600 - 65: shown, but too little data to win
    CHECK_FALSE(so.enough_clicks);
    CHECK_FALSE(so.enough_views);

    // The winner: the best margin a post among angles with enough data.
    REQUIRE(h.winner);
    CHECK(*h.winner == HookAngle::transformation_reveal);
    CHECK(h.winner_reason == "transformation reveal: margin $272.00 a post over 1 post, conversion 4 % on 400 clicks, "
                             "best of 2 angles with enough data");

    // Every product: the other product's post joins problem / agitation.
    const HookAngleTable all = hook_angle_table(p, from, to, 0);
    const HookAngleRow* pa_all = row(all, HookAngle::problem_agitation);
    REQUIRE(pa_all);
    CHECK(pa_all->posts == 3);
    CHECK(pa_all->clicks == 600);
    CHECK(*pa_all->hold_rate == doctest::Approx((3000.0 + 3000.0 + 700.0) / 22000.0));
    CHECK(pa_all->margin == doctest::Approx(136 + (90 - 39)));
    CHECK_FALSE(row(all, HookAngle::curiosity_gap));  // only outside the window

    // No start: every dated post before the end day, the day before the window too.
    const HookAngleRow* cg = row(hook_angle_table(p, std::nullopt, to, prod), HookAngle::curiosity_gap);
    REQUIRE(cg);
    CHECK(cg->posts == 1);
}

TEST_CASE("hook-angle table: no winner with fewer than two angles that have enough data") {
    Program p;
    const Id c = add_creator(p, "ploy.s", 60000);
    creator(p, c).display_name = "พลอย สวัสดี";
    const Id prod = add_product(p);
    Post& a = add_post(p, c, d(2026, 10, 12), 10000, 300, 6, 180, prod);
    a.hook = HookAngle::problem_agitation;
    Post& t = add_post(p, c, d(2026, 10, 20), 8000, 400, 16, 480, prod);
    t.hook = HookAngle::transformation_reveal;
    p.settings.min_clicks = 350;  // only transformation reveal's 400 clicks are enough
    HookAngleTable h = hook_angle_table(p, d(2026, 10, 1), d(2026, 11, 1), prod);
    CHECK_FALSE(h.winner);
    CHECK(h.winner_reason == "only transformation reveal has enough data (350+ clicks and 1,000+ views): nothing to "
                             "compare it with yet");
    p.settings.min_clicks = 1000;
    h = hook_angle_table(p, d(2026, 10, 1), d(2026, 11, 1), prod);
    CHECK(h.winner_reason == "no angle has enough data to compare (1,000+ clicks and 1,000+ views)");
    h = hook_angle_table(p, d(2026, 12, 1), d(2026, 12, 8), prod);
    CHECK(h.rows.empty());
    CHECK(h.winner_reason == "no posts in the window");

    // The brief builder's view: the product's table over the 90 days before today.
    p.settings.min_clicks = 100;
    h = product_hook_angles(p, prod, d(2026, 11, 2));
    REQUIRE(h.from);
    CHECK(*h.from == d(2026, 8, 4));
    REQUIRE(h.winner);
    CHECK(*h.winner == HookAngle::transformation_reveal);  // 480 - 208 = 272 against 180 - 78 = 102
    // The weekly review carries the table over the same window before its day.
    const Review r = review(p, d(2026, 11, 2));  // a Monday
    CHECK(r.hooks.rows.size() == 2);
    REQUIRE(r.hooks.winner);
    CHECK(*r.hooks.winner == HookAngle::transformation_reveal);
}
