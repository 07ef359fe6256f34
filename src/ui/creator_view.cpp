#include "creator_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "core/enums.hpp"
#include "core/format.hpp"
#include "core/metrics.hpp"
#include "core/post_metrics.hpp"
#include "core/rules.hpp"
#include "core/spark.hpp"
#include "core/status_moves.hpp"
#include "core/validate.hpp"
#include "form_fields.hpp"
#include "probe.hpp"
#include "sales_split.hpp"
#include "style.hpp"
#include "table_util.hpp"

namespace sr::ui {

namespace {


std::string date_or(const std::optional<Date>& d) { return d ? d->to_string() : "—"; }

enum IncidentColumn { ic_date, ic_kind, ic_note, ic_state, ic_count };
enum TierColumn { th_date, th_change, th_reason, th_count };

// A section's title; `extra` draws on the title's line (an export button) before the rule.
template <class Extra> void section(const char* title, Extra&& extra) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    ImGui::TextUnformatted(title);
    ImGui::PopStyleColor();
    probe_tag(title, title);
    extra();
    ImGui::Separator();
}
void section(const char* title) {
    section(title, [] {});
}

// Reads the table's sort specs into `s` when they changed.
void take_specs(CreatorView::Sorted& s) {
    if (take_sort(s.sort)) s.dirty = true;
}

// Rebuilds the rows of one creator's records, sorted, when the sort, creator or program changed.
template <class T, class Cmp>
void refresh(CreatorView::Sorted& s, const std::vector<T>& list, Id creator, uint64_t revision, Cmp cmp) {
    if (!s.dirty && s.revision == revision && s.creator == creator) return;
    s.rows.clear();
    for (size_t i = 0; i < list.size(); ++i)
        if (list[i].creator_id == creator) s.rows.push_back(i);
    sort_rows(
        s.rows, s.sort, [&](size_t a, size_t b, int col) { return cmp(list[a], list[b], col); },
        [&](size_t a, size_t b) { return list[a].id < list[b].id; });  // ties on the record id
    s.dirty = false;
    s.revision = revision;
    s.creator = creator;
}

float table_height(size_t rows, float max_em) {
    return std::min(em(max_em), ImGui::GetFrameHeightWithSpacing() * (static_cast<float>(rows) + 1.3f));
}

void yes_no(bool ok, const char* text) {
    ImGui::TextColored(ok ? palette().ok : palette().error, ok ? "yes" : "no");
    ImGui::SameLine(em(2.2f));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
}

}  // namespace

void CreatorView::draw(Context& ctx) {
    const Id id = ctx.nav.current().id;
    if (ImGui::SmallButton("< Back to roster")) ctx.nav.go("roster");
    const Creator* c = store_.find_creator(id);
    if (!c) {
        ImGui::TextDisabled("There is no creator with id %lld (removed, or the link is old).", static_cast<long long>(id));
        return;
    }
    if (shown_ != c->id) {
        shown_ = c->id;
        notice_.clear();
        errors_.clear();
        copy_to(incident_date_, ctx.today.to_string());
        incident_kind_[0] = incident_note_[0] = 0;
    }
    const Creator copy = *c;  // a command below may change the record under us
    c = &copy;
    draw_header(ctx, *c);

    const float avail_w = ImGui::GetContentRegionAvail().x;
    const bool two_up = avail_w > em(46);
    const float left_w = two_up ? avail_w * 0.46f : avail_w;
    ImGui::BeginChild("##creator-left", ImVec2(left_w, two_up ? 0 : ImGui::GetContentRegionAvail().y * 0.5f), true);
    draw_deal(*c);
    draw_output(ctx, *c);
    draw_compliance(ctx, *c);
    draw_creator_code(*c);
    edit_.draw(ctx, *c);
    ImGui::EndChild();
    if (two_up) ImGui::SameLine();
    ImGui::BeginChild("##creator-right", ImVec2(0, 0), true);
    draw_promotion(ctx, *c);
    draw_codes(ctx, *c);
    draw_samples(ctx, *c);
    posts_panel_.draw(ctx, *c);  // creator_posts.hpp
    draw_sales_by_content(store_.program(), store_.revision(), c->id, ctx.today);  // sales_split.hpp
    edit_.draw_notes(*c);
    ImGui::EndChild();
}

