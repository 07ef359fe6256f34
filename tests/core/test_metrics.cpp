#include <doctest/doctest.h>

#include "builders.hpp"
#include "core/metrics.hpp"

using namespace sr;
using namespace sr::test;

// The review is held on Monday 2026-11-23; the metrics window is the 28 days before it:
// 2026-10-26 .. 2026-11-22.
static const Date kToday = d(2026, 11, 23);

// A delivered sample: the creator's output is owed from the first one (or the first post).
static Id deliver_sample(Program& p, Id creator, Date delivered) {
    Sample s;
    s.id = p.next_id++;
    s.creator_id = creator;
    s.delivered = delivered;
    s.status = SampleStatus::delivered;
    p.samples.push_back(s);
    return s.id;
}

TEST_CASE("conversion rate = orders / clicks, flagged under 1 % with its reason in words and numbers") {
    Program p;
    const Id c = add_creator(p, "low", 20000);
    add_post(p, c, d(2026, 11, 10), 50000, 1240, 7);  // 7 / 1,240 = 0.56 % -> shown as 0.56 %
    const CreatorMetrics m = metrics_for_creator(p, c, kToday);
    const MetricResult r = m.get(Metric::conversion);
    REQUIRE(r.value);
    CHECK(*r.value == doctest::Approx(7.0 / 1240));
    CHECK(r.flagged);
    CHECK(r.reason == "conversion 0.56 % < 1 % on 1,240 clicks");
    CHECK(r.action == "review brief and product fit");
}

TEST_CASE("the weekly review's flags by creator: every creator with a flag, with the same numbers and reasons") {
    Program p;
    const Id low = add_creator(p, "low", 20000);
    const Id fine = add_creator(p, "fine", 20000);
    add_post(p, low, d(2026, 11, 10), 50000, 1240, 7);    // 0.56 % < 1 %: flagged
    add_post(p, fine, d(2026, 11, 10), 50000, 1000, 20);  // 2 %, 40 % hold, 1 of 1 agreed post: no flag
    const std::vector<CreatorMetrics> all = creator_metrics(p, kToday);
    const std::vector<CreatorMetrics> flagged = flagged_creator_metrics(p, kToday);
    REQUIRE(all.size() == 2);
    CHECK(all[0].any_flag());
    CHECK_FALSE(all[1].any_flag());
    CHECK(all[1].creator_id == fine);
    REQUIRE(flagged.size() == 1);
    CHECK(flagged[0].creator_id == low);
    CHECK(flagged[0].clicks == 1240);
    CHECK(flagged[0].get(Metric::conversion).reason == "conversion 0.56 % < 1 % on 1,240 clicks");
    REQUIRE(flagged[0].metrics.size() == all[0].metrics.size());
    for (size_t i = 0; i < all[0].metrics.size(); ++i) {
        const MetricResult &a = all[0].metrics[i], &b = flagged[0].metrics[i];
        CHECK(a.metric == b.metric);
        CHECK(a.value == b.value);
        CHECK(a.flagged == b.flagged);
        CHECK(a.enough_data == b.enough_data);
        CHECK(a.reason == b.reason);
        CHECK(a.action == b.action);
    }
}

TEST_CASE("conversion of exactly 1 % is not flagged") {
    Program p;
    const Id c = add_creator(p, "edge", 20000);
    add_post(p, c, d(2026, 11, 10), 50000, 200, 2);  // 2 / 200 = 1 % exactly
    const MetricResult r = metrics_for_creator(p, c, kToday).get(Metric::conversion);
    CHECK_FALSE(r.flagged);
    CHECK(r.reason == "conversion 1 % >= 1 % on 200 clicks");
}

