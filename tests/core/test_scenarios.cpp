#include <doctest/doctest.h>

#include "builders.hpp"
#include "core/review.hpp"
#include "core/sample.hpp"
#include "core/store.hpp"

using namespace sr;
using namespace sr::test;

TEST_CASE("scenario: a Spark Code from request to kill") {
    Program p;
    const Id c = add_creator(p, "sparky", 150000);
    const Id post = add_post(p, c, d(2026, 11, 1), 40000, 1000, 40).id;  // organic 4 %
    Store store(p);
    const Date day1 = d(2026, 11, 2);
    const Id id = store.request_spark_code(c, post, day1, 30, "Dana").id;
    REQUIRE(id);
    CHECK(store.find_spark_code(id)->status == SparkStatus::requested);
    CHECK_FALSE(store.verify_spark_code(id, day1).ok);  // not received yet

    // The creator's reply: the same record becomes received; the expiry is computed.
    SparkHandoff h;
    h.creator_id = c;
    h.post_id = post;
    h.code = "  #Ab12Cd34Ef56Gh78Ij90=  ";
    h.generated = d(2026, 11, 3);
    h.duration_days = 30;
    CommandResult r = store.receive_spark_code(h, d(2026, 11, 4));
    REQUIRE(r.ok);
    CHECK(r.id == id);
    CHECK(r.warnings.empty());
    const SparkCode* code = store.find_spark_code(id);
    CHECK(code->code == "#Ab12Cd34Ef56Gh78Ij90=");
    CHECK(*spark_expiry(*code) == d(2026, 12, 3));

    REQUIRE(store.verify_spark_code(id, d(2026, 11, 5)).ok);
    SparkCode campaign = *store.find_spark_code(id);
    campaign.campaign_start = d(2026, 11, 6);
    campaign.campaign_end = d(2026, 12, 10);  // 7 days past the expiry
    REQUIRE(store.update_spark_code(campaign).ok);
    r = store.go_live(id, d(2026, 11, 6));
    REQUIRE_FALSE(r.ok);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].field == "go_live.3");

    // Extended by the creator: same code, new expiry; both in history.
    REQUIRE(store.extend_spark_code(id, d(2026, 11, 6), 60, d(2026, 11, 6)).ok);
    CHECK(*spark_expiry(*store.find_spark_code(id)) == d(2027, 1, 5));
    REQUIRE(store.go_live(id, d(2026, 11, 6)).ok);
    CHECK(store.find_spark_code(id)->status == SparkStatus::live);

    // First paid round: 1.5 % on 1,000 clicks < 70 % of 4 % (2.8 %) -> kill suggested.
    REQUIRE(store.add_paid_round(id, {d(2026, 11, 13), 500, 90000, 1000, 15, 450}).ok);
    const KillVerdict v = kill_verdict(*store.find_spark_code(id), store.program());
    CHECK(v.kill);
    const Review rv = review(store.program(), d(2026, 11, 16));
    REQUIRE_FALSE(rv.actions.empty());
    CHECK(rv.actions[0].kind == ActionKind::spark_kill);
    CHECK(rv.actions[0].owner == "Dana");
    REQUIRE(store.kill_spark_code(id, d(2026, 11, 16), v.reason).ok);
    CHECK(store.find_spark_code(id)->status == SparkStatus::killed);
    CHECK_FALSE(store.go_live(id, d(2026, 11, 17)).ok);  // killed is final

    std::vector<std::string> events;
    for (const SparkEvent& e : store.find_spark_code(id)->history) events.push_back(e.what.substr(0, e.what.find_first_of(" :")));
    CHECK(events == std::vector<std::string>{"requested", "received", "verified", "extended", "live", "paid", "killed"});
    // Every step can be undone back to the request.
    for (int i = 0; i < 7; ++i) REQUIRE(store.undo());
    CHECK(store.find_spark_code(id)->status == SparkStatus::requested);
}

TEST_CASE("scenario: an expired code is replaced by a new record linked to the old, both kept") {
    Program p;
    const Id c = add_creator(p, "renew", 150000);
    const Id post = add_post(p, c, d(2026, 11, 1), 40000, 1000, 40).id;
    Store store(p);
    const Id old = store.request_spark_code(c, post, d(2026, 11, 1), 7, "Dana").id;
    SparkHandoff h{old, c, post, "#short", d(2026, 11, 1), 7};
    const CommandResult got = store.receive_spark_code(h, d(2026, 11, 1));
    REQUIRE(got.ok);
    CHECK_FALSE(got.warnings.empty());  // unusual (short) codes are warned about, never refused
    REQUIRE(store.expire_due_codes(d(2026, 11, 9)).ok);  // expiry 11-08 is past
    CHECK(store.find_spark_code(old)->status == SparkStatus::expired);
    const CommandResult r = store.replace_spark_code(old, "#NewCode1234567890abc=", d(2026, 11, 9), 30, d(2026, 11, 9));
    REQUIRE(r.ok);
    CHECK(store.program().spark_codes.size() == 2);
    CHECK(store.find_spark_code(r.id)->replaces_id == old);
    CHECK(store.find_spark_code(r.id)->status == SparkStatus::received);
    CHECK(store.find_spark_code(old)->history.back().what == "replaced by Spark Code " + std::to_string(r.id));
    CHECK_FALSE(store.remove_spark_code(old).ok);  // the new one points at it
}

