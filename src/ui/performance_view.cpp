#include "performance_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <unordered_map>

#include "core/cohorts.hpp"
#include "core/format.hpp"
#include "probe.hpp"
#include "sales_split.hpp"
#include "style.hpp"
#include "table_util.hpp"

namespace sr::ui {

namespace {

enum CreatorColumn { cc_creator, cc_tier, cc_posts, cc_conv, cc_rpp, cc_output, cc_hook, cc_repeat, cc_comm, cc_live, cc_showcase, cc_gmv, cc_margin, cc_count };
enum PostColumn { pc_post, pc_creator, pc_published, pc_views, pc_clicks, pc_conv, pc_gmv, pc_hook, pc_repeat, pc_comm, pc_margin, pc_count };

// Missing values sort below every value.
int cmp_opt(bool ha, double a, bool hb, double b) {
    if (ha != hb) return ha ? 1 : -1;
    return ha ? cmp3(a, b) : 0;
}

// A flag's colour: money at stake is an error, a follow-up a warning, an opportunity good news.
ImVec4 flag_color(Metric m) {
    switch (m) {
        case Metric::conversion:
        case Metric::commission_to_revenue: return palette().error;
        case Metric::revenue_per_post: return palette().ok;
        default: return palette().warning;
    }
}

void right_aligned_in(const char* s, const ImVec4* color, bool disabled) {
    const float w = ImGui::CalcTextSize(s).x;
    const float room = ImGui::GetContentRegionAvail().x;
    if (room > w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + room - w);
    if (color) ImGui::TextColored(*color, "%s", s);
    else if (disabled) ImGui::TextDisabled("%s", s);
    else ImGui::TextUnformatted(s);
}

int g_flags_tagged = 0;  // flagged cells tagged for the page API this frame

// One metric cell: the value (or a dash), coloured when flagged, muted when there is too little
// data; the reason (and the suggested action when flagged) on hover.
template <class Words>
void metric_cell(Metric metric, bool has, double value, bool enough, bool flagged, const std::string& currency,
                 const std::string& tag, Words&& words) {
    std::string s = !has ? "-" : metric == Metric::revenue_per_post ? fmt_money(value, currency) : fmt_rate(value);
    if (flagged) s = "! " + s;  // a marker besides the colour
    const ImVec4 c = flag_color(metric);
    right_aligned_in(s.c_str(), flagged ? &c : nullptr, !has || !enough);
    const bool hovered = ImGui::IsItemHovered();
    if (flagged && g_flags_tagged < 40) {
        const MetricResult r = words();
        probe_tag(tag, r.reason);
        if (g_flags_tagged == 0) probe_tag("performance:first-flag", r.reason);
        ++g_flags_tagged;
    }
    if (hovered) {
        const MetricResult r = words();
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(em(26));
        if (flagged) ImGui::TextColored(c, "%s", metric_name(metric));
        else ImGui::TextUnformatted(metric_name(metric));
        ImGui::TextUnformatted(r.reason.c_str());
        probe_tag("tooltip", r.reason);
        if (flagged) ImGui::Text("Suggested: %s", r.action.c_str());
        else if (has && !enough) ImGui::TextDisabled("Shown, not flagged: too little data.");
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

const Metric kMetricOf[6] = {Metric::conversion, Metric::revenue_per_post, Metric::output,
                             Metric::hook_retention, Metric::repeat_purchase, Metric::commission_to_revenue};

// A metric's exported value: money for revenue per post, a percentage for the rates, empty
// when there is none.
csv::Cell metric_value(Metric m, bool has, double value) {
    if (!has) return csv::Cell::none();
    return m == Metric::revenue_per_post ? csv::Cell::money(value) : csv::Cell::number(value * 100.0, 4);
}
ColumnKind metric_kind(Metric m) { return m == Metric::revenue_per_post ? ColumnKind::money : ColumnKind::percent; }

std::string without_at(const std::string& s) { return !s.empty() && s[0] == '@' ? s.substr(1) : s; }

}  // namespace

PerformanceView::PerformanceView(Store& store) : store_(store) {
    using csv::Cell;
    auto crow = [this](size_t r) -> const CreatorRow& { return creators_[r]; };
    creator_columns_ = {
        {"Creator", cc_creator, 1.6f, ImGuiTableColumnFlags_DefaultSort, ColumnKind::text,
         [=](size_t r) { return Cell::text(store_.program().creators[crow(r).creator].handle); }},
        {"Tier", cc_tier, 0.45f, 0, ColumnKind::number, [=](size_t r) { return Cell::integer(crow(r).m.tier); }},
        {"Posts", cc_posts, 0.55f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::number,
         [=](size_t r) { return Cell::integer(crow(r).m.posts); }},
    };
    const char* metric_headers[6] = {"Conversion", "Rev / post", "Output", "Hook 3 s", "Repeat", "Comm. / rev."};
    const int metric_cols[6] = {cc_conv, cc_rpp, cc_output, cc_hook, cc_repeat, cc_comm};
    const float metric_weights[6] = {1.0f, 1.0f, 0.9f, 0.9f, 0.8f, 1.0f};
    const ImGuiTableColumnFlags metric_flags[6] = {0, ImGuiTableColumnFlags_PreferSortDescending, 0, 0,
                                                   ImGuiTableColumnFlags_PreferSortDescending, 0};
    for (int k = 0; k < 6; ++k) {
        const Metric m = kMetricOf[k];
        creator_columns_.push_back({metric_headers[k], metric_cols[k], metric_weights[k], metric_flags[k], metric_kind(m),
                                    [=](size_t r) {
                                        const MetricResult& x = crow(r).m.metrics[static_cast<size_t>(k)];
                                        return metric_value(m, x.value.has_value(), x.value.value_or(0));
                                    }});
    }
    // Sales on no post, from the order lines (sales_split.hpp): LIVE, and showcase / product card
    // with any other; GMV is every sale, the posts' and these.
    creator_columns_.push_back({"LIVE GMV", cc_live, 0.95f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
                                [=](size_t r) { return Cell::money(crow(r).gmv_live); }});
    creator_columns_.push_back({"Showcase GMV", cc_showcase, 0.95f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
                                [=](size_t r) { return Cell::money(crow(r).gmv_showcase); }});
    creator_columns_.push_back({"GMV", cc_gmv, 1.05f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
                                [=](size_t r) { return Cell::money(crow(r).gmv_all); }});
    creator_columns_.push_back({"Margin", cc_margin, 1.05f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
                                [=](size_t r) { return Cell::money(crow(r).margin_all); }});

    auto prow = [this](size_t r) -> const PostRow& { return posts_[r]; };
    auto post = [this](size_t r) -> const Post& { return store_.program().posts[posts_[r].post]; };
    auto cell = [=](int k) {
        return [=](size_t r) {
            const PerformanceView::Cell& c = prow(r).cells[k];
            return metric_value(kMetricOf[k], c.has, c.value);
        };
    };
    post_columns_ = {
        {"Post", pc_post, 0.6f, 0, ColumnKind::number, [=](size_t r) { return Cell::integer(prow(r).id); }},
        {"Creator", pc_creator, 1.5f, 0, ColumnKind::text, [=](size_t r) { return Cell::text(without_at(prow(r).creator_label)); }},
        {"Published", pc_published, 1.0f, ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending,
         ColumnKind::text, [=](size_t r) {
             const auto& d = post(r).published;
             return d ? Cell::text(d->to_string()) : Cell::none();
         }},
        {"Views", pc_views, 0.9f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::number,
         [=](size_t r) { return Cell::integer(post(r).views); }},
        {"Clicks", pc_clicks, 0.75f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::number,
         [=](size_t r) { return Cell::integer(post(r).clicks); }},
        {"Conversion", pc_conv, 1.0f, 0, ColumnKind::percent, cell(0)},
        {"Revenue", pc_gmv, 1.05f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money, cell(1)},
        {"Hook 3 s", pc_hook, 0.9f, 0, ColumnKind::percent, cell(3)},
        {"Repeat", pc_repeat, 0.8f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::percent, cell(4)},
        {"Comm. / rev.", pc_comm, 1.0f, 0, ColumnKind::percent, cell(5)},
        {"Margin", pc_margin, 1.05f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
         [=](size_t r) { return Cell::money(prow(r).margin); }},
    };
}

void PerformanceView::rebuild(Date today) {
    const Program& p = store_.program();
    as_of_ = week_start_of(today, p.settings);  // the review day: the same numbers as the review
    const MarginBook book = compute_margins(p);
    std::unordered_map<Id, size_t> creator_index;
    for (size_t i = 0; i < p.creators.size(); ++i) creator_index[p.creators[i].id] = i;

    creators_.clear();
    const auto& sales = cached_line_sales(p, store_.revision());
    for (CreatorMetrics& m : creator_metrics(p, as_of_)) {
        CreatorRow r;
        r.id = m.creator_id;
        r.creator = creator_index[m.creator_id];
        auto it = book.creator.find(m.creator_id);
        if (it != book.creator.end()) {
            r.gmv_all = it->second.gmv;
            r.margin_all = it->second.margin();
        }
        if (auto s = sales.find(m.creator_id); s != sales.end()) {
            r.gmv_live = s->second.by_kind[static_cast<int>(ContentKind::live)].gmv;
            r.gmv_showcase = s->second.by_kind[static_cast<int>(ContentKind::showcase)].gmv +
                             s->second.by_kind[static_cast<int>(ContentKind::other)].gmv;
            // (gmv_all has the sales on no post already: the margin book charges them to the creator.)
        }
        r.m = std::move(m);
        creators_.push_back(std::move(r));
    }

    basis_ = post_metrics_basis(p, as_of_);
    cohorts_ = "Repeat purchase rate by 60-day cohort (posts published; oldest first): ";
    bool first_cohort = true;
    for (const RepeatCohort& k : repeat_cohorts(p, as_of_, 6)) {
        cohorts_ += (first_cohort ? "" : "; ") + k.from.to_string() + " to " + k.to_excl.plus_days(-1).to_string() + " " +
                    (k.rate ? fmt_rate(*k.rate) + " (" + fmt_int(k.repeat_buyers) + " of " + fmt_int(k.buyers) + ")"
                            : std::string("no buyers"));
        first_cohort = false;
    }
    posts_.clear();
    posts_.reserve(p.posts.size());
    for (size_t i = 0; i < p.posts.size(); ++i) {
        const Post& x = p.posts[i];
        PostRow r;
        r.post = i;
        r.id = x.id;
        const PostMetrics pm = post_metrics(x, basis_, false);
        for (int k = 0; k < 6; ++k) {
            const MetricResult& m = pm.metrics[static_cast<size_t>(k)];
            r.cells[k] = Cell{m.value.value_or(0), m.value.has_value(), m.enough_data, m.flagged};
        }
        r.margin = book.post_margin(x.id);
        auto c = creator_index.find(x.creator_id);
        r.creator_label = c == creator_index.end() ? "creator " + std::to_string(x.creator_id) : "@" + p.creators[c->second].handle;
        posts_.push_back(std::move(r));
    }
    revision_ = store_.revision();
    built_for_ = today;
    filter_dirty_ = true;
}

void PerformanceView::apply_filter_and_sort() {
    const Program& p = store_.program();
    const std::string needle = lower(filter_);
    creator_order_.clear();
    for (size_t i = 0; i < creators_.size(); ++i) {
        const Creator& c = p.creators[creators_[i].creator];
        if (!needle.empty() && lower(c.handle + " " + c.display_name).find(needle) == std::string::npos) continue;
        creator_order_.push_back(i);
    }
    {
        auto metric_cmp = [](const CreatorMetrics& a, const CreatorMetrics& b, Metric m) {
            const MetricResult x = a.get(m), y = b.get(m);
            return cmp_opt(x.value.has_value(), x.value.value_or(0), y.value.has_value(), y.value.value_or(0));
        };
        sort_rows(
            creator_order_, creator_sort_,
            [&](size_t ia, size_t ib, int col) {
                const CreatorRow& a = creators_[ia];
                const CreatorRow& b = creators_[ib];
                switch (col) {
                    case cc_creator: return lower(p.creators[a.creator].handle).compare(lower(p.creators[b.creator].handle));
                    case cc_tier: return cmp3(a.m.tier, b.m.tier);
                    case cc_posts: return cmp3(a.m.posts, b.m.posts);
                    case cc_conv: return metric_cmp(a.m, b.m, Metric::conversion);
                    case cc_rpp: return metric_cmp(a.m, b.m, Metric::revenue_per_post);
                    case cc_output: return metric_cmp(a.m, b.m, Metric::output);
                    case cc_hook: return metric_cmp(a.m, b.m, Metric::hook_retention);
                    case cc_repeat: return metric_cmp(a.m, b.m, Metric::repeat_purchase);
                    case cc_comm: return metric_cmp(a.m, b.m, Metric::commission_to_revenue);
                    case cc_live: return cmp3(a.gmv_live, b.gmv_live);
                    case cc_showcase: return cmp3(a.gmv_showcase, b.gmv_showcase);
                    case cc_gmv: return cmp3(a.gmv_all, b.gmv_all);
                    case cc_margin: return cmp3(a.margin_all, b.margin_all);
                    default: return 0;
                }
            },
            [&](size_t a, size_t b) { return creators_[a].id < creators_[b].id; });  // ties broken on the record id
    }

    post_order_.clear();
    post_order_.reserve(posts_.size());
    for (size_t i = 0; i < posts_.size(); ++i) {
        if (!needle.empty()) {
            const Post& x = p.posts[posts_[i].post];
            const std::string hay = lower(posts_[i].creator_label + " " + x.tiktok_ref + " " + std::to_string(x.id));
            if (hay.find(needle) == std::string::npos) continue;
        }
        post_order_.push_back(i);
    }
    {
        auto cell_cmp = [](const Cell& x, const Cell& y) { return cmp_opt(x.has, x.value, y.has, y.value); };
        sort_rows(
            post_order_, post_sort_,
            [&](size_t ia, size_t ib, int col) {
                const PostRow& a = posts_[ia];
                const PostRow& b = posts_[ib];
                const Post& x = p.posts[a.post];
                const Post& y = p.posts[b.post];
                switch (col) {
                    case pc_post: return cmp3(a.id, b.id);
                    case pc_creator: return lower(a.creator_label).compare(lower(b.creator_label));
                    case pc_published:
                        return x.published && y.published ? cmp3(x.published->days, y.published->days)
                                                          : cmp3(x.published.has_value(), y.published.has_value());
                    case pc_views: return cmp3(x.views, y.views);
                    case pc_clicks: return cmp3(x.clicks, y.clicks);
                    case pc_conv: return cell_cmp(a.cells[0], b.cells[0]);
                    case pc_gmv: return cell_cmp(a.cells[1], b.cells[1]);
                    case pc_hook: return cell_cmp(a.cells[3], b.cells[3]);
                    case pc_repeat: return cell_cmp(a.cells[4], b.cells[4]);
                    case pc_comm: return cell_cmp(a.cells[5], b.cells[5]);
                    case pc_margin: return cmp3(a.margin, b.margin);
                    default: return 0;
                }
            },
            [&](size_t a, size_t b) { return posts_[a].id < posts_[b].id; });
    }
    filter_dirty_ = false;
}

void PerformanceView::draw(Context& ctx) {
    if (store_.revision() != revision_ || !(ctx.today == built_for_)) rebuild(ctx.today);
    g_flags_tagged = 0;

    // Level switch, filter, counts.
    auto level_button = [&](const char* label, int mode) {
        const bool here = mode_ == mode;
        if (here) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_HeaderActive));
        if (ImGui::Button(label)) mode_ = mode;
        if (here) ImGui::PopStyleColor();
    };
    level_button("Creator level", 0);
    ImGui::SameLine(0, em(0.2f));
    level_button("Post level", 1);
    ImGui::SameLine(0, em(0.2f));
    level_button("Hook angles", 2);
    if (mode_ == 2) {
        ImGui::SameLine(0, em(1));  // the window and product choosers on the buttons' line
        hooks_.draw(ctx);
        return;
    }
    ImGui::SameLine(0, em(1));
    if (filter_box("##perf-filter", filter_, mode_ == 0 ? "Filter: handle, name" : "Filter: handle, post id or link", 16,
                   focus_filter_))
        filter_dirty_ = true;
    if (filter_dirty_) apply_filter_and_sort();
    ImGui::SameLine();
    const std::string count = mode_ == 0 ? fmt_int(static_cast<int64_t>(creator_order_.size())) + " of " +
                                               fmt_int(static_cast<int64_t>(creators_.size())) + " creators"
                                         : fmt_int(static_cast<int64_t>(post_order_.size())) + " of " +
                                               fmt_int(static_cast<int64_t>(posts_.size())) + " posts";
    ImGui::TextDisabled("%s", count.c_str());
    probe_tag("performance:count", count);
    const std::string& cur = store_.program().settings.currency;
    if (mode_ == 0) export_button_right("performance-creators", creator_columns_, creator_order_, cur, ctx.today);
    else export_button_right("performance-posts", post_columns_, post_order_, cur, ctx.today);

