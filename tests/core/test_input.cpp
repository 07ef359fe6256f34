// Numbers typed into form fields (src/core/input.hpp).
#include <doctest/doctest.h>

#include "core/input.hpp"

using namespace sr;

TEST_CASE("a typed amount accepts thousands commas, spaces and a dollar sign") {
    CHECK(*parse_number("1,234.50") == doctest::Approx(1234.5));
    CHECK(*parse_number(" $19.99 ") == doctest::Approx(19.99));
    CHECK(*parse_number("-5") == doctest::Approx(-5));  // a number: the product rules refuse it
    CHECK(*parse_number(".5") == doctest::Approx(0.5));
}

TEST_CASE("text that is not a number is refused, empty text too") {
    CHECK_FALSE(parse_number(""));
    CHECK_FALSE(parse_number("  "));
    CHECK_FALSE(parse_number("12abc"));
    CHECK_FALSE(parse_number("1.2.3"));
    CHECK_FALSE(parse_number("-"));
    CHECK_FALSE(parse_number("5-"));
}

TEST_CASE("a percentage is typed in percent and stored as a fraction") {
    CHECK(*parse_percent("15") == doctest::Approx(0.15));
    CHECK(*parse_percent("15 %") == doctest::Approx(0.15));
    CHECK(*parse_percent("0.5%") == doctest::Approx(0.005));
    CHECK_FALSE(parse_percent("%"));
    CHECK_FALSE(parse_percent("ten"));
}

TEST_CASE("a whole number refuses fractions") {
    CHECK(*parse_whole("1,240") == 1240);
    CHECK(*parse_whole("-3") == -3);
    CHECK_FALSE(parse_whole("2.5"));
    CHECK_FALSE(parse_whole("x"));
}

TEST_CASE("values go back into fields without trailing zeros") {
    CHECK(number_text(34) == "34");
    CHECK(number_text(2.5) == "2.5");
    CHECK(number_text(0.126, 2) == "0.13");
    CHECK(number_text(-0.0001) == "0");
    CHECK(percent_text(0.15) == "15");
    CHECK(percent_text(0.005) == "0.5");
}

TEST_CASE("form fields read counts, amounts and dates with the reason in words, empty as zero or none") {
    int64_t n = -1;
    double a = -1;
    std::optional<Date> d;
    std::string why;
    CHECK(read_count("2,000", n, why, "Clicks"));
    CHECK(n == 2000);
    CHECK(read_count("  ", n, why, "Clicks"));
    CHECK(n == 0);
    CHECK_FALSE(read_count("-3", n, why, "Clicks"));
    CHECK(why == "Clicks must be a whole number of 0 or more ('-3' is not).");
    CHECK_FALSE(read_count("2.5", n, why, "Clicks"));
    CHECK(read_amount("$1,234.567", a, why, "Spend"));
    CHECK(a == doctest::Approx(1234.57));
    CHECK_FALSE(read_amount("ten", a, why, "Spend"));
    CHECK(why == "Spend must be an amount of 0 or more ('ten' is not).");
    CHECK(read_date(" 2026-11-23 ", d, why, true));
    CHECK(d == Date::from_ymd(2026, 11, 23));
    CHECK(read_date("", d, why, false));
    CHECK_FALSE(d);
    CHECK_FALSE(read_date("", d, why, true));
    CHECK(why == "A date is required (YYYY-MM-DD).");
    CHECK_FALSE(read_date("2026-02-30", d, why, false));
    CHECK(why == "'2026-02-30' is not a date: write it as YYYY-MM-DD.");
}