TEST_CASE("a flagged value just under its threshold is shown with enough decimals to read as under it") {
    Program p;
    const Id c = add_creator(p, "nearly", 20000);
    // 99 / 9,901 = 0.99990 %: two decimals would read "1 % < 1 %"; four read 0.9999 %.
    Post& x = add_post(p, c, d(2026, 11, 10), 50000, 9901, 99);
    x.hold_rate_3s = 0.24999;  // 24.999 %: three decimals
    const CreatorMetrics m = metrics_for_creator(p, c, kToday);
    CHECK(m.get(Metric::conversion).flagged);
    CHECK(m.get(Metric::conversion).reason == "conversion 0.9999 % < 1 % on 9,901 clicks");
    CHECK(m.get(Metric::hook_retention).flagged);
    CHECK(m.get(Metric::hook_retention).reason == "3-second hold 24.999 % < 25 % on 50,000 views");
}

TEST_CASE("a rate over fewer than 100 clicks is shown but not flagged") {
    Program p;
    const Id c = add_creator(p, "thin", 20000);
    add_post(p, c, d(2026, 11, 10), 5000, 99, 0);  // 0 % on 99 clicks: too little data
    const MetricResult r = metrics_for_creator(p, c, kToday).get(Metric::conversion);
    REQUIRE(r.value);
    CHECK(*r.value == 0.0);
    CHECK_FALSE(r.enough_data);
    CHECK_FALSE(r.flagged);
    CHECK(r.reason.find("too little data") != std::string::npos);
    // 100 clicks is enough: flagged.
    p.posts[0].clicks = 100;
    CHECK(metrics_for_creator(p, c, kToday).get(Metric::conversion).flagged);
}

TEST_CASE("revenue per post and commission-to-revenue follow the minimum-data rule: 1,000 views, 100 clicks") {
    Program p;
    // Tier 1: a earns $400 on one post, b $100 on each of three; average $175, bar $262.50.
    const Id a = add_creator(p, "star", 20000);
    const Id b = add_creator(p, "steady", 20000);
    Post& x = add_post(p, a, d(2026, 11, 10), 999, 99, 10, 400);
    x.commission = 200;  // 50 % of GMV: outside the tier 1 band 5 % - 25 %
    for (int i = 0; i < 3; ++i) add_post(p, b, d(2026, 11, 1 + i), 5000, 200, 3, 100).commission = 10;
    CreatorMetrics m = metrics_for_creator(p, a, kToday);
    CHECK_FALSE(m.get(Metric::revenue_per_post).flagged);  // 999 views
    CHECK_FALSE(m.get(Metric::revenue_per_post).enough_data);
    CHECK(m.get(Metric::revenue_per_post).reason.find("too little data to flag: under 1,000 views") != std::string::npos);
    CHECK_FALSE(m.get(Metric::commission_to_revenue).flagged);  // 99 clicks
    CHECK(m.get(Metric::commission_to_revenue).reason.find("too little data to flag: under 100 clicks") != std::string::npos);
    p.posts[0].views = 1000;
    p.posts[0].clicks = 100;
    m = metrics_for_creator(p, a, kToday);
    CHECK(m.get(Metric::revenue_per_post).flagged);
    CHECK(m.get(Metric::commission_to_revenue).flagged);
}

TEST_CASE("hook retention under 25 % is flagged; exactly 25 % is not; under 1,000 views is not") {
    Program p;
    const Id c = add_creator(p, "hook", 20000);
    Post& x = add_post(p, c, d(2026, 11, 10), 4000, 300, 10);
    x.hold_rate_3s = 0.24;
    const MetricResult r = metrics_for_creator(p, c, kToday).get(Metric::hook_retention);
    CHECK(r.flagged);
    CHECK(r.reason == "3-second hold 24 % < 25 % on 4,000 views");
    CHECK(r.action == "revise the brief's hook direction");
    p.posts[0].hold_rate_3s = 0.25;
    CHECK_FALSE(metrics_for_creator(p, c, kToday).get(Metric::hook_retention).flagged);
    p.posts[0].hold_rate_3s = 0.10;
    p.posts[0].views = 999;
    const MetricResult thin = metrics_for_creator(p, c, kToday).get(Metric::hook_retention);
    CHECK_FALSE(thin.flagged);
    CHECK_FALSE(thin.enough_data);
}

