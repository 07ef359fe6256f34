#include "post_metrics.hpp"

#include <cstdio>
#include <string>

#include "creators.hpp"
#include "format.hpp"
#include "thresholds.hpp"

namespace sr {

bool post_conversion_flagged(const Post& x, const Settings& s) {
    return x.clicks > 0 && x.clicks >= s.min_clicks &&
           below(static_cast<double>(x.orders) / static_cast<double>(x.clicks), s.conversion_flag);
}

PostMetricsBasis post_metrics_basis(const Program& p, Date as_of) {
    PostMetricsBasis b;
    b.settings = p.settings;
    b.as_of = as_of;
    for (const Creator& c : p.creators) b.tier[c.id] = effective_tier(c, p.settings);
    double gmv[4] = {0, 0, 0, 0};
    int posts[4] = {0, 0, 0, 0};
    for (const CreatorMetrics& cm : creator_metrics(p, as_of)) {
        gmv[cm.tier] += cm.gmv;
        posts[cm.tier] += cm.posts;
    }
    for (int t = 0; t < 4; ++t) b.tier_avg_rpp[t] = posts[t] ? gmv[t] / posts[t] : 0.0;
    return b;
}

MetricResult PostMetrics::get(Metric m) const {
    for (const MetricResult& r : metrics)
        if (r.metric == m) return r;
    return {};
}

bool PostMetrics::any_flag() const {
    for (const MetricResult& r : metrics)
        if (r.flagged) return true;
    return false;
}

PostMetrics post_metrics(const Post& x, const PostMetricsBasis& b, bool words) {
    const Settings& s = b.settings;
    PostMetrics pm;
    pm.post_id = x.id;
    pm.creator_id = x.creator_id;
    auto t = b.tier.find(x.creator_id);
    pm.tier = t == b.tier.end() ? 1 : t->second;
    const bool enough_clicks = x.clicks >= s.min_clicks;
    const bool enough_views = x.views >= s.min_views;
    auto on_clicks = [&] { return " on " + fmt_int(x.clicks) + " click" + (x.clicks == 1 ? "" : "s"); };
    auto on_views = [&] { return " on " + fmt_int(x.views) + " view" + (x.views == 1 ? "" : "s"); };
    auto too_few_clicks = [&] { return " (too little data to flag: under " + fmt_int(s.min_clicks) + " clicks)"; };
    auto too_few_views = [&] { return " (too little data to flag: under " + fmt_int(s.min_views) + " views)"; };
    pm.metrics.reserve(6);

    {  // conversion rate = orders / clicks
        MetricResult r;
        r.metric = Metric::conversion;
        if (x.clicks > 0) {
            const double v = static_cast<double>(x.orders) / static_cast<double>(x.clicks);
            r.value = v;
            r.enough_data = enough_clicks;
            const bool low = below(v, s.conversion_flag);
            r.flagged = post_conversion_flagged(x, s);
            if (words)
                r.reason = "conversion " + fmt_rate(v) + (low ? " < " : " >= ") + fmt_rate(s.conversion_flag) +
                           on_clicks() + (enough_clicks ? "" : too_few_clicks());
        } else {
            r.enough_data = false;
            if (words) r.reason = "conversion: no clicks";
        }
        if (words) r.action = "review brief and product fit";
        pm.metrics.push_back(std::move(r));
    }
    {  // revenue per post: this post's GMV against the tier average
        MetricResult r;
        r.metric = Metric::revenue_per_post;
        const double avg = b.tier_avg_rpp[pm.tier];
        const double bar = s.revenue_per_post_multiple * avg;
        r.value = x.gmv;
        r.enough_data = enough_views;
        const bool high = avg > 0 && above(x.gmv, bar);
        r.flagged = high && enough_views;
        if (words) {
            char mult[16];
            std::snprintf(mult, sizeof mult, "%g", s.revenue_per_post_multiple);
            r.reason = "revenue " + fmt_money(x.gmv, s.currency) + (high ? " > " : " <= ") + mult + " x tier " +
                       std::to_string(pm.tier) + " average " + fmt_money(avg, s.currency) + " per post" +
                       (enough_views ? "" : too_few_views());
            r.action = "invest: more product, faster approvals, Spark candidate";
        }
        pm.metrics.push_back(std::move(r));
    }
    {  // content output rate: a creator-level measure
        MetricResult r;
        r.metric = Metric::output;
        r.enough_data = false;
        if (words) r.reason = "output is measured per creator (posts against agreed posts)";
        pm.metrics.push_back(std::move(r));
    }
    {  // hook retention = 3-second hold rate
        MetricResult r;
        r.metric = Metric::hook_retention;
        if (x.views > 0) {
            r.value = x.hold_rate_3s;
            r.enough_data = enough_views;
            const bool low = below(x.hold_rate_3s, s.hook_hold_flag);
            r.flagged = low && enough_views;
            if (words)
                r.reason = "3-second hold " + fmt_rate(x.hold_rate_3s) + (low ? " < " : " >= ") +
                           fmt_rate(s.hook_hold_flag) + on_views() + (enough_views ? "" : too_few_views());
        } else {
            r.enough_data = false;
            if (words) r.reason = "hook retention: no views";
        }
        if (words) r.action = "revise the brief's hook direction";
        pm.metrics.push_back(std::move(r));
    }
    {  // repeat purchase rate = repeat buyers within 60 days / buyers (tracked, not flagged)
        MetricResult r;
        r.metric = Metric::repeat_purchase;
        if (x.buyers > 0) {
            r.value = static_cast<double>(x.repeat_buyers_60d) / static_cast<double>(x.buyers);
            const bool open = x.published && b.as_of - *x.published < 60;
            if (words)
                r.reason = "repeat buyers " + fmt_rate(*r.value) + ": " + fmt_int(x.repeat_buyers_60d) + " of " +
                           fmt_int(x.buyers) + " buyers" + (open ? " (its 60 days are not over yet)" : "");
        } else {
            r.enough_data = false;
            if (words) r.reason = "repeat purchase: no buyers";
        }
        if (words) r.action = "customer quality signal";
        pm.metrics.push_back(std::move(r));
    }
    {  // commission-to-revenue = (commission + creator fee) / GMV, outside the tier band
        MetricResult r;
        r.metric = Metric::commission_to_revenue;
        const double lo = s.commission_band_min[pm.tier - 1], hi = s.commission_band_max[pm.tier - 1];
        const double costs = x.commission + x.creator_fee;
        if (x.gmv > 0) {
            const double v = costs / x.gmv;
            r.value = v;
            r.enough_data = enough_clicks;
            const bool out = below(v, lo) || above(v, hi);
            r.flagged = out && enough_clicks;
            if (words)
                r.reason = "commission + fees " + fmt_rate(v) + " of GMV (" + fmt_money(costs, s.currency) + " / " +
                           fmt_money(x.gmv, s.currency) + ") " + (out ? "outside" : "inside") + " the tier " +
                           std::to_string(pm.tier) + " band " + fmt_rate(lo) + " - " + fmt_rate(hi) + on_clicks() +
                           (enough_clicks ? "" : too_few_clicks());
        } else if (costs > 0) {
            r.enough_data = enough_clicks;
            r.flagged = enough_clicks;
            if (words)
                r.reason = "commission + fees " + fmt_money(costs, s.currency) + " with no GMV" + on_clicks() +
                           (enough_clicks ? "" : too_few_clicks());
        } else {
            r.enough_data = false;
            if (words) r.reason = "commission-to-revenue: no GMV";
        }
        if (words) r.action = "review the deal";
        pm.metrics.push_back(std::move(r));
    }
    return pm;
}

}  // namespace sr
