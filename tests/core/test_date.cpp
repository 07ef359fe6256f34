#include <doctest/doctest.h>

#include "core/date.hpp"

using namespace sr;

TEST_CASE("dates read and write as YYYY-MM-DD and refuse impossible days") {
    auto d = Date::parse("2024-02-29");
    REQUIRE(d);
    CHECK(d->to_string() == "2024-02-29");
    CHECK_FALSE(Date::parse("2023-02-29"));
    CHECK_FALSE(Date::parse("2026-13-01"));
    CHECK_FALSE(Date::parse("2026-1-01"));
    CHECK(Date::parse("1970-01-01")->days == 0);
    CHECK(Date::from_ymd(2026, 11, 22) - Date::from_ymd(2026, 11, 1) == 21);
}

TEST_CASE("weekdays count from Monday") {
    CHECK(Date::from_ymd(2026, 11, 23).weekday() == 0);  // a Monday
    CHECK(Date::from_ymd(2026, 11, 22).weekday() == 6);  // a Sunday
}
