#include <doctest/doctest.h>

#include "core/format.hpp"

using namespace sr;

TEST_CASE("counts show thousands separators as in \"1,240 clicks\"") {
    CHECK(fmt_int(0) == "0");
    CHECK(fmt_int(36) == "36");
    CHECK(fmt_int(999) == "999");
    CHECK(fmt_int(1240) == "1,240");
    CHECK(fmt_int(17300) == "17,300");
    CHECK(fmt_int(100000) == "100,000");
    CHECK(fmt_int(1250000) == "1,250,000");
    CHECK(fmt_int(-4500) == "-4,500");
}

TEST_CASE("money and rates read as a person writes them") {
    CHECK(fmt_money(1234.5, "USD") == "$1,234.50");
    CHECK(fmt_money(-3, "EUR") == "-\xE2\x82\xAC" "3.00");
    CHECK(fmt_percent(0.006) == "0.6 %");
    CHECK(fmt_percent(0.15, 0) == "15 %");
}

TEST_CASE("an amount that rounds to zero cents has no minus sign") {
    CHECK(fmt_money(-0.004, "USD") == "$0.00");
    CHECK(fmt_money(-0.005, "USD") == "-$0.01");
}
