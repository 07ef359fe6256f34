// The per-creator table of the performance screen, as the screen shows it and exports it and as
// `sparkroster report --format csv` prints it (docs/rules.md, "Performance table"): a row per
// creator measured by the weekly review (creator_metrics: its tier, posts in the window and the
// six metrics), with the creator's sales on no post from the order lines (LIVE; showcase /
// product card with any other) and every sale's GMV and contribution margin (the margin book).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "csv_write.hpp"
#include "metrics.hpp"
#include "orders_import.hpp"

namespace sr {

struct CreatorReportRow {
    size_t creator = 0;  // index into program.creators
    Id id = 0;
    CreatorMetrics m;
    double gmv_all = 0, margin_all = 0;      // every sale, the posts' and those on no post
    double gmv_live = 0, gmv_showcase = 0;   // on no post (showcase with other)
};

// The rows in the order of creator_metrics(); `sales` is line_sales(p) (the screen keeps it per
// revision), `book` compute_margins(p).
std::vector<CreatorReportRow> creator_report(const Program& p, Date as_of,
                                             const std::unordered_map<Id, CreatorLineSales>& sales, const MarginBook& book);

// How a column's value reads, for its exported header: "GMV (USD)", "Conversion (%)".
enum class ReportKind { text, number, money, percent };
// One column of the table: its header on screen and its value in the export.
struct ReportColumn {
    const char* header;
    ReportKind kind;
    std::function<csv::Cell(const Program&, const CreatorReportRow&)> value;
};
// Creator, Tier, Posts, the six metrics (Conversion ... Comm. / rev.), LIVE GMV, Showcase GMV,
// GMV, Margin.
const std::vector<ReportColumn>& creator_report_columns();

// A metric's exported value: money for revenue per post, a percentage (value x 100) for the
// rates, empty when there is none.
csv::Cell metric_cell(Metric m, bool has, double value);
// The header a column is exported under: the header, with " (USD)" for money, " (%)" for a rate.
std::string report_header(const std::string& header, ReportKind kind, const std::string& currency);
// The rows as a CSV file (UTF-8 with a byte-order mark, CRLF), in the order given.
std::string creator_report_csv(const Program& p, const std::vector<CreatorReportRow>& rows);

}  // namespace sr