TEST_CASE("revenue per post above 1.5 x the tier average is an invest signal") {
    Program p;
    // Tier 1 creators. a: 1 post of $400; b: 3 posts of $100 each.
    // Tier average = (400 + 300) / 4 posts = $175; 1.5 x 175 = $262.50; a's $400 > $262.50.
    const Id a = add_creator(p, "star", 20000);
    const Id b = add_creator(p, "steady", 20000);
    add_post(p, a, d(2026, 11, 10), 5000, 200, 10, 400);
    for (int i = 0; i < 3; ++i) add_post(p, b, d(2026, 11, 1 + i), 5000, 200, 3, 100);
    const MetricResult ra = metrics_for_creator(p, a, kToday).get(Metric::revenue_per_post);
    CHECK(ra.flagged);
    CHECK(ra.reason == "revenue per post $400.00 > 1.5 x tier 1 average $175.00 over 1 post");
    CHECK(ra.action.find("Spark candidate") != std::string::npos);
    CHECK_FALSE(metrics_for_creator(p, b, kToday).get(Metric::revenue_per_post).flagged);
}

TEST_CASE("content output rate under 100 % of the agreed posts is a follow-up") {
    Program p;
    const Id c = add_creator(p, "slow", 20000, CreatorStatus::active, 4);
    deliver_sample(p, c, d(2026, 9, 1));  // working for the program long before the window
    // 3 posts in the 28-day window against 4 agreed: 75 %.
    add_post(p, c, d(2026, 11, 20), 5000, 200, 4);
    add_post(p, c, d(2026, 11, 10), 5000, 200, 4);
    add_post(p, c, d(2026, 10, 30), 5000, 200, 4);
    const CreatorMetrics m = metrics_for_creator(p, c, kToday);
    const MetricResult r = m.get(Metric::output);
    REQUIRE(r.value);
    CHECK(*r.value == doctest::Approx(0.75));
    CHECK(r.flagged);
    CHECK(r.reason == "output 75 % < 100 %: 3 of 4 agreed posts in 28 days");
    CHECK_FALSE(m.replace_suggested);
    add_post(p, c, d(2026, 11, 22), 5000, 200, 4);  // 4 of 4: 100 %, not flagged
    CHECK_FALSE(metrics_for_creator(p, c, kToday).get(Metric::output).flagged);
}

TEST_CASE("output under 50 % for 4 weeks in a row suggests replacing the creator") {
    Program p;
    const Id c = add_creator(p, "gone", 20000, CreatorStatus::active, 4);
    deliver_sample(p, c, d(2026, 9, 1));  // started long before the four checks
    // One post on 2026-11-20. The four weekly checks (28 days before 11-23, 11-16, 11-09, 11-02)
    // count 1, 0, 0, 0 posts against 4: 25 %, 0 %, 0 %, 0 %, all under 50 %.
    add_post(p, c, d(2026, 11, 20), 5000, 200, 4);
    CreatorMetrics m = metrics_for_creator(p, c, kToday);
    CHECK(m.replace_suggested);
    CHECK(m.get(Metric::output).action == "replace");
    CHECK(m.replace_reason ==
          "output under 50 % of the agreed 4 posts a month at each of the last 4 weekly checks: 1 of 4 (25 %) before "
          "2026-11-23, 0 of 4 (0 %) before 2026-11-16, 0 of 4 (0 %) before 2026-11-09, 0 of 4 (0 %) before 2026-11-02 (posts in "
          "the 28 days before each check)");
    // Two posts in the window is 50 %: not under 50 %, so no replace.
    add_post(p, c, d(2026, 11, 21), 5000, 200, 4);
    m = metrics_for_creator(p, c, kToday);
    CHECK_FALSE(m.replace_suggested);
    CHECK(m.get(Metric::output).flagged);
}

