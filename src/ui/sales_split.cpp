#include "sales_split.hpp"

#include <imgui.h>

#include <string>
#include <vector>

#include "core/format.hpp"
#include "probe.hpp"
#include "style.hpp"

namespace sr::ui {

const std::unordered_map<Id, CreatorLineSales>& cached_line_sales(const Program& p, uint64_t revision) {
    static std::unordered_map<Id, CreatorLineSales> sales;
    static uint64_t seen = UINT64_MAX;
    static const Program* of = nullptr;
    if (seen != revision || of != &p) {
        sales = line_sales(p);
        seen = revision;
        of = &p;
    }
    return sales;
}

namespace {

enum SplitColumn { sc_kind, sc_orders, sc_gmv, sc_refunds, sc_commission, sc_expected, sc_count };

struct SplitRow {
    const char* kind = "";
    int64_t orders = 0;
    double gmv = 0, refunds = 0, commission = 0, expected = 0;
};

struct SplitTable {
    std::vector<SplitRow> rows;
    std::vector<size_t> order;  // rows as shown (sorted)
    TableSort sort{sc_kind, true};
    uint64_t revision = UINT64_MAX;
    Id creator = 0;
    bool dirty = true;
    TableColumns columns;
};

}  // namespace

void draw_sales_by_content(const Program& p, uint64_t revision, Id creator, Date today) {
    static SplitTable t;
    if (t.columns.empty()) {
        auto row = [](size_t r) -> const SplitRow& { return t.rows[r]; };
        t.columns = {
            {"Content", sc_kind, 1.0f, ImGuiTableColumnFlags_DefaultSort, ColumnKind::text,
             [=](size_t r) { return csv::Cell::text(row(r).kind); }},
            {"Orders", sc_orders, 0.7f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::number,
             [=](size_t r) { return csv::Cell::integer(row(r).orders); }},
            {"GMV", sc_gmv, 0.9f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
             [=](size_t r) { return csv::Cell::money(row(r).gmv); }},
            {"Refunds", sc_refunds, 0.9f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
             [=](size_t r) { return csv::Cell::money(row(r).refunds); }},
            {"Commission", sc_commission, 0.9f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
             [=](size_t r) { return csv::Cell::money(row(r).commission); }},
            {"Not yet paid", sc_expected, 0.9f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
             [=](size_t r) { return csv::Cell::money(row(r).expected); }},
        };
    }
    if (t.revision != revision || t.creator != creator) {
        t.rows.clear();
        // Video: the creator's posts, whose figures are the source the rules read (imports add
        // to them by difference; a person may have typed them).
        SplitRow video{"Video (posts)"};
        for (const Post& x : p.posts)
            if (x.creator_id == creator) {
                video.orders += x.orders;
                video.gmv += x.gmv;
                video.refunds += x.refunded;
                video.commission += x.commission;
            }
        const auto& sales = cached_line_sales(p, revision);
        const auto it = sales.find(creator);
        if (it != sales.end()) video.expected = it->second.by_kind[static_cast<int>(ContentKind::video)].commission_expected;
        t.rows.push_back(video);
        // The others from the order lines on no post.
        for (ContentKind k : {ContentKind::live, ContentKind::showcase, ContentKind::other}) {
            SplitRow r{content_kind_label(k)};
            if (it != sales.end()) {
                const LineSales& s = it->second.by_kind[static_cast<int>(k)];
                r.orders = s.orders;
                r.gmv = s.gmv;
                r.refunds = s.refunded;
                r.commission = s.commission;
                r.expected = s.commission_expected;
            }
            t.rows.push_back(r);
        }
        t.revision = revision;
        t.creator = creator;
        t.dirty = true;
    }
    if (t.dirty) {
        t.order.clear();
        for (size_t i = 0; i < t.rows.size(); ++i) t.order.push_back(i);
        sort_rows(
            t.order, t.sort,
            [](size_t a, size_t b, int col) {
                const SplitRow &x = t.rows[a], &y = t.rows[b];
                switch (col) {
                    case sc_orders: return cmp3(x.orders, y.orders);
                    case sc_gmv: return cmp3(x.gmv, y.gmv);
                    case sc_refunds: return cmp3(x.refunds, y.refunds);
                    case sc_commission: return cmp3(x.commission, y.commission);
                    case sc_expected: return cmp3(x.expected, y.expected);
                    default: return cmp3(a, b);  // the usual order: video, LIVE, showcase, other
                }
            },
            [](size_t a, size_t b) { return a < b; });
        t.dirty = false;
    }

    const std::string& cur = p.settings.currency;
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    ImGui::TextUnformatted("Sales by content type");
    ImGui::PopStyleColor();
    probe_tag("Sales by content type", "Sales by content type");
    export_button_right("sales-by-content", t.columns, t.order, cur, today, true);
    ImGui::Separator();
    SplitRow total{"Total"};
    for (const SplitRow& r : t.rows) {
        total.orders += r.orders;
        total.gmv += r.gmv;
        total.refunds += r.refunds;
        total.commission += r.commission;
        total.expected += r.expected;
    }
    const float height = ImGui::GetFrameHeightWithSpacing() * (static_cast<float>(t.rows.size()) + 2.4f);
    if (ImGui::BeginTable("sales by content", sc_count, kDataTableFlags, ImVec2(0, height))) {
        setup_columns(t.columns, "sales");
        if (take_sort(t.sort)) t.dirty = true;
        auto draw_row = [&](const SplitRow& r, const std::string& tag) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(sc_kind);
            ImGui::TextUnformatted(r.kind);
            const std::string values[] = {fmt_int(r.orders), fmt_money(r.gmv, cur), fmt_money(r.refunds, cur),
                                          fmt_money(r.commission, cur), fmt_money(r.expected, cur)};
            for (int c = sc_orders; c < sc_count; ++c) {
                ImGui::TableSetColumnIndex(c);
                right_aligned(values[c - sc_orders]);
            }
            // "sales:LIVE" reads "3 orders, $120.00 GMV, $0.00 refunds, $12.00 commission, $6.00 not yet paid".
            probe_tag("sales:" + tag, values[0] + " orders, " + values[1] + " GMV, " + values[2] + " refunds, " +
                                          values[3] + " commission, " + values[4] + " not yet paid");
        };
        ImGuiListClipper clip;
        clip.Begin(static_cast<int>(t.order.size()));
        while (clip.Step())
            for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
                const SplitRow& r = t.rows[t.order[static_cast<size_t>(i)]];
                draw_row(r, r.kind);
            }
        draw_row(total, "Total");
        ImGui::EndTable();
    }
}

}  // namespace sr::ui
