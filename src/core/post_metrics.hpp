// The metrics table (docs/rules.md, section 4) read at post level, for the performance screen: the
// same thresholds, the same minimum-data rule and the same kind of reasons as the creator level.
// Revenue per post for one post is its GMV against the tier average revenue per post; output is
// a creator-level measure (agreed posts) and has no post-level value.
#pragma once
#include <unordered_map>
#include <vector>

#include "metrics.hpp"

namespace sr {

// What every post is measured against: the settings, each creator's tier and the tier average
// revenue per post over the metrics window before `as_of` (the creator level's averages).
struct PostMetricsBasis {
    Settings settings;
    Date as_of;
    double tier_avg_rpp[4] = {0, 0, 0, 0};  // by tier 1..3
    std::unordered_map<Id, int> tier;       // creator id -> effective tier
};
PostMetricsBasis post_metrics_basis(const Program& p, Date as_of);

struct PostMetrics {
    Id post_id = 0;
    Id creator_id = 0;
    int tier = 1;
    std::vector<MetricResult> metrics;  // in the order of the table, output included (no value)
    MetricResult get(Metric m) const;
    bool any_flag() const;
};
// The conversion flag of one post (the post level's): enough clicks and under the threshold.
bool post_conversion_flagged(const Post& x, const Settings& s);

// `with_reasons` false skips the words (for sorting many posts); values and flags are the same.
PostMetrics post_metrics(const Post& x, const PostMetricsBasis& b, bool with_reasons = true);

}  // namespace sr
