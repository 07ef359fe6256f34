#include <doctest/doctest.h>

#include "core/creators.hpp"
#include "core/store.hpp"

using namespace sr;

static Creator creator(const char* handle, int64_t followers) {
    Creator c;
    c.handle = handle;
    c.followers = followers;
    return c;
}

TEST_CASE("a creator's tier follows the follower bounds 5,000 / 100,000 / 500,000") {
    const Settings s;
    CHECK(tier_for_followers(99999, s) == 1);
    CHECK(tier_for_followers(100000, s) == 2);  // exactly 100,000 is mid
    CHECK(tier_for_followers(499999, s) == 2);
    CHECK(tier_for_followers(500000, s) == 3);  // exactly 500,000 is top partner
    CHECK(tier_for_followers(5000, s) == 1);
}

TEST_CASE("under 5,000 followers is below the program floor: allowed, tier 1, with a warning") {
    const Settings s;
    Creator c = creator("tiny", 4999);
    CHECK(below_floor(c, s));
    CHECK(effective_tier(c, s) == 1);
    c.followers = 5000;
    CHECK_FALSE(below_floor(c, s));
    Store store;
    CHECK(store.add_creator(creator("tiny", 4999)).ok);
}

TEST_CASE("a pinned tier overrides the tier from followers") {
    const Settings s;
    Creator c = creator("pinned", 20000);
    c.pinned_tier = 3;
    CHECK(effective_tier(c, s) == 3);
    c.pinned_tier = 0;
    CHECK(effective_tier(c, s) == 1);
}

TEST_CASE("tier bounds are settings: moving them moves the tiers") {
    Settings s;
    s.tier2_min_followers = 50000;
    CHECK(tier_for_followers(60000, s) == 2);
}

TEST_CASE("handles are stored without the leading @ and compared ignoring case") {
    CHECK(normalize_handle("  @Glow.Daily ") == "Glow.Daily");
    CHECK(handle_key("@Glow.Daily") == handle_key("glow.daily"));
    Store store;
    auto first = store.add_creator(creator("@Glow.Daily", 1000));
    REQUIRE(first.ok);
    CHECK(store.find_creator(first.id)->handle == "Glow.Daily");
    auto dup = store.add_creator(creator("glow.daily", 2000));
    CHECK_FALSE(dup.ok);
    REQUIRE(dup.errors.size() == 1);
    CHECK(dup.errors[0].field == "handle");
    CHECK(dup.errors[0].message == "@Glow.Daily is already on the roster.");
    CHECK(store.program().creators.size() == 1);
}

TEST_CASE("a handle is required and uses only letters, digits, '_' and '.'") {
    Store store;
    auto empty = store.add_creator(creator("  @ ", 10));
    REQUIRE_FALSE(empty.ok);
    CHECK(empty.errors[0].field == "handle");
    CHECK(empty.errors[0].message == "Handle is required.");
    auto bad = store.add_creator(creator("bad handle", 10));
    REQUIRE_FALSE(bad.ok);
    CHECK(bad.errors[0].message.find("' ' is not allowed") != std::string::npos);
    CHECK(store.program().creators.empty());
}

TEST_CASE("followers are a whole number of 0 or more") {
    int64_t v = -1;
    std::string why;
    CHECK(parse_follower_count("12,500", v, why));
    CHECK(v == 12500);
    CHECK(parse_follower_count("0", v, why));
    CHECK(v == 0);
    CHECK_FALSE(parse_follower_count("-3", v, why));
    CHECK_FALSE(parse_follower_count("1.5", v, why));
    CHECK_FALSE(parse_follower_count("lots", v, why));
    CHECK(why.find("whole number") != std::string::npos);
    CHECK_FALSE(parse_follower_count("", v, why));
    Store store;
    CHECK_FALSE(store.add_creator(creator("neg", -1)).ok);
}

