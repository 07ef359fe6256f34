// The weekly review as an operator reads it on Monday: what is in it, in which order, in which words.
#include <doctest/doctest.h>

#include "builders.hpp"
#include "core/review.hpp"
#include "core/sample.hpp"

using namespace sr;
using namespace sr::test;

// Reviews are held on Monday 2026-11-23; creator numbers come from posts published
// 2026-10-26 .. 2026-11-22.
static const Date kMonday = d(2026, 11, 23);

static std::vector<ReviewItem> items_of(const Review& r, ActionKind k) {
    std::vector<ReviewItem> out;
    for (const ReviewItem& a : r.actions)
        if (a.kind == k) out.push_back(a);
    return out;
}

static Id delivered_sample(Program& p, Id creator, Id product, Date delivered) {
    Sample s;
    s.id = p.next_id++;
    s.creator_id = creator;
    s.product_id = product;
    s.delivered = delivered;
    s.status = SampleStatus::delivered;
    p.samples.push_back(s);
    return s.id;
}

TEST_CASE("a creator who just became active with no posts yet is neither followed up nor replaced") {
    Program p;
    const Id prod = add_product(p);
    const Id fresh = add_creator(p, "fresh", 20000, CreatorStatus::active, 4);
    delivered_sample(p, fresh, prod, d(2026, 11, 19));  // 4 days before the review
    const Id unseeded = add_creator(p, "unseeded", 20000, CreatorStatus::active, 4);  // nothing yet
    const Review r = review(p, kMonday);
    for (const ReviewItem& a : r.actions) {
        CHECK(a.creator_id != fresh);
        CHECK(a.creator_id != unseeded);
    }
    CHECK(items_of(r, ActionKind::replace_creator).empty());
    CHECK(items_of(r, ActionKind::output_flag).empty());
}

TEST_CASE("commission-to-revenue flags are listed farthest outside the band first") {
    Program p;
    // Tier 1 band 5 % - 25 %. Ratios: a 30 % (5 points over), b 80 % (55 over), c 2 % (3 under).
    const Id a = add_creator(p, "a", 20000);
    const Id b = add_creator(p, "b", 20000);
    const Id c = add_creator(p, "c", 20000);
    add_post(p, a, d(2026, 11, 10), 5000, 200, 10, 1000).commission = 300;
    add_post(p, b, d(2026, 11, 10), 5000, 200, 10, 1000).commission = 800;
    add_post(p, c, d(2026, 11, 10), 5000, 200, 10, 1000).commission = 20;
    const auto flags = items_of(review(p, kMonday), ActionKind::commission_flag);
    REQUIRE(flags.size() == 3);
    CHECK(flags[0].creator_id == b);
    CHECK(flags[1].creator_id == a);
    CHECK(flags[2].creator_id == c);
    CHECK(flags[2].reason == "commission + fees 2 % of GMV ($20.00 / $1,000.00) outside the tier 1 band 5 % - 25 % on 200 clicks");
}

TEST_CASE("replace items list the lowest output first, and a creator's replace and invest are one item") {
    Program p;
    const Id prod = add_product(p);
    // Both started long ago (September samples). low: no post in 8 weeks; one: one $900 post on
    // 11-20 (25 % of 4 agreed, the earlier checks 0 %) while the tier 1 average is pulled down by
    // steady's four $10 posts: (900 + 40) / 5 = $188 a post; 1.5 x 188 = $282 < $900.
    const Id low = add_creator(p, "low", 20000, CreatorStatus::active, 4);
    const Id one = add_creator(p, "one", 20000, CreatorStatus::active, 4);
    const Id steady = add_creator(p, "steady", 20000, CreatorStatus::active, 4);
    for (Id c : {low, one, steady}) delivered_sample(p, c, prod, d(2026, 9, 1));
    add_post(p, one, d(2026, 11, 20), 5000, 200, 30, 900);
    for (const Date day : {d(2026, 10, 27), d(2026, 11, 3), d(2026, 11, 10), d(2026, 11, 17)})
        add_post(p, steady, day, 5000, 200, 2, 10);
    const Review r = review(p, kMonday);
    const auto replace = items_of(r, ActionKind::replace_creator);
    REQUIRE(replace.size() == 2);
    CHECK(replace[0].creator_id == low);  // 0 % before 25 %
    CHECK(replace[1].creator_id == one);
    CHECK(replace[1].reason.find("yet its posts earn well: revenue per post $900.00 > 1.5 x tier 1 average $188.00") !=
          std::string::npos);
    CHECK(replace[1].action.rfind("ask what stops the posts before replacing", 0) == 0);
    CHECK(items_of(r, ActionKind::invest).empty());
}

TEST_CASE("a sample follow-up says what was delivered when, without repeating the creator") {
    Program p;
    const Id prod = add_product(p);
    const Id c = add_creator(p, "quiet", 20000, CreatorStatus::seeded);
    delivered_sample(p, c, prod, d(2026, 11, 2));  // 21 days before the review: due
    const auto f = items_of(review(p, kMonday), ActionKind::sample_followup);
    REQUIRE(f.size() == 1);
    CHECK(f[0].title == "@quiet: sample with no post");
    CHECK(f[0].reason == "Product " + std::to_string(prod) +
                              " delivered 2026-11-02, 21 days ago (follow up at 21+), no post yet");
}

