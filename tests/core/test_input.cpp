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
