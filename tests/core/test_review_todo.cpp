// The weekly review as a to-do list (docs/rules.md, section 6, "The to-do list"): actions marked
// done or snoozed, their return, and the grouping by creator.
#include <doctest/doctest.h>

#include "builders.hpp"
#include "core/backup.hpp"
#include "core/review.hpp"
#include "core/review_today.hpp"
#include "core/review_todo.hpp"
#include "core/store.hpp"

using namespace sr;
using namespace sr::test;

namespace {

// Reviews held on Monday 2026-11-23 (creator numbers from posts of 2026-10-26 .. 2026-11-22).
const Date kMonday = d(2026, 11, 23);

// @glow (no agreed output): one post on 11-10 with 1,240 clicks and 7 orders (conversion 0.56 % <
// 1 %) and a sample delivered 2026-10-20, 34 days before the review, with no post: a conversion
// flag (this week), a sample follow-up and a Spark Ad candidate (the post, no code). The roster is
// short of every tier's target: three roster items, about no creator.
struct Fixture {
    Program p;
    Id glow = 0, post = 0, sample = 0;
    Fixture() {
        const Id prod = add_product(p);
        glow = add_creator(p, "glow", 20000, CreatorStatus::active, 0);
        Post& x = add_post(p, glow, d(2026, 11, 10), 20000, 1240, 7, 500, prod);
        x.commission = 50;  // 10 % of GMV: inside the tier 1 band
        post = x.id;
        Sample s;
        s.id = p.next_id++;
        s.creator_id = glow;
        s.product_id = prod;
        s.shipped = d(2026, 10, 18);
        s.delivered = d(2026, 10, 20);
        s.status = SampleStatus::delivered;
        sample = s.id;
        p.samples.push_back(s);
    }
};

const ReviewItem* find(const std::vector<TodoEntry>& v, ActionKind k) {
    for (const TodoEntry& e : v)
        if (e.item.kind == k) return &e.item;
    return nullptr;
}
const TodoEntry* entry(const std::vector<TodoEntry>& v, ActionKind k) {
    for (const TodoEntry& e : v)
        if (e.item.kind == k) return &e;
    return nullptr;
}
const TodoEntry* entry(const std::vector<TodoEntry>& v, const std::string& key) {
    for (const TodoEntry& e : v)
        if (action_key(e.item) == key) return &e;
    return nullptr;
}

ReviewTodo todo_on(const Store& s, Date day) { return review_todo(review_on(s.program(), day), s.program().review_marks, day); }

Post& post_of(Program& p, Id id) {
    for (Post& x : p.posts)
        if (x.id == id) return x;
    return p.posts.front();
}

}  // namespace

TEST_CASE("an action's identity is its kind and record ids; its numbers are its key figure or its reason") {
    Fixture f;
    const Review r = review(f.p, kMonday);
    const ReviewTodo t = review_todo(r, {}, kMonday);
    const ReviewItem* conv = find(t.open, ActionKind::conversion_flag);
    REQUIRE(conv);
    CHECK(action_key(*conv) == "conversion_flag/" + std::to_string(f.glow) + "/0/0");
    CHECK(conv->numbers == "conversion 0.56 % < 1 % on 1,240 clicks");
    const ReviewItem* smp = find(t.open, ActionKind::sample_followup);
    REQUIRE(smp);
    CHECK(action_key(*smp) == "sample_followup/" + std::to_string(f.glow) + "/" + std::to_string(f.sample) + "/0");
    // The days since delivery change every day; the numbers do not.
    CHECK(smp->numbers == "Product " + std::to_string(f.p.products[0].id) + " delivered 2026-10-20");
    const ReviewItem* roster = find(t.open, ActionKind::roster_target);
    REQUIRE(roster);
    CHECK(action_key(*roster) == "roster_target/0/0/1");  // tier 1
}

