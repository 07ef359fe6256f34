// Affiliate-orders exports saved as .xlsx (docs/rules.md, "Orders import"): the first sheet read
// into the same rows a CSV gives, and every bad file refused whole with its reason. The files are
// written here (xlsx_writer.hpp: zlib's deflate and a small zip writer).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "builders.hpp"
#include "csv_rows.hpp"
#include "core/orders_import.hpp"
#include "core/orders_xlsx.hpp"
#include "core/xlsx.hpp"
#include "xlsx_writer.hpp"

using namespace sr;
using namespace sr::test;

namespace {

const std::vector<std::string> kColumns = {
    "Order ID", "Product ID", "Product Name", "SKU ID", "Price", "Payment Amount", "Quantity", "Currency",
    "Fully returned or refunded", "Payment method", "Order Status", "Creator Username", "Content Type", "Content ID",
    "commission model", "Standard commission rate", "Est. Commission Base", "Est. standard commission payment",
    "Actual Commission Base", "Actual Commission Payment", "Shop Ads commission rate",
    "Est. Shop Ads commission payment", "Actual Shop Ads commission payment", "Est. co-funded creator bonus",
    "Actual co-funded creator bonus", "Time Created", "Payment time", "Order Delivery Time", "Time Commission Paid",
    "Platform"};

const char* kContent = "7301234567890123456";  // 19 digits: a double would round it
const char* kSku = "1729384756102938476";

// One order line as the export's cells, with the kind of cell each is written as in the sheet:
// ids as shared strings, the product name as an inline string, amounts as numbers, Time Created
// as a date serial with a date style, the refund flag as a boolean.
struct XLine {
    std::vector<XCell> cells = {
        {"577123456789012345"}, {"1729384756102938475"}, {"Kem chống nắng Ngọc Trâm 50ml", 'i'}, {kSku},
        {"25", 'n'}, {"25", 'n'}, {"1", 'n'}, {"USD"}, {"0", 'b'}, {"COD"}, {"Settled"}, {"ngoctram.beauty"},
        {"Video"}, {kContent}, {"Standard"}, {"10%"}, {"25", 'n'}, {"2.5", 'n'}, {"25", 'n'}, {"2.5", 'n'}, {"/"},
        {"/"}, {"/"}, {"/"}, {"/"},
        // 2026-11-13 10:00:00: day 46339 since 1899-12-30, 10/24 of a day.
        {"46339.416666666664", 'd'}, {"13/11/2026 10:05:00"}, {"/"}, {"/"}, {"TikTok"}};

