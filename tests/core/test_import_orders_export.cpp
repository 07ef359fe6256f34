// The quirks of the real Seller Center "Affiliate orders" export, in its CSV form (DOMAIN.md
// section 7; docs/rules.md "Orders import"). Every file here has the export's own 30 columns in
// its order; one test a rule, the numbers worked out in a comment.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "builders.hpp"
#include "csv_rows.hpp"
#include "core/backup.hpp"
#include "core/export_words.hpp"
#include "core/orders_import.hpp"

using namespace sr;
using namespace sr::test;

namespace {

// The export's columns, in its order.
const std::vector<std::string> kColumns = {
    "Order ID", "Product ID", "Product Name", "SKU ID", "Price", "Payment Amount", "Quantity", "Currency",
    "Fully returned or refunded", "Payment method", "Order Status", "Creator Username", "Content Type", "Content ID",
    "commission model", "Standard commission rate", "Est. Commission Base", "Est. standard commission payment",
    "Actual Commission Base", "Actual Commission Payment", "Shop Ads commission rate",
    "Est. Shop Ads commission payment", "Actual Shop Ads commission payment", "Est. co-funded creator bonus",
    "Actual co-funded creator bonus", "Time Created", "Payment time", "Order Delivery Time", "Time Commission Paid",
    "Platform"};

// The post on the roster the orders below go to, and its product's SKU.
const char* kContent = "7301234567890123456";
const char* kSku = "1729384756102938476";

// One line of the export, by column name: a settled 25.00 order on ngoctram.beauty's post,
// commission 10 %, as Seller Center writes it ("/" where a column does not apply).
struct Line {
    std::vector<std::string> cells = {
        "577123456789012345", "1729384756102938475", "Kem chống nắng Ngọc Trâm 50ml", kSku, "25.00", "25.00", "1",
        "USD", "No", "COD", "Settled", "ngoctram.beauty", "Video", kContent, "Standard", "10%", "25.00", "2.50",
        "25.00", "2.50", "/", "/", "/", "/", "/", "13/11/2026 10:00:00", "13/11/2026 10:05:00", "/", "/", "TikTok"};