TEST_CASE("a done action stays done while its numbers are the same, and comes back when they change") {
    Fixture f;
    f.p.settings.user_name = "Ana";
    Store store(f.p);
    const ReviewItem conv = *find(todo_on(store, kMonday).open, ActionKind::conversion_flag);
    REQUIRE(store.mark_review_action(mark_for(conv, MarkState::done, kMonday)).ok);

    ReviewTodo t = todo_on(store, kMonday);
    CHECK_FALSE(find(t.open, ActionKind::conversion_flag));
    REQUIRE(entry(t.hidden, ActionKind::conversion_flag));
    CHECK(entry(t.hidden, ActionKind::conversion_flag)->note == "done 2026-11-23 by Ana");

    // A week later the post is still in the window with the same numbers: still done.
    CHECK_FALSE(find(todo_on(store, d(2026, 11, 30)).open, ActionKind::conversion_flag));

    // Its cause goes (conversion 1.6 %) and comes back with the same numbers: still done.
    Program p = store.program();
    post_of(p, f.post).orders = 20;
    store.replace_program(p);
    CHECK_FALSE(find(todo_on(store, kMonday).open, ActionKind::conversion_flag));
    CHECK_FALSE(find(todo_on(store, kMonday).hidden, ActionKind::conversion_flag));
    post_of(p, f.post).orders = 7;
    store.replace_program(p);
    CHECK_FALSE(find(todo_on(store, kMonday).open, ActionKind::conversion_flag));

    // New numbers: 8 orders on 1,500 clicks (0.53 %). It is back, saying what it read when done.
    post_of(p, f.post).clicks = 1500;
    post_of(p, f.post).orders = 8;
    store.replace_program(p);
    t = todo_on(store, kMonday);
    const TodoEntry* back = entry(t.open, ActionKind::conversion_flag);
    REQUIRE(back);
    CHECK(back->item.reason == "conversion 0.53 % < 1 % on 1,500 clicks");
    CHECK(back->note ==
          "back with new numbers: done 2026-11-23 by Ana when it read \"conversion 0.56 % < 1 % on 1,240 clicks\"");
}

TEST_CASE("a snoozed action is hidden until its day and comes back on that day, not before") {
    Fixture f;
    Store store(f.p);
    const std::string tier1 = "roster_target/0/0/1";
    const ReviewItem roster = entry(todo_on(store, kMonday).open, tier1)->item;
    // A snooze ends after the day it is marked on.
    CHECK_FALSE(store.mark_review_action(mark_for(roster, MarkState::snoozed, kMonday, kMonday)).ok);
    CHECK_FALSE(store.mark_review_action(mark_for(roster, MarkState::snoozed, kMonday, std::nullopt)).ok);
    REQUIRE(store.mark_review_action(mark_for(roster, MarkState::snoozed, kMonday, d(2026, 12, 2))).ok);

    for (Date day : {kMonday, d(2026, 11, 30), d(2026, 12, 1)}) {
        const ReviewTodo t = todo_on(store, day);
        CHECK_MESSAGE(!entry(t.open, tier1), day.to_string());
        REQUIRE(entry(t.hidden, tier1));
        CHECK(entry(t.hidden, tier1)->note == "snoozed 2026-11-23 by someone until 2026-12-02");
        CHECK(entry(t.open, "roster_target/0/0/2"));  // the other tiers' items are not snoozed
    }
    const ReviewTodo on_the_day = todo_on(store, d(2026, 12, 2));
    const TodoEntry* back = entry(on_the_day.open, tier1);
    REQUIRE(back);
    CHECK(back->note == "back from a snooze: snoozed 2026-11-23 by someone until 2026-12-02");
    CHECK(entry(todo_on(store, d(2026, 12, 9)).open, tier1));

    // Its cause gone by the day (the tier 1 roster in range): it does not come back.
    Program p = store.program();
    p.settings.tier_targets[0] = {0, 200};
    store.replace_program(p);
    CHECK_FALSE(entry(todo_on(store, d(2026, 12, 2)).open, tier1));
    CHECK_FALSE(entry(todo_on(store, d(2026, 12, 2)).hidden, tier1));
}

