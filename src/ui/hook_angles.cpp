#include "hook_angles.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "core/briefs.hpp"
#include "core/format.hpp"
#include "core/metrics.hpp"
#include "probe.hpp"
#include "style.hpp"

namespace sr::ui {

namespace {

enum HookColumn { hc_angle, hc_posts, hc_views, hc_hold, hc_clicks, hc_conv, hc_rpp, hc_margin, hc_mpp, hc_count };

int cmp_opt(const std::optional<double>& a, const std::optional<double>& b) {
    if (a.has_value() != b.has_value()) return a ? 1 : -1;
    return a ? cmp3(*a, *b) : 0;
}

std::string rate_or_dash(const std::optional<double>& v) { return v ? fmt_rate(*v) : "-"; }

void right_text(const std::string& s, bool muted) {
    const float w = ImGui::CalcTextSize(s.c_str()).x;
    const float room = ImGui::GetContentRegionAvail().x;
    if (room > w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + room - w);
    if (muted) ImGui::TextDisabled("%s", s.c_str());
    else ImGui::TextUnformatted(s.c_str());
}

const int kWindows[] = {28, 56, 90, 180, 365, 0};

std::string window_label(int days) { return days == 0 ? "All time" : "Last " + std::to_string(days) + " days"; }

}  // namespace

HookAnglePanel::HookAnglePanel(Store& store) : store_(store) {
    using csv::Cell;
    auto r = [this](size_t i) -> const HookAngleRow& { return table_.rows[i]; };
    auto opt_pct = [](const std::optional<double>& v) { return v ? Cell::number(*v * 100.0, 4) : Cell::none(); };
    columns_ = {
        {"Angle", hc_angle, 1.6f, ImGuiTableColumnFlags_DefaultSort, ColumnKind::text,
         [=](size_t i) { return Cell::text(hook_angle_label(r(i).hook)); }},
        {"Posts", hc_posts, 0.6f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::number,
         [=](size_t i) { return Cell::integer(r(i).posts); }},
        {"Views", hc_views, 0.9f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::number,
         [=](size_t i) { return Cell::integer(r(i).views); }},
        {"Hold 3 s", hc_hold, 0.8f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::percent,
         [=](size_t i) { return opt_pct(r(i).hold_rate); }},
        {"Clicks", hc_clicks, 0.8f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::number,
         [=](size_t i) { return Cell::integer(r(i).clicks); }},
        {"Conversion", hc_conv, 0.9f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::percent,
         [=](size_t i) { return opt_pct(r(i).conversion); }},
        {"Rev / post", hc_rpp, 1.0f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
         [=](size_t i) { return r(i).revenue_per_post ? Cell::money(*r(i).revenue_per_post) : Cell::none(); }},
        {"Margin", hc_margin, 1.0f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
         [=](size_t i) { return Cell::money(r(i).margin); }},
        {"Margin / post", hc_mpp, 1.0f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
         [=](size_t i) { return Cell::money(r(i).margin_per_post()); }},
    };
}

void HookAnglePanel::rebuild(Date as_of) {
    const Program& p = store_.program();
    const std::optional<Date> from = days_ > 0 ? std::optional<Date>(as_of.plus_days(-days_)) : std::nullopt;
    table_ = hook_angle_table(p, from, as_of, product_);
    revision_ = store_.revision();
    built_for_ = as_of;
    built_days_ = days_;
    built_product_ = product_;
    order_.clear();
    for (size_t i = 0; i < table_.rows.size(); ++i) order_.push_back(i);
    sort();
}

void HookAnglePanel::sort() {
    sort_rows(
        order_, sort_,
        [&](size_t ia, size_t ib, int col) {
            const HookAngleRow& a = table_.rows[ia];
            const HookAngleRow& b = table_.rows[ib];
            switch (col) {
                case hc_angle: return cmp3(static_cast<int>(a.hook), static_cast<int>(b.hook));
                case hc_posts: return cmp3(a.posts, b.posts);
                case hc_views: return cmp3(a.views, b.views);
                case hc_hold: return cmp_opt(a.hold_rate, b.hold_rate);
                case hc_clicks: return cmp3(a.clicks, b.clicks);
                case hc_conv: return cmp_opt(a.conversion, b.conversion);
                case hc_rpp: return cmp_opt(a.revenue_per_post, b.revenue_per_post);
                case hc_margin: return cmp3(a.margin, b.margin);
                case hc_mpp: return cmp3(a.margin_per_post(), b.margin_per_post());
                default: return 0;
            }
        },
        [&](size_t a, size_t b) { return table_.rows[a].hook < table_.rows[b].hook; });
}

void HookAnglePanel::draw(Context& ctx) {
    const Program& p = store_.program();
    const Settings& s = p.settings;
    const Date as_of = week_start_of(ctx.today, s);  // the review day, as the rest of the screen
    if (days_ < 0) days_ = s.hook_window_days;

    // The window and the product.
    std::vector<int> windows(std::begin(kWindows), std::end(kWindows));
    if (std::find(windows.begin(), windows.end(), days_) == windows.end()) windows.insert(windows.begin(), days_);
    ImGui::SetNextItemWidth(em(10));
    if (ImGui::BeginCombo("##hook-window", window_label(days_).c_str())) {
        for (int w : windows)
            if (ImGui::Selectable(window_label(w).c_str(), w == days_)) days_ = w;
        ImGui::EndCombo();
    }
    probe_tag("Hook window", window_label(days_));
    ImGui::SameLine();
    const Product* chosen = nullptr;
    for (const Product& x : p.products)
        if (x.id == product_) chosen = &x;
    if (!chosen) product_ = 0;
    ImGui::SetNextItemWidth(em(16));
    if (ImGui::BeginCombo("##hook-product", chosen ? chosen->name.c_str() : "Every product")) {
        if (ImGui::Selectable("Every product", product_ == 0)) product_ = 0;
        for (const Product& x : p.products) {
            ImGui::PushID(static_cast<int>(x.id));
            if (ImGui::Selectable((x.name.empty() ? x.sku : x.name).c_str(), x.id == product_)) product_ = x.id;
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    probe_tag("Hook product", chosen ? chosen->name : "Every product");
    if (revision_ != store_.revision() || !(built_for_ == as_of) || built_days_ != days_ || built_product_ != product_)
        rebuild(as_of);
    export_button_right("hook-angles", columns_, order_, s.currency, ctx.today);

    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Posts published %s to %s, by the hook angle each used. An angle needs %s+ clicks and %s+ views "
                        "to be compared; below that its numbers are shown greyed. The winner: the best margin a post.",
                        table_.from ? table_.from->to_string().c_str() : "from the first post",
                        as_of.plus_days(-1).to_string().c_str(), fmt_int(s.min_clicks).c_str(),
                        fmt_int(s.min_views).c_str());
    const std::string winner = table_.winner ? "Winning angle: " + table_.winner_reason
                                             : "No winning angle: " + table_.winner_reason;
    if (table_.winner) ImGui::TextColored(palette().ok, "%s", winner.c_str());
    else ImGui::TextUnformatted(winner.c_str());
    ImGui::PopTextWrapPos();
    probe_tag("hook winner", winner);

    if (!ImGui::BeginTable("hook-angles", hc_count, kDataTableFlags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    setup_columns(columns_, "hook-angles");
    if (take_sort(sort_)) sort();
    for (size_t i : order_) {
        const HookAngleRow& r = table_.rows[i];
        const bool few = !r.enough_data();
        const std::string& cur = s.currency;
        ImGui::PushID(static_cast<int>(r.hook));
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(hc_angle);
        std::string label = hook_angle_label(r.hook);
        if (table_.winner && *table_.winner == r.hook) label += " (winner)";
        if (few) label += " (too little data)";
        if (table_.winner && *table_.winner == r.hook) ImGui::TextColored(palette().ok, "%s", label.c_str());
        else if (few) ImGui::TextDisabled("%s", label.c_str());
        else ImGui::TextUnformatted(label.c_str());
        if (few && ImGui::IsItemHovered())
            ImGui::SetTooltip("%s clicks and %s views in the window: under %s clicks or %s views is too little to compare.",
                              fmt_int(r.clicks).c_str(), fmt_int(r.views).c_str(), fmt_int(s.min_clicks).c_str(),
                              fmt_int(s.min_views).c_str());
        ImGui::TableSetColumnIndex(hc_posts);
        right_text(std::to_string(r.posts), false);
        ImGui::TableSetColumnIndex(hc_views);
        right_text(fmt_int(r.views), false);
        ImGui::TableSetColumnIndex(hc_hold);
        right_text(rate_or_dash(r.hold_rate), !r.enough_views);
        ImGui::TableSetColumnIndex(hc_clicks);
        right_text(fmt_int(r.clicks), false);
        ImGui::TableSetColumnIndex(hc_conv);
        right_text(rate_or_dash(r.conversion), !r.enough_clicks);
        ImGui::TableSetColumnIndex(hc_rpp);
        right_text(r.revenue_per_post ? fmt_money(*r.revenue_per_post, cur) : "-", !r.enough_views);
        ImGui::TableSetColumnIndex(hc_margin);
        right_text(fmt_money(r.margin, cur), false);
        ImGui::TableSetColumnIndex(hc_mpp);
        right_text(fmt_money(r.margin_per_post(), cur), few);
        // For the page API: the row in words.
        probe_tag(std::string("hook:") + hook_angle_label(r.hook),
                  std::to_string(r.posts) + " posts, " + fmt_int(r.views) + " views, hold " + rate_or_dash(r.hold_rate) +
                      ", " + fmt_int(r.clicks) + " clicks, conversion " + rate_or_dash(r.conversion) + ", " +
                      (r.revenue_per_post ? fmt_money(*r.revenue_per_post, cur) : "-") + " a post, margin " +
                      fmt_money(r.margin, cur) + (few ? ", too little data" : ""));
        ImGui::PopID();
    }
    if (table_.rows.empty()) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextDisabled("No posts in the window.");
    }
    ImGui::EndTable();
}

}  // namespace sr::ui