    XLine& set(const std::string& column, std::string value, char kind = 's') {
        for (size_t i = 0; i < kColumns.size(); ++i)
            if (kColumns[i] == column) cells[i] = {std::move(value), kind};
        return *this;
    }
};

// The same line as text, as the CSV export writes it.
std::vector<std::string> as_text(const XLine& l) {
    std::vector<std::string> t;
    for (size_t i = 0; i < l.cells.size(); ++i) {
        const XCell& c = l.cells[i];
        t.push_back(c.kind == '-' ? "" : c.kind == 'b' ? (c.v == "1" ? "TRUE" : "FALSE")
                                  : c.kind == 'd'   ? "2026-11-13 10:00:00"
                                                    : c.v);
    }
    return t;
}

std::string csv_of(const std::vector<XLine>& lines) {
    std::string s = sr::test::csv_line(kColumns);
    for (const XLine& l : lines) s += sr::test::csv_line(as_text(l));
    return s;
}

std::vector<std::vector<XCell>> sheet_of(const std::vector<XLine>& lines) {
    std::vector<std::vector<XCell>> rows;
    std::vector<XCell> header;
    for (const std::string& c : kColumns) header.push_back({c});
    rows.push_back(header);
    for (const XLine& l : lines) rows.push_back(l.cells);
    return rows;
}

// Two creators whose names are Vietnamese and Thai, one post, one product.
struct Shop {
    Program p;
    Shop() {
        const Id tram = add_creator(p, "ngoctram.beauty", 20000);
        creator(p, tram).display_name = "Ngọc Trâm";
        const Id fah = add_creator(p, "nongfah.review", 30000);
        creator(p, fah).display_name = "น้องฟ้า รีวิว";
        add_product(p, 25);
        p.products.back().sku = kSku;
        Post& x = add_post(p, tram, d(2026, 11, 1), 5000, 200, 0, 0);
        x.tiktok_ref = std::string("https://www.tiktok.com/@ngoctram.beauty/video/") + kContent;
    }
};

// The lines both tests below read: three orders on the known post, one refunded, one on a new
// post by the Thai creator with a missing Payment method cell, one by a creator not on the roster.
std::vector<XLine> export_lines() {
    return {
        XLine(),
        XLine().set("Order ID", "577123456789012346").set("Price", "20", 'n').set("Payment Amount", "40", 'n').set("Quantity", "2", 'n'),
        XLine().set("Order ID", "577123456789012347").set("Fully returned or refunded", "1", 'b'),
        XLine()
            .set("Order ID", "577123456789012348")
            .set("Creator Username", "nongfah.review")
            .set("Product Name", "ครีมกันแดด น้องฟ้า", 'i')
            .set("Payment method", "", '-')
            .set("Content ID", "7309876543210987654")
            .set("Payment Amount", "12.5", 'n'),
        XLine().set("Order ID", "577123456789012349").set("Creator Username", "someone.else"),
    };
}

std::string refusal(const std::string& file) {
    const OrdersImport r = import_orders_xlsx(Shop().p, file);
    CHECK_FALSE(r.ok());
    CHECK(r.changes.empty());
    return r.refused;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("an .xlsx sheet reads into the rows a CSV gives: cells by reference, strings shared and inline, numbers as written, dates as text") {
    const std::vector<XLine> lines = export_lines();
    const xlsx::Table t = xlsx::read_all(xlsx_file(sheet_of(lines)));
    REQUIRE_MESSAGE(t.ok(), t.error);
    REQUIRE(t.rows.size() == 6);
    CHECK(t.rows[0] == kColumns);
    CHECK(t.row_numbers == std::vector<int64_t>{1, 2, 3, 4, 5, 6});
    for (size_t i = 0; i < lines.size(); ++i) CHECK(t.rows[i + 1] == as_text(lines[i]));
    const auto& thai = t.rows[4];
    CHECK(thai[13] == "7309876543210987654");  // 19 digits, as written
    CHECK(thai[9].empty());                     // the cell the row does not have
    CHECK(thai[2] == "ครีมกันแดด น้องฟ้า");
    CHECK(thai[25] == "2026-11-13 10:00:00");
    CHECK(t.rows[3][8] == "TRUE");
}

TEST_CASE("an .xlsx export imports to the same totals as the same rows as CSV") {
    Shop s;
    const std::vector<XLine> lines = export_lines();
    const OrdersImport csv = import_orders_csv(s.p, csv_of(lines));
    const OrdersImport x = import_orders_xlsx(s.p, xlsx_file(sheet_of(lines)));
    REQUIRE_MESSAGE(csv.ok(), csv.refused);
    REQUIRE_MESSAGE(x.ok(), x.refused);
    // GMV: 25 + 40 + 25 (refunded) + 12.50 on the Thai creator's new post = 102.50; the fifth
    // line's creator is not on the roster.
    CHECK(x.rows == 5);
    CHECK(x.orders == 4);
    CHECK(x.imported == 4);
    CHECK(x.unmatched_count == 1);
    CHECK(x.problem_count == 0);
    CHECK(x.gmv == doctest::Approx(102.5));
    CHECK(x.refunded == doctest::Approx(25));
    CHECK(x.posts_created == 1);
    CHECK(x.posts_updated == 1);
    CHECK(x.summary() == csv.summary());
    CHECK(x.gmv == csv.gmv);
    CHECK(x.refunded == csv.refunded);
    CHECK(x.commission == csv.commission);
    CHECK(x.changes.new_keys() == csv.changes.new_keys());
    REQUIRE(x.changes.new_posts.size() == 1);
    CHECK(x.changes.new_posts[0].tiktok_ref == "7309876543210987654");
    CHECK(x.changes.new_posts[0].published == csv.changes.new_posts[0].published);
}

TEST_CASE("an .xlsx is read a piece at a time, by the ranges the reader asks for") {
    Shop s;
    std::vector<XLine> lines;
    for (int i = 0; i < 3000; ++i) lines.push_back(XLine().set("Order ID", std::to_string(577100000000000000LL + i)));
    const std::string file = xlsx_file(sheet_of(lines));
    xlsx::Limits small;
    small.piece_bytes = 4096;
    OrdersXlsxImport imp(s.p, 0, {}, {}, file.size(), small);
    int pieces = 0;
    for (xlsx::Range r = imp.need(); r.length > 0; r = imp.need()) {
        CHECK(r.length <= 65557u);  // the end of the file first, then small pieces
        REQUIRE(imp.give(std::string_view(file).substr(r.offset, r.length)));
        ++pieces;
    }
    CHECK(pieces > 10);
    CHECK(imp.bytes_read() <= file.size());
    const OrdersImport r = imp.finish();
    REQUIRE_MESSAGE(r.ok(), r.refused);
    CHECK(r.orders == 3000);
    CHECK(r.gmv == doctest::Approx(75000));
}

TEST_CASE("a date cell comes out as YYYY-MM-DD HH:MM:SS in the 1900 and 1904 date systems") {
    CHECK(xlsx::serial_to_datetime(46339.416666666664) == "2026-11-13 10:00:00");
    CHECK(xlsx::serial_to_datetime(1) == "1900-01-01 00:00:00");
    CHECK(xlsx::serial_to_datetime(61) == "1900-03-01 00:00:00");
    CHECK(xlsx::serial_to_datetime(44927.5) == "2023-01-01 12:00:00");
    CHECK(xlsx::serial_to_datetime(44927.5 - 1462, true) == "2023-01-01 12:00:00");
    CHECK(xlsx::serial_to_datetime(-1).empty());
    // A built-in date format (14, m/d/yyyy) marks a date as well; a number format does not.
    XlsxParts p = xlsx_parts({{{"When"}, {"Amount"}}, {{"46339", 'd'}, {"46339", 'd'}}});
    p.styles = "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><cellXfs count=\"2\">"
               "<xf numFmtId=\"14\"/><xf numFmtId=\"4\"/></cellXfs></styleSheet>";
    // Cell A2 style 0 (format 14, a date), B2 style 1 (format 4, #,##0.00).
    const std::string from = "<c r=\"A2\" s=\"1\">";
    p.sheet.replace(p.sheet.find(from), from.size(), "<c r=\"A2\" s=\"0\">");
    const xlsx::Table t = xlsx::read_all(zip(xlsx_entries(p)));
    REQUIRE_MESSAGE(t.ok(), t.error);
    CHECK(t.rows[1] == std::vector<std::string>{"2026-11-13 00:00:00", "46339"});
}

TEST_CASE("a sheet of only the header row is refused: no orders") {
    CHECK(has(refusal(xlsx_file(sheet_of({}))), "no rows under it"));
}

TEST_CASE("an old .xls or a password-protected workbook (an OLE file) is told apart by its first bytes") {
    const std::string ole = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0');
    CHECK(xlsx::looks_like_ole(ole));
    CHECK_FALSE(xlsx::looks_like_zip(ole));
    CHECK(xlsx::looks_like_zip(xlsx_file(sheet_of({XLine()}))));
    CHECK(has(xlsx::kOleMessage, "old .xls or password-protected workbook; save it as .xlsx"));
    // Read as a zip anyway, it has no zip directory.
    CHECK(has(refusal(ole), "no zip directory"));
}

TEST_CASE("a zip that is not a workbook, or is truncated, is refused") {
    CHECK(has(refusal(zip({{"notes.txt", "hello"}})), "not an Excel workbook"));
    CHECK(has(refusal(zip({{"word/document.xml", "<w/>"}})), "Office document but not an Excel workbook"));
    const std::string file = xlsx_file(sheet_of({XLine()}));
    CHECK(has(refusal(file.substr(0, file.size() / 2)), "no zip directory"));
    CHECK(has(refusal("PK"), "too short"));
    // A workbook whose sheet entry is missing.
    XlsxParts p = xlsx_parts(sheet_of({XLine()}));
    p.sheet_path = "xl/worksheets/other.xml";
    CHECK(has(refusal(zip(xlsx_entries(p))), "\"Sheet1\""));
}

TEST_CASE("an encrypted entry is refused") {
    std::vector<ZipEntry> e = xlsx_entries(xlsx_parts(sheet_of({XLine()})));
    e.back().flags = 1;
    CHECK(has(refusal(zip(e)), "encrypted"));
}

TEST_CASE("a sheet that would inflate past 2 GB, or 1,000 times its size, or past its stated size, is refused unread") {
    const XlsxParts p = xlsx_parts(sheet_of({XLine()}));
    {
        // Its directory says 3 GB.
        std::vector<ZipEntry> e = xlsx_entries(p);
        e.back().stated_size = 3000000000;
        CHECK(has(refusal(zip(e)), "more than the 2,048 MB an entry may"));
    }
    {
        // 64 MB of the same byte deflates to about 64 KB: a ratio of about 1,000.
        std::vector<ZipEntry> e = xlsx_entries(p);
        e.back().data = p.sheet.substr(0, p.sheet.size() - 25) + std::string(64u << 20, ' ') + "</sheetData></worksheet>";
        e.back().level = Z_BEST_COMPRESSION;
        const std::string why = refusal(zip(e));
        CHECK_MESSAGE(has(why, "zip bomb"), why);
    }
    {
        // It says 100 bytes and inflates to more.
        std::vector<ZipEntry> e = xlsx_entries(p);
        e.back().stated_size = 100;
        CHECK(has(refusal(zip(e)), "inflates past the 100 bytes its zip directory states"));
    }
    {
        // A smaller limit, to see it work on a real sheet: every entry over 1 KB refused.
        xlsx::Limits tiny;
        tiny.max_inflated = 1024;
        const OrdersImport r = import_orders_xlsx(Shop().p, zip(xlsx_entries(p)), {}, 0, {}, tiny);
        CHECK(has(r.refused, "more than the 1 MB an entry may"));
    }
}

TEST_CASE("XML with a DOCTYPE or entity declarations is refused before anything expands") {
    XlsxParts p = xlsx_parts(sheet_of({XLine()}));
    p.shared = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
               "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&lol2;</t></si></sst>";
    CHECK(has(refusal(zip(xlsx_entries(p))), "xl/sharedStrings.xml declares a DOCTYPE"));
    XlsxParts q = xlsx_parts(sheet_of({XLine()}));
    q.sheet = q.sheet.substr(0, q.sheet.size() - 10);  // cut in the middle of a tag
    CHECK(has(refusal(zip(xlsx_entries(q))), "xl/worksheets/sheet1.xml is not well-formed XML"));
}

TEST_CASE("a cell naming a shared string the workbook lacks, or past column XFD, is refused with where it is") {
    XlsxParts p = xlsx_parts(sheet_of({XLine()}));
    const std::string from = "<c r=\"A2\" t=\"s\"><v>30</v>";
    REQUIRE(has(p.sheet, from));
    p.sheet.replace(p.sheet.find(from), from.size(), "<c r=\"A2\" t=\"s\"><v>999</v>");
    CHECK(has(refusal(zip(xlsx_entries(p))), "cell A2: shared string 999 does not exist"));
    XlsxParts q = xlsx_parts(sheet_of({XLine()}));
    q.sheet.replace(q.sheet.find("<c r=\"A2\""), 9, "<c r=\"XFE2\"");
    CHECK(has(refusal(zip(xlsx_entries(q))), "past column XFD"));
}

TEST_CASE("a header without a required column goes to the column mapping, as for a CSV") {
    std::vector<std::vector<XCell>> rows = sheet_of({XLine()});
    rows[0][11] = {"Affiliate"};  // Creator Username renamed
    const OrdersImport r = import_orders_xlsx(Shop().p, xlsx_file(rows));
    CHECK(has(r.refused, "has no \"Creator Username\" column"));
    ColumnMapping m;
    m[OrderField::creator_username] = "Affiliate";
    const OrdersImport mapped = import_orders_xlsx(Shop().p, xlsx_file(rows), m);
    REQUIRE_MESSAGE(mapped.ok(), mapped.refused);
    CHECK(mapped.orders == 1);
}
