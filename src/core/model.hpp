// The program's records: plain data, no behaviour beyond defaults.
// Rates are fractions (0.15 = 15 %); money is in the program's currency as a double.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "date.hpp"
#include "order_lines.hpp"

namespace sr {

using Id = int64_t;  // unique within a program, across every kind of record; 0 = none

// ---------------------------------------------------------------- settings
struct TierTarget {
    int min_active = 0;
    int max_active = 0;
};

// A paid report's ad whose name names no post and no code, placed on the Spark Code the user
// chose for it (paid_import.hpp; docs/rules.md, "Paid reports").
struct AdCode {
    std::string ad_name;  // as the report writes it, trimmed
    Id spark_code_id = 0;
};

struct Settings {
    std::string program_name = "My creator program";
    std::string currency = "USD";
    int week_start = 0;                 // 0 = Monday ... 6 = Sunday
    std::optional<Date> program_start;
    double monthly_budget = 0;          // 0 = not set

    // Tiers by follower count (docs/rules.md, section 1).
    int64_t program_floor = 5000;       // below: allowed, shown as a warning
    int64_t tier2_min_followers = 100000;
    int64_t tier3_min_followers = 500000;
    TierTarget tier_targets[3] = {{50, 200}, {5, 15}, {2, 3}};

    // Metric flags (docs/rules.md, section 4).
    double conversion_flag = 0.01;            // orders / clicks below this
    double revenue_per_post_multiple = 1.5;   // above this x tier average: invest
    double output_flag = 1.0;                 // posts / agreed below this
    double output_replace = 0.5;              // below this for output_replace_weeks: replace
    int output_replace_weeks = 4;
    double hook_hold_flag = 0.25;             // 3-second hold rate below this
    int64_t min_clicks = 100;                 // fewer: shown, not flagged
    int64_t min_views = 1000;

    // Samples (docs/rules.md, section 2).
    int sample_followup_days = 21;

    // Spark Codes (docs/rules.md, section 5).
    int spark_default_days = 30;
    int spark_min_days = 7;
    int spark_max_days = 365;
    int spark_expiry_alert_days = 7;
    int spark_verify_alert_days = 2;
    int spark_receive_alert_days = 5;   // a requested code not received within this: alert
    double kill_ratio_of_organic = 0.7;
    double kill_floor = 0.01;

    // Promotions and Creator Codes.
    int promotion_months = 3;
    int64_t creator_code_min_followers = 10000;
    int exclusivity_alert_days = 14;     // an exclusivity window ending within this: alert

    // Build-stage budget for the first 90 days (per month).
    double build_budget_min = 8000;
    double build_budget_max = 15000;

    // Decisions the rules leave open (docs/rules.md explains each).
    // Expected (commission + creator fees) / GMV per tier; outside the band: review the deal.
    double commission_band_min[3] = {0.05, 0.10, 0.10};
    double commission_band_max[3] = {0.25, 0.40, 0.45};
    int metrics_window_days = 28;        // creator metrics look at posts published in this window
    int candidate_window_days = 90;      // Spark Ad candidates: posts published in this window
    int candidates_max = 10;             // how many candidates the weekly review lists
    double coordinator_monthly_cost = 0; // counted in actual spend against the budget
    int margin_ranking_size = 5;         // top / bottom creators by margin in the weekly review
    int hook_window_days = 90;           // the hook-angle table looks at posts published in this window

    // Who is using this copy of the program, for the weekly review's "done by" ("" = someone).
    std::string user_name;

