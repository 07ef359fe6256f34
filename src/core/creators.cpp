#include "creators.hpp"

#include <cctype>
#include <cmath>

#include "format.hpp"

namespace sr {

std::string normalize_handle(std::string_view h) {
    size_t b = 0, e = h.size();
    while (b < e && std::isspace(static_cast<unsigned char>(h[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(h[e - 1]))) --e;
    if (b < e && h[b] == '@') ++b;
    return std::string(h.substr(b, e - b));
}

std::string handle_key(std::string_view h) {
    std::string k = normalize_handle(h);
    for (char& ch : k) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return k;
}

int tier_for_followers(int64_t followers, const Settings& s) {
    if (followers >= s.tier3_min_followers) return 3;
    if (followers >= s.tier2_min_followers) return 2;
    return 1;
}

int effective_tier(const Creator& c, const Settings& s) {
    if (c.pinned_tier >= 1 && c.pinned_tier <= 3) return c.pinned_tier;
    return tier_for_followers(c.followers, s);
}

bool below_floor(const Creator& c, const Settings& s) { return c.followers < s.program_floor; }

const char* tier_name(int tier) {
    switch (tier) {
        case 1: return "1 nano/micro";
        case 2: return "2 mid";
        case 3: return "3 top partner";
        default: return "?";
    }
}

std::string deal_summary(const Creator& c, const Settings& s) {
    const double pct = c.commission_rate * 100.0;
    const bool whole = std::fabs(pct - std::round(pct)) < 1e-9;
    const std::string rate = fmt_percent(c.commission_rate, whole ? 0 : 1);
    if (c.flat_fee > 0) {
        std::string fee = fmt_money(c.flat_fee, s.currency);
        if (fee.size() > 3 && fee.compare(fee.size() - 3, 3, ".00") == 0) fee.resize(fee.size() - 3);
        std::string out = fee + " / post + " + rate;
        if (c.exclusivity) out += ", exclusive";
        return out;
    }
    return rate + " commission";
}

static bool handle_char_ok(char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.';
}

Errors validate_creator(const Creator& c, const Program& p) {
    Errors errs;
    const std::string h = normalize_handle(c.handle);
    if (h.empty()) {
        errs.push_back({"handle", "Handle is required."});
    } else if (h.size() > 24) {
        errs.push_back({"handle", "Handle is at most 24 characters (this one has " + std::to_string(h.size()) + ")."});
    } else {
        for (size_t i = 0; i < h.size(); ++i) {
            if (!handle_char_ok(h[i])) {
                // The whole character, not one byte of it: the message must stay valid UTF-8.
                size_t n = 1;
                if (static_cast<unsigned char>(h[i]) >= 0xC0)
                    while (n < 4 && i + n < h.size() && (static_cast<unsigned char>(h[i + n]) & 0xC0) == 0x80) ++n;
                errs.push_back({"handle", "Handle may contain only letters, digits, '_' and '.'; '" +
                                              h.substr(i, n) + "' is not allowed."});
                break;
            }
        }
    }
    if (errs.empty()) {
        const std::string key = handle_key(h);
        for (const Creator& o : p.creators) {
            if (o.id != c.id && handle_key(o.handle) == key) {
                errs.push_back({"handle", "@" + o.handle + " is already on the roster."});
                break;
            }
        }
    }
    if (c.followers < 0) errs.push_back({"followers", "Followers must be a whole number of 0 or more."});
    if (c.pinned_tier < 0 || c.pinned_tier > 3) errs.push_back({"tier", "Tier must be 1, 2, 3, or follow followers."});
    if (!(c.commission_rate >= 0 && c.commission_rate <= 1))
        errs.push_back({"commission_rate", "Commission must be between 0 % and 100 %."});
    if (!(c.flat_fee >= 0)) errs.push_back({"flat_fee", "Fee per post cannot be negative."});
    if (c.agreed_posts_per_month < 0)
        errs.push_back({"agreed_posts_per_month", "Agreed posts per month cannot be negative."});
    if (c.exclusivity && c.exclusivity->end < c.exclusivity->start)
        errs.push_back({"exclusivity", "Exclusivity ends before it starts."});
    return errs;
}

bool parse_follower_count(std::string_view t, int64_t& out, std::string& reason) {
    size_t b = 0, e = t.size();
    while (b < e && std::isspace(static_cast<unsigned char>(t[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(t[e - 1]))) --e;
    if (b == e) {
        reason = "Followers is required (0 if unknown).";
        return false;
    }
    if (t[b] == '-') {
        reason = "Followers must be a whole number of 0 or more.";
        return false;
    }
    int64_t v = 0;
    bool any = false;
    for (size_t i = b; i < e; ++i) {
        const char ch = t[i];
        if (ch == ',' || ch == '_' || ch == ' ') continue;
        if (ch < '0' || ch > '9') {
            reason = "Followers must be a whole number of 0 or more ('" + std::string(t.substr(b, e - b)) + "' is not).";
            return false;
        }
        if (v > (INT64_MAX - 9) / 10) {
            reason = "Followers is too large.";
            return false;
        }
        v = v * 10 + (ch - '0');
        any = true;
    }
    if (!any) {
        reason = "Followers must be a whole number of 0 or more.";
        return false;
    }
    out = v;
    return true;
}

}  // namespace sr
