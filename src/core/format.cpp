#include "format.hpp"

#include <cmath>
#include <cstdio>

namespace sr {

std::string fmt_int(int64_t v) {
    const bool neg = v < 0;
    uint64_t u = neg ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    std::string digits = std::to_string(u);
    std::string out;
    out.reserve(digits.size() + digits.size() / 3 + 1);
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return neg ? "-" + out : out;
}

std::string currency_symbol(const std::string& c) {
    if (c == "USD" || c == "CAD" || c == "AUD" || c == "SGD" || c == "MXN") return "$";
    if (c == "EUR") return "\xE2\x82\xAC";
    if (c == "GBP") return "\xC2\xA3";
    if (c == "JPY" || c == "CNY") return "\xC2\xA5";
    return c + " ";
}

std::string fmt_money(double v, const std::string& currency) {
    if (!std::isfinite(v)) return "-";
    const double a = std::fabs(v);
    const auto cents = static_cast<int64_t>(std::llround(a * 100.0));
    const bool neg = v < 0 && cents != 0;  // -0.001 rounds to $0.00, not -$0.00
    const int c = static_cast<int>(cents % 100);
    std::string out = neg ? "-" : "";
    out += currency_symbol(currency);
    out += fmt_int(cents / 100);
    out += '.';
    if (c < 0) {  // beyond the range of cents (llround overflowed): as printf writes it
        char frac[8];
        std::snprintf(frac, sizeof frac, "%02d", c);
        return out + frac;
    }
    out += static_cast<char>('0' + c / 10);
    out += static_cast<char>('0' + c % 10);
    return out;
}

std::string fmt_percent(double f, int decimals) {
    if (!std::isfinite(f)) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f %%", decimals, f * 100.0);
    return buf;
}

std::string count_of(size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

}  // namespace sr
