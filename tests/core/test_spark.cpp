#include <doctest/doctest.h>

#include "builders.hpp"
#include "core/spark.hpp"
#include "core/store.hpp"

using namespace sr;
using namespace sr::test;

static const Date kToday = d(2026, 11, 23);

// A verified code on a compliant post, covering its campaign, with a renewal owner.
static Program program_with_code(SparkStatus status = SparkStatus::verified) {
    Program p;
    const Id c = add_creator(p, "spark", 150000);
    Post& post = add_post(p, c, d(2026, 11, 1), 20000, 1000, 40);  // organic 4 %
    SparkCode sc;
    sc.id = p.next_id++;
    sc.code = "#abcdefghijklmnopqrstu=";
    sc.creator_id = c;
    sc.post_id = post.id;
    sc.received = d(2026, 11, 20);
    sc.auth_start = d(2026, 11, 20);
    sc.duration_days = 30;  // expires 2026-12-20
    sc.campaign_start = d(2026, 11, 21);
    sc.campaign_end = d(2026, 12, 20);
    sc.renewal_owner = "Dana";
    sc.verified_in_ads_manager = status != SparkStatus::received;
    sc.status = status;
    p.spark_codes.push_back(sc);
    return p;
}

TEST_CASE("a Spark Code's expiry is its authorization start plus its duration") {
    SparkCode c;
    CHECK_FALSE(spark_expiry(c));
    c.auth_start = d(2026, 11, 1);
    c.duration_days = 30;
    CHECK(*spark_expiry(c) == d(2026, 12, 1));
    CHECK(*spark_days_left(c, d(2026, 11, 24)) == 7);
}

TEST_CASE("a code goes live only when all four checks hold, and the failing ones are named") {
    Program p = program_with_code();
    CHECK(can_go_live(p.spark_codes[0], p));
    SparkCode c = p.spark_codes[0];
    c.verified_in_ads_manager = false;
    p.posts[0].compliance_passed = false;
    c.campaign_end = d(2026, 12, 23);  // 3 days after the expiry 2026-12-20
    c.renewal_owner = "  ";
    const auto checks = go_live_checks(c, p);
    REQUIRE(checks.size() == 4);
    for (const GoLiveCheck& k : checks) CHECK_FALSE(k.ok);
    CHECK(checks[2].reason == "the code expires 2026-12-20, 3 days before the campaign ends (2026-12-23)");
    CHECK(checks[3].reason == "nobody is named as renewal owner");
    // Expiry exactly on the campaign end covers the campaign.
    c.campaign_end = d(2026, 12, 20);
    CHECK(go_live_checks(c, p)[2].ok);
}

TEST_CASE("go_live refuses with one error per failing check") {
    Program p = program_with_code();
    p.spark_codes[0].renewal_owner = "";
    p.posts[0].compliance_passed = false;
    Store store(p);
    const CommandResult r = store.go_live(p.spark_codes[0].id, kToday);
    REQUIRE_FALSE(r.ok);
    REQUIRE(r.errors.size() == 2);
    CHECK(r.errors[0].field == "go_live.2");
    CHECK(r.errors[1].field == "go_live.4");
    CHECK(store.program().spark_codes[0].status == SparkStatus::verified);
}

TEST_CASE("the status moves requested -> received -> verified -> live -> expired, and to revoked or killed from any") {
    using S = SparkStatus;
    CHECK(spark_transition_allowed(S::requested, S::received));
    CHECK(spark_transition_allowed(S::received, S::verified));
    CHECK(spark_transition_allowed(S::verified, S::live));
    CHECK(spark_transition_allowed(S::live, S::expired));
    CHECK_FALSE(spark_transition_allowed(S::requested, S::live));
    CHECK_FALSE(spark_transition_allowed(S::received, S::live));
    CHECK_FALSE(spark_transition_allowed(S::expired, S::live));
    for (S from : {S::requested, S::received, S::verified, S::live, S::expired}) {
        CHECK(spark_transition_allowed(from, S::revoked));
        CHECK(spark_transition_allowed(from, S::killed));
    }
    CHECK_FALSE(spark_transition_allowed(S::killed, S::live));
    CHECK_FALSE(spark_transition_allowed(S::revoked, S::killed));
}

