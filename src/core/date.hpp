// Calendar dates as whole days, independent of time zones.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sr {

// A civil date (proleptic Gregorian), stored as days since 1970-01-01.
struct Date {
    int32_t days = 0;

    static Date from_ymd(int y, int m, int d);
    // Parses "YYYY-MM-DD" exactly; anything else (or an impossible date) is nullopt.
    static std::optional<Date> parse(std::string_view text);

    void to_ymd(int& y, int& m, int& d) const;
    std::string to_string() const;  // "YYYY-MM-DD"
    int weekday() const;            // 0 = Monday ... 6 = Sunday

    Date plus_days(int n) const { return Date{days + n}; }
    friend int operator-(Date a, Date b) { return a.days - b.days; }
    friend bool operator==(Date a, Date b) { return a.days == b.days; }
    friend bool operator!=(Date a, Date b) { return a.days != b.days; }
    friend bool operator<(Date a, Date b) { return a.days < b.days; }
    friend bool operator<=(Date a, Date b) { return a.days <= b.days; }
    friend bool operator>(Date a, Date b) { return a.days > b.days; }
    friend bool operator>=(Date a, Date b) { return a.days >= b.days; }
};

}  // namespace sr
