// Exclusivity windows (docs/rules.md, section 1, "Exclusivity"): a window that ends soon, and two
// top-tier creators holding windows in the same category at the same time.
#pragma once
#include <string>
#include <vector>

#include "model.hpp"

namespace sr {

enum class ExclusivityNoteKind { ends_soon, overlap };

struct ExclusivityNote {
    ExclusivityNoteKind kind = ExclusivityNoteKind::ends_soon;
    Id creator_id = 0;
    Id other_id = 0;   // overlap: the other top-tier creator
    int days = 0;      // ends_soon: days to the end (0 = ends today); overlap: days the windows share from today
    std::string message;
};

// The two categories name the same thing: equal ignoring case and spaces at the ends; an empty
// category is every category, so it matches any.
bool same_category(const std::string& a, const std::string& b);

// For creators that are not ended: an alert when the window ends within exclusivity_alert_days
// (0 to 14 days from `today`); a warning when the creator is top tier (tier 3, pinned or from
// followers) and another top-tier creator's window in the same category overlaps its own on
// `today` or later. Ordered by creator, alerts first.
std::vector<ExclusivityNote> exclusivity_notes(const Program& p, Date today);
std::vector<ExclusivityNote> exclusivity_notes_for(const Program& p, Id creator_id, Date today);

}  // namespace sr
