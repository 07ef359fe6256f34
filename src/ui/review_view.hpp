// The weekly review, the home screen: every action due this week grouped by urgency, each
// linking to its record; the program phase and budget; content velocity and margin vs GMV.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "core/review.hpp"
#include "view.hpp"

namespace sr::ui {

class ReviewView : public View {
public:
    explicit ReviewView(Store& store) : store_(store) {}
    const char* title() const override { return "Weekly review"; }
    const char* screen() const override { return "review"; }
    void draw(Context& ctx) override;

private:
    void rebuild(Date today);
    void draw_header();
    void draw_actions(Context& ctx, float height);
    void draw_velocity(const ImVec2& size);
    void draw_margin_chart(Context& ctx, const ImVec2& size);

    Store& store_;
    Review review_;
    std::vector<RankRow> margin_rows_;  // top creators by GMV, margin beside
    Phase phase_ = Phase::not_started;
    std::optional<BudgetMonth> budget_;
    size_t group_begin_[6] = {};        // actions of urgency u: [group_begin_[u], group_begin_[u + 1])
    uint64_t revision_ = UINT64_MAX;
    Date built_for_;
};

}  // namespace sr::ui
