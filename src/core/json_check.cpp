#include "json_check.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace sr {

size_t json_depth(std::string_view s, size_t limit) {
    size_t depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char ch : s) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (ch == '\\') escaped = true;
            else if (ch == '"') in_string = false;
            continue;
        }
        if (ch == '"') in_string = true;
        else if (ch == '{' || ch == '[') {
            deepest = std::max(deepest, ++depth);
            if (deepest > limit) return deepest;
        } else if ((ch == '}' || ch == ']') && depth > 0)
            --depth;
    }
    return deepest;
}

namespace {

using json = nlohmann::json;

// A SAX pass that accepts every value and keeps the parser's report of the first error.
struct ErrorSax : nlohmann::json_sax<json> {
    JsonSyntax found;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t pos, const std::string& last, const nlohmann::detail::exception& ex) override {
        found.position = pos;
        found.token = last;
        found.message = ex.what();
        if (!found.message.empty() && found.message[0] == '[') {  // drop "[json.exception.parse_error.101] "
            const size_t at = found.message.find("] ");
            if (at != std::string::npos) found.message = found.message.substr(at + 2);
        }
        return false;
    }
};

}  // namespace

JsonSyntax json_syntax(std::string_view text, bool strict) {
    ErrorSax sax;
    json::sax_parse(text.begin(), text.end(), &sax, nlohmann::detail::input_format_t::json, strict);
    return sax.found;
}

}  // namespace sr
