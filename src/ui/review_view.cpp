#include "review_view.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/format.hpp"
#include "core/review_today.hpp"
#include "core/rules.hpp"
#include "probe.hpp"
#include "style.hpp"

namespace sr::ui {

namespace {

constexpr size_t kMarginChartCreators = 10;
const char* kGroupNames[5] = {"Now", "This week", "Follow up", "Opportunity", "For information"};

ImVec4 group_color(int urgency) {
    const Palette& p = palette();
    switch (urgency) {
        case 0: return p.error;
        case 1: return p.warning;
        case 2: return p.accent;
        case 3: return p.ok;
        default: return p.muted;
    }
}

ImU32 u32(const ImVec4& c, float alpha = 1.0f) { return ImGui::GetColorU32(ImVec4(c.x, c.y, c.z, c.w * alpha)); }

ImVec4 gmv_color() { return theme_is_dark() ? ImVec4(0.45f, 0.62f, 0.95f, 1) : ImVec4(0.25f, 0.45f, 0.80f, 1); }

bool is_spark(ActionKind k) {
    switch (k) {
        case ActionKind::spark_expired_while_live:
        case ActionKind::spark_expires_soon:
        case ActionKind::spark_kill:
        case ActionKind::spark_campaign_outlasts_code:
        case ActionKind::spark_not_verified: return true;
        default: return false;
    }
}

// Where an action's line leads: the Spark Code, the creator, the roster or the settings.
void open_record(const ReviewItem& a, Nav& nav) {
    if (is_spark(a.kind) && a.record_id) nav.go("spark", a.record_id);
    else if (a.kind == ActionKind::roster_target) nav.go("roster");
    else if (a.kind == ActionKind::budget) nav.go("settings");
    else if (a.creator_id) nav.go("creator", a.creator_id);
}

std::string link_hint(const ReviewItem& a) {
    if (is_spark(a.kind) && a.record_id) return "Click to open Spark Code " + std::to_string(a.record_id);
    if (a.kind == ActionKind::roster_target) return "Click to open the roster";
    if (a.kind == ActionKind::budget) return "Click to open the settings";
    if (a.creator_id) return "Click to open the creator";
    return "";
}

// Text clipped to [x0, x1] with an ellipsis, in a colour.
void clipped_text(ImDrawList* dl, ImVec2 pos, float x1, const std::string& s, const ImVec4& color) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    const float h = ImGui::GetTextLineHeight();
    ImGui::RenderTextEllipsis(dl, pos, ImVec2(x1, pos.y + h), x1, x1, s.c_str(), s.c_str() + s.size(), nullptr);
    ImGui::PopStyleColor();
}

// A "nice" axis maximum: 1, 2, 2.5, 5 x 10^n at or above v.
double nice_ceiling(double v) {
    if (v <= 0) return 1;
    const double mag = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * mag >= v - 1e-9) return m * mag;
    return 10 * mag;
}

std::string short_money(double v, const std::string& currency) {
    // Whole units on chart labels: "$1,240" rather than "$1,240.00".
    std::string s = fmt_money(std::round(v), currency);
    const size_t dot = s.rfind(".00");
    if (dot != std::string::npos && dot + 3 == s.size()) s.erase(dot);
    return s;
}

}  // namespace

void ReviewView::rebuild(Date today) {
    const Program& p = store_.program();
    review_ = review_on(p, today);
    margin_rows_ = creators_margin_vs_gmv(p, kMarginChartCreators);
    phase_ = program_phase(p, today);
    budget_.reset();
    const std::vector<BudgetMonth> months = budget_by_month(p, today);
    if (!months.empty()) budget_ = months.back();
    size_t i = 0;
    for (int u = 0; u <= 5; ++u) {
        while (i < review_.actions.size() && review_.actions[i].urgency < u) ++i;
        group_begin_[u] = i;
    }
    group_begin_[5] = review_.actions.size();
    revision_ = store_.revision();
    built_for_ = today;
}

