// Spark Codes (docs/rules.md, section 5): expiry, the state machine, the four-check go-live rule,
// alerts, extend vs replace, the kill rule and Spark Ad candidates.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model.hpp"

namespace sr {

// The last day the authorization works: authorization start + duration (days). A code is
// usable on its expiry day and expired the day after. Unknown without an authorization start.
std::optional<Date> spark_expiry(const SparkCode& c);
// Days from `today` to the expiry (0 = expires today, negative = already past).
std::optional<int> spark_days_left(const SparkCode& c, Date today);
// A code that can still run a Spark Ad on `today`: received, verified or live, not past expiry.
bool spark_code_valid(const SparkCode& c, Date today);

// How a code's days to expiry read on `today`, for the screens that colour them: unknown (no
// authorization start), not_running (requested, expired, revoked or killed), past (received,
// verified or live past its expiry), soon (running, 0 to spark_expiry_alert_days days left), ok.
enum class ExpiryState { unknown, not_running, ok, soon, past };
ExpiryState spark_expiry_state(const SparkCode& c, Date today, const Settings& s);

// Which status moves the state machine allows by hand:
// requested -> received -> verified -> live -> expired; received / verified -> expired;
// any state that is not revoked or killed -> revoked or killed; expired -> live again only
// through extend (same code, new expiry).
bool spark_transition_allowed(SparkStatus from, SparkStatus to);

// The go-live rule: the four checks, each with whether it holds and why not.
struct GoLiveCheck {
    int number = 0;           // 1..4 as docs/rules.md lists them
    std::string name;         // "verified in Ads Manager", ...
    bool ok = false;
    std::string reason;       // why it fails, in words and dates
};
std::vector<GoLiveCheck> go_live_checks(const SparkCode& c, const Program& p);
bool can_go_live(const SparkCode& c, const Program& p);  // all four hold

// An alert for the weekly review and the Spark Codes screen.
// past_expiry: a received or verified code past its expiry (never live): to be set expired by hand
// (and extended or replaced if the post should still run).
// not_received: a requested code not received spark_receive_alert_days or more days after its request.
enum class SparkAlertKind { expires_soon, campaign_outlasts_code, not_verified, kill_suggested, expired_while_live,
                            past_expiry, not_received };
struct SparkAlert {
    SparkAlertKind kind;
    Id code_id = 0;
    Id creator_id = 0;
    std::string owner;        // the renewal owner it goes to ("" = nobody named)
    int days = 0;             // days left (expires_soon), days waiting (not_verified, not_received), days short, days past
    std::string message;
    // The alert's key figure, which does not change from one day to the next while the cause is
    // the same ("expires 2026-12-07"): the weekly review's "numbers" for marking it done.
    std::string numbers;
};
std::vector<SparkAlert> spark_alerts(const Program& p, Date today);

// A post's organic numbers, the kill rule's baseline (docs/rules.md, section 5): the post's clicks
// and orders count its Spark Ads' traffic too, so the paid rounds of every Spark Code on the post
// are taken off. When the rounds add up to more than the post has (paid clicks at or over the
// post's clicks, or more paid orders than the post's), the post's numbers cannot hold them and
// are taken as they are.
struct OrganicBaseline {
    int64_t clicks = 0, orders = 0;       // organic
    int64_t paid_clicks = 0, paid_orders = 0;  // the rounds taken off (0 when none were)
    bool paid_excluded = false;           // the rounds were taken off the post's numbers
    std::optional<double> conversion;     // orders / clicks; none without organic clicks
};
OrganicBaseline organic_baseline(const Post& post, const Program& p);

// The kill rule: after the first paid round, suggest `killed` when the paid conversion rate
// (orders / clicks over every round so far) is below kill_ratio_of_organic x the post's organic
// conversion rate (organic_baseline), or below kill_floor. Paid rounds under min_clicks clicks
// are too little data: no suggestion.
struct KillVerdict {
    bool evaluated = false;   // at least one round with enough clicks
    bool kill = false;
    double paid_conversion = 0;
    std::optional<double> organic_conversion;
    std::string reason;
};
KillVerdict kill_verdict(const SparkCode& c, const Program& p);

// One paid round's ratios: CTR = clicks / impressions, CPA = spend / orders, ROAS = GMV / spend,
// each none when what it divides by is 0.
struct RoundRatios {
    std::optional<double> ctr, cpa, roas, conversion;
};
RoundRatios round_ratios(const PaidRound& r);

// Spark Ad candidates: posts ranked by conversion rate (not views), only posts with enough
// data (min_clicks clicks and min_views views), published within candidate_window_days
// before `today`, with margin beside and whether a valid code exists.
struct SparkCandidate {
    Id post_id = 0;
    Id creator_id = 0;
    double conversion = 0;
    int64_t clicks = 0;
    int64_t views = 0;
    double gmv = 0;
    double margin = 0;
    bool valid_code = false;
    bool compliance_passed = false;
};
std::vector<SparkCandidate> spark_candidates(const Program& p, Date today, size_t max_count);
struct MarginSlots;  // metrics.hpp
// The same with the program's margins already computed (margin_slots(p)).
std::vector<SparkCandidate> spark_candidates(const Program& p, Date today, size_t max_count, const MarginSlots& margins);

}  // namespace sr
