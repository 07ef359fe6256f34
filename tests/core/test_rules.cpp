#include <doctest/doctest.h>

#include "builders.hpp"
#include "core/rules.hpp"

using namespace sr;
using namespace sr::test;

TEST_CASE("active creators per tier are compared with the target roster sizes 50-200 / 5-15 / 2-3") {
    Program p;
    for (int i = 0; i < 4; ++i) add_creator(p, "top" + std::to_string(i), 500000);  // 4 > 3: one over
    add_creator(p, "mid", 100000);                                                     // exactly 100,000: tier 2
    add_creator(p, "pausedmid", 200000, CreatorStatus::paused);                        // not active
    add_creator(p, "tiny", 4999);                                                      // tier 1, below the floor
    const auto r = roster_vs_targets(p);
    CHECK(r[0].active == 1);
    CHECK(r[0].below_floor == 1);
    CHECK(r[0].gap() == -49);
    CHECK(r[1].active == 1);
    CHECK(r[1].gap() == -4);
    CHECK(r[1].summary() == "tier 2 mid: 1 active, target 5 - 15 (4 short)");
    CHECK(r[2].active == 4);
    CHECK(r[2].gap() == 1);
}

// Promotion scenario: review on 2026-11-23, so the last 3 full months are Aug, Sep, Oct 2026.
static Program promotion_program(Id& star, Id& other) {
    Program p;
    star = add_creator(p, "star", 60000, CreatorStatus::active, 2);
    other = add_creator(p, "other", 60000, CreatorStatus::active, 2);
    const Id third = add_creator(p, "third", 60000, CreatorStatus::active, 2);
    for (int m = 8; m <= 10; ++m) {
        add_post(p, star, d(2026, m, 5), 5000, 200, 10, 300);
        add_post(p, star, d(2026, m, 15), 5000, 200, 10, 300);
        add_post(p, other, d(2026, m, 5), 5000, 200, 10, 100);
        add_post(p, third, d(2026, m, 5), 5000, 200, 10, 200);
    }
    return p;
}

TEST_CASE("promotion is suggested after 3 full months of agreed output, revenue per post above the tier median and clean compliance") {
    Id star, other;
    Program p = promotion_program(star, other);
    // Tier 1 revenue per post: star 300, third 200, other 100 -> median 200; 300 > 200.
    const PromotionCheck c = promotion_check(p, star, d(2026, 11, 23));
    CHECK(c.posts_per_month == std::vector<int>{2, 2, 2});
    CHECK(c.met_output);
    CHECK(c.tier_median == doctest::Approx(200));
    CHECK(c.above_median);
    CHECK(c.clean);
    CHECK(c.suggested());
    CHECK(c.to == 2);
    const auto list = promotion_suggestions(p, d(2026, 11, 23));
    REQUIRE(list.size() == 1);
    CHECK(list[0].creator_id == star);
    // "other" posts once a month against 2 agreed and sits below the median.
    const PromotionCheck o = promotion_check(p, other, d(2026, 11, 23));
    CHECK_FALSE(o.met_output);
    CHECK_FALSE(o.above_median);
}

TEST_CASE("one month short of the agreed output, or one compliance incident, stops the promotion") {
    Id star, other;
    Program p = promotion_program(star, other);
    Program short_month = p;
    for (size_t i = 0; i < short_month.posts.size(); ++i)
        if (short_month.posts[i].creator_id == star && *short_month.posts[i].published == d(2026, 9, 15)) {
            short_month.posts.erase(short_month.posts.begin() + static_cast<long>(i));
            break;
        }
    CHECK_FALSE(promotion_check(short_month, star, d(2026, 11, 23)).suggested());
    creator(p, star).compliance.push_back({999, d(2026, 9, 2), "missing disclosure", "", true});
    const PromotionCheck c = promotion_check(p, star, d(2026, 11, 23));
    CHECK_FALSE(c.clean);
    CHECK_FALSE(c.suggested());
    // An incident before the window does not count.
    creator(p, star).compliance[0].date = d(2026, 7, 31);
    CHECK(promotion_check(p, star, d(2026, 11, 23)).suggested());
}

