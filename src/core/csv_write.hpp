// RFC 4180 CSV, written: the exported tables (roster, products, samples, performance, Spark
// Codes, a creator's records) as a spreadsheet opens them.
//
// - Fields separated by ',', records ended by CRLF.
// - A field holding a comma, a double quote, CR or LF is quoted, its quotes doubled.
// - UTF-8 as stored; optionally a byte-order mark first, so spreadsheet apps read accents
//   and emoji as UTF-8 rather than as the system's legacy code page.
// - Formula injection guard: a text cell that starts with '=', '+', '-', '@', a tab or CR
//   gets a leading apostrophe, so a spreadsheet shows it as text instead of running it.
//   Number cells are written as digits and never guarded (a negative margin stays a number).
//
// sr::csv::Reader (csv.hpp) reads what this writes back field for field; the guard's
// apostrophe is part of the field.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sr::csv {

// One exported value: text (guarded against formulas), a number written as plain digits
// ("1240", "-35.5", "1234.50"), or nothing.
struct Cell {
    enum class Kind : uint8_t { empty, text, number };
    Kind kind = Kind::empty;
    std::string value;  // the text, or the number's digits

    static Cell none() { return Cell{}; }
    static Cell text(std::string s) { return Cell{Kind::text, std::move(s)}; }
    static Cell integer(int64_t v);
    // At most `decimals` digits after the point, trailing zeros dropped ("0.6", "12", "-3.25").
    // Not-a-number and infinities are written as an empty cell.
    static Cell number(double v, int decimals = 6);
    // Money: exactly two decimals ("1234.50", "-12.00"), no currency sign, no separators.
    static Cell money(double v);
};

// A text cell's value with the formula guard applied ("=1+1" -> "'=1+1").
std::string guard_formula(std::string_view text);
// One field as it stands in the file: quoted when it must be.
std::string quote_field(std::string_view field);

class Writer {
public:
    explicit Writer(bool byte_order_mark = false);
    // A header row: every name is text.
    void header(const std::vector<std::string>& names);
    void row(const std::vector<Cell>& cells);
    const std::string& text() const { return out_; }
    size_t rows() const { return rows_; }

private:
    void field(std::string_view value, bool first);
    std::string out_;
    size_t rows_ = 0;
};

}  // namespace sr::csv
