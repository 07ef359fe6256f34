#include <doctest/doctest.h>

#include "builders.hpp"
#include "core/exclusivity.hpp"
#include "core/review.hpp"
#include "core/store.hpp"

using namespace sr;
using namespace sr::test;

static const Date kToday = d(2026, 11, 23);

TEST_CASE("an exclusivity window ending within 14 days is an alert, and one past or further off is not") {
    Program p;
    const Id c = add_creator(p, "thu.ha", 650000);
    creator(p, c).display_name = "Thu Hà 🌿";
    creator(p, c).exclusivity = Exclusivity{d(2026, 9, 1), d(2026, 12, 7), "Skincare"};  // 14 days after 11-23
    auto notes = exclusivity_notes_for(p, c, kToday);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].kind == ExclusivityNoteKind::ends_soon);
    CHECK(notes[0].days == 14);
    CHECK(notes[0].message == "exclusivity in Skincare ends 2026-12-07, in 14 days: renew it or plan the category without it");
    CHECK(exclusivity_notes_for(p, c, d(2026, 11, 22)).empty());  // 15 days: not yet
    notes = exclusivity_notes_for(p, c, d(2026, 12, 7));
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].days == 0);
    CHECK(notes[0].message.find("ends 2026-12-07, today") != std::string::npos);
    CHECK(exclusivity_notes_for(p, c, d(2026, 12, 8)).empty());  // over
    p.settings.exclusivity_alert_days = 7;
    CHECK(exclusivity_notes_for(p, c, kToday).empty());
    p.settings.exclusivity_alert_days = 14;
    creator(p, c).status = CreatorStatus::ended;  // an ended creator's window is not followed
    CHECK(exclusivity_notes_for(p, c, kToday).empty());
}

TEST_CASE("a second top-tier creator holding exclusivity in the same category at the same time is a warning") {
    Program p;
    const Id a = add_creator(p, "thu.ha", 650000);     // tier 3 from followers
    const Id b = add_creator(p, "nong.ploy", 520000);  // tier 3
    const Id m = add_creator(p, "mid.one", 200000);    // tier 2
    creator(p, a).exclusivity = Exclusivity{d(2026, 11, 1), d(2027, 2, 28), "Skincare"};
    creator(p, b).exclusivity = Exclusivity{d(2027, 1, 15), d(2027, 4, 30), " skincare "};  // same, other case
    creator(p, m).exclusivity = Exclusivity{d(2026, 11, 1), d(2027, 4, 30), "Skincare"};
    auto notes = exclusivity_notes_for(p, a, kToday);
    REQUIRE(notes.size() == 1);  // the tier-2 creator's window does not count
    CHECK(notes[0].kind == ExclusivityNoteKind::overlap);
    CHECK(notes[0].other_id == b);
    CHECK(notes[0].days == 45);  // 2027-01-15 to 2027-02-28: 17 + 28 days
    CHECK(notes[0].message == "@nong.ploy, another top-tier creator, holds exclusivity in skincare 2027-01-15 to "
                              "2027-04-30: the two windows overlap 2027-01-15 to 2027-02-28");
    // And the other way round.
    REQUIRE(exclusivity_notes_for(p, b, kToday).size() == 1);
    CHECK(exclusivity_notes_for(p, b, kToday)[0].other_id == a);
    // Another category: no overlap. An empty category is every category: it overlaps.
    creator(p, b).exclusivity->category = "Haircare";
    CHECK(exclusivity_notes_for(p, a, kToday).empty());
    creator(p, b).exclusivity->category = "";
    CHECK(exclusivity_notes_for(p, a, kToday).size() == 1);
    // Windows that only shared days in the past: nothing to warn about.
    creator(p, b).exclusivity = Exclusivity{d(2026, 10, 1), d(2026, 11, 20), "Skincare"};
    CHECK(exclusivity_notes_for(p, a, kToday).empty());
    // The day the windows touch counts: one day of overlap.
    creator(p, b).exclusivity = Exclusivity{d(2027, 2, 28), d(2027, 5, 1), "Skincare"};
    REQUIRE(exclusivity_notes_for(p, a, kToday).size() == 1);
    CHECK(exclusivity_notes_for(p, a, kToday)[0].days == 1);
    // A creator pinned down to tier 2 is not top tier.
    creator(p, b).pinned_tier = 2;
    CHECK(exclusivity_notes_for(p, a, kToday).empty());
}

