// RFC 4180 reading: quoting, line endings, byte-order mark, UTF-8, chunked input.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/csv.hpp"

using namespace sr;
using Rows = std::vector<std::vector<std::string>>;

namespace {

// Feeds the text in pieces of `step` bytes.
csv::Table read_chunked(const std::string& text, size_t step, char separator = ',') {
    csv::Table t;
    csv::Reader r(
        [&t](const csv::Record& rec) {
            t.rows.emplace_back(rec.fields.begin(), rec.fields.end());
            return true;
        },
        1 << 20, separator);
    for (size_t i = 0; i < text.size(); i += step)
        if (!r.feed(std::string_view(text).substr(i, step))) break;
    if (!r.failed()) r.finish();
    if (r.failed()) t.error = r.error();
    return t;
}

}  // namespace

TEST_CASE("quoted fields hold commas, doubled quotes and line breaks") {
    const csv::Table t = csv::read_all("a,\"b, c\",\"say \"\"hi\"\"\"\n\"two\nlines\",,x\n");
    REQUIRE(t.ok());
    CHECK(t.rows == Rows{{"a", "b, c", "say \"hi\""}, {"two\nlines", "", "x"}});
}

TEST_CASE("CRLF, LF and a lone CR all end a record; the last line break is optional") {
    const Rows want{{"a", "b"}, {"c", "d"}};
    CHECK(csv::read_all("a,b\r\nc,d\r\n").rows == want);
    CHECK(csv::read_all("a,b\nc,d\n").rows == want);
    CHECK(csv::read_all("a,b\rc,d").rows == want);
    CHECK(csv::read_all("a,b\nc,d").rows == want);
}

TEST_CASE("a byte-order mark is skipped, and only at the start") {
    const csv::Table t = csv::read_all("\xEF\xBB\xBFOrder ID,x\n1,\xEF\xBB\xBF\n");
    REQUIRE(t.ok());
    CHECK(t.rows[0][0] == "Order ID");
    CHECK(t.rows[1][1] == "\xEF\xBB\xBF");
}

TEST_CASE("blank lines are skipped but empty fields are kept") {
    CHECK(csv::read_all("a\n\n\nb\n\n").rows == Rows{{"a"}, {"b"}});
    CHECK(csv::read_all("a,\n,\n").rows == Rows{{"a", ""}, {"", ""}});
    CHECK(csv::read_all("\"\"\n").rows == Rows{{""}});
}

TEST_CASE("a quote never closed is refused with the line it opened on") {
    const csv::Table t = csv::read_all("h1,h2\nok,fine\nbad,\"never closed\nmore text\n");
    REQUIRE_FALSE(t.ok());
    CHECK(t.error.line == 3);
    CHECK(t.error.message.find("line 3") != std::string::npos);
    CHECK(t.error.message.find("never closed") != std::string::npos);
}

TEST_CASE("invalid UTF-8 is refused with its row and column") {
    const csv::Table t = csv::read_all("a,b,c\nx,y,caf\xE9\n");
    REQUIRE_FALSE(t.ok());
    CHECK(t.error.row == 2);
    CHECK(t.error.column == 3);
    CHECK(t.error.message.find("row 2, column 3") != std::string::npos);
    // Overlong forms, surrogates and bytes above U+10FFFF are not UTF-8 either.
    CHECK_FALSE(csv::valid_utf8("\xC0\xAF"));
    CHECK_FALSE(csv::valid_utf8("\xED\xA0\x80"));
    CHECK_FALSE(csv::valid_utf8("\xF4\x90\x80\x80"));
    CHECK_FALSE(csv::valid_utf8("ab\xE2\x82"));  // cut short
    CHECK(csv::valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
}

TEST_CASE("a record longer than the limit is refused rather than read forever") {
    std::string text = "a,\"";
    text += std::string(3000, 'x');
    csv::Reader r([](const csv::Record&) { return true; }, 1024);
    CHECK_FALSE(r.feed(text));
    CHECK(r.error().message.find("closing quote") != std::string::npos);
}

TEST_CASE("feeding the bytes in any chunk size reads the same records") {
    const std::string text =
        "\xEF\xBB\xBF" "Order ID,Name,Note\r\n1,\"Serum, 30 ml\",\"line one\r\nline \"\"two\"\"\"\r\n2,Caf\xC3\xA9,\r\n\r\n3,x,\"\"\r\n";
    const csv::Table whole = csv::read_all(text);
    REQUIRE(whole.ok());
    REQUIRE(whole.rows.size() == 4);
    CHECK(whole.rows[1][2] == "line one\r\nline \"two\"");
    for (size_t step : {1, 2, 3, 5, 7, 64})
        CHECK(read_chunked(text, step).rows == whole.rows);
}

TEST_CASE("records report their row and the line they start on") {
    std::vector<std::pair<int64_t, int64_t>> seen;
    csv::Reader r([&](const csv::Record& rec) {
        seen.emplace_back(rec.row, rec.line);
        return true;
    });
    r.feed("h\n\"a\nb\"\nc\r\nd");
    r.finish();
    CHECK(seen == std::vector<std::pair<int64_t, int64_t>>{{1, 1}, {2, 2}, {3, 4}, {4, 5}});
}

TEST_CASE("the separator is the one the first line uses most: comma, tab or semicolon") {
    // Tab: the header has two tabs and no comma outside quotes; the comma in "a,b" is text.
    const std::string tabs = "\xEF\xBB\xBF\n\"Order ID\"\tName\t\"a,b\"\r\n577123456789012345678\tSerum, 30 ml\t\"x\ty\"\r\n";
    const Rows want_tabs = {{"Order ID", "Name", "a,b"}, {"577123456789012345678", "Serum, 30 ml", "x\ty"}};
    for (size_t step : {1, 2, 3, 7, 100}) CHECK(read_chunked(tabs, step, csv::kDetectSeparator).rows == want_tabs);
    // Semicolon (spreadsheets with a decimal comma save these): two semicolons, one comma.
    const std::string semis = "Order ID;Payment Amount;Note, more\n1;1.234,56 \xE2\x82\xAC;x\n";
    const Rows want_semis = {{"Order ID", "Payment Amount", "Note, more"}, {"1", "1.234,56 \xE2\x82\xAC", "x"}};
    for (size_t step : {1, 4, 100}) CHECK(read_chunked(semis, step, csv::kDetectSeparator).rows == want_semis);
    // No separator at all, or as many tabs as commas: a comma.
    CHECK(read_chunked("Order ID\n1\n", 1, csv::kDetectSeparator).rows == Rows{{"Order ID"}, {"1"}});
    CHECK(read_chunked("a,b\tc\n", 3, csv::kDetectSeparator).rows == Rows{{"a", "b\tc"}});
    // A first line with no line break after it decides at the end.
    CHECK(read_chunked("a\tb", 1, csv::kDetectSeparator).rows == Rows{{"a", "b"}});
    csv::Reader r([](const csv::Record&) { return true; }, 1 << 20, csv::kDetectSeparator);
    CHECK(r.separator() == csv::kDetectSeparator);
    r.feed("a\tb\n");
    CHECK(r.separator() == '\t');
}
