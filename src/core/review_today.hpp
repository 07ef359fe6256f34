// The weekly review as the home screen shows it on a given day. review() is held on the first
// day of the week; on any later day of that week the Spark Code alerts are looked at from that
// day as well, so a code that comes within its alert window mid-week is on screen at once
// instead of waiting for next week's review (docs/rules.md, section 5: "handoff is where codes ...
// expire unnoticed"). Everything else is the review of the week, unchanged.
#pragma once
#include <cstddef>
#include <vector>

#include "review.hpp"

namespace sr {

// The review of the week holding `today`, with its Spark Code actions (urgency 0) replaced by
// the alerts as of `today`. On the week's first day it equals review(p, today).
Review review_on(const Program& p, Date today);

// The review's Spark Code actions for alerts looked at from `today` (titles, reasons, owners and
// order as review() words them).
std::vector<ReviewItem> spark_actions(const Program& p, Date today);

// Creators ranked by GMV with their contribution margin beside it (all time), the top `n`;
// ranks on both measures as in the review's rankings (ties on id).
std::vector<RankRow> creators_margin_vs_gmv(const Program& p, size_t n);

}  // namespace sr
