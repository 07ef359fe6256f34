#include <doctest/doctest.h>

#include "builders.hpp"
#include "core/review_today.hpp"
#include "core/sample.hpp"

using namespace sr;
using sr::test::d;

namespace {
bool has_title(const std::vector<ReviewItem>& items, const std::string& title) {
    for (const ReviewItem& i : items)
        if (i.title.find(title) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("on the week's first day the home screen's review is the weekly review") {
    // 2026-11-16 is a Monday, the default week start.
    const Program p = make_sample_program(d(2026, 11, 16));
    const Review a = review(p, d(2026, 11, 16));
    const Review b = review_on(p, d(2026, 11, 16));
    REQUIRE(a.actions.size() == b.actions.size());
    for (size_t i = 0; i < a.actions.size(); ++i) {
        CHECK(a.actions[i].title == b.actions[i].title);
        CHECK(a.actions[i].reason == b.actions[i].reason);
        CHECK(a.actions[i].owner == b.actions[i].owner);
        CHECK(a.actions[i].action == b.actions[i].action);
    }
}

TEST_CASE("Spark Code actions are worded as the weekly review words them") {
    const Program p = make_sample_program(d(2026, 11, 16));
    const Review r = review(p, d(2026, 11, 16));
    std::vector<ReviewItem> now;
    for (const ReviewItem& i : r.actions)
        if (i.urgency == 0) now.push_back(i);
    std::vector<ReviewItem> mine = spark_actions(p, d(2026, 11, 16));
    REQUIRE(now.size() == mine.size());
    REQUIRE_FALSE(mine.empty());
    // review() sorts; spark_actions() keeps the alerts' order, so compare as sets of titles.
    for (const ReviewItem& i : mine) CHECK(has_title(now, i.title));
}

TEST_CASE("a live code within 7 days of expiry mid-week is on the home screen at once") {
    // The sample's live code expires 5 days after the day it is made. On Sunday 2026-11-22 the
    // week's review was held on Monday 2026-11-16, 11 days before the expiry: not alerted yet.
    const Program p = make_sample_program(d(2026, 11, 22));
    const Review weekly = review(p, d(2026, 11, 22));
    CHECK_FALSE(has_title(weekly.actions, "Spark Code expires in 5 days"));
    const Review home = review_on(p, d(2026, 11, 22));
    CHECK(has_title(home.actions, "Spark Code expires in 5 days"));
    // Still ordered by urgency, and everything but the Spark Code actions is the week's review.
    for (size_t i = 1; i < home.actions.size(); ++i) CHECK(home.actions[i - 1].urgency <= home.actions[i].urgency);
    size_t later_weekly = 0, later_home = 0;
    for (const ReviewItem& i : weekly.actions) later_weekly += i.urgency > 0;
    for (const ReviewItem& i : home.actions) later_home += i.urgency > 0;
    CHECK(later_weekly == later_home);
    CHECK(home.week_start == weekly.week_start);
}

TEST_CASE("creators ranked by GMV carry their margin beside it") {
    Program p;
    const Id prod = sr::test::add_product(p, 30, 8, 0, 0);
    const Id a = sr::test::add_creator(p, "alpha", 20000);
    const Id b = sr::test::add_creator(p, "beta", 20000);
    const Id c = sr::test::add_creator(p, "gamma", 20000);
    // alpha: GMV 300, 10 units x 8 = 80 goods, commission 200 -> margin 20.
    sr::test::add_post(p, a, d(2026, 11, 1), 5000, 500, 10, 300, prod).commission = 200;
    // beta: GMV 150, 5 x 8 = 40 goods -> margin 110.
    sr::test::add_post(p, b, d(2026, 11, 1), 5000, 500, 5, 150, prod);
    // gamma: GMV 30, 1 x 8 goods, fee 100 -> margin -78.
    sr::test::add_post(p, c, d(2026, 11, 1), 5000, 500, 1, 30, prod).creator_fee = 100;
    const auto rows = creators_margin_vs_gmv(p, 2);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].label == "@alpha");
    CHECK(rows[0].gmv == doctest::Approx(300));
    CHECK(rows[0].margin == doctest::Approx(20));
    CHECK(rows[0].gmv_rank == 1);
    CHECK(rows[0].margin_rank == 2);
    CHECK(rows[1].label == "@beta");
    CHECK(rows[1].margin_rank == 1);
    CHECK(creators_margin_vs_gmv(p, 10).back().margin == doctest::Approx(-78));
}

TEST_CASE("a Spark Code requested and not received within 5 days is an action now, in place of chasing it as a candidate") {
    Program p;
    p.settings.program_start = d(2026, 9, 1);
    const Id c = sr::test::add_creator(p, "linh.nguyen_", 120000);
    sr::test::creator(p, c).display_name = "Linh Nguyễn ✨";
    const Post& post = sr::test::add_post(p, c, d(2026, 11, 2), 20000, 500, 20);  // 4 %: a candidate
    SparkCode sc;
    sc.id = p.next_id++;
    sc.creator_id = c;
    sc.post_id = post.id;
    sc.status = SparkStatus::requested;
    sc.requested = d(2026, 11, 13);
    sc.renewal_owner = "Luis";
    p.spark_codes.push_back(sc);
    auto find = [](const Review& r, ActionKind k) -> const ReviewItem* {
        for (const ReviewItem& i : r.actions)
            if (i.kind == k) return &i;
        return nullptr;
    };
    // Monday 2026-11-16: 3 days since the request, the candidate item chases it.
    Review r = review_on(p, d(2026, 11, 16));
    CHECK_FALSE(find(r, ActionKind::spark_not_received));
    const ReviewItem* cand = find(r, ActionKind::spark_candidate);
    REQUIRE(cand);
    CHECK(cand->action == "chase the requested Spark Code");
    // Wednesday 2026-11-18: 5 days, an action now to the renewal owner; the candidate item is not repeated.
    r = review_on(p, d(2026, 11, 18));
    const ReviewItem* late = find(r, ActionKind::spark_not_received);
    REQUIRE(late);
    CHECK(late->urgency == 0);
    CHECK(late->record_id == sc.id);
    CHECK(late->owner == "Luis");
    CHECK(late->title == "@linh.nguyen_: Spark Code not received");
    CHECK(late->numbers == "requested 2026-11-13");
    CHECK(action_key(*late) == "spark_not_received/" + std::to_string(c) + "/" + std::to_string(sc.id) + "/0");
    CHECK_FALSE(find(r, ActionKind::spark_candidate));
    // The next Monday's weekly review the same.
    r = review_on(p, d(2026, 11, 23));
    REQUIRE(find(r, ActionKind::spark_not_received));
    CHECK(find(r, ActionKind::spark_not_received)->reason.find("not received after 10 days") != std::string::npos);
    CHECK_FALSE(find(r, ActionKind::spark_candidate));
}
