// The performance screen's per-creator table, as it exports it and as `sparkroster report
// --format csv` prints it (docs/rules.md, "Performance table"). Numbers worked out by hand below.
#include <doctest/doctest.h>

#include <string>

#include "builders.hpp"
#include "csv_rows.hpp"
#include "core/creator_report.hpp"
#include "core/export_import.hpp"

using namespace sr;
using namespace sr::test;

TEST_CASE("the per-creator table counts a creator's posts, LIVE and showcase sales, and exports them as the screen does") {
    Program p;
    p.settings.currency = "USD";
    const Id tram = add_creator(p, "ngoctram.beauty", 20000);
    creator(p, tram).display_name = "Ngọc Trâm 🌞";
    const Id kem = add_product(p, 34, 8, 2, 3);  // price 34, unit cost 8, shipping 2, discount 3 an order
    const Date as_of = week_start_of(d(2026, 11, 23), p.settings);
    add_post(p, tram, as_of.plus_days(-10), 5000, 200, 4, 136, kem);
    add_post(p, tram, as_of.plus_days(-5), 3000, 100, 2, 68, kem);
    // A LIVE sale of two and a showcase sale of one, on no post, from the affiliate orders.
    const std::string orders =
        csv_line({"Order ID", "SKU ID", "Price", "Payment Amount", "Quantity", "Order Status", "Creator Username",
                  "Content Type", "Content ID", "Time Created"}) +
        csv_line({"579470912371787601", product(p, kem).sku, "34", "60", "2", "Settled", "ngoctram.beauty", "LIVE",
                  "7412345678901234567", "18/11/2026 20:15:00"}) +
        csv_line({"579470912371787602", product(p, kem).sku, "34", "34", "1", "Settled", "ngoctram.beauty", "Showcase", "",
                  "19/11/2026 09:00:00"});
    const ExportImport read = import_export_csv(p, orders);
    REQUIRE(read.ok());
    apply_export(p, read);

    const std::vector<CreatorReportRow> rows = creator_report(p, as_of, line_sales(p), compute_margins(p));
    REQUIRE(rows.size() == 1);
    const CreatorReportRow& r = rows[0];
    CHECK(r.m.posts == 2);
    CHECK(r.gmv_live == 60);
    CHECK(r.gmv_showcase == 34);
    // GMV: the posts' 136 + 68, LIVE 60, showcase 34.
    CHECK(r.gmv_all == doctest::Approx(298));
    // Margin: posts 136 - 4 x 8 - 4 x (2 + 3) = 84 and 68 - 2 x 8 - 2 x 5 = 42; LIVE 60 - 2 x 8 - 5 = 39
    // (shipping and discount once an order); showcase 34 - 8 - 5 = 21: 186.
    CHECK(r.margin_all == doctest::Approx(186));

    const std::string csv = creator_report_csv(p, rows);
    // Conversion 6 orders / 300 clicks = 2 %; revenue per post 204 / 2 = 102.00; hook 3 s 40 %
    // (each post's 0.4); no buyers, so no repeat rate; no commission: 0 % of revenue.
    const std::string header = "\xEF\xBB\xBF" "Creator,Tier,Posts,Conversion (%),Rev / post (USD),Output (%),Hook 3 s (%),"
                               "Repeat (%),Comm. / rev. (%),LIVE GMV (USD),Showcase GMV (USD),GMV (USD),Margin (USD)\r\n";
    REQUIRE(csv.rfind(header, 0) == 0);
    const std::string row = csv.substr(header.size());
    CHECK(row.rfind("ngoctram.beauty,1,2,2,102.00,", 0) == 0);
    CHECK(row.find(",40,,0,60.00,34.00,298.00,186.00\r\n") != std::string::npos);
}
