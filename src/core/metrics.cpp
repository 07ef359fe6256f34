#include "metrics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <unordered_set>

#include "creators.hpp"
#include "format.hpp"
#include "import_cells.hpp"
#include "rules.hpp"
#include "thresholds.hpp"

namespace sr {

namespace {

// "%.*f" of f x 100. printf formats doubles through long double, which WebAssembly emulates in
// software: the weekly review formats tens of thousands of rates, so the usual case is done with
// integers. Only a value within a hair of a rounding tie goes to printf, which then decides
// exactly as before.
std::string percent_digits(double f, int decimals) {
    const double v = f * 100.0;
    static const double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    if (decimals >= 0 && decimals <= 8) {
        const double scaled = std::fabs(v) * kPow10[decimals];
        const double whole = std::floor(scaled);
        const double frac = scaled - whole;
        if (scaled < 1e15 && std::fabs(frac - 0.5) > 1e-6) {
            const uint64_t n = static_cast<uint64_t>(whole) + (frac > 0.5 ? 1 : 0);
            std::string digits = std::to_string(n);
            if (digits.size() <= static_cast<size_t>(decimals)) digits.insert(0, static_cast<size_t>(decimals) + 1 - digits.size(), '0');
            std::string s = std::signbit(v) ? "-" : "";
            s.append(digits, 0, digits.size() - static_cast<size_t>(decimals));
            if (decimals > 0) {
                s += '.';
                s.append(digits, digits.size() - static_cast<size_t>(decimals), std::string::npos);
            }
            return s;
        }
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string rate_with(double f, int decimals) {
    if (!std::isfinite(f)) return "-";
    std::string s = percent_digits(f, decimals);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    if (s == "-0") s = "0";
    return s + " %";
}

}  // namespace

std::string fmt_rate(double f) { return rate_with(f, 2); }

MarginParts& MarginParts::operator+=(const MarginParts& o) {
    gmv += o.gmv;
    refunds += o.refunds;
    goods += o.goods;
    commission += o.commission;
    fees += o.fees;
    ad_spend += o.ad_spend;
    shipping += o.shipping;
    discounts += o.discounts;
    samples += o.samples;
    return *this;
}

namespace {

template <class M> double margin_in(const M& m, Id id) {
    auto it = m.find(id);
    return it == m.end() ? 0.0 : it->second.margin();
}

// A value and its threshold as a reason shows them: two decimals, more when a value on the other
// side of the threshold would otherwise read the same ("0.9999 % < 1 %", never "1 % < 1 %").
struct RatePair {
    std::string value, threshold;
};
RatePair rate_pair(double v, double t) {
    int decimals = 2;
    RatePair r{rate_with(v, decimals), rate_with(t, decimals)};
    while (r.value == r.threshold && (below(v, t) || above(v, t)) && decimals < 8) {
        ++decimals;
        r = {rate_with(v, decimals), rate_with(t, decimals)};
    }
    return r;
}

}  // namespace

double MarginBook::post_margin(Id id) const { return margin_in(post, id); }
double MarginBook::creator_margin(Id id) const { return margin_in(creator, id); }
double MarginBook::product_margin(Id id) const { return margin_in(product, id); }
double MarginBook::code_margin(Id id) const { return margin_in(code, id); }

namespace {

template <class V> V& slot_of(IdSlots& ids, std::vector<V>& values, Id id) {
    const size_t s = static_cast<size_t>(ids.insert(id));
    if (s == values.size()) values.emplace_back();
    return values[s];
}

template <class V> const V* find_slot(const IdSlots& ids, const std::vector<V>& values, Id id) {
    const int32_t s = ids.find(id);
    return s == IdSlots::none ? nullptr : &values[static_cast<size_t>(s)];
}

// A Spark Code's own margin on its paid rounds (docs/rules.md, "Contribution margin").
MarginParts code_parts(const SparkCode& sc, const Product* prod, const Creator* cr) {
    MarginParts m;
    const double rate = prod && prod->commission_rate ? *prod->commission_rate : (cr ? cr->commission_rate : 0.0);
    for (const PaidRound& r : sc.rounds) {
        const double orders = static_cast<double>(r.orders);
        m.gmv += r.gmv;
        m.ad_spend += r.spend;
        m.commission += r.gmv * rate;
        if (prod) {
            m.goods += prod->unit_cost * orders;
            m.shipping += prod->shipping_subsidy * orders;
            m.discounts += prod->usual_discount * orders;
        }
    }
    return m;
}

// The order lines on no post (LIVE, showcase, other sales of a roster creator) charged to their
// creator and product directly, as a post's orders are (docs/rules.md, "Contribution margin"):
// a line's product is the program's product whose SKU is the line's SKU ID, else its Product ID;
// shipping subsidy and discount count once per order.
void add_off_post_lines(const Program& p, MarginSlots& b) {
    const OrderLines& l = p.order_lines;
    if (l.empty()) return;
    std::unordered_map<std::string_view, const Product*> by_sku;
    for (const Product& x : p.products)
        if (const std::string_view sku = cells::trim_view(x.sku); !sku.empty()) by_sku.emplace(sku, &x);
    auto product_of = [&by_sku](std::string_view code) -> const Product* {
        if (code.empty()) return nullptr;
        const auto f = by_sku.find(code);
        return f == by_sku.end() ? nullptr : f->second;
    };
    // The program's product of each of the lines' Product IDs (a few hundred at most).
    std::vector<const Product*> by_product_id(l.products());
    for (size_t i = 0; i < l.products(); ++i) by_product_id[i] = product_of(l.product_at(i));
    std::vector<bool> off_place(l.places());
    for (size_t i = 0; i < l.places(); ++i) off_place[i] = l.place_at(i).post_id == 0 && l.place_at(i).creator_id != 0;
    std::unordered_set<std::string_view> orders;  // of lines on no post: an order counts once
    for (size_t i = 0; i < l.size(); ++i) {
        if (!off_place[l.place_of(i)] || l.sample(i)) continue;
        const std::string_view key = l.key(i);
        const size_t slash = key.find('/');
        const Product* prod = slash == std::string_view::npos ? nullptr : product_of(key.substr(slash + 1));
        if (!prod) prod = by_product_id[l.product_of(i)];
        const bool first = orders.insert(key.substr(0, slash)).second;
        MarginParts m;
        m.gmv = l.amount(i);
        if (l.refunded(i)) m.refunds = l.amount(i);
        m.commission = l.commission(i);
        if (prod) {
            m.goods = prod->unit_cost * static_cast<double>(l.quantity(i));
            if (first) {
                m.shipping = prod->shipping_subsidy;
                m.discounts = prod->usual_discount;
            }
        }
        slot_of(b.creator_ids, b.creator, l.creator_id(i)) += m;
        if (prod) slot_of(b.product_ids, b.product, prod->id) += m;
        b.program += m;
    }
}

}  // namespace

MarginParts spark_code_margin(const SparkCode& sc, const Program& p) {
    const Product* prod = nullptr;
    const Creator* cr = nullptr;
    for (const Product& x : p.products)
        if (x.id == sc.product_id) {
            prod = &x;
            break;
        }
    for (const Creator& x : p.creators)
        if (x.id == sc.creator_id) {
            cr = &x;
            break;
        }
    return code_parts(sc, prod, cr);
}

const MarginParts* MarginSlots::creator_of(Id id) const { return find_slot(creator_ids, creator, id); }
const MarginParts* MarginSlots::product_of(Id id) const { return find_slot(product_ids, product, id); }
double MarginSlots::post_margin(Id id) const {
    const MarginParts* m = find_slot(post_ids, post, id);
    return m ? m->margin() : 0.0;
}

MarginSlots margin_slots(const Program& p) {
    MarginSlots b;
    const RecordIndex<Product> products(p.products);
    const RecordIndex<Creator> creators(p.creators);
    const RecordIndex<Sample> samples(p.samples);
    // Every post has its slot up front (in order), with its Spark spend and the posts per sample.
    b.post_ids = IdSlots(p.posts.size());
    b.post_slot.resize(p.posts.size());
    b.post_last.reserve(p.posts.size());
    std::vector<int> posts_per_sample(samples.at.size(), 0);
    for (size_t i = 0; i < p.posts.size(); ++i) {
        const Post& x = p.posts[i];
        const int32_t slot = b.post_ids.insert(x.id);
        b.post_slot[i] = slot;
        if (static_cast<size_t>(slot) == b.post_last.size()) b.post_last.push_back(i);
        else b.post_last[static_cast<size_t>(slot)] = i;
        if (!x.sample_id) continue;
        const int32_t s = samples.slots.find(x.sample_id);
        if (s != IdSlots::none) posts_per_sample[static_cast<size_t>(s)]++;
    }
    b.post.resize(b.post_ids.size());
    std::vector<double> spend_per_post(b.post_ids.size(), 0.0);
    b.creator_ids = IdSlots(p.creators.size());
    b.creator.reserve(p.creators.size());
    b.product_ids = IdSlots(p.products.size());
    b.product.reserve(p.products.size());
    b.code_ids = IdSlots(p.spark_codes.size());
    b.code.reserve(p.spark_codes.size());

    for (const SparkCode& sc : p.spark_codes) {
        const MarginParts m = code_parts(sc, products.find(sc.product_id), creators.find(sc.creator_id));
        const double spend = m.ad_spend;
        slot_of(b.code_ids, b.code, sc.id) = m;
        const int32_t post = sc.post_id ? b.post_ids.find(sc.post_id) : IdSlots::none;
        if (post != IdSlots::none) {
            spend_per_post[static_cast<size_t>(post)] += spend;
        } else if (spend > 0) {
            MarginParts loose;
            loose.ad_spend = spend;
            slot_of(b.creator_ids, b.creator, sc.creator_id) += loose;
            if (sc.product_id) slot_of(b.product_ids, b.product, sc.product_id) += loose;
            b.program += loose;
        }
    }
    for (const Sample& s : p.samples) {
        if (posts_per_sample[static_cast<size_t>(samples.slots.find(s.id))] > 0) continue;
        MarginParts loose;
        loose.samples = s.cost;
        slot_of(b.creator_ids, b.creator, s.creator_id) += loose;
        if (s.product_id) slot_of(b.product_ids, b.product, s.product_id) += loose;
        b.program += loose;
    }
    for (size_t i = 0; i < p.posts.size(); ++i) {
        const Post& x = p.posts[i];
        MarginParts m;
        m.gmv = x.gmv;
        m.refunds = x.refunded;
        m.commission = x.commission;
        m.fees = x.creator_fee;
        if (const Product* prod = products.find(x.product_id)) {
            const double units = static_cast<double>(x.units > 0 ? x.units : x.orders);
            m.goods = prod->unit_cost * units;
            m.shipping = prod->shipping_subsidy * static_cast<double>(x.orders);
            m.discounts = prod->usual_discount * static_cast<double>(x.orders);
        }
        const size_t post = static_cast<size_t>(b.post_slot[i]);
        m.ad_spend = spend_per_post[post];
        // A post naming sample 0 finds a sample only if one has id 0, with no posts counted.
        const int32_t smp = samples.slots.find(x.sample_id);
        if (smp != IdSlots::none) {
            const size_t k = static_cast<size_t>(smp);
            m.samples = samples.at[k]->cost / (x.sample_id ? posts_per_sample[k] : 0);
        }
        b.post[post] = m;
        slot_of(b.creator_ids, b.creator, x.creator_id) += m;
        if (x.product_id) slot_of(b.product_ids, b.product, x.product_id) += m;
        b.program += m;
    }
    add_off_post_lines(p, b);
    return b;
}

MarginBook compute_margins(const Program& p) {
    const MarginSlots m = margin_slots(p);
    MarginBook b;
    b.program = m.program;
    auto fill = [](std::unordered_map<Id, MarginParts>& out, const IdSlots& ids, const std::vector<MarginParts>& v) {
        out.reserve(v.size());
        for (size_t i = 0; i < v.size(); ++i) out.emplace(ids.id_at(static_cast<int32_t>(i)), v[i]);
    };
    fill(b.post, m.post_ids, m.post);
    fill(b.creator, m.creator_ids, m.creator);
    fill(b.product, m.product_ids, m.product);
    fill(b.code, m.code_ids, m.code);
    return b;
}

const char* metric_name(Metric m) {
    switch (m) {
        case Metric::conversion: return "conversion rate";
        case Metric::revenue_per_post: return "revenue per post";
        case Metric::output: return "content output rate";
        case Metric::hook_retention: return "hook retention";
        case Metric::repeat_purchase: return "repeat purchase rate";
        case Metric::commission_to_revenue: return "commission-to-revenue";
    }
    return "?";
}

MetricResult CreatorMetrics::get(Metric m) const {
    for (const MetricResult& r : metrics)
        if (r.metric == m) return r;
    return {};
}

bool CreatorMetrics::any_flag() const {
    for (const MetricResult& r : metrics)
        if (r.flagged) return true;
    return replace_suggested;
}

Date week_start_of(Date d, const Settings& s) {
    const int back = ((d.weekday() - s.week_start) % 7 + 7) % 7;
    return d.plus_days(-back);
}

namespace {

// A creator's published posts, in program order.
using PostSpan = RecordSpan<Post>;

PostSpan span_of(const std::vector<const Post*>& v) { return {v.data(), v.data() + v.size()}; }

// Published posts by creator id.
using PostIndex = RecordGroups<Post>;

PostIndex index_posts(const Program& p) {
    return PostIndex(p.posts, p.creators.size(), [](const Post& x) { return x.creator_id; },
                     [](const Post& x) { return x.published.has_value(); });
}

int count_in(PostSpan posts, Date from, Date to_excl) {
    int n = 0;
    for (const Post* x : posts) n += *x->published >= from && *x->published < to_excl;
    return n;
}

// When a creator started owing output: the earlier of its first delivered sample and its first
// post. The model keeps no date for the move to `active`, so it is derived from the records that
// mark the real start of the work (docs/rules.md, "Output is owed from the start").
struct OutputStart {
    std::optional<Date> date;
    bool from_sample = false;  // the first delivered sample, else the first post
};

OutputStart output_start_of(std::optional<Date> first_delivery, PostSpan posts) {
    OutputStart st;
    if (first_delivery) {
        st.date = first_delivery;
        st.from_sample = true;
    }
    for (const Post* x : posts)
        if (!st.date || *x->published < *st.date) {
            st.date = *x->published;
            st.from_sample = false;
        }
    return st;
}

// The output owed over the `days` days before `as_of`, counted only on the full weeks since the
// start: `span` days (a multiple of 7, at most `days`), `posts` published since the start (within
// the window) and `expected` = agreed posts per month x span / 28.
struct OutputMeasure {
    bool agreed = false;    // agreed posts per month above 0
    bool started = false;   // a start date is known and on or before as_of
    int span = 0;           // days measured; 0 = under a full week since the start
    int posts = 0;
    double expected = 0;
    std::optional<double> rate() const {
        if (!agreed || span <= 0 || expected <= 0) return std::nullopt;
        return posts / expected;
    }
};

OutputMeasure output_measure(const Creator& c, PostSpan posts, const OutputStart& st, Date as_of,
                             int days) {
    OutputMeasure m;
    m.agreed = c.agreed_posts_per_month > 0;
    if (!m.agreed || days <= 0 || !st.date || *st.date > as_of) return m;
    m.started = true;
    const int since = as_of - *st.date;
    m.span = std::min(days, since / 7 * 7);
    if (m.span <= 0) return m;
    const Date from = std::max(as_of.plus_days(-days), *st.date);
    m.posts = count_in(posts, from, as_of);
    m.expected = c.agreed_posts_per_month * m.span / 28.0;
    return m;
}

std::optional<Date> first_delivery_of(const Program& p, Id creator_id) {
    std::optional<Date> first;
    for (const Sample& s : p.samples)
        if (s.creator_id == creator_id && sample_delivered(s) && (!first || *s.delivered < *first)) first = s.delivered;
    return first;
}

// The first delivery date of each creator's samples.
struct DeliveryIndex {
    IdSlots creators;
    std::vector<Date> first;  // by slot
};

DeliveryIndex index_first_deliveries(const Program& p) {
    DeliveryIndex idx;
    for (const Sample& s : p.samples) {
        if (!sample_delivered(s)) continue;
        const size_t k = static_cast<size_t>(idx.creators.insert(s.creator_id));
        if (k == idx.first.size()) idx.first.push_back(*s.delivered);
        else if (*s.delivered < idx.first[k]) idx.first[k] = *s.delivered;
    }
    return idx;
}

std::optional<Date> first_delivery_in(const DeliveryIndex& idx, Id creator_id) {
    const int32_t k = idx.creators.find(creator_id);
    if (k == IdSlots::none) return std::nullopt;
    return idx.first[static_cast<size_t>(k)];
}

struct Window {
    int posts = 0;
    int64_t views = 0, clicks = 0, orders = 0, buyers = 0, repeat = 0;
    double gmv = 0, costs = 0, hold_weighted = 0;
};

Window window_of(PostSpan posts, Date from, Date to_excl) {
    Window w;
    for (const Post* x : posts) {
        if (*x->published < from || *x->published >= to_excl) continue;
        w.posts++;
        w.views += x->views;
        w.clicks += x->clicks;
        w.orders += x->orders;
        w.gmv += x->gmv;
        w.costs += x->commission + x->creator_fee;
        w.hold_weighted += x->hold_rate_3s * static_cast<double>(x->views);
    }
    return w;
}

// "%g" of a value rounded to one decimal, as the output reasons show expected posts. printf of a
// double goes through long double, which WebAssembly emulates: the usual case (0 to 99,999.9)
// is written from integers, the same digits as "%g" gives.
std::string fmt_tenths(double v) {
    if (!std::signbit(v) && v < 1e5) {
        const int64_t n = std::llround(v * 10);
        std::string out = std::to_string(n / 10);
        if (n % 10) {
            out += '.';
            out += static_cast<char>('0' + n % 10);
        }
        return out;
    }
    char e[32];
    std::snprintf(e, sizeof e, "%g", v);
    return e;
}

// The metrics of one creator. Without `words` only the numbers and flags are set (no reason, no
// action text): the same flags, for telling which creators need their reasons written.
// What every creator is measured against, worked out once per call.
struct MeasureBasis {
    double tier_avg_rpp[4] = {0, 0, 0, 0};  // by tier 1..3
    char multiple[16] = "";                 // "%g" of settings.revenue_per_post_multiple
    std::string too_few_clicks, too_few_views;  // the minimum-data notes
    std::string cohort;                     // the closed 60-day cohort's dates, "A to B"
};

CreatorMetrics measure(const Program& p, const Creator& c, PostSpan posts, const Window& w, Date as_of,
                       const MeasureBasis& basis, std::optional<Date> first_delivery, bool words) {
    const Settings& s = p.settings;
    CreatorMetrics cm;
    cm.creator_id = c.id;
    cm.tier = effective_tier(c, s);
    cm.posts = w.posts;
    cm.views = w.views;
    cm.clicks = w.clicks;
    cm.orders = w.orders;
    cm.gmv = w.gmv;
    cm.metrics.reserve(6);
    const bool enough_clicks = w.clicks >= s.min_clicks;
    const bool enough_views = w.views >= s.min_views;
    std::string on_clicks, on_views;
    if (words) {
        on_clicks = " on " + fmt_int(w.clicks) + " click" + (w.clicks == 1 ? "" : "s");
        on_views = " on " + fmt_int(w.views) + " view" + (w.views == 1 ? "" : "s");
    }
    const std::string& too_little = basis.too_few_clicks;
    const std::string& too_few_views = basis.too_few_views;

    {  // conversion rate = orders / clicks, flag < 1 %
        MetricResult r;
        r.metric = Metric::conversion;
        if (words) r.action = "review brief and product fit";
        if (w.clicks > 0) {
            const double v = static_cast<double>(w.orders) / static_cast<double>(w.clicks);
            r.value = v;
            r.enough_data = enough_clicks;
            const bool low = below(v, s.conversion_flag);
            r.flagged = low && enough_clicks;
            if (words) {
                const RatePair rp = rate_pair(v, s.conversion_flag);
                r.reason = "conversion " + rp.value + (low ? " < " : " >= ") + rp.threshold + on_clicks;
                if (!enough_clicks) r.reason += too_little;
            }
        } else {
            r.enough_data = false;
            if (words) r.reason = "conversion: no clicks in the last " + std::to_string(s.metrics_window_days) + " days";
        }
        cm.metrics.push_back(std::move(r));
    }
    {  // revenue per post = GMV / posts, flag > 1.5 x tier average
        MetricResult r;
        r.metric = Metric::revenue_per_post;
        if (words) r.action = "invest: more product, faster approvals, Spark candidate";
        const double avg = basis.tier_avg_rpp[cm.tier];
        if (w.posts > 0) {
            const double v = w.gmv / w.posts;
            r.value = v;
            r.enough_data = enough_views;
            const double bar = s.revenue_per_post_multiple * avg;
            const bool high = avg > 0 && above(v, bar);
            r.flagged = high && enough_views;
            if (words) {
                r.reason = "revenue per post " + fmt_money(v, s.currency) + (high ? " > " : " <= ") + basis.multiple +
                           " x tier " + std::to_string(cm.tier) + " average " + fmt_money(avg, s.currency) + " over " +
                           std::to_string(w.posts) + " post" + (w.posts == 1 ? "" : "s");
                if (!enough_views) r.reason += too_few_views;
            }
        } else {
            r.enough_data = false;
            if (words)
                r.reason = "revenue per post: no posts in the last " + std::to_string(s.metrics_window_days) + " days";
        }
        cm.metrics.push_back(std::move(r));
    }
    {  // content output rate = posts / agreed posts, flag < 100 %; < 50 % for 4 weeks: replace
        MetricResult r;
        r.metric = Metric::output;
        if (words) r.action = "follow up";
        const OutputStart st = output_start_of(first_delivery, posts);
        const OutputMeasure om = output_measure(c, posts, st, as_of, s.metrics_window_days);
        std::string started;
        if (words && st.date)
            started = st.date->to_string() + (st.from_sample ? " (first sample delivered)" : " (first post)");
        if (const auto v = om.rate()) {
            r.value = *v;
            const bool low = below(*v, s.output_flag);
            r.flagged = low && c.status == CreatorStatus::active;
            if (words) {
                const RatePair rp = rate_pair(*v, s.output_flag);
                r.reason = "output " + rp.value + (low ? " < " : " >= ") + rp.threshold + ": " +
                           std::to_string(om.posts) + " of " + fmt_tenths(std::round(om.expected * 10) / 10) +
                           " agreed posts ";
                if (om.span >= s.metrics_window_days)
                    r.reason += "in " + std::to_string(s.metrics_window_days) + " days";
                else
                    r.reason += "in the " + std::to_string(om.span / 7) + " full week" + (om.span == 7 ? "" : "s") +
                                " since the start on " + started;
            }
            // Under output_replace at each of the last output_replace_weeks weekly checks, each
            // measured on the full weeks since the start: replace.
            bool all_low = c.status == CreatorStatus::active && s.output_replace_weeks > 0;
            bool partial = false;
            std::string checks;
            for (int k = 0; k < s.output_replace_weeks && all_low; ++k) {
                const Date at = as_of.plus_days(-7 * k);
                const OutputMeasure wk = output_measure(c, posts, st, at, s.metrics_window_days);
                const auto wr = wk.rate();
                all_low = wr && below(*wr, s.output_replace);
                if (!all_low) break;
                partial = partial || wk.span < s.metrics_window_days;
                if (words)
                    checks += (k ? ", " : "") + std::to_string(wk.posts) + " of " +
                              fmt_tenths(std::round(wk.expected * 10) / 10) + " (" + fmt_rate(*wr) + ") before " +
                              at.to_string();
            }
            if (all_low) {
                cm.replace_suggested = true;
                if (words)
                    cm.replace_reason = "output under " + fmt_rate(s.output_replace) + " of the agreed " +
                                        std::to_string(c.agreed_posts_per_month) + " posts a month at each of the last " +
                                        std::to_string(s.output_replace_weeks) + " weekly checks: " + checks +
                                        " (posts in the " + std::to_string(s.metrics_window_days) +
                                        " days before each check" +
                                        (partial ? ", counted from the start on " + started : std::string()) + ")";
                r.action = "replace";
            }
        } else {
            r.enough_data = false;
            if (!words) {
            } else if (!om.agreed)
                r.reason = "output: no agreed posts per month";
            else if (!om.started)
                r.reason = "output: not started, no sample delivered and no post yet";
            else
                r.reason = "output: not measured yet, started " + started + ", under a full week ago";
        }
        cm.metrics.push_back(std::move(r));
    }
    {  // hook retention = 3-second hold rate, flag < 25 %
        MetricResult r;
        r.metric = Metric::hook_retention;
        if (words) r.action = "revise the brief's hook direction";
        if (w.views > 0) {
            const double v = w.hold_weighted / static_cast<double>(w.views);
            r.value = v;
            r.enough_data = enough_views;
            const bool low = below(v, s.hook_hold_flag);
            r.flagged = low && enough_views;
            if (words) {
                const RatePair rp = rate_pair(v, s.hook_hold_flag);
                r.reason = "3-second hold " + rp.value + (low ? " < " : " >= ") + rp.threshold + on_views;
                if (!enough_views) r.reason += too_few_views;
            }
        } else {
            r.enough_data = false;
            if (words) r.reason = "hook retention: no views in the last " + std::to_string(s.metrics_window_days) + " days";
        }
        cm.metrics.push_back(std::move(r));
    }
    {  // repeat purchase rate: the 60-day cohort whose 60 days have fully passed
        MetricResult r;
        r.metric = Metric::repeat_purchase;
        if (words) r.action = "customer quality signal";
        const Date cohort_end = as_of.plus_days(-60);
        int64_t buyers = 0, repeat = 0;
        for (const Post* x : posts)
            if (*x->published >= cohort_end.plus_days(-60) && *x->published < cohort_end) {
                buyers += x->buyers;
                repeat += x->repeat_buyers_60d;
            }
        if (buyers > 0) {
            r.value = static_cast<double>(repeat) / static_cast<double>(buyers);
            if (words)
                r.reason = "repeat buyers " + fmt_rate(*r.value) + ": " + fmt_int(repeat) + " of " + fmt_int(buyers) +
                           " buyers from posts published " + basis.cohort;
        } else {
            r.enough_data = false;
            if (words) r.reason = "repeat purchase: no buyers in the closed 60-day cohort";
        }
        cm.metrics.push_back(std::move(r));
    }
    {  // commission-to-revenue = (commission + creator fees) / GMV, flag outside the tier band
        MetricResult r;
        r.metric = Metric::commission_to_revenue;
        if (words) r.action = "review the deal";
        const double lo = s.commission_band_min[cm.tier - 1], hi = s.commission_band_max[cm.tier - 1];
        if (w.gmv > 0) {
            const double v = w.costs / w.gmv;
            r.value = v;
            r.enough_data = enough_clicks;
            const bool out = below(v, lo) || above(v, hi);
            r.flagged = out && enough_clicks;
            if (words) {
                // Shown against the nearer edge with enough decimals to tell them apart.
                const bool low_side = std::fabs(v - lo) < std::fabs(v - hi);
                const RatePair rp = rate_pair(v, low_side ? lo : hi);
                const std::string band = low_side ? rp.threshold + " - " + fmt_rate(hi) : fmt_rate(lo) + " - " + rp.threshold;
                r.reason = "commission + fees " + rp.value + " of GMV (" + fmt_money(w.costs, s.currency) + " / " +
                           fmt_money(w.gmv, s.currency) + ") " + (out ? "outside" : "inside") + " the tier " +
                           std::to_string(cm.tier) + " band " + band + on_clicks;
                if (!enough_clicks) r.reason += too_little;
            }
        } else if (w.costs > 0) {
            r.enough_data = enough_clicks;
            r.flagged = enough_clicks;
            if (words) {
                r.reason = "commission + fees " + fmt_money(w.costs, s.currency) + " with no GMV" + on_clicks;
                if (!enough_clicks) r.reason += too_little;
            }
        } else {
            r.enough_data = false;
            if (words)
                r.reason = "commission-to-revenue: no GMV in the last " + std::to_string(s.metrics_window_days) + " days";
        }
        cm.metrics.push_back(std::move(r));
    }
    return cm;
}

bool measured(const Creator& c) { return c.status == CreatorStatus::active || c.status == CreatorStatus::paused; }

// Each creator's window (by position in p.creators; measured creators only) and what every
// creator is measured against.
MeasureBasis measure_basis(const Program& p, const PostIndex& idx, Date as_of, std::vector<Window>* windows) {
    MeasureBasis b;
    double gmv[4] = {0, 0, 0, 0};
    int n[4] = {0, 0, 0, 0};
    const Date from = as_of.plus_days(-p.settings.metrics_window_days);
    if (windows) windows->assign(p.creators.size(), Window{});
    for (size_t i = 0; i < p.creators.size(); ++i) {
        const Creator& c = p.creators[i];
        if (!measured(c)) continue;
        const int t = effective_tier(c, p.settings);
        const Window w = window_of(idx.of(c.id), from, as_of);
        gmv[t] += w.gmv;
        n[t] += w.posts;
        if (windows) (*windows)[i] = w;
    }
    for (int t = 0; t < 4; ++t) b.tier_avg_rpp[t] = n[t] ? gmv[t] / n[t] : 0.0;
    std::snprintf(b.multiple, sizeof b.multiple, "%g", p.settings.revenue_per_post_multiple);
    b.too_few_clicks = " (too little data to flag: under " + fmt_int(p.settings.min_clicks) + " clicks)";
    b.too_few_views = " (too little data to flag: under " + fmt_int(p.settings.min_views) + " views)";
    const Date cohort_end = as_of.plus_days(-60);
    b.cohort = cohort_end.plus_days(-60).to_string() + " to " + cohort_end.plus_days(-1).to_string();
    return b;
}

std::vector<CreatorMetrics> metrics_where(const Program& p, Date as_of, bool flagged_only) {
    const PostIndex idx = index_posts(p);
    std::vector<Window> windows;
    const MeasureBasis basis = measure_basis(p, idx, as_of, &windows);
    const DeliveryIndex deliveries = index_first_deliveries(p);
    std::vector<CreatorMetrics> out;
    for (size_t i = 0; i < p.creators.size(); ++i) {
        const Creator& c = p.creators[i];
        if (!measured(c)) continue;
        const PostSpan posts = idx.of(c.id);
        const std::optional<Date> first = first_delivery_in(deliveries, c.id);
        // The numbers alone first: only a flagged creator's reasons are written.
        if (flagged_only && !measure(p, c, posts, windows[i], as_of, basis, first, false).any_flag()) continue;
        out.push_back(measure(p, c, posts, windows[i], as_of, basis, first, true));
    }
    return out;
}

}  // namespace

// Measured as the review measures it: only the full weeks since the creator's start count, so a
// creator who started under a week ago (or has not started) has no rate yet.
std::optional<double> output_rate(const Program& p, const Creator& c, Date as_of, int days) {
    std::vector<const Post*> mine;
    for (const Post& x : p.posts)
        if (x.creator_id == c.id && x.published) mine.push_back(&x);
    const OutputStart st = output_start_of(first_delivery_of(p, c.id), span_of(mine));
    return output_measure(c, span_of(mine), st, as_of, days).rate();
}

std::vector<CreatorMetrics> creator_metrics(const Program& p, Date as_of) { return metrics_where(p, as_of, false); }

std::vector<CreatorMetrics> flagged_creator_metrics(const Program& p, Date as_of) { return metrics_where(p, as_of, true); }

CreatorMetrics metrics_for_creator(const Program& p, Id creator_id, Date as_of) {
    const PostIndex idx = index_posts(p);
    const MeasureBasis basis = measure_basis(p, idx, as_of, nullptr);
    const Date from = as_of.plus_days(-p.settings.metrics_window_days);
    for (const Creator& c : p.creators)
        if (c.id == creator_id) {
            const PostSpan posts = idx.of(c.id);
            return measure(p, c, posts, window_of(posts, from, as_of), as_of, basis, first_delivery_of(p, c.id), true);
        }
    return {};
}

Velocity content_velocity(const Program& p, Date week_start, int weeks) {
    Velocity v;
    const Date ws = week_start_of(week_start, p.settings);
    const Date first = ws.plus_days(-7 * weeks);
    IdSlots active(p.creators.size());
    for (const Creator& c : p.creators)
        if (c.status == CreatorStatus::active) active.insert(c.id);
    v.weeks.resize(static_cast<size_t>(weeks));
    for (int i = 0; i < weeks; ++i) v.weeks[static_cast<size_t>(i)].week_start = first.plus_days(7 * i);
    std::vector<int> last4(active.size(), 0);  // by slot in `active`
    for (const Post& x : p.posts) {
        if (!x.published) continue;
        const int32_t slot = active.find(x.creator_id);
        if (slot == IdSlots::none) continue;
        const Date d = *x.published;
        if (d < first || d >= ws) continue;
        v.weeks[static_cast<size_t>((d - first) / 7)].posts++;
        if (d >= ws.plus_days(-28)) last4[static_cast<size_t>(slot)]++;
    }
    int total = 0;
    for (const WeekCount& w : v.weeks) total += w.posts;
    v.average = weeks ? static_cast<double>(total) / weeks : 0.0;
    for (const Creator& c : p.creators) {
        if (c.status != CreatorStatus::active) continue;
        CreatorVelocity cv;
        cv.creator_id = c.id;
        cv.posts = last4[static_cast<size_t>(active.find(c.id))];
        cv.agreed = c.agreed_posts_per_month;
        if (cv.agreed > 0) cv.rate = static_cast<double>(cv.posts) / cv.agreed;
        v.creators.push_back(cv);
    }
    std::sort(v.creators.begin(), v.creators.end(),
              [](const CreatorVelocity& a, const CreatorVelocity& b) { return a.creator_id < b.creator_id; });
    return v;
}

}  // namespace sr
