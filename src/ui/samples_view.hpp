// Samples: the table of product samples with their dates, cost and status; status changes
// through the Store's commands; the posting rate (overall and per creator) and the no-post
// follow-ups, each linking to its creator.
#pragma once
#include <string>
#include <vector>

#include "core/rules.hpp"
#include "core/store.hpp"
#include "form_fields.hpp"
#include "table_util.hpp"
#include "view.hpp"

namespace sr::ui {

class SamplesView : public View {
public:
    explicit SamplesView(Store& store);
    const char* title() const override { return "Samples"; }
    const char* screen() const override { return "samples"; }
    void draw(Context& ctx) override;
    void focus_filter() override { focus_filter_ = true; }
    bool close_dialog() override { return delete_.close(); }

private:
    struct Form {
        Id editing = 0;
        Id creator_id = 0;
        Id product_id = 0;
        std::string requested, shipped, delivered, cost;
        int status = 0;
        FieldErrors errors;
    };
    struct CreatorRate {
        Id creator_id = 0;
        std::string handle;
        PostingRate rate;
    };
    void refresh(Date today);
    void rebuild_rows();
    void draw_table(float height);
    void draw_followups(Context& ctx, float height);
    void draw_rates(Context& ctx, float height);
    void draw_form(Context& ctx);
    void draw_delete_popup();
    void load_form(const Sample& x);
    bool build(Sample& x);
    void submit();
    void set_status(const Sample& x, SampleStatus to, Date today);

    Store& store_;
    Form form_;
    std::string notice_;
    std::string filter_;
    int status_filter_ = 0;  // 0 = all, else status + 1
    bool focus_filter_ = false;
    DeleteDialog delete_;

    // Indices into program().samples, filtered and sorted: what the table draws and exports.
    std::vector<size_t> rows_;
    uint64_t rows_revision_ = UINT64_MAX;
    bool rows_dirty_ = true;
    TableSort sort_;
    TableColumns columns_;

    // Derived from the program, rebuilt when it changes.
    uint64_t derived_revision_ = UINT64_MAX;
    Date derived_today_;
    PostingRate overall_;
    std::vector<SampleFollowUp> followups_;
    std::vector<CreatorRate> rates_;
    std::vector<size_t> rate_rows_;  // indices into rates_, sorted
    TableSort rate_sort_;
    TableColumns rate_columns_;
    bool rates_dirty_ = true;
};

}  // namespace sr::ui
