// What the record screens' tables share: the columns of a table declared once (header, width,
// sort, exported value), the sort the user chose by clicking a header, sorting rows with ties
// broken on the record id, the "Export CSV" button that saves the rows as shown, and the
// delete confirmation dialog of the record forms.
//
// One source of truth: a view keeps its rows filtered and sorted in one vector of indices; it
// draws that vector and exports that vector, through the same column list, so the file cannot
// drift from the screen.
#pragma once
#include <imgui.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "core/creator_report.hpp"
#include "core/csv_write.hpp"
#include "core/date.hpp"

namespace sr::ui {

// Every data table: sortable by a header click, resizable, striped, scrolling under a frozen header.
inline constexpr ImGuiTableFlags kDataTableFlags = ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable |
                                                   ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                                   ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                                                   ImGuiTableFlags_SizingStretchProp;

// How the user sorted a table: the column's id and the direction.
struct TableSort {
    int column = 0;
    bool ascending = true;
};

// What a column's exported values are; money and percentages say their unit in the header
// ("Price (USD)", "Conversion (%)").
using ColumnKind = ReportKind;  // how a value reads (core/creator_report.hpp): its exported header

// One column: the header as on screen, its id (the view's column enum, ImGui's user id), its
// width weight and flags, and its value in the CSV export for one row (an element of the view's
// row vector). A column without a value (a tick box) is not exported.
struct TableColumn {
    const char* header;
    int id;
    float weight;
    ImGuiTableColumnFlags flags = 0;
    ColumnKind kind = ColumnKind::text;
    std::function<csv::Cell(size_t row)> value;
    float fixed_em = 0;  // > 0: a fixed width in font units instead of a weight
};
using TableColumns = std::vector<TableColumn>;

// Inside BeginTable: freezes the header row, sets up the columns and draws their headers, each
// tagged "header:<tag>:<header>" for the page API (tests click them to sort).
void setup_columns(const TableColumns& columns, const char* tag);

// Inside BeginTable, after the headers: takes the sort the user clicked. True when it changed,
// so the view re-sorts its rows.
bool take_sort(TableSort& sort);

// Sorts rows by `cmp(a, b, column)` (negative, zero, positive) in the chosen direction; ties
// keep the order of `tie(a, b)` (the record id, ascending) whatever the direction.
template <class Row, class Cmp, class Tie>
void sort_rows(std::vector<Row>& rows, const TableSort& sort, Cmp&& cmp, Tie&& tie) {
    const int col = sort.column;
    const bool asc = sort.ascending;
    std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
        const int d = cmp(a, b, col);
        if (d == 0) return tie(a, b);
        return asc ? d < 0 : d > 0;
    });
}

template <class T> int cmp3(const T& a, const T& b) { return a < b ? -1 : (b < a ? 1 : 0); }

// The exported header of a column: "Price (USD)", "Conversion (%)", or the header as shown.
std::string export_header(const TableColumn& column, const std::string& currency);
// The rows as a CSV file (UTF-8 with a byte-order mark, CRLF): the headers, then one record
// per row in the order given.
std::string table_csv(const TableColumns& columns, const std::vector<size_t>& rows, const std::string& currency);
// "roster-2026-11-22.csv"
std::string export_filename(const std::string& stem, Date today);

// An "Export CSV" button that saves `rows` as a file named after `stem` and today. `small`:
// a SmallButton, for tables inside a section. Tagged "Export CSV:<stem>" for tests; once
// clicked, "export:<stem>" reads "<rows> rows to <file>".
void export_button(const std::string& stem, const TableColumns& columns, const std::vector<size_t>& rows,
                   const std::string& currency, Date today, bool small = false);
// The same, at the right end of the current line.
void export_button_right(const std::string& stem, const TableColumns& columns, const std::vector<size_t>& rows,
                         const std::string& currency, Date today, bool small = false);

// The screen's filter box, tagged "Filter"; Ctrl/Cmd+F sets `focus` to put the keyboard in it
// (cleared here). True when the text changed.
bool filter_box(const char* id, std::string& text, const char* hint, float width_em, bool& focus);
// A status filter: "All statuses" (0) or one of the labels (index + 1), tagged "Status filter".
// True when the choice changed.
bool status_filter(const char* id, int& filter, const char* const* labels, int count, float width_em);

// Lower-case ASCII, for sorting and filtering without regard to case.
std::string lower(std::string s);
// A cell's text against its right edge (numbers).
void right_aligned(const std::string& text);

// The "Delete X?" dialog of a record form: the question, a red confirm button and Keep;
// Escape (through the view's close_dialog) keeps.
class DeleteDialog {
public:
    void open() { want_ = true; }
    // Escape: closes it if open; true if it did.
    bool close() {
        if (!open_) return false;
        open_ = false;
        return true;
    }
    // Draws the dialog if open. `question` gives the sentence, or "" when the record is gone
    // (the dialog then closes). True on the frame the user confirms.
    bool draw(const char* title, const char* confirm_label, const std::function<std::string()>& question);

private:
    bool want_ = false;
    bool open_ = false;
};

}  // namespace sr::ui
