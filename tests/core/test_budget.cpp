#include <doctest/doctest.h>

#include "builders.hpp"
#include "core/budget.hpp"

using namespace sr;
using namespace sr::test;

TEST_CASE("the first 90 days' spend against the build-stage band times the months counted") {
    Program p;
    p.settings.program_start = d(2026, 9, 1);  // month 1 from 09-01, 2 from 10-01, 3 from 10-31, 4 from 11-30
    p.settings.coordinator_monthly_cost = 3000;
    const Id c = add_creator(p, "thu.ha", 650000);
    Sample s;
    s.id = p.next_id++;
    s.creator_id = c;
    s.shipped = d(2026, 9, 3);
    s.cost = 1500;  // month 1
    p.samples.push_back(s);
    Post& x = add_post(p, c, d(2026, 10, 5), 10000, 100, 2);
    x.creator_fee = 4000;  // month 2
    SparkCode k;
    k.id = p.next_id++;
    k.creator_id = c;
    k.rounds.push_back({d(2026, 11, 10), 2500, 10000, 100, 1, 30});  // month 3
    k.rounds.push_back({d(2026, 12, 5), 9999, 10000, 100, 1, 30});   // month 4: not in the first 90 days
    p.spark_codes.push_back(k);

    // On 2026-10-10 (month 2): two months so far, 1,500 + 4,000 + 2 x 3,000 = 11,500 against 16,000 - 30,000.
    BuildStage b = build_stage_budget(p, d(2026, 10, 10));
    CHECK(b.months == 2);
    CHECK(b.total.actual() == doctest::Approx(11500));
    CHECK(b.total.budget_min == doctest::Approx(16000));
    CHECK(b.total.budget_max == doctest::Approx(30000));
    CHECK(b.total.compare() == -1);
    CHECK(b.summary("USD") ==
          "first 90 days (2 of 3 months so far, 2026-09-01 to 2026-10-30): spent $11,500.00 vs $16,000.00 - $30,000.00 (under)");
    // On 2026-12-10 (month 4): the three months, 1,500 + 4,000 + 2,500 + 3 x 3,000 = 17,000 against 24,000 - 45,000;
    // month 4's round is not counted.
    b = build_stage_budget(p, d(2026, 12, 10));
    CHECK(b.months == 3);
    CHECK(b.total.actual() == doctest::Approx(17000));
    CHECK(b.summary("USD") ==
          "first 90 days (3 months, 2026-09-01 to 2026-11-29): spent $17,000.00 vs $24,000.00 - $45,000.00 (under)");
    p.settings.program_start.reset();
    CHECK(build_stage_budget(p, d(2026, 12, 10)).summary("USD") == "first 90 days: the program has not started");
}
