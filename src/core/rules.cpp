#include "rules.hpp"

#include <algorithm>
#include <optional>

#include "creators.hpp"
#include "format.hpp"
#include "id_index.hpp"
#include "input.hpp"
#include "metrics.hpp"
#include "thresholds.hpp"

namespace sr {

// ---------------------------------------------------------------- tiers and roster targets
int TierRoster::gap() const {
    if (active < target_min) return active - target_min;
    if (active > target_max) return active - target_max;
    return 0;
}

std::string TierRoster::summary() const {
    std::string s = "tier " + std::string(tier_name(tier)) + ": " + std::to_string(active) + " active, target " +
                    std::to_string(target_min) + " - " + std::to_string(target_max);
    const int g = gap();
    if (g < 0) s += " (" + std::to_string(-g) + " short)";
    else if (g > 0) s += " (" + std::to_string(g) + " over)";
    else s += " (in range)";
    return s;
}

std::vector<TierRoster> roster_vs_targets(const Program& p) {
    std::vector<TierRoster> out(3);
    for (int t = 0; t < 3; ++t) {
        out[t].tier = t + 1;
        out[t].target_min = p.settings.tier_targets[t].min_active;
        out[t].target_max = p.settings.tier_targets[t].max_active;
    }
    for (const Creator& c : p.creators) {
        if (c.status != CreatorStatus::active) continue;
        TierRoster& r = out[effective_tier(c, p.settings) - 1];
        r.active++;
        if (below_floor(c, p.settings)) r.below_floor++;
    }
    return out;
}

// ---------------------------------------------------------------- promotions
namespace {

Date first_of_month(Date d) {
    int y, m, dd;
    d.to_ymd(y, m, dd);
    return Date::from_ymd(y, m, 1);
}

Date add_months(Date first, int n) {
    int y, m, d;
    first.to_ymd(y, m, d);
    int idx = y * 12 + (m - 1) + n;
    return Date::from_ymd(idx / 12, idx % 12 + 1, 1);
}

struct PromotionContext {
    std::optional<RecordGroups<Post>> posts;  // published in the months checked, by creator
    Date from, to_excl;
    std::vector<Date> month_starts;  // the months checked, oldest first
    double median[4] = {0, 0, 0, 0};
};

double median_of(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

PromotionContext make_context(const Program& p, Date today) {
    PromotionContext ctx;
    const Settings& s = p.settings;
    const Date end = first_of_month(today);
    for (int k = s.promotion_months; k >= 1; --k) {
        const Date m = add_months(end, -k);
        if (p.settings.program_start && m < *p.settings.program_start) continue;  // before the program existed
        ctx.month_starts.push_back(m);
    }
    ctx.from = ctx.month_starts.empty() ? end : ctx.month_starts.front();
    ctx.to_excl = end;
    ctx.posts.emplace(p.posts, p.creators.size(), [](const Post& x) { return x.creator_id; },
                      [&ctx](const Post& x) { return x.published && *x.published >= ctx.from && *x.published < ctx.to_excl; });
    std::vector<double> per_tier[4];
    for (const Creator& c : p.creators) {
        if (c.status != CreatorStatus::active && c.status != CreatorStatus::paused) continue;
        const RecordSpan<Post> posts = ctx.posts->of(c.id);
        if (posts.empty()) continue;
        double gmv = 0;
        for (const Post* x : posts) gmv += x->gmv;
        per_tier[effective_tier(c, s)].push_back(gmv / static_cast<double>(posts.size()));
    }
    for (int t = 1; t <= 3; ++t) ctx.median[t] = median_of(per_tier[t]);
    return ctx;
}

// Without `words` the reason is left empty unless the promotion is suggested.
PromotionCheck check_with(const Program& p, const Creator& c, const PromotionContext& ctx, bool words = true) {
    const Settings& s = p.settings;
    PromotionCheck r;
    r.creator_id = c.id;
    r.from = effective_tier(c, s);
    r.to = r.from + 1;
    const RecordSpan<Post> posts = ctx.posts->of(c.id);
    const int min_months = std::min(2, s.promotion_months);
    const bool enough_months = static_cast<int>(ctx.month_starts.size()) >= min_months;
    r.met_output = enough_months && c.agreed_posts_per_month > 0;
    for (size_t i = 0; i < ctx.month_starts.size(); ++i) {
        const Date a = ctx.month_starts[i], b = add_months(a, 1);
        int n = 0;
        for (const Post* x : posts) n += *x->published >= a && *x->published < b;
        r.posts_per_month.push_back(n);
        if (n < c.agreed_posts_per_month) r.met_output = false;
    }
    double gmv = 0;
    for (const Post* x : posts) gmv += x->gmv;
    r.revenue_per_post = posts.empty() ? 0 : gmv / static_cast<double>(posts.size());
    r.tier_median = ctx.median[r.from];
    r.above_median = !posts.empty() && r.revenue_per_post > r.tier_median + 1e-9;
    r.clean = true;
    for (const ComplianceIncident& i : c.compliance)
        if (i.date >= ctx.from && i.date < ctx.to_excl) r.clean = false;
    if (!words && !r.suggested()) return r;

    std::string months;
    for (size_t i = 0; i < r.posts_per_month.size(); ++i) months += (i ? ", " : "") + std::to_string(r.posts_per_month[i]);
    const std::string span = ctx.month_starts.empty() ? std::string("no full month yet")
                                                       : ctx.from.to_string() + " to " + ctx.to_excl.plus_days(-1).to_string();
    r.reason = "tier " + std::to_string(r.from) + " -> " + std::to_string(r.to) + " over " + span + ": posts per month " +
               (months.empty() ? "-" : months) + " vs " + std::to_string(c.agreed_posts_per_month) + " agreed" +
               (r.met_output ? " (met)" : " (not met)") + "; revenue per post " + fmt_money(r.revenue_per_post, s.currency) +
               (r.above_median ? " > " : " <= ") + "tier median " + fmt_money(r.tier_median, s.currency) + "; compliance " +
               (r.clean ? "clean" : "not clean");
    return r;
}

}  // namespace

void promotion_window(Date today, int months, Date& from, Date& to_excl) {
    to_excl = first_of_month(today);
    from = add_months(to_excl, -months);
}

PromotionCheck promotion_check(const Program& p, Id creator_id, Date today) {
    const PromotionContext ctx = make_context(p, today);
    for (const Creator& c : p.creators)
        if (c.id == creator_id) return check_with(p, c, ctx);
    return {};
}

std::vector<PromotionCheck> promotion_suggestions(const Program& p, Date today) {
    const PromotionContext ctx = make_context(p, today);
    std::vector<PromotionCheck> out;
    for (const Creator& c : p.creators) {
        if (c.status != CreatorStatus::active) continue;
        if (effective_tier(c, p.settings) >= 3) continue;
        PromotionCheck r = check_with(p, c, ctx, false);
        if (r.suggested()) out.push_back(std::move(r));
    }
    std::sort(out.begin(), out.end(), [](const PromotionCheck& a, const PromotionCheck& b) { return a.creator_id < b.creator_id; });
    return out;
}

// ---------------------------------------------------------------- samples
std::optional<double> PostingRate::rate() const {
    if (delivered == 0) return std::nullopt;
    return static_cast<double>(posted) / delivered;
}

namespace {

// The samples that a post names.
IdSlots samples_with_posts(const Program& p) {
    IdSlots out(p.samples.size());
    for (const Post& x : p.posts)
        if (x.sample_id) out.insert(x.sample_id);
    return out;
}

PostingRate posting_rate_where(const Program& p, Id creator_id) {
    const IdSlots with_post = samples_with_posts(p);
    PostingRate r;
    for (const Sample& s : p.samples) {
        if (creator_id && s.creator_id != creator_id) continue;
        if (!sample_delivered(s)) continue;
        r.delivered++;
        if (with_post.contains(s.id) || s.status == SampleStatus::posted) r.posted++;
    }
    return r;
}

}  // namespace

bool sample_delivered(const Sample& s) {
    return s.delivered && s.status != SampleStatus::declined && s.status != SampleStatus::cancelled;
}

PostingRate posting_rate(const Program& p) { return posting_rate_where(p, 0); }
PostingRate posting_rate(const Program& p, Id creator_id) { return posting_rate_where(p, creator_id); }

int posting_rate_vs_typical(const PostingRate& r) {
    const auto v = r.rate();
    if (!v) return 0;
    if (below(*v, kTypicalPostingRateMin)) return -1;
    if (above(*v, kTypicalPostingRateMax)) return 1;
    return 0;
}

std::string typical_posting_rate_text() {
    return number_text(kTypicalPostingRateMin * 100, 1) + "-" + number_text(kTypicalPostingRateMax * 100, 1) + " %";
}

std::vector<SampleFollowUp> sample_followups(const Program& p, Date today) {
    const IdSlots with_post = samples_with_posts(p);
    const RecordIndex<Creator> creators(p.creators);
    const RecordIndex<Product> products(p.products);
    std::vector<SampleFollowUp> out;
    for (const Sample& s : p.samples) {
        if (!sample_delivered(s) || s.status == SampleStatus::posted || s.status == SampleStatus::no_post) continue;
        if (with_post.contains(s.id)) continue;
        const int days = today - *s.delivered;
        if (days < p.settings.sample_followup_days) continue;
        const Creator* c = creators.find(s.creator_id);
        const Product* pr = products.find(s.product_id);
        const std::string who = !c ? "creator " + std::to_string(s.creator_id) : "@" + c->handle;
        const std::string what = !pr ? "sample" : pr->name;
        out.push_back({s.id, s.creator_id, days,
                       who + ": " + what + " delivered " + s.delivered->to_string() + ", " + std::to_string(days) +
                           " days ago (>= " + std::to_string(p.settings.sample_followup_days) + "), no post yet"});
    }
    std::sort(out.begin(), out.end(), [](const SampleFollowUp& a, const SampleFollowUp& b) {
        if (a.days_since_delivery != b.days_since_delivery) return a.days_since_delivery > b.days_since_delivery;
        return a.sample_id < b.sample_id;
    });
    return out;
}

// ---------------------------------------------------------------- Creator Codes
Eligibility creator_code_eligibility(const Creator& c, const Settings& s) {
    Eligibility e;
    if (c.followers < s.creator_code_min_followers)
        e.reasons.push_back(fmt_int(c.followers) + " followers < " + fmt_int(s.creator_code_min_followers) + " needed");
    if (!c.creator_code || !c.creator_code->age_18_plus) e.reasons.push_back("age 18+ not confirmed");
    e.ok = e.reasons.empty();
    return e;
}

std::optional<double> code_use_rate(const CreatorCode& c) {
    if (c.scans <= 0) return std::nullopt;
    return static_cast<double>(c.uses) / static_cast<double>(c.scans);
}

std::optional<double> code_earnings_per_use(const CreatorCode& c) {
    if (c.uses <= 0) return std::nullopt;
    return c.estimated_earnings / static_cast<double>(c.uses);
}

// ---------------------------------------------------------------- the program phase and budget
const char* phase_name(Phase ph) {
    switch (ph) {
        case Phase::not_started: return "not started";
        case Phase::roster_and_seeding: return "month 1: roster and seeding";
        case Phase::testing_hooks: return "month 2: testing hook angles";
        case Phase::amplification: return "month 3: amplification and tier promotions";
        case Phase::scale: return "month 4+: scale";
    }
    return "?";
}

int program_month(const Program& p, Date today) {
    if (!p.settings.program_start || today < *p.settings.program_start) return 0;
    return (today - *p.settings.program_start) / 30 + 1;
}

Phase program_phase(const Program& p, Date today) {
    switch (program_month(p, today)) {
        case 0: return Phase::not_started;
        case 1: return Phase::roster_and_seeding;
        case 2: return Phase::testing_hooks;
        case 3: return Phase::amplification;
        default: return Phase::scale;
    }
}

int BudgetMonth::compare() const {
    if (budget_max <= 0) return 0;
    const double a = actual();
    if (a > budget_max + 0.005) return 1;
    if (a < budget_min - 0.005) return -1;
    return 0;
}

std::string BudgetMonth::summary(const std::string& currency) const {
    std::string s = "month " + std::to_string(month) + " (" + from.to_string() + " to " + to_excl.plus_days(-1).to_string() +
                    "): spent " + fmt_money(actual(), currency);
    if (budget_max <= 0) return s + ", no budget set";
    s += budget_min > 0 ? " vs " + fmt_money(budget_min, currency) + " - " + fmt_money(budget_max, currency)
                        : " vs " + fmt_money(budget_max, currency);
    const int c = compare();
    return s + (c > 0 ? " (over)" : c < 0 ? " (under)" : " (within)");
}

std::vector<BudgetMonth> budget_by_month(const Program& p, Date today) {
    std::vector<BudgetMonth> out;
    const int n = program_month(p, today);
    if (n == 0) return out;
    const Settings& s = p.settings;
    const Date start = *s.program_start;
    for (int m = 1; m <= n; ++m) {
        BudgetMonth b;
        b.month = m;
        b.from = start.plus_days(30 * (m - 1));
        b.to_excl = start.plus_days(30 * m);
        b.coordinator = s.coordinator_monthly_cost;
        if (m <= 3) {
            b.budget_min = s.build_budget_min;
            b.budget_max = s.build_budget_max;
        } else {
            b.budget_max = s.monthly_budget;
        }
        out.push_back(b);
    }
    auto slot = [&](Date d) -> BudgetMonth* {
        if (d < start) return nullptr;
        const size_t i = static_cast<size_t>((d - start) / 30);
        return i < out.size() ? &out[i] : nullptr;
    };
    for (const Sample& x : p.samples) {
        const std::optional<Date> d = x.shipped ? x.shipped : x.requested;
        if (d)
            if (BudgetMonth* b = slot(*d)) b->samples += x.cost;
    }
    for (const Post& x : p.posts)
        if (x.published)
            if (BudgetMonth* b = slot(*x.published)) b->fees += x.creator_fee;
    for (const SparkCode& c : p.spark_codes)
        for (const PaidRound& r : c.rounds)
            if (BudgetMonth* b = slot(r.date)) b->spark += r.spend;
    return out;
}

}  // namespace sr
