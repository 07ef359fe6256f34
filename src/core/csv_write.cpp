#include "csv_write.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "input.hpp"

namespace sr::csv {

Cell Cell::integer(int64_t v) { return Cell{Kind::number, std::to_string(v)}; }

Cell Cell::number(double v, int decimals) {
    if (!std::isfinite(v)) return none();
    return Cell{Kind::number, number_text(v, std::clamp(decimals, 0, 12))};
}

Cell Cell::money(double v) {
    if (!std::isfinite(v)) return none();
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s = buf;
    if (s == "-0.00") s = "0.00";
    return Cell{Kind::number, s};
}

std::string guard_formula(std::string_view text) {
    if (!text.empty()) {
        const char c = text.front();
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r')
            return "'" + std::string(text);
    }
    return std::string(text);
}

std::string quote_field(std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
    std::string out;
    out.reserve(field.size() + 2);
    out.push_back('"');
    for (char c : field) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

Writer::Writer(bool byte_order_mark) {
    if (byte_order_mark) out_ = "\xEF\xBB\xBF";
}

void Writer::field(std::string_view value, bool first) {
    if (!first) out_.push_back(',');
    out_ += quote_field(value);
}

void Writer::header(const std::vector<std::string>& names) {
    std::vector<Cell> cells;
    cells.reserve(names.size());
    for (const std::string& n : names) cells.push_back(Cell::text(n));
    row(cells);
}

void Writer::row(const std::vector<Cell>& cells) {
    // A record of one empty field would be a blank line, which readers skip: write it quoted.
    if (cells.size() == 1 && (cells[0].kind == Cell::Kind::empty || cells[0].value.empty())) {
        out_ += "\"\"\r\n";
        ++rows_;
        return;
    }
    bool first = true;
    for (const Cell& c : cells) {
        switch (c.kind) {
            case Cell::Kind::empty: field("", first); break;
            case Cell::Kind::number: field(c.value, first); break;
            case Cell::Kind::text: field(guard_formula(c.value), first); break;
        }
        first = false;
    }
    out_ += "\r\n";
    ++rows_;
}

}  // namespace sr::csv
