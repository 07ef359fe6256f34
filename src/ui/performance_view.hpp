// Performance: every metric of the metrics table at creator level and at post level, threshold
// breaches coloured with the reason on hover, contribution margin beside GMV, sortable by every
// column and filtered by text. Rows open their creator. A third level compares hook angles.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/metrics.hpp"
#include "core/post_metrics.hpp"
#include "hook_angles.hpp"
#include "table_util.hpp"
#include "view.hpp"

namespace sr::ui {

class PerformanceView : public View {
public:
    explicit PerformanceView(Store& store);
    const char* title() const override { return "Performance"; }
    const char* screen() const override { return "performance"; }
    void draw(Context& ctx) override;
    void focus_filter() override { focus_filter_ = true; }

    // A metric cell's numbers, without its words (the words are made when hovered).
    struct Cell {
        double value = 0;
        bool has = false, enough = true, flagged = false;
    };

private:
    struct CreatorRow {
        size_t creator = 0;  // index into program().creators
        Id id = 0;
        CreatorMetrics m;
        double gmv_all = 0, margin_all = 0;
        double gmv_live = 0, gmv_showcase = 0;  // on no post, from the order lines (showcase with other)
    };
    struct PostRow {
        size_t post = 0;     // index into program().posts
        Id id = 0;
        Cell cells[6];       // in the order of Metric
        double margin = 0;
        std::string creator_label;
    };

    void rebuild(Date today);
    void apply_filter_and_sort();
    void draw_creator_table(Context& ctx);
    void draw_post_table(Context& ctx);

    Store& store_;
    int mode_ = 0;  // 0 creators, 1 posts, 2 hook angles
    HookAnglePanel hooks_{store_};
    std::string filter_;
    bool focus_filter_ = false;
    bool filter_dirty_ = true;

    Date as_of_;
    uint64_t revision_ = UINT64_MAX;
    Date built_for_;
    PostMetricsBasis basis_;
    std::string cohorts_;  // the repeat purchase rate of the last six closed 60-day cohorts, in words
    std::vector<CreatorRow> creators_;
    std::vector<PostRow> posts_;
    // Indices into creators_ and posts_, filtered and sorted: what the tables draw and export.
    std::vector<size_t> creator_order_, post_order_;
    TableSort creator_sort_, post_sort_;
    TableColumns creator_columns_, post_columns_;
};

}  // namespace sr::ui
