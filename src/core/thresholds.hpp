// Thresholds and equality (docs/rules.md, "Thresholds and equality"): a value exactly at a flag
// threshold is not past it, and comparisons allow 1e-12 for floating point. Every flag of the
// core compares through these, and a screen that colours a value asks the core's flag instead of
// comparing again, so no two screens disagree at a threshold.
#pragma once

namespace sr {

constexpr double kThresholdAllowance = 1e-12;

inline bool below(double value, double threshold) { return value < threshold - kThresholdAllowance; }
inline bool above(double value, double threshold) { return value > threshold + kThresholdAllowance; }

}  // namespace sr
