// A deterministic program of any size, for benchmarks and load tests (not for demos: see
// sample.hpp). The same arguments give the same program on every machine.
#pragma once
#include <cstdint>
#include <functional>
#include <string_view>

#include "model.hpp"

namespace sr {

// `creators` creators across the three tiers, `posts` posts spread over the 120 days before
// `today`, a product catalogue, one sample per creator and a Spark Code for about one post
// in fifty. The program started 100 days before `today`.
Program generate_program(int creators, int posts, Date today, uint64_t seed = 1);

// A TikTok Shop affiliate-orders export (docs/rules.md, section 7, every column) for the week
// starting `week_start`, `rows` lines long, matching `p`'s creators and posts: usernames are
// the creators' handles, Content IDs their posts' video ids. Long-tail sales (a Pareto spread
// over posts, a few breakout posts), orders of one or two lines, refunds, samples (Payment
// Amount 0), ineligible commission, a few LIVE orders, orders by creators not on the roster and
// lines exported twice. The text goes to `write` a few hundred kilobytes at a time.
void generate_orders_csv(const Program& p, int64_t rows, Date week_start, uint64_t seed,
                         const std::function<void(std::string_view)>& write);

}  // namespace sr
