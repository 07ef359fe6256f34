// The repeat purchase rate as a series of 60-day cohorts (docs/rules.md, section 4, "Repeat
// purchase rate"): posts grouped by the 60 days they were published in, each cohort closed (its
// buyers had their full 60 days) before `as_of`. Shown, never flagged.
#pragma once
#include <optional>
#include <vector>

#include "model.hpp"

namespace sr {

struct RepeatCohort {
    Date from, to_excl;   // posts published in [from, to_excl)
    int posts = 0;
    int64_t buyers = 0, repeat_buyers = 0;
    std::optional<double> rate;  // repeat buyers / buyers; none without buyers
};
// The `count` closed cohorts before `as_of`, newest last: the newest ends 60 days before `as_of`
// (the cohort the metrics table reads), each earlier one 60 days before the next. creator_id 0:
// every creator's posts.
std::vector<RepeatCohort> repeat_cohorts(const Program& p, Date as_of, int count = 6, Id creator_id = 0);

}  // namespace sr
