#include "review_view.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/format.hpp"
#include "core/input.hpp"
#include "core/review_today.hpp"
#include "core/rules.hpp"
#include "form_fields.hpp"
#include "platform/platform.hpp"
#include "probe.hpp"
#include "style.hpp"

namespace sr::ui {

namespace {

constexpr size_t kMarginChartCreators = 10;

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
        case ActionKind::spark_not_verified:
        case ActionKind::spark_past_expiry:
        case ActionKind::spark_not_received: return true;
        default: return false;
    }
}

// A code past its expiry can be set expired from the review (docs/rules.md, section 5).
bool offers_expiry(const ReviewItem& a) {
    return a.record_id && (a.kind == ActionKind::spark_expired_while_live || a.kind == ActionKind::spark_past_expiry);
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

std::string owner_text(const ReviewItem& a) { return a.owner.empty() ? "owner: you" : "owner: " + a.owner; }

// Text clipped to [x0, x1] with an ellipsis, in a colour (the chart labels; their whole text is
// in the row's tooltip).
void clipped_text(ImDrawList* dl, ImVec2 pos, float x1, const std::string& s, const ImVec4& color) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    const float h = ImGui::GetTextLineHeight();
    ImGui::RenderTextEllipsis(dl, pos, ImVec2(x1, pos.y + h), x1, x1, s.c_str(), s.c_str() + s.size(), nullptr);
    ImGui::PopStyleColor();
}

// Text wrapped to `width` at `pos`; returns its height.
float wrapped_text(ImDrawList* dl, ImVec2 pos, float width, const std::string& s, const ImVec4& color) {
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), pos, u32(color), s.c_str(), s.c_str() + s.size(), width);
    return ImGui::CalcTextSize(s.c_str(), s.c_str() + s.size(), false, width).y;
}
float wrapped_height(const std::string& s, float width) {
    return ImGui::CalcTextSize(s.c_str(), s.c_str() + s.size(), false, width).y;
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

// "day=2026-12-20" in a route's query: the review's day. `bad` is set when a day is there and is
// not a date.
std::optional<Date> query_day(const std::string& query, std::string& bad) {
    size_t at = 0;
    while (at < query.size()) {
        size_t end = query.find('&', at);
        if (end == std::string::npos) end = query.size();
        const std::string part = query.substr(at, end - at);
        if (part.rfind("day=", 0) == 0) {
            if (auto d = Date::parse(part.substr(4))) return d;
            bad = "The link's day '" + part.substr(4) + "' is not a date (YYYY-MM-DD): the review is today's.";
        }
        at = end + 1;
    }
    return std::nullopt;
}

// The buttons at the right of an action's first line, and how wide they are together.
const char* kDone = "Done";
const char* kSnooze = "Snooze";
const char* kSetExpired = "Set expired";
float buttons_width(const ReviewItem& a) {
    const ImGuiStyle& st = ImGui::GetStyle();
    auto bw = [&](const char* t) { return ImGui::CalcTextSize(t).x + st.FramePadding.x * 2 + st.ItemSpacing.x; };
    return bw(kDone) + bw(kSnooze) + (offers_expiry(a) ? bw(kSetExpired) : 0.0f);
}

}  // namespace