TEST_CASE("revenue per post equal to the tier median is not above it") {
    Program p;
    const Id a = add_creator(p, "a", 60000, CreatorStatus::active, 1);
    const Id b = add_creator(p, "b", 60000, CreatorStatus::active, 1);
    for (int m = 8; m <= 10; ++m) {
        add_post(p, a, d(2026, m, 5), 5000, 200, 10, 200);
        add_post(p, b, d(2026, m, 5), 5000, 200, 10, 200);
    }
    CHECK_FALSE(promotion_check(p, a, d(2026, 11, 23)).above_median);
}

TEST_CASE("posting rate = delivered samples that led to a post / delivered samples, per creator and overall") {
    Program p;
    const Id a = add_creator(p, "a", 20000);
    const Id b = add_creator(p, "b", 20000);
    auto sample = [&](Id c, bool delivered) {
        Sample s;
        s.id = p.next_id++;
        s.creator_id = c;
        if (delivered) s.delivered = d(2026, 10, 1);
        s.status = delivered ? SampleStatus::delivered : SampleStatus::shipped;
        p.samples.push_back(s);
        return s.id;
    };
    const Id s1 = sample(a, true);
    sample(a, true);
    sample(b, true);
    const Id s4 = sample(b, true);
    sample(b, false);  // not delivered: not counted
    add_post(p, a, d(2026, 10, 10), 1, 0, 0).sample_id = s1;
    for (Sample& s : p.samples)
        if (s.id == s4) s.status = SampleStatus::posted;
    // Overall 2 of 4 = 50 %; a: 1 of 2; b: 1 of 2.
    CHECK(*posting_rate(p).rate() == doctest::Approx(0.5));
    CHECK(posting_rate(p, a).posted == 1);
    CHECK(posting_rate(p, a).delivered == 2);
    CHECK(*posting_rate(p, b).rate() == doctest::Approx(0.5));
    CHECK_FALSE(PostingRate{}.rate());
}

TEST_CASE("a sample delivered 21 or more days ago with no post is a follow-up") {
    Program p;
    const Id a = add_creator(p, "a", 20000);
    Sample s;
    s.id = p.next_id++;
    s.creator_id = a;
    s.delivered = d(2026, 11, 2);
    s.status = SampleStatus::delivered;
    p.samples.push_back(s);
    CHECK(sample_followups(p, d(2026, 11, 22)).empty());  // 20 days
    const auto f = sample_followups(p, d(2026, 11, 23));  // 21 days exactly
    REQUIRE(f.size() == 1);
    CHECK(f[0].days_since_delivery == 21);
    p.samples[0].status = SampleStatus::no_post;  // closed: no longer a follow-up
    CHECK(sample_followups(p, d(2026, 12, 23)).empty());
}

TEST_CASE("a Creator Code needs 10,000+ followers and age 18+") {
    Settings s;
    Creator c;
    c.followers = 9999;
    Eligibility e = creator_code_eligibility(c, s);
    CHECK_FALSE(e.ok);
    CHECK(e.reasons == std::vector<std::string>{"9,999 followers < 10,000 needed", "age 18+ not confirmed"});
    c.followers = 10000;  // exactly 10,000 is enough
    c.creator_code = CreatorCode{};
    c.creator_code->age_18_plus = true;
    CHECK(creator_code_eligibility(c, s).ok);
}

TEST_CASE("Creator Code rates: uses / scans and earnings per use") {
    CreatorCode c;
    CHECK_FALSE(code_use_rate(c));
    CHECK_FALSE(code_earnings_per_use(c));
    c.scans = 400;
    c.uses = 50;
    c.estimated_earnings = 170;
    CHECK(*code_use_rate(c) == doctest::Approx(0.125));      // 50 / 400
    CHECK(*code_earnings_per_use(c) == doctest::Approx(3.4));  // 170 / 50
}

