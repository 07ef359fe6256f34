#include "hooks.hpp"

#include "briefs.hpp"
#include "enums.hpp"
#include "format.hpp"
#include "metrics.hpp"

namespace sr {

HookAngleTable hook_angle_table(const Program& p, std::optional<Date> from, Date to, Id product_id) {
    return hook_angle_table(p, from, to, product_id, margin_slots(p));
}

HookAngleTable hook_angle_table(const Program& p, std::optional<Date> from, Date to, Id product_id,
                                const MarginSlots& margins) {
    const Settings& s = p.settings;
    HookAngleTable t;
    t.from = from;
    t.to = to;
    t.product_id = product_id;
    const int n = enum_count<HookAngle>();
    std::vector<HookAngleRow> rows(static_cast<size_t>(n));
    std::vector<double> hold_weighted(static_cast<size_t>(n), 0.0);
    for (int i = 0; i < n; ++i) rows[static_cast<size_t>(i)].hook = static_cast<HookAngle>(i);
    for (const Post& x : p.posts) {
        if (!x.published || !(*x.published < to) || (from && *x.published < *from)) continue;
        if (product_id && x.product_id != product_id) continue;
        const size_t k = static_cast<size_t>(x.hook);
        if (k >= rows.size()) continue;
        HookAngleRow& r = rows[k];
        r.posts++;
        r.views += x.views;
        r.clicks += x.clicks;
        r.orders += x.orders;
        r.gmv += x.gmv;
        r.margin += margins.post_margin(x.id);
        hold_weighted[k] += x.hold_rate_3s * static_cast<double>(x.views);
    }
    for (size_t k = 0; k < rows.size(); ++k) {
        HookAngleRow& r = rows[k];
        if (!r.posts) continue;
        if (r.views > 0) r.hold_rate = hold_weighted[k] / static_cast<double>(r.views);
        if (r.clicks > 0) r.conversion = static_cast<double>(r.orders) / static_cast<double>(r.clicks);
        r.revenue_per_post = r.gmv / r.posts;
        r.enough_clicks = r.clicks >= s.min_clicks;
        r.enough_views = r.views >= s.min_views;
        t.rows.push_back(r);
    }

    const HookAngleRow* best = nullptr;
    int compared = 0;
    for (const HookAngleRow& r : t.rows) {
        if (!r.enough_data()) continue;
        ++compared;
        if (!best || r.margin_per_post() > best->margin_per_post() ||
            (r.margin_per_post() == best->margin_per_post() && r.conversion.value_or(0) > best->conversion.value_or(0)))
            best = &r;
    }
    const std::string need = fmt_int(s.min_clicks) + "+ clicks and " + fmt_int(s.min_views) + "+ views";
    if (t.rows.empty()) {
        t.winner_reason = "no posts in the window";
    } else if (compared == 0) {
        t.winner_reason = "no angle has enough data to compare (" + need + ")";
    } else if (compared == 1) {
        t.winner_reason = "only " + std::string(hook_angle_label(best->hook)) + " has enough data (" + need +
                          "): nothing to compare it with yet";
    } else {
        t.winner = best->hook;
        t.winner_reason = std::string(hook_angle_label(best->hook)) + ": margin " +
                          fmt_money(best->margin_per_post(), s.currency) + " a post over " +
                          std::to_string(best->posts) + (best->posts == 1 ? " post" : " posts") + ", conversion " +
                          fmt_rate(*best->conversion) + " on " + fmt_int(best->clicks) + " clicks, best of " +
                          std::to_string(compared) + " angles with enough data";
    }
    return t;
}

HookAngleTable product_hook_angles(const Program& p, Id product_id, Date today) {
    return hook_angle_table(p, today.plus_days(-p.settings.hook_window_days), today, product_id);
}

}  // namespace sr