    Line& set(const std::string& column, std::string value) {
        for (size_t i = 0; i < kColumns.size(); ++i)
            if (kColumns[i] == column) cells[i] = std::move(value);
        return *this;
    }
};

// A cell as a CSV writer puts it: quoted when it holds the separator, a quote or a line break.
std::string cell_text(const std::string& v, char sep) {
    if (v.find_first_of(std::string{sep, '"', '\n', '\r'}) == std::string::npos) return v;
    std::string q = "\"";
    for (char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

std::string joined(const std::vector<std::string>& cells, char sep) {
    std::string s;
    for (size_t i = 0; i < cells.size(); ++i) s += (i ? std::string(1, sep) : "") + cell_text(cells[i], sep);
    return s + "\r\n";
}

// The header and the lines, as the export writes them (CRLF).
std::string export_file(const std::vector<Line>& lines, char sep = ',') {
    std::string s = joined(kColumns, sep);
    for (const Line& l : lines) s += joined(l.cells, sep);
    return s;
}

// Two creators whose names are Vietnamese and Thai, one post, one product.
struct Shop {
    Program p;
    Id tram = 0, fah = 0, product = 0, post = 0;
    Shop() {
        tram = add_creator(p, "ngoctram.beauty", 20000);
        creator(p, tram).display_name = "Ngọc Trâm";
        fah = add_creator(p, "nongfah.review", 30000);
        creator(p, fah).display_name = "น้องฟ้า รีวิว";
        product = add_product(p, 25);
        p.products.back().sku = kSku;
        Post& x = add_post(p, tram, d(2026, 11, 1), 5000, 200, 0, 0);
        x.tiktok_ref = std::string("https://www.tiktok.com/@ngoctram.beauty/video/") + kContent;
        post = x.id;
    }
    OrdersImport import(const std::string& file, const ColumnMapping& m = {}) const {
        return import_orders_csv(p, file, m);
    }
};

}  // namespace

TEST_CASE("a file separated by tabs or by commas is read the same: the header line decides") {
    Shop s;
    // Two orders: 25.00 and 40.00 (2 x 20.00); the product name holds a comma, which a
    // tab-separated file writes without quotes. GMV 25 + 40 = 65, units 1 + 2 = 3.
    const std::vector<Line> lines = {
        Line().set("Product Name", "Serum, 30 ml"),
        Line().set("Order ID", "577123456789012346").set("Price", "20.00").set("Payment Amount", "40.00").set("Quantity", "2"),
    };
    const std::string tabs = export_file(lines, '\t');
    REQUIRE(tabs.find("Serum, 30 ml") != std::string::npos);  // not quoted
    for (const std::string& file : {export_file(lines, ','), tabs}) {
        const OrdersImport r = s.import(file);
        REQUIRE_MESSAGE(r.ok(), r.refused);
        CHECK(r.columns.unused_headers.size() == 11);  // the 30 columns, 19 of them read
        CHECK(r.problem_count == 0);
        CHECK(r.orders == 2);
        CHECK(r.gmv == doctest::Approx(65));
        REQUIRE(r.changes.updated_posts.size() == 1);
        CHECK(r.changes.updated_posts[0].units == 3);
    }
}

TEST_CASE("headers match whatever their case and the spaces, no-break spaces or byte-order marks around them; tabs around cells are trimmed") {
    Shop s;
    std::string file = export_file({Line()
                                        .set("Order ID", "\t577123456789012345")
                                        .set("Content ID", std::string(kContent) + "\t")
                                        .set("Creator Username", " ngoctram.beauty\xC2\xA0")
                                        .set("SKU ID", std::string("\t") + kSku)});
    // A second byte-order mark after the file's own (some tools add one to text that has one),
    // a trailing space, a no-break space inside a header, another case, a tab before a header.
    auto swap = [&file](const std::string& from, const std::string& to) { file.replace(file.find(from), from.size(), to); };
    swap("Order ID,", "\xEF\xBB\xBF" "Order ID ,");
    file = "\xEF\xBB\xBF" + file;
    swap("Creator Username", "Creator\xC2\xA0Username");
    swap("Payment Amount", "PAYMENT AMOUNT");
    swap("Content ID", "\tcontent id");
    const OrdersImport r = s.import(file);
    REQUIRE_MESSAGE(r.ok(), r.refused);
    for (OrderField f : {OrderField::order_id, OrderField::creator_username, OrderField::payment_amount,
                         OrderField::content_id, OrderField::sku_id})
        CHECK(r.columns.column[static_cast<int>(f)] >= 0);
    // One order of 25.00 on the known post: its key is the ids without their tabs.
    CHECK(r.problem_count == 0);
    CHECK(r.orders == 1);
    CHECK(r.gmv == doctest::Approx(25));
    CHECK(r.changes.new_posts.empty());
    CHECK(r.changes.new_keys() == std::vector<std::string>{std::string("577123456789012345/") + kSku});
}

TEST_CASE("a Thai or Vietnamese name too long to list whole is cut between characters") {
    Shop s;
    // 40 Thai letters of 3 bytes each: 120 bytes, listed as the 33 letters (99 bytes) that fit in 100.
    std::string name;
    for (int i = 0; i < 40; ++i) name += "\xE0\xB8\x81";  // ก
    const OrdersImport r = s.import(export_file({Line().set("Creator Username", name)}));
    REQUIRE(r.unmatched.size() == 1);
    CHECK(r.unmatched[0].creator_username == name.substr(0, 99));
}

TEST_CASE("Vietnamese headers and statuses are read as the English ones, in a file that leaves some columns in English") {
    Shop s;
    // Seller Center in Vietnamese: eight of the columns translated, the others as in English.
    std::vector<std::string> headers = kColumns;
    const std::vector<std::pair<std::string, std::string>> vi = {
        {"Order ID", "ID đơn hàng"},
        {"Product ID", "ID sản phẩm"},
        {"SKU ID", "ID SKU"},
        {"Creator Username", "Tên người dùng nhà sáng tạo"},
        {"Content Type", "Loại nội dung"},
        {"Content ID", "Id nội dung"},
        {"Order Status", "Trạng thái đơn hàng"},
        {"Time Created", "Thời gian đã tạo"}};
    for (const auto& [en, translated] : vi)
        for (std::string& h : headers)
            if (h == en) h = translated;
    // A settled order of 25.00 (commission 2.50) and an ineligible one of 40.00 whose 4.00
    // commission is not owed: GMV 25 + 40 = 65, commission 2.50 + 0 = 2.50.
    std::string file = joined(headers, ',');
    file += joined(Line().set("Order Status", "Đã quyết toán").set("Fully returned or refunded", "Không").cells, ',');
    file += joined(Line()
                       .set("Order ID", "577123456789012346")
                       .set("Order Status", "Không đủ điều kiện")
                       .set("Payment Amount", "40.00")
                       .set("Est. standard commission payment", "4.00")
                       .set("Actual Commission Payment", "4.00")
                       .cells,
                   ',');
    const OrdersImport r = s.import(file);
    REQUIRE_MESSAGE(r.ok(), r.refused);
    CHECK(r.columns.languages == std::vector<std::string>{"en", "vi"});
    for (int f = 0; f < kOrderFieldCount; ++f) CHECK_MESSAGE(r.columns.column[f] >= 0, order_field_key(OrderField(f)));
    CHECK(r.problem_count == 0);
    CHECK(r.orders == 2);
    CHECK(r.gmv == doctest::Approx(65));
    CHECK(r.commission == doctest::Approx(2.5));
    CHECK(r.changes.new_keys().front() == std::string("577123456789012345/") + kSku);  // ID SKU read as the SKU
}

TEST_CASE("every word file of the orders export reads, names only the importer's fields, and English names them all") {
    CHECK(export_words().problems.empty());
    const std::vector<const ExportWords*> files = export_words_of("orders");
    REQUIRE(files.size() >= 2);
    CHECK(files.front()->language == "en");  // English first: its headers are the usual ones
    for (const ExportWords* w : files) {
        for (const auto& entry : w->headers) {  // not a structured binding: clang 14 cannot capture one
            const std::string& field = entry.first;
            const auto& names = entry.second;
            bool known = false;
            for (int f = 0; f < kOrderFieldCount; ++f) known = known || field == order_field_key(OrderField(f));
            CHECK_MESSAGE(known, std::string(w->file + ": " + field));
            CHECK_FALSE(names.empty());
        }
    }
    for (int f = 0; f < kOrderFieldCount; ++f) CHECK(files.front()->headers.count(order_field_key(OrderField(f))) == 1);
    CHECK(std::string(order_field_header(OrderField::est_commission)) == "Est. standard commission payment");
    // A file that is not what it should be is reported, naming the file and the place.
    std::vector<std::string> problems;
    read_export_words("orders.xx.json", R"({"headers": {"order_id": "Order ID"}})", problems);
    CHECK(problems == std::vector<std::string>{"orders.xx.json: headers.order_id is not a list of texts"});
}

TEST_CASE("/, --, -, N/A and <5 mean no value: never 0, never a refused row, but a missing required number still says why") {
    Shop s;
    const OrdersImport r = s.import(export_file({
        // Not settled yet: no actual commission ("/"), so the 2.50 estimate counts.
        Line().set("Actual Commission Base", "/").set("Actual Commission Payment", "/"),
        // No commission at all ("-", "--", no rate "/"), a count too small to show ("<5" units:
        // counted as one), no refund information ("N/A"): 40.00, commission 0.
        Line()
            .set("Order ID", "577123456789012346")
            .set("Payment Amount", "40.00")
            .set("Quantity", "<5")
            .set("Standard commission rate", "/")
            .set("Est. standard commission payment", "-")
            .set("Actual Commission Payment", "--")
            .set("Fully returned or refunded", "N/A"),
        // No Payment Amount: refused, saying so.
        Line().set("Order ID", "577123456789012347").set("Payment Amount", "/"),
        // No Content ID (a LIVE or showcase order): the creator's sale on no post; 10.00 and its
        // 2.50 commission count for the creator, not for the post.
        Line().set("Order ID", "577123456789012348").set("Payment Amount", "10.00").set("Content ID", "/"),
    }));
    REQUIRE_MESSAGE(r.ok(), r.refused);
    // The post: GMV 25 + 40 = 65; commission 2.50 + 0 = 2.50; units 1 + 1 = 2. With the line on
    // no post: 3 orders, GMV 75, commission 5.00.
    CHECK(r.orders == 3);
    CHECK(r.off_post == 1);
    CHECK(r.gmv == doctest::Approx(75));
    CHECK(r.commission == doctest::Approx(5));
    CHECK(r.refunded == 0);
    REQUIRE(r.changes.updated_posts.size() == 1);
    CHECK(r.changes.updated_posts[0].units == 2);
    CHECK(r.changes.updated_posts[0].gmv == doctest::Approx(65));
    CHECK(r.changes.updated_posts[0].commission == doctest::Approx(2.5));
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].row == 4);
    CHECK(r.problems[0].reason == "no Payment Amount (\"/\" means no value)");
    CHECK(r.unmatched.empty());
    REQUIRE(r.changes.new_lines.size() == 3);
    CHECK(r.changes.new_lines.post_id(2) == 0);
    CHECK(r.changes.new_lines.kind(2) == ContentKind::video);  // typed Video, from no post
    CHECK(r.changes.new_lines.amount(2) == 10);
}

