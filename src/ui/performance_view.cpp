#include "performance_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <unordered_map>

#include "core/format.hpp"
#include "probe.hpp"
#include "style.hpp"

namespace sr::ui {

namespace {

enum CreatorColumn { cc_creator, cc_tier, cc_posts, cc_conv, cc_rpp, cc_output, cc_hook, cc_repeat, cc_comm, cc_gmv, cc_margin, cc_count };
enum PostColumn { pc_post, pc_creator, pc_published, pc_views, pc_clicks, pc_conv, pc_gmv, pc_hook, pc_repeat, pc_comm, pc_margin, pc_count };

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

int cmp(double a, double b) { return a < b ? -1 : a > b ? 1 : 0; }

// Missing values sort below every value.
int cmp_opt(bool ha, double a, bool hb, double b) {
    if (ha != hb) return ha ? 1 : -1;
    return ha ? cmp(a, b) : 0;
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

void right_aligned(const char* s, const ImVec4* color, bool disabled) {
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
    right_aligned(s.c_str(), flagged ? &c : nullptr, !has || !enough);
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

}  // namespace

void PerformanceView::rebuild(Date today) {
    const Program& p = store_.program();
    as_of_ = week_start_of(today, p.settings);  // the review day: the same numbers as the review
    const MarginBook book = compute_margins(p);
    std::unordered_map<Id, size_t> creator_index;
    for (size_t i = 0; i < p.creators.size(); ++i) creator_index[p.creators[i].id] = i;

    creators_.clear();
    for (CreatorMetrics& m : creator_metrics(p, as_of_)) {
        CreatorRow r;
        r.id = m.creator_id;
        r.creator = creator_index[m.creator_id];
        auto it = book.creator.find(m.creator_id);
        if (it != book.creator.end()) {
            r.gmv_all = it->second.gmv;
            r.margin_all = it->second.margin();
        }
        r.m = std::move(m);
        creators_.push_back(std::move(r));
    }

    basis_ = post_metrics_basis(p, as_of_);
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
        const int col = creator_sort_col_;
        const bool asc = creator_sort_asc_;
        auto metric_cmp = [](const CreatorMetrics& a, const CreatorMetrics& b, Metric m) {
            const MetricResult x = a.get(m), y = b.get(m);
            return cmp_opt(x.value.has_value(), x.value.value_or(0), y.value.has_value(), y.value.value_or(0));
        };
        std::sort(creator_order_.begin(), creator_order_.end(), [&](size_t ia, size_t ib) {
            const CreatorRow& a = creators_[ia];
            const CreatorRow& b = creators_[ib];
            int d = 0;
            switch (col) {
                case cc_creator: d = lower(p.creators[a.creator].handle).compare(lower(p.creators[b.creator].handle)); break;
                case cc_tier: d = a.m.tier - b.m.tier; break;
                case cc_posts: d = a.m.posts - b.m.posts; break;
                case cc_conv: d = metric_cmp(a.m, b.m, Metric::conversion); break;
                case cc_rpp: d = metric_cmp(a.m, b.m, Metric::revenue_per_post); break;
                case cc_output: d = metric_cmp(a.m, b.m, Metric::output); break;
                case cc_hook: d = metric_cmp(a.m, b.m, Metric::hook_retention); break;
                case cc_repeat: d = metric_cmp(a.m, b.m, Metric::repeat_purchase); break;
                case cc_comm: d = metric_cmp(a.m, b.m, Metric::commission_to_revenue); break;
                case cc_gmv: d = cmp(a.gmv_all, b.gmv_all); break;
                case cc_margin: d = cmp(a.margin_all, b.margin_all); break;
                default: break;
            }
            if (d == 0) return a.id < b.id;  // ties broken on the record id
            return asc ? d < 0 : d > 0;
        });
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
        const int col = post_sort_col_;
        const bool asc = post_sort_asc_;
        auto cell_cmp = [](const Cell& x, const Cell& y) { return cmp_opt(x.has, x.value, y.has, y.value); };
        std::sort(post_order_.begin(), post_order_.end(), [&](size_t ia, size_t ib) {
            const PostRow& a = posts_[ia];
            const PostRow& b = posts_[ib];
            const Post& x = p.posts[a.post];
            const Post& y = p.posts[b.post];
            int d = 0;
            switch (col) {
                case pc_post: d = 0; break;  // by id, below
                case pc_creator: d = lower(a.creator_label).compare(lower(b.creator_label)); break;
                case pc_published: d = x.published && y.published ? (*x.published - *y.published) : cmp(x.published.has_value(), y.published.has_value()); break;
                case pc_views: d = cmp(static_cast<double>(x.views), static_cast<double>(y.views)); break;
                case pc_clicks: d = cmp(static_cast<double>(x.clicks), static_cast<double>(y.clicks)); break;
                case pc_conv: d = cell_cmp(a.cells[0], b.cells[0]); break;
                case pc_gmv: d = cell_cmp(a.cells[1], b.cells[1]); break;
                case pc_hook: d = cell_cmp(a.cells[3], b.cells[3]); break;
                case pc_repeat: d = cell_cmp(a.cells[4], b.cells[4]); break;
                case pc_comm: d = cell_cmp(a.cells[5], b.cells[5]); break;
                case pc_margin: d = cmp(a.margin, b.margin); break;
                default: break;
            }
            if (d == 0) return asc ? a.id < b.id : a.id > b.id;
            return asc ? d < 0 : d > 0;
        });
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
    ImGui::SameLine(0, em(1));
    if (focus_filter_) {
        ImGui::SetKeyboardFocusHere();
        focus_filter_ = false;
    }
    ImGui::SetNextItemWidth(em(16));
    if (ImGui::InputTextWithHint("##perf-filter", mode_ == 0 ? "Filter: handle, name" : "Filter: handle, post id or link",
                                 filter_, sizeof filter_))
        filter_dirty_ = true;
    probe_tag("Filter");
    if (filter_dirty_) apply_filter_and_sort();
    ImGui::SameLine();
    const std::string count = mode_ == 0 ? fmt_int(static_cast<int64_t>(creator_order_.size())) + " of " +
                                               fmt_int(static_cast<int64_t>(creators_.size())) + " creators"
                                         : fmt_int(static_cast<int64_t>(post_order_.size())) + " of " +
                                               fmt_int(static_cast<int64_t>(posts_.size())) + " posts";
    ImGui::TextDisabled("%s", count.c_str());
    probe_tag("performance:count", count);

    const Settings& s = store_.program().settings;
    if (mode_ == 0)
        ImGui::TextDisabled("Active and paused creators, on posts published in the %d days before %s (this week's review "
                            "day). GMV and margin: all time. Hover a value for its reason.",
                            s.metrics_window_days, as_of_.to_string().c_str());
    else
        ImGui::TextDisabled("Every post with the metrics read per post (output is per creator). Revenue is against the "
                            "tier average per post before %s. Hover a value for its reason.",
                            as_of_.to_string().c_str());

    if (mode_ == 0) draw_creator_table(ctx);
    else draw_post_table(ctx);
}

void PerformanceView::draw_creator_table(Context& ctx) {
    const Program& p = store_.program();
    const std::string& cur = p.settings.currency;
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("perf-creators", cc_count, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Creator", ImGuiTableColumnFlags_DefaultSort, 1.6f, cc_creator);
    ImGui::TableSetupColumn("Tier", 0, 0.45f, cc_tier);
    ImGui::TableSetupColumn("Posts", ImGuiTableColumnFlags_PreferSortDescending, 0.55f, cc_posts);
    ImGui::TableSetupColumn("Conversion", 0, 1.0f, cc_conv);
    ImGui::TableSetupColumn("Rev / post", ImGuiTableColumnFlags_PreferSortDescending, 1.0f, cc_rpp);
    ImGui::TableSetupColumn("Output", 0, 0.9f, cc_output);
    ImGui::TableSetupColumn("Hook 3 s", 0, 0.9f, cc_hook);
    ImGui::TableSetupColumn("Repeat", ImGuiTableColumnFlags_PreferSortDescending, 0.8f, cc_repeat);
    ImGui::TableSetupColumn("Comm. / rev.", 0, 1.0f, cc_comm);
    ImGui::TableSetupColumn("GMV", ImGuiTableColumnFlags_PreferSortDescending, 1.05f, cc_gmv);
    ImGui::TableSetupColumn("Margin", ImGuiTableColumnFlags_PreferSortDescending, 1.05f, cc_margin);
    ImGui::TableHeadersRow();

    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
        if (specs->SpecsDirty && specs->SpecsCount > 0) {
            creator_sort_col_ = static_cast<int>(specs->Specs[0].ColumnUserID);
            creator_sort_asc_ = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
            apply_filter_and_sort();
            specs->SpecsDirty = false;
        }
    }

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
            right_aligned(std::to_string(row.m.posts).c_str(), nullptr, false);
            if (row.m.replace_suggested && ImGui::IsItemHovered()) ImGui::SetTooltip("Replace: %s", row.m.replace_reason.c_str());
            const int cols[6] = {cc_conv, cc_rpp, cc_output, cc_hook, cc_repeat, cc_comm};
            for (int k = 0; k < 6; ++k) {
                ImGui::TableSetColumnIndex(cols[k]);
                const MetricResult& m = row.m.metrics[static_cast<size_t>(k)];
                metric_cell(kMetricOf[k], m.value.has_value(), m.value.value_or(0), m.enough_data, m.flagged, cur,
                            "flag:" + label + ":" + metric_name(kMetricOf[k]), [&] { return m; });
            }
            ImGui::TableSetColumnIndex(cc_gmv);
            right_aligned(fmt_money(row.gmv_all, cur).c_str(), nullptr, false);
            ImGui::TableSetColumnIndex(cc_margin);
            const ImVec4 neg = palette().error;
            right_aligned(fmt_money(row.margin_all, cur).c_str(), row.margin_all < 0 ? &neg : nullptr, false);
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
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("perf-posts", pc_count, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Post", 0, 0.6f, pc_post);
    ImGui::TableSetupColumn("Creator", 0, 1.5f, pc_creator);
    ImGui::TableSetupColumn("Published", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending, 1.0f, pc_published);
    ImGui::TableSetupColumn("Views", ImGuiTableColumnFlags_PreferSortDescending, 0.9f, pc_views);
    ImGui::TableSetupColumn("Clicks", ImGuiTableColumnFlags_PreferSortDescending, 0.75f, pc_clicks);
    ImGui::TableSetupColumn("Conversion", 0, 1.0f, pc_conv);
    ImGui::TableSetupColumn("Revenue", ImGuiTableColumnFlags_PreferSortDescending, 1.05f, pc_gmv);
    ImGui::TableSetupColumn("Hook 3 s", 0, 0.9f, pc_hook);
    ImGui::TableSetupColumn("Repeat", ImGuiTableColumnFlags_PreferSortDescending, 0.8f, pc_repeat);
    ImGui::TableSetupColumn("Comm. / rev.", 0, 1.0f, pc_comm);
    ImGui::TableSetupColumn("Margin", ImGuiTableColumnFlags_PreferSortDescending, 1.05f, pc_margin);
    ImGui::TableHeadersRow();

    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
        if (specs->SpecsDirty && specs->SpecsCount > 0) {
            post_sort_col_ = static_cast<int>(specs->Specs[0].ColumnUserID);
            post_sort_asc_ = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
            apply_filter_and_sort();
            specs->SpecsDirty = false;
        }
    }

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
            right_aligned(fmt_int(x.views).c_str(), nullptr, false);
            ImGui::TableSetColumnIndex(pc_clicks);
            right_aligned(fmt_int(x.clicks).c_str(), nullptr, false);
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
            right_aligned(fmt_money(row.margin, cur).c_str(), row.margin < 0 ? &neg : nullptr, false);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace sr::ui
