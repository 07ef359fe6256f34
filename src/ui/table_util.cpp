#include "table_util.hpp"

#include <cctype>

#include <imgui_internal.h>

#include "core/format.hpp"
#include "form_fields.hpp"
#include "platform/platform.hpp"
#include "probe.hpp"
#include "style.hpp"

namespace sr::ui {

namespace {
// The header as on screen: the label before any "##".
std::string shown_header(const TableColumn& column) {
    std::string h = column.header;
    const size_t hidden = h.find("##");
    if (hidden != std::string::npos) h.erase(hidden);
    return h;
}
}  // namespace

void setup_columns(const TableColumns& columns, const char* tag) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const TableColumn& c : columns) {
        if (c.fixed_em > 0)
            ImGui::TableSetupColumn(c.header, c.flags | ImGuiTableColumnFlags_WidthFixed, em(c.fixed_em),
                                    static_cast<ImGuiID>(c.id));
        else
            ImGui::TableSetupColumn(c.header, c.flags, c.weight, static_cast<ImGuiID>(c.id));
    }
    // The header row as ImGui::TableHeadersRow draws it, each header tagged for the page API.
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers, ImGui::TableGetHeaderRowHeight());
    const std::string prefix = std::string("header:") + tag + ":";
    for (int n = 0; n < static_cast<int>(columns.size()); ++n) {
        if (!ImGui::TableSetColumnIndex(n)) continue;
        ImGui::PushID(n);
        ImGui::TableHeader(columns[static_cast<size_t>(n)].header);
        ImGui::PopID();
        probe_tag(prefix + shown_header(columns[static_cast<size_t>(n)]));
    }
}

bool take_sort(TableSort& sort) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs || specs->SpecsCount == 0 || !specs->SpecsDirty) return false;
    sort.column = static_cast<int>(specs->Specs[0].ColumnUserID);
    sort.ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    specs->SpecsDirty = false;
    return true;
}

std::string export_header(const TableColumn& column, const std::string& currency) {
    const std::string h = shown_header(column);
    switch (column.kind) {
        case ColumnKind::money: return h + " (" + currency + ")";
        case ColumnKind::percent: return h + " (%)";
        default: return h;
    }
}

std::string table_csv(const TableColumns& columns, const std::vector<size_t>& rows, const std::string& currency) {
    csv::Writer w(true);
    std::vector<std::string> names;
    for (const TableColumn& c : columns)
        if (c.value) names.push_back(export_header(c, currency));
    w.header(names);
    std::vector<csv::Cell> cells;
    for (size_t r : rows) {
        cells.clear();
        for (const TableColumn& c : columns)
            if (c.value) cells.push_back(c.value(r));
        w.row(cells);
    }
    return w.text();
}

std::string export_filename(const std::string& stem, Date today) { return stem + "-" + today.to_string() + ".csv"; }

namespace {

void export_click(const std::string& stem, const TableColumns& columns, const std::vector<size_t>& rows,
                  const std::string& currency, Date today, bool small) {
    const std::string label = "Export CSV##" + stem;
    const bool clicked = small ? ImGui::SmallButton(label.c_str()) : ImGui::Button(label.c_str());
    probe_tag("Export CSV:" + stem);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Save these %s rows, sorted and filtered as shown, as a CSV file",
                          fmt_int(static_cast<int64_t>(rows.size())).c_str());
    // What the last click saved, for the page API ("export:<stem>").
    static std::string last_stem, last_text;
    if (clicked) {
        const std::string file = export_filename(stem, today);
        platform::download(file, "text/csv", table_csv(columns, rows, currency));
        last_stem = stem;
        last_text = std::to_string(rows.size()) + " rows to " + file;
    }
    if (last_stem == stem) probe_tag("export:" + stem, last_text);
}

// SmallButton and Button share the horizontal padding; only the height differs.
float button_width() { return ImGui::CalcTextSize("Export CSV").x + ImGui::GetStyle().FramePadding.x * 2; }

}  // namespace

void export_button(const std::string& stem, const TableColumns& columns, const std::vector<size_t>& rows,
                   const std::string& currency, Date today, bool small) {
    export_click(stem, columns, rows, currency, today, small);
}

void export_button_right(const std::string& stem, const TableColumns& columns, const std::vector<size_t>& rows,
                         const std::string& currency, Date today, bool small) {
    ImGui::SameLine();
    const float x = ImGui::GetWindowContentRegionMax().x - button_width();
    if (x > ImGui::GetCursorPosX()) ImGui::SetCursorPosX(x);
    export_click(stem, columns, rows, currency, today, small);
}

bool filter_box(const char* id, std::string& text, const char* hint, float width_em, bool& focus) {
    if (focus) {
        ImGui::SetKeyboardFocusHere();
        focus = false;
    }
    ImGui::SetNextItemWidth(em(width_em));
    const bool changed = input_string(id, text, hint);
    probe_tag("Filter");
    return changed;
}

bool status_filter(const char* id, int& filter, const char* const* labels, int count, float width_em) {
    bool changed = false;
    ImGui::SetNextItemWidth(em(width_em));
    if (ImGui::BeginCombo(id, filter == 0 ? "All statuses" : labels[filter - 1])) {
        for (int i = 0; i <= count; ++i) {
            if (ImGui::Selectable(i == 0 ? "All statuses" : labels[i - 1], filter == i) && filter != i) {
                filter = i;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    probe_tag("Status filter");
    return changed;
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

void right_aligned(const std::string& text) {
    const float w = ImGui::CalcTextSize(text.c_str()).x;
    // A cell narrower than its text shows the text's start (a minus sign, a currency sign) and
    // clips the end, rather than pushing the start out of sight.
    const float room = ImGui::GetColumnWidth() - w - ImGui::GetStyle().CellPadding.x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, room));
    ImGui::TextUnformatted(text.c_str());
}

bool DeleteDialog::draw(const char* title, const char* confirm_label, const std::function<std::string()>& question) {
    if (want_) {
        ImGui::OpenPopup(title);
        want_ = false;
        open_ = true;
    }
    ImGui::SetNextWindowSize(ImVec2(em(22), 0));
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoResize)) {
        open_ = false;
        return false;
    }
    bool confirmed = false;
    const std::string q = open_ ? question() : std::string();
    if (q.empty()) {
        open_ = false;
        ImGui::CloseCurrentPopup();
    } else {
        ImGui::TextWrapped("%s", q.c_str());
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        confirmed = ImGui::Button(confirm_label);
        ImGui::PopStyleColor();
        ImGui::SameLine();
        if (ImGui::Button("Keep") || confirmed) {
            open_ = false;
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::EndPopup();
    return confirmed;
}

}  // namespace sr::ui
