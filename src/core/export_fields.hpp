// The columns of an export found by their headers in every language of its word files
// (export_words.hpp: assets/headers/<kind>.<language>.json), and a row's cells taken by field:
// trimmed, with a placeholder ("/", "--", "<5") taken as empty. Shared by the video performance
// and creator list importers (docs/rules.md, section 7).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import_cells.hpp"
#include "orders_import.hpp"

namespace sr {

// The columns a user mapped for an export other than orders: field key ("video_id", "views")
// -> the file's header for it; "-" ignores the field even where the file has its usual header.
using FieldMapping = std::map<std::string, std::string>;
std::string field_mapping_to_json(const FieldMapping& m);
FieldMapping field_mapping_from_json(std::string_view text);  // {} for anything but an object of strings

class ExportFields {
public:
    // The fields `keys` of the export `kind` ("videos", "creators").
    ExportFields(std::string_view kind, std::vector<std::string> keys);

    size_t size() const { return keys_.size(); }
    const std::string& key(size_t f) const { return keys_[f]; }
    // The field's English header (the first one in the English file), for messages.
    const std::string& usual(size_t f) const { return usual_[f]; }
    // Whether a cell begins with a word of a totals row ("Total", "Tổng").
    bool totals_word(std::string_view cell) const;

    struct Match {
        std::vector<int> column;             // per field: 0-based column, -1 when absent
        std::vector<std::string> languages;  // of the headers recognized, sorted
        bool has(size_t f) const { return column[f] >= 0; }
    };
    // A field takes the column the mapping names for it ("-": none), else the leftmost column
    // holding one of its headers in any language.
    Match match(const std::vector<std::string>& headers, const FieldMapping& mapping = {}) const;

private:
    struct Name {
        std::string key;  // header_key() of the header
        std::string language;
    };
    std::vector<std::string> keys_;
    std::vector<std::vector<Name>> names_;
    std::vector<std::string> usual_;
    std::vector<std::string> total_;
};

// A row's cells by field, taken once per row: trimmed; a placeholder is empty, and `blanked`
// says which field held one (for the reason when a value is needed).
struct FieldCells {
    std::vector<std::string_view> cells;
    std::vector<std::string_view> raw;  // as written, trimmed
    std::vector<bool> blanked;
    void take(const ExportFields::Match& m, const std::vector<std::string_view>& fields);
    std::string_view operator[](size_t f) const { return cells[f]; }
};

// The rows an export's importer refused (with the reason) or skipped (column descriptions,
// totals, empty rows): all counted, the first 1,000 of each kept for the screen.
struct RowLog {
    std::vector<RowProblem> problems;
    int64_t problem_count = 0;
    std::vector<RowProblem> skipped_rows;
    int64_t skipped = 0;
    void problem(int64_t row, std::string_view id, std::string reason);
    void skip(int64_t row, std::string reason);
};

// Why a data row is not one to read, or "": an empty row, a totals row ("Total of 312
// results"), or, as the first data row, the descriptions of the columns under the header
// (`key` is the row's identifying cell: prose there is a description).
std::string not_a_row(const ExportFields& f, const std::vector<std::string_view>& cells, int64_t data_row,
                      std::string_view key);

// The order of a file's day-first or month-first dates, decided by its values as the orders
// import decides it (docs/rules.md, section 7): note() each date cell, then decide().
struct DayVote {
    std::string day_first, month_first, either_way;  // the first value of each kind
    void note(std::string_view cell);
    DateReading decide(DateOrder fallback) const;
};
// The day a date cell names under a decided order.
std::optional<Date> day_in(const cells::DayText& t, DateOrder order);

}  // namespace sr
