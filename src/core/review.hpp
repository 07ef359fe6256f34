// The weekly review (docs/rules.md, section 6): the home screen. One function gathers every action
// due for a week, deterministic and ordered by urgency, with the sections beside it.
#pragma once
#include <string>
#include <vector>

#include "hooks.hpp"
#include "metrics.hpp"
#include "model.hpp"
#include "rules.hpp"
#include "spark.hpp"

namespace sr {

// Urgency: 0 now (a Spark Ad at risk), 1 this week (a flag that costs money), 2 follow up,
// 3 opportunity, 4 for information.
enum class ActionKind {
    spark_expired_while_live,
    spark_expires_soon,
    spark_kill,
    spark_campaign_outlasts_code,
    spark_not_verified,
    spark_past_expiry,
    spark_not_received,
    replace_creator,
    compliance_open,
    conversion_flag,
    commission_flag,
    output_flag,
    hook_flag,
    sample_followup,
    exclusivity_ends,
    exclusivity_overlap,
    promotion,
    invest,
    spark_candidate,
    roster_target,
    budget,
};
const char* action_kind_name(ActionKind k);  // "spark_expires_soon", ...

struct ReviewItem {
    int urgency = 4;
    ActionKind kind = ActionKind::budget;
    Id creator_id = 0;   // 0 when not about one creator
    Id record_id = 0;    // the Spark Code, sample, post or incident it is about
    std::string owner;   // who acts: the renewal owner for codes ("" = the program's operator)
    std::string title;   // "@glowwithmaya: Spark Code expires in 5 days"
    std::string reason;  // words and numbers a person can check
    std::string action;  // the suggested action
    int order = 0;       // within a kind: days left, days waiting, ... (smaller first)
    int subject = 0;     // for an action about no record: the tier (roster target), the program month (budget)
    // The action's numbers: its key figure in words ("expires 2026-12-07", "delivered 2026-11-01") or,
    // for a flag, its reason. A done action comes back when these differ (docs/rules.md, section 6).
    std::string numbers;
};

// An action's identity, the same from one review to the next while its cause is the same:
// "<kind>/<creator id>/<record id>/<subject>", e.g. "conversion_flag/12/0/0".
std::string action_key(const ReviewItem& a);

struct RankRow {
    Id id = 0;
    std::string label;   // "@handle", product name, "post 123", "Spark Code 9"
    double margin = 0;
    double gmv = 0;
    int margin_rank = 0; // 1 = best
    int gmv_rank = 0;
};

struct Review {
    Date week_start;     // the first day of the review week (settings.week_start)
    Date week_end;       // its last day
    int program_month = 0;
    Phase phase = Phase::not_started;
    std::vector<ReviewItem> actions;               // ordered by urgency
    std::vector<CreatorMetrics> flagged_creators;  // creators with at least one flag, by id
    std::vector<PromotionCheck> promotions;
    std::vector<SparkCandidate> candidates;
    Velocity velocity;
    HookAngleTable hooks;                          // the hook_window_days before the review day, every product
    std::vector<RankRow> creators_by_margin;       // top margin_ranking_size
    std::vector<RankRow> creators_by_gmv;          // top margin_ranking_size, margin beside
    std::vector<RankRow> posts_by_margin;          // top margin_ranking_size
    std::vector<RankRow> products_by_margin;       // all products
    std::vector<RankRow> codes_by_margin;          // Spark Codes with paid rounds
    MarginParts program_margin;
    std::vector<TierRoster> roster;
    PostingRate posting;
    std::vector<BudgetMonth> budget;
};

// The review held on the first day of the week holding `week_start_date`: alerts look ahead
// from that day, metrics and velocity look back at the weeks before it.
Review review(const Program& p, Date week_start_date);

std::string review_to_json(const Review& r, const Program& p, bool pretty = true);
std::string review_to_text(const Review& r, const Program& p);

}  // namespace sr
