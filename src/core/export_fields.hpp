// The columns of an export found by their headers in every language of its word files
// (export_words.hpp: assets/headers/<kind>.<language>.json), and a row's cells taken by field:
// trimmed, with a placeholder ("/", "--", "<5") taken as empty. Shared by the video performance
// and creator list importers (docs/rules.md, section 7).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sr {

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
    // A field takes the leftmost column holding one of its headers in any language.
    Match match(const std::vector<std::string>& headers) const;

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

}  // namespace sr
