// What the importers of TikTok Shop exports share about cells (docs/rules.md, section 7): the
// invisible characters trimmed around them, header keys, the placeholders that mean "no value",
// amounts and rates as each market writes them, counts, the day a cell starts with. Used by the
// orders, video performance and creator list importers alike, so that a trap handled for one
// export is handled for all.
#pragma once
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date.hpp"

namespace sr::cells {

// The length of the invisible character that starts s[i..], 0 when none: a space, a tab or a
// line break, or in UTF-8 a no-break space (U+00A0), a narrow no-break space (U+202F), a
// zero-width space (U+200B), an ideographic space (U+3000) or a byte-order mark (U+FEFF), which
// exports and spreadsheets put around cells and in headers. ASCII is decided inline (every cell
// is trimmed, a million rows at a time); the rest is looked at only for a byte above 0xC1.
inline size_t wide_blank_at(std::string_view s, size_t i) {
    const std::string_view t = s.substr(i, 3);
    if (t.substr(0, 2) == "\xC2\xA0") return 2;
    return t == "\xE2\x80\xAF" || t == "\xE2\x80\x8B" || t == "\xE3\x80\x80" || t == "\xEF\xBB\xBF" ? 3 : 0;
}
inline size_t blank_at(std::string_view s, size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    return c >= 0xC2 ? wide_blank_at(s, i) : 0;
}
// The same for the character that ends s[..e).
inline size_t blank_before(std::string_view s, size_t e) {
    const auto c = static_cast<unsigned char>(s[e - 1]);
    if (c < 0x80) return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    if (e >= 2 && wide_blank_at(s, e - 2) == 2) return 2;
    if (e >= 3 && wide_blank_at(s, e - 3) == 3) return 3;
    return 0;
}

// The cell without the invisible characters around it. Most cells have none, as their first and
// last bytes show without a loop.
inline std::string_view trim_around(std::string_view s) {
    size_t b = 0, e = s.size();
    for (size_t n; b < e && (n = blank_at(s, b)) > 0;) b += n;
    for (size_t n; e > b && (n = blank_before(s, e)) > 0;) e -= n;
    return s.substr(b, e - b);
}
inline std::string_view trim_view(std::string_view s) {
    if (s.empty()) return s;
    const auto first = static_cast<unsigned char>(s.front()), last = static_cast<unsigned char>(s.back());
    return first > ' ' && last > ' ' && first < 0xC2 && last < 0x80 ? s : trim_around(s);
}


inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
// Digits only, at least one (a TikTok video id).
inline bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!is_digit(c)) return false;
    return true;
}

inline char lower_char(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Reads the next character of a text's key (header_key) from s[i..]: false at the end.
bool next_key_char(std::string_view s, size_t& i, char& out);
// Whether a text's key is `key` (already a key), or begins with it with `prefix`.
bool key_is(std::string_view text, std::string_view key, bool prefix = false);
bool key_is_any(std::string_view text, const std::vector<std::string>& keys);
// At most n bytes of s, cut before a character rather than inside one.
std::string clip(std::string_view s, size_t n);
// "/", "-", "--", "N/A", an em or en dash, "<5": a cell that has no value (never 0). `s` is
// trimmed and not empty.
bool no_value_text(std::string_view s);  // no_value() of a cell that starts like a placeholder
inline bool no_value(std::string_view s) {
    // Decided by the first byte for nearly every cell (it is asked of every short one).
    switch (s[0]) {
        case '/': case '-': case '<': case 'N': case 'n': case '\xE2': return no_value_text(s);
        default: return false;
    }
}
// An id a spreadsheet turned into a number and wrote back rounded: "5.77123E+20".
bool rounded_number_text(std::string_view s);  // rounded_number() of "d." / "d," / "dE" ...
inline bool rounded_number(std::string_view s) {
    return s.size() >= 3 && is_digit(s[0]) && (s[1] == '.' || s[1] == ',' || s[1] == 'E' || s[1] == 'e') && rounded_number_text(s);
}
// Words with a space between them, as a sentence describing a column is and an id never is.
bool is_prose(std::string_view s);
// ASCII case-insensitive equality, and search for a lower-case needle.
inline bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower_char(a[i]) != lower_char(b[i])) return false;
    return true;
}
bool icontains(std::string_view s, std::string_view lower_needle);
// The handle as normalize_handle() gives it (creators.hpp), as a view: no '@', no spaces.
inline std::string_view handle_view(std::string_view h) {
    size_t b = 0, e = h.size();
    while (b < e && std::isspace(static_cast<unsigned char>(h[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(h[e - 1]))) --e;
    if (b < e && h[b] == '@') ++b;
    return h.substr(b, e - b);
}
// Digits with at most one '.', as a double (correctly rounded).
double decimal_value(const char* s, size_t n);
// Currencies written without a minor unit (VND, IDR, JPY, KRW).
bool whole_units(std::string_view code);

// How the program's amounts read: its currency, and whether that has a minor unit.
struct MoneyRules {
    std::string currency;
    bool whole;
    explicit MoneyRules(std::string_view code) : currency(code), whole(whole_units(code)) {}
};

// The currency a sign or code beside an amount names ("₫" VND, "RM" MYR, "USD"); empty for none
// or several ("$").
std::string_view currency_named(std::string_view side);
// The digits of a number written with separators ("1,234.56", "10.000.000", "1 234,56") as
// "1234.56" in buf (at least 48 bytes), n its length.
bool read_number(std::string_view t, bool whole, char* buf, size_t& n);
// "$1,234.50", "RM7,988.80", "10.000.000 ₫": an amount >= 0 in the program's currency; else
// false and `why` ("is not a number", "is negative", "is in MYR, not the program's USD").
bool parse_amount(std::string_view s, double& out, std::string& why, const MoneyRules& money);
// "10%", "5.93%", "3,5 %", "10": a rate as a fraction (0.1); over 100 % refused.
bool parse_rate(std::string_view s, double& out, std::string& why);
// A whole number of at most nine digits, no separators.
inline bool parse_count(std::string_view s, int64_t& out) {
    s = trim_view(s);
    if (s.empty() || s.size() > 9) return false;
    int64_t v = 0;
    for (char c : s) {
        if (!is_digit(c)) return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}
// A count as the exports write them, thousands grouped or not: "1,234", "1.234", "1 234",
// "12345" (up to 10^15); "12.5" and "1.2K" are not counts.
bool parse_whole(std::string_view s, int64_t& out);

// The date that starts a cell: year first (year, month, day) or year last (the first two
// numbers in an order the file decides).
struct DayText {
    int year = 0, first = 0, second = 0;
    bool year_first = false;
};
std::optional<DayText> read_day(std::string_view s);
// A day that exists, as a Date.
std::optional<Date> civil(int y, int m, int d);
// The date part of a cell, for a message: "03/04/2026" of "03/04/2026 10:00:00".
std::string date_part(std::string_view s);
// Money rounded to the cent.
double cents(double v);
// A cell quoted for a message, cut to 60 bytes.
std::string in_quotes(std::string_view s);

}  // namespace sr::cells