TEST_CASE("a live code that expires within 7 days alerts its renewal owner; a code expiring today too") {
    Program p = program_with_code(SparkStatus::live);
    // Expires 2026-12-20. On 12-13: 7 days left -> alert. On 12-12: 8 days -> none.
    auto soon = [&](Date today) {
        for (const SparkAlert& a : spark_alerts(p, today))
            if (a.kind == SparkAlertKind::expires_soon) return a;
        return SparkAlert{SparkAlertKind::not_verified, 0, 0, "", -1, ""};
    };
    CHECK(soon(d(2026, 12, 12)).days == -1);
    const SparkAlert a = soon(d(2026, 12, 13));
    CHECK(a.days == 7);
    CHECK(a.owner == "Dana");
    const SparkAlert today = soon(d(2026, 12, 20));
    CHECK(today.days == 0);
    CHECK(today.message.find("expires today") != std::string::npos);
    CHECK(spark_code_valid(p.spark_codes[0], d(2026, 12, 20)));
    CHECK_FALSE(spark_code_valid(p.spark_codes[0], d(2026, 12, 21)));
}

TEST_CASE("a campaign that ends after its code's expiry is an alert") {
    Program p = program_with_code(SparkStatus::live);
    p.spark_codes[0].campaign_end = d(2026, 12, 21);
    bool found = false;
    for (const SparkAlert& a : spark_alerts(p, kToday))
        if (a.kind == SparkAlertKind::campaign_outlasts_code) {
            found = true;
            CHECK(a.days == 1);
            CHECK(a.message == "campaign of @spark ends 2026-12-21, 1 day after its Spark Code expires (2026-12-20)");
        }
    CHECK(found);
}

TEST_CASE("a received code not verified within 2 days is an alert") {
    Program p = program_with_code(SparkStatus::received);  // received 2026-11-20
    auto waiting = [&](Date today) {
        for (const SparkAlert& a : spark_alerts(p, today))
            if (a.kind == SparkAlertKind::not_verified) return a.days;
        return -1;
    };
    CHECK(waiting(d(2026, 11, 21)) == -1);  // 1 day: still within
    CHECK(waiting(d(2026, 11, 22)) == 2);   // 2 days: alert
}

TEST_CASE("kill rule: after the first paid round, paid conversion under 70 % of organic or under 1 % suggests killed") {
    Program p = program_with_code(SparkStatus::live);  // organic 40 / 1,000 = 4 %; 70 % of it = 2.8 %
    SparkCode& c = p.spark_codes[0];
    CHECK_FALSE(kill_verdict(c, p).evaluated);  // no round yet
    c.rounds.push_back({d(2026, 11, 25), 300, 50000, 1000, 27, 800});  // 2.7 % < 2.8 %
    KillVerdict v = kill_verdict(c, p);
    CHECK(v.kill);
    CHECK(v.reason == "paid conversion 2.7 % on 1,000 clicks < 70 % of organic 4 % (2.8 %)");
    c.rounds[0].orders = 28;  // exactly 2.8 %: not under
    CHECK_FALSE(kill_verdict(c, p).kill);
    // Under 1 % is a kill whatever the organic rate.
    p.posts[0].orders = 10;  // organic 1 %
    c.rounds[0].orders = 9;  // 0.9 %
    v = kill_verdict(c, p);
    CHECK(v.kill);
    CHECK(v.reason.find("< 1 %") != std::string::npos);
    c.rounds[0].orders = 10;  // exactly 1 %, and 1 % >= 70 % of 1 %
    CHECK_FALSE(kill_verdict(c, p).kill);
    // Fewer than 100 paid clicks: too little data to judge.
    c.rounds[0].clicks = 99;
    c.rounds[0].orders = 0;
    CHECK_FALSE(kill_verdict(c, p).evaluated);
}