TEST_CASE("output is owed from the creator's start: a creator active with no posts and no sample is not flagged") {
    Program p;
    const Id c = add_creator(p, "newcomer", 20000, CreatorStatus::active, 4);
    // No sample delivered and no post: nothing to owe yet.
    CreatorMetrics m = metrics_for_creator(p, c, kToday);
    MetricResult r = m.get(Metric::output);
    CHECK_FALSE(r.value);
    CHECK_FALSE(r.flagged);
    CHECK_FALSE(m.replace_suggested);
    CHECK(r.reason == "output: not started, no sample delivered and no post yet");
    CHECK_FALSE(output_rate(p, creator(p, c), kToday, 28));
    // Sample delivered Thursday 2026-11-19, 4 days before the review: under a full week.
    deliver_sample(p, c, d(2026, 11, 19));
    m = metrics_for_creator(p, c, kToday);
    r = m.get(Metric::output);
    CHECK_FALSE(r.value);
    CHECK_FALSE(r.flagged);
    CHECK_FALSE(m.replace_suggested);
    CHECK(r.reason == "output: not measured yet, started 2026-11-19 (first sample delivered), under a full week ago");
}

TEST_CASE("output of a creator who started less than 4 weeks ago counts only the full weeks since the start") {
    Program p;
    const Id c = add_creator(p, "fresh", 20000, CreatorStatus::active, 4);
    // First sample delivered 2026-11-06: 17 days before the review, 2 full weeks.
    // Owed: 4 agreed a month x 14 / 28 = 2 posts; 1 post is 50 %, under 100 %: a follow-up.
    deliver_sample(p, c, d(2026, 11, 6));
    add_post(p, c, d(2026, 11, 7), 5000, 200, 4);
    CreatorMetrics m = metrics_for_creator(p, c, kToday);
    MetricResult r = m.get(Metric::output);
    REQUIRE(r.value);
    CHECK(*r.value == doctest::Approx(0.5));
    CHECK(r.flagged);
    CHECK(r.reason == "output 50 % < 100 %: 1 of 2 agreed posts in the 2 full weeks since the start on 2026-11-06 "
                      "(first sample delivered)");
    // The check a week earlier (2026-11-16, 1 full week) sees 1 of 1: not under 50 %, so no replace.
    CHECK_FALSE(m.replace_suggested);
    CHECK(*output_rate(p, creator(p, c), kToday, 28) == doctest::Approx(0.5));
    // Two posts in the two weeks: 100 %, not flagged.
    add_post(p, c, d(2026, 11, 20), 5000, 200, 4);
    CHECK_FALSE(metrics_for_creator(p, c, kToday).get(Metric::output).flagged);
}

TEST_CASE("replace needs 4 full weeks since the start, each weekly check under 50 %") {
    Program p;
    const Id c = add_creator(p, "silent", 20000, CreatorStatus::active, 4);
    // Sample delivered 2026-10-27, 27 days before the review: the checks on 11-23, 11-16 and 11-09
    // see 3, 2 and 1 full weeks with 0 posts (0 %), but on 11-02 the creator had started only 6
    // days before: not measured, so no replace yet; a follow-up only.
    deliver_sample(p, c, d(2026, 10, 27));
    CreatorMetrics m = metrics_for_creator(p, c, kToday);
    CHECK_FALSE(m.replace_suggested);
    CHECK(m.get(Metric::output).flagged);
    CHECK(m.get(Metric::output).action == "follow up");
    // Delivered a day earlier (2026-10-26, 28 days): the 11-02 check has its full week. Owed at the
    // four checks: 4 x 28/28 = 4, 4 x 21/28 = 3, 4 x 14/28 = 2, 4 x 7/28 = 1; posted 0 each time.
    p.samples[0].delivered = d(2026, 10, 26);
    m = metrics_for_creator(p, c, kToday);
    CHECK(m.replace_suggested);
    CHECK(m.replace_reason ==
          "output under 50 % of the agreed 4 posts a month at each of the last 4 weekly checks: 0 of 4 (0 %) before "
          "2026-11-23, 0 of 3 (0 %) before 2026-11-16, 0 of 2 (0 %) before 2026-11-09, 0 of 1 (0 %) before 2026-11-02 (posts in "
          "the 28 days before each check, counted from the start on 2026-10-26 (first sample delivered))");
    // A paused creator owes no output: neither flagged nor replaced.
    creator(p, c).status = CreatorStatus::paused;
    m = metrics_for_creator(p, c, kToday);
    CHECK_FALSE(m.replace_suggested);
    CHECK_FALSE(m.get(Metric::output).flagged);
}

