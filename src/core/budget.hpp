// The budget over the program's months (docs/rules.md, "Program, phase and budget"): every
// program month so far, and the first 90 days (months 1-3) together against the build-stage band.
#pragma once
#include <string>
#include <vector>

#include "rules.hpp"

namespace sr {

// The first 90 days: program months 1 to 3 (those begun by `today`), their spend summed, against
// the build-stage band times the months counted. `months` 0: the program has not started.
struct BuildStage {
    int months = 0;       // months of the first three begun (1-3)
    BudgetMonth total;    // month 0; from the start to the end of the last month counted
    std::string summary(const std::string& currency) const;  // "first 90 days (2 of 3 months so far): spent ..."
};
BuildStage build_stage_budget(const Program& p, Date today);

}  // namespace sr
