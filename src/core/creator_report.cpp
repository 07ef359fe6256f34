#include "creator_report.hpp"

namespace sr {

std::vector<CreatorReportRow> creator_report(const Program& p, Date as_of,
                                             const std::unordered_map<Id, CreatorLineSales>& sales, const MarginBook& book) {
    std::unordered_map<Id, size_t> creator_index;
    for (size_t i = 0; i < p.creators.size(); ++i) creator_index[p.creators[i].id] = i;
    std::vector<CreatorReportRow> rows;
    for (CreatorMetrics& m : creator_metrics(p, as_of)) {
        CreatorReportRow r;
        r.id = m.creator_id;
        r.creator = creator_index[m.creator_id];
        if (auto it = book.creator.find(m.creator_id); it != book.creator.end()) {
            r.gmv_all = it->second.gmv;  // the sales on no post are in it: the margin book charges them to the creator
            r.margin_all = it->second.margin();
        }
        if (auto s = sales.find(m.creator_id); s != sales.end()) {
            r.gmv_live = s->second.by_kind[static_cast<int>(ContentKind::live)].gmv;
            r.gmv_showcase = s->second.by_kind[static_cast<int>(ContentKind::showcase)].gmv +
                             s->second.by_kind[static_cast<int>(ContentKind::other)].gmv;
        }
        r.m = std::move(m);
        rows.push_back(std::move(r));
    }
    return rows;
}

csv::Cell metric_cell(Metric m, bool has, double value) {
    if (!has) return csv::Cell::none();
    return m == Metric::revenue_per_post ? csv::Cell::money(value) : csv::Cell::number(value * 100.0, 4);
}

std::string report_header(const std::string& header, ReportKind kind, const std::string& currency) {
    switch (kind) {
        case ReportKind::money: return header + " (" + currency + ")";
        case ReportKind::percent: return header + " (%)";
        default: return header;
    }
}

const std::vector<ReportColumn>& creator_report_columns() {
    using csv::Cell;
    static const std::vector<ReportColumn> columns = [] {
        std::vector<ReportColumn> c = {
            {"Creator", ReportKind::text, [](const Program& p, const CreatorReportRow& r) { return Cell::text(p.creators[r.creator].handle); }},
            {"Tier", ReportKind::number, [](const Program&, const CreatorReportRow& r) { return Cell::integer(r.m.tier); }},
            {"Posts", ReportKind::number, [](const Program&, const CreatorReportRow& r) { return Cell::integer(r.m.posts); }},
        };
        // The six metrics, in the order of CreatorMetrics::metrics.
        const char* headers[6] = {"Conversion", "Rev / post", "Output", "Hook 3 s", "Repeat", "Comm. / rev."};
        const Metric metrics[6] = {Metric::conversion, Metric::revenue_per_post, Metric::output,
                                   Metric::hook_retention, Metric::repeat_purchase, Metric::commission_to_revenue};
        for (size_t k = 0; k < 6; ++k) {
            const Metric m = metrics[k];
            c.push_back({headers[k], m == Metric::revenue_per_post ? ReportKind::money : ReportKind::percent,
                         [k, m](const Program&, const CreatorReportRow& r) {
                             const MetricResult& x = r.m.metrics[k];
                             return metric_cell(m, x.value.has_value(), x.value.value_or(0));
                         }});
        }
        c.push_back({"LIVE GMV", ReportKind::money, [](const Program&, const CreatorReportRow& r) { return Cell::money(r.gmv_live); }});
        c.push_back({"Showcase GMV", ReportKind::money,
                     [](const Program&, const CreatorReportRow& r) { return Cell::money(r.gmv_showcase); }});
        c.push_back({"GMV", ReportKind::money, [](const Program&, const CreatorReportRow& r) { return Cell::money(r.gmv_all); }});
        c.push_back({"Margin", ReportKind::money, [](const Program&, const CreatorReportRow& r) { return Cell::money(r.margin_all); }});
        return c;
    }();
    return columns;
}

std::string creator_report_csv(const Program& p, const std::vector<CreatorReportRow>& rows) {
    csv::Writer w(true);
    std::vector<std::string> names;
    for (const ReportColumn& c : creator_report_columns()) names.push_back(report_header(c.header, c.kind, p.settings.currency));
    w.header(names);
    std::vector<csv::Cell> cells;
    for (const CreatorReportRow& r : rows) {
        cells.clear();
        for (const ReportColumn& c : creator_report_columns()) cells.push_back(c.value(p, r));
        w.row(cells);
    }
    return w.text();
}

}  // namespace sr