ReviewView::ReviewView(Store& store) : store_(store) {
    using csv::Cell;
    auto at = [this](size_t r) -> const TodoEntry& { return *export_entries_[r]; };
    export_columns_ = {
        {"Urgency", 0, 1, 0, ColumnKind::text, [=](size_t r) { return Cell::text(urgency_name(at(r).item.urgency)); }},
        // The creator's handle as stored, without the "@".
        {"Creator", 1, 1, 0, ColumnKind::text, [=](size_t r) {
             const TodoEntry& e = at(r);
             if (!e.item.creator_id) return Cell::none();
             for (const Creator& c : store_.program().creators)
                 if (c.id == e.item.creator_id) return Cell::text(c.handle);
             return Cell::none();
         }},
        {"Action", 2, 1, 0, ColumnKind::text, [=](size_t r) { return Cell::text(action_topic(at(r).item)); }},
        {"Why", 3, 1, 0, ColumnKind::text, [=](size_t r) { return Cell::text(at(r).item.reason); }},
        {"Do", 4, 1, 0, ColumnKind::text, [=](size_t r) { return Cell::text(at(r).item.action); }},
        {"Owner", 5, 1, 0, ColumnKind::text, [=](size_t r) { return Cell::text(at(r).item.owner); }},
        {"State", 6, 1, 0, ColumnKind::text, [=](size_t r) {
             const TodoEntry& e = at(r);
             if (!e.hidden) return Cell::text(e.mark ? "back" : "to do");
             return Cell::text(e.mark && e.mark->state == MarkState::snoozed ? "snoozed" : "done");
         }},
        {"Mark", 7, 1, 0, ColumnKind::text, [=](size_t r) { return Cell::text(at(r).note); }},
        {"Action id", 8, 1, 0, ColumnKind::text, [=](size_t r) { return Cell::text(action_key(at(r).item)); }},
    };
}

void ReviewView::rebuild(Date day) {
    const Program& p = store_.program();
    review_ = review_on(p, day);
    todo_ = review_todo(review_, p.review_marks, day);
    groups_ = group_by_creator(todo_, p);
    margin_rows_ = creators_margin_vs_gmv(p, kMarginChartCreators);
    phase_ = program_phase(p, day);
    budget_.reset();
    const std::vector<BudgetMonth> months = budget_by_month(p, day);
    if (!months.empty()) budget_ = months.back();
    // Exported as listed: each creator's actions together, in the order of the groups; then
    // what is done and snoozed.
    export_entries_.clear();
    for (const TodoGroup& g : groups_)
        for (size_t i : g.items) export_entries_.push_back(&todo_.open[i]);
    for (const TodoEntry& e : todo_.hidden) export_entries_.push_back(&e);
    export_rows_.resize(export_entries_.size());
    for (size_t i = 0; i < export_rows_.size(); ++i) export_rows_[i] = i;
    build_rows();
    revision_ = store_.revision();
    built_for_ = day;
}

void ReviewView::build_rows() {
    rows_.clear();
    int urgency = -1;
    for (size_t gi = 0; gi < groups_.size(); ++gi) {
        const TodoGroup& g = groups_[gi];
        if (g.urgency != urgency) {
            rows_.push_back({Row::heading, g.urgency, gi, 0, false});
            urgency = g.urgency;
        }
        if (g.items.size() == 1) {
            rows_.push_back({Row::action, g.urgency, gi, g.items.front(), false});
            continue;
        }
        rows_.push_back({Row::creator, g.urgency, gi, 0, false});
        if (expanded_.count(g.creator_id))
            for (size_t i : g.items) rows_.push_back({Row::action, g.urgency, gi, i, true});
    }
    heights_width_ = -1;  // measured again on the next draw
    rows_dirty_ = false;
}

void ReviewView::draw(Context& ctx) {
    today_ = ctx.today;
    day_problem_.clear();
    const std::optional<Date> link_day = query_day(ctx.nav.current().query, day_problem_);
    day_from_link_ = link_day.has_value();
    day_ = link_day.value_or(ctx.today);
    if (store_.revision() != revision_ || !(day_ == built_for_)) rebuild(day_);
    draw_header(ctx);

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    if (avail.x > em(52)) {
        const float left_w = std::floor(avail.x * 0.55f);
        ImGui::BeginChild("##review-actions", ImVec2(left_w, avail.y), true);
        draw_actions(ctx);
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
        draw_actions(ctx);
        ImGui::EndChild();
        ImGui::BeginChild("##review-charts", ImVec2(0, 0), true);
        draw_velocity(ImVec2(ImGui::GetContentRegionAvail().x, em(13)));
        ImGui::Separator();
        draw_margin_chart(ctx, ImVec2(ImGui::GetContentRegionAvail().x, em(17)));
        ImGui::EndChild();
    }
    draw_snooze_popup();
    close_requested_ = false;
}

