#include "review_today.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace sr {

std::vector<ReviewItem> spark_actions(const Program& p, Date today) {
    std::unordered_map<Id, const Creator*> creators;
    for (const Creator& c : p.creators) creators[c.id] = &c;
    auto who = [&](Id id) {
        auto it = creators.find(id);
        return it == creators.end() ? "creator " + std::to_string(id) : "@" + it->second->handle;
    };
    std::vector<ReviewItem> out;
    auto add = [&](ActionKind k, const SparkAlert& a, std::string title, std::string action, int order) {
        out.push_back({0, k, a.creator_id, a.code_id, a.owner, std::move(title), a.message, std::move(action), order, 0,
                       a.numbers});
    };
    // review() takes its Spark Code actions from here, so the two word them the same.
    for (const SparkAlert& a : spark_alerts(p, today)) {
        switch (a.kind) {
            case SparkAlertKind::expired_while_live:
                add(ActionKind::spark_expired_while_live, a, who(a.creator_id) + ": live Spark Code has expired",
                    "extend, replace or stop the ad", -a.days);
                break;
            case SparkAlertKind::expires_soon:
                add(ActionKind::spark_expires_soon, a,
                    who(a.creator_id) + ": Spark Code expires " +
                        (a.days == 0 ? std::string("today")
                                     : "in " + std::to_string(a.days) + (a.days == 1 ? " day" : " days")),
                    "ask the creator to extend it or send a new code", a.days);
                break;
            case SparkAlertKind::kill_suggested:
                add(ActionKind::spark_kill, a, who(a.creator_id) + ": kill the Spark Ad",
                    "set the code to killed and stop the spend", 0);
                break;
            case SparkAlertKind::campaign_outlasts_code:
                add(ActionKind::spark_campaign_outlasts_code, a, who(a.creator_id) + ": campaign outlasts its Spark Code",
                    "get a longer authorization or end the campaign by the expiry", -a.days);
                break;
            case SparkAlertKind::not_verified:
                add(ActionKind::spark_not_verified, a, who(a.creator_id) + ": Spark Code not verified",
                    "paste the code into Ads Manager", -a.days);
                break;
            case SparkAlertKind::not_received:
                add(ActionKind::spark_not_received, a, who(a.creator_id) + ": Spark Code not received",
                    "ask the creator again, or request a code for another post", -a.days);
                break;
            case SparkAlertKind::past_expiry:
                add(ActionKind::spark_past_expiry, a, who(a.creator_id) + ": Spark Code past its expiry",
                    "set the code expired; extend or replace it if the post should still run", -a.days);
                break;
        }
    }
    return out;
}

Review review_on(const Program& p, Date today) {
    Review r = review(p, today);
    if (today <= r.week_start) return r;
    std::vector<ReviewItem> actions = spark_actions(p, today);
    // A candidate whose requested code became overdue since the week's first day is that action now.
    std::unordered_map<Id, bool> overdue_posts;
    for (const ReviewItem& it : actions)
        if (it.kind == ActionKind::spark_not_received)
            for (const SparkCode& c : p.spark_codes)
                if (c.id == it.record_id && c.post_id) overdue_posts[c.post_id] = true;
    for (ReviewItem& it : r.actions)
        if (it.urgency != 0 && !(it.kind == ActionKind::spark_candidate && overdue_posts.count(it.record_id)))
            actions.push_back(std::move(it));
    // The review's order: urgency, kind, the most pressing first, creator, record.
    std::stable_sort(actions.begin(), actions.end(), [](const ReviewItem& a, const ReviewItem& b) {
        if (a.urgency != b.urgency) return a.urgency < b.urgency;
        if (a.kind != b.kind) return a.kind < b.kind;
        if (a.order != b.order) return a.order < b.order;
        if (a.creator_id != b.creator_id) return a.creator_id < b.creator_id;
        return a.record_id < b.record_id;
    });
    r.actions = std::move(actions);
    return r;
}

std::vector<RankRow> creators_margin_vs_gmv(const Program& p, size_t n) {
    const MarginSlots book = margin_slots(p);
    std::vector<RankRow> rows;
    rows.reserve(p.creators.size());
    for (const Creator& c : p.creators) {
        const MarginParts* m = book.creator_of(c.id);
        if (!m) continue;
        rows.push_back({c.id, "@" + c.handle, m->margin(), m->gmv, 0, 0});
    }
    std::sort(rows.begin(), rows.end(), [](const RankRow& a, const RankRow& b) {
        return a.margin != b.margin ? a.margin > b.margin : a.id < b.id;
    });
    for (size_t i = 0; i < rows.size(); ++i) rows[i].margin_rank = static_cast<int>(i + 1);
    std::sort(rows.begin(), rows.end(), [](const RankRow& a, const RankRow& b) {
        return a.gmv != b.gmv ? a.gmv > b.gmv : a.id < b.id;
    });
    for (size_t i = 0; i < rows.size(); ++i) rows[i].gmv_rank = static_cast<int>(i + 1);
    if (rows.size() > n) rows.resize(n);
    return rows;
}

}  // namespace sr
