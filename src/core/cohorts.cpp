#include "cohorts.hpp"

#include <algorithm>

namespace sr {

std::vector<RepeatCohort> repeat_cohorts(const Program& p, Date as_of, int count, Id creator_id) {
    std::vector<RepeatCohort> out(static_cast<size_t>(std::max(0, count)));
    const Date last_end = as_of.plus_days(-60);
    const Date first = last_end.plus_days(-60 * count);
    for (int i = 0; i < count; ++i) {
        out[static_cast<size_t>(i)].from = first.plus_days(60 * i);
        out[static_cast<size_t>(i)].to_excl = first.plus_days(60 * (i + 1));
    }
    for (const Post& x : p.posts) {
        if (!x.published || (creator_id && x.creator_id != creator_id)) continue;
        const Date d = *x.published;
        if (d < first || !(d < last_end)) continue;
        RepeatCohort& c = out[static_cast<size_t>((d - first) / 60)];
        c.posts++;
        c.buyers += x.buyers;
        c.repeat_buyers += x.repeat_buyers_60d;
    }
    for (RepeatCohort& c : out)
        if (c.buyers > 0) c.rate = static_cast<double>(c.repeat_buyers) / static_cast<double>(c.buyers);
    return out;
}

}  // namespace sr