bool ReviewView::close_dialog() {
    if (!snoozing_) return false;
    close_requested_ = true;
    return true;
}

void ReviewView::draw_header(Context& ctx) {
    const Program& p = store_.program();
    const std::string week = "Week " + review_.week_start.to_string() + " to " + review_.week_end.to_string();
    ImGui::TextUnformatted(week.c_str());
    // The next part on the same line after a bar, or on the next line when it would not fit
    // (a phone): nothing in the header is cut off.
    auto next = [](const std::string& part) {
        ImGui::SameLine();
        const float need = ImGui::CalcTextSize(("| " + part).c_str()).x + ImGui::GetStyle().ItemSpacing.x * 2;
        if (ImGui::GetContentRegionAvail().x < need) {
            ImGui::NewLine();
            return;
        }
        ImGui::TextDisabled("|");
        ImGui::SameLine();
    };
    const std::string phase = p.settings.program_start ? std::string("Phase: ") + phase_name(phase_)
                                                       : std::string("Phase: no program start date (Settings)");
    next(phase);
    ImGui::TextUnformatted(phase.c_str());
    probe_tag("review:phase", phase);
    const std::string count = fmt_int(static_cast<int64_t>(todo_.open.size())) +
                              (todo_.open.size() == 1 ? " action" : " actions");
    next(count);
    ImGui::TextUnformatted(count.c_str());
    probe_tag("review:count", count);
    // The day the review is held as of: today, or the one in the link (a look ahead or back).
    const std::string day = "as of " + day_.to_string();
    const bool from_link = day_from_link_ && day_ != today_;
    next(from_link ? day + " Back to today" : day);
    if (from_link) {
        ImGui::TextColored(palette().warning, "%s", day.c_str());
        probe_tag("review:day", day_.to_string());
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("The day comes from the link (#/review?day=%s); today is %s.", day_.to_string().c_str(),
                              today_.to_string().c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("Back to today")) ctx.nav.go("review");
    } else {
        ImGui::TextDisabled("%s", day.c_str());
        probe_tag("review:day", day_.to_string());
    }
    if (!day_problem_.empty()) message_line(palette().warning, day_problem_, "review:day-problem");

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
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(budget.c_str());
    ImGui::PopTextWrapPos();
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

void ReviewView::draw_toolbar() {
    const Program& p = store_.program();
    if (ImGui::Button("Copy as text")) {
        platform::clipboard_set(todo_to_text(todo_, groups_, review_, p));
        notice_ = "Copied " + count_of(todo_.open.size(), "action", "actions") + " as text.";
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The list as plain text, by urgency and creator, for a chat or an email");
    ImGui::SameLine();
    export_button("weekly-review", export_columns_, export_rows_, p.settings.currency, day_);
    ImGui::SameLine();
    size_t people = 0;
    for (const TodoGroup& g : groups_) people += g.creator_id != 0;
    const std::string summary = count_of(todo_.open.size(), "to do", "to do") + " for " +
                                count_of(people, "creator", "creators") + " and " +
                                count_of(groups_.size() - people, "other item", "other items") + "; " +
                                std::to_string(todo_.hidden.size()) + " done or snoozed";
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", summary.c_str());
    ImGui::PopTextWrapPos();
    probe_tag("review:todo", summary);
    if (show_hidden_ && todo_.hidden.empty()) show_hidden_ = false;
    if (!todo_.hidden.empty()) {
        const std::string label = show_hidden_ ? "Back to the to-do list###hidden"
                                               : "Done and snoozed (" + std::to_string(todo_.hidden.size()) + ")###hidden";
        if (ImGui::SmallButton(label.c_str())) show_hidden_ = !show_hidden_;
        probe_tag("review:hidden", std::to_string(todo_.hidden.size()));
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", show_hidden_ ? "Show what is to do" : "What is off the list this week, with who and when");
    }
    if (!notice_.empty()) message_line(palette().ok, notice_, "review:notice");
}

float ReviewView::action_height(size_t index, bool nested, float w) const {
    const ReviewItem& a = todo_.open[index].item;
    const float pad = em(0.35f);
    const float x0 = (nested ? em(1.4f) : 0.0f) + em(0.6f);
    const float text_w = std::max(em(6), w - x0 - pad);
    const float title_w = std::max(em(4), text_w - buttons_width(a));
    float h = pad * 2 + std::max(wrapped_height(a.title, title_w), ImGui::GetFrameHeight());
    h += wrapped_height(a.reason, text_w);
    h += wrapped_height("\xC2\xBB " + a.action + " \xC2\xB7 " + owner_text(a), text_w);
    if (!todo_.open[index].note.empty()) h += wrapped_height(todo_.open[index].note, text_w);
    return std::floor(h + em(0.2f));
}

void ReviewView::draw_actions(Context& ctx) {
    if (rows_dirty_) build_rows();
    draw_toolbar();
    ImGui::Separator();
    if (show_hidden_) {
        draw_hidden();
        return;
    }
    if (todo_.open.empty()) {
        ImGui::TextDisabled(todo_.hidden.empty() ? "Nothing due this week." : "Nothing left to do: the rest is done or snoozed.");
    }
    const float w = ImGui::GetContentRegionAvail().x;
    if (w != heights_width_) {
        heights_.assign(rows_.size(), 0.0f);
        const float line = ImGui::GetTextLineHeight(), pad = em(0.35f);
        for (size_t r = 0; r < rows_.size(); ++r) {
            const Row& row = rows_[r];
            if (row.kind == Row::action) heights_[r] = action_height(row.entry, row.nested, w);
            else if (row.kind == Row::creator)
                heights_[r] = std::floor(pad * 2 + line + (expanded_.count(groups_[row.group].creator_id)
                                                               ? 0.0f
                                                               : ImGui::GetFrameHeight() + em(0.15f)));
        }
        heights_width_ = w;
    }
    bool section_open = true;
    for (size_t r = 0; r < rows_.size(); ++r) {
        const Row& row = rows_[r];
        if (row.kind == Row::heading) {
            size_t actions = 0, people = 0, other = 0;
            for (size_t g = row.group; g < groups_.size() && groups_[g].urgency == row.urgency; ++g) {
                actions += groups_[g].items.size();
                (groups_[g].creator_id ? people : other) += 1;
            }
            std::string label = std::string(urgency_name(row.urgency)) + " · " + count_of(actions, "action", "actions");
            if (people) label += " · " + count_of(people, "creator", "creators");
            char id[32];
            std::snprintf(id, sizeof id, "###group%d", row.urgency);
            ImGui::PushStyleColor(ImGuiCol_Text, group_color(row.urgency));
            section_open = ImGui::CollapsingHeader((label + id).c_str(), ImGuiTreeNodeFlags_DefaultOpen);
            ImGui::PopStyleColor();
            probe_tag(std::string("section:") + urgency_name(row.urgency), label);
            continue;
        }
        if (!section_open) continue;
        const float h = heights_[r];
        if (!ImGui::IsRectVisible(ImVec2(w, h))) {
            ImGui::Dummy(ImVec2(w, h));  // off screen: its room only
            continue;
        }
        if (row.kind == Row::creator) draw_group(ctx, groups_[row.group], w, h);
        else draw_action(ctx, row.entry, row.nested, w, h);
    }
}

// A creator's line: its handle and how many actions, then its actions as links (collapsed), or
// its actions one by one below it (expanded). A click on the line opens or closes it.
//
// The links (and an action's buttons below) are submitted before the line's Selectable, so they
// take the mouse where they are without the Selectable allowing overlap (which would miss a click
// that arrives with the move onto it); draw-list channels keep them drawn above its highlight.
void ReviewView::draw_group(Context& ctx, const TodoGroup& g, float w, float h) {
    const bool open = expanded_.count(g.creator_id) > 0;
    const float line = ImGui::GetTextLineHeight(), pad = em(0.35f);
    ImGui::PushID(static_cast<int>(g.creator_id));
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    dl->AddRectFilled(p0, ImVec2(p0.x + em(0.22f), p0.y + h), u32(group_color(g.urgency)));
    const float x0 = p0.x + em(0.6f), x1 = p0.x + w - pad;
    ImGui::RenderArrow(dl, ImVec2(x0, p0.y + pad), ImGui::GetColorU32(ImGuiCol_Text), open ? ImGuiDir_Down : ImGuiDir_Right,
                       0.8f);
    const float tx = x0 + line;
    dl->AddText(ImVec2(tx, p0.y + pad), ImGui::GetColorU32(ImGuiCol_Text), g.label.c_str());
    const float lw = ImGui::CalcTextSize(g.label.c_str()).x;
    const std::string count = count_of(g.items.size(), "action", "actions") + (open ? "" : ":");
    dl->AddText(ImVec2(tx + lw + em(0.5f), p0.y + pad), u32(palette().muted), count.c_str());
    if (!open) {
        // Its actions as links, each opening its record; those that do not fit are behind "+N more".
        float x = tx;
        const float y = p0.y + pad + line + em(0.15f);
        const ImGuiStyle& st = ImGui::GetStyle();
        for (size_t k = 0; k < g.items.size(); ++k) {
            const size_t idx = g.items[k];
            const ReviewItem& a = todo_.open[idx].item;
            const std::string topic = action_topic(a);
            const float cw = ImGui::CalcTextSize(topic.c_str()).x + st.FramePadding.x * 2;
            const size_t rest = g.items.size() - k - 1;
            const std::string more = "+" + std::to_string(g.items.size() - k) + " more";
            const float more_w = ImGui::CalcTextSize(more.c_str()).x + st.FramePadding.x * 2 + st.ItemSpacing.x;
            if (x + cw + (rest ? more_w : 0.0f) > x1 && k > 0) {
                ImGui::SetCursorScreenPos(ImVec2(x, y));
                if (ImGui::SmallButton(more.c_str())) {
                    expanded_.insert(g.creator_id);
                    rows_dirty_ = true;
                }
                probe_tag("more:" + g.label, more);
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show all %zu actions of %s", g.items.size(), g.label.c_str());
                break;
            }
            ImGui::SetCursorScreenPos(ImVec2(x, y));
            ImGui::PushID(static_cast<int>(idx));
            ImGui::PushStyleColor(ImGuiCol_Text, group_color(a.urgency));
            if (ImGui::SmallButton(topic.c_str())) open_record(a, ctx.nav);
            ImGui::PopStyleColor();
            probe_tag("action:" + std::to_string(idx), a.title);
            if (ImGui::IsItemHovered()) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(em(28));
                ImGui::TextUnformatted(a.title.c_str());
                ImGui::TextDisabled("%s", a.reason.c_str());
                ImGui::Text("Suggested: %s", a.action.c_str());
                ImGui::TextDisabled("%s", owner_text(a).c_str());
                if (!todo_.open[idx].note.empty()) ImGui::TextColored(palette().warning, "%s", todo_.open[idx].note.c_str());
                const std::string hint = link_hint(a);
                if (!hint.empty()) ImGui::TextDisabled("%s", hint.c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            ImGui::PopID();
            x += cw + st.ItemSpacing.x;
        }
    }
    dl->ChannelsSetCurrent(0);
    ImGui::SetCursorScreenPos(p0);
    if (ImGui::Selectable("##creator-line", false, 0, ImVec2(w, h))) {
        if (open) expanded_.erase(g.creator_id);
        else expanded_.insert(g.creator_id);
        rows_dirty_ = true;  // the rows are rebuilt before the next frame draws them
    }
    const bool hovered = ImGui::IsItemHovered();
    dl->ChannelsMerge();
    {
        // The handle and count, for the page API (a click there opens or closes the line).
        const ImVec2 after = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(ImVec2(tx, p0.y + pad));
        ImGui::Dummy(ImVec2(lw + em(0.5f) + ImGui::CalcTextSize(count.c_str()).x, line));
        probe_tag("group:" + g.label, g.summary);
        ImGui::SetCursorScreenPos(after);
    }
    if (hovered) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(em(30));
        for (size_t i : g.items) {
            const ReviewItem& a = todo_.open[i].item;
            ImGui::TextColored(group_color(a.urgency), "%s", action_topic(a).c_str());
            ImGui::TextDisabled("%s", a.reason.c_str());
        }
        ImGui::TextDisabled(open ? "Click to fold the actions into one line" : "Click to show each action with its reason");
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    ImGui::PopID();
}

// One action: its title with Done and Snooze at the right, why (wrapped, never cut), what to do
// and who, and why it is back if it was marked before. A click on it opens its record.
void ReviewView::draw_action(Context& ctx, size_t index, bool nested, float w, float h) {
    const TodoEntry& e = todo_.open[index];
    const ReviewItem a = e.item;  // a copy: a command below rebuilds the list
    const std::string note = e.note;
    const float pad = em(0.35f);
    ImGui::PushID(action_key(a).c_str());
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float indent = nested ? em(1.4f) : 0.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    dl->AddRectFilled(ImVec2(p0.x + indent, p0.y), ImVec2(p0.x + indent + em(0.22f), p0.y + h), u32(group_color(a.urgency)));
    const float x0 = p0.x + indent + em(0.6f), x1 = p0.x + w - pad;
    const float text_w = std::max(em(6), x1 - x0);
    const float bw = buttons_width(a);
    float y = p0.y + pad;
    const float title_h = wrapped_text(dl, ImVec2(x0, y), std::max(em(4), text_w - bw), a.title, ImGui::GetStyleColorVec4(ImGuiCol_Text));

    // Done, Snooze (and Set expired for a code past its expiry), right-aligned on the first line.
    {
        float bx = x1 - bw + ImGui::GetStyle().ItemSpacing.x;
        auto button = [&](const char* label, const std::string& tag) {
            ImGui::SetCursorScreenPos(ImVec2(bx, y - ImGui::GetStyle().FramePadding.y));
            const bool clicked = ImGui::SmallButton(label);
            probe_tag(tag + ":" + a.title);
            bx = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x;
            return clicked;
        };
        if (offers_expiry(a)) {
            if (button(kSetExpired, "Set expired")) {
                const CommandResult r = store_.expire_spark_code(a.record_id, day_);
                notice_ = r.ok ? "Set Spark Code " + std::to_string(a.record_id) + " expired. Undo brings it back."
                               : (r.errors.empty() ? std::string("Refused.") : r.errors.front().message);
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Mark the code expired (then extend or replace it)");
        }
        if (button(kDone, "Done")) {
            const CommandResult r = store_.mark_review_action(mark_for(a, MarkState::done, day_));
            if (r.ok) notice_ = "Done: " + a.title + ". It comes back if its numbers change; undo brings it back now.";
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Off the list until its numbers change");
        if (button(kSnooze, "Snooze")) {
            snoozing_ = a;
            want_snooze_ = true;
            snooze_error_.clear();
            copy_to(snooze_until_, day_.plus_days(7).to_string());
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Off the list until a day; back then if its cause is still there");
    }
    y += std::max(title_h, ImGui::GetFrameHeight());
    y += wrapped_text(dl, ImVec2(x0, y), text_w, a.reason, palette().muted);
    y += wrapped_text(dl, ImVec2(x0, y), text_w, "\xC2\xBB " + a.action + " \xC2\xB7 " + owner_text(a), palette().accent);
    if (!note.empty()) wrapped_text(dl, ImVec2(x0, y), text_w, note, palette().warning);

    dl->ChannelsSetCurrent(0);
    ImGui::SetCursorScreenPos(p0);
    if (ImGui::Selectable("##action", false, 0, ImVec2(w, h))) open_record(a, ctx.nav);
    probe_tag("action:" + std::to_string(index), a.title);
    dl->ChannelsMerge();
    if (ImGui::IsItemHovered()) {
        const std::string hint = link_hint(a);
        if (!hint.empty()) ImGui::SetTooltip("%s", hint.c_str());
    }
    if (!note.empty()) {
        // The note's own line, for the page API: where it is and what it says.
        const float note_y = p0.y + h - em(0.2f) - pad - wrapped_height(note, text_w);
        ImGui::SetCursorScreenPos(ImVec2(x0, note_y));
        ImGui::Dummy(ImVec2(text_w, wrapped_height(note, text_w)));
        probe_tag("note:" + std::to_string(index), note);
        ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + h + ImGui::GetStyle().ItemSpacing.y));
    }
    ImGui::PopID();
}

// What is done or snoozed this week, each with who and when, and a way back onto the list.
void ReviewView::draw_hidden() {
    ImGui::TextDisabled("Off the list this week: done ones come back when their numbers change, snoozed ones on "
                        "their day, if their cause is still there.");
    for (size_t i = 0; i < todo_.hidden.size(); ++i) {
        const TodoEntry& e = todo_.hidden[i];
        const std::string key = action_key(e.item);
        ImGui::PushID(key.c_str());
        ImGui::Spacing();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(e.item.title.c_str());
        probe_tag("hidden:" + std::to_string(i), e.item.title);
        ImGui::TextDisabled("%s", e.note.c_str());
        probe_tag("hidden-note:" + std::to_string(i), e.note);
        ImGui::PopTextWrapPos();
        if (ImGui::SmallButton("Back on the list")) {
            store_.clear_review_mark(key);
            notice_ = "Back on the list: " + e.item.title + ".";
        }
        probe_tag("Reopen:" + e.item.title);
        ImGui::PopID();
        if (store_.revision() != revision_) break;  // the list changed under us
    }
}

void ReviewView::draw_snooze_popup() {
    const char* name = "Snooze##review";
    if (want_snooze_) {
        ImGui::OpenPopup(name);
        want_snooze_ = false;
    }
    ImGui::SetNextWindowSize(ImVec2(em(24), 0));
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(name, nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings)) {
        snoozing_.reset();
        return;
    }
    if (!snoozing_) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    ImGui::TextWrapped("Snooze \"%s\"? It leaves the list and comes back on the day you choose, if its cause is "
                       "still there then.", snoozing_->title.c_str());
    bool close = false;
    auto snooze = [&](Date until) {
        const CommandResult r = store_.mark_review_action(mark_for(*snoozing_, MarkState::snoozed, day_, until));
        if (!r.ok) {
            snooze_error_ = r.errors.empty() ? "Refused." : r.errors.front().message;
            return;
        }
        notice_ = "Snoozed until " + until.to_string() + ": " + snoozing_->title + ".";
        close = true;
    };
    for (int weeks : {1, 2, 4}) {
        const std::string label = weeks == 1 ? "1 week" : std::to_string(weeks) + " weeks";
        if (ImGui::Button(label.c_str())) snooze(day_.plus_days(7 * weeks));
        probe_tag("Snooze " + label);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Until %s", day_.plus_days(7 * weeks).to_string().c_str());
        ImGui::SameLine();
    }
    ImGui::NewLine();
    caption("Until (YYYY-MM-DD)");
    ImGui::SetNextItemWidth(em(9));
    const bool enter = ImGui::InputText("##snooze-until", snooze_until_, sizeof snooze_until_, ImGuiInputTextFlags_EnterReturnsTrue);
    probe_tag("Until");
    ImGui::SameLine();
    if (ImGui::Button("Snooze until then") || enter) {
        std::optional<Date> until;
        std::string why;
        if (!read_date(snooze_until_, until, why, true)) snooze_error_ = why;
        else snooze(*until);
    }
    if (!snooze_error_.empty()) message_line(palette().error, snooze_error_, "error:until");
    ImGui::Spacing();
    if (ImGui::Button("Cancel") || close_requested_) close = true;
    if (close) {
        snoozing_.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
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