TEST_CASE("money reads as written in each market: currency signs and codes, thousands and decimal separators, rates with a decimal comma") {
    struct Case {
        const char* currency;
        const char* text;
        double value;
    };
    const Case cases[] = {
        {"USD", "$1,234.50", 1234.50},        // ',' then '.': the last, once, is the decimal point
        {"MYR", "RM7,988.80", 7988.80},
        {"VND", "10.000.000 \xE2\x82\xAB", 10000000},  // '.' three times: thousands
        {"VND", "100.000\xC4\x91", 100000},             // "đ", one '.' and three digits: no minor unit
        {"IDR", "Rp 1.234", 1234},            // one '.' and three digits: IDR has no minor unit
        {"IDR", "Rp 1.234,00", 1234},         // '.' then ',': the ',' is decimal
        {"THB", "\xE0\xB8\xBF" "1,299.00", 1299.00},
        {"GBP", "\xC2\xA3" "12.50", 12.50},
        {"EUR", "1.234,56 \xE2\x82\xAC", 1234.56},     // '.' then ',': the ',' is decimal
        {"EUR", "1\xC2\xA0" "234,56 \xE2\x82\xAC", 1234.56},  // a no-break space groups thousands
        {"USD", "12,50", 12.50},              // one ',', two digits after it: decimal
        {"USD", "1,234", 1234},               // one ',', three digits after it: thousands
        {"USD", "1.234", 1.23},               // one '.' in a currency with cents: decimal (1.234, to the cent)
        {"VND", "1.234", 1234},               // ... and thousands in one without
        {"USD", "USD 12.00", 12.00},
    };
    for (const Case& c : cases) {
        Shop s;
        s.p.settings.currency = c.currency;
        const OrdersImport r = s.import(export_file({Line()
                                                         .set("Currency", c.currency)
                                                         .set("Price", c.text)
                                                         .set("Payment Amount", c.text)
                                                         .set("Actual Commission Payment", c.text)}));
        CAPTURE(std::string(c.text));
        REQUIRE(r.problems.empty());
        CHECK(r.gmv == c.value);  // exact: rounded to the cent, and no more than that was written
        CHECK(r.commission == c.value);
    }

    Shop s;
    auto reason = [&s](const char* text) {
        const OrdersImport r = s.import(export_file({Line().set("Payment Amount", text)}));
        return r.problems.empty() ? std::string() : r.problems[0].reason;
    };
    CHECK(reason("RM7,988.80") == "Payment Amount \"RM7,988.80\" is in MYR, not the program's USD");
    CHECK(reason("12.345.67") == "Payment Amount \"12.345.67\" is not a number");  // groups of three only
    CHECK(reason("1,234.567.89") == "Payment Amount \"1,234.567.89\" is not a number");
    CHECK(reason("-$5.00") == "Payment Amount \"-$5.00\" is negative");
    CHECK(reason("(5.00)") == "Payment Amount \"(5.00)\" is negative");

    // No commission payment written (not settled, no estimate): the base times the standard
    // rate. 1,000.00 x 5.93 % = 59.30, and 200,00 x 3,5 % = 7.00: 66.30.
    const OrdersImport rated = s.import(export_file({
        Line()
            .set("Standard commission rate", "5.93%")
            .set("Actual Commission Base", "$1,000.00")
            .set("Est. standard commission payment", "/")
            .set("Actual Commission Payment", "/"),
        Line()
            .set("Order ID", "577123456789012346")
            .set("Standard commission rate", "3,5%")
            .set("Actual Commission Base", "/")
            .set("Est. Commission Base", "200,00")
            .set("Est. standard commission payment", "/")
            .set("Actual Commission Payment", "/"),
    }));
    REQUIRE(rated.problems.empty());
    CHECK(rated.commission == doctest::Approx(66.30));
    const OrdersImport bad_rate = s.import(export_file({Line()
                                                            .set("Standard commission rate", "150%")
                                                            .set("Est. standard commission payment", "/")
                                                            .set("Actual Commission Payment", "/")}));
    REQUIRE(bad_rate.problems.size() == 1);
    CHECK(bad_rate.problems[0].reason == "Standard commission rate \"150%\" is over 100 %");
}

