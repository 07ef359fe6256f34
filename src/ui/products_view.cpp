#include "products_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>

#include "core/format.hpp"
#include "core/metrics.hpp"
#include "core/input.hpp"
#include "core/validate.hpp"
#include "probe.hpp"
#include "style.hpp"
#include "table_util.hpp"

namespace sr::ui {

namespace {

enum Column { col_sku, col_name, col_price, col_cost, col_shipping, col_discount, col_commission, col_gmv, col_margin, col_count };

}  // namespace

ProductsView::ProductsView(Store& store) : store_(store) {
    using csv::Cell;
    auto product = [this](size_t r) -> const Product& { return store_.program().products[r]; };
    columns_ = {
        {"SKU", col_sku, 1.1f, ImGuiTableColumnFlags_DefaultSort, ColumnKind::text,
         [=](size_t r) { return Cell::text(product(r).sku); }},
        {"Name", col_name, 2.0f, 0, ColumnKind::text, [=](size_t r) { return Cell::text(product(r).name); }},
        {"Price", col_price, 0.7f, 0, ColumnKind::money, [=](size_t r) { return Cell::money(product(r).price); }},
        {"Unit cost", col_cost, 0.7f, 0, ColumnKind::money, [=](size_t r) { return Cell::money(product(r).unit_cost); }},
        {"Shipping", col_shipping, 0.7f, 0, ColumnKind::money,
         [=](size_t r) { return Cell::money(product(r).shipping_subsidy); }},
        {"Discount", col_discount, 0.7f, 0, ColumnKind::money,
         [=](size_t r) { return Cell::money(product(r).usual_discount); }},
        // Empty when the product follows the creator's rate.
        {"Commission", col_commission, 0.8f, 0, ColumnKind::percent, [=](size_t r) {
             const auto& rate = product(r).commission_rate;
             return rate ? Cell::number(*rate * 100.0, 4) : Cell::none();
         }},
        // All time, as the weekly review's products by margin (docs/rules.md, "Contribution margin").
        {"GMV", col_gmv, 0.9f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
         [=](size_t r) { return Cell::money(gmv_[r]); }},
        {"Margin", col_margin, 0.9f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
         [=](size_t r) { return Cell::money(margin_[r]); }},
    };
}

void ProductsView::draw(Context& ctx) {
    const float avail_w = ImGui::GetContentRegionAvail().x;
    const bool side_by_side = avail_w > em(48);
    const float form_w = side_by_side ? std::min(em(20), avail_w * 0.4f) : avail_w;

    if (filter_box("##product-filter", filter_, "Filter: SKU or name", 16, focus_filter_)) rows_dirty_ = true;
    ImGui::SameLine();
    if (store_.revision() != rows_revision_ || rows_dirty_) rebuild_rows();
    ImGui::TextDisabled("%s of %s products", fmt_int(static_cast<int64_t>(rows_.size())).c_str(),
                        fmt_int(static_cast<int64_t>(store_.program().products.size())).c_str());
    ImGui::SameLine();
    export_button("products", columns_, rows_, store_.program().settings.currency, ctx.today);

    const float h = ImGui::GetContentRegionAvail().y;
    if (side_by_side) {
        ImGui::BeginChild("##products-left", ImVec2(avail_w - form_w - ImGui::GetStyle().ItemSpacing.x, h));
        draw_table(h);
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("##product-form", ImVec2(form_w, h), true);
        draw_form();
        ImGui::EndChild();
    } else {
        draw_table(std::max(em(10), h * 0.4f));
        ImGui::BeginChild("##product-form", ImVec2(0, 0), true);
        draw_form();
        ImGui::EndChild();
    }
}

void ProductsView::rebuild_rows() {
    const Program& p = store_.program();
    const std::string needle = lower(filter_);
    if (store_.revision() != rows_revision_ || gmv_.size() != p.products.size()) {
        const MarginSlots book = margin_slots(p);
        gmv_.assign(p.products.size(), 0.0);
        margin_.assign(p.products.size(), 0.0);
        for (size_t i = 0; i < p.products.size(); ++i)
            if (const MarginParts* m = book.product_of(p.products[i].id)) {
                gmv_[i] = m->gmv;
                margin_[i] = m->margin();
            }
    }
    rows_.clear();
    for (size_t i = 0; i < p.products.size(); ++i) {
        const Product& x = p.products[i];
        if (!needle.empty() && lower(x.sku + " " + x.name).find(needle) == std::string::npos) continue;
        rows_.push_back(i);
    }
    sort_rows(
        rows_, sort_,
        [&](size_t a, size_t b, int col) {
            const Product& x = p.products[a];
            const Product& y = p.products[b];
            switch (col) {
                case col_sku: return lower(x.sku).compare(lower(y.sku));
                case col_name: return lower(x.name).compare(lower(y.name));
                case col_price: return cmp3(x.price, y.price);
                case col_cost: return cmp3(x.unit_cost, y.unit_cost);
                case col_shipping: return cmp3(x.shipping_subsidy, y.shipping_subsidy);
                case col_discount: return cmp3(x.usual_discount, y.usual_discount);
                case col_commission: return cmp3(x.commission_rate.value_or(-1), y.commission_rate.value_or(-1));
                case col_gmv: return cmp3(gmv_[a], gmv_[b]);
                case col_margin: return cmp3(margin_[a], margin_[b]);
                default: return 0;
            }
        },
        [&](size_t a, size_t b) { return p.products[a].id < p.products[b].id; });
    rows_revision_ = store_.revision();
    rows_dirty_ = false;
}

void ProductsView::draw_table(float height) {
    const Program& p = store_.program();
    const std::string& cur = p.settings.currency;
    if (!ImGui::BeginTable("products", col_count, kDataTableFlags, ImVec2(0, height - ImGui::GetStyle().ItemSpacing.y)))
        return;
    setup_columns(columns_, "products");
    if (take_sort(sort_)) rebuild_rows();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const Product& x = p.products[rows_[static_cast<size_t>(r)]];
            ImGui::PushID(static_cast<int>(x.id));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(col_sku);
            if (ImGui::Selectable(x.sku.c_str(), form_.editing == x.id,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
                load_form(x);
            ImGui::TableSetColumnIndex(col_name);
            ImGui::TextUnformatted(x.name.c_str());
            ImGui::TableSetColumnIndex(col_price);
            right_aligned(fmt_money(x.price, cur));
            ImGui::TableSetColumnIndex(col_cost);
            right_aligned(fmt_money(x.unit_cost, cur));
            ImGui::TableSetColumnIndex(col_shipping);
            right_aligned(fmt_money(x.shipping_subsidy, cur));
            ImGui::TableSetColumnIndex(col_discount);
            right_aligned(fmt_money(x.usual_discount, cur));
            ImGui::TableSetColumnIndex(col_commission);
            if (x.commission_rate) right_aligned(fmt_percent(*x.commission_rate));
            else ImGui::TextDisabled("creator's rate");
            const size_t i = rows_[static_cast<size_t>(r)];
            ImGui::TableSetColumnIndex(col_gmv);
            right_aligned(fmt_money(gmv_[i], cur));
            ImGui::TableSetColumnIndex(col_margin);
            const std::string m = fmt_money(margin_[i], cur);
            if (margin_[i] < 0) {
                const float w = ImGui::CalcTextSize(m.c_str()).x, room = ImGui::GetContentRegionAvail().x;
                if (room > w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + room - w);
                ImGui::TextColored(palette().error, "%s", m.c_str());
            } else {
                right_aligned(m);
            }
            probe_tag("product margin:" + x.sku, m);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

void ProductsView::load_form(const Product& x) {
    form_ = Form{};
    form_.editing = x.id;
    form_.sku = x.sku;
    form_.name = x.name;
    form_.price = number_text(x.price);
    form_.unit_cost = number_text(x.unit_cost);
    form_.shipping = number_text(x.shipping_subsidy);
    form_.discount = number_text(x.usual_discount);
    form_.commission = x.commission_rate ? percent_text(*x.commission_rate) : "";
    notice_.clear();
}

void ProductsView::submit() {
    form_.errors.clear();
    notice_.clear();
    Product x;
    if (form_.editing) {
        const Product* existing = store_.find_product(form_.editing);
        if (!existing) {
            form_ = Form{};
            return;
        }
        x = *existing;
    }
    x.sku = form_.sku;
    x.name = form_.name;
    // Empty money fields are 0; anything else must read as a number, then the product
    // rules judge the value.
    auto money = [&](const std::string& text, const char* field, const char* what, double& out) {
        if (trim(text).empty()) {
            out = 0;
            return;
        }
        if (auto v = parse_number(text)) out = *v;
        else form_.errors[field] = std::string(what) + " is a number such as 19.99 (\"" + trim(text) + "\" is not).";
    };
    money(form_.price, "price", "Price", x.price);
    money(form_.unit_cost, "unit_cost", "Unit cost", x.unit_cost);
    money(form_.shipping, "shipping_subsidy", "Shipping subsidy", x.shipping_subsidy);
    money(form_.discount, "usual_discount", "Discount", x.usual_discount);
    if (trim(form_.commission).empty()) x.commission_rate.reset();
    else if (auto v = parse_percent(form_.commission)) x.commission_rate = *v;
    else form_.errors["commission_rate"] = "Commission override is a percentage such as 15, or empty.";

    for (const FieldError& e : validate_product(x, store_.program())) form_.errors.emplace(e.field, e.message);
    if (!form_.errors.empty()) return;
    const bool adding = form_.editing == 0;
    CommandResult r = adding ? store_.add_product(x) : store_.update_product(x);
    if (!r.ok) {
        for (const FieldError& e : r.errors) form_.errors.emplace(e.field, e.message);
        return;
    }
    if (adding) {
        form_ = Form{};
        notice_ = "Added " + trim(x.sku) + ".";
    } else {
        notice_ = "Saved " + trim(x.sku) + ".";
    }
}

void ProductsView::draw_form() {
    const bool editing = form_.editing != 0;
    if (editing && !store_.find_product(form_.editing)) form_ = Form{};  // removed (or undone) under us
    ImGui::TextUnformatted(form_.editing ? "Edit product" : "New product");
    ImGui::Separator();
    bool enter = false;
    const ImGuiInputTextFlags ef = ImGuiInputTextFlags_EnterReturnsTrue;
    auto text_field = [&](const char* cap, const char* id, std::string& value, const char* field,
                          const char* hint = nullptr) {
        caption(cap);
        ImGui::SetNextItemWidth(-FLT_MIN);
        enter |= input_string(id, value, hint, ef);
        probe_tag(cap);
        field_error(form_.errors, field);
    };
    const std::string sym = currency_symbol(store_.program().settings.currency);
    const std::string money_hint = sym + "0.00";
    text_field("SKU", "##sku", form_.sku, "sku", "e.g. LS-SER-30");
    text_field("Name", "##name", form_.name, "name");
    text_field("Price", "##price", form_.price, "price", money_hint.c_str());
    text_field("Unit cost", "##unit_cost", form_.unit_cost, "unit_cost", money_hint.c_str());
    text_field("Shipping subsidy per order", "##shipping", form_.shipping, "shipping_subsidy", money_hint.c_str());
    text_field("Usual discount per order", "##discount", form_.discount, "usual_discount", money_hint.c_str());
    text_field("Commission override %", "##commission", form_.commission, "commission_rate",
               "empty: the creator's rate");

    ImGui::Spacing();
    if (primary_button(editing ? "Save product" : "Add product", ImVec2(em(8), 0)) || enter) submit();
    if (editing) {
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) form_ = Form{};
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        if (ImGui::Button("Delete")) delete_.open();
        ImGui::PopStyleColor();
    }
    field_error(form_.errors, "id");
    if (!notice_.empty()) message_line(palette().ok, notice_, "notice");
    draw_delete_popup();
}

void ProductsView::draw_delete_popup() {
    const Product* x = store_.find_product(form_.editing);
    const bool yes = delete_.draw("Delete product?", "Delete product", [&]() -> std::string {
        return x ? "Delete " + x->sku + " (" + x->name + ")? Undo (Ctrl+Z) brings it back." : "";
    });
    if (yes && x) {
        const std::string sku = x->sku;
        CommandResult r = store_.remove_product(x->id);
        if (r.ok) {
            form_ = Form{};
            notice_ = "Deleted " + sku + ". Undo brings it back.";
        } else {
            for (const FieldError& e : r.errors) form_.errors[e.field] = e.message;
        }
    }
}

}  // namespace sr::ui