    // Ad names of paid reports and the Spark Code each runs, as the user chose them on the Data
    // screen (or the command line's --mapping): used by every later paid report.
    std::vector<AdCode> ad_codes;
};

// What programs usually see (docs/rules.md, section 2): 30-40 % of delivered samples lead to a
// post. Not a flag, a band to read the posting rate against (rules.hpp, posting_rate_vs_typical).
constexpr double kTypicalPostingRateMin = 0.30;
constexpr double kTypicalPostingRateMax = 0.40;

// ---------------------------------------------------------------- creators
// prospect -> contacted -> seeded -> active <-> paused -> ended (status_moves.hpp).
enum class CreatorStatus { prospect, contacted, seeded, active, paused, ended };

struct TierChange {
    Date date;
    int from = 0;
    int to = 0;
    std::string reason;
};

struct ComplianceIncident {
    Id id = 0;
    Date date;
    std::string kind;     // e.g. "missing disclosure", "unsubstantiated claim"
    std::string note;
    bool resolved = false;
    Id post_id = 0;       // the post it is about (0 = none named)
};

struct Exclusivity {
    Date start;
    Date end;
    std::string category;
};

struct CreatorCode {
    std::string code;
    int64_t scans = 0;
    int64_t uses = 0;
    double estimated_earnings = 0;
    bool age_18_plus = false;
};

// What TikTok's creator list said a prospect sold, through any shop, when the list added it
// (creator_list_import.hpp; docs/rules.md, "Creator list import"): kept to decide whom to
// contact, never counted as this program's GMV.
struct ListedGmv {
    std::optional<double> gmv, video_gmv, live_gmv, card_gmv;
    std::optional<Date> as_of;  // the day the list was imported
};

struct Creator {
    Id id = 0;
    std::string handle;        // without the leading '@'
    std::string display_name;
    int64_t followers = 0;
    std::vector<std::string> categories;
    std::string contact;
    CreatorStatus status = CreatorStatus::prospect;
    int pinned_tier = 0;       // 0 = follow followers; 1..3 = pinned by the user
    double commission_rate = 0.15;
    double flat_fee = 0;       // per content piece
    int agreed_posts_per_month = 0;
    std::optional<Exclusivity> exclusivity;
    std::vector<ComplianceIncident> compliance;
    std::optional<CreatorCode> creator_code;
    std::string notes;
    std::vector<TierChange> tier_history;
    std::optional<ListedGmv> listed;  // a prospect added by a creator list: its figures then
};

// ---------------------------------------------------------------- products and samples
struct Product {
    Id id = 0;
    std::string sku;
    std::string name;
    double price = 0;
    double unit_cost = 0;
    double shipping_subsidy = 0;      // per order
    double usual_discount = 0;        // per order
    std::optional<double> commission_rate;  // overrides the creator's rate
};

// requested -> approved -> shipped -> delivered -> posted or no_post; declined from requested,
// cancelled before delivery (status_moves.hpp).
enum class SampleStatus { requested, approved, shipped, delivered, posted, no_post, declined, cancelled };

struct Sample {
    Id id = 0;
    Id creator_id = 0;
    Id product_id = 0;
    std::optional<Date> requested;
    std::optional<Date> shipped;
    std::optional<Date> delivered;
    double cost = 0;
    SampleStatus status = SampleStatus::requested;
};

// ---------------------------------------------------------------- briefs
enum class HookAngle { problem_agitation, transformation_reveal, social_proof, curiosity_gap, custom };
enum class ProofKind { result, before_after, comparison, demonstration };

struct Brief {
    Id id = 0;
    std::string title;
    Id product_id = 0;
    HookAngle hook = HookAngle::problem_agitation;
    std::string custom_angle;
    std::string opening_line;
    std::vector<std::string> product_truths;
    ProofKind proof = ProofKind::demonstration;
    std::string proof_detail;
    std::string call_to_action;
    std::vector<std::string> do_not_say;
    std::optional<Date> due;
    std::vector<Id> creator_ids;
    bool request_spark_code = false;
    int spark_days_wanted = 30;
};

// ---------------------------------------------------------------- posts
enum class PostSource { organic, spark };

struct Post {
    Id id = 0;
    Id creator_id = 0;
    Id product_id = 0;
    Id brief_id = 0;
    Id sample_id = 0;
    std::string tiktok_ref;    // post id or URL
    std::optional<Date> published;
    HookAngle hook = HookAngle::problem_agitation;
    int64_t views = 0;
    double hold_rate_3s = 0;
    int64_t clicks = 0;              // product clicks
    // From the video performance export (video_import.hpp), shown with the post's numbers.
    int64_t product_impressions = 0;
    int64_t likes = 0;
    int64_t comments = 0;
    int64_t shares = 0;
    double completion_rate = 0;      // share of views watched to the end, 0 = not known
    int64_t orders = 0;
    int64_t units = 0;
    double gmv = 0;
    double refunded = 0;
    int64_t buyers = 0;
    int64_t repeat_buyers_60d = 0;
    double commission = 0;
    double creator_fee = 0;
    // The fee was typed for this post; otherwise it is the creator's flat fee per content
    // piece and follows it (post_fee.hpp, docs/rules.md "The deal on posts").
    bool fee_by_hand = false;
    PostSource source = PostSource::organic;
    bool compliance_passed = false;
};

// ---------------------------------------------------------------- Spark Codes
enum class SparkStatus { requested, received, verified, live, expired, revoked, killed };

struct PaidRound {
    Date date;
    double spend = 0;
    int64_t impressions = 0;
    int64_t clicks = 0;
    int64_t orders = 0;
    double gmv = 0;
    // Share of impressions watched 2 and 6 seconds, from a paid report: the nearest figures the
    // exports give to the 3-second hold (docs/rules.md, "Paid reports").
    std::optional<double> view_rate_2s, view_rate_6s;
};

struct SparkEvent {
    Date date;
    std::string what;
};

struct SparkCode {
    Id id = 0;
    std::string code;          // opaque, trimmed
    Id creator_id = 0;
    Id post_id = 0;
    Id product_id = 0;
    std::optional<Date> requested;
    std::optional<Date> received;
    std::optional<Date> auth_start;
    int duration_days = 30;
    std::optional<Date> campaign_start;
    std::optional<Date> campaign_end;
    std::string renewal_owner;
    SparkStatus status = SparkStatus::requested;
    bool verified_in_ads_manager = false;
    Id replaces_id = 0;        // the expired code this one replaced
    std::vector<PaidRound> rounds;
    std::vector<SparkEvent> history;
};

// ---------------------------------------------------------------- the weekly review's to-do list
// An action of the weekly review marked done, or snoozed until a day (docs/rules.md, section 6;
// review.hpp applies them). One mark per action: marking it again replaces the old mark.
enum class MarkState { done, snoozed };

struct ReviewMark {
    std::string action;          // the action's identity, "<kind>/<creator id>/<record id>/<subject>"
    MarkState state = MarkState::done;
    std::string numbers;         // the action's numbers when it was marked
    std::optional<Date> until;   // snoozed: the day it comes back (if its cause is still there)
    std::string by;              // who marked it (settings.user_name; "" = someone)
    Date on;                     // the review day it was marked on
    std::string title;           // the action's title then, for the list of what is done and snoozed
};

// ---------------------------------------------------------------- the program
struct Program {
    Settings settings;
    std::vector<Creator> creators;
    std::vector<Product> products;
    std::vector<Sample> samples;
    std::vector<Brief> briefs;
    std::vector<Post> posts;
    std::vector<SparkCode> spark_codes;
    Id next_id = 1;
    // Where this browser gives new ids when the program is synced with other browsers
    // (docs/rules.md, "Teams"): [id_floor, id_limit), a range of its own, so two browsers adding
    // records offline never give the same id. 0, 0: anywhere past every id. Not saved: each
    // browser sets its own (Store::use_id_range).
    Id id_floor = 0, id_limit = 0;
    // The affiliate-order lines taken from TikTok Shop exports, each with what the export said
    // of it (order_lines.hpp): a later export of the same lines updates them (orders_import.hpp).
    OrderLines order_lines;
    // Order lines a version-1 backup remembered by key alone ("order id" or "order id/sku id"):
    // known, so never added twice; a later export holding one keeps it as a line from then on.
    std::vector<std::string> imported_orders;
    std::vector<ReviewMark> review_marks;  // the weekly review's done and snoozed actions
};

}  // namespace sr
