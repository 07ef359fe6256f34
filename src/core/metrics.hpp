// Posts and their numbers (docs/rules.md, section 4): the metrics table with flags and reasons,
// the minimum-data rule, content velocity and contribution margin.
#pragma once
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "id_index.hpp"
#include "model.hpp"

namespace sr {

// "0.6 %", "1 %", "0.96 %": a fraction as a percentage with at most two decimals.
std::string fmt_rate(double fraction);

// ---------------------------------------------------------------- contribution margin
// GMV - refunds - unit cost x units - commission - creator fees - ad spend - shipping subsidies
// - discounts - sample costs.
struct MarginParts {
    double gmv = 0, refunds = 0, goods = 0, commission = 0, fees = 0, ad_spend = 0, shipping = 0, discounts = 0,
           samples = 0;
    double margin() const { return gmv - refunds - goods - commission - fees - ad_spend - shipping - discounts - samples; }
    MarginParts& operator+=(const MarginParts& o);
};

// Margin of every post, creator, product and Spark Code and of the program, in one pass.
// A post carries the spend of its Spark Codes and its share of the sample it came from (a
// sample's cost split evenly over the posts it led to). A sample with no post, or Spark spend
// with no post, is charged to its creator and product directly. A Spark Code's own margin is
// its paid rounds: round GMV less goods, commission, subsidies, discounts and spend.
struct MarginBook {
    std::unordered_map<Id, MarginParts> post, creator, product, code;
    MarginParts program;
    double post_margin(Id id) const;
    double creator_margin(Id id) const;
    double product_margin(Id id) const;
    double code_margin(Id id) const;
};
MarginBook compute_margins(const Program& p);

// The same margins by slot, for a computation over the whole program (the weekly review): each
// id's parts are summed in the same order as compute_margins() sums them, so equal to the bit.
struct MarginSlots {
    IdSlots post_ids, creator_ids, product_ids, code_ids;  // ids as charged (creators and
    std::vector<MarginParts> post, creator, product, code; // products only once charged)
    std::vector<int32_t> post_slot;  // by position in p.posts: the slot of its id
    std::vector<size_t> post_last;   // by post slot: the position of the last post with that id
    MarginParts program;
    const MarginParts* creator_of(Id id) const;  // nullptr: nothing charged to it
    const MarginParts* product_of(Id id) const;
    double post_margin(Id id) const;  // 0 for a post that is not in the program
};
MarginSlots margin_slots(const Program& p);
// One Spark Code's own margin, as compute_margins() counts it (its paid rounds only).
MarginParts spark_code_margin(const SparkCode& sc, const Program& p);

// ---------------------------------------------------------------- the metrics table
enum class Metric { conversion, revenue_per_post, output, hook_retention, repeat_purchase, commission_to_revenue };
const char* metric_name(Metric m);  // "conversion rate", ...

struct MetricResult {
    Metric metric = Metric::conversion;
    std::optional<double> value;   // none: nothing to measure (no clicks, no agreed output, ...)
    bool enough_data = true;       // false: shown, not flagged (minimum-data rule)
    bool flagged = false;
    std::string action;            // the suggested action when flagged
    std::string reason;            // words and numbers: "conversion 0.6 % < 1 % on 1,240 clicks"
};

struct CreatorMetrics {
    Id creator_id = 0;
    int tier = 1;
    int posts = 0;                 // published in the metrics window
    int64_t views = 0, clicks = 0, orders = 0;
    double gmv = 0;
    std::vector<MetricResult> metrics;  // in the order of the table
    bool replace_suggested = false;     // output < output_replace for output_replace_weeks weeks
    std::string replace_reason;
    MetricResult get(Metric m) const;  // a copy: safe on a temporary
    bool any_flag() const;
};

// The window the weekly review measures: posts published in the metrics_window_days days
// before `as_of` (as_of itself excluded). Creators with status active or paused are measured.
std::vector<CreatorMetrics> creator_metrics(const Program& p, Date as_of);
// Those of creator_metrics() with at least one flag (any_flag()), the same in every field: the
// weekly review's "flags by creator". Only their reasons are written.
std::vector<CreatorMetrics> flagged_creator_metrics(const Program& p, Date as_of);
// One creator's metrics (the same numbers creator_metrics() gives for it).
CreatorMetrics metrics_for_creator(const Program& p, Id creator_id, Date as_of);

// Output rate over the `days` days before `as_of`: posts / (agreed posts per month x days / 28).
// A month of agreed output is taken as four weeks. None when nothing was agreed.
std::optional<double> output_rate(const Program& p, const Creator& c, Date as_of, int days);

// ---------------------------------------------------------------- content velocity
struct WeekCount {
    Date week_start;
    int posts = 0;
};
struct CreatorVelocity {
    Id creator_id = 0;
    int posts = 0;        // in the last four weeks
    int agreed = 0;       // agreed posts per month (= four weeks)
    std::optional<double> rate;
};
struct Velocity {
    std::vector<WeekCount> weeks;  // the 12 full weeks before the review week, oldest first
    double average = 0;            // posts per week over those weeks
    std::vector<CreatorVelocity> creators;  // active creators, by id
};
// Week starts follow settings.week_start; `week_start` is the first day of the review week.
Velocity content_velocity(const Program& p, Date week_start, int weeks = 12);

// The first day of the week holding `d`, under settings.week_start.
Date week_start_of(Date d, const Settings& s);

}  // namespace sr
