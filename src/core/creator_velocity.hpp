// Content velocity of one creator against its agreed output (docs/rules.md, section 4,
// "Content velocity"): posts a week over the full weeks before the review week, as the
// program's velocity counts them, beside the agreed output (a month of it is four weeks).
#pragma once
#include <optional>
#include <vector>

#include "metrics.hpp"

namespace sr {

struct CreatorWeeks {
    std::vector<WeekCount> weeks;        // the `weeks` full weeks before the review week, oldest first
    double average = 0;                  // posts a week over them
    int last4 = 0;                       // posts in the last four of them
    int agreed = 0;                      // agreed posts a month (= four weeks)
    std::optional<double> agreed_per_week;  // agreed / 4; none when nothing was agreed
    std::optional<double> rate;          // last4 / agreed; none when nothing was agreed
};
// `today` is any day of the review week (week starts follow settings.week_start).
CreatorWeeks creator_velocity(const Program& p, const Creator& c, Date today, int weeks = 12);

}  // namespace sr