TEST_CASE("scenario: a Creator Code from eligibility to earnings per use") {
    Store store;
    Creator c;
    c.handle = "coder";
    c.followers = 9500;
    const Id id = store.add_creator(c).id;
    CreatorCode code;
    code.code = "CODER10";
    code.age_18_plus = true;
    CommandResult r = store.set_creator_code(id, code);
    REQUIRE_FALSE(r.ok);
    CHECK(r.errors[0].message == "Not eligible for a Creator Code: 9,500 followers < 10,000 needed.");
    Creator grown = *store.find_creator(id);
    grown.followers = 10000;
    REQUIRE(store.update_creator(grown).ok);
    code.age_18_plus = false;
    CHECK_FALSE(store.set_creator_code(id, code).ok);  // age 18+ not confirmed
    code.age_18_plus = true;
    REQUIRE(store.set_creator_code(id, code).ok);
    code.scans = 800;
    code.uses = 120;
    code.estimated_earnings = 408;
    REQUIRE(store.set_creator_code(id, code).ok);
    const CreatorCode& saved = *store.find_creator(id)->creator_code;
    CHECK(*code_use_rate(saved) == doctest::Approx(0.15));       // 120 / 800
    CHECK(*code_earnings_per_use(saved) == doctest::Approx(3.4));  // 408 / 120
}

TEST_CASE("scenario: a 90-day program through its phases with a promotion in month 3") {
    // Starts Thursday 2026-01-01. Month 1: Jan 1-30, month 2: Jan 31 - Mar 1, month 3: Mar 2-31.
    Program p;
    p.settings.program_start = d(2026, 1, 1);
    const Id star = add_creator(p, "star", 80000, CreatorStatus::active, 2);
    const Id peer = add_creator(p, "peer", 70000, CreatorStatus::active, 2);
    const Id prod = add_product(p);
    Store store(p);
    CHECK(review(store.program(), d(2026, 1, 5)).phase == Phase::roster_and_seeding);

    // Month 1: seed both creators.
    for (Id c : {star, peer}) {
        Sample s;
        s.creator_id = c;
        s.product_id = prod;
        s.requested = d(2026, 1, 2);
        s.shipped = d(2026, 1, 3);
        s.delivered = d(2026, 1, 6);
        s.cost = 15;
        s.status = SampleStatus::delivered;
        REQUIRE(store.add_sample(s).ok);
    }
    // Months 1-2: both post twice in January and twice in February (testing hooks).
    int n = 0;
    for (int m = 1; m <= 2; ++m)
        for (int day : {10, 20})
            for (Id c : {star, peer}) {
                Post x;
                x.creator_id = c;
                x.product_id = prod;
                x.published = d(2026, m, day);
                x.tiktok_ref = "v" + std::to_string(++n);
                x.views = 20000;
                x.clicks = 400;
                x.orders = c == star ? 20 : 6;
                x.units = x.orders;
                x.buyers = x.orders;
                x.gmv = 27.0 * static_cast<double>(x.orders);
                x.hold_rate_3s = 0.35;
                x.compliance_passed = true;
                REQUIRE(store.add_post(x).ok);
            }
    CHECK(review(store.program(), d(2026, 2, 9)).phase == Phase::testing_hooks);

    // Month 3 (review on Monday 2026-03-02): January and February are the full months in the
    // program. star met 2 posts each month and earns 540 per post against the tier 1 median
    // (540 + 162) / 2 = 351; clean compliance -> suggested.
    const Review rv = review(store.program(), d(2026, 3, 2));
    CHECK(rv.phase == Phase::amplification);
    REQUIRE(rv.promotions.size() == 1);
    CHECK(rv.promotions[0].creator_id == star);
    CHECK(rv.promotions[0].tier_median == doctest::Approx(351));
    bool listed = false;
    for (const ReviewItem& a : rv.actions) listed = listed || (a.kind == ActionKind::promotion && a.creator_id == star);
    CHECK(listed);
    REQUIRE(store.confirm_promotion(star, d(2026, 3, 2)).ok);
    const Creator& c = *store.find_creator(star);
    CHECK(effective_tier(c, store.program().settings) == 2);
    REQUIRE(c.tier_history.size() == 1);
    CHECK(c.tier_history[0].date == d(2026, 3, 2));
    CHECK(c.tier_history[0].reason.rfind("Promotion: tier 1 -> 2", 0) == 0);
    CHECK(review(store.program(), d(2026, 4, 6)).phase == Phase::scale);
}

TEST_CASE("the weekly review is ordered by urgency and the same every time") {
    const Program p = make_sample_program(d(2026, 11, 22));
    const Review a = review(p, d(2026, 11, 25));  // a Wednesday: the review is held on Monday 11-23
    CHECK(a.week_start == d(2026, 11, 23));
    CHECK(a.week_end == d(2026, 11, 29));
    REQUIRE(a.actions.size() > 5);
    for (size_t i = 1; i < a.actions.size(); ++i) CHECK(a.actions[i - 1].urgency <= a.actions[i].urgency);
    // The sample's live code received 25 days ago for 30 days expires 2026-11-27: in 4 days.
    CHECK(a.actions[0].kind == ActionKind::spark_expires_soon);
    CHECK(a.actions[0].title == "@glowwithmaya: Spark Code expires in 4 days");
    CHECK(a.actions[0].owner == "Dana (paid media)");
    CHECK(review_to_json(a, p) == review_to_json(review(p, d(2026, 11, 23)), p));
    const std::string text = review_to_text(a, p);
    CHECK(text.find("Spark Ad candidates") != std::string::npos);
    CHECK(text.find("Creators by margin") != std::string::npos);
}
