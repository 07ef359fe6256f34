#include <doctest/doctest.h>

#include "builders.hpp"
#include "core/briefs.hpp"

using namespace sr;
using namespace sr::test;

static Brief good_brief(Program& p) {
    Brief b;
    b.id = p.next_id++;
    b.title = "Serum launch";
    b.product_id = add_product(p);
    b.hook = HookAngle::problem_agitation;
    b.product_truths = {"ceramides", "fragrance-free"};
    b.proof = ProofKind::before_after;
    b.proof_detail = "day 1 and day 14, same light";
    b.call_to_action = "Grab it from my TikTok Shop";
    b.do_not_say = {"cures eczema"};
    b.due = d(2026, 12, 1);
    b.creator_ids = {add_creator(p, "briefed", 20000)};
    return b;
}

static bool has(const BriefCheck& c, Severity s, const std::string& field) {
    for (const BriefIssue& i : c.issues)
        if (i.severity == s && i.field == field) return true;
    return false;
}

TEST_CASE("a complete brief has no errors and no warnings and can be shared") {
    Program p;
    const BriefCheck c = check_brief(good_brief(p), p);
    CHECK(c.issues.empty());
    CHECK(c.can_share());
}

TEST_CASE("at least one do-not-say entry is required: without it the brief cannot be shared") {
    Program p;
    Brief b = good_brief(p);
    b.do_not_say = {"  "};
    const BriefCheck c = check_brief(b, p);
    CHECK(has(c, Severity::error, "do_not_say"));
    CHECK_FALSE(c.can_share());
}

TEST_CASE("a third product truth is a warning: a brief is not a feature list") {
    Program p;
    Brief b = good_brief(p);
    b.product_truths.push_back("vegan");
    const BriefCheck c = check_brief(b, p);
    CHECK(has(c, Severity::warning, "product_truths"));
    CHECK(c.can_share());
    CHECK(c.issues[0].message.find("not a feature list") != std::string::npos);
    b.product_truths.clear();
    CHECK(has(check_brief(b, p), Severity::error, "product_truths"));
}

TEST_CASE("a passive call to action like \"link in bio\" is a warning with a suggestion") {
    Program p;
    Brief b = good_brief(p);
    b.call_to_action = "Link in bio!";
    const BriefCheck c = check_brief(b, p);
    REQUIRE(c.issues.size() == 1);
    CHECK(c.issues[0].severity == Severity::warning);
    CHECK(c.issues[0].field == "call_to_action");
    CHECK(c.issues[0].suggestion.find("grab it from my TikTok Shop") != std::string::npos);
    CHECK(c.issues[0].suggestion.find("link is pinned") != std::string::npos);
    CHECK(passive_call_to_action("check my bio"));
    CHECK_FALSE(passive_call_to_action("link is pinned"));
    CHECK_FALSE(passive_call_to_action("Grab it from my TikTok Shop"));
    b.call_to_action = "";
    CHECK(has(check_brief(b, p), Severity::error, "call_to_action"));
}

TEST_CASE("a custom hook angle needs its description; proof needs what to show; a product is required") {
    Program p;
    Brief b = good_brief(p);
    b.hook = HookAngle::custom;
    b.proof_detail = "";
    b.product_id = 0;
    const BriefCheck c = check_brief(b, p);
    CHECK(has(c, Severity::error, "custom_angle"));
    CHECK(has(c, Severity::error, "proof_detail"));
    CHECK(has(c, Severity::error, "product_id"));
    CHECK(c.errors() == 3);
}

TEST_CASE("a scripted opening line, no due date and no creators are warnings") {
    Program p;
    Brief b = good_brief(p);
    b.opening_line = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
                     "seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour twentyfive twentysix";
    b.due.reset();
    b.creator_ids.clear();
    const BriefCheck c = check_brief(b, p);
    CHECK(c.errors() == 0);
    CHECK(c.warnings() == 3);
}

TEST_CASE("the checklist is derived from the five parts plus the compliance items") {
    Program p;
    Brief b = good_brief(p);
    b.request_spark_code = true;
    b.spark_days_wanted = 60;
    const auto items = brief_checklist(b, p);
    std::vector<std::string> ids;
    for (const ChecklistItem& i : items) ids.push_back(i.id);
    CHECK(ids == std::vector<std::string>{"hook", "truth-1", "truth-2", "proof", "cta", "dont-1", "disclose", "tag",
                                          "claims", "spark", "due"});
    CHECK(items[0].text == "Open with the problem / agitation (\"I struggled with this for years\") angle");
    CHECK(items[5].text == "Do not say: cures eczema");
    CHECK(items[9].text.find("60 days") != std::string::npos);
}

TEST_CASE("a brief that asks for a Spark Code asks for 7 to 365 days") {
    Program p;
    Brief b = good_brief(p);
    b.request_spark_code = true;
    b.spark_days_wanted = 365;
    CHECK(check_brief(b, p).can_share());
    b.spark_days_wanted = 366;
    CHECK(has(check_brief(b, p), Severity::error, "spark_days_wanted"));
    b.spark_days_wanted = 6;
    CHECK(has(check_brief(b, p), Severity::error, "spark_days_wanted"));
    b.request_spark_code = false;  // not asked: the length does not matter
    CHECK(check_brief(b, p).can_share());
}
