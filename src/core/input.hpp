// Numbers typed by a person into a form field: "1,234.50", "$19.99", "15 %", "-5".
// A form parses the text with these, then lets validate.hpp judge the value (a negative price
// is a number, refused by the product rules with its own reason).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace sr {

// A decimal number with optional sign, thousands commas, spaces and a leading '$'.
// Empty text or anything else (letters, two dots) is nullopt.
std::optional<double> parse_number(std::string_view text);
// A percentage typed as "15", "15 %" or "0.5%": returns the fraction (0.15, 0.005).
std::optional<double> parse_percent(std::string_view text);
// A whole number ("1,240", "-3"); nullopt for fractions, letters or empty text.
std::optional<long long> parse_whole(std::string_view text);

// How a value is put back into a field: at most `decimals` decimals, no trailing zeros
// (34 -> "34", 2.5 -> "2.5", 0.126 with 2 -> "0.13").
std::string number_text(double v, int decimals = 2);
// A fraction as a percentage for a field: 0.15 -> "15", 0.005 -> "0.5".
std::string percent_text(double fraction, int decimals = 2);

}  // namespace sr