TEST_CASE("a Spark candidate with a requested code is chased, and a post whose Spark Ad was killed is not suggested again") {
    Program p;
    const Id c = add_creator(p, "cands", 50000);
    const Id asked = add_post(p, c, d(2026, 11, 2), 8000, 200, 8).id;   // 4 %
    const Id killed = add_post(p, c, d(2026, 11, 3), 8000, 200, 6).id;  // 3 %
    const Id fresh = add_post(p, c, d(2026, 11, 4), 8000, 200, 4).id;   // 2 %
    SparkCode req;
    req.id = p.next_id++;
    req.creator_id = c;
    req.post_id = asked;
    req.requested = d(2026, 11, 20);  // 3 days before the review: not yet overdue (5 days)
    req.status = SparkStatus::requested;
    p.spark_codes.push_back(req);
    SparkCode dead = req;
    dead.id = p.next_id++;
    dead.post_id = killed;
    dead.status = SparkStatus::killed;
    p.spark_codes.push_back(dead);
    const Review r = review(p, kMonday);
    REQUIRE(r.candidates.size() == 3);  // the ranking itself keeps all three
    const auto items = items_of(r, ActionKind::spark_candidate);
    REQUIRE(items.size() == 2);
    CHECK(items[0].record_id == asked);
    CHECK(items[0].action == "chase the requested Spark Code");
    CHECK(items[0].reason.find("Spark Code " + std::to_string(req.id) + " requested 2026-11-20, not received") !=
          std::string::npos);
    CHECK(items[1].record_id == fresh);
    CHECK(items[1].action == "request a Spark Code");
}

TEST_CASE("the text report groups actions by urgency and gives each its reason and its action") {
    const Program p = make_sample_program(d(2026, 11, 22));
    const Review r = review(p, kMonday);
    const std::string text = review_to_text(r, p);
    CHECK(text.find("Held on 2026-11-23: creator numbers from posts published 2026-10-26 to 2026-11-22 (28 days)") !=
          std::string::npos);
    const size_t now = text.find("\nNOW (");
    const size_t week = text.find("\nTHIS WEEK (");
    const size_t info = text.find("\nINFO (");
    REQUIRE(now != std::string::npos);
    REQUIRE(week != std::string::npos);
    REQUIRE(info != std::string::npos);
    CHECK(now < week);
    CHECK(week < info);
    // The first item: the live code expiring 2026-11-27, to its renewal owner.
    CHECK(text.find("  @glowwithmaya: Spark Code expires in 4 days\n"
                    "      why: Spark Code of @glowwithmaya expires in 4 days (2026-11-27)") != std::string::npos);
    CHECK(text.find("      do:  ask the creator to extend it or send a new code (owner: Dana (paid media))\n") !=
          std::string::npos);
}

TEST_CASE("rankings by margin sit beside rankings by GMV: a post with less GMV and more margin ranks first on margin") {
    Program p;
    p.settings.margin_ranking_size = 3;
    const Id prod = add_product(p, 30, 20, 0, 0);  // unit cost 20 a unit
    const Id c = add_creator(p, "ranks", 20000);
    // 60 posts (enough that the review ranks a few of many). Post k: GMV 100 + k, k orders, so
    // margin = GMV - 20 x k = 100 - 19 k: GMV rises with k while margin falls.
    std::vector<Id> ids;
    for (int k = 0; k < 60; ++k) ids.push_back(add_post(p, c, d(2026, 11, 1), 100, 10, k, 100 + k, prod).id);
    const Review r = review(p, kMonday);
    REQUIRE(r.posts_by_margin.size() == 3);
    // Best margin: k = 0 (margin 100, the lowest GMV: GMV rank 60), then k = 1, k = 2.
    for (int k = 0; k < 3; ++k) {
        CHECK(r.posts_by_margin[static_cast<size_t>(k)].id == ids[static_cast<size_t>(k)]);
        CHECK(r.posts_by_margin[static_cast<size_t>(k)].margin == doctest::Approx(100 - 19 * k));
        CHECK(r.posts_by_margin[static_cast<size_t>(k)].margin_rank == k + 1);
        CHECK(r.posts_by_margin[static_cast<size_t>(k)].gmv_rank == 60 - k);
    }
    CHECK(r.posts_by_margin[0].label == "post " + std::to_string(ids[0]) + " (@ranks)");
    // Equal GMV: the lower id ranks first.
    for (Post& x : p.posts) x.gmv = 500, x.orders = 0, x.units = 0;
    const Review tie = review(p, kMonday);
    CHECK(tie.posts_by_margin[0].id == ids[0]);
    CHECK(tie.posts_by_margin[0].gmv_rank == 1);
    CHECK(tie.posts_by_margin[2].gmv_rank == 3);
}

TEST_CASE("a live code expiring on the review day is the review's first item, to its renewal owner") {
    Program p;
    const Id c = add_creator(p, "lastday", 150000);
    const Id post = add_post(p, c, d(2026, 11, 1), 20000, 1000, 40).id;
    SparkCode sc;
    sc.id = p.next_id++;
    sc.code = "#abcdefghijklmnopqrstu=";
    sc.creator_id = c;
    sc.post_id = post;
    sc.auth_start = d(2026, 10, 24);
    sc.duration_days = 30;  // 2026-10-24 + 30 days = 2026-11-23, the review day: 0 days left
    sc.campaign_end = d(2026, 11, 23);
    sc.renewal_owner = "Dana";
    sc.verified_in_ads_manager = true;
    sc.status = SparkStatus::live;
    p.spark_codes.push_back(sc);
    const Review r = review(p, kMonday);
    REQUIRE_FALSE(r.actions.empty());
    CHECK(r.actions[0].kind == ActionKind::spark_expires_soon);
    CHECK(r.actions[0].urgency == 0);
    CHECK(r.actions[0].title == "@lastday: Spark Code expires today");
    CHECK(r.actions[0].owner == "Dana");
    // At the next review, a week later, it is past expiry and still marked live.
    const Review next = review(p, d(2026, 11, 30));
    REQUIRE_FALSE(next.actions.empty());
    CHECK(next.actions[0].kind == ActionKind::spark_expired_while_live);
}
