#include "export_fields.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
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

std::string field_mapping_to_json(const FieldMapping& m) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, v] : m) j[k] = v;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

FieldMapping field_mapping_from_json(std::string_view text) {
    FieldMapping m;
    const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return m;
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it->is_string()) m[it.key()] = it->get<std::string>();
    return m;
}

ExportFields::Match ExportFields::match(const std::vector<std::string>& headers, const FieldMapping& mapping) const {
    Match r;
    r.column.assign(keys_.size(), -1);
    std::unordered_map<std::string, int> by_key;  // the first column with each key
    for (size_t i = 0; i < headers.size(); ++i) by_key.emplace(header_key(headers[i]), static_cast<int>(i));
    for (size_t f = 0; f < keys_.size(); ++f) {
        if (auto m = mapping.find(keys_[f]); m != mapping.end() && !m->second.empty()) {
            if (m->second == "-") continue;  // column stays -1
            // A header the file does not have: the field is found by its usual names, so a
            // mapping made for one odd file does not hide a column of the usual ones.
            if (auto it = by_key.find(header_key(m->second)); it != by_key.end()) {
                r.column[f] = it->second;
                continue;
            }
        }
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

void RowLog::problem(int64_t row, std::string_view id, std::string reason) {
    ++problem_count;
    if (problems.size() < 1000) problems.push_back({row, row, clip(id, 100), std::move(reason)});
}

void RowLog::skip(int64_t row, std::string reason) {
    ++skipped;
    if (skipped_rows.size() < 1000) skipped_rows.push_back({row, row, "", std::move(reason)});
}

std::string not_a_row(const ExportFields& f, const std::vector<std::string_view>& in, int64_t data_row, std::string_view key) {
    std::string_view first;
    for (size_t i = 0; first.empty() && i < in.size(); ++i) first = trim_view(in[i]);
    if (first.empty()) return "an empty row";
    if (f.totals_word(first)) return "a totals row (" + in_quotes(first) + ")";
    if (data_row == 1 && is_prose(key)) return "a row of column descriptions under the header (" + in_quotes(key) + ")";
    return {};
}

void DayVote::note(std::string_view v) {
    const auto d = read_day(v);
    if (!d || d->year_first) return;
    // A date neither way reads (13/13/2026) decides nothing.
    std::string* kind = d->first > 12 && d->second <= 12    ? &day_first
                        : d->second > 12 && d->first <= 12  ? &month_first
                        : d->first <= 12 && d->second <= 12 ? &either_way
                                                            : nullptr;
    if (kind && kind->empty()) *kind = date_part(v);
}

DateReading DayVote::decide(DateOrder fallback) const {
    DateReading d;
    d.day_first = day_first, d.month_first = month_first, d.either_way = either_way;
    const bool day = !day_first.empty(), month = !month_first.empty();
    d.order = day && !month ? DateOrder::day_first : month && !day ? DateOrder::month_first : fallback;
    d.from = day && month             ? DateOrderFrom::conflict
             : day || month           ? DateOrderFrom::file
             : !either_way.empty()    ? DateOrderFrom::option
                                      : DateOrderFrom::none;
    return d;
}

std::optional<Date> day_in(const DayText& t, DateOrder order) {
    if (t.year_first) return civil(t.year, t.first, t.second);
    const bool df = order == DateOrder::day_first;
    return civil(t.year, df ? t.second : t.first, df ? t.first : t.second);
}

}  // namespace sr
