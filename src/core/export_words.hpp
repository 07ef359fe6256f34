// The words of TikTok Shop exports by language: header names and the values cells hold, read
// from assets/headers/<export>.<language>.json, compiled in (embedded.hpp). Adding a language
// is adding a file; the importers match every language at once, since one file can mix them
// (Seller Center leaves some columns in English).
//
// A file:
//     {"export": "affiliate orders", "language": "vi",
//      "headers": {"<field key>": ["header as written", ...], ...},
//      "values":  {"<field key>": {"<value key>": ["cell as written", ...], ...}, ...},
//      "rows":    {"total": ["first word of a totals row", ...]}}
// Every part is optional. Field keys are the importer's (order_field_key: "order_id", ...).
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sr {

struct ExportWords {
    std::string file;      // "orders.vi.json"
    std::string kind;      // "orders": the file name up to its first '.'
    std::string language;  // "vi": the file's "language", else the name's second part
    std::map<std::string, std::vector<std::string>> headers;
    std::map<std::string, std::map<std::string, std::vector<std::string>>> values;
    std::map<std::string, std::vector<std::string>> rows;
};

struct ExportWordBook {
    std::vector<ExportWords> files;     // English first, then by file name
    std::vector<std::string> problems;  // "orders.xx.json: headers.order_id is not a list of texts"
};

// The compiled-in files, read once.
const ExportWordBook& export_words();
// The files of one export ("orders"), in the same order.
std::vector<const ExportWords*> export_words_of(std::string_view kind);

// Reads one file's text (what export_words() does for each).
ExportWords read_export_words(std::string_view file_name, std::string_view text, std::vector<std::string>& problems);

}  // namespace sr