void ReviewView::draw(Context& ctx) {
    if (store_.revision() != revision_ || !(ctx.today == built_for_)) rebuild(ctx.today);
    draw_header();

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    if (avail.x > em(52)) {
        const float left_w = std::floor(avail.x * 0.55f);
        ImGui::BeginChild("##review-actions", ImVec2(left_w, avail.y), true);
        draw_actions(ctx, avail.y);
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("##review-charts", ImVec2(avail.x - left_w - gap, avail.y), true);
        const ImVec2 inner = ImGui::GetContentRegionAvail();
        const float vel_h = std::floor(inner.y * 0.42f);
        draw_velocity(ImVec2(inner.x, vel_h));
        ImGui::Separator();
        draw_margin_chart(ctx, ImGui::GetContentRegionAvail());
        ImGui::EndChild();
    } else {
        // Narrow screens: the actions, then the charts, one under the other.
        const float list_h = std::max(em(14), avail.y * 0.5f);
        ImGui::BeginChild("##review-actions", ImVec2(0, list_h), true);
        draw_actions(ctx, list_h);
        ImGui::EndChild();
        ImGui::BeginChild("##review-charts", ImVec2(0, 0), true);
        draw_velocity(ImVec2(ImGui::GetContentRegionAvail().x, em(13)));
        ImGui::Separator();
        draw_margin_chart(ctx, ImVec2(ImGui::GetContentRegionAvail().x, em(17)));
        ImGui::EndChild();
    }
}

void ReviewView::draw_header() {
    const Program& p = store_.program();
    const std::string week = "Week " + review_.week_start.to_string() + " to " + review_.week_end.to_string();
    ImGui::TextUnformatted(week.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    const std::string phase = p.settings.program_start ? std::string("Phase: ") + phase_name(phase_)
                                                       : std::string("Phase: no program start date (Settings)");
    ImGui::TextUnformatted(phase.c_str());
    probe_tag("review:phase", phase);
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    const std::string count = fmt_int(static_cast<int64_t>(review_.actions.size())) +
                              (review_.actions.size() == 1 ? " action" : " actions");
    ImGui::TextUnformatted(count.c_str());
    probe_tag("review:count", count);

    std::string budget;
    ImVec4 color = palette().muted;
    if (budget_) {
        budget = "Budget, " + budget_->summary(p.settings.currency);
        const int c = budget_->compare();
        color = c > 0 ? palette().error : c < 0 ? palette().warning : palette().ok;
    } else {
        budget = "Budget: the program has not started, nothing to compare yet";
    }
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(budget.c_str());
    ImGui::PopStyleColor();
    probe_tag("review:budget", budget);
    if (budget_ && ImGui::IsItemHovered()) {
        const BudgetMonth& b = *budget_;
        const std::string& cur = p.settings.currency;
        ImGui::BeginTooltip();
        ImGui::Text("Samples %s, creator fees %s, Spark spend %s, coordinator %s", fmt_money(b.samples, cur).c_str(),
                    fmt_money(b.fees, cur).c_str(), fmt_money(b.spark, cur).c_str(), fmt_money(b.coordinator, cur).c_str());
        ImGui::TextDisabled(b.month <= 3 ? "Months 1-3 compare with the build-stage budget."
                                         : "From month 4 the monthly budget applies.");
        ImGui::EndTooltip();
    }
}

void ReviewView::draw_actions(Context& ctx, float) {
    const std::vector<ReviewItem>& actions = review_.actions;
    if (actions.empty()) {
        ImGui::TextDisabled("Nothing due this week.");
        return;
    }
    const ImGuiStyle& st = ImGui::GetStyle();
    const float line = ImGui::GetTextLineHeight();
    const float pad = em(0.35f);
    const float item_h = std::floor(line * 3 + pad * 2 + em(0.2f));

    for (int u = 0; u < 5; ++u) {
        const size_t begin = group_begin_[u], end = group_begin_[u + 1];
        if (begin == end) continue;
        char label[64];
        std::snprintf(label, sizeof label, "%s (%s)###group%d", kGroupNames[u], fmt_int(static_cast<int64_t>(end - begin)).c_str(), u);
        ImGui::PushStyleColor(ImGuiCol_Text, group_color(u));
        const bool open = ImGui::CollapsingHeader(label, ImGuiTreeNodeFlags_DefaultOpen);
        ImGui::PopStyleColor();
        if (!open) continue;

        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(end - begin), item_h + st.ItemSpacing.y);
        while (clipper.Step()) {
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                const size_t idx = begin + static_cast<size_t>(r);
                const ReviewItem& a = actions[idx];
                ImGui::PushID(static_cast<int>(a.kind));
                ImGui::PushID(static_cast<int>(a.creator_id));
                ImGui::PushID(static_cast<int>(a.record_id));
                ImGui::PushID(a.order);
                const ImVec2 p0 = ImGui::GetCursorScreenPos();
                const float w = ImGui::GetContentRegionAvail().x;
                if (ImGui::Selectable("##action", false, 0, ImVec2(w, item_h))) open_record(a, ctx.nav);
                probe_tag("action:" + std::to_string(idx), a.title);
                const bool hovered = ImGui::IsItemHovered();
                ImDrawList* dl = ImGui::GetWindowDrawList();
                dl->AddRectFilled(p0, ImVec2(p0.x + em(0.22f), p0.y + item_h), u32(group_color(u)));
                const float x0 = p0.x + em(0.6f), x1 = p0.x + w - pad;
                const std::string owner = a.owner.empty() ? "owner: you" : "owner: " + a.owner;
                const float owner_w = ImGui::CalcTextSize(owner.c_str()).x;
                clipped_text(dl, ImVec2(x0, p0.y + pad), x1 - owner_w - em(1), a.title, ImGui::GetStyleColorVec4(ImGuiCol_Text));
                clipped_text(dl, ImVec2(x1 - owner_w, p0.y + pad), x1, owner, palette().muted);
                clipped_text(dl, ImVec2(x0, p0.y + pad + line), x1, a.reason, palette().muted);
                clipped_text(dl, ImVec2(x0, p0.y + pad + line * 2), x1, "\xC2\xBB " + a.action, palette().accent);
                if (hovered) {
                    ImGui::BeginTooltip();
                    ImGui::PushTextWrapPos(em(28));
                    ImGui::TextUnformatted(a.title.c_str());
                    ImGui::TextDisabled("%s", a.reason.c_str());
                    ImGui::Text("Suggested: %s", a.action.c_str());
                    ImGui::TextDisabled("%s", owner.c_str());
                    const std::string hint = link_hint(a);
                    if (!hint.empty()) ImGui::TextDisabled("%s", hint.c_str());
                    ImGui::PopTextWrapPos();
                    ImGui::EndTooltip();
                }
                ImGui::PopID();
                ImGui::PopID();
                ImGui::PopID();
                ImGui::PopID();
            }
        }
    }
}