void CreatorView::draw_header(Context&, const Creator& c) {
    const Settings& s = store_.program().settings;
    const int tier = effective_tier(c, s);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    ImGui::Text("@%s", c.handle.c_str());
    ImGui::PopStyleColor();
    probe_tag("creator handle", "@" + c.handle);
    ImGui::SameLine();
    ImGui::TextUnformatted(c.display_name.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("·");
    ImGui::SameLine();
    ImGui::Text("Tier %s", tier_name(tier));
    ImGui::SameLine();
    if (c.pinned_tier) ImGui::TextDisabled("(pinned)");
    else ImGui::TextDisabled("(by followers)");
    ImGui::SameLine();
    ImGui::TextDisabled("·");
    ImGui::SameLine();
    ImGui::Text("%s followers", fmt_int(c.followers).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("·");
    ImGui::SameLine();
    ImGui::TextUnformatted(status_label(c.status));
    probe_tag("creator status", status_label(c.status));
    if (below_floor(c, s)) {
        const std::string w = "Below the program floor: under " + fmt_int(s.program_floor) + " followers (allowed).";
        ImGui::TextColored(palette().warning, "%s", w.c_str());
        probe_tag("below floor", w);
    }
    if (c.listed) {
        // A prospect a creator list added: what TikTok said it sold then, through any shop.
        const std::string& cur = s.currency;
        auto part = [&](const char* what, const std::optional<double>& v) {
            return v ? std::string(what) + " " + fmt_money(*v, cur) : std::string();
        };
        std::string parts;
        for (const std::string& x : {part("video", c.listed->video_gmv), part("LIVE", c.listed->live_gmv),
                                     part("product card", c.listed->card_gmv)})
            if (!x.empty()) parts += (parts.empty() ? "" : ", ") + x;
        std::string line = "TikTok's creator list" + (c.listed->as_of ? " of " + c.listed->as_of->to_string() : std::string()) +
                           ": GMV " + (c.listed->gmv ? fmt_money(*c.listed->gmv, cur) : std::string("-"));
        if (!parts.empty()) line += " (" + parts + ")";
        line += ", through any shop: not this program's orders.";
        ImGui::TextDisabled("%s", line.c_str());
        probe_tag("creator listed gmv", line);
    }
    if (!c.categories.empty() || !c.contact.empty()) {
        std::string cats;
        for (const auto& x : c.categories) cats += (cats.empty() ? "" : ", ") + x;
        ImGui::TextDisabled("%s%s%s", cats.c_str(), (!cats.empty() && !c.contact.empty()) ? " · " : "", c.contact.c_str());
    }
    if (!notice_.empty()) {
        ImGui::TextColored(palette().ok, "%s", notice_.c_str());
        probe_tag("notice", notice_);
    }
}

void CreatorView::draw_deal(const Creator& c) {
    const Settings& s = store_.program().settings;
    section("Deal");
    ImGui::TextUnformatted(deal_summary(c, s).c_str());
    ImGui::TextDisabled("Commission");
    ImGui::SameLine(em(9));
    ImGui::TextUnformatted(fmt_percent(c.commission_rate).c_str());
    ImGui::TextDisabled("Fee per post");
    ImGui::SameLine(em(9));
    ImGui::TextUnformatted(c.flat_fee > 0 ? fmt_money(c.flat_fee, s.currency).c_str() : "none");
    ImGui::TextDisabled("Exclusivity");
    ImGui::SameLine(em(9));
    if (c.exclusivity)
        ImGui::Text("%s to %s, %s", c.exclusivity->start.to_string().c_str(), c.exclusivity->end.to_string().c_str(),
                    c.exclusivity->category.empty() ? "all categories" : c.exclusivity->category.c_str());
    else ImGui::TextUnformatted("none");
}

void CreatorView::draw_output(Context& ctx, const Creator& c) {
    const Program& p = store_.program();
    const Settings& s = p.settings;
    section("Output");
    const CreatorMetrics m = metrics_for_creator(p, c.id, ctx.today);
    const auto rate = output_rate(p, c, ctx.today, s.metrics_window_days);
    std::string line;
    if (c.agreed_posts_per_month <= 0) {
        line = count_of(static_cast<size_t>(m.posts), "post", "posts") + " in the last " + std::to_string(s.metrics_window_days) +
               " days; no agreed output.";
    } else {
        line = count_of(static_cast<size_t>(m.posts), "post", "posts") + " in the last " + std::to_string(s.metrics_window_days) + " days against " +
               std::to_string(c.agreed_posts_per_month) + " agreed per month";
        if (rate) line += ": " + fmt_percent(*rate, 0) + " of agreed";
        line += ".";
    }
    const bool low = m.get(Metric::output).flagged;  // the core's flag, as the review reads it
    ImGui::PushTextWrapPos(0.0f);
    if (low) ImGui::TextColored(palette().warning, "%s", line.c_str());
    else ImGui::TextUnformatted(line.c_str());
    ImGui::PopTextWrapPos();
    probe_tag("output", line);
    if (m.replace_suggested) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(palette().error, "Replace suggested: %s", m.replace_reason.c_str());
        ImGui::PopTextWrapPos();
    }
    // The other flags of the weekly review, each with its reason.
    for (const MetricResult& r : m.metrics) {
        if (!r.flagged) continue;
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(palette().warning, "%s: %s", metric_name(r.metric), r.reason.c_str());
        if (!r.action.empty()) ImGui::TextDisabled("    %s", r.action.c_str());
        ImGui::PopTextWrapPos();
    }
}

void CreatorView::draw_compliance(Context& ctx, const Creator& c) {
    section("Compliance record");
    int open = 0;
    for (const ComplianceIncident& x : c.compliance) open += !x.resolved;
    if (c.compliance.empty()) ImGui::TextColored(palette().ok, "Clean: no incident recorded.");
    else ImGui::Text("%s, %d open", count_of(c.compliance.size(), "incident", "incidents").c_str(), open);
    // Newest first: what the table draws and exports.
    std::vector<size_t> rows(c.compliance.size());
    for (size_t i = 0; i < rows.size(); ++i) rows[i] = i;
    std::sort(rows.begin(), rows.end(), [&](size_t a, size_t b) {
        const ComplianceIncident& x = c.compliance[a];
        const ComplianceIncident& y = c.compliance[b];
        return x.date != y.date ? x.date > y.date : x.id > y.id;
    });
    if (!rows.empty())
        export_button_right(c.handle + "-incidents", incident_columns_, rows, store_.program().settings.currency, ctx.today, true);
    if (!c.compliance.empty() &&
        ImGui::BeginTable("incidents", ic_count,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp |
                              ImGuiTableFlags_ScrollY,
                          ImVec2(0, table_height(c.compliance.size(), 8)))) {
        setup_columns(incident_columns_, "creator-incidents");
        for (size_t i : rows) {
            const ComplianceIncident* x = &c.compliance[i];
            ImGui::PushID(static_cast<int>(x->id));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(ic_date);
            ImGui::TextUnformatted(x->date.to_string().c_str());
            ImGui::TableSetColumnIndex(ic_kind);
            ImGui::TextUnformatted(x->kind.c_str());
            ImGui::TableSetColumnIndex(ic_note);
            ImGui::TextUnformatted(x->note.c_str());
            if (ImGui::IsItemHovered() && !x->note.empty()) ImGui::SetTooltip("%s", x->note.c_str());
            ImGui::TableSetColumnIndex(ic_state);
            ComplianceIncident next = *x;
            next.resolved = !x->resolved;
            if (x->resolved ? ImGui::SmallButton("Reopen") : ImGui::SmallButton("Resolve")) {
                CommandResult r = store_.update_incident(c.id, next);
                notice_ = r.ok ? std::string(next.resolved ? "Resolved: " : "Reopened: ") + x->kind + "."
                               : (r.errors.empty() ? "Refused." : r.errors[0].message);
            }
            if (x->resolved) {
                ImGui::SameLine();
                ImGui::TextDisabled("resolved");
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }

    // A new incident.
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float w_date = em(7);
    const float w_kind = ImGui::GetContentRegionAvail().x - w_date - gap;
    // Placed by hand so both captions sit on one line.
    const ImVec2 start = ImGui::GetCursorPos();
    ImGui::BeginGroup();
    ImGui::TextUnformatted("Incident date");
    ImGui::SetNextItemWidth(w_date);
    ImGui::InputTextWithHint("##idate", "YYYY-MM-DD", incident_date_, sizeof incident_date_);
    probe_tag("Incident date");
    ImGui::EndGroup();
    ImGui::SetCursorPos(ImVec2(start.x + w_date + gap, start.y));
    ImGui::BeginGroup();
    ImGui::TextUnformatted("What happened");
    ImGui::SetNextItemWidth(w_kind);
    ImGui::InputTextWithHint("##ikind", "missing disclosure", incident_kind_, sizeof incident_kind_);
    probe_tag("What happened");
    ImGui::EndGroup();
    for (const char* f : {"date", "kind"}) {
        auto it = errors_.find(f);
        if (it == errors_.end()) continue;
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(palette().error, "%s", it->second.c_str());
        ImGui::PopTextWrapPos();
        probe_tag(std::string("error:") + f, it->second);
    }
    ImGui::SetNextItemWidth(-em(7.5f));
    ImGui::InputTextWithHint("##inote", "note (optional)", incident_note_, sizeof incident_note_);
    probe_tag("Incident note");
    ImGui::SameLine();
    if (ImGui::Button("Add incident")) {
        errors_.clear();
        ComplianceIncident x;
        const auto d = Date::parse(trim(incident_date_));
        if (!d) errors_["date"] = "Write the date as YYYY-MM-DD.";
        else x.date = *d;
        x.kind = trim(incident_kind_);
        x.note = trim(incident_note_);
        if (errors_.empty()) {
            CommandResult r = store_.add_incident(c.id, x);
            if (r.ok) {
                notice_ = "Recorded: " + x.kind + ". Undo takes it back.";
                incident_kind_[0] = incident_note_[0] = 0;
            } else {
                for (const FieldError& e : r.errors) errors_.emplace(e.field, e.message);
            }
        }
        (void)ctx;
    }
}

void CreatorView::draw_creator_code(const Creator& c) {
    const Settings& s = store_.program().settings;
    section("Creator Code");
    const Eligibility e = creator_code_eligibility(c, s);
    std::string elig = e.ok ? "Eligible" : "Not eligible";
    for (size_t i = 0; i < e.reasons.size(); ++i) elig += (i ? "; " : ": ") + e.reasons[i];
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(e.ok ? palette().ok : palette().warning, "%s", elig.c_str());
    ImGui::PopTextWrapPos();
    probe_tag("creator code eligibility", elig);
    if (!c.creator_code) {
        ImGui::TextDisabled("No Creator Code recorded.");
        return;
    }
    const CreatorCode& k = *c.creator_code;
    ImGui::Text("Code %s", k.code.c_str());
    const auto use_rate = code_use_rate(k);
    const auto per_use = code_earnings_per_use(k);
    const std::string line = fmt_int(k.scans) + " scans, " + fmt_int(k.uses) + " uses (" +
                             (use_rate ? fmt_percent(*use_rate) : std::string("—")) + " of scans), estimated earnings " +
                             fmt_money(k.estimated_earnings, s.currency) + ", " +
                             (per_use ? fmt_money(*per_use, s.currency) : std::string("—")) + " per use";
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(line.c_str());
    ImGui::PopTextWrapPos();
    probe_tag("creator code", line);
}

void CreatorView::draw_promotion(Context& ctx, const Creator& c) {
    const Program& p = store_.program();
    section("Tier history and promotion");
    const PromotionCheck pc = promotion_check(p, c.id, ctx.today);
    Date from, to_excl;
    promotion_window(ctx.today, p.settings.promotion_months, from, to_excl);
    const int tier = effective_tier(c, p.settings);
    if (tier >= 3) {
        ImGui::TextDisabled("Tier 3 is the top tier: no promotion to suggest.");
        probe_tag("promotion", "Tier 3 is the top tier: no promotion to suggest.");
    } else {
        ImGui::TextDisabled("Months checked: %s to %s", from.to_string().c_str(), to_excl.plus_days(-1).to_string().c_str());
        std::string months;
        for (size_t i = 0; i < pc.posts_per_month.size(); ++i)
            months += (i ? ", " : "") + std::to_string(pc.posts_per_month[i]);
        const std::string out = "met the agreed output (" + std::to_string(c.agreed_posts_per_month) +
                                " a month) every month: " + (months.empty() ? "no posts" : "posts " + months);
        yes_no(pc.met_output, out.c_str());
        const std::string rpp = "revenue per post above the tier median: " + fmt_money(pc.revenue_per_post, p.settings.currency) +
                                " vs " + fmt_money(pc.tier_median, p.settings.currency);
        yes_no(pc.above_median, rpp.c_str());
        yes_no(pc.clean, "compliance record clean over those months");
        const bool suggested = pc.suggested() && c.status == CreatorStatus::active;
        std::string verdict = suggested ? "Promotion suggested: tier " + std::string(tier_name(pc.from)) + " to " + tier_name(pc.to)
                                        : "No promotion suggested";
        if (!pc.reason.empty()) verdict += " (" + pc.reason + ")";
        if (pc.suggested() && c.status != CreatorStatus::active) verdict += "; the creator is not active";
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(suggested ? palette().ok : palette().muted, "%s", verdict.c_str());
        ImGui::PopTextWrapPos();
        probe_tag("promotion", verdict);
        ImGui::BeginDisabled(!suggested);
        if (primary_button("Confirm promotion")) {
            CommandResult r = store_.confirm_promotion(c.id, ctx.today);
            notice_ = r.ok ? "Promoted to tier " + std::string(tier_name(pc.to)) + ". Undo takes it back."
                           : (r.errors.empty() ? "Refused." : r.errors[0].message);
        }
        ImGui::EndDisabled();
        if (!suggested) {
            ImGui::SameLine();
            ImGui::TextDisabled("suggested, never automatic: confirm when all three hold");
        }
    }

    ImGui::Spacing();
    if (c.tier_history.empty()) {
        ImGui::TextDisabled("Tier history: no change recorded.");
        probe_tag("tier history", "");
        return;
    }
    // Newest first: what the table draws and exports.
    std::vector<size_t> rows;
    for (size_t i = c.tier_history.size(); i-- > 0;) rows.push_back(i);
    ImGui::TextDisabled("Tier history");
    export_button_right(c.handle + "-tier-history", tier_columns_, rows, p.settings.currency, ctx.today, true);
    if (ImGui::BeginTable("tier-history", th_count,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp |
                              ImGuiTableFlags_ScrollY,
                          ImVec2(0, std::min(em(9), table_height(c.tier_history.size(), 9) + em(2.5f) * c.tier_history.size())))) {
        setup_columns(tier_columns_, "creator-tier-history");
        std::string all;
        for (size_t i : rows) {
            const TierChange* it = &c.tier_history[i];
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(th_date);
            ImGui::TextUnformatted(it->date.to_string().c_str());
            ImGui::TableSetColumnIndex(th_change);
            ImGui::Text("%d -> %d", it->from, it->to);
            ImGui::TableSetColumnIndex(th_reason);
            ImGui::TextWrapped("%s", it->reason.c_str());
            all += it->date.to_string() + " " + std::to_string(it->from) + "->" + std::to_string(it->to) + " " + it->reason + "\n";
        }
        ImGui::EndTable();
        probe_tag("tier history", all);
    }
}

namespace {

enum SampleColumn { sc_product, sc_status, sc_requested, sc_delivered, sc_cost, sc_count };
enum CodeColumn { kc_id, kc_status, kc_expiry, kc_days, kc_owner, kc_count };

std::string product_name_of(const Program& p, Id id) {
    for (const Product& x : p.products)
        if (x.id == id) return x.name;
    return "product " + std::to_string(id);
}

}  // namespace

CreatorView::CreatorView(Store& store) : store_(store), posts_panel_(store) {
    using csv::Cell;
    auto date_cell = [](const std::optional<Date>& d) { return d ? Cell::text(d->to_string()) : Cell::none(); };
    // The creator on screen: rows of the incidents and tier history index its lists.
    auto shown = [this]() -> const Creator& { return *store_.find_creator(shown_); };
    incident_columns_ = {
        {"Date", ic_date, 1.0f, 0, ColumnKind::text, [=](size_t r) { return Cell::text(shown().compliance[r].date.to_string()); }},
        {"What", ic_kind, 1.3f, 0, ColumnKind::text, [=](size_t r) { return Cell::text(shown().compliance[r].kind); }},
        {"Note", ic_note, 2.0f, 0, ColumnKind::text, [=](size_t r) { return Cell::text(shown().compliance[r].note); }},
        {"State", ic_state, 0.9f, 0, ColumnKind::text,
         [=](size_t r) { return Cell::text(shown().compliance[r].resolved ? "resolved" : "open"); }},
    };
    tier_columns_ = {
        {"Date", th_date, 0.8f, 0, ColumnKind::text, [=](size_t r) { return Cell::text(shown().tier_history[r].date.to_string()); }},
        {"Change", th_change, 0.6f, 0, ColumnKind::text, [=](size_t r) {
             const TierChange& t = shown().tier_history[r];
             return Cell::text(std::to_string(t.from) + " -> " + std::to_string(t.to));
         }},
        {"Reason", th_reason, 3.0f, 0, ColumnKind::text, [=](size_t r) { return Cell::text(shown().tier_history[r].reason); }},
    };
    auto sample = [this](size_t r) -> const Sample& { return store_.program().samples[r]; };
    sample_columns_ = {
        {"Product", sc_product, 2.0f, 0, ColumnKind::text,
         [=](size_t r) { return Cell::text(product_name_of(store_.program(), sample(r).product_id)); }},
        {"Status", sc_status, 0.9f, 0, ColumnKind::text,
         [=](size_t r) { return Cell::text(status_label(sample(r).status)); }},
        {"Requested", sc_requested, 1.0f, ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending,
         ColumnKind::text, [=](size_t r) { return date_cell(sample(r).requested); }},
        {"Delivered", sc_delivered, 1.0f, 0, ColumnKind::text, [=](size_t r) { return date_cell(sample(r).delivered); }},
        {"Cost", sc_cost, 0.8f, 0, ColumnKind::money, [=](size_t r) { return Cell::money(sample(r).cost); }},
    };
    auto code = [this](size_t r) -> const SparkCode& { return store_.program().spark_codes[r]; };
    code_columns_ = {
        {"Spark Code", kc_id, 1.0f, 0, ColumnKind::number, [=](size_t r) { return Cell::integer(code(r).id); }},
        {"Status", kc_status, 0.8f, 0, ColumnKind::text, [=](size_t r) { return Cell::text(std::string(name_of(code(r).status))); }},
        {"Expires", kc_expiry, 1.0f, ImGuiTableColumnFlags_DefaultSort, ColumnKind::text,
         [=](size_t r) { return date_cell(spark_expiry(code(r))); }},
        {"Days left", kc_days, 0.8f, 0, ColumnKind::number, [=](size_t r) {
             const auto left = spark_days_left(code(r), today_);
             return left ? Cell::integer(*left) : Cell::none();
         }},
        {"Renewal owner", kc_owner, 1.4f, 0, ColumnKind::text, [=](size_t r) { return Cell::text(code(r).renewal_owner); }},
    };
}

void CreatorView::draw_samples(Context& ctx, const Creator& c) {
    const Program& p = store_.program();
    auto sorter = [&](const Sample& a, const Sample& b, int col) {
        switch (col) {
            case sc_product: return product_name_of(p, a.product_id).compare(product_name_of(p, b.product_id));
            case sc_status: return cmp3(static_cast<int>(a.status), static_cast<int>(b.status));
            case sc_requested: return cmp3(a.requested ? a.requested->days : INT32_MIN, b.requested ? b.requested->days : INT32_MIN);
            case sc_delivered: return cmp3(a.delivered ? a.delivered->days : INT32_MIN, b.delivered ? b.delivered->days : INT32_MIN);
            case sc_cost: return cmp3(a.cost, b.cost);
            default: return 0;
        }
    };
    refresh(samples_, p.samples, c.id, store_.revision(), sorter);
    const size_t n = samples_.rows.size();
    section("Samples", [&] {
        if (n) export_button_right(c.handle + "-samples", sample_columns_, samples_.rows, p.settings.currency, ctx.today, true);
    });
    const PostingRate pr = posting_rate(p, c.id);
    if (auto r = pr.rate()) ImGui::TextDisabled("Posting rate %s (%d of %d delivered led to a post)", fmt_percent(*r).c_str(), pr.posted, pr.delivered);
    if (n == 0) {
        ImGui::TextDisabled("No samples.");
        return;
    }
    if (!ImGui::BeginTable("creator-samples", sc_count, kDataTableFlags, ImVec2(0, table_height(n, 7)))) return;
    setup_columns(sample_columns_, "creator-samples");
    take_specs(samples_);
    refresh(samples_, p.samples, c.id, store_.revision(), sorter);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(samples_.rows.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const Sample& s = p.samples[samples_.rows[static_cast<size_t>(r)]];
            ImGui::PushID(static_cast<int>(s.id));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(sc_product);
            if (ImGui::Selectable((product_name_of(p, s.product_id) + "##sample").c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
                ctx.nav.go("samples", s.id);
            ImGui::TableSetColumnIndex(sc_status);
            ImGui::TextUnformatted(status_label(s.status));
            ImGui::TableSetColumnIndex(sc_requested);
            ImGui::TextUnformatted(date_or(s.requested).c_str());
            ImGui::TableSetColumnIndex(sc_delivered);
            ImGui::TextUnformatted(date_or(s.delivered).c_str());
            ImGui::TableSetColumnIndex(sc_cost);
            ImGui::TextUnformatted(fmt_money(s.cost, p.settings.currency).c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

void CreatorView::draw_codes(Context& ctx, const Creator& c) {
    const Program& p = store_.program();
    auto exp_days = [](const SparkCode& x) { auto e = spark_expiry(x); return e ? e->days : INT32_MAX; };
    auto sorter = [&](const SparkCode& a, const SparkCode& b, int col) {
        switch (col) {
            case kc_id: return cmp3(a.id, b.id);
            case kc_status: return cmp3(static_cast<int>(a.status), static_cast<int>(b.status));
            case kc_expiry:
            case kc_days: return cmp3(exp_days(a), exp_days(b));
            case kc_owner: return a.renewal_owner.compare(b.renewal_owner);
            default: return 0;
        }
    };
    today_ = ctx.today;
    refresh(codes_, p.spark_codes, c.id, store_.revision(), sorter);
    const size_t n = codes_.rows.size();
    section("Spark Codes", [&] {
        if (n) export_button_right(c.handle + "-spark-codes", code_columns_, codes_.rows, p.settings.currency, ctx.today, true);
    });
    if (n == 0) {
        ImGui::TextDisabled("No Spark Codes.");
        return;
    }
    if (!ImGui::BeginTable("creator-codes", kc_count, kDataTableFlags, ImVec2(0, table_height(n, 7)))) return;
    setup_columns(code_columns_, "creator-codes");
    take_specs(codes_);
    refresh(codes_, p.spark_codes, c.id, store_.revision(), sorter);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(codes_.rows.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const SparkCode& x = p.spark_codes[codes_.rows[static_cast<size_t>(r)]];
            ImGui::PushID(static_cast<int>(x.id));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(kc_id);
            if (ImGui::Selectable(("code " + std::to_string(x.id)).c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
                ctx.nav.go("spark", x.id);
            ImGui::TableSetColumnIndex(kc_status);
            ImGui::TextUnformatted(std::string(name_of(x.status)).c_str());
            ImGui::TableSetColumnIndex(kc_expiry);
            ImGui::TextUnformatted(date_or(spark_expiry(x)).c_str());
            ImGui::TableSetColumnIndex(kc_days);
            const auto left = spark_days_left(x, ctx.today);
            switch (spark_expiry_state(x, ctx.today, p.settings)) {
                case ExpiryState::unknown: ImGui::TextDisabled("—"); break;
                case ExpiryState::not_running: ImGui::TextDisabled("%d", *left); break;
                case ExpiryState::past: ImGui::TextColored(palette().error, "%d", *left); break;
                case ExpiryState::soon: ImGui::TextColored(palette().warning, "%d", *left); break;
                case ExpiryState::ok: ImGui::Text("%d", *left); break;
            }
            ImGui::TableSetColumnIndex(kc_owner);
            ImGui::TextUnformatted(x.renewal_owner.empty() ? "nobody" : x.renewal_owner.c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace sr::ui
