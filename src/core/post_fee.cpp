#include "post_fee.hpp"

#include <unordered_map>

namespace sr {

namespace {

std::unordered_map<Id, double> flat_fees(const Program& p) {
    std::unordered_map<Id, double> fees;
    fees.reserve(p.creators.size());
    for (const Creator& c : p.creators) fees.emplace(c.id, c.flat_fee);
    return fees;
}

}  // namespace

double deal_fee(const Post& post, const Program& p) {
    if (post.fee_by_hand) return post.creator_fee;
    for (const Creator& c : p.creators)
        if (c.id == post.creator_id) return c.flat_fee;
    return 0.0;
}

size_t settle_post_fees(Program& p, size_t from) {
    if (from >= p.posts.size()) return 0;
    const std::unordered_map<Id, double> fees = flat_fees(p);
    size_t changed = 0;
    for (size_t i = from; i < p.posts.size(); ++i) {
        Post& x = p.posts[i];
        if (x.fee_by_hand) continue;
        auto it = fees.find(x.creator_id);
        const double fee = it == fees.end() ? 0.0 : it->second;
        if (x.creator_fee != fee) {
            x.creator_fee = fee;
            ++changed;
        }
    }
    return changed;
}

}  // namespace sr
