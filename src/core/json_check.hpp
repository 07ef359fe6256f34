// Checks on untrusted JSON text before and after it is parsed, shared by every reader of
// outside documents (backups, share links, replies). No exceptions escape.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace sr {

// The deepest nesting of objects and arrays in the text, counting stops once past `limit`
// (so a file of a million brackets costs one short scan).
size_t json_depth(std::string_view text, size_t limit);

// Where and why the text is not JSON: the byte offset the parser stopped at, the token it
// read last, and its own message without the exception prefix ("syntax error while parsing
// value - unexpected end of input; ... at line 1, column 12"). `strict` as in nlohmann's
// sax_parse: false accepts trailing text after the first value.
struct JsonSyntax {
    size_t position = 0;
    std::string token;
    std::string message;  // empty when the text is JSON
};
JsonSyntax json_syntax(std::string_view text, bool strict = true);

}  // namespace sr
