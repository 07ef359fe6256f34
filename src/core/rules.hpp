// Program rules of docs/rules.md, sections 1, 2 and 6: roster targets, promotions, samples,
// Creator Codes, the program phase and the budget.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model.hpp"

namespace sr {

// ---------------------------------------------------------------- tiers and roster targets
struct TierRoster {
    int tier = 1;
    int active = 0;          // creators with status active in this tier (effective tier)
    int target_min = 0, target_max = 0;
    int below_floor = 0;     // active creators under the program floor (tier 1 only)
    int gap() const;         // < 0: short of the minimum by that many; > 0: over the maximum; 0: in range
    std::string summary() const;  // "tier 2 mid: 4 active, target 5 - 15 (1 short)"
};
std::vector<TierRoster> roster_vs_targets(const Program& p);  // tiers 1, 2, 3

// ---------------------------------------------------------------- promotions
// The last `promotion_months` full calendar months before `today`: a creator is suggested for
// the next tier when it met its agreed output in every one of those months, its revenue per
// post over them is above the median revenue per post of its current tier (active and paused
// creators with posts in that time), and it has no compliance incident in that time.
struct PromotionCheck {
    Id creator_id = 0;
    int from = 1, to = 2;
    bool met_output = false, above_median = false, clean = false;
    double revenue_per_post = 0, tier_median = 0;
    std::vector<int> posts_per_month;  // oldest first
    bool suggested() const { return met_output && above_median && clean && to <= 3; }
    std::string reason;  // words and numbers, also the tier history reason on confirm
};
// The months checked: first day of the earliest, first day after the last.
void promotion_window(Date today, int months, Date& from, Date& to_excl);
PromotionCheck promotion_check(const Program& p, Id creator_id, Date today);
std::vector<PromotionCheck> promotion_suggestions(const Program& p, Date today);  // suggested only, by id

// ---------------------------------------------------------------- samples
struct PostingRate {
    int delivered = 0;   // samples with a delivery date
    int posted = 0;      // of those, samples that led to at least one post
    std::optional<double> rate() const;
};
// Delivered: it has a delivery date and was not declined or cancelled (a stored record may hold
// both; such a sample never reached the creator). The posting rate, the follow-ups and the start
// of owed output count only these.
bool sample_delivered(const Sample& s);
// A sample "led to a post" when a post names it (sample_id) or its status is posted.
PostingRate posting_rate(const Program& p);
PostingRate posting_rate(const Program& p, Id creator_id);
// The rate against what programs usually see (kTypicalPostingRateMin-Max, edges inside): -1
// under the band, 0 inside it or with nothing delivered, 1 above it.
int posting_rate_vs_typical(const PostingRate& r);
std::string typical_posting_rate_text();  // "30-40 %"

struct SampleFollowUp {
    Id sample_id = 0;
    Id creator_id = 0;
    int days_since_delivery = 0;
    std::string message;
};
// Delivered `sample_followup_days`+ days before `today`, no post, not closed as no_post.
std::vector<SampleFollowUp> sample_followups(const Program& p, Date today);

// ---------------------------------------------------------------- Creator Codes
struct Eligibility {
    bool ok = false;
    std::vector<std::string> reasons;  // why not, one per failed condition
};
// 10,000+ followers and age 18+ (the age is confirmed on the creator's Creator Code record).
Eligibility creator_code_eligibility(const Creator& c, const Settings& s);
std::optional<double> code_use_rate(const CreatorCode& c);          // uses / scans
std::optional<double> code_earnings_per_use(const CreatorCode& c);  // estimated earnings / uses

// ---------------------------------------------------------------- the program phase and budget
enum class Phase { not_started, roster_and_seeding, testing_hooks, amplification, scale };
const char* phase_name(Phase ph);  // "month 1: roster and seeding", ...
// Month n of the program is days [30 (n-1), 30 n) from the start date.
int program_month(const Program& p, Date today);  // 0 before the start or with no start date
Phase program_phase(const Program& p, Date today);

struct BudgetMonth {
    int month = 1;            // program month
    Date from, to_excl;
    double samples = 0, fees = 0, spark = 0, coordinator = 0;
    double actual() const { return samples + fees + spark + coordinator; }
    double budget_min = 0, budget_max = 0;  // the build-stage band, or the monthly budget for both
    int compare() const;      // -1 under, 0 within, 1 over (0 when there is no budget)
    std::string summary(const std::string& currency) const;
};
// Every program month from the start up to and including the month holding `today`.
// Spend: sample costs (by ship date, else request date), creator fees (by publish date),
// Spark spend (by round date) and the coordinator cost. Commission is paid out of revenue and
// is not budget spend.
std::vector<BudgetMonth> budget_by_month(const Program& p, Date today);

}  // namespace sr