TEST_CASE("an edit that keeps the creator's own handle is accepted; taking another's is refused") {
    Store store;
    const Id a = store.add_creator(creator("alpha", 10)).id;
    store.add_creator(creator("beta", 10));
    Creator edit = *store.find_creator(a);
    edit.followers = 150000;
    CHECK(store.update_creator(edit).ok);
    CHECK(store.find_creator(a)->followers == 150000);
    edit.handle = "BETA";
    auto r = store.update_creator(edit);
    CHECK_FALSE(r.ok);
    CHECK(store.find_creator(a)->handle == "alpha");
}

TEST_CASE("every command can be undone and redone") {
    Store store;
    const Id a = store.add_creator(creator("alpha", 10)).id;
    Creator edit = *store.find_creator(a);
    edit.followers = 200000;
    store.update_creator(edit);
    CHECK(store.undo());
    CHECK(store.find_creator(a)->followers == 10);
    CHECK(store.redo());
    CHECK(store.find_creator(a)->followers == 200000);
    CHECK(store.undo());
    CHECK(store.undo());
    CHECK(store.program().creators.empty());
    CHECK_FALSE(store.undo());
    CHECK(store.redo());
    CHECK(store.find_creator(a) != nullptr);
}

TEST_CASE("removing a creator takes its posts, samples and codes, and undo brings them all back") {
    Store store;
    const Id a = store.add_creator(creator("alpha", 10)).id;
    const Id b = store.add_creator(creator("beta", 10)).id;
    Program p = store.program();
    Post mine;
    mine.id = 100;
    mine.creator_id = a;
    Post theirs;
    theirs.id = 101;
    theirs.creator_id = b;
    SparkCode code;
    code.id = 102;
    code.creator_id = a;
    p.posts = {mine, theirs};
    p.spark_codes = {code};
    p.next_id = 103;
    store.reset(p);
    auto f = store.creator_footprint(a);
    CHECK(f.posts == 1);
    CHECK(f.spark_codes == 1);
    REQUIRE(store.remove_creator(a).ok);
    CHECK(store.program().creators.size() == 1);
    CHECK(store.program().posts.size() == 1);
    CHECK(store.program().posts[0].id == 101);
    CHECK(store.program().spark_codes.empty());
    REQUIRE(store.undo());
    CHECK(store.program().creators.size() == 2);
    CHECK(store.program().posts.size() == 2);
    CHECK(store.program().posts[0].id == 100);
    CHECK(store.program().spark_codes.size() == 1);
}

TEST_CASE("the revision moves with every change so a saver knows what is unsaved") {
    Store store;
    const auto r0 = store.revision();
    store.add_creator(creator("alpha", 10));
    CHECK(store.revision() == r0 + 1);
    store.add_creator(creator("alpha", 10));  // refused: nothing changed
    CHECK(store.revision() == r0 + 1);
    store.undo();
    CHECK(store.revision() == r0 + 2);
}

TEST_CASE("a bulk status change is one step: one undo puts every creator back") {
    Store store;
    const Id a = store.add_creator(creator("alpha", 10)).id;
    const Id b = store.add_creator(creator("beta", 10)).id;
    Creator beta = *store.find_creator(b);
    beta.status = CreatorStatus::active;
    store.update_creator(beta);
    REQUIRE(store.set_creators_status({a, b}, CreatorStatus::paused).ok);
    CHECK(store.find_creator(a)->status == CreatorStatus::paused);
    CHECK(store.find_creator(b)->status == CreatorStatus::paused);
    REQUIRE(store.undo());
    CHECK(store.find_creator(a)->status == CreatorStatus::prospect);
    CHECK(store.find_creator(b)->status == CreatorStatus::active);
    // An unknown id refuses the whole change.
    CHECK_FALSE(store.set_creators_status({a, 999}, CreatorStatus::ended).ok);
    CHECK(store.find_creator(a)->status == CreatorStatus::prospect);
}