TEST_CASE("ids of 18 to 21 digits stay text from the file to the backup, and an id a spreadsheet rounded is refused") {
    Shop s;
    // 21-digit ids: more than a double holds (2^53 has 16 digits), so a number would change them.
    const std::string order = "577123456789012345678", sku = "577123456789012345679",
                      content = "577123456789012345680", product_code = "577123456789012345681";
    s.p.products.back().sku = product_code;  // the product is found by its Product ID
    const OrdersImport r = s.import(export_file({
        Line().set("Order ID", order).set("SKU ID", sku).set("Content ID", content).set("Product ID", product_code),
        // The same ids rounded by a spreadsheet: the digits are gone, the row is refused.
        Line().set("Order ID", "5.77123E+20"),
        Line().set("Order ID", "577123456789012345677").set("Content ID", "5,77123E+20"),
    }));
    REQUIRE_MESSAGE(r.ok(), r.refused);
    CHECK(r.changes.new_keys() == std::vector<std::string>{order + "/" + sku});
    REQUIRE(r.changes.new_posts.size() == 1);
    CHECK(r.changes.new_posts[0].tiktok_ref == content);
    CHECK(r.changes.new_posts[0].product_id == s.product);
    REQUIRE(r.problems.size() == 2);
    CHECK(r.problems[0].reason ==
          "Order ID \"5.77123E+20\" is a number a spreadsheet rounded, its last digits lost: import the file as downloaded");
    CHECK(r.problems[1].reason.rfind("Content ID \"5,77123E+20\" is a number a spreadsheet rounded", 0) == 0);

    // Through a backup and back, the ids are the same text, and the file adds nothing again.
    Program p = s.p;
    apply_orders(p, r.changes);
    LoadResult back = program_from_json(program_to_json(p));
    REQUIRE(back.ok());
    CHECK(back.program->order_lines.key(back.program->order_lines.size() - 1) == order + "/" + sku);
    CHECK(back.program->posts.back().tiktok_ref == content);
    const OrdersImport again = import_orders_csv(*back.program, export_file({Line()
                                                                               .set("Order ID", order)
                                                                               .set("SKU ID", sku)
                                                                               .set("Content ID", content)}));
    CHECK(again.unchanged == 1);
    CHECK(again.imported == 0);
}

TEST_CASE("the row of column descriptions under the header and the Total of N results row are skipped, not refused, and counted apart") {
    Shop s;
    // Under the header, a sentence for each column; at the end, a row of empty cells a
    // spreadsheet left and the export's total, one cell long.
    Line described;
    for (size_t i = 0; i < kColumns.size(); ++i) described.cells[i] = "The " + kColumns[i] + " of the order line";
    described.set("Order ID", "Mã đơn hàng, duy nhất cho mỗi đơn");  // in the shop's language
    std::string file = export_file({described, Line(), Line().set("Order ID", "577123456789012346")});
    file += std::string(kColumns.size() - 1, ',') + "\r\n";
    file += "Total of 2 results\r\n";
    const OrdersImport r = s.import(file);
    REQUIRE_MESSAGE(r.ok(), r.refused);  // the short last row is the total, not a truncated file
    // 5 rows: 2 orders (25 + 25 = 50) and 3 skipped; none refused.
    CHECK(r.rows == 5);
    CHECK(r.orders == 2);
    CHECK(r.gmv == doctest::Approx(50));
    CHECK(r.problem_count == 0);
    CHECK(r.skipped == 3);
    REQUIRE(r.skipped_rows.size() == 3);
    CHECK(r.skipped_rows[0].row == 2);
    CHECK(r.skipped_rows[0].reason == "a row of column descriptions under the header (\"Mã đơn hàng, duy nhất cho mỗi đơn\")");
    CHECK(r.skipped_rows[1].row == 5);
    CHECK(r.skipped_rows[1].reason == "an empty row");
    CHECK(r.skipped_rows[2].row == 6);
    CHECK(r.skipped_rows[2].reason == "a totals row (\"Total of 2 results\")");
    CHECK(r.summary() == "2 new lines (2 orders), 0 updated, 0 unchanged, 0 duplicates, 0 samples, 0 rows refused, 0 unmatched, 3 rows skipped");
    CHECK(r.rows == r.imported + r.updated + r.unchanged + r.adopted + r.duplicates + r.samples + r.problem_count +
                        r.unmatched_count + r.skipped);
    // A sentence further down is no description: that row is refused as before.
    const OrdersImport late = s.import(export_file({Line(), described}));
    CHECK(late.skipped == 0);
    CHECK(late.problem_count == 1);
}

TEST_CASE("the order of day and month is decided by the file's values; when nothing decides, the caller's choice is used and reported") {
    Shop s;
    // Two orders on a post the program does not have: the post is dated by the earlier one.
    auto file = [](const char* first, const char* second) {
        return export_file({Line().set("Content ID", "7309999999999999999").set("Time Created", first),
                            Line()
                                .set("Order ID", "577123456789012346")
                                .set("Content ID", "7309999999999999999")
                                .set("Time Created", second)});
    };
    auto published = [](const OrdersImport& r) {
        REQUIRE(r.changes.new_posts.size() == 1);
        REQUIRE(r.changes.new_posts[0].published.has_value());
        return *r.changes.new_posts[0].published;
    };
    // 13 cannot be a month: day first, and so the first row, read before the file decided, is
    // 2 November, not 11 February. Earlier of 2 and 13 November: 2 November.
    const OrdersImport day = s.import(file("02/11/2026 10:00:00", "13/11/2026 09:00:00"));
    CHECK(day.dates.from == DateOrderFrom::file);
    CHECK(day.dates.order == DateOrder::day_first);
    CHECK(day.dates.day_first == "13/11/2026");
    CHECK(published(day) == d(2026, 11, 2));
    CHECK(day.summary().find("dates") == std::string::npos);  // decided: nothing to say
    // 13 cannot be a month in the second place either: month first. 2 and 13 November again.
    const OrdersImport month = s.import(file("11/02/2026 10:00:00", "11/13/2026 09:00:00"));
    CHECK(month.dates.from == DateOrderFrom::file);
    CHECK(month.dates.order == DateOrder::month_first);
    CHECK(published(month) == d(2026, 11, 2));
    // Nothing over 12: the caller's choice, day first unless it says otherwise, and said so.
    const OrdersImport either = s.import(file("05/11/2026 10:00:00", "02/11/2026 09:00:00"));
    CHECK(either.dates.from == DateOrderFrom::option);
    CHECK(either.dates.order == DateOrder::day_first);
    CHECK(either.dates.either_way == "05/11/2026");
    CHECK(published(either) == d(2026, 11, 2));  // 5 and 2 November
    CHECK(either.summary().find(", dates such as 05/11/2026 read day first: the file does not say which") != std::string::npos);
    OrdersImportOptions asked;
    asked.date_order = DateOrder::month_first;
    const OrdersImport answered = import_orders_csv(s.p, file("05/11/2026 10:00:00", "02/11/2026 09:00:00"), {}, 0, asked);
    CHECK(answered.dates.order == DateOrder::month_first);
    CHECK(published(answered) == d(2026, 2, 11));  // 11 May and 11 February
    // Year first needs no deciding.
    const OrdersImport iso = s.import(file("2026-11-05", "2026-11-02 09:00:00"));
    CHECK(iso.dates.from == DateOrderFrom::none);
    CHECK(published(iso) == d(2026, 11, 2));
    // Both ways in one file: the caller's choice, and the date it cannot read (14 as a month)
    // is left out: 13 November.
    const OrdersImport mixed = s.import(file("13/11/2026 10:00:00", "11/14/2026 09:00:00"));
    CHECK(mixed.dates.from == DateOrderFrom::conflict);
    CHECK(mixed.dates.order == DateOrder::day_first);
    CHECK(published(mixed) == d(2026, 11, 13));
    CHECK(mixed.summary().find(", dates read day first though 11/14/2026 reads only month first") != std::string::npos);
}

