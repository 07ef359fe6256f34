// One home per rule (docs/rules.md, "Thresholds and equality"): the flags screens colour come from
// the core, so a value exactly at a threshold reads the same on every screen.
#include <doctest/doctest.h>

#include "builders.hpp"
#include "core/input.hpp"
#include "core/metrics.hpp"
#include "core/post_metrics.hpp"
#include "core/rules.hpp"
#include "core/spark.hpp"

using namespace sr;
using namespace sr::test;

TEST_CASE("a post exactly at the conversion threshold is not flagged, on the post level and the creator level alike") {
    Program p;
    // A threshold typed as 1.1 % is 1.1 / 100 = 0.011000000000000001, and 11 orders on 1,000
    // clicks is 0.011: a plain "<" calls that under the threshold; the core does not.
    p.settings.conversion_flag = *parse_percent("1.1");
    const Id c = add_creator(p, "glow", 20000);
    const Post& x = add_post(p, c, d(2026, 11, 10), 5000, 1000, 11, 500);
    CHECK(11.0 / 1000.0 < p.settings.conversion_flag);  // the trap a screen's own "<" falls into
    CHECK_FALSE(post_conversion_flagged(x, p.settings));
    CHECK_FALSE(post_metrics(x, post_metrics_basis(p, d(2026, 11, 23))).get(Metric::conversion).flagged);
    CHECK_FALSE(metrics_for_creator(p, c, d(2026, 11, 23)).get(Metric::conversion).flagged);
    // One order fewer is flagged everywhere; under 100 clicks nowhere.
    Post y = x;
    y.orders = 10;
    CHECK(post_conversion_flagged(y, p.settings));
    y.clicks = 99;
    y.orders = 0;
    CHECK_FALSE(post_conversion_flagged(y, p.settings));
}

TEST_CASE("the typical posting rate is 30-40 %, edges inside, from the core") {
    CHECK(typical_posting_rate_text() == "30-40 %");
    auto vs = [](int posted, int delivered) { return posting_rate_vs_typical(PostingRate{delivered, posted}); };
    CHECK(vs(3, 10) == 0);   // exactly 30 %
    CHECK(vs(4, 10) == 0);   // exactly 40 %
    CHECK(vs(29, 100) == -1);
    CHECK(vs(41, 100) == 1);
    CHECK(vs(0, 0) == 0);    // nothing delivered: nothing to compare
}

TEST_CASE("days to a Spark Code's expiry read from the core: soon within the alert window, past after it") {
    Settings s;
    SparkCode c;
    c.status = SparkStatus::live;
    CHECK(spark_expiry_state(c, d(2026, 11, 23), s) == ExpiryState::unknown);
    c.auth_start = d(2026, 11, 1);
    c.duration_days = 30;  // expires 2026-12-01
    CHECK(spark_expiry_state(c, d(2026, 11, 23), s) == ExpiryState::ok);    // 8 days left
    CHECK(spark_expiry_state(c, d(2026, 11, 24), s) == ExpiryState::soon);  // 7 days: alerted
    CHECK(spark_expiry_state(c, d(2026, 12, 1), s) == ExpiryState::soon);   // expires today
    CHECK(spark_expiry_state(c, d(2026, 12, 2), s) == ExpiryState::past);
    c.status = SparkStatus::expired;
    CHECK(spark_expiry_state(c, d(2026, 12, 2), s) == ExpiryState::not_running);
}
