#include "import_cells.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace sr::cells {

// Reads the next character of a text's key (header_key) from s[i..]: false at the end.
bool next_key_char(std::string_view s, size_t& i, char& out) {
    while (i < s.size()) {
        if (const size_t n = blank_at(s, i)) {
            i += n;
            continue;
        }
        const char c = s[i++];
        if (c == '_' || c == '-' || c == '.') continue;
        out = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        return true;
    }
    return false;
}

// Whether a text's key is `key` (already a key), or begins with it: without making the text's
// key, row by row.
bool key_is(std::string_view text, std::string_view key, bool prefix) {
    size_t i = 0, k = 0;
    char c;
    while (next_key_char(text, i, c)) {
        if (k == key.size()) return prefix;
        if (c != key[k++]) return false;
    }
    return k == key.size();
}
bool key_is_any(std::string_view text, const std::vector<std::string>& keys) {
    for (const std::string& k : keys)
        if (key_is(text, k)) return true;
    return false;
}

// At most n bytes of s, cut before a character rather than inside one.
std::string clip(std::string_view s, size_t n) {
    if (s.size() <= n) return std::string(s);
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return std::string(s.substr(0, n));
}

// What a cell holds where a column has no value: "/", "-", "--", "N/A", an em or en dash, or
// "<" and a number (TikTok's "fewer than 5", a count too small to show).
bool no_value_text(std::string_view s) {
    if (s == "/" || s == "-" || s == "--" || s == "\xE2\x80\x94" || s == "\xE2\x80\x93") return true;
    if (s.size() == 3 && (s[0] == 'N' || s[0] == 'n') && s[1] == '/' && (s[2] == 'A' || s[2] == 'a')) return true;
    if (s[0] != '<' || s.size() < 2) return false;
    for (char c : s.substr(1))
        if (c < '0' || c > '9') return false;
    return true;
}

// An id a spreadsheet turned into a number and wrote back rounded: "5.77123E+20", "5,77E+20".
// Ids are all digits, so the second byte decides almost every cell at once.
bool rounded_number_text(std::string_view s) {
    size_t i = 1;
    if (s[1] == '.' || s[1] == ',')
        for (++i; i < s.size() && is_digit(s[i]);) ++i;
    if (i + 1 >= s.size() || (s[i] != 'E' && s[i] != 'e')) return false;
    ++i;
    if (s[i] == '+') ++i;
    if (i == s.size()) return false;
    for (; i < s.size(); ++i)
        if (!is_digit(s[i])) return false;
    return true;
}

// Words with a space between them, as a sentence describing a column is and an id never is.
bool is_prose(std::string_view s) {
    bool letter = false, space = false;
    for (char c : s) {
        letter = letter || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
        space = space || c == ' ';
    }
    return letter && space;
}

// ASCII case-insensitive equality and search, without making lower-case copies (row by row,
// a million times).
bool icontains(std::string_view s, std::string_view lower_needle) {
    for (size_t i = 0; i + lower_needle.size() <= s.size(); ++i)
        if (iequals(s.substr(i, lower_needle.size()), lower_needle)) return true;
    return false;
}

// The handle as normalize_handle() gives it (creators.hpp), as a view: no '@', no spaces.

namespace {
constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
}  // namespace


// Digits with at most one '.' and few enough of them to be exact: the integer over a power of
// ten, one correctly rounded division, so the same double strtod gives. Anything else: strtod.
double decimal_value(const char* s, size_t n) {
    uint64_t m = 0;
    int digits = 0, frac = -1;
    for (size_t i = 0; i < n; ++i) {
        if (s[i] == '.') {
            frac = 0;
            continue;
        }
        m = m * 10 + static_cast<uint64_t>(s[i] - '0');
        if (m != 0) ++digits;
        if (frac >= 0) ++frac;
    }
    if (digits > 15 || frac > 22) return std::strtod(s, nullptr);
    return static_cast<double>(m) / kPow10[frac < 0 ? 0 : frac];
}

// Currencies written without a minor unit: "10.000.000 ₫" is ten million dong.
bool whole_units(std::string_view code) {
    for (std::string_view c : {"VND", "IDR", "JPY", "KRW"})
        if (iequals(code, c)) return true;
    return false;
}