TEST_CASE("a compliance incident links to one of the creator's posts, and the post cannot go while it does") {
    Program p;
    const Id c = add_creator(p, "thu.ha", 650000);
    const Id other = add_creator(p, "someone.else", 20000);
    const Id post = add_post(p, c, d(2026, 11, 2), 10000, 200, 5).id;
    const Id theirs = add_post(p, other, d(2026, 11, 2), 10000, 200, 5).id;
    Store store(p);
    ComplianceIncident x;
    x.date = d(2026, 11, 3);
    x.kind = "missing disclosure";
    x.post_id = theirs;
    CommandResult r = store.add_incident(c, x);
    REQUIRE_FALSE(r.ok);
    CHECK(r.errors[0].field == "post_id");
    CHECK(r.errors[0].message == "That post belongs to another creator.");
    x.post_id = 999;
    CHECK(store.add_incident(c, x).errors[0].message == "No post with id 999.");
    x.post_id = post;
    r = store.add_incident(c, x);
    REQUIRE(r.ok);
    CHECK(store.find_creator(c)->compliance[0].post_id == post);
    const CommandResult gone = store.remove_post(post);
    REQUIRE_FALSE(gone.ok);
    CHECK(gone.errors[0].message == "The post is named by 1 compliance incident; unlink or remove those first.");
    x.id = r.id;
    x.post_id = 0;  // unlinked: the post can go
    REQUIRE(store.update_incident(c, x).ok);
    CHECK(store.remove_post(post).ok);
}

TEST_CASE("a tier pinned by hand, and unpinned, lands in the tier history with its date and reason") {
    Program p;
    const Id c = add_creator(p, "thu.ha", 650000);  // tier 3 from followers
    Store store(p);
    REQUIRE(store.change_tier(c, 2, kToday, "budget for tier 3 is spent").ok);
    const Creator* x = store.find_creator(c);
    CHECK(x->pinned_tier == 2);
    REQUIRE(x->tier_history.size() == 1);
    CHECK(x->tier_history[0].date == kToday);
    CHECK(x->tier_history[0].from == 3);
    CHECK(x->tier_history[0].to == 2);
    CHECK(x->tier_history[0].reason == "budget for tier 3 is spent");
    // Follow followers again: back to tier 3, recorded the same way.
    REQUIRE(store.change_tier(c, 0, d(2026, 12, 1), "budget back").ok);
    x = store.find_creator(c);
    CHECK(x->pinned_tier == 0);
    REQUIRE(x->tier_history.size() == 2);
    CHECK(x->tier_history[1].from == 2);
    CHECK(x->tier_history[1].to == 3);
    CHECK(store.change_tier(c, 0, d(2026, 12, 2), "again").errors[0].message == "@thu.ha already follows followers.");
    CHECK(store.change_tier(c, 1, d(2026, 12, 2), "  ").errors[0].field == "reason");
}

TEST_CASE("the weekly review lists a window ending soon and an overlap of top-tier windows, the overlap once for the pair") {
    Program p;
    const Id a = add_creator(p, "thu.ha", 650000);     // tier 3 from followers
    const Id b = add_creator(p, "nong.ploy", 520000);  // tier 3
    creator(p, a).exclusivity = Exclusivity{d(2026, 9, 1), d(2026, 12, 7), "Skincare"};    // 14 days after 11-23
    creator(p, b).exclusivity = Exclusivity{d(2026, 12, 1), d(2027, 3, 31), "Skincare"};   // shares 12-01 to 12-07
    auto of = [&](const Review& r, ActionKind k) {
        std::vector<ReviewItem> out;
        for (const ReviewItem& x : r.actions)
            if (x.kind == k) out.push_back(x);
        return out;
    };
    Review r = review(p, kToday);
    const auto ends = of(r, ActionKind::exclusivity_ends);
    REQUIRE(ends.size() == 1);
    CHECK(ends[0].creator_id == a);
    CHECK(ends[0].title == "@thu.ha: exclusivity ends in 14 days");
    CHECK(ends[0].reason == "exclusivity in Skincare ends 2026-12-07, in 14 days: renew it or plan the category without it");
    CHECK(ends[0].urgency == 2);
    const auto overlap = of(r, ActionKind::exclusivity_overlap);
    REQUIRE(overlap.size() == 1);  // not once under each creator
    CHECK(overlap[0].creator_id == a);
    CHECK(overlap[0].record_id == b);
    CHECK(overlap[0].title == "@thu.ha: exclusivity overlaps @nong.ploy's");
    CHECK(overlap[0].reason.find("overlap 2026-12-01 to 2026-12-07") != std::string::npos);
    // A renewed window (a new end) is a new cause: the action's numbers change with it.
    const std::string key = action_key(ends[0]);
    creator(p, a).exclusivity->end = d(2026, 12, 5);
    r = review(p, kToday);
    REQUIRE(of(r, ActionKind::exclusivity_ends).size() == 1);
    CHECK(action_key(of(r, ActionKind::exclusivity_ends)[0]) == key);
    CHECK(of(r, ActionKind::exclusivity_ends)[0].numbers == "ends 2026-12-05");
    CHECK(ends[0].numbers == "ends 2026-12-07");
    // Renewed well past the alert days: no action.
    creator(p, a).exclusivity->end = d(2027, 2, 28);
    CHECK(of(review(p, kToday), ActionKind::exclusivity_ends).empty());
}
