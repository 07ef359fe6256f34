// RFC 4180 writing for table exports: quoting, CRLF, the byte-order mark, numbers as digits,
// and the formula-injection guard. Every case reads the written text back with csv::Reader.
#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "core/csv_write.hpp"

using namespace sr;
using Rows = std::vector<std::vector<std::string>>;
using csv::Cell;

TEST_CASE("an exported table reads back field for field: commas, quotes, line breaks, accents, emoji") {
    const Rows table{
        {"Handle", "Name", "Notes"},
        {"mia.lopez", "Lopez, Mia \"The Glow\"", "two\nlines"},
        {"chloe_b", "Chlo\xC3\xA9 B\xC3\xA9rang\xC3\xA8re", "crlf\r\ninside"},
        {"zoe", "Zo\xC3\xAB \xF0\x9F\x8C\xB8\xE2\x9C\xA8", ""},   // Zoë 🌸✨
        {"quote", "\"", "\"\""},
        {"spaces", "  leading and trailing  ", ","},
    };
    csv::Writer w;
    w.header(table[0]);
    for (size_t i = 1; i < table.size(); ++i) {
        std::vector<Cell> cells;
        for (const std::string& s : table[i]) cells.push_back(Cell::text(s));
        w.row(cells);
    }
    const csv::Table back = csv::read_all(w.text());
    REQUIRE(back.ok());
    CHECK(back.rows == table);
}

TEST_CASE("records end with CRLF and only fields that need it are quoted") {
    csv::Writer w;
    w.header({"SKU", "Name"});
    w.row({Cell::text("LS-SER-30"), Cell::text("Serum, 30 ml")});
    w.row({Cell::text("plain"), Cell::text("say \"hi\"")});
    CHECK(w.text() == "SKU,Name\r\nLS-SER-30,\"Serum, 30 ml\"\r\nplain,\"say \"\"hi\"\"\"\r\n");
    CHECK(w.rows() == 3);
}

TEST_CASE("the byte-order mark option starts the file with EF BB BF and the reader skips it") {
    csv::Writer w(true);
    w.header({"Name"});
    w.row({Cell::text("Ren\xC3\xA9")});
    REQUIRE(w.text().size() > 3);
    CHECK(w.text().substr(0, 3) == "\xEF\xBB\xBF");
    const csv::Table back = csv::read_all(w.text());
    REQUIRE(back.ok());
    CHECK(back.rows == Rows{{"Name"}, {"Ren\xC3\xA9"}});
    CHECK(csv::Writer(false).text().empty());
}

TEST_CASE("a text cell starting with = + - @ tab or CR gets a leading apostrophe") {
    csv::Writer w;
    w.row({Cell::text("=HYPERLINK(\"http://x\",\"click\")"), Cell::text("+1"), Cell::text("-2"),
           Cell::text("@SUM(A1)"), Cell::text("\tcmd"), Cell::text("\rcmd")});
    const csv::Table back = csv::read_all(w.text());
    REQUIRE(back.ok());
    REQUIRE(back.rows.size() == 1);
    CHECK(back.rows[0] == std::vector<std::string>{"'=HYPERLINK(\"http://x\",\"click\")", "'+1", "'-2", "'@SUM(A1)",
                                                   "'\tcmd", "'\rcmd"});
    // Only the first character counts: these are left as they are.
    CHECK(csv::guard_formula("a=b") == "a=b");
    CHECK(csv::guard_formula("mia.lopez") == "mia.lopez");
    CHECK(csv::guard_formula("2026-11-22") == "2026-11-22");
    CHECK(csv::guard_formula("") == "");
}

TEST_CASE("numbers are written as plain digits and never guarded, negative ones included") {
    // A margin of -35.50 and a conversion of 0.6 % stay numbers a spreadsheet can add up.
    csv::Writer w;
    w.row({Cell::money(-35.5), Cell::money(1234.5), Cell::integer(1240), Cell::integer(-3), Cell::number(0.6, 4),
           Cell::number(12.0), Cell::number(-0.0001, 2), Cell::none()});
    CHECK(w.text() == "-35.50,1234.50,1240,-3,0.6,12,0,\r\n");
    const csv::Table back = csv::read_all(w.text());
    REQUIRE(back.ok());
    CHECK(back.rows == Rows{{"-35.50", "1234.50", "1240", "-3", "0.6", "12", "0", ""}});
}

TEST_CASE("a number that is not finite is written as an empty cell") {
    CHECK(Cell::number(std::numeric_limits<double>::infinity()).kind == Cell::Kind::empty);
    CHECK(Cell::money(std::numeric_limits<double>::quiet_NaN()).kind == Cell::Kind::empty);
}

TEST_CASE("a record of one empty field survives the round trip") {
    csv::Writer w;
    w.header({"Note"});
    w.row({Cell::text("")});
    w.row({Cell::text("after")});
    const csv::Table back = csv::read_all(w.text());
    REQUIRE(back.ok());
    CHECK(back.rows == Rows{{"Note"}, {""}, {"after"}});
}
