// The deal on posts (docs/rules.md, "The deal on posts"): a creator's flat fee per content
// piece is each of the creator's posts' creator fee, unless the post's fee was set by hand.
// The Store keeps it so on every command that adds or changes a post or a creator's fee; a
// program read from a backup is brought to it here.
#pragma once
#include <cstddef>

#include "model.hpp"

namespace sr {

// The fee a post carries: its own when set by hand, else its creator's flat fee (0 when the
// creator is not on the roster).
double deal_fee(const Post& post, const Program& p);

// Gives every post whose fee is not by hand, from position `from` of p.posts on, its
// creator's flat fee. Returns how many changed.
size_t settle_post_fees(Program& p, size_t from = 0);

}  // namespace sr
