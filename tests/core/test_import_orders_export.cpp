// The quirks of the real Seller Center "Affiliate orders" export, in its CSV form (DOMAIN.md
// section 7; docs/rules.md "Orders import"). Every file here has the export's own 30 columns in
// its order; one test a rule, the numbers worked out in a comment.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "builders.hpp"
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
