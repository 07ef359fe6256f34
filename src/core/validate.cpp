#include "validate.hpp"

#include <cctype>
#include <cmath>

#include "format.hpp"
#include "post_entry.hpp"

namespace sr {

namespace {

template <class T> const T* find_in(const std::vector<T>& v, Id id) {
    for (const T& x : v)
        if (x.id == id) return &x;
    return nullptr;
}

bool fraction_ok(double f) { return std::isfinite(f) && f >= 0 && f <= 1; }
bool amount_ok(double v) { return std::isfinite(v) && v >= 0; }

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

}  // namespace

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

Errors validate_settings(const Settings& s) {
    Errors e;
    if (trim(s.program_name).empty()) e.push_back({"program_name", "Program name is required."});
    if (s.user_name.size() > 80) e.push_back({"user_name", "Your name can be at most 80 characters."});
    for (size_t i = 0; i < s.ad_codes.size(); ++i) {
        const std::string field = "ad_codes[" + std::to_string(i) + "]";
        const std::string name = trim(s.ad_codes[i].ad_name);
        if (name.empty() || name.size() > 512) e.push_back({field, "An ad name is 1 to 512 characters."});
        for (size_t k = 0; k < i; ++k)
            if (trim(s.ad_codes[k].ad_name) == name) {
                e.push_back({field, "The ad \"" + name + "\" is already placed by ad_codes[" + std::to_string(k) + "]."});
                break;
            }
    }
    if (s.currency.size() != 3) e.push_back({"currency", "Currency is a three-letter code such as USD."});
    if (s.week_start < 0 || s.week_start > 6) e.push_back({"week_start", "Week start is a day from Monday (0) to Sunday (6)."});
    if (!amount_ok(s.monthly_budget)) e.push_back({"monthly_budget", "Monthly budget cannot be negative."});
    if (s.program_floor < 0) e.push_back({"program_floor", "The program floor cannot be negative."});
    if (s.tier2_min_followers <= s.program_floor)
        e.push_back({"tier2_min_followers", "Tier 2 must start above the program floor (" + fmt_int(s.program_floor) + ")."});
    if (s.tier3_min_followers <= s.tier2_min_followers)
        e.push_back({"tier3_min_followers", "Tier 3 must start above tier 2 (" + fmt_int(s.tier2_min_followers) + ")."});
    for (int t = 0; t < 3; ++t) {
        const std::string f = "tier_targets[" + std::to_string(t) + "]";
        if (s.tier_targets[t].min_active < 0 || s.tier_targets[t].max_active < s.tier_targets[t].min_active)
            e.push_back({f, "Tier " + std::to_string(t + 1) + " target needs 0 <= minimum <= maximum."});
        const std::string b = "commission_band[" + std::to_string(t) + "]";
        if (!fraction_ok(s.commission_band_min[t]) || !fraction_ok(s.commission_band_max[t]) ||
            s.commission_band_max[t] < s.commission_band_min[t])
            e.push_back({b, "Tier " + std::to_string(t + 1) + " commission band needs 0 % <= low <= high <= 100 %."});
    }
    auto frac = [&](const char* f, double v, const char* what) {
        if (!fraction_ok(v)) e.push_back({f, std::string(what) + " must be between 0 % and 100 %."});
    };
    frac("conversion_flag", s.conversion_flag, "The conversion flag");
    frac("hook_hold_flag", s.hook_hold_flag, "The hook retention flag");
    frac("kill_floor", s.kill_floor, "The kill floor");
    frac("kill_ratio_of_organic", s.kill_ratio_of_organic, "The kill ratio");
    if (!(s.revenue_per_post_multiple > 0)) e.push_back({"revenue_per_post_multiple", "The revenue-per-post multiple must be above 0."});
    if (!(s.output_flag > 0)) e.push_back({"output_flag", "The output flag must be above 0 %."});
    if (!(s.output_replace >= 0 && s.output_replace <= s.output_flag))
        e.push_back({"output_replace", "The replace level must be between 0 % and the output flag."});
    auto pos = [&](const char* f, int64_t v, const char* what) {
        if (v < 1) e.push_back({f, std::string(what) + " must be 1 or more."});
    };
    pos("output_replace_weeks", s.output_replace_weeks, "Weeks before replacing");
    if (s.min_clicks < 0) e.push_back({"min_clicks", "Minimum clicks cannot be negative."});
    if (s.min_views < 0) e.push_back({"min_views", "Minimum views cannot be negative."});
    pos("sample_followup_days", s.sample_followup_days, "Sample follow-up days");
    if (s.spark_min_days < 1 || s.spark_max_days < s.spark_min_days)
        e.push_back({"spark_min_days", "Spark Code durations need 1 <= shortest <= longest."});
    if (s.spark_default_days < s.spark_min_days || s.spark_default_days > s.spark_max_days)
        e.push_back({"spark_default_days", "The default duration must be between " + std::to_string(s.spark_min_days) +
                                               " and " + std::to_string(s.spark_max_days) + " days."});
    if (s.spark_expiry_alert_days < 0) e.push_back({"spark_expiry_alert_days", "Alert days cannot be negative."});
    if (s.spark_verify_alert_days < 0) e.push_back({"spark_verify_alert_days", "Alert days cannot be negative."});
    if (s.spark_receive_alert_days < 0) e.push_back({"spark_receive_alert_days", "Alert days cannot be negative."});
    pos("promotion_months", s.promotion_months, "Promotion months");
    if (s.creator_code_min_followers < 0) e.push_back({"creator_code_min_followers", "Cannot be negative."});
    if (s.exclusivity_alert_days < 0) e.push_back({"exclusivity_alert_days", "Alert days cannot be negative."});
    if (!amount_ok(s.build_budget_min) || s.build_budget_max < s.build_budget_min)
        e.push_back({"build_budget", "The build-stage budget needs 0 <= low <= high."});
    pos("metrics_window_days", s.metrics_window_days, "The metrics window");
    pos("candidate_window_days", s.candidate_window_days, "The candidate window");
    pos("candidates_max", s.candidates_max, "The number of candidates");
    pos("hook_window_days", s.hook_window_days, "The hook-angle window");
    pos("margin_ranking_size", s.margin_ranking_size, "The margin ranking size");
    if (!amount_ok(s.coordinator_monthly_cost)) e.push_back({"coordinator_monthly_cost", "Cannot be negative."});
    return e;
}

Errors validate_product(const Product& x, const Program& p) {
    Errors e;
    const std::string sku = trim(x.sku);
    if (sku.empty()) e.push_back({"sku", "SKU id is required."});
    else
        for (const Product& o : p.products)
            if (o.id != x.id && lower(trim(o.sku)) == lower(sku)) {
                e.push_back({"sku", "SKU " + sku + " is already used by \"" + o.name + "\"."});
                break;
            }
    if (trim(x.name).empty()) e.push_back({"name", "Product name is required."});
    if (!amount_ok(x.price)) e.push_back({"price", "Price cannot be negative."});
    if (!amount_ok(x.unit_cost)) e.push_back({"unit_cost", "Unit cost cannot be negative."});
    if (!amount_ok(x.shipping_subsidy)) e.push_back({"shipping_subsidy", "Shipping subsidy cannot be negative."});
    if (!amount_ok(x.usual_discount)) e.push_back({"usual_discount", "Discount cannot be negative."});
    else if (x.usual_discount > x.price && x.price > 0)
        e.push_back({"usual_discount", "Discount per order cannot exceed the price."});
    if (x.commission_rate && !fraction_ok(*x.commission_rate))
        e.push_back({"commission_rate", "Commission override must be between 0 % and 100 %."});
    return e;
}

Errors validate_sample(const Sample& x, const Program& p) {
    Errors e;
    if (!find_in(p.creators, x.creator_id)) e.push_back({"creator_id", "Choose a creator on the roster."});
    if (!find_in(p.products, x.product_id)) e.push_back({"product_id", "Choose a product from the catalogue."});
    if (!amount_ok(x.cost)) e.push_back({"cost", "Sample cost cannot be negative."});
    if (x.requested && x.shipped && *x.shipped < *x.requested)
        e.push_back({"shipped", "Shipped before it was requested."});
    if (x.shipped && x.delivered && *x.delivered < *x.shipped)
        e.push_back({"delivered", "Delivered before it was shipped."});
    const bool needs_shipped = x.status == SampleStatus::shipped || x.status == SampleStatus::delivered ||
                               x.status == SampleStatus::posted || x.status == SampleStatus::no_post;
    const bool needs_delivered = x.status == SampleStatus::delivered || x.status == SampleStatus::posted ||
                                 x.status == SampleStatus::no_post;
    if (needs_delivered && !x.delivered) e.push_back({"delivered", "A delivered sample needs its delivery date."});
    else if (needs_shipped && !x.shipped && !x.delivered) e.push_back({"shipped", "A shipped sample needs its ship date."});
    if (x.status == SampleStatus::declined && (x.shipped || x.delivered))
        e.push_back({x.delivered ? "delivered" : "shipped", "A declined sample was never sent: clear its ship and delivery dates."});
    if (x.status == SampleStatus::cancelled && x.delivered)
        e.push_back({"delivered", "A cancelled sample was never delivered: clear its delivery date."});
    return e;
}

Errors validate_brief(const Brief& x, const Program& p) {
    Errors e;
    if (trim(x.title).empty()) e.push_back({"title", "Title is required."});
    if (x.product_id != 0 && !find_in(p.products, x.product_id))
        e.push_back({"product_id", "No product with id " + std::to_string(x.product_id) + "."});
    for (size_t i = 0; i < x.creator_ids.size(); ++i) {
        if (!find_in(p.creators, x.creator_ids[i]))
            e.push_back({"creator_ids", "No creator with id " + std::to_string(x.creator_ids[i]) + "."});
        for (size_t k = 0; k < i; ++k)
            if (x.creator_ids[k] == x.creator_ids[i]) {
                e.push_back({"creator_ids", "A creator is assigned twice."});
                break;
            }
    }
    if (x.request_spark_code &&
        (x.spark_days_wanted < p.settings.spark_min_days || x.spark_days_wanted > p.settings.spark_max_days))
        e.push_back({"spark_days_wanted", "A Spark Code lasts " + std::to_string(p.settings.spark_min_days) + " to " +
                                              std::to_string(p.settings.spark_max_days) + " days."});
    return e;
}

Errors validate_post(const Post& x, const Program& p) {
    Errors e;
    if (!find_in(p.creators, x.creator_id)) e.push_back({"creator_id", "Choose a creator on the roster."});
    if (x.product_id != 0 && !find_in(p.products, x.product_id))
        e.push_back({"product_id", "No product with id " + std::to_string(x.product_id) + "."});
    if (x.brief_id != 0 && !find_in(p.briefs, x.brief_id))
        e.push_back({"brief_id", "No brief with id " + std::to_string(x.brief_id) + "."});
    if (x.sample_id != 0) {
        const Sample* s = find_in(p.samples, x.sample_id);
        if (!s) e.push_back({"sample_id", "No sample with id " + std::to_string(x.sample_id) + "."});
        else if (s->creator_id != x.creator_id) e.push_back({"sample_id", "That sample went to another creator."});
    }
    // The same post twice: the same reference, or the same Video ID written another way
    // (a link and the bare id).
    const std::string ref = trim(x.tiktok_ref);
    if (!ref.empty()) {
        const PostLink mine = parse_post_link(ref);
        auto same_video = [&](const std::string& other) {
            return mine.ok() && other.find(mine.video_id) != std::string::npos && parse_post_link(other).video_id == mine.video_id;
        };
        for (const Post& o : p.posts)
            if (o.id != x.id && (trim(o.tiktok_ref) == ref || same_video(o.tiktok_ref))) {
                e.push_back({"tiktok_ref", "This TikTok post is already recorded (post " + std::to_string(o.id) + ")."});
                break;
            }
    }
    if (x.published && !Date::parse(x.published->to_string()))
        e.push_back({"published", "The publish date is not a real date (" + x.published->to_string() + ")."});
    auto count = [&](const char* f, const char* what, int64_t v) {
        if (v < 0) e.push_back({f, std::string(what) + " cannot be negative."});
    };
    count("views", "Views", x.views);
    count("clicks", "Clicks", x.clicks);
    count("product_impressions", "Product impressions", x.product_impressions);
    count("likes", "Likes", x.likes);
    count("comments", "Comments", x.comments);
    count("shares", "Shares", x.shares);
    if (!fraction_ok(x.completion_rate)) e.push_back({"completion_rate", "Completion rate must be between 0 % and 100 %."});
    count("orders", "Orders", x.orders);
    count("units", "Units", x.units);
    count("buyers", "Buyers", x.buyers);
    count("repeat_buyers_60d", "Repeat buyers", x.repeat_buyers_60d);
    if (!fraction_ok(x.hold_rate_3s)) e.push_back({"hold_rate_3s", "3-second hold rate must be between 0 % and 100 %."});
    if (!amount_ok(x.gmv)) e.push_back({"gmv", "GMV cannot be negative."});
    if (!amount_ok(x.refunded)) e.push_back({"refunded", "Refunds cannot be negative."});
    else if (x.refunded > x.gmv + 0.005) e.push_back({"refunded", "Refunds cannot exceed GMV."});
    if (!amount_ok(x.commission)) e.push_back({"commission", "Commission cannot be negative."});
    if (!amount_ok(x.creator_fee)) e.push_back({"creator_fee", "Creator fee cannot be negative."});
    if (x.repeat_buyers_60d > x.buyers) e.push_back({"repeat_buyers_60d", "Repeat buyers cannot exceed buyers."});
    if (x.units != 0 && x.units < x.orders) e.push_back({"units", "Units cannot be fewer than orders."});
    return e;
}

Errors validate_paid_round(const PaidRound& r) {
    Errors e;
    if (!amount_ok(r.spend)) e.push_back({"spend", "Spend cannot be negative."});
    if (r.impressions < 0) e.push_back({"impressions", "Cannot be negative."});
    if (r.clicks < 0) e.push_back({"clicks", "Cannot be negative."});
    if (r.orders < 0) e.push_back({"orders", "Cannot be negative."});
    if (!amount_ok(r.gmv)) e.push_back({"gmv", "GMV cannot be negative."});
    for (const auto& [field, rate] : {std::pair{"view_rate_2s", r.view_rate_2s}, std::pair{"view_rate_6s", r.view_rate_6s}})
        if (rate && !(*rate >= 0 && *rate <= 1)) e.push_back({field, "A view rate is between 0 % and 100 %."});
    return e;
}

Errors validate_spark_code(const SparkCode& x, const Program& p) {
    Errors e;
    const Creator* c = find_in(p.creators, x.creator_id);
    if (!c) e.push_back({"creator_id", "Choose a creator on the roster."});
    if (x.post_id != 0) {
        const Post* post = find_in(p.posts, x.post_id);
        if (!post) e.push_back({"post_id", "No post with id " + std::to_string(x.post_id) + "."});
        else if (post->creator_id != x.creator_id) e.push_back({"post_id", "That post belongs to another creator."});
    }
    if (x.product_id != 0 && !find_in(p.products, x.product_id))
        e.push_back({"product_id", "No product with id " + std::to_string(x.product_id) + "."});
    if (x.replaces_id != 0) {
        if (x.replaces_id == x.id) e.push_back({"replaces_id", "A code cannot replace itself."});
        else if (!find_in(p.spark_codes, x.replaces_id))
            e.push_back({"replaces_id", "No Spark Code with id " + std::to_string(x.replaces_id) + "."});
    }
    const Settings& s = p.settings;
    if (x.duration_days < s.spark_min_days || x.duration_days > s.spark_max_days)
        e.push_back({"duration_days", "A Spark Code is valid " + std::to_string(s.spark_min_days) + " to " +
                                          std::to_string(s.spark_max_days) + " days (this one: " +
                                          std::to_string(x.duration_days) + ")."});
    const bool has_code = x.status != SparkStatus::requested;
    if (has_code && x.status != SparkStatus::revoked && x.status != SparkStatus::killed && trim(x.code).empty())
        e.push_back({"code", "A " + std::string(x.status == SparkStatus::received ? "received" : "used") +
                                 " Spark Code needs the code itself."});
    if (x.code != trim(x.code)) e.push_back({"code", "The code has spaces at its ends."});
    if (x.received && x.requested && *x.received < *x.requested)
        e.push_back({"received", "Received before it was requested."});
    if (x.campaign_start && x.campaign_end && *x.campaign_end < *x.campaign_start)
        e.push_back({"campaign_end", "The campaign ends before it starts."});
    for (size_t i = 0; i < x.rounds.size(); ++i)
        for (const FieldError& f : validate_paid_round(x.rounds[i]))
            e.push_back({"rounds[" + std::to_string(i) + "]." + f.field, f.message});
    return e;
}

Errors validate_incident(const ComplianceIncident& x) {
    Errors e;
    if (trim(x.kind).empty()) e.push_back({"kind", "Say what happened (for example \"missing disclosure\")."});
    return e;
}

}  // namespace sr
