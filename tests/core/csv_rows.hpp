// CSV lines for the import tests, as an export writes them: quoted only where a cell needs it,
// CRLF at the end; and a row of a known header with the cells named, the rest "--" (how the
// exports leave a column with nothing).
#pragma once
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace sr::test {

inline std::string csv_line(const std::vector<std::string>& cells) {
    std::string s;
    for (size_t i = 0; i < cells.size(); ++i) {
        const std::string& v = cells[i];
        const bool quote = v.find_first_of(",\"\n") != std::string::npos;
        s += (i ? "," : "") + (quote ? "\"" + v + "\"" : v);
    }
    return s + "\r\n";
}

inline std::vector<std::string> row_of(const std::vector<std::string>& header,
                                       std::initializer_list<std::pair<const char*, std::string>> cells) {
    std::vector<std::string> row(header.size(), "--");
    for (const auto& [name, value] : cells)
        for (size_t i = 0; i < header.size(); ++i)
            if (header[i] == name) row[i] = value;
    return row;
}

}  // namespace sr::test