TEST_CASE("Spark Ad candidates rank by conversion, not views: 8,000 views at 4 % beats 200,000 views at 0.6 %") {
    Program p;
    const Id c = add_creator(p, "cands", 50000);
    const Id big = add_post(p, c, d(2026, 11, 1), 200000, 2000, 12, 360).id;  // 0.6 %
    const Id small = add_post(p, c, d(2026, 11, 2), 8000, 200, 8, 240).id;    // 4 %
    add_post(p, c, d(2026, 11, 3), 900, 150, 30, 900);                         // under 1,000 views: no
    add_post(p, c, d(2026, 11, 4), 9000, 99, 50, 1500);                        // under 100 clicks: no
    SparkCode sc;
    sc.id = p.next_id++;
    sc.creator_id = c;
    sc.post_id = small;
    sc.code = "#x";
    sc.auth_start = d(2026, 11, 20);
    sc.status = SparkStatus::verified;
    p.spark_codes.push_back(sc);
    const auto list = spark_candidates(p, kToday, 10);
    REQUIRE(list.size() == 2);
    CHECK(list[0].post_id == small);
    CHECK(list[0].valid_code);
    CHECK(list[1].post_id == big);
    CHECK_FALSE(list[1].valid_code);
    CHECK(list[0].margin == doctest::Approx(240));  // no product, no costs recorded
}

TEST_CASE("a live code already past its expiry is its own, more urgent alert") {
    Program p = program_with_code(SparkStatus::live);  // expires 2026-12-20
    std::vector<SparkAlert> alerts = spark_alerts(p, d(2026, 12, 22));  // 2 days past
    REQUIRE_FALSE(alerts.empty());
    CHECK(alerts[0].kind == SparkAlertKind::expired_while_live);
    CHECK(alerts[0].days == 2);
    CHECK(alerts[0].owner == "Dana");
    CHECK(alerts[0].message == "Spark Code of @spark expired 2026-12-20 (2 days ago) but is still marked live: extend, "
                               "replace or stop the ad");
    for (const SparkAlert& a : alerts) CHECK(a.kind != SparkAlertKind::expires_soon);
}

TEST_CASE("a received code is not an unverified alert while it waits under 2 days, nor once verified") {
    Program p = program_with_code(SparkStatus::verified);  // received 2026-11-20, verified
    for (const SparkAlert& a : spark_alerts(p, d(2026, 11, 30))) CHECK(a.kind != SparkAlertKind::not_verified);
}

TEST_CASE("a Spark Code lasts 7 to 365 days, 30 by default") {
    const Settings s;
    CHECK(s.spark_default_days == 30);
    CHECK(SparkCode{}.duration_days == 30);
    Program p = program_with_code();
    Store store(p);
    SparkCode c = p.spark_codes[0];
    c.duration_days = 7;
    CHECK(store.update_spark_code(c).ok);
    c.duration_days = 365;
    CHECK(store.update_spark_code(c).ok);
    c.duration_days = 6;
    CHECK_FALSE(store.update_spark_code(c).ok);
    c.duration_days = 366;
    CHECK_FALSE(store.update_spark_code(c).ok);
}

TEST_CASE("a requested code not received within 5 days is an alert, at the number of days in the settings") {
    Program p = program_with_code(SparkStatus::requested);
    SparkCode& c = p.spark_codes[0];
    c.code.clear();
    c.received.reset();
    c.auth_start.reset();
    c.requested = d(2026, 11, 18);
    auto alert = [&](Date today) {
        for (const SparkAlert& a : spark_alerts(p, today))
            if (a.kind == SparkAlertKind::not_received) return a;
        return SparkAlert{SparkAlertKind::not_verified, 0, 0, "", -1, "", ""};
    };
    CHECK(alert(d(2026, 11, 22)).days == -1);  // 4 days: still within
    const SparkAlert a = alert(d(2026, 11, 23));  // 5 days: alert
    CHECK(a.days == 5);
    CHECK(a.owner == "Dana");
    CHECK(a.message == "Spark Code of @spark requested 2026-11-18 and not received after 5 days (limit 5 days): "
                       "ask the creator again, or request a code for another post");
    CHECK(a.numbers == "requested 2026-11-18");  // the same the next day: a done mark holds
    CHECK(alert(d(2026, 11, 24)).numbers == "requested 2026-11-18");
    p.settings.spark_receive_alert_days = 7;
    CHECK(alert(d(2026, 11, 24)).days == -1);  // 6 days < 7
    CHECK(alert(d(2026, 11, 25)).days == 7);
    // Received: no longer waiting. No request date: nothing to count from.
    c.status = SparkStatus::received;
    c.received = d(2026, 11, 25);
    CHECK(alert(d(2026, 11, 30)).days == -1);
    c.status = SparkStatus::requested;
    c.requested.reset();
    CHECK(alert(d(2026, 11, 30)).days == -1);
}

