// Number formatting for people: thousands separators, money, percentages.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace sr {

std::string fmt_int(int64_t v);                                // 1240 -> "1,240"
std::string fmt_money(double v, const std::string& currency);  // 1234.5, USD -> "$1,234.50"
std::string fmt_percent(double fraction, int decimals = 1);    // 0.006 -> "0.6 %"
std::string currency_symbol(const std::string& currency);      // "USD" -> "$", "XYZ" -> "XYZ "
std::string count_of(size_t n, const char* one, const char* many);  // "1 post", "3 posts"

}  // namespace sr