TEST_CASE("each line keeps its Time Created in the order the file decides, rows read before it decided too") {
    Shop s;
    // A year-first date reads the same both ways; 11/02 could be either; 11/13 decides month
    // first, so the 11/02 row read before it is 2 November, not 11 February.
    const OrdersImport r = s.import(export_file({Line().set("Time Created", "2026-11-05 08:00:00"),
                                                 Line().set("Order ID", "577123456789012346").set("Time Created", "11/02/2026 10:00:00"),
                                                 Line().set("Order ID", "577123456789012347").set("Time Created", "11/13/2026 9:05 PM")}));
    REQUIRE(r.ok());
    CHECK(r.dates.order == DateOrder::month_first);
    const OrderLines& l = r.changes.new_lines;
    REQUIRE(l.size() == 3);
    CHECK(line_time_text(l.get_time(0)) == "2026-11-05 08:00:00");
    CHECK(line_time_text(l.get_time(1)) == "2026-11-02 10:00:00");
    CHECK(line_time_text(l.get_time(2)) == "2026-11-13 21:05:00");
    // The same rows with 13/11 deciding day first: 11/02 is then 11 February.
    const OrdersImport day = s.import(export_file({Line().set("Time Created", "2026-11-05 08:00:00"),
                                                   Line().set("Order ID", "577123456789012346").set("Time Created", "11/02/2026 10:00:00"),
                                                   Line().set("Order ID", "577123456789012347").set("Time Created", "13/11/2026 21:05:00")}));
    REQUIRE(day.ok());
    CHECK(day.dates.order == DateOrder::day_first);
    CHECK(line_time_text(day.changes.new_lines.get_time(1)) == "2026-02-11 10:00:00");
    CHECK(line_time_text(day.changes.new_lines.get_time(2)) == "2026-11-13 21:05:00");
}

TEST_CASE("a Vietnamese shop's export with every quirk at once imports whole") {
    Shop s;
    s.p.settings.currency = "VND";
    // Tab-separated, a byte-order mark, Vietnamese headers beside English ones, the column
    // descriptions under the header and the total at the end.
    std::vector<std::string> headers = kColumns;
    for (auto& [en, vi] : std::vector<std::pair<std::string, std::string>>{
             {"Order ID", "ID đơn hàng"}, {"SKU ID", "ID SKU"}, {"Order Status", "Trạng thái đơn hàng"},
             {"Creator Username", "Tên người dùng nhà sáng tạo"}, {"Content ID", "Id nội dung"}})
        for (std::string& h : headers)
            if (h == en) h = vi;
    Line described;
    for (std::string& c : described.cells) c = "Mô tả của cột này";
    auto vnd = [](Line l) {
        return l.set("Currency", "VND")
            .set("Price", "259.000 ₫")
            .set("Payment Amount", "259.000 ₫")
            .set("Est. Commission Base", "259.000 ₫")
            .set("Est. standard commission payment", "25.900 ₫")
            .set("Actual Commission Base", "/")
            .set("Actual Commission Payment", "/");
    };
    const std::vector<Line> lines = {
        described,
        vnd(Line()),                                           // 259.000, commission 25.900 (estimate)
        vnd(Line().set("Order ID", "577123456789012346"))      // 4 x 259.000 = 1.036.000, commission 103.600
            .set("Quantity", "4")
            .set("Payment Amount", "1.036.000 ₫")
            .set("Order Status", "Đã quyết toán")
            .set("Actual Commission Payment", "103.600"),
        vnd(Line().set("Order ID", "577123456789012347"))      // 120.000, ineligible: no commission
            .set("Payment Amount", "120.000 ₫")
            .set("Order Status", "Không đủ điều kiện"),
        vnd(Line().set("Order ID", "577123456789012348")).set("Payment Amount", "0 ₫"),  // a sample
        vnd(Line().set("Order ID", "577123456789012349")).set("Content Type", "LIVE").set("Content ID", "/"),
        vnd(Line()),                                           // the first line again
    };
    std::string file = "\xEF\xBB\xBF" + joined(headers, '\t');
    for (const Line& l : lines) file += joined(l.cells, '\t');
    file += "Total of 6 results\r\n";
    const OrdersImport r = s.import(file);
    REQUIRE_MESSAGE(r.ok(), r.refused);
    CHECK(r.columns.languages == std::vector<std::string>{"en", "vi"});
    // On the post: GMV 259.000 + 1.036.000 + 120.000 = 1.415.000; commission 25.900 + 103.600 +
    // 0 = 129.500; units 1 + 4 + 1 = 6. The LIVE line (259.000, commission 25.900) counts for
    // the creator on no post: 4 orders, GMV 1.674.000, commission 155.400. Rows: 1 description
    // + 6 lines + 1 total = 8.
    CHECK(r.rows == 8);
    CHECK(r.orders == 4);
    CHECK(r.off_post == 1);
    CHECK(r.gmv == 1674000);
    CHECK(r.commission == 155400);
    CHECK(r.samples == 1);
    CHECK(r.unmatched_count == 0);
    CHECK(r.duplicates == 1);
    CHECK(r.skipped == 2);
    CHECK(r.problem_count == 0);
    CHECK(r.dates.order == DateOrder::day_first);
    REQUIRE(r.changes.updated_posts.size() == 1);
    CHECK(r.changes.updated_posts[0].units == 6);
}