void ReviewView::draw_velocity(const ImVec2& size) {
    const Velocity& v = review_.velocity;
    const float start_y = ImGui::GetCursorScreenPos().y;
    char avg[32];
    std::snprintf(avg, sizeof avg, "%.1f", v.average);
    ImGui::TextUnformatted("Content velocity: new posts per week, active roster");
    ImGui::SameLine();
    ImGui::TextDisabled("(12 weeks, average %s)", avg);
    std::string summary;
    for (const WeekCount& w : v.weeks) summary += (summary.empty() ? "" : ",") + std::to_string(w.posts);
    probe_tag("chart:velocity", summary);

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float line = ImGui::GetTextLineHeight();
    const float chart_h = std::max(em(6), size.y - (origin.y - start_y) - ImGui::GetStyle().ItemSpacing.y);
    const float left = em(2.2f), bottom = line * 1.3f, top = line * 0.9f;
    const ImVec2 a(origin.x + left, origin.y + top);                  // plot top-left
    const ImVec2 b(origin.x + size.x - em(3.4f), origin.y + chart_h - bottom);  // plot bottom-right; the average's label beyond
    ImGui::InvisibleButton("##velocity", ImVec2(size.x, chart_h));
    const bool hovered = ImGui::IsItemHovered();
    if (v.weeks.empty() || b.y <= a.y) return;

    ImDrawList* dl = ImGui::GetWindowDrawList();
    int max_posts = 0;
    for (const WeekCount& w : v.weeks) max_posts = std::max(max_posts, w.posts);
    const double top_v = nice_ceiling(std::max(1, max_posts));
    const ImU32 grid = u32(palette().muted, 0.25f), text = u32(palette().muted);
    auto y_of = [&](double val) { return b.y - static_cast<float>(val / top_v) * (b.y - a.y); };
    for (int k = 0; k <= 2; ++k) {  // gridlines at 0, half, top
        const double val = top_v * k / 2.0;
        const float y = y_of(val);
        dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), grid);
        char t[16];
        std::snprintf(t, sizeof t, "%g", val);
        const float tw = ImGui::CalcTextSize(t).x;
        dl->AddText(ImVec2(a.x - tw - em(0.3f), y - line * 0.5f), text, t);
    }
    const size_t n = v.weeks.size();
    const float slot = (b.x - a.x) / static_cast<float>(n);
    const float bar_w = slot * 0.62f;
    const float label_w = ImGui::CalcTextSize("00-00").x + em(0.4f);
    const size_t label_every = label_w > slot ? static_cast<size_t>(std::ceil(label_w / slot)) : 1;
    int hovered_week = -1;
    for (size_t i = 0; i < n; ++i) {
        const WeekCount& w = v.weeks[i];
        const float cx = a.x + slot * (static_cast<float>(i) + 0.5f);
        const float y = y_of(w.posts);
        const bool here = hovered && ImGui::GetIO().MousePos.x >= cx - slot / 2 && ImGui::GetIO().MousePos.x < cx + slot / 2;
        if (here) hovered_week = static_cast<int>(i);
        dl->AddRectFilled(ImVec2(cx - bar_w / 2, y), ImVec2(cx + bar_w / 2, b.y), u32(palette().accent, here ? 1.0f : 0.75f), em(0.12f),
                          ImDrawFlags_RoundCornersTop);
        const std::string cnt = std::to_string(w.posts);
        const float cw = ImGui::CalcTextSize(cnt.c_str()).x;
        dl->AddText(ImVec2(cx - cw / 2, y - line), ImGui::GetColorU32(ImGuiCol_Text), cnt.c_str());
        if ((n - 1 - i) % label_every == 0) {
            const std::string d = w.week_start.to_string().substr(5);  // "MM-DD"
            const float dw = ImGui::CalcTextSize(d.c_str()).x;
            dl->AddText(ImVec2(cx - dw / 2, b.y + line * 0.2f), text, d.c_str());
        }
    }
    dl->AddLine(ImVec2(a.x, b.y), ImVec2(b.x, b.y), u32(palette().muted, 0.8f));
    // The average as a dashed line.
    const float ay = y_of(v.average);
    for (float x = a.x; x < b.x; x += em(0.8f)) dl->AddLine(ImVec2(x, ay), ImVec2(std::min(x + em(0.45f), b.x), ay), u32(palette().ok), 1.5f);
    {
        const std::string t = std::string("avg ") + avg;
        dl->AddText(ImVec2(b.x + em(0.3f), ay - line * 0.5f), u32(palette().ok), t.c_str());
    }
    if (hovered_week >= 0) {
        const WeekCount& w = v.weeks[static_cast<size_t>(hovered_week)];
        ImGui::SetTooltip("Week of %s: %d new post%s (average %s)", w.week_start.to_string().c_str(), w.posts,
                          w.posts == 1 ? "" : "s", avg);
    }
}

