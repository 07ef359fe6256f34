// Creator rules: handles, tiers, validation (docs/rules.md, section 1).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"

namespace sr {

// A refusal that names the field and says why, in words a person can act on.
struct FieldError {
    std::string field;
    std::string message;
};
using Errors = std::vector<FieldError>;

// Trims spaces and one leading '@': "  @Glow.Daily " -> "Glow.Daily".
std::string normalize_handle(std::string_view handle);
// Case-insensitive comparison key of a handle: "Glow.Daily" -> "glow.daily".
std::string handle_key(std::string_view handle);

// The tier a follower count earns under the settings: 1, 2 or 3.
// Counts below the program floor are tier 1 (allowed, with a warning).
int tier_for_followers(int64_t followers, const Settings& s);
// The pinned tier if the user pinned one, otherwise the tier from followers.
int effective_tier(const Creator& c, const Settings& s);
bool below_floor(const Creator& c, const Settings& s);

const char* tier_name(int tier);  // "1 nano/micro", "2 mid", "3 top partner"

// "15 % commission", "$500 / post + 12 %": the deal in a few words.
std::string deal_summary(const Creator& c, const Settings& s);

// Checks a creator before it is added or saved over the record with the same id.
// Handles must be present, well-formed and unique ignoring case and a leading '@'.
Errors validate_creator(const Creator& c, const Program& p);

// Parses a whole number of followers typed by a person ("12,500" is accepted); on failure
// returns false and sets the reason.
bool parse_follower_count(std::string_view text, int64_t& out, std::string& reason);

}  // namespace sr
