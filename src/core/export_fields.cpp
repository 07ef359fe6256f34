#include "export_fields.hpp"

#include <algorithm>
#include <unordered_map>

#include "export_words.hpp"
#include "import_cells.hpp"
#include "orders_import.hpp"

namespace sr {

using namespace cells;

ExportFields::ExportFields(std::string_view kind, std::vector<std::string> keys)
    : keys_(std::move(keys)), names_(keys_.size()), usual_(keys_.size()) {
    for (const ExportWords* file : export_words_of(kind)) {
        for (size_t f = 0; f < keys_.size(); ++f) {
            auto it = file->headers.find(keys_[f]);
            if (it == file->headers.end()) continue;
            for (const std::string& h : it->second) names_[f].push_back({header_key(h), file->language});
            if (usual_[f].empty() && file->language == "en" && !it->second.empty()) usual_[f] = it->second.front();
        }
        if (auto it = file->rows.find("total"); it != file->rows.end())
            for (const std::string& t : it->second) total_.push_back(header_key(t));
    }
    for (size_t f = 0; f < keys_.size(); ++f)
        if (usual_[f].empty()) usual_[f] = keys_[f];
}

bool ExportFields::totals_word(std::string_view cell) const {
    for (const std::string& w : total_)
        if (key_is(cell, w, true)) return true;
    return false;
}

ExportFields::Match ExportFields::match(const std::vector<std::string>& headers) const {
    Match r;
    r.column.assign(keys_.size(), -1);
    std::unordered_map<std::string, int> by_key;  // the first column with each key
    for (size_t i = 0; i < headers.size(); ++i) by_key.emplace(header_key(headers[i]), static_cast<int>(i));
    for (size_t f = 0; f < keys_.size(); ++f) {
        const std::string* language = nullptr;
        int column = -1;
        for (const Name& n : names_[f]) {
            auto it = by_key.find(n.key);
            if (it != by_key.end() && (column < 0 || it->second < column)) column = it->second, language = &n.language;
        }
        r.column[f] = column;
        if (language && std::find(r.languages.begin(), r.languages.end(), *language) == r.languages.end())
            r.languages.push_back(*language);
    }
    std::sort(r.languages.begin(), r.languages.end());
    return r;
}

void FieldCells::take(const ExportFields::Match& m, const std::vector<std::string_view>& fields) {
    const size_t n = m.column.size();
    cells.assign(n, {});
    raw.assign(n, {});
    blanked.assign(n, false);
    for (size_t f = 0; f < n; ++f) {
        const int c = m.column[f];
        if (c < 0 || static_cast<size_t>(c) >= fields.size()) continue;
        const std::string_view v = trim_view(fields[static_cast<size_t>(c)]);
        raw[f] = v;
        if (!v.empty() && v.size() <= 6 && no_value(v)) {
            blanked[f] = true;
            continue;
        }
        cells[f] = v;
    }
}

}  // namespace sr