TEST_CASE("a done Spark Code expiry stays done as its days count down: its numbers are the expiry date") {
    Program p;
    const Id c = add_creator(p, "glow", 20000);
    Post& x = add_post(p, c, d(2026, 11, 1), 5000, 200, 10);
    SparkCode code;
    code.id = p.next_id++;
    code.creator_id = c;
    code.post_id = x.id;
    code.code = "#abcdefghijklmnopq";
    code.status = SparkStatus::live;
    code.verified_in_ads_manager = true;
    code.auth_start = d(2026, 10, 29);
    code.duration_days = 30;  // expires 2026-11-28
    p.spark_codes.push_back(code);
    Store store(p);
    const ReviewItem soon = *find(todo_on(store, kMonday).open, ActionKind::spark_expires_soon);
    CHECK(soon.title == "@glow: Spark Code expires in 5 days");
    CHECK(soon.numbers == "expires 2026-11-28");
    REQUIRE(store.mark_review_action(mark_for(soon, MarkState::done, kMonday)).ok);
    CHECK_FALSE(find(todo_on(store, d(2026, 11, 26)).open, ActionKind::spark_expires_soon));  // "in 2 days"
    // Past the expiry and still live: another action, not hidden by the first one's mark.
    CHECK(find(todo_on(store, d(2026, 11, 30)).open, ActionKind::spark_expired_while_live));
}

TEST_CASE("codes past their expiry that never went live are offered for expiry, and setting them expired ends it") {
    Program p;
    const Id c = add_creator(p, "glow", 20000);
    SparkCode code;
    code.id = p.next_id++;
    code.creator_id = c;
    code.code = "#abcdefghijklmnopq";
    code.status = SparkStatus::verified;
    code.verified_in_ads_manager = true;
    code.auth_start = d(2026, 10, 1);
    code.duration_days = 30;  // expired 2026-10-31
    p.spark_codes.push_back(code);
    Store store(p);
    const ReviewTodo t = todo_on(store, kMonday);
    const ReviewItem* past = find(t.open, ActionKind::spark_past_expiry);
    REQUIRE(past);
    CHECK(past->urgency == 0);
    CHECK(past->record_id == code.id);
    CHECK(past->title == "@glow: Spark Code past its expiry");
    CHECK(past->reason ==
          "Spark Code of @glow expired 2026-10-31 (23 days ago) while verified, before it went live: set it expired, "
          "then extend or replace it if the post should still run");
    CHECK(past->numbers == "expired 2026-10-31");
    REQUIRE(store.expire_spark_code(code.id, kMonday).ok);
    CHECK_FALSE(find(todo_on(store, kMonday).open, ActionKind::spark_past_expiry));
}

TEST_CASE("a creator's actions are grouped under the creator, where its most urgent action is") {
    Fixture f;
    const Id other = add_creator(f.p, "other", 20000, CreatorStatus::active, 0);
    Post& x = add_post(f.p, other, d(2026, 11, 12), 20000, 1000, 5, 300);  // conversion 0.5 %
    x.commission = 30;
    const Review r = review(f.p, kMonday);
    const ReviewTodo t = review_todo(r, {}, kMonday);
    const std::vector<TodoGroup> groups = group_by_creator(t, f.p);
    // Conversion flags (this week) of other (0.5 %) then glow (0.56 %); under each its other
    // actions (glow's sample follow-up, both Spark Ad candidates); then the three roster items alone.
    REQUIRE(groups.size() == 5);
    CHECK(groups[0].label == "@other");
    CHECK(groups[0].urgency == 1);
    CHECK(groups[0].items.size() == 2);
    CHECK(groups[1].label == "@glow");
    CHECK(groups[1].creator_id == f.glow);
    CHECK(groups[1].urgency == 1);
    REQUIRE(groups[1].items.size() == 3);
    CHECK(t.open[groups[1].items[0]].item.kind == ActionKind::conversion_flag);
    CHECK(t.open[groups[1].items[1]].item.kind == ActionKind::sample_followup);
    CHECK(t.open[groups[1].items[2]].item.kind == ActionKind::spark_candidate);
    CHECK(groups[1].summary == "conversion rate; sample with no post; Spark Ad candidate, post " + std::to_string(f.post));
    for (size_t g = 2; g < 5; ++g) {
        CHECK(groups[g].creator_id == 0);
        CHECK(groups[g].urgency == 4);
        CHECK(groups[g].items.size() == 1);
    }
    CHECK(groups[2].label == "tier 1 nano/micro roster below target");

    const std::string text = todo_to_text(t, groups, r, f.p);
    CHECK(text.find("To do: 8 actions (2 creators, 3 other); done or snoozed: 0\n") != std::string::npos);
    CHECK(text.find("\nTHIS WEEK\n@other (2 actions)\n  - conversion rate\n") != std::string::npos);
    CHECK(text.find("@glow (3 actions)\n  - conversion rate\n      why: conversion 0.56 % < 1 % on 1,240 clicks\n") !=
          std::string::npos);
    CHECK(text.find("\nFOR INFORMATION\n- tier 1 nano/micro roster below target\n") != std::string::npos);
}