TEST_CASE("a creator's first post starts its output when it came before any sample") {
    Program p;
    const Id c = add_creator(p, "ownproduct", 20000, CreatorStatus::active, 4);
    add_post(p, c, d(2026, 11, 12), 5000, 200, 4);  // 11 days before the review: 1 full week
    deliver_sample(p, c, d(2026, 11, 18));
    const MetricResult r = metrics_for_creator(p, c, kToday).get(Metric::output);
    REQUIRE(r.value);
    CHECK(*r.value == doctest::Approx(1.0));  // 1 post of 4 x 7 / 28 = 1 owed
    CHECK(r.reason.find("since the start on 2026-11-12 (first post)") != std::string::npos);
}

TEST_CASE("commission-to-revenue outside the tier's expected band is flagged to review the deal") {
    Program p;
    const Id c = add_creator(p, "costly", 150000);  // tier 2: band 10 % - 40 %
    Post& x = add_post(p, c, d(2026, 11, 10), 50000, 500, 10, 1000);
    x.commission = 150;
    x.creator_fee = 400;  // (150 + 400) / 1,000 = 55 % > 40 %
    MetricResult r = metrics_for_creator(p, c, kToday).get(Metric::commission_to_revenue);
    CHECK(r.flagged);
    CHECK(r.reason == "commission + fees 55 % of GMV ($550.00 / $1,000.00) outside the tier 2 band 10 % - 40 % on 500 clicks");
    p.posts[0].creator_fee = 250;  // 40 % exactly: inside
    CHECK_FALSE(metrics_for_creator(p, c, kToday).get(Metric::commission_to_revenue).flagged);
}

TEST_CASE("repeat purchase rate is tracked per closed 60-day cohort and never flagged") {
    Program p;
    const Id c = add_creator(p, "loyal", 20000);
    // The cohort closed 60 days before 2026-11-23: posts published 2026-07-26 .. 2026-09-23.
    Post& x = add_post(p, c, d(2026, 9, 1), 5000, 200, 20);
    x.buyers = 20;
    x.repeat_buyers_60d = 5;  // 5 / 20 = 25 %
    Post& late = add_post(p, c, d(2026, 11, 1), 5000, 200, 20);
    late.buyers = 100;  // too recent: its 60 days are not over
    const MetricResult r = metrics_for_creator(p, c, kToday).get(Metric::repeat_purchase);
    REQUIRE(r.value);
    CHECK(*r.value == doctest::Approx(0.25));
    CHECK_FALSE(r.flagged);
}

