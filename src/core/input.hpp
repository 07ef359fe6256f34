// Numbers typed by a person into a form field: "1,234.50", "$19.99", "15 %", "-5".
// A form parses the text with these, then lets validate.hpp judge the value (a negative price
// is a number, refused by the product rules with its own reason).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "date.hpp"

namespace sr {

// A decimal number with optional sign, thousands commas, spaces and a leading '$'.
// Empty text or anything else (letters, two dots) is nullopt.
std::optional<double> parse_number(std::string_view text);
// A percentage typed as "15", "15 %" or "0.5%": returns the fraction (0.15, 0.005).
std::optional<double> parse_percent(std::string_view text);
// A whole number ("1,240", "-3"); nullopt for fractions, letters or empty text.
std::optional<long long> parse_whole(std::string_view text);

// A form field read into a value, or the reason in words it cannot be (`why`, naming the field
// as `what`): empty text is 0 (or no date, refused when `required`).
// read_count: a whole number of 0 or more ("2,000"); read_amount: money of 0 or more ("$1,234.5"),
// rounded to cents; read_date: YYYY-MM-DD.
bool read_count(std::string_view text, int64_t& out, std::string& why, const char* what);
bool read_amount(std::string_view text, double& out, std::string& why, const char* what);
bool read_date(std::string_view text, std::optional<Date>& out, std::string& why, bool required);

// How a value is put back into a field: at most `decimals` decimals, no trailing zeros
// (34 -> "34", 2.5 -> "2.5", 0.126 with 2 -> "0.13").
std::string number_text(double v, int decimals = 2);
// A fraction as a percentage for a field: 0.15 -> "15", 0.005 -> "0.5".
std::string percent_text(double fraction, int decimals = 2);

}  // namespace sr
