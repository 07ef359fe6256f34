// Hook angles compared (docs/rules.md, section 4, "Hook angles"): month 2 of a program tests
// them. Per angle used in posts over a window: posts, views, hold rate, clicks, conversion,
// revenue per post and margin, with the minimum-data rule, and the winning angle.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model.hpp"

namespace sr {

struct MarginSlots;  // metrics.hpp

struct HookAngleRow {
    HookAngle hook = HookAngle::problem_agitation;
    int posts = 0;
    int64_t views = 0, clicks = 0, orders = 0;
    double gmv = 0;
    double margin = 0;                       // the posts' contribution margin, summed
    std::optional<double> hold_rate;         // views-weighted 3-second hold; none without views
    std::optional<double> conversion;        // orders / clicks; none without clicks
    std::optional<double> revenue_per_post;  // GMV / posts
    bool enough_clicks = false;              // min_clicks or more: conversion counts
    bool enough_views = false;               // min_views or more: hold rate and revenue per post count
    bool enough_data() const { return enough_clicks && enough_views; }
    double margin_per_post() const { return posts ? margin / posts : 0.0; }
};

struct HookAngleTable {
    std::optional<Date> from;  // posts published on or after (none: since the first post)
    Date to;                   // ... and before this day (the day itself excluded)
    Id product_id = 0;         // 0 = every product
    std::vector<HookAngleRow> rows;   // the angles with posts in the window, in the angles' order
    std::optional<HookAngle> winner;  // the best margin per post among angles with enough data
    std::string winner_reason;        // why it wins, or why no angle does
};

// Posts published in [from, to) (from none: every post before `to`), of one product (0 = all).
// A post without a publish date is in no window. The winner: of the angles with enough data
// (min_clicks clicks and min_views views), the highest margin per post, ties to the higher
// conversion, then the angles' order; at least two angles need enough data to compare.
HookAngleTable hook_angle_table(const Program& p, std::optional<Date> from, Date to, Id product_id = 0);
HookAngleTable hook_angle_table(const Program& p, std::optional<Date> from, Date to, Id product_id,
                                const MarginSlots& margins);

// The table over the hook_window_days days before `today`, for one product: the brief builder's
// winning angle for the brief's product.
HookAngleTable product_hook_angles(const Program& p, Id product_id, Date today);

}  // namespace sr