// The export in the shop's language, with the header row real files have: Seller Center in
// Vietnamese (38 columns), Thai (34) and Indonesian (25), as public parsers of real files read
// them (docs/rules.md, "Orders import": where the words come from).
namespace {

const std::vector<std::string> kVietnamese = {
    "ID đơn hàng", "ID sản phẩm", "Tên sản phẩm", "Sku", "Id Sku", "Sku người bán", "Giá", "Payment Amount",
    "Đơn vị tiền tệ", "Số lượng", "Phương thức thanh toán", "Trạng thái đơn hàng", "Tên người dùng nhà sáng tạo",
    "Loại nội dung", "Id nội dung", "commission model", "Tỷ lệ khấu trừ Thuế TNCN", "Thuế TNCN ước tính",
    "Thuế TNCN thực tế", "Tỷ lệ hoa hồng tiêu chuẩn", "Cơ sở hoa hồng ước tính",
    "Thanh toán hoa hồng tiêu chuẩn ước tính", "Cơ sở hoa hồng thực tế", "Thanh toán hoa hồng thực tế",
    "Tỷ lệ hoa hồng Quảng cáo cửa hàng", "Thanh toán hoa hồng Quảng cáo cửa hàng ước tính",
    "Thanh toán hoa hồng Quảng cáo cửa hàng thực tế", "Thưởng đồng chi trả cho nhà sáng tạo ước tính",
    "Thưởng đồng chi trả cho nhà sáng tạo thực tế", "Trả hàng & hoàn tiền", "Hoàn tiền", "Thời gian đã tạo",
    "Thời gian thanh toán", "Thời gian sẵn sàng vận chuyển", "Order Delivery Time", "Thời gian hoàn thành đơn hàng",
    "Thời gian hoa hồng đã thanh toán", "Platform"};

const std::vector<std::string> kThai = {
    "หมายเลขคำสั่งซื้อ", "รหัสสินค้า", "ชื่อสินค้า", "ID ของ SKU", "ราคา", "Payment Amount", "สกุลเงิน", "ปริมาณ",
    "คืนสินค้าหรือคืนเงินทั้งหมดแล้ว", "วิธีการชำระเงิน", "สถานะคำสั่งซื้อ", "ชื่อผู้ใช้ของครีเอเตอร์", "ประเภทเนื้อหา",
    "รูปภาพแบบเลื่อน", "รหัสเนื้อหา", "commission model", "อัตราการหัก ณ ที่จ่ายสำหรับ PIT", "PIT โดยประมาณ", "PIT จริง",
    "อัตราค่าคอมมิชชั่นมาตรฐาน", "ฐานค่าคอมมิชชั่นโดยประมาณ", "การจ่ายค่าคอมมิชชั่นมาตรฐานโดยประมาณ",
    "ฐานค่าคอมมิชชั่นจริง", "ค่าคอมมิชชั่นที่ต้องชำระจริง", "อัตราค่าคอมมิชชั่นโฆษณาร้านค้า",
    "การจ่ายค่าคอมมิชชั่นโฆษณาร้านค้าโดยประมาณ", "การจ่ายค่าคอมมิชชั่นโฆษณาร้านค้าที่ต้องชำระจริง",
    "โบนัสครีเอเตอร์แบบร่วมทุนโดยประมาณ", "โบนัสครีเอเตอร์แบบร่วมทุนตามจริง", "เวลาที่สร้าง", "เวลาชำระเงิน",
    "Order Delivery Time", "เวลาที่ชำระค่าคอมมิชชั่น", "Platform"};

const std::vector<std::string> kIndonesian = {
    "ID Pesanan", "ID Produk", "Produk", "ID Sku", "Harga", "Payment Amount", "Mata Uang", "Kuantitas",
    "Pengembalian Barang Atau Dana", "Metode Pembayaran", "Status Pesanan", "Nama pengguna kreator", "Jenis Konten",
    "ID Konten", "commission model", "Persentase komisi standar", "Est. Acuan Komisi",
    "Perkiraan pembayaran komisi standar", "Acuan Komisi Aktual", "Pembayaran Komisi Aktual", "Waktu Dibuat",
    "Waktu Pembayaran", "Order Delivery Time", "Waktu Komisi Dibayar", "Platform"};

std::string file_of(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    std::string s = joined(header, ',');
    for (const auto& r : rows) s += joined(r, ',');
    return s;
}

// How many of the new lines are of a kind, and of a status.
int64_t lines_of(const OrderLines& l, ContentKind k) {
    int64_t n = 0;
    for (size_t i = 0; i < l.size(); ++i) n += l.kind(i) == k;
    return n;
}
int64_t lines_of(const OrderLines& l, OrderStatus s) {
    int64_t n = 0;
    for (size_t i = 0; i < l.size(); ++i) n += l.status(i) == s;
    return n;
}

}  // namespace

