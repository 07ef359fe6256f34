#include "review.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

#include "briefs.hpp"
#include "creators.hpp"
#include "enums.hpp"
#include "exclusivity.hpp"
#include "format.hpp"
#include "review_today.hpp"

namespace sr {

const char* action_kind_name(ActionKind k) {
    switch (k) {
        case ActionKind::spark_expired_while_live: return "spark_expired_while_live";
        case ActionKind::spark_expires_soon: return "spark_expires_soon";
        case ActionKind::spark_kill: return "spark_kill";
        case ActionKind::spark_campaign_outlasts_code: return "spark_campaign_outlasts_code";
        case ActionKind::spark_not_verified: return "spark_not_verified";
        case ActionKind::spark_past_expiry: return "spark_past_expiry";
        case ActionKind::spark_not_received: return "spark_not_received";
        case ActionKind::replace_creator: return "replace_creator";
        case ActionKind::compliance_open: return "compliance_open";
        case ActionKind::conversion_flag: return "conversion_flag";
        case ActionKind::commission_flag: return "commission_flag";
        case ActionKind::output_flag: return "output_flag";
        case ActionKind::hook_flag: return "hook_flag";
        case ActionKind::sample_followup: return "sample_followup";
        case ActionKind::exclusivity_ends: return "exclusivity_ends";
        case ActionKind::exclusivity_overlap: return "exclusivity_overlap";
        case ActionKind::promotion: return "promotion";
        case ActionKind::invest: return "invest";
        case ActionKind::spark_candidate: return "spark_candidate";
        case ActionKind::roster_target: return "roster_target";
        case ActionKind::budget: return "budget";
    }
    return "?";
}

namespace {

int urgency_of(ActionKind k) {
    switch (k) {
        case ActionKind::spark_expired_while_live:
        case ActionKind::spark_expires_soon:
        case ActionKind::spark_kill:
        case ActionKind::spark_campaign_outlasts_code:
        case ActionKind::spark_not_verified:
        case ActionKind::spark_past_expiry:
        case ActionKind::spark_not_received: return 0;
        case ActionKind::replace_creator:
        case ActionKind::compliance_open:
        case ActionKind::conversion_flag:
        case ActionKind::commission_flag: return 1;
        case ActionKind::output_flag:
        case ActionKind::hook_flag:
        case ActionKind::sample_followup:
        case ActionKind::exclusivity_ends:
        case ActionKind::exclusivity_overlap: return 2;
        case ActionKind::promotion:
        case ActionKind::invest:
        case ActionKind::spark_candidate: return 3;
        case ActionKind::roster_target:
        case ActionKind::budget: return 4;
    }
    return 4;
}

// What the Spark Codes of a post say about suggesting it again.
struct PostCodeState {
    bool killed = false;       // a code for the post was killed: its Spark Ad did not pay
    bool requested = false;    // a code is requested and not yet received
    Id requested_id = 0;
    std::optional<Date> requested_on;
};

std::unordered_map<Id, PostCodeState> post_code_states(const Program& p) {
    std::unordered_map<Id, PostCodeState> out;
    for (const SparkCode& c : p.spark_codes) {
        if (!c.post_id) continue;
        if (c.status == SparkStatus::killed) out[c.post_id].killed = true;
        if (c.status == SparkStatus::requested) {
            PostCodeState& st = out[c.post_id];
            st.requested = true;
            st.requested_id = c.id;
            st.requested_on = c.requested;
        }
    }
    return out;
}

bool by_gmv_first(const RankRow& a, const RankRow& b) { return a.gmv != b.gmv ? a.gmv > b.gmv : a.id < b.id; }
bool by_margin_first(const RankRow& a, const RankRow& b) { return a.margin != b.margin ? a.margin > b.margin : a.id < b.id; }

std::vector<RankRow> ranked(std::vector<RankRow> rows, bool by_gmv, size_t keep) {
    // Ranks on both measures, then keeps the top `keep` of the one asked for.
    auto first = by_gmv ? by_gmv_first : by_margin_first;
    auto other = by_gmv ? by_margin_first : by_gmv_first;
    const size_t k = std::min(keep, rows.size());
    if (k * 8 < rows.size()) {
        // A few rows of many (5 posts of 100,000): sort only those, and count each one's rank
        // on the other measure, instead of sorting everything twice.
        std::partial_sort(rows.begin(), rows.begin() + static_cast<long>(k), rows.end(), first);
        for (size_t i = 0; i < k; ++i) {
            int rank = 1;
            for (const RankRow& x : rows) rank += other(x, rows[i]);
            (by_gmv ? rows[i].gmv_rank : rows[i].margin_rank) = static_cast<int>(i + 1);
            (by_gmv ? rows[i].margin_rank : rows[i].gmv_rank) = rank;
        }
        rows.resize(k);
        return rows;
    }
    std::sort(rows.begin(), rows.end(), by_gmv_first);
    for (size_t i = 0; i < rows.size(); ++i) rows[i].gmv_rank = static_cast<int>(i + 1);
    std::sort(rows.begin(), rows.end(), by_margin_first);
    for (size_t i = 0; i < rows.size(); ++i) rows[i].margin_rank = static_cast<int>(i + 1);
    if (by_gmv)
        std::sort(rows.begin(), rows.end(), [](const RankRow& a, const RankRow& b) { return a.gmv_rank < b.gmv_rank; });
    rows.resize(k);
    return rows;
}

}  // namespace

Review review(const Program& p, Date week_start_date) {
    const Settings& s = p.settings;
    Review r;
    r.week_start = week_start_of(week_start_date, s);
    r.week_end = r.week_start.plus_days(6);
    const Date today = r.week_start;
    r.program_month = program_month(p, today);
    r.phase = program_phase(p, today);

    const RecordIndex<Creator> creators(p.creators);
    auto who = [&](Id id) {
        const Creator* c = creators.find(id);
        return !c ? "creator " + std::to_string(id) : "@" + c->handle;
    };
    // `numbers` empty: the reason is the action's numbers.
    auto add = [&](ActionKind k, Id creator, Id record, std::string owner, std::string title, std::string reason,
                   std::string action, int order, int subject = 0, std::string numbers = {}) {
        if (numbers.empty()) numbers = reason;
        r.actions.push_back({urgency_of(k), k, creator, record, std::move(owner), std::move(title), std::move(reason),
                             std::move(action), order, subject, std::move(numbers)});
    };

    // Spark Codes: the alerts as of the review day, worded once (review_today.cpp).
    for (ReviewItem& it : spark_actions(p, today)) r.actions.push_back(std::move(it));

    // Flags by creator.
    r.flagged_creators = flagged_creator_metrics(p, today);
    for (const CreatorMetrics& cm : r.flagged_creators) {
        const std::string h = who(cm.creator_id);
        if (cm.replace_suggested) {
            // Lowest output first. A creator whose few posts earn well gets one item, not a
            // replace and an invest that contradict each other.
            static const MetricResult none;
            auto metric = [&cm](Metric m) -> const MetricResult& {  // get() without the copy
                for (const MetricResult& x : cm.metrics)
                    if (x.metric == m) return x;
                return none;
            };
            const MetricResult& out = metric(Metric::output);
            const MetricResult& rpp = metric(Metric::revenue_per_post);
            std::string why = cm.replace_reason;
            std::string act = "replace the creator or end the deal";
            if (rpp.flagged) {
                why += "; yet its posts earn well: " + rpp.reason;
                act = "ask what stops the posts before replacing; replace the creator or end the deal";
            }
            add(ActionKind::replace_creator, cm.creator_id, 0, "", h + ": replace", std::move(why), std::move(act),
                static_cast<int>(out.value.value_or(0) * 10000));
        }
        for (const MetricResult& m : cm.metrics) {
            if (!m.flagged) continue;
            ActionKind k;
            switch (m.metric) {
                case Metric::conversion: k = ActionKind::conversion_flag; break;
                case Metric::commission_to_revenue: k = ActionKind::commission_flag; break;
                case Metric::output:
                    if (cm.replace_suggested) continue;  // the replace item says it
                    k = ActionKind::output_flag;
                    break;
                case Metric::hook_retention: k = ActionKind::hook_flag; break;
                case Metric::revenue_per_post:
                    if (cm.replace_suggested) continue;  // said on the replace item
                    k = ActionKind::invest;
                    break;
                default: continue;
            }
            // The most pressing first: the lowest rate for low-is-bad metrics, the highest revenue
            // per post for invest, the farthest outside the band for commission-to-revenue (fees
            // with no GMV at all first).
            const double v = m.value.value_or(0);
            int order = static_cast<int>(v * 10000);
            if (k == ActionKind::invest) order = -static_cast<int>(v);
            if (k == ActionKind::commission_flag) {
                if (!m.value) {
                    order = std::numeric_limits<int>::min();
                } else {
                    const int t = cm.tier - 1;
                    const double off = std::max(s.commission_band_min[t] - v, v - s.commission_band_max[t]);
                    order = -static_cast<int>(std::min(off, 1e5) * 10000);
                }
            }
            add(k, cm.creator_id, 0, "", h + ": " + metric_name(m.metric), m.reason, m.action, order);
        }
    }
    for (const Creator& c : p.creators)
        for (const ComplianceIncident& i : c.compliance)
            if (!i.resolved && i.date <= today)
                add(ActionKind::compliance_open, c.id, i.id, "", "@" + c.handle + ": open compliance incident",
                    i.kind + " on " + i.date.to_string() + (i.note.empty() ? "" : " (" + i.note + ")"),
                    "resolve it before the next post or Spark Ad", i.date.days);

    // Exclusivity windows: one that ends soon; two top-tier windows in one category that overlap,
    // once for the pair (under the creator with the smaller id; the other is in the reason).
    for (const ExclusivityNote& n : exclusivity_notes(p, today)) {
        const Creator* c = creators.find(n.creator_id);
        if (!c || !c->exclusivity) continue;
        if (n.kind == ExclusivityNoteKind::ends_soon) {
            add(ActionKind::exclusivity_ends, c->id, 0, "", "@" + c->handle + ": exclusivity ends " +
                    (n.days == 0 ? std::string("today") : "in " + std::to_string(n.days) + (n.days == 1 ? " day" : " days")),
                n.message, "renew the window or plan the category without it", n.days, 0,
                "ends " + c->exclusivity->end.to_string());
        } else if (n.creator_id < n.other_id) {
            const Creator* o = creators.find(n.other_id);
            if (!o) continue;
            add(ActionKind::exclusivity_overlap, c->id, o->id, "", "@" + c->handle + ": exclusivity overlaps @" + o->handle + "'s", n.message,
                "agree which creator holds the category, or change one window's dates or category", -n.days);
        }
    }

    // Follow-ups.
    {
        const std::vector<SampleFollowUp> followups = sample_followups(p, today);
        const RecordIndex<Sample> samples(p.samples);
        const RecordIndex<Product> products(p.products);
        for (const SampleFollowUp& f : followups) {
            // The title names the creator; the reason says what, when and how long ago.
            const Sample& smp = *samples.find(f.sample_id);
            const Product* pr = products.find(smp.product_id);
            const std::string what = !pr ? "sample " + std::to_string(smp.id) : pr->name;
            add(ActionKind::sample_followup, f.creator_id, f.sample_id, "", who(f.creator_id) + ": sample with no post",
                what + " delivered " + smp.delivered->to_string() + ", " + std::to_string(f.days_since_delivery) +
                    " days ago (follow up at " + std::to_string(s.sample_followup_days) + "+), no post yet",
                "follow up; close the sample as no_post if it will not be posted", -f.days_since_delivery, 0,
                what + " delivered " + smp.delivered->to_string());
        }
    }

    // Promotions.
    r.promotions = promotion_suggestions(p, today);
    for (const PromotionCheck& pc : r.promotions)
        add(ActionKind::promotion, pc.creator_id, 0, "", who(pc.creator_id) + ": promote to tier " + std::to_string(pc.to),
            pc.reason, "confirm the promotion (it lands in the tier history)", -static_cast<int>(pc.revenue_per_post));

    // Spark Ad candidates without a valid code.
    const MarginSlots book = margin_slots(p);  // for the candidates and the margin rankings
    r.candidates = spark_candidates(p, today, static_cast<size_t>(std::max(0, s.candidates_max)), book);
    const std::unordered_map<Id, PostCodeState> code_state = post_code_states(p);
    for (size_t i = 0; i < r.candidates.size(); ++i) {
        const SparkCandidate& c = r.candidates[i];
        if (c.valid_code) continue;
        const auto cs = code_state.find(c.post_id);
        if (cs != code_state.end() && cs->second.killed) continue;  // its Spark Ad was killed: not again
        // A code requested for it and overdue is an action of its own (not received): not twice.
        if (cs != code_state.end() && cs->second.requested && cs->second.requested_on &&
            today - *cs->second.requested_on >= s.spark_receive_alert_days)
            continue;
        std::string reason = "conversion " + fmt_rate(c.conversion) + " on " + fmt_int(c.clicks) + " clicks, " +
                             fmt_int(c.views) + " views; margin " + fmt_money(c.margin, s.currency);
        if (!c.compliance_passed) reason += "; compliance review pending";
        std::string act = c.compliance_passed ? "request a Spark Code" : "pass compliance review, then request a Spark Code";
        if (cs != code_state.end() && cs->second.requested) {
            reason += "; Spark Code " + std::to_string(cs->second.requested_id) + " requested" +
                      (cs->second.requested_on ? " " + cs->second.requested_on->to_string() : std::string()) +
                      ", not received";
            act = c.compliance_passed ? "chase the requested Spark Code" : "pass compliance review; chase the requested Spark Code";
        }
        add(ActionKind::spark_candidate, c.creator_id, c.post_id, "",
            who(c.creator_id) + ": Spark Ad candidate, post " + std::to_string(c.post_id), reason, act,
            static_cast<int>(i));
    }

    // Roster, budget.
    r.roster = roster_vs_targets(p);
    for (const TierRoster& t : r.roster)
        if (t.gap() != 0)
            add(ActionKind::roster_target, 0, 0, "", std::string("tier ") + tier_name(t.tier) + " roster " +
                                                        (t.gap() < 0 ? "below target" : "above target"),
                t.summary(), t.gap() < 0 ? "recruit or seed more creators" : "review who to pause or end", t.tier, t.tier);
    r.budget = budget_by_month(p, today);
    if (!r.budget.empty()) {
        const BudgetMonth& b = r.budget.back();
        if (b.compare() > 0)
            add(ActionKind::budget, 0, 0, "", "budget: month " + std::to_string(b.month) + " over", b.summary(s.currency),
                "hold Spark spend and new samples", 0, b.month);
        if (r.budget.size() >= 2) {
            const BudgetMonth& prev = r.budget[r.budget.size() - 2];
            if (prev.compare() != 0)
                add(ActionKind::budget, 0, 0, "", "budget: month " + std::to_string(prev.month) + (prev.compare() > 0 ? " was over" : " was under"),
                    prev.summary(s.currency), prev.compare() > 0 ? "plan this month lower" : "spend where the numbers say", 1,
                    prev.month);
        }
    }

    {  // A stable sort of positions, then each item moved once into place.
        std::vector<uint32_t> at(r.actions.size());
        for (size_t i = 0; i < at.size(); ++i) at[i] = static_cast<uint32_t>(i);
        std::stable_sort(at.begin(), at.end(), [&r](uint32_t i, uint32_t j) {
            const ReviewItem& a = r.actions[i];
            const ReviewItem& b = r.actions[j];
            if (a.urgency != b.urgency) return a.urgency < b.urgency;
            if (a.kind != b.kind) return a.kind < b.kind;
            if (a.order != b.order) return a.order < b.order;
            if (a.creator_id != b.creator_id) return a.creator_id < b.creator_id;
            return a.record_id < b.record_id;
        });
        std::vector<ReviewItem> sorted;
        sorted.reserve(at.size());
        for (uint32_t i : at) sorted.push_back(std::move(r.actions[i]));
        r.actions = std::move(sorted);
    }

    r.posting = posting_rate(p);
    r.velocity = content_velocity(p, r.week_start);
    r.hooks = hook_angle_table(p, r.week_start.plus_days(-s.hook_window_days), r.week_start, 0, book);

    // Margin beside GMV.
    r.program_margin = book.program;
    const size_t n = static_cast<size_t>(std::max(1, s.margin_ranking_size));
    // Creators and posts are ranked unlabelled and only the rows kept get their label: a large
    // program has 100,000 posts of which the review shows five.
    std::vector<RankRow> rows;
    rows.reserve(std::max(p.creators.size(), p.posts.size()));
    for (const Creator& c : p.creators) {
        const MarginParts* m = book.creator_of(c.id);
        if (!m) continue;
        rows.push_back({c.id, std::string(), m->margin(), m->gmv, 0, 0});
    }
    r.creators_by_margin = ranked(rows, false, n);
    r.creators_by_gmv = ranked(std::move(rows), true, n);
    for (auto* list : {&r.creators_by_margin, &r.creators_by_gmv})
        for (RankRow& x : *list) x.label = who(x.id);
    rows.clear();
    for (size_t i = 0; i < p.posts.size(); ++i) {
        const Post& x = p.posts[i];
        rows.push_back({x.id, std::string(), book.post[static_cast<size_t>(book.post_slot[i])].margin(), x.gmv, 0, 0});
    }
    r.posts_by_margin = ranked(std::move(rows), false, n);
    for (RankRow& row : r.posts_by_margin) {  // labelled from the last post with the id
        const Post& x = p.posts[book.post_last[static_cast<size_t>(book.post_ids.find(row.id))]];
        row.label = "post " + std::to_string(x.id) + " (" + who(x.creator_id) + ")";
    }
    rows.clear();
    for (const Product& x : p.products) {
        const MarginParts* found = book.product_of(x.id);
        const MarginParts m = found ? *found : MarginParts{};
        rows.push_back({x.id, x.name, m.margin(), m.gmv, 0, 0});
    }
    r.products_by_margin = ranked(std::move(rows), false, p.products.size());
    rows.clear();
    for (const SparkCode& c : p.spark_codes) {
        if (c.rounds.empty()) continue;
        const MarginParts& m = book.code[static_cast<size_t>(book.code_ids.find(c.id))];
        rows.push_back({c.id, "Spark Code " + std::to_string(c.id) + " (" + who(c.creator_id) + ")", m.margin(), m.gmv, 0, 0});
    }
    r.codes_by_margin = ranked(std::move(rows), false, static_cast<size_t>(-1));
    return r;
}

std::string action_key(const ReviewItem& a) {
    return std::string(action_kind_name(a.kind)) + "/" + std::to_string(a.creator_id) + "/" + std::to_string(a.record_id) +
           "/" + std::to_string(a.subject);
}

// ------------------------------------------------------------------ output
namespace {

using json = nlohmann::ordered_json;  // keys in the order written, for people reading the JSON

double round2(double v) { return std::round(v * 100.0) / 100.0; }
double round4(double v) { return std::round(v * 10000.0) / 10000.0; }

json rank_json(const std::vector<RankRow>& rows) {
    json a = json::array();
    for (const RankRow& x : rows)
        a.push_back({{"id", x.id}, {"label", x.label}, {"margin", round2(x.margin)}, {"gmv", round2(x.gmv)},
                     {"margin_rank", x.margin_rank}, {"gmv_rank", x.gmv_rank}});
    return a;
}

std::string pad(std::string s, size_t w) {
    // Pads by code points so UTF-8 currency signs keep columns aligned.
    size_t cps = 0;
    for (unsigned char ch : s) cps += (ch & 0xC0) != 0x80;
    if (cps < w) s.append(w - cps, ' ');
    return s;
}

std::string lpad(const std::string& s, size_t w) {
    size_t cps = 0;
    for (unsigned char ch : s) cps += (ch & 0xC0) != 0x80;
    return cps < w ? std::string(w - cps, ' ') + s : s;
}

}  // namespace

std::string review_to_json(const Review& r, const Program& p, bool pretty) {
    const Settings& s = p.settings;
    json j;
    j["program"] = s.program_name;
    j["currency"] = s.currency;
    j["week_start"] = r.week_start.to_string();
    j["week_end"] = r.week_end.to_string();
    j["program_month"] = r.program_month;
    j["phase"] = phase_name(r.phase);
    json actions = json::array();
    for (const ReviewItem& a : r.actions)
        actions.push_back({{"urgency", a.urgency}, {"kind", action_kind_name(a.kind)}, {"creator_id", a.creator_id},
                           {"record_id", a.record_id}, {"owner", a.owner}, {"title", a.title}, {"reason", a.reason},
                           {"action", a.action}});
    j["actions"] = std::move(actions);
    json flags = json::array();
    for (const CreatorMetrics& cm : r.flagged_creators) {
        json ms = json::array();
        for (const MetricResult& m : cm.metrics) {
            json o = {{"metric", metric_name(m.metric)}, {"flagged", m.flagged}, {"enough_data", m.enough_data},
                      {"reason", m.reason}};
            o["value"] = m.value ? json(round4(*m.value)) : json(nullptr);
            if (m.flagged) o["action"] = m.action;
            ms.push_back(std::move(o));
        }
        flags.push_back({{"creator_id", cm.creator_id}, {"tier", cm.tier}, {"posts", cm.posts}, {"clicks", cm.clicks},
                         {"replace_suggested", cm.replace_suggested}, {"metrics", std::move(ms)}});
    }
    j["flags_by_creator"] = std::move(flags);
    json cands = json::array();
    for (const SparkCandidate& c : r.candidates)
        cands.push_back({{"post_id", c.post_id}, {"creator_id", c.creator_id}, {"conversion", round4(c.conversion)},
                         {"clicks", c.clicks}, {"views", c.views}, {"gmv", round2(c.gmv)}, {"margin", round2(c.margin)},
                         {"valid_code", c.valid_code}, {"compliance_passed", c.compliance_passed}});
    j["spark_candidates"] = std::move(cands);
    json weeks = json::array();
    for (const WeekCount& w : r.velocity.weeks) weeks.push_back({{"week_start", w.week_start.to_string()}, {"posts", w.posts}});
    json vcreators = json::array();
    for (const CreatorVelocity& v : r.velocity.creators) {
        json o = {{"creator_id", v.creator_id}, {"posts_4_weeks", v.posts}, {"agreed_per_month", v.agreed}};
        o["rate"] = v.rate ? json(round4(*v.rate)) : json(nullptr);
        vcreators.push_back(std::move(o));
    }
    j["velocity"] = {{"weeks", std::move(weeks)},
                     {"average_per_week", round2(r.velocity.average)},
                     {"creators", std::move(vcreators)}};
    json hooks = json::array();
    for (const HookAngleRow& h : r.hooks.rows) {
        json o = {{"angle", std::string(name_of(h.hook))}, {"posts", h.posts}, {"views", h.views}, {"clicks", h.clicks},
                  {"orders", h.orders}, {"gmv", round2(h.gmv)}, {"margin", round2(h.margin)},
                  {"enough_data", h.enough_data()}};
        o["hold_rate"] = h.hold_rate ? json(round4(*h.hold_rate)) : json(nullptr);
        o["conversion"] = h.conversion ? json(round4(*h.conversion)) : json(nullptr);
        o["revenue_per_post"] = h.revenue_per_post ? json(round2(*h.revenue_per_post)) : json(nullptr);
        hooks.push_back(std::move(o));
    }
    j["hook_angles"] = {{"from", r.hooks.from ? json(r.hooks.from->to_string()) : json(nullptr)},
                        {"to", r.hooks.to.plus_days(-1).to_string()},
                        {"angles", std::move(hooks)},
                        {"winner", r.hooks.winner ? json(std::string(name_of(*r.hooks.winner))) : json(nullptr)},
                        {"winner_reason", r.hooks.winner_reason}};
    const MarginParts& m = r.program_margin;
    j["margin"] = {{"program",
                    {{"gmv", round2(m.gmv)}, {"refunds", round2(m.refunds)}, {"goods", round2(m.goods)},
                     {"commission", round2(m.commission)}, {"creator_fees", round2(m.fees)}, {"ad_spend", round2(m.ad_spend)},
                     {"shipping_subsidies", round2(m.shipping)}, {"discounts", round2(m.discounts)},
                     {"sample_costs", round2(m.samples)}, {"margin", round2(m.margin())}}},
                   {"creators_by_margin", rank_json(r.creators_by_margin)},
                   {"creators_by_gmv", rank_json(r.creators_by_gmv)},
                   {"posts_by_margin", rank_json(r.posts_by_margin)},
                   {"products_by_margin", rank_json(r.products_by_margin)},
                   {"spark_codes_by_margin", rank_json(r.codes_by_margin)}};
    json roster = json::array();
    for (const TierRoster& t : r.roster)
        roster.push_back({{"tier", t.tier}, {"active", t.active}, {"target_min", t.target_min}, {"target_max", t.target_max},
                          {"below_floor", t.below_floor}, {"gap", t.gap()}});
    j["roster"] = roster;
    json posting = {{"delivered", r.posting.delivered}, {"posted", r.posting.posted}};
    posting["rate"] = r.posting.rate() ? json(round4(*r.posting.rate())) : json(nullptr);
    j["sample_posting_rate"] = posting;
    json budget = json::array();
    for (const BudgetMonth& b : r.budget)
        budget.push_back({{"month", b.month}, {"from", b.from.to_string()}, {"to", b.to_excl.plus_days(-1).to_string()},
                          {"samples", round2(b.samples)}, {"creator_fees", round2(b.fees)}, {"spark_spend", round2(b.spark)},
                          {"coordinator", round2(b.coordinator)}, {"actual", round2(b.actual())},
                          {"budget_min", round2(b.budget_min)}, {"budget_max", round2(b.budget_max)},
                          {"compare", b.compare() > 0 ? "over" : b.compare() < 0 ? "under" : "within"}});
    j["budget"] = budget;
    return j.dump(pretty ? 2 : -1, ' ', false, json::error_handler_t::replace);
}

std::string review_to_text(const Review& r, const Program& p) {
    const Settings& s = p.settings;
    std::string o;
    o += "Weekly review: " + s.program_name + "\n";
    o += "Week " + r.week_start.to_string() + " to " + r.week_end.to_string() + " - " + phase_name(r.phase) + "\n";
    o += "Held on " + r.week_start.to_string() + ": creator numbers from posts published " +
         r.week_start.plus_days(-s.metrics_window_days).to_string() + " to " + r.week_start.plus_days(-1).to_string() +
         " (" + std::to_string(s.metrics_window_days) + " days); Spark Code alerts as of " + r.week_start.to_string() +
         "\n\n";

    // Grouped by urgency, most urgent first; each item: who and what, then why (words and
    // numbers), then what to do and who does it.
    static const char* urgency_names[] = {"NOW", "THIS WEEK", "FOLLOW UP", "OPPORTUNITY", "INFO"};
    o += "Actions (" + std::to_string(r.actions.size()) + ")\n";
    if (r.actions.empty()) o += "  nothing due\n";
    for (size_t i = 0; i < r.actions.size();) {
        const int u = r.actions[i].urgency;
        size_t j = i;
        while (j < r.actions.size() && r.actions[j].urgency == u) ++j;
        o += "\n" + std::string(urgency_names[std::min(std::max(u, 0), 4)]) + " (" + std::to_string(j - i) + ")\n";
        for (; i < j; ++i) {
            const ReviewItem& a = r.actions[i];
            o += "  " + a.title + "\n";
            o += "      why: " + a.reason + "\n";
            o += "      do:  " + a.action;
            if (!a.owner.empty()) o += " (owner: " + a.owner + ")";
            o += "\n";
        }
    }

    o += "\nSpark Ad candidates (by conversion)\n";
    o += "  " + pad("post", 10) + pad("creator", 22) + lpad("conv", 8) + lpad("clicks", 10) + lpad("views", 12) +
         lpad("margin", 14) + "  code\n";
    std::unordered_map<Id, std::string> handles;
    for (const Creator& c : p.creators) handles[c.id] = "@" + c.handle;
    const std::unordered_map<Id, PostCodeState> code_state = post_code_states(p);
    for (const SparkCandidate& c : r.candidates) {
        const auto cs = code_state.find(c.post_id);
        const char* code = c.valid_code                                           ? "valid"
                           : cs != code_state.end() && cs->second.requested ? "requested"
                           : cs != code_state.end() && cs->second.killed    ? "killed"
                                                                            : "none";
        o += "  " + pad(std::to_string(c.post_id), 10) + pad(handles[c.creator_id], 22) + lpad(fmt_rate(c.conversion), 8) +
             lpad(fmt_int(c.clicks), 10) + lpad(fmt_int(c.views), 12) + lpad(fmt_money(c.margin, s.currency), 14) + "  " +
             code + (c.compliance_passed ? "" : ", compliance pending") + "\n";
    }
    if (r.candidates.empty())
        o += "  none with " + fmt_int(s.min_clicks) + "+ clicks and " + fmt_int(s.min_views) + "+ views in the last " +
             std::to_string(s.candidate_window_days) + " days\n";

    o += "\nContent velocity (posts per week, active roster)\n  ";
    for (const WeekCount& w : r.velocity.weeks) o += lpad(std::to_string(w.posts), 6);
    char avg[32];
    std::snprintf(avg, sizeof avg, "%.1f", r.velocity.average);
    o += "   average " + std::string(avg) + "\n";

    o += "\nHook angles, posts published " + (r.hooks.from ? r.hooks.from->to_string() : std::string("from the start")) +
         " to " + r.hooks.to.plus_days(-1).to_string() + "\n";
    o += "  " + pad("angle", 24) + lpad("posts", 7) + lpad("views", 12) + lpad("hold 3s", 9) + lpad("clicks", 10) +
         lpad("conv", 8) + lpad("rev/post", 13) + lpad("margin", 14) + "\n";
    for (const HookAngleRow& h : r.hooks.rows) {
        const std::string few = h.enough_data() ? "" : "  (too little data)";
        o += "  " + pad(hook_angle_label(h.hook), 24) + lpad(std::to_string(h.posts), 7) + lpad(fmt_int(h.views), 12) +
             lpad(h.hold_rate ? fmt_rate(*h.hold_rate) : "-", 9) + lpad(fmt_int(h.clicks), 10) +
             lpad(h.conversion ? fmt_rate(*h.conversion) : "-", 8) +
             lpad(h.revenue_per_post ? fmt_money(*h.revenue_per_post, s.currency) : "-", 13) +
             lpad(fmt_money(h.margin, s.currency), 14) + few + "\n";
    }
    o += std::string("  winning angle: ") + (r.hooks.winner ? "" : "none, ") + r.hooks.winner_reason + "\n";

    auto table = [&](const char* title, const std::vector<RankRow>& rows) {
        o += std::string("\n") + title + "\n";
        o += "  " + pad("", 36) + lpad("margin", 14) + lpad("rank", 6) + lpad("GMV", 14) + lpad("rank", 6) + "\n";
        for (const RankRow& x : rows)
            o += "  " + pad(x.label.substr(0, 35), 36) + lpad(fmt_money(x.margin, s.currency), 14) +
                 lpad(std::to_string(x.margin_rank), 6) + lpad(fmt_money(x.gmv, s.currency), 14) +
                 lpad(std::to_string(x.gmv_rank), 6) + "\n";
    };
    o += "\nContribution margin, program: " + fmt_money(r.program_margin.margin(), s.currency) + " on GMV " +
         fmt_money(r.program_margin.gmv, s.currency) + "\n";
    table("Creators by margin", r.creators_by_margin);
    table("Creators by GMV", r.creators_by_gmv);
    table("Posts by margin", r.posts_by_margin);
    table("Products by margin", r.products_by_margin);
    if (!r.codes_by_margin.empty()) table("Spark Codes by margin", r.codes_by_margin);

    o += "\nRoster vs targets\n";
    for (const TierRoster& t : r.roster) o += "  " + t.summary() + "\n";
    o += "\nSample posting rate: " +
         (r.posting.rate() ? fmt_rate(*r.posting.rate()) : std::string("-")) + " (" + std::to_string(r.posting.posted) +
         " of " + std::to_string(r.posting.delivered) + " delivered samples led to a post)\n";
    if (!r.budget.empty()) {
        o += "\nBudget\n";
        for (const BudgetMonth& b : r.budget) o += "  " + b.summary(s.currency) + "\n";
    }
    return o;
}

}  // namespace sr
