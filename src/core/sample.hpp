// A sample program for first visits and demos: 36 creators across the three tiers, products,
// samples, briefs, posts and Spark Codes, dated around `today` so the weekly review has work.
#pragma once
#include "model.hpp"

namespace sr {

Program make_sample_program(Date today);

}  // namespace sr