TEST_CASE("contribution margin subtracts every cost of the formula, per post, creator, product and program") {
    Program p;
    const Id prod = add_product(p, 30, 8, 2, 3);  // unit cost 8, shipping 2, discount 3 per order
    const Id c = add_creator(p, "margin", 20000);
    Sample s;
    s.id = p.next_id++;
    s.creator_id = c;
    s.product_id = prod;
    s.cost = 14;
    s.delivered = d(2026, 10, 1);
    p.samples.push_back(s);
    Post& x = add_post(p, c, d(2026, 11, 1), 10000, 400, 10, 270, prod);
    x.units = 10;
    x.refunded = 27;
    x.commission = 27;
    x.creator_fee = 50;
    x.sample_id = s.id;
    SparkCode code;
    code.id = p.next_id++;
    code.creator_id = c;
    code.post_id = x.id;
    code.product_id = prod;
    code.rounds.push_back({d(2026, 11, 5), 60, 10000, 300, 6, 180});
    p.spark_codes.push_back(code);
    // Post: 270 - 27 refunds - 8 x 10 goods - 27 commission - 50 fee - 60 ad spend
    //       - 2 x 10 shipping - 3 x 10 discounts - 14 sample = -38.
    const MarginBook b = compute_margins(p);
    CHECK(b.post_margin(x.id) == doctest::Approx(-38));
    CHECK(b.creator_margin(c) == doctest::Approx(-38));
    CHECK(b.product_margin(prod) == doctest::Approx(-38));
    CHECK(b.program.margin() == doctest::Approx(-38));
    // The Spark Code alone: 180 GMV - 8 x 6 goods - 15 % x 180 commission (27) - 60 spend
    //                       - 2 x 6 shipping - 3 x 6 discounts = 15.
    CHECK(b.code_margin(code.id) == doctest::Approx(15));
}

TEST_CASE("a sample with no post is charged to its creator, product and the program") {
    Program p;
    const Id prod = add_product(p);
    const Id c = add_creator(p, "unposted", 20000);
    Sample s;
    s.id = p.next_id++;
    s.creator_id = c;
    s.product_id = prod;
    s.cost = 20;
    p.samples.push_back(s);
    const MarginBook b = compute_margins(p);
    CHECK(b.creator_margin(c) == doctest::Approx(-20));
    CHECK(b.product_margin(prod) == doctest::Approx(-20));
    CHECK(b.program.margin() == doctest::Approx(-20));
}

TEST_CASE("content velocity counts new posts per week across the active roster for 12 weeks") {
    Program p;
    const Id a = add_creator(p, "active", 20000, CreatorStatus::active, 4);
    const Id z = add_creator(p, "paused", 20000, CreatorStatus::paused, 4);
    add_post(p, a, d(2026, 11, 16), 1, 0, 0);  // last full week (Mon 11-16 .. Sun 11-22)
    add_post(p, a, d(2026, 11, 22), 1, 0, 0);
    add_post(p, a, d(2026, 8, 31), 1, 0, 0);   // the oldest of the 12 weeks
    add_post(p, a, d(2026, 8, 30), 1, 0, 0);   // 13 weeks back: outside
    add_post(p, a, d(2026, 11, 23), 1, 0, 0);  // the review week itself: not yet counted
    add_post(p, z, d(2026, 11, 17), 1, 0, 0);  // not on the active roster
    const Velocity v = content_velocity(p, kToday);
    REQUIRE(v.weeks.size() == 12);
    CHECK(v.weeks.front().week_start == d(2026, 8, 31));
    CHECK(v.weeks.front().posts == 1);
    CHECK(v.weeks.back().week_start == d(2026, 11, 16));
    CHECK(v.weeks.back().posts == 2);
    CHECK(v.average == doctest::Approx(3.0 / 12));
    REQUIRE(v.creators.size() == 1);
    CHECK(v.creators[0].posts == 2);   // last four weeks
    CHECK(*v.creators[0].rate == doctest::Approx(0.5));  // 2 of 4 agreed
}

TEST_CASE("weeks start on the day the settings say") {
    Settings s;
    CHECK(week_start_of(d(2026, 11, 26), s) == d(2026, 11, 23));  // Thursday -> Monday
    s.week_start = 6;                                              // Sunday
    CHECK(week_start_of(d(2026, 11, 26), s) == d(2026, 11, 22));
}
