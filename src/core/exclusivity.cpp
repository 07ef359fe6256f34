#include "exclusivity.hpp"

#include <algorithm>
#include <cctype>

#include "creators.hpp"
#include "format.hpp"
#include "validate.hpp"

namespace sr {

namespace {

std::string key(const std::string& s) {
    std::string t = trim(s);
    for (char& ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return t;
}

std::string days_words(int n) { return std::to_string(n) + (n == 1 ? " day" : " days"); }

std::string category_words(const Exclusivity& e) {
    return trim(e.category).empty() ? std::string("every category") : trim(e.category);
}

void notes_of(const Program& p, const Creator& c, Date today, std::vector<ExclusivityNote>& out) {
    if (!c.exclusivity || c.status == CreatorStatus::ended) return;
    const Exclusivity& e = *c.exclusivity;
    const Settings& s = p.settings;
    const int left = e.end - today;
    if (left >= 0 && left <= s.exclusivity_alert_days)
        out.push_back({ExclusivityNoteKind::ends_soon, c.id, 0, left,
                       "exclusivity in " + category_words(e) + " ends " + e.end.to_string() +
                           (left == 0 ? ", today" : ", in " + days_words(left)) +
                           ": renew it or plan the category without it"});
    if (effective_tier(c, s) != 3) return;
    for (const Creator& o : p.creators) {
        if (o.id == c.id || !o.exclusivity || o.status == CreatorStatus::ended || effective_tier(o, s) != 3) continue;
        const Exclusivity& x = *o.exclusivity;
        if (!same_category(e.category, x.category)) continue;
        const Date from = std::max(std::max(e.start, x.start), today);
        const Date to = std::min(e.end, x.end);
        if (to < from) continue;
        out.push_back({ExclusivityNoteKind::overlap, c.id, o.id, to - from + 1,
                       "@" + o.handle + ", another top-tier creator, holds exclusivity in " + category_words(x) + " " +
                           x.start.to_string() + " to " + x.end.to_string() + ": the two windows overlap " +
                           from.to_string() + " to " + to.to_string()});
    }
}

}  // namespace

bool same_category(const std::string& a, const std::string& b) {
    const std::string x = key(a), y = key(b);
    return x.empty() || y.empty() || x == y;
}

std::vector<ExclusivityNote> exclusivity_notes(const Program& p, Date today) {
    std::vector<ExclusivityNote> out;
    for (const Creator& c : p.creators) notes_of(p, c, today, out);
    return out;
}

std::vector<ExclusivityNote> exclusivity_notes_for(const Program& p, Id creator_id, Date today) {
    std::vector<ExclusivityNote> out;
    for (const Creator& c : p.creators)
        if (c.id == creator_id) {
            notes_of(p, c, today, out);
            break;
        }
    return out;
}

}  // namespace sr
