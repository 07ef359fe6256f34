#include <doctest/doctest.h>

#include "builders.hpp"
#include "core/post_metrics.hpp"

using namespace sr;
using sr::test::d;

TEST_CASE("post level: conversion under 1 % on enough clicks is flagged with its reason") {
    Program p;
    const Id c = sr::test::add_creator(p, "alpha", 20000);
    // 6 orders / 1,000 clicks = 0.6 %.
    const Post x = sr::test::add_post(p, c, d(2026, 11, 1), 20000, 1000, 6, 180);
    const PostMetrics m = post_metrics(x, post_metrics_basis(p, d(2026, 11, 16)));
    const MetricResult conv = m.get(Metric::conversion);
    REQUIRE(conv.value);
    CHECK(*conv.value == doctest::Approx(0.006));
    CHECK(conv.flagged);
    CHECK(conv.reason == "conversion 0.6 % < 1 % on 1,000 clicks");
    CHECK(conv.action == "review brief and product fit");
}

TEST_CASE("post level: under 100 clicks or 1,000 views a rate is shown but not flagged") {
    Program p;
    const Id c = sr::test::add_creator(p, "alpha", 20000);
    Post& x = sr::test::add_post(p, c, d(2026, 11, 1), 900, 50, 0, 0);
    x.hold_rate_3s = 0.10;
    const PostMetrics m = post_metrics(x, post_metrics_basis(p, d(2026, 11, 16)));
    const MetricResult conv = m.get(Metric::conversion);
    CHECK(conv.value);
    CHECK_FALSE(conv.enough_data);
    CHECK_FALSE(conv.flagged);
    CHECK(conv.reason.find("too little data to flag: under 100 clicks") != std::string::npos);
    const MetricResult hook = m.get(Metric::hook_retention);
    CHECK(*hook.value == doctest::Approx(0.10));
    CHECK_FALSE(hook.flagged);
    CHECK_FALSE(m.any_flag());
}

TEST_CASE("post level: hook retention under 25 % and commission outside the tier band are flagged") {
    Program p;
    const Id c = sr::test::add_creator(p, "alpha", 20000);  // tier 1: band 5 % - 25 %
    Post& x = sr::test::add_post(p, c, d(2026, 11, 1), 5000, 400, 20, 200);
    x.hold_rate_3s = 0.2;
    x.commission = 30;
    x.creator_fee = 30;  // 60 / 200 = 30 % > 25 %
    const PostMetrics m = post_metrics(x, post_metrics_basis(p, d(2026, 11, 16)));
    CHECK(m.get(Metric::hook_retention).flagged);
    CHECK(m.get(Metric::hook_retention).reason == "3-second hold 20 % < 25 % on 5,000 views");
    const MetricResult cr = m.get(Metric::commission_to_revenue);
    CHECK(*cr.value == doctest::Approx(0.3));
    CHECK(cr.flagged);
    CHECK(cr.reason.find("outside the tier 1 band 5 % - 25 %") != std::string::npos);
    CHECK_FALSE(m.get(Metric::output).value);  // a creator-level measure
}

TEST_CASE("post level: a post above 1.5 x the tier average revenue per post is an investment") {
    Program p;
    const Id a = sr::test::add_creator(p, "alpha", 20000);
    const Id b = sr::test::add_creator(p, "beta", 20000);
    // Tier 1 in the 28 days before 2026-11-16: GMV 100 + 100 + 400 over 3 posts = 200 a post;
    // 1.5 x 200 = 300 < 400.
    sr::test::add_post(p, a, d(2026, 11, 1), 5000, 500, 10, 100);
    sr::test::add_post(p, a, d(2026, 11, 2), 5000, 500, 10, 100);
    const Post big = sr::test::add_post(p, b, d(2026, 11, 3), 5000, 500, 10, 400);
    const PostMetricsBasis basis = post_metrics_basis(p, d(2026, 11, 16));
    CHECK(basis.tier_avg_rpp[1] == doctest::Approx(200));
    const MetricResult rpp = post_metrics(big, basis).get(Metric::revenue_per_post);
    CHECK(rpp.flagged);
    CHECK(rpp.reason == "revenue $400.00 > 1.5 x tier 1 average $200.00 per post");
    // Without words the values and flags are the same.
    const PostMetrics quiet = post_metrics(big, basis, false);
    CHECK(quiet.get(Metric::revenue_per_post).flagged);
    CHECK(quiet.get(Metric::revenue_per_post).reason.empty());
}
