// The budget of every program month so far and of the first 90 days against the build-stage
// band (docs/rules.md, "Program, phase and budget"), on the settings screen beside the band.
#pragma once
#include "core/model.hpp"

namespace sr::ui {

// `width`: the column it is drawn in (font units already applied).
void draw_budget_months(const Program& p, Date today, float width);

}  // namespace sr::ui