TEST_CASE("review marks are kept in the backup with who and when, merged by action, and undone like any change") {
    Fixture f;
    f.p.settings.user_name = "  Ana ";
    Store store(f.p);
    const ReviewItem conv = *find(todo_on(store, kMonday).open, ActionKind::conversion_flag);
    REQUIRE(store.mark_review_action(mark_for(conv, MarkState::done, kMonday)).ok);
    REQUIRE(store.program().review_marks.size() == 1);
    const ReviewMark& m = store.program().review_marks[0];
    CHECK(m.by == "Ana");
    CHECK(m.on == kMonday);
    CHECK(m.title == "@glow: conversion rate");

    const LoadResult back = program_from_json(program_to_json(store.program()));
    REQUIRE(back.ok());
    REQUIRE(back.program->review_marks.size() == 1);
    CHECK(back.program->review_marks[0].action == m.action);
    CHECK(back.program->review_marks[0].numbers == m.numbers);
    CHECK(back.program->settings.user_name == "  Ana ");

    // Marking again replaces the mark: one per action.
    REQUIRE(store.mark_review_action(mark_for(conv, MarkState::snoozed, kMonday, d(2026, 12, 7))).ok);
    CHECK(store.program().review_marks.size() == 1);
    CHECK(store.program().review_marks[0].state == MarkState::snoozed);
    REQUIRE(store.undo());
    CHECK(store.program().review_marks[0].state == MarkState::done);
    REQUIRE(store.clear_review_mark(m.action).ok);
    CHECK(store.program().review_marks.empty());
    CHECK(find(todo_on(store, kMonday).open, ActionKind::conversion_flag));
    REQUIRE(store.undo());
    CHECK(store.program().review_marks.size() == 1);

    // A backup marking one action twice, or a snooze without its day, is refused at the mark.
    const std::string two = R"({"format":"spark-roster","version":1,"review_marks":[)"
                             R"({"action":"budget/0/0/2","on":"2026-11-23"},{"action":"budget/0/0/2","on":"2026-11-24"}]})";
    const LoadResult twice = program_from_json(two);
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.problems[0].path == "$.review_marks[1].action");
    const LoadResult no_day = program_from_json(
        R"({"format":"spark-roster","version":1,"review_marks":[{"action":"budget/0/0/2","state":"snoozed","on":"2026-11-23"}]})");
    REQUIRE_FALSE(no_day.ok());
    CHECK(no_day.problems[0].path == "$.review_marks[0].until");
}

TEST_CASE("a read-only tab cannot mark a review action; marks join a transaction as one undo step") {
    Fixture f;
    Store store(f.p);
    const ReviewTodo t = todo_on(store, kMonday);
    const ReviewItem conv = *find(t.open, ActionKind::conversion_flag);
    const ReviewItem smp = *find(t.open, ActionKind::sample_followup);
    store.set_read_only(true);
    const CommandResult r = store.mark_review_action(mark_for(conv, MarkState::done, kMonday));
    CHECK_FALSE(r.ok);
    REQUIRE(!r.errors.empty());
    CHECK(r.errors[0].field == "read_only");
    CHECK(store.program().review_marks.empty());
    store.set_read_only(false);

    REQUIRE(store.transaction("Done: two actions", [&](Store& s) {
                     CommandResult a = s.mark_review_action(mark_for(conv, MarkState::done, kMonday));
                     if (!a.ok) return a;
                     return s.mark_review_action(mark_for(smp, MarkState::snoozed, kMonday, d(2026, 11, 30)));
                 }).ok);
    CHECK(store.program().review_marks.size() == 2);
    REQUIRE(store.undo());
    CHECK(store.program().review_marks.empty());
}
