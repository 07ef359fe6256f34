// The quirks of the real Seller Center "Affiliate orders" export, in its CSV form (DOMAIN.md
// section 7; docs/rules.md "Orders import"). Every file here has the export's own 30 columns in
// its order; one test a rule, the numbers worked out in a comment.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "builders.hpp"
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
    CHECK(r.changes.new_order_keys == std::vector<std::string>{std::string("577123456789012345/") + kSku});
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
