#include "budget.hpp"

#include "format.hpp"

namespace sr {

BuildStage build_stage_budget(const Program& p, Date today) {
    BuildStage b;
    const std::vector<BudgetMonth> months = budget_by_month(p, today);
    for (const BudgetMonth& m : months) {
        if (m.month > 3) break;
        if (b.months == 0) b.total.from = m.from;
        b.total.to_excl = m.to_excl;
        b.total.samples += m.samples;
        b.total.fees += m.fees;
        b.total.spark += m.spark;
        b.total.coordinator += m.coordinator;
        b.total.budget_min += m.budget_min;
        b.total.budget_max += m.budget_max;
        ++b.months;
    }
    b.total.month = 0;
    return b;
}

std::string BuildStage::summary(const std::string& currency) const {
    if (months == 0) return "first 90 days: the program has not started";
    std::string s = "first 90 days (" + (months == 3 ? std::string("3 months") : std::to_string(months) + " of 3 months so far") +
                    ", " + total.from.to_string() + " to " + total.to_excl.plus_days(-1).to_string() + "): spent " +
                    fmt_money(total.actual(), currency);
    if (total.budget_max <= 0) return s + ", no budget set";
    s += " vs " + fmt_money(total.budget_min, currency) + " - " + fmt_money(total.budget_max, currency);
    const int c = total.compare();
    return s + (c > 0 ? " (over)" : c < 0 ? " (under)" : " (within)");
}

}  // namespace sr
