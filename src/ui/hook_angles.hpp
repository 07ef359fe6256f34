// The hook-angle table on the performance screen (docs/rules.md, section 4, "Hook angles"): per
// angle over a chosen window and product, the posts, views, hold rate, clicks, conversion,
// revenue per post and margin, the minimum-data rule, and the winning angle. The numbers are the
// core's (hooks.hpp); this draws them, sortable, exported as shown.
#pragma once
#include <cstdint>
#include <vector>

#include "core/hooks.hpp"
#include "table_util.hpp"
#include "view.hpp"

namespace sr::ui {

class HookAnglePanel {
public:
    explicit HookAnglePanel(Store& store);
    void draw(Context& ctx);

private:
    void rebuild(Date as_of);
    void sort();

    Store& store_;
    int days_ = -1;       // the window in days before the review day; 0 = all time; -1 = the setting's
    Id product_ = 0;      // 0 = every product
    uint64_t revision_ = UINT64_MAX;
    Date built_for_;
    int built_days_ = -2;
    Id built_product_ = -1;
    HookAngleTable table_;
    std::vector<size_t> order_;
    TableSort sort_;
    TableColumns columns_;
};

}  // namespace sr::ui
