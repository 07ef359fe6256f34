// The weekly review, the home screen: a to-do list of every action due this week, grouped by
// urgency and, within it, by creator (one line per creator with its reasons, expandable), each
// action linking to its record and marked done or snoozed through the Store; the program phase
// and budget; content velocity and margin vs GMV. The review's day is today, or the day in the
// link ("#/review?day=2026-12-20").
#pragma once
#include <imgui.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/review.hpp"
#include "core/review_todo.hpp"
#include "table_util.hpp"
#include "view.hpp"

namespace sr::ui {

class ReviewView : public View {
public:
    explicit ReviewView(Store& store);
    const char* title() const override { return "Weekly review"; }
    const char* screen() const override { return "review"; }
    void draw(Context& ctx) override;
    bool close_dialog() override;

private:
    // One line of the list as drawn: an urgency heading, a creator's line, or an action.
    struct Row {
        enum Kind { heading, creator, action } kind = heading;
        int urgency = 0;
        size_t group = 0;   // into groups_
        size_t entry = 0;   // into todo_.open (actions)
        bool nested = false;  // an action under its creator's line
    };

    void rebuild(Date day);
    void build_rows();
    void draw_header(Context& ctx);
    void draw_toolbar();
    void draw_actions(Context& ctx);
    void draw_group(Context& ctx, const TodoGroup& g, float w, float h);
    void draw_action(Context& ctx, size_t index, bool nested, float w, float h);
    void draw_hidden();
    void draw_snooze_popup();
    float action_height(size_t index, bool nested, float w) const;
    void draw_velocity(const ImVec2& size);
    void draw_margin_chart(Context& ctx, const ImVec2& size);

    Store& store_;
    Review review_;
    ReviewTodo todo_;
    std::vector<TodoGroup> groups_;
    std::vector<Row> rows_;
    std::vector<float> heights_;      // by row, for the width they were measured at
    float heights_width_ = -1;
    std::set<Id> expanded_;           // creators whose actions are shown one by one
    bool rows_dirty_ = false;         // a creator was opened or closed: rows_ to build again
    bool show_hidden_ = false;        // the list shows what is done and snoozed instead
    std::string notice_;              // "Copied 12 actions as text."
    std::string day_problem_;         // the link's day could not be read
    std::vector<RankRow> margin_rows_;  // top creators by GMV, margin beside
    Phase phase_ = Phase::not_started;
    std::optional<BudgetMonth> budget_;
    uint64_t revision_ = UINT64_MAX;
    Date built_for_;
    Date day_;                        // the review's day
    Date today_;                      // the real one
    bool day_from_link_ = false;

    // The snooze dialog: the action, and the day typed.
    bool want_snooze_ = false;
    std::optional<ReviewItem> snoozing_;
    char snooze_until_[16] = {};
    std::string snooze_error_;
    bool close_requested_ = false;

    // Export: open then done and snoozed, as listed.
    std::vector<const TodoEntry*> export_entries_;
    std::vector<size_t> export_rows_;
    TableColumns export_columns_;
};

}  // namespace sr::ui
