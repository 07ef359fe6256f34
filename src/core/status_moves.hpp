// Status moves (docs/rules.md, sections 1 and 2): which status a creator or a sample may move to
// from the one it has, and the refusal in words that names the moves allowed. A move is a change
// made by a Store command; a status read from a backup, merged in or given to a new record is not
// a move and is never checked here.
#pragma once
#include <string>
#include <vector>

#include "model.hpp"

namespace sr {

// The words people see for a status ("Prospect", "No post"), and the same as a list indexed by
// the status, for a drop-down (enum_count<...>() entries).
const char* status_label(CreatorStatus s);
const char* status_label(SampleStatus s);
const char* const* creator_status_labels();
const char* const* sample_status_labels();

// Creators: prospect -> contacted -> seeded -> active <-> paused -> ended. Any move forward is
// allowed, skipping steps included (prospect -> active: a creator signed directly); the one move
// back is paused -> active; ended is final.
//
// Samples: requested -> approved -> shipped -> delivered -> posted or no_post, forward skips
// allowed (requested -> shipped: approved on the way); declined only from requested; cancelled
// from requested, approved or shipped (before delivery); no_post -> posted (a late post);
// posted, declined and cancelled are final.
//
// allowed_moves() lists the statuses a record may move to, in the order of the enumeration (its
// own status left out); move_allowed() is true for those and for keeping the same status;
// move_refusal() is "" when allowed, else the reason with the allowed moves named:
// "A creator cannot move from active back to contacted. From active: paused or ended."
std::vector<CreatorStatus> allowed_moves(CreatorStatus from);
std::vector<SampleStatus> allowed_moves(SampleStatus from);
bool move_allowed(CreatorStatus from, CreatorStatus to);
bool move_allowed(SampleStatus from, SampleStatus to);
std::string move_refusal(CreatorStatus from, CreatorStatus to);
std::string move_refusal(SampleStatus from, SampleStatus to);

// "paused or ended", "approved, shipped or cancelled": the allowed moves in words ("" when none).
std::string allowed_moves_text(CreatorStatus from);
std::string allowed_moves_text(SampleStatus from);

}  // namespace sr
