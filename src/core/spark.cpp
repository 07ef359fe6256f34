#include "spark.hpp"

#include <algorithm>

#include "format.hpp"
#include "id_index.hpp"
#include "metrics.hpp"
#include "thresholds.hpp"
#include "validate.hpp"

namespace sr {

std::optional<Date> spark_expiry(const SparkCode& c) {
    if (!c.auth_start) return std::nullopt;
    return c.auth_start->plus_days(c.duration_days);
}

std::optional<int> spark_days_left(const SparkCode& c, Date today) {
    auto e = spark_expiry(c);
    if (!e) return std::nullopt;
    return *e - today;
}

bool spark_code_valid(const SparkCode& c, Date today) {
    if (c.status != SparkStatus::received && c.status != SparkStatus::verified && c.status != SparkStatus::live)
        return false;
    auto left = spark_days_left(c, today);
    return left && *left >= 0;
}

ExpiryState spark_expiry_state(const SparkCode& c, Date today, const Settings& s) {
    const auto left = spark_days_left(c, today);
    if (!left) return ExpiryState::unknown;
    if (c.status != SparkStatus::received && c.status != SparkStatus::verified && c.status != SparkStatus::live)
        return ExpiryState::not_running;
    if (*left < 0) return ExpiryState::past;
    return *left <= s.spark_expiry_alert_days ? ExpiryState::soon : ExpiryState::ok;
}

bool spark_transition_allowed(SparkStatus from, SparkStatus to) {
    using S = SparkStatus;
    if (from == S::revoked || from == S::killed) return false;
    if (to == S::revoked || to == S::killed) return from != to;
    switch (from) {
        case S::requested: return to == S::received;
        case S::received: return to == S::verified || to == S::expired;
        case S::verified: return to == S::live || to == S::expired;
        case S::live: return to == S::expired;
        default: return false;
    }
}

namespace {

template <class T> const T* find_in(const std::vector<T>& v, Id id) {
    for (const T& x : v)
        if (x.id == id) return &x;
    return nullptr;
}

std::string days(int n) { return std::to_string(n) + (n == 1 || n == -1 ? " day" : " days"); }

}  // namespace

std::vector<GoLiveCheck> go_live_checks(const SparkCode& c, const Program& p) {
    std::vector<GoLiveCheck> out(4);
    out[0] = {1, "verified in Ads Manager", c.verified_in_ads_manager, ""};
    if (!out[0].ok) out[0].reason = "the code has not been verified in Ads Manager";

    out[1] = {2, "post passed compliance review", false, ""};
    const Post* post = c.post_id ? find_in(p.posts, c.post_id) : nullptr;
    if (!post) out[1].reason = "no post is linked to the code";
    else if (!post->compliance_passed) out[1].reason = "post " + std::to_string(post->id) + " has not passed compliance review";
    else out[1].ok = true;

    out[2] = {3, "authorization covers the whole campaign", false, ""};
    const auto expiry = spark_expiry(c);
    if (!expiry) out[2].reason = "the authorization start is not known, so neither is the expiry";
    else if (!c.campaign_end) out[2].reason = "the campaign has no end date";
    else if (*expiry < *c.campaign_end)
        out[2].reason = "the code expires " + expiry->to_string() + ", " + days(*c.campaign_end - *expiry) +
                        " before the campaign ends (" + c.campaign_end->to_string() + ")";
    else out[2].ok = true;

    out[3] = {4, "one named person owns renewal", !trim(c.renewal_owner).empty(), ""};
    if (!out[3].ok) out[3].reason = "nobody is named as renewal owner";
    return out;
}

bool can_go_live(const SparkCode& c, const Program& p) {
    for (const GoLiveCheck& k : go_live_checks(c, p))
        if (!k.ok) return false;
    return true;
}

namespace {

struct PaidTotals {
    int64_t clicks = 0, orders = 0;
};

OrganicBaseline baseline_of(const Post& post, PaidTotals paid) {
    OrganicBaseline b;
    b.clicks = post.clicks;
    b.orders = post.orders;
    if ((paid.clicks > 0 || paid.orders > 0) && paid.clicks < post.clicks && paid.orders <= post.orders) {
        b.clicks -= paid.clicks;
        b.orders -= paid.orders;
        b.paid_clicks = paid.clicks;
        b.paid_orders = paid.orders;
        b.paid_excluded = true;
    }
    if (b.clicks > 0) b.conversion = static_cast<double>(b.orders) / static_cast<double>(b.clicks);
    return b;
}

PaidTotals paid_on_post(const Program& p, Id post_id) {
    PaidTotals t;
    for (const SparkCode& c : p.spark_codes)
        if (c.post_id == post_id)
            for (const PaidRound& r : c.rounds) {
                t.clicks += r.clicks;
                t.orders += r.orders;
            }
    return t;
}

// The kill rule on a code whose linked post (if any) and its organic baseline are already found.
KillVerdict kill_verdict_on(const SparkCode& c, const Settings& s, const std::optional<OrganicBaseline>& organic) {
    KillVerdict v;
    if (c.rounds.empty()) {
        v.reason = "no paid round yet";
        return v;
    }
    int64_t clicks = 0, orders = 0;
    for (const PaidRound& r : c.rounds) {
        clicks += r.clicks;
        orders += r.orders;
    }
    v.paid_conversion = clicks ? static_cast<double>(orders) / static_cast<double>(clicks) : 0.0;
    if (organic) v.organic_conversion = organic->conversion;
    const std::string paid = "paid conversion " + fmt_rate(v.paid_conversion) + " on " + fmt_int(clicks) + " clicks";
    if (clicks < s.min_clicks) {
        v.reason = paid + " (too little data to judge: under " + fmt_int(s.min_clicks) + " clicks)";
        return v;
    }
    v.evaluated = true;
    std::vector<std::string> why;
    if (below(v.paid_conversion, s.kill_floor)) why.push_back(paid + " < " + fmt_rate(s.kill_floor));
    if (v.organic_conversion) {
        const double bar = s.kill_ratio_of_organic * *v.organic_conversion;
        if (below(v.paid_conversion, bar))
            why.push_back(paid + " < " + fmt_rate(s.kill_ratio_of_organic) + " of organic " +
                          fmt_rate(*v.organic_conversion) + " (" + fmt_rate(bar) + ")");
    }
    v.kill = !why.empty();
    if (v.kill) {
        v.reason = why[0];
        for (size_t i = 1; i < why.size(); ++i) v.reason += "; " + why[i].substr(paid.size() + 1);
    } else {
        v.reason = paid + " holds up";
        if (v.organic_conversion) v.reason += " against organic " + fmt_rate(*v.organic_conversion);
    }
    return v;
}

}  // namespace

OrganicBaseline organic_baseline(const Post& post, const Program& p) { return baseline_of(post, paid_on_post(p, post.id)); }

KillVerdict kill_verdict(const SparkCode& c, const Program& p) {
    const Post* post = c.post_id ? find_in(p.posts, c.post_id) : nullptr;
    std::optional<OrganicBaseline> organic;
    if (post) organic = organic_baseline(*post, p);
    return kill_verdict_on(c, p.settings, organic);
}

RoundRatios round_ratios(const PaidRound& r) {
    RoundRatios x;
    auto ratio = [](double a, double b) { return b > 0 ? std::optional<double>(a / b) : std::nullopt; };
    x.ctr = ratio(static_cast<double>(r.clicks), static_cast<double>(r.impressions));
    x.cpa = ratio(r.spend, static_cast<double>(r.orders));
    x.roas = ratio(r.gmv, r.spend);
    x.conversion = ratio(static_cast<double>(r.orders), static_cast<double>(r.clicks));
    return x;
}

std::vector<SparkAlert> spark_alerts(const Program& p, Date today) {
    std::vector<SparkAlert> out;
    const Settings& s = p.settings;
    // Creators and posts looked up once, not scanned per code.
    // The first creator with an id names it; a live code's post is the last post with its id.
    IdSlots creator_ids(p.creators.size());
    std::vector<const Creator*> creators;
    creators.reserve(p.creators.size());
    for (const Creator& x : p.creators)
        if (static_cast<size_t>(creator_ids.insert(x.id)) == creators.size()) creators.push_back(&x);
    IdSlots post_ids;
    for (const SparkCode& c : p.spark_codes)
        if (c.status == SparkStatus::live && c.post_id) post_ids.insert(c.post_id);
    std::vector<const Post*> posts(post_ids.size(), nullptr);
    std::vector<PaidTotals> paid(post_ids.size());  // every code's rounds on those posts
    if (!posts.empty()) {
        for (const Post& x : p.posts) {
            const int32_t k = post_ids.find(x.id);
            if (k != IdSlots::none) posts[static_cast<size_t>(k)] = &x;
        }
        for (const SparkCode& c : p.spark_codes) {
            const int32_t k = c.post_id ? post_ids.find(c.post_id) : IdSlots::none;
            if (k == IdSlots::none) continue;
            for (const PaidRound& r : c.rounds) {
                paid[static_cast<size_t>(k)].clicks += r.clicks;
                paid[static_cast<size_t>(k)].orders += r.orders;
            }
        }
    }
    for (const SparkCode& c : p.spark_codes) {
        const auto expiry = spark_expiry(c);
        const auto left = spark_days_left(c, today);
        const int32_t cr = creator_ids.find(c.creator_id);
        const std::string who = cr != IdSlots::none ? "@" + creators[static_cast<size_t>(cr)]->handle
                                                    : "creator " + std::to_string(c.creator_id);
        const std::string owner = trim(c.renewal_owner);
        auto push = [&](SparkAlertKind k, int days, std::string msg, std::string numbers) {
            out.push_back({k, c.id, c.creator_id, owner, days, std::move(msg), std::move(numbers)});
        };
        const bool running = c.status == SparkStatus::received || c.status == SparkStatus::verified ||
                             c.status == SparkStatus::live;
        if (c.status == SparkStatus::live && left) {
            if (*left < 0)
                push(SparkAlertKind::expired_while_live, -*left,
                     "Spark Code of " + who + " expired " + expiry->to_string() + " (" + days(-*left) +
                         " ago) but is still marked live: extend, replace or stop the ad",
                     "expired " + expiry->to_string());
            else if (*left <= s.spark_expiry_alert_days)
                push(SparkAlertKind::expires_soon, *left,
                     "Spark Code of " + who + (*left == 0 ? " expires today" : " expires in " + days(*left)) +
                         " (" + expiry->to_string() + "): ask for an extension or a new code",
                     "expires " + expiry->to_string());
        }
        if ((c.status == SparkStatus::received || c.status == SparkStatus::verified) && left && *left < 0)
            push(SparkAlertKind::past_expiry, -*left,
                 "Spark Code of " + who + " expired " + expiry->to_string() + " (" + days(-*left) + " ago) while " +
                     std::string(c.status == SparkStatus::received ? "received" : "verified") +
                     ", before it went live: set it expired, then extend or replace it if the post should still run",
                 "expired " + expiry->to_string());
        if (running && expiry && c.campaign_end && *c.campaign_end > *expiry)
            push(SparkAlertKind::campaign_outlasts_code, *c.campaign_end - *expiry,
                 "campaign of " + who + " ends " + c.campaign_end->to_string() + ", " +
                     days(*c.campaign_end - *expiry) + " after its Spark Code expires (" +
                     expiry->to_string() + ")",
                 "campaign ends " + c.campaign_end->to_string() + ", code expires " + expiry->to_string());
        if (c.status == SparkStatus::received && c.received) {
            const int waiting = today - *c.received;
            if (waiting >= s.spark_verify_alert_days)
                push(SparkAlertKind::not_verified, waiting,
                     "Spark Code of " + who + " received " + c.received->to_string() + " and not verified after " +
                         days(waiting) + " (limit " + days(s.spark_verify_alert_days) + "): paste it into Ads Manager",
                     "received " + c.received->to_string());
        }
        if (c.status == SparkStatus::requested && c.requested) {
            const int waiting = today - *c.requested;
            if (waiting >= s.spark_receive_alert_days)
                push(SparkAlertKind::not_received, waiting,
                     "Spark Code of " + who + " requested " + c.requested->to_string() + " and not received after " +
                         days(waiting) + " (limit " + days(s.spark_receive_alert_days) +
                         "): ask the creator again, or request a code for another post",
                     "requested " + c.requested->to_string());
        }
        if (c.status == SparkStatus::live) {
            const int32_t post = c.post_id ? post_ids.find(c.post_id) : IdSlots::none;
            std::optional<OrganicBaseline> organic;
            if (post != IdSlots::none && posts[static_cast<size_t>(post)])
                organic = baseline_of(*posts[static_cast<size_t>(post)], paid[static_cast<size_t>(post)]);
            const KillVerdict k = kill_verdict_on(c, s, organic);
            if (k.kill) push(SparkAlertKind::kill_suggested, 0, "kill the Spark Ad of " + who + ": " + k.reason, k.reason);
        }
    }
    return out;
}

std::vector<SparkCandidate> spark_candidates(const Program& p, Date today, size_t max_count) {
    return spark_candidates(p, today, max_count, margin_slots(p));
}

std::vector<SparkCandidate> spark_candidates(const Program& p, Date today, size_t max_count, const MarginSlots& margins) {
    const Settings& s = p.settings;
    IdSlots valid;
    for (const SparkCode& c : p.spark_codes)
        if (c.post_id && spark_code_valid(c, today)) valid.insert(c.post_id);
    std::vector<SparkCandidate> out;
    const Date from = today.plus_days(-s.candidate_window_days);
    for (const Post& x : p.posts) {
        if (!x.published || *x.published < from || *x.published > today) continue;
        if (x.clicks < s.min_clicks || x.views < s.min_views || x.clicks <= 0) continue;
        SparkCandidate c;
        c.post_id = x.id;
        c.creator_id = x.creator_id;
        c.conversion = static_cast<double>(x.orders) / static_cast<double>(x.clicks);
        c.clicks = x.clicks;
        c.views = x.views;
        c.gmv = x.gmv;
        c.valid_code = valid.contains(x.id);
        c.compliance_passed = x.compliance_passed;
        out.push_back(c);
    }
    const size_t keep = std::min(max_count, out.size());
    std::partial_sort(out.begin(), out.begin() + static_cast<long>(keep), out.end(),
                      [](const SparkCandidate& a, const SparkCandidate& b) {
                          if (a.conversion != b.conversion) return a.conversion > b.conversion;
                          return a.post_id < b.post_id;
                      });
    out.resize(keep);
    for (SparkCandidate& c : out) c.margin = margins.post_margin(c.post_id);  // only the ones kept
    return out;
}

}  // namespace sr