TEST_CASE("kill rule: the organic baseline takes the paid rounds' own clicks and orders off the post's") {
    Program p = program_with_code(SparkStatus::live);
    Post& post = p.posts[0];
    post.clicks = 3000;  // the post's numbers count its Spark Ad's traffic
    post.orders = 100;
    SparkCode& c = p.spark_codes[0];
    c.rounds.push_back({d(2026, 11, 25), 300, 50000, 1000, 25, 750});  // paid 25 / 1,000 = 2.5 %
    // Organic = (100 - 25) / (3,000 - 1,000) = 75 / 2,000 = 3.75 %; 70 % of it = 2.625 %.
    // 2.5 % < 2.625 %: kill. Counting the paid orders in, 100 / 3,000 = 3.33 % (bar 2.33 %) would keep it.
    OrganicBaseline b = organic_baseline(post, p);
    CHECK(b.paid_excluded);
    CHECK(b.clicks == 2000);
    CHECK(b.orders == 75);
    CHECK(*b.conversion == doctest::Approx(0.0375));
    KillVerdict v = kill_verdict(c, p);
    CHECK(v.kill);
    CHECK(*v.organic_conversion == doctest::Approx(0.0375));
    CHECK(v.reason.find("paid conversion 2.5 % on 1,000 clicks < 70 % of organic 3.75 %") == 0);
    // The weekly review's alert reads the same baseline.
    bool alerted = false;
    for (const SparkAlert& a : spark_alerts(p, d(2026, 11, 26))) alerted |= a.kind == SparkAlertKind::kill_suggested;
    CHECK(alerted);

    // An earlier code on the same post ran its own round there: taken off too.
    SparkCode old = c;
    old.id = p.next_id++;
    old.status = SparkStatus::expired;
    old.rounds = {{d(2026, 11, 2), 100, 20000, 500, 10, 300}};
    p.spark_codes.push_back(old);
    // Organic = (100 - 25 - 10) / (3,000 - 1,000 - 500) = 65 / 1,500 = 4.33 %.
    b = organic_baseline(p.posts[0], p);
    CHECK(b.clicks == 1500);
    CHECK(b.orders == 65);
    CHECK(b.paid_clicks == 1500);
    CHECK(b.paid_orders == 35);
    CHECK(*kill_verdict(p.spark_codes[0], p).organic_conversion == doctest::Approx(65.0 / 1500.0));

    // Post numbers taken before the rounds (fewer clicks than the rounds had): used as they are.
    p.spark_codes.pop_back();
    p.posts[0].clicks = 800;
    p.posts[0].orders = 32;  // 4 %
    b = organic_baseline(p.posts[0], p);
    CHECK_FALSE(b.paid_excluded);
    CHECK(b.clicks == 800);
    CHECK(*b.conversion == doctest::Approx(0.04));
    // More paid orders than the post has: the same.
    p.posts[0].clicks = 3000;
    p.posts[0].orders = 20;
    CHECK_FALSE(organic_baseline(p.posts[0], p).paid_excluded);
}

TEST_CASE("a paid round's CTR, CPA and ROAS") {
    // 400 spent, 150,000 impressions, 2,000 clicks, 16 orders, 560 GMV.
    const RoundRatios r = round_ratios({d(2026, 11, 25), 400, 150000, 2000, 16, 560});
    CHECK(*r.ctr == doctest::Approx(2000.0 / 150000.0));  // 1.33 %
    CHECK(*r.cpa == doctest::Approx(25.0));               // 400 / 16
    CHECK(*r.roas == doctest::Approx(1.4));               // 560 / 400
    CHECK(*r.conversion == doctest::Approx(0.008));       // 16 / 2,000
    const RoundRatios none = round_ratios({d(2026, 11, 25), 0, 0, 0, 0, 0});
    CHECK_FALSE(none.ctr);
    CHECK_FALSE(none.cpa);
    CHECK_FALSE(none.roas);
    CHECK_FALSE(none.conversion);
}
