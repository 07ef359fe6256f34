// The weekly review as a to-do list (docs/rules.md, section 6, "The to-do list"): the review's
// actions with the program's marks applied (done, snoozed until a day), grouped by creator, and
// written out as text to copy or as rows to export.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model.hpp"
#include "review.hpp"

namespace sr {

// One action of the review and what its mark (if any) does to it on the review day.
struct TodoEntry {
    ReviewItem item;
    std::optional<ReviewMark> mark;  // the action's mark, also when it no longer hides the action
    bool hidden = false;             // done with the same numbers, or snoozed until after the day
    // In words: why it is hidden ("done 2026-11-30 by Ana"; "snoozed until 2026-12-07 by someone")
    // or why it is back ("back with new numbers: done 2026-11-30 by Ana when it read ...";
    // "back from a snooze until 2026-12-07 by Ana"); "" when never marked.
    std::string note;
};

struct ReviewTodo {
    Date day;                        // the review day the marks were applied on
    std::vector<TodoEntry> open;     // what is to do, in the review's order
    std::vector<TodoEntry> hidden;   // done or snoozed, in the review's order
};

// An action comes back:
// - done: as soon as its numbers differ from the numbers it had when marked done (while they are
//   the same, it stays done, however often its cause goes and comes back);
// - snoozed until U: on day U, if its cause is still there (before U it stays hidden whatever its
//   numbers). From U on the mark has no effect.
// A mark whose action is not in the review (its cause is gone) is kept and changes nothing.
ReviewTodo review_todo(const Review& r, const std::vector<ReviewMark>& marks, Date day);

// The mark a person puts on an action on review day `on` (`until` for a snooze; it must be later
// than `on`). `by` is filled by the Store from the settings.
ReviewMark mark_for(const ReviewItem& a, MarkState state, Date on, std::optional<Date> until = std::nullopt);

// "done 2026-11-30 by Ana", "snoozed 2026-11-30 by someone until 2026-12-07".
std::string mark_text(const ReviewMark& m);

// The open actions by creator: the actions about one creator together under it, placed where its
// most urgent action is; an action about no creator (roster, budget) alone. In the order of the
// most urgent action of each group.
struct TodoGroup {
    Id creator_id = 0;          // 0: a single action about no creator
    int urgency = 4;            // of its most urgent action
    std::vector<size_t> items;  // indexes into ReviewTodo::open, in order
    std::string label;          // "@glowwithmaya", or the action's title
    std::string summary;        // its actions in a line: "Spark Code expires in 5 days; conversion rate"
};
std::vector<TodoGroup> group_by_creator(const ReviewTodo& t, const Program& p);

// The part of an action's title after its creator: "conversion rate" for "@glow: conversion rate".
std::string action_topic(const ReviewItem& a);

// The to-do list as plain text, for the clipboard: by urgency, each creator with its actions,
// each action with why and what to do; then what is done and snoozed.
std::string todo_to_text(const ReviewTodo& t, const std::vector<TodoGroup>& groups, const Review& r, const Program& p);

// "Now", "This week", "Follow up", "Opportunity", "For information".
const char* urgency_name(int urgency);

}  // namespace sr