TEST_CASE("a Vietnamese Seller Center export with its 38 real columns: completed, cancelled, showcase and external traffic lines") {
    Shop s;
    s.p.settings.currency = "VND";
    const std::vector<std::string>& h = kVietnamese;
    auto line = [&h](const char* order, const char* sku, const char* status, const char* type, const char* content,
                     const char* qty, const char* price, const char* amount, const char* est, const char* actual,
                     const char* created) {
        return row_of(h, {{"ID đơn hàng", order}, {"ID sản phẩm", "1729384756102938475"},
                          {"Tên sản phẩm", "Kem chống nắng Ngọc Trâm 50ml"}, {"Id Sku", sku}, {"Giá", price},
                          {"Payment Amount", amount}, {"Đơn vị tiền tệ", "VND"}, {"Số lượng", qty},
                          {"Phương thức thanh toán", "Thanh toán khi giao hàng"}, {"Trạng thái đơn hàng", status},
                          {"Tên người dùng nhà sáng tạo", "ngoctram.beauty"}, {"Loại nội dung", type},
                          {"Id nội dung", content}, {"commission model", "fixed commission"},
                          {"Tỷ lệ hoa hồng tiêu chuẩn", "10%"}, {"Thanh toán hoa hồng tiêu chuẩn ước tính", est},
                          {"Thanh toán hoa hồng thực tế", actual}, {"Trả hàng & hoàn tiền", "0"}, {"Hoàn tiền", "0"},
                          {"Thời gian đã tạo", created}, {"Platform", "TTS"}});
    };
    const std::vector<std::vector<std::string>> rows = {
        // Completed on the post: 259.000, commission paid 25.900.
        line("579470912371787612", kSku, "Đã hoàn thành", "Video", kContent, "1", "259000", "259000", "25900", "25900",
             "02/11/2026 13:46:01"),
        // Completed from the showcase: 2 x 150.000, commission 30.000 estimated, none paid yet.
        line("579470912371787613", "1731722360110679812", "Đã hoàn thành", "Trưng bày", "", "2", "150000", "300000",
             "30000", "", "13/11/2026 09:12:45"),
        // Cancelled, from the external traffic program: 120.000, no commission cells.
        line("579470912371787614", "1731722360110679813", "Đã hủy", "Chương trình Lưu lượng truy cập bên ngoài", "",
             "1", "120000", "120000", "", "", "14/11/2026 20:01:10"),
        // Cancelled on the post: 199.000, its 19.900 estimate not owed.
        line("579470912371787615", kSku, "Đã hủy", "Video", kContent, "1", "199000", "199000", "19900", "",
             "15/11/2026 08:30:00"),
        // Still processing, from a LIVE: 89.000, commission 8.900 expected.
        line("579470912371787616", "1731722360110679814", "Đang xử lý", "Phát trực tiếp", "", "1", "89000", "89000",
             "8900", "", "16/11/2026 21:05:33"),
    };
    const OrdersImport r = s.import(file_of(h, rows));
    REQUIRE_MESSAGE(r.ok(), r.refused);
    // Payment Amount, commission model, Order Delivery Time and Platform stay in English.
    CHECK(r.columns.languages == std::vector<std::string>{"en", "vi"});
    // 18 of the importer's 19 fields are there (no "Fully returned or refunded"): 38 - 18 = 20 unused.
    CHECK(r.columns.unused_headers.size() == 20);
    CHECK(r.columns.column[static_cast<int>(OrderField::sku_id)] == 4);  // "Id Sku", not "Sku"
    CHECK(r.problem_count == 0);
    CHECK(r.orders == 5);
    // GMV 259.000 + 300.000 + 120.000 + 199.000 + 89.000 = 967.000; commission 25.900 + 30.000 +
    // 0 + 0 + 8.900 = 64.800, of it 55.900 completed (settled) and 8.900 expected.
    CHECK(r.gmv == 967000);
    CHECK(r.commission == 64800);
    CHECK(r.commission_settled == 55900);
    CHECK(r.commission_expected == 8900);
    // The showcase, external traffic and LIVE lines are the creator's sales on no post.
    CHECK(r.off_post == 3);
    const OrderLines& l = r.changes.new_lines;
    CHECK(lines_of(l, ContentKind::showcase) == 1);
    CHECK(lines_of(l, ContentKind::other) == 1);  // external traffic, as in English
    CHECK(lines_of(l, ContentKind::live) == 1);
    CHECK(lines_of(l, ContentKind::video) == 2);
    CHECK(lines_of(l, OrderStatus::settled) == 2);
    CHECK(lines_of(l, OrderStatus::ineligible) == 2);
    CHECK(lines_of(l, OrderStatus::pending) == 1);
    // The post: 259.000 + 199.000 = 458.000, units 2, commission 25.900 (the cancelled line earns none).
    REQUIRE(r.changes.updated_posts.size() == 1);
    CHECK(r.changes.updated_posts[0].gmv == 458000);
    CHECK(r.changes.updated_posts[0].units == 2);
    CHECK(r.changes.updated_posts[0].commission == 25900);
    CHECK(r.dates.order == DateOrder::day_first);
    CHECK(r.changes.new_keys().front() == std::string("579470912371787612/") + kSku);
}