void ReviewView::draw_margin_chart(Context& ctx, const ImVec2& size) {
    const Program& p = store_.program();
    const std::string& cur = p.settings.currency;
    ImGui::TextUnformatted("Margin beside GMV, top creators by GMV");
    ImGui::SameLine();
    ImGui::TextDisabled("(all time)");
    // Legend.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeight();
    {
        ImGui::SameLine();
        const float sq = line * 0.7f;
        auto key = [&](const ImVec4& c, const char* name) {
            const ImVec2 q = ImGui::GetCursorScreenPos();
            dl->AddRectFilled(ImVec2(q.x, q.y + (line - sq) / 2), ImVec2(q.x + sq, q.y + (line + sq) / 2), u32(c));
            ImGui::Dummy(ImVec2(sq, line));
            ImGui::SameLine(0, em(0.25f));
            ImGui::TextDisabled("%s", name);
        };
        key(gmv_color(), "GMV");
        ImGui::SameLine();
        key(palette().ok, "margin");
        ImGui::SameLine();
        key(palette().error, "negative margin");
    }
    std::string summary;
    for (const RankRow& r : margin_rows_)
        summary += (summary.empty() ? "" : "; ") + r.label + " GMV " + short_money(r.gmv, cur) + " margin " + short_money(r.margin, cur);
    probe_tag("chart:margin", summary);
    if (margin_rows_.empty()) {
        ImGui::TextDisabled("No posts yet.");
        return;
    }

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float avail_h = std::max(em(8), ImGui::GetContentRegionAvail().y);
    const float chart_h = std::min(avail_h, std::max(size.y - line * 1.5f, em(8)));
    const float label_w = em(7.5f), axis_h = line * 1.4f;
    const float plot_x0 = origin.x + label_w, plot_x1 = origin.x + size.x - em(0.5f);
    const size_t n = margin_rows_.size();
    const float row_h = std::min(em(2.4f), (chart_h - axis_h) / static_cast<float>(n));
    double lo = 0, hi = 0;
    for (const RankRow& r : margin_rows_) {
        lo = std::min({lo, r.margin, r.gmv});
        hi = std::max({hi, r.margin, r.gmv});
    }
    // Room on the right of the largest bar for its value.
    const float value_room = ImGui::CalcTextSize(short_money(hi, cur).c_str()).x + em(0.5f);
    const float usable = std::max(em(4), plot_x1 - plot_x0 - value_room);
    const double span = std::max(1.0, hi - lo);
    auto x_of = [&](double val) { return plot_x0 + static_cast<float>((val - lo) / span) * usable; };
    const float zero_x = x_of(0);
    const ImU32 text = u32(palette().muted);

    for (size_t i = 0; i < n; ++i) {
        const RankRow& r = margin_rows_[i];
        const float y0 = origin.y + row_h * static_cast<float>(i);
        ImGui::PushID(static_cast<int>(r.id));
        ImGui::SetCursorScreenPos(ImVec2(origin.x, y0));
        if (ImGui::InvisibleButton("##creator", ImVec2(size.x, row_h))) ctx.nav.go("creator", r.id);
        if (ImGui::IsItemHovered()) {
            dl->AddRectFilled(ImVec2(origin.x, y0), ImVec2(origin.x + size.x, y0 + row_h), ImGui::GetColorU32(ImGuiCol_HeaderHovered));
            ImGui::SetTooltip("%s: GMV %s (rank %d), contribution margin %s (rank %d)\nClick to open the creator",
                              r.label.c_str(), fmt_money(r.gmv, cur).c_str(), r.gmv_rank, fmt_money(r.margin, cur).c_str(),
                              r.margin_rank);
        }
        ImGui::PopID();
        clipped_text(dl, ImVec2(origin.x, y0 + (row_h - line) / 2), plot_x0 - em(0.4f), r.label, ImGui::GetStyleColorVec4(ImGuiCol_Text));
        const float bar_h = std::max(2.0f, (row_h - em(0.35f)) / 2);
        const float gy = y0 + em(0.15f), my = gy + bar_h;
        auto bar = [&](double val, float y, const ImVec4& c) {
            const float xv = x_of(val);
            dl->AddRectFilled(ImVec2(std::min(zero_x, xv), y), ImVec2(std::max(zero_x, xv), y + bar_h - 1), u32(c));
            const std::string s = short_money(val, cur);
            const float tw = ImGui::CalcTextSize(s.c_str()).x;
            // Values sit beyond the bar's end; a negative one sits right of the zero line.
            float tx = val >= 0 ? xv + em(0.25f) : zero_x + em(0.25f);
            if (tx + tw > plot_x1 + em(0.5f)) tx = plot_x1 + em(0.5f) - tw;
            const float ty = y + (bar_h - line) / 2;
            if (bar_h >= line * 0.6f) dl->AddText(ImVec2(tx, ty), val < 0 ? u32(palette().error) : text, s.c_str());
        };
        bar(r.gmv, gy, gmv_color());
        bar(r.margin, my, r.margin < 0 ? palette().error : palette().ok);
    }
    const float plot_bottom = origin.y + row_h * static_cast<float>(n);
    dl->AddLine(ImVec2(zero_x, origin.y), ImVec2(zero_x, plot_bottom), u32(palette().muted, 0.8f));
    // Axis: the lowest value, zero and the highest.
    auto tick = [&](double val) {
        const float x = x_of(val);
        const std::string s = short_money(val, cur);
        const float tw = ImGui::CalcTextSize(s.c_str()).x;
        dl->AddLine(ImVec2(x, plot_bottom), ImVec2(x, plot_bottom + line * 0.25f), text);
        dl->AddText(ImVec2(std::max(plot_x0 - tw / 2, x - tw / 2), plot_bottom + line * 0.3f), text, s.c_str());
    };
    tick(0);
    tick(hi);
    if (lo < 0 && zero_x - x_of(lo) > em(4)) tick(lo);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, plot_bottom + axis_h));
    ImGui::Dummy(ImVec2(1, 1));
}

}  // namespace sr::ui