// The currency a symbol or code beside an amount names: a sign that is one currency's, or three
// capital letters. Empty when it names none (or several: "$", "¥").
std::string_view currency_named(std::string_view side) {
    size_t b = 0, e = side.size();
    for (size_t n; b < e && ((n = blank_at(side, b)) > 0 || side[b] == '.');) b += n ? n : 1;
    for (size_t n; e > b && ((n = blank_before(side, e)) > 0 || side[e - 1] == '.');) e -= n ? n : 1;
    side = side.substr(b, e - b);
    static constexpr std::pair<std::string_view, std::string_view> kSigns[] = {
        {"\xE2\x82\xAB", "VND"}, {"\xC4\x91", "VND"}, {"VN\xC4\x90", "VND"}, {"Rp", "IDR"}, {"RM", "MYR"},
        {"\xE0\xB8\xBF", "THB"}, {"\xC2\xA3", "GBP"}, {"\xE2\x82\xAC", "EUR"}, {"\xE2\x82\xB1", "PHP"},
        {"S$", "SGD"}, {"US$", "USD"}, {"\xE2\x82\xA9", "KRW"}};
    for (const auto& [sign, code] : kSigns)
        if (side == sign) return code;
    if (side.size() == 3 && std::all_of(side.begin(), side.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return side;
    return {};
}

// The digits of a number written with separators, as "1234.56" in buf (n bytes): "1,234.56",
// "1.234,56", "10.000.000", "1 234,56", "12,50". One separator of '.' or ',' may be the decimal
// one, the last; the others group thousands and must be of one kind (spaces and apostrophes
// are one kind), with groups of three digits after a first group of one to three. Which
// separator is decimal:
// - '.' and ',' both there: the last, if its kind appears once;
// - one kind, more than once: none (thousands);
// - once, with exactly three digits after it and not after a lone 0: thousands when it is a
//   ',' or the currency has no minor unit ("1,234", "Rp 1.234"); else decimal ("1.234" in
//   dollars, "12,50", "0,500").
bool read_number(std::string_view t, bool whole, char* buf, size_t& n) {
    struct Group {
        size_t at, len;
        char sep;  // the separator before it: '.', ',', ' ' (spaces, apostrophes) or 0
    };
    Group groups[24];
    size_t count = 0;
    char pending = 0;
    for (size_t i = 0; i < t.size();) {
        const char c = t[i];
        if (is_digit(c)) {
            size_t j = i;
            while (j < t.size() && is_digit(t[j])) ++j;
            if (count == 24) return false;
            groups[count++] = {i, j - i, pending};
            pending = 0;
            i = j;
            continue;
        }
        if (pending) return false;  // two separators in a row
        size_t w = 1;
        if (c == '.' || c == ',') pending = c;
        else if (c == '\'' || (w = blank_at(t, i)) > 0 || t.substr(i, 3) == "\xE2\x80\x99") {
            pending = ' ';
            w = w ? w : c == '\'' ? 1 : 3;
        } else {
            return false;
        }
        if (count == 0 && pending == ' ') return false;
        i += w;
    }
    if (pending || count == 0) return false;
    size_t dots = 0, commas = 0;
    for (size_t g = 0; g < count; ++g) dots += groups[g].sep == '.', commas += groups[g].sep == ',';
    const Group& last = groups[count - 1];
    bool decimal = false;  // whether the last separator is the decimal one
    if (last.sep == '.' || last.sep == ',') {
        const size_t kind = last.sep == '.' ? dots : commas;
        if (dots && commas) {
            if (kind != 1) return false;
            decimal = true;
        } else if (kind == 1) {
            const bool lone_zero = count == 2 && groups[0].len == 1 && t[groups[0].at] == '0';
            decimal = count == 1 || last.len != 3 || lone_zero || !(last.sep == ',' || whole);
        }
    }
    const size_t whole_groups = decimal ? count - 1 : count;
    if (groups[0].sep != 0 && !(decimal && count == 1)) return false;  // ".5" only
    char thousands = 0;
    for (size_t g = 1; g < whole_groups; ++g) {
        if (thousands && groups[g].sep != thousands) return false;
        thousands = groups[g].sep;
        if (groups[g].len != 3 || groups[0].len > 3) return false;
    }
    n = 0;
    for (size_t g = 0; g < count; ++g) {
        if (decimal && g == count - 1) buf[n++] = '.';
        if (n + groups[g].len > 46) return false;
        std::memcpy(buf + n, t.data() + groups[g].at, groups[g].len);
        n += groups[g].len;
    }
    buf[n] = 0;
    return true;
}

// "$1,234.50", "1234.5", "USD 12.00", "RM7,988.80", "10.000.000 ₫", "1.234,56 €": a money
// amount >= 0 in the program's currency. Refuses negatives, another currency named beside the
// number, and anything that is not one number.
bool parse_amount(std::string_view s, double& out, std::string& why, const MoneyRules& money) {
    s = trim_view(s);
    // The usual form, "23.40": at most 15 digits with a '.' between them, read in one pass with
    // the same result as below (where "1.234" is a thousand and more in a currency with no
    // minor unit).
    if (!s.empty() && s.size() <= 15 && is_digit(s.front()) && is_digit(s.back())) {
        uint64_t m = 0;
        int frac = -1;
        bool plain = true;
        for (char c : s) {
            if (is_digit(c)) {
                m = m * 10 + static_cast<uint64_t>(c - '0');
                if (frac >= 0) ++frac;
            } else if (c == '.' && frac < 0) {
                frac = 0;
            } else {
                plain = false;
                break;
            }
        }
        if (plain && !(money.whole && frac == 3)) {
            const double v = static_cast<double>(m) / kPow10[frac < 0 ? 0 : frac];
            if (v <= 1e12) {
                out = v;
                return true;
            }
        }
    }
    // The number runs from the first digit (or a separator just before one) to the last digit;
    // around it, a currency sign or code, and a sign.
    size_t b = 0;
    while (b < s.size() && !is_digit(s[b]) && !((s[b] == '.' || s[b] == ',') && b + 1 < s.size() && is_digit(s[b + 1]))) ++b;
    size_t e = s.size();
    while (e > b && !is_digit(s[e - 1])) --e;
    if (b == e) {
        why = "is not a number";
        return false;
    }
    const std::string_view before = s.substr(0, b), after = s.substr(e);
    if (before.find_first_of("-(") != std::string_view::npos || before.find("\xE2\x88\x92") != std::string_view::npos ||
        after.find('-') != std::string_view::npos) {
        why = "is negative";
        return false;
    }
    for (std::string_view side : {before, after}) {
        const std::string_view named = currency_named(side);
        if (!named.empty() && !iequals(named, money.currency)) {
            why = "is in " + std::string(named) + ", not the program's " + money.currency;
            return false;
        }
    }
    const bool whole = money.whole || whole_units(currency_named(before)) || whole_units(currency_named(after));
    char buf[48];
    size_t n = 0;
    if (e - b > 40 || !read_number(s.substr(b, e - b), whole, buf, n)) {
        why = "is not a number";
        return false;
    }
    const double v = decimal_value(buf, n);
    if (!std::isfinite(v) || v > 1e12) {
        why = "is out of range";
        return false;
    }
    out = v;
    return true;
}

// "10%", "5.93%", "3,5 %", "10": a commission rate as a fraction (0.1). A number without '%' is
// read as a percentage too, as the export writes them.
bool parse_rate(std::string_view s, double& out, std::string& why) {
    s = trim_view(s);
    if (!s.empty() && s.back() == '%') s = trim_view(s.substr(0, s.size() - 1));
    char buf[48];
    size_t n = 0;
    if (!s.empty() && s.front() == '-') {
        why = "is negative";
        return false;
    }
    if (s.empty() || s.size() > 40 || !is_digit(s.back()) || !read_number(s, false, buf, n)) {
        why = "is not a rate";
        return false;
    }
    const double v = decimal_value(buf, n);
    if (v > 100) {
        why = "is over 100 %";
        return false;
    }
    out = v / 100;
    return true;
}


bool parse_whole(std::string_view s, int64_t& out) {
    s = trim_view(s);
    if (s.empty() || s.size() > 40 || !is_digit(s.front()) || !is_digit(s.back())) return false;
    char buf[48];
    size_t n = 0;
    if (!read_number(s, true, buf, n)) return false;
    if (n > 15) return false;
    int64_t v = 0;
    for (size_t i = 0; i < n; ++i) {
        if (!is_digit(buf[i])) return false;  // a decimal point: not a count
        v = v * 10 + (buf[i] - '0');
    }
    out = v;
    return true;
}

// The date that starts a cell: "2026-11-13 10:00:00", "2026/11/13", "13/11/2026 10:00:00",
// "11/13/2026 2:22 PM", "13.11.2026". Year first, the order is year, month, day; year last, the
// first two numbers are the day and the month in an order the file decides (DateReading).
std::optional<DayText> read_day(std::string_view s) {
    int v[3] = {0, 0, 0};
    size_t len[3] = {0, 0, 0};
    char seps[2] = {0, 0};
    size_t i = 0;
    for (int k = 0; k < 3; ++k) {
        while (i < s.size() && is_digit(s[i]) && len[k] < 5) v[k] = v[k] * 10 + (s[i++] - '0'), ++len[k];
        if (len[k] == 0 || len[k] > 4) return std::nullopt;
        if (k == 2) break;
        if (i == s.size() || !(s[i] == '-' || s[i] == '/' || s[i] == '.')) return std::nullopt;
        seps[k] = s[i++];
    }
    if (seps[0] != seps[1]) return std::nullopt;
    if (len[0] == 4 && len[1] <= 2 && len[2] <= 2) return DayText{v[0], v[1], v[2], true};
    if (len[2] == 4 && len[0] <= 2 && len[1] <= 2) return DayText{v[2], v[0], v[1], false};
    return std::nullopt;
}

// A day that exists, as a Date.
std::optional<Date> civil(int y, int m, int d) {
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    const char t[10] = {static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                        static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10), '-',
                        static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '-',
                        static_cast<char>('0' + d / 10), static_cast<char>('0' + d % 10)};
    return Date::parse(std::string_view(t, 10));
}

// The date part of a cell, for a message: "03/04/2026" of "03/04/2026 10:00:00".
std::string date_part(std::string_view s) {
    size_t n = 0;
    while (n < s.size() && n < 10 && s[n] != ' ' && s[n] != 'T') ++n;
    return std::string(s.substr(0, n));
}

double cents(double v) { return std::round(v * 100.0) / 100.0; }

std::string in_quotes(std::string_view s) {
    std::string out = "\"";
    out += clip(s, 60);
    if (s.size() > 60) out += "...";
    return out + "\"";
}
}  // namespace sr::cells
