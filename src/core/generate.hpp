// A deterministic program of any size, for benchmarks and load tests (not for demos: see
// sample.hpp). The same arguments give the same program on every machine.
#pragma once
#include <cstdint>

#include "model.hpp"

namespace sr {

// `creators` creators across the three tiers, `posts` posts spread over the 120 days before
// `today`, a product catalogue, one sample per creator and a Spark Code for about one post
// in fifty. The program started 100 days before `today`.
Program generate_program(int creators, int posts, Date today, uint64_t seed = 1);

}  // namespace sr
