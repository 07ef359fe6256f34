// Products (SKUs): a sortable table beside the form that adds, edits and removes them.
#pragma once
#include <string>
#include <vector>

#include "core/store.hpp"
#include "form_fields.hpp"
#include "table_util.hpp"
#include "view.hpp"

namespace sr::ui {

class ProductsView : public View {
public:
    explicit ProductsView(Store& store);
    const char* title() const override { return "Products"; }
    const char* screen() const override { return "products"; }
    void draw(Context& ctx) override;
    void focus_filter() override { focus_filter_ = true; }
    bool close_dialog() override { return delete_.close(); }

private:
    struct Form {
        Id editing = 0;  // 0: a new product
        std::string sku, name, price, unit_cost, shipping, discount, commission;
        FieldErrors errors;
    };
    void draw_table(float height);
    void draw_form();
    void draw_delete_popup();
    void rebuild_rows();
    void load_form(const Product& x);
    void submit();

    Store& store_;
    Form form_;
    std::string notice_;
    std::string filter_;
    bool focus_filter_ = false;
    DeleteDialog delete_;

    // Indices into program().products, filtered and sorted: what the table draws and exports.
    std::vector<size_t> rows_;
    std::vector<double> gmv_, margin_;  // by product index: all-time GMV and contribution margin (metrics.hpp)
    uint64_t rows_revision_ = UINT64_MAX;
    bool rows_dirty_ = true;
    TableSort sort_;
    TableColumns columns_;
};

}  // namespace sr::ui