TEST_CASE("the program phase follows the start date: months 1, 2, 3 and 4+") {
    Program p;
    CHECK(program_phase(p, d(2026, 1, 1)) == Phase::not_started);  // no start date
    p.settings.program_start = d(2026, 1, 1);
    CHECK(program_phase(p, d(2025, 12, 31)) == Phase::not_started);
    CHECK(program_phase(p, d(2026, 1, 1)) == Phase::roster_and_seeding);
    CHECK(program_phase(p, d(2026, 1, 30)) == Phase::roster_and_seeding);  // day 30 of month 1
    CHECK(program_phase(p, d(2026, 1, 31)) == Phase::testing_hooks);
    CHECK(program_phase(p, d(2026, 3, 2)) == Phase::amplification);        // day 61
    CHECK(program_phase(p, d(2026, 4, 1)) == Phase::scale);                // day 91
}

TEST_CASE("actual spend is compared with the build-stage budget of 8,000-15,000 a month for the first 90 days") {
    Program p;
    p.settings.program_start = d(2026, 1, 1);
    p.settings.monthly_budget = 20000;
    const Id a = add_creator(p, "a", 200000);
    Sample s;
    s.id = p.next_id++;
    s.creator_id = a;
    s.shipped = d(2026, 1, 5);
    s.cost = 3000;
    p.samples.push_back(s);
    add_post(p, a, d(2026, 1, 20), 1, 0, 0).creator_fee = 6000;  // month 1: 9,000 -> within
    SparkCode sc;
    sc.id = p.next_id++;
    sc.creator_id = a;
    sc.rounds.push_back({d(2026, 2, 10), 16000, 0, 0, 0, 0});      // month 2: 16,000 -> over
    p.spark_codes.push_back(sc);
    const auto b = budget_by_month(p, d(2026, 4, 5));              // month 4
    REQUIRE(b.size() == 4);
    CHECK(b[0].actual() == doctest::Approx(9000));
    CHECK(b[0].compare() == 0);
    CHECK(b[1].compare() == 1);
    CHECK(b[2].compare() == -1);  // 0 spent < 8,000
    CHECK(b[3].budget_max == 20000);
    CHECK(b[3].compare() == 0);
    CHECK(b[1].summary("USD") == "month 2 (2026-01-31 to 2026-03-01): spent $16,000.00 vs $8,000.00 - $15,000.00 (over)");
}

TEST_CASE("from month 4 spend is compared with the monthly budget, over only; no budget set, no comparison") {
    Program p;
    p.settings.program_start = d(2026, 1, 1);  // month 4: 2026-04-01 .. 2026-04-30
    const Id a = add_creator(p, "a", 200000);
    add_post(p, a, d(2026, 4, 10), 1, 0, 0).creator_fee = 5000;
    auto month4 = [&] { return budget_by_month(p, d(2026, 4, 20)).back(); };
    CHECK(month4().compare() == 0);  // monthly_budget 0: not set
    CHECK(month4().summary("USD") == "month 4 (2026-04-01 to 2026-04-30): spent $5,000.00, no budget set");
    p.settings.monthly_budget = 4999;
    CHECK(month4().compare() == 1);
    p.settings.monthly_budget = 5000;  // exactly on budget: within
    CHECK(month4().compare() == 0);
    p.settings.monthly_budget = 50000;  // far under: never "under" after the build stage
    CHECK(month4().compare() == 0);
}

TEST_CASE("promotion is suggested only for active creators below tier 3") {
    Id star, other;
    Program p = promotion_program(star, other);
    REQUIRE(promotion_suggestions(p, d(2026, 11, 23)).size() == 1);
    creator(p, star).status = CreatorStatus::paused;
    CHECK(promotion_suggestions(p, d(2026, 11, 23)).empty());
    creator(p, star).status = CreatorStatus::active;
    creator(p, star).pinned_tier = 3;  // already top partner: nowhere to go
    CHECK(promotion_suggestions(p, d(2026, 11, 23)).empty());
}
