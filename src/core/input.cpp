#include "input.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace sr {

namespace {

// Keeps sign, digits and one dot; drops spaces, thousands commas and a leading '$'.
// False when anything else is there.
bool clean(std::string_view t, std::string& out, bool allow_percent, bool& had_percent) {
    out.clear();
    had_percent = false;
    size_t b = 0, e = t.size();
    while (b < e && std::isspace(static_cast<unsigned char>(t[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(t[e - 1]))) --e;
    if (allow_percent && e > b && t[e - 1] == '%') {
        had_percent = true;
        --e;
    }
    bool dot = false, digit = false;
    for (size_t i = b; i < e; ++i) {
        const char ch = t[i];
        if (ch == ' ' || ch == ',') continue;
        if (ch == '$' && !digit && !dot) continue;
        if ((ch == '-' || ch == '+') && out.empty()) {
            out.push_back(ch);
            continue;
        }
        if (ch == '.') {
            if (dot) return false;
            dot = true;
            out.push_back(ch);
            continue;
        }
        if (ch < '0' || ch > '9') return false;
        digit = true;
        out.push_back(ch);
    }
    return digit;
}

}  // namespace

std::optional<double> parse_number(std::string_view text) {
    std::string s;
    bool pct = false;
    if (!clean(text, s, false, pct)) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::optional<double> parse_percent(std::string_view text) {
    std::string s;
    bool pct = false;
    if (!clean(text, s, true, pct)) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v / 100.0;
}

std::optional<long long> parse_whole(std::string_view text) {
    std::string s;
    bool pct = false;
    if (!clean(text, s, false, pct) || s.find('.') != std::string::npos) return std::nullopt;
    if (s.size() > 18) return std::nullopt;
    return std::strtoll(s.c_str(), nullptr, 10);
}

namespace {
std::string trimmed(std::string_view t) {
    size_t b = 0, e = t.size();
    while (b < e && std::isspace(static_cast<unsigned char>(t[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(t[e - 1]))) --e;
    return std::string(t.substr(b, e - b));
}
}  // namespace

bool read_count(std::string_view text, int64_t& out, std::string& why, const char* what) {
    const std::string t = trimmed(text);
    if (t.empty()) {
        out = 0;
        return true;
    }
    const auto v = parse_whole(t);
    if (!v || *v < 0) {
        why = std::string(what) + " must be a whole number of 0 or more ('" + t + "' is not).";
        return false;
    }
    out = *v;
    return true;
}

bool read_amount(std::string_view text, double& out, std::string& why, const char* what) {
    const std::string t = trimmed(text);
    if (t.empty()) {
        out = 0;
        return true;
    }
    const auto v = parse_number(t);
    if (!v || *v < 0) {
        why = std::string(what) + " must be an amount of 0 or more ('" + t + "' is not).";
        return false;
    }
    out = std::round(*v * 100.0) / 100.0;
    return true;
}

bool read_date(std::string_view text, std::optional<Date>& out, std::string& why, bool required) {
    const std::string t = trimmed(text);
    if (t.empty()) {
        out.reset();
        if (required) why = "A date is required (YYYY-MM-DD).";
        return !required;
    }
    out = Date::parse(t);
    if (!out) why = "'" + t + "' is not a date: write it as YYYY-MM-DD.";
    return out.has_value();
}

std::string number_text(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return s;
}

std::string percent_text(double fraction, int decimals) { return number_text(fraction * 100.0, decimals); }

}  // namespace sr