TEST_CASE("a Thai Seller Center export with its 34 real columns, in baht") {
    Shop s;
    s.p.settings.currency = "THB";
    const std::vector<std::string>& h = kThai;
    const char* video = "7309876543210987654";  // a video of น้องฟ้า the program has no post for
    auto line = [&](const char* order, const char* status, const char* refunded, const char* qty, const char* amount,
                    const char* est, const char* actual, const char* created) {
        return row_of(h, {{"หมายเลขคำสั่งซื้อ", order}, {"รหัสสินค้า", "1729384756102938475"},
                          {"ชื่อสินค้า", "ครีมกันแดด สูตรอ่อนโยน 50 มล."}, {"ID ของ SKU", "1731722360110679800"},
                          {"ราคา", "฿299.00"}, {"Payment Amount", amount}, {"สกุลเงิน", "THB"}, {"ปริมาณ", qty},
                          {"คืนสินค้าหรือคืนเงินทั้งหมดแล้ว", refunded}, {"วิธีการชำระเงิน", "การเก็บเงินปลายทาง"},
                          {"สถานะคำสั่งซื้อ", status}, {"ชื่อผู้ใช้ของครีเอเตอร์", "nongfah.review"},
                          {"ประเภทเนื้อหา", "วิดีโอ"}, {"รหัสเนื้อหา", video}, {"อัตราค่าคอมมิชชั่นมาตรฐาน", "10%"},
                          {"การจ่ายค่าคอมมิชชั่นมาตรฐานโดยประมาณ", est}, {"ค่าคอมมิชชั่นที่ต้องชำระจริง", actual},
                          {"เวลาที่สร้าง", created}, {"Platform", "TikTok"}});
    };
    const OrdersImport r = s.import(file_of(
        h, {
               line("580012345678901231", "เสร็จสมบูรณ์", "ไม่มี", "2", "฿598.00", "฿59.80", "฿59.80", "21/11/2026 10:00:00"),
               line("580012345678901232", "ยกเลิกแล้ว", "ไม่มี", "1", "฿299.00", "฿29.90", "", "20/11/2026 18:45:10"),
               line("580012345678901233", "ลูกค้ายังไม่ได้ชำระเงิน", "ไม่มี", "1", "฿1,299.00", "฿129.90", "",
                    "22/11/2026 07:15:00"),
               line("580012345678901234", "เสร็จสมบูรณ์", "ใช่", "1", "฿150.00", "฿15.00", "฿0.00", "23/11/2026 12:00:00"),
           }));
    REQUIRE_MESSAGE(r.ok(), r.refused);
    CHECK(r.columns.languages == std::vector<std::string>{"en", "th"});
    for (int f = 0; f < kOrderFieldCount; ++f) CHECK_MESSAGE(r.columns.column[f] >= 0, order_field_key(OrderField(f)));
    CHECK(r.columns.unused_headers.size() == 34 - 19);
    CHECK(r.problem_count == 0);
    // Four orders on a new post of น้องฟ้า, dated by the earliest one (20/11):
    // GMV 598 + 299 + 1,299 + 150 = 2,346; units 2 + 1 + 1 + 1 = 5; refunded 150 (ใช่);
    // commission 59.80 + 0 (cancelled) + 129.90 (not yet paid: the estimate) + 0.00 = 189.70.
    CHECK(r.orders == 4);
    CHECK(r.gmv == doctest::Approx(2346));
    CHECK(r.refunded == doctest::Approx(150));
    CHECK(r.commission == doctest::Approx(189.70));
    CHECK(r.commission_settled == doctest::Approx(59.80));
    CHECK(r.commission_expected == doctest::Approx(129.90));
    REQUIRE(r.changes.new_posts.size() == 1);
    const Post& p = r.changes.new_posts[0];
    CHECK(p.creator_id == s.fah);
    CHECK(p.published == d(2026, 11, 20));
    CHECK(p.gmv == doctest::Approx(2346));
    CHECK(p.units == 5);
    CHECK(lines_of(r.changes.new_lines, OrderStatus::ineligible) == 1);
    CHECK(lines_of(r.changes.new_lines, OrderStatus::pending) == 1);
    CHECK(lines_of(r.changes.new_lines, ContentKind::video) == 4);
}

TEST_CASE("an Indonesian Seller Center export with its 25 columns, in rupiah; a status word no file has earns its commission") {
    Shop s;
    s.p.settings.currency = "IDR";
    const Id sari = add_creator(s.p, "sari.cantik_id", 15000);
    creator(s.p, sari).display_name = "Sari Dewi 🌺";
    const std::vector<std::string>& h = kIndonesian;
    auto line = [&h](const char* order, const char* amount, const char* est, const char* actual) {
        return row_of(h, {{"ID Pesanan", order}, {"ID Produk", "1729384756102938475"},
                          {"Produk", "Serum Wajah Vitamin C 20ml"}, {"ID Sku", "1731722360110679800"},
                          {"Harga", "Rp 89.000"}, {"Payment Amount", amount}, {"Mata Uang", "IDR"}, {"Kuantitas", "1"},
                          {"Status Pesanan", "Sudah dibayar"}, {"Nama pengguna kreator", "sari.cantik_id"},
                          {"Jenis Konten", "Video"}, {"ID Konten", "7312222222222222222"},
                          {"Persentase komisi standar", "8%"}, {"Perkiraan pembayaran komisi standar", est},
                          {"Pembayaran Komisi Aktual", actual}, {"Waktu Dibuat", "25/11/2026 19:20:00"}});
    };
    const OrdersImport r = s.import(file_of(h, {line("581234567890123451", "Rp 89.000", "Rp 7.120", "--"),
                                                line("581234567890123452", "Rp 178.000", "Rp 14.240", "Rp 14.240")}));
    REQUIRE_MESSAGE(r.ok(), r.refused);
    // "ID Sku" is Vietnamese too: the file is said to be Indonesian (and English), not Vietnamese.
    CHECK(r.columns.languages == std::vector<std::string>{"en", "id"});
    CHECK(r.columns.unused_headers.size() == 25 - 18);  // "Pengembalian Barang Atau Dana" is not read
    CHECK(r.problem_count == 0);
    // 89.000 + 178.000 = 267.000; commission 7.120 (the estimate) + 14.240 = 21.360, expected.
    CHECK(r.orders == 2);
    CHECK(r.gmv == 267000);
    CHECK(r.commission == 21360);
    CHECK(r.commission_expected == 21360);
    CHECK(lines_of(r.changes.new_lines, OrderStatus::unknown) == 2);
    REQUIRE(r.changes.new_posts.size() == 1);
    CHECK(r.changes.new_posts[0].creator_id == sari);
}

TEST_CASE("an English line Cancelled earns no commission, as an Ineligible one") {
    Shop s;
    // 25.00 settled (2.50) and 40.00 cancelled (its 4.00 not owed): commission 2.50.
    const OrdersImport r = s.import(export_file(
        {Line(), Line().set("Order ID", "577123456789012346").set("Order Status", "Cancelled").set("Payment Amount", "40.00")
                     .set("Est. standard commission payment", "4.00").set("Actual Commission Payment", "4.00")}));
    REQUIRE_MESSAGE(r.ok(), r.refused);
    CHECK(r.commission == doctest::Approx(2.5));
    CHECK(r.commission_settled == doctest::Approx(2.5));
    CHECK(r.commission_expected == 0);
    CHECK(lines_of(r.changes.new_lines, OrderStatus::ineligible) == 1);
}