    const Settings& s = store_.program().settings;
    if (mode_ == 0)
        ImGui::TextDisabled("Active and paused creators, on posts published in the %d days before %s (this week's review "
                            "day). GMV and margin: all time. Hover a value for its reason.",
                            s.metrics_window_days, as_of_.to_string().c_str());
    else
        ImGui::TextDisabled("Every post with the metrics read per post (output is per creator). Revenue is against the "
                            "tier average per post before %s. Hover a value for its reason.",
                            as_of_.to_string().c_str());

    if (mode_ == 0) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", cohorts_.c_str());
        ImGui::PopTextWrapPos();
        probe_tag("repeat cohorts", cohorts_);
    }
    if (mode_ == 0) draw_creator_table(ctx);
    else draw_post_table(ctx);
}

void PerformanceView::draw_creator_table(Context& ctx) {
    const Program& p = store_.program();
    const std::string& cur = p.settings.currency;
    if (!ImGui::BeginTable("perf-creators", cc_count, kDataTableFlags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    setup_columns(creator_columns_, "performance-creators");
    if (take_sort(creator_sort_)) apply_filter_and_sort();

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(creator_order_.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const CreatorRow& row = creators_[creator_order_[static_cast<size_t>(i)]];
            const Creator& c = p.creators[row.creator];
            ImGui::PushID(static_cast<int>(row.id));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(cc_creator);
            const std::string label = "@" + c.handle;
            if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
                ctx.nav.go("creator", row.id);
            ImGui::TableSetColumnIndex(cc_tier);
            ImGui::Text("%d", row.m.tier);
            ImGui::TableSetColumnIndex(cc_posts);
            right_aligned_in(std::to_string(row.m.posts).c_str(), nullptr, false);
            if (row.m.replace_suggested && ImGui::IsItemHovered()) ImGui::SetTooltip("Replace: %s", row.m.replace_reason.c_str());
            const int cols[6] = {cc_conv, cc_rpp, cc_output, cc_hook, cc_repeat, cc_comm};
            for (int k = 0; k < 6; ++k) {
                ImGui::TableSetColumnIndex(cols[k]);
                const MetricResult& m = row.m.metrics[static_cast<size_t>(k)];
                metric_cell(kMetricOf[k], m.value.has_value(), m.value.value_or(0), m.enough_data, m.flagged, cur,
                            "flag:" + label + ":" + metric_name(kMetricOf[k]), [&] { return m; });
            }
            ImGui::TableSetColumnIndex(cc_live);
            right_aligned_in(fmt_money(row.gmv_live, cur).c_str(), nullptr, false);
            ImGui::TableSetColumnIndex(cc_showcase);
            right_aligned_in(fmt_money(row.gmv_showcase, cur).c_str(), nullptr, false);
            ImGui::TableSetColumnIndex(cc_gmv);
            right_aligned_in(fmt_money(row.gmv_all, cur).c_str(), nullptr, false);
            probe_tag("perf:" + label + ":GMV", fmt_money(row.gmv_all, cur));
            ImGui::TableSetColumnIndex(cc_margin);
            const ImVec4 neg = palette().error;
            right_aligned_in(fmt_money(row.margin_all, cur).c_str(), row.margin_all < 0 ? &neg : nullptr, false);
            if (row.margin_all < 0 && ImGui::IsItemHovered())
                ImGui::SetTooltip("Negative contribution margin: costs exceed GMV %s", fmt_money(row.gmv_all, cur).c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

void PerformanceView::draw_post_table(Context& ctx) {
    const Program& p = store_.program();
    const std::string& cur = p.settings.currency;
    if (!ImGui::BeginTable("perf-posts", pc_count, kDataTableFlags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    setup_columns(post_columns_, "performance-posts");
    if (take_sort(post_sort_)) apply_filter_and_sort();

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(post_order_.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const PostRow& row = posts_[post_order_[static_cast<size_t>(i)]];
            const Post& x = p.posts[row.post];
            ImGui::PushID(static_cast<int>(row.id));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(pc_post);
            const std::string label = std::to_string(row.id) + "##post";
            if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
                ctx.nav.go("creator", x.creator_id);
            ImGui::TableSetColumnIndex(pc_creator);
            ImGui::TextUnformatted(row.creator_label.c_str());
            ImGui::TableSetColumnIndex(pc_published);
            ImGui::TextUnformatted(x.published ? x.published->to_string().c_str() : "-");
            ImGui::TableSetColumnIndex(pc_views);
            right_aligned_in(fmt_int(x.views).c_str(), nullptr, false);
            ImGui::TableSetColumnIndex(pc_clicks);
            right_aligned_in(fmt_int(x.clicks).c_str(), nullptr, false);
            const int cols[5] = {pc_conv, pc_gmv, pc_hook, pc_repeat, pc_comm};
            const int cells[5] = {0, 1, 3, 4, 5};
            for (int k = 0; k < 5; ++k) {
                ImGui::TableSetColumnIndex(cols[k]);
                const Cell& c = row.cells[cells[k]];
                const Metric metric = kMetricOf[cells[k]];
                metric_cell(metric, c.has, c.value, c.enough, c.flagged, cur,
                            "flag:post " + std::to_string(row.id) + ":" + metric_name(metric),
                            [&] { return post_metrics(x, basis_, true).get(metric); });
            }
            ImGui::TableSetColumnIndex(pc_margin);
            const ImVec4 neg = palette().error;
            right_aligned_in(fmt_money(row.margin, cur).c_str(), row.margin < 0 ? &neg : nullptr, false);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace sr::ui
