#include "products_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>

#include "core/format.hpp"
#include "core/input.hpp"
#include "core/validate.hpp"
#include "probe.hpp"
#include "style.hpp"

namespace sr::ui {

namespace {

enum Column { col_sku, col_name, col_price, col_cost, col_shipping, col_discount, col_commission, col_count };

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

int cmp(double a, double b) { return a < b ? -1 : a > b; }

void right_aligned(const std::string& s) {
    const float w = ImGui::CalcTextSize(s.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetColumnWidth() - w - ImGui::GetStyle().CellPadding.x);
    ImGui::TextUnformatted(s.c_str());
}

}  // namespace

bool ProductsView::close_dialog() {
    if (!delete_open_) return false;
    delete_open_ = false;
    return true;
}

void ProductsView::draw(Context&) {
    const float avail_w = ImGui::GetContentRegionAvail().x;
    const bool side_by_side = avail_w > em(48);
    const float form_w = side_by_side ? std::min(em(20), avail_w * 0.4f) : avail_w;

    if (focus_filter_) {
        ImGui::SetKeyboardFocusHere();
        focus_filter_ = false;
    }
    ImGui::SetNextItemWidth(em(16));
    if (input_string("##product-filter", filter_, "Filter: SKU or name")) rows_dirty_ = true;
    probe_tag("Filter");
    ImGui::SameLine();
    if (store_.revision() != rows_revision_ || rows_dirty_) rebuild_rows();
    ImGui::TextDisabled("%s of %s products", fmt_int(static_cast<int64_t>(rows_.size())).c_str(),
                        fmt_int(static_cast<int64_t>(store_.program().products.size())).c_str());

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
    rows_.clear();
    for (size_t i = 0; i < p.products.size(); ++i) {
        const Product& x = p.products[i];
        if (!needle.empty() && lower(x.sku + " " + x.name).find(needle) == std::string::npos) continue;
        rows_.push_back(i);
    }
    const int col = sort_column_;
    const bool asc = sort_ascending_;
    std::sort(rows_.begin(), rows_.end(), [&](size_t a, size_t b) {
        const Product& x = p.products[a];
        const Product& y = p.products[b];
        int d = 0;
        switch (col) {
            case col_sku: d = lower(x.sku).compare(lower(y.sku)); break;
            case col_name: d = lower(x.name).compare(lower(y.name)); break;
            case col_price: d = cmp(x.price, y.price); break;
            case col_cost: d = cmp(x.unit_cost, y.unit_cost); break;
            case col_shipping: d = cmp(x.shipping_subsidy, y.shipping_subsidy); break;
            case col_discount: d = cmp(x.usual_discount, y.usual_discount); break;
            case col_commission: d = cmp(x.commission_rate.value_or(-1), y.commission_rate.value_or(-1)); break;
            default: break;
        }
        if (d == 0) return x.id < y.id;
        return asc ? d < 0 : d > 0;
    });
    rows_revision_ = store_.revision();
    rows_dirty_ = false;
}

void ProductsView::draw_table(float height) {
    const Program& p = store_.program();
    const std::string& cur = p.settings.currency;
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("products", col_count, flags, ImVec2(0, height - ImGui::GetStyle().ItemSpacing.y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("SKU", ImGuiTableColumnFlags_DefaultSort, 1.1f, col_sku);
    ImGui::TableSetupColumn("Name", 0, 2.0f, col_name);
    ImGui::TableSetupColumn("Price", 0, 0.7f, col_price);
    ImGui::TableSetupColumn("Unit cost", 0, 0.7f, col_cost);
    ImGui::TableSetupColumn("Shipping", 0, 0.7f, col_shipping);
    ImGui::TableSetupColumn("Discount", 0, 0.7f, col_discount);
    ImGui::TableSetupColumn("Commission", 0, 0.8f, col_commission);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
        if (specs->SpecsDirty && specs->SpecsCount > 0) {
            sort_column_ = static_cast<int>(specs->Specs[0].ColumnUserID);
            sort_ascending_ = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
            rebuild_rows();
            specs->SpecsDirty = false;
        }
    }
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
        if (ImGui::Button("Delete")) want_delete_ = true;
        ImGui::PopStyleColor();
    }
    field_error(form_.errors, "id");
    if (!notice_.empty()) message_line(palette().ok, notice_, "notice");
    draw_delete_popup();
}

void ProductsView::draw_delete_popup() {
    if (want_delete_) {
        ImGui::OpenPopup("Delete product?");
        want_delete_ = false;
        delete_open_ = true;
    }
    ImGui::SetNextWindowSize(ImVec2(em(22), 0));
    if (ImGui::BeginPopupModal("Delete product?", nullptr, ImGuiWindowFlags_NoResize)) {
        const Product* x = store_.find_product(form_.editing);
        if (!x || !delete_open_) {
            delete_open_ = false;
            ImGui::CloseCurrentPopup();
        } else {
            ImGui::TextWrapped("Delete %s (%s)? Undo (Ctrl+Z) brings it back.", x->sku.c_str(), x->name.c_str());
            ImGui::Spacing();
            ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
            const bool yes = ImGui::Button("Delete product");
            ImGui::PopStyleColor();
            ImGui::SameLine();
            if (ImGui::Button("Keep")) {
                delete_open_ = false;
                ImGui::CloseCurrentPopup();
            }
            if (yes) {
                const std::string sku = x->sku;
                CommandResult r = store_.remove_product(x->id);
                if (r.ok) {
                    form_ = Form{};
                    notice_ = "Deleted " + sku + ". Undo brings it back.";
                } else {
                    for (const FieldError& e : r.errors) form_.errors[e.field] = e.message;
                }
                delete_open_ = false;
                ImGui::CloseCurrentPopup();
            }
        }
        ImGui::EndPopup();
    } else {
        delete_open_ = false;
    }
}

}  // namespace sr::ui
