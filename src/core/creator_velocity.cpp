#include "creator_velocity.hpp"

namespace sr {

CreatorWeeks creator_velocity(const Program& p, const Creator& c, Date today, int weeks) {
    CreatorWeeks v;
    const Date ws = week_start_of(today, p.settings);
    const Date first = ws.plus_days(-7 * weeks);
    v.weeks.resize(static_cast<size_t>(weeks));
    for (int i = 0; i < weeks; ++i) v.weeks[static_cast<size_t>(i)].week_start = first.plus_days(7 * i);
    int total = 0;
    for (const Post& x : p.posts) {
        if (x.creator_id != c.id || !x.published) continue;
        const Date d = *x.published;
        if (d < first || d >= ws) continue;
        v.weeks[static_cast<size_t>((d - first) / 7)].posts++;
        ++total;
        if (d >= ws.plus_days(-28)) v.last4++;
    }
    v.average = weeks ? static_cast<double>(total) / weeks : 0.0;
    v.agreed = c.agreed_posts_per_month;
    if (v.agreed > 0) {
        v.agreed_per_week = v.agreed / 4.0;
        v.rate = static_cast<double>(v.last4) / v.agreed;
    }
    return v;
}

}  // namespace sr
