#include "share.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "enums.hpp"
#include "format.hpp"
#include "json_check.hpp"
#include "post_entry.hpp"
#include "spark.hpp"
#include "validate.hpp"

namespace sr {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

namespace {

constexpr std::string_view kBriefFormat = "spark-roster-brief";
constexpr std::string_view kReplyFormat = "spark-roster-reply";
constexpr int kVersion = 1;
constexpr std::string_view kReplyHeader = "Spark Roster reply";

const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int b64_value(char ch) {
    if (ch >= 'A' && ch <= 'Z') return ch - 'A';
    if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
    if (ch >= '0' && ch <= '9') return ch - '0' + 52;
    if (ch == '-') return 62;
    if (ch == '_') return 63;
    return -1;
}

bool b64_char(char ch) { return b64_value(ch) >= 0; }

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && lower(s.substr(0, prefix.size())) == lower(prefix);
}

std::string kb(size_t bytes) { return std::to_string((bytes + 1023) / 1024) + " KB"; }

// Code points in well-formed UTF-8.
size_t code_points(std::string_view s) {
    size_t n = 0;
    for (char ch : s)
        if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
    return n;
}

// "" when the text is fine for a field; otherwise why not. Multi-line fields may hold line
// breaks and tabs; no field holds other control characters.
std::string text_problem(std::string_view s, bool multiline) {
    const size_t bad = invalid_utf8_at(s);
    if (bad != std::string_view::npos) return "is not valid UTF-8 text (byte " + std::to_string(bad) + ")";
    const size_t n = code_points(s);
    if (n > kShareMaxChars)
        return "is " + std::to_string(n) + " characters long; at most " + std::to_string(kShareMaxChars) + " are allowed";
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char ch = static_cast<unsigned char>(s[i]);
        const bool allowed_break = multiline && (ch == '\n' || ch == '\t' || ch == '\r');
        if ((ch < 0x20 || ch == 0x7F) && !allowed_break)
            return "holds a control character at byte " + std::to_string(i);
    }
    return "";
}

// Parses untrusted JSON text into an object after the size, UTF-8 and depth checks.
// `what` names the document in messages ("brief", "reply").
bool parse_object(std::string_view text, const char* what, json& out, Errors& errs) {
    const std::string w(what);
    if (text.size() > kShareMaxBytes) {
        errs.push_back({"payload", "The " + w + " is " + kb(text.size()) + "; at most " + kb(kShareMaxBytes) + " is accepted."});
        return false;
    }
    if (trim(text).empty()) {
        errs.push_back({"payload", "The " + w + " is empty."});
        return false;
    }
    const size_t bad = invalid_utf8_at(text);
    if (bad != std::string_view::npos) {
        errs.push_back({"payload", "The " + w + " is not valid UTF-8 text (byte " + std::to_string(bad) + ")."});
        return false;
    }
    const size_t depth = json_depth(text, kShareMaxDepth);
    if (depth > kShareMaxDepth) {
        errs.push_back({"payload", "The " + w + " nests more than " + std::to_string(kShareMaxDepth) +
                                       " levels deep; it is not one Spark Roster made."});
        return false;
    }
    out = json::parse(text.begin(), text.end(), nullptr, false);
    if (out.is_discarded()) {
        const JsonSyntax sax = json_syntax(text, false);
        const bool cut = sax.position >= text.size();
        errs.push_back({"payload", "The " + w + " is not valid JSON" +
                                       (cut ? std::string(": it ends too early (the link or text may have been cut off).")
                                            : " at byte " + std::to_string(sax.position) + ".")});
        return false;
    }
    if (!out.is_object()) {
        errs.push_back({"payload", "The " + w + " must be a JSON object."});
        return false;
    }
    return true;
}

// Reads the fields of one JSON object, strictly: known fields only, right types, limits.
class Reader {
public:
    Reader(const json& obj, std::string prefix, Errors& errs) : obj_(obj), prefix_(std::move(prefix)), errs_(errs) {}

    std::string name(std::string_view field) const { return prefix_ + std::string(field); }
    void error(std::string_view field, std::string message) { errs_.push_back({name(field), std::move(message)}); }

    const json* get(const char* field, bool required) {
        known_.push_back(field);
        auto it = obj_.find(field);
        if (it == obj_.end() || it->is_null()) {
            if (required) error(field, "is missing.");
            return nullptr;
        }
        return &*it;
    }

    std::string str(const char* field, bool required, bool multiline = false, bool non_empty = false) {
        const json* v = get(field, required);
        if (!v) return "";
        if (!v->is_string()) {
            error(field, std::string("must be text, not ") + v->type_name() + ".");
            return "";
        }
        const std::string& s = v->get_ref<const std::string&>();
        const std::string problem = text_problem(s, multiline);
        if (!problem.empty()) {
            error(field, problem + ".");
            return "";
        }
        if (non_empty && trim(s).empty()) error(field, "is empty.");
        return s;
    }

    std::optional<int64_t> integer(const char* field, bool required, int64_t lo, int64_t hi) {
        const json* v = get(field, required);
        if (!v) return std::nullopt;
        if (!v->is_number_integer()) {
            error(field, std::string("must be a whole number, not ") + (v->is_number() ? "a fraction" : v->type_name()) + ".");
            return std::nullopt;
        }
        const bool too_big = v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(hi);
        const int64_t x = too_big ? hi : v->get<int64_t>();
        if (too_big || x < lo || x > hi) {
            error(field, "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ".");
            return std::nullopt;
        }
        return x;
    }

    const json* list(const char* field, bool required) {
        const json* v = get(field, required);
        if (!v) return nullptr;
        if (!v->is_array()) {
            error(field, std::string("must be a list, not ") + v->type_name() + ".");
            return nullptr;
        }
        if (v->size() > kShareMaxItems) {
            error(field, "has " + std::to_string(v->size()) + " items; at most " + std::to_string(kShareMaxItems) + " are allowed.");
            return nullptr;
        }
        return v;
    }

    std::vector<std::string> str_list(const char* field, bool required, bool multiline = true) {
        std::vector<std::string> out;
        const json* v = list(field, required);
        if (!v) return out;
        for (size_t i = 0; i < v->size(); ++i) {
            const json& item = (*v)[i];
            const std::string f = std::string(field) + "[" + std::to_string(i) + "]";
            if (!item.is_string()) {
                error(f, std::string("must be text, not ") + item.type_name() + ".");
                continue;
            }
            const std::string problem = text_problem(item.get_ref<const std::string&>(), multiline);
            if (!problem.empty()) {
                error(f, problem + ".");
                continue;
            }
            out.push_back(item.get<std::string>());
        }
        return out;
    }

    const json* object(const char* field, bool required) {
        const json* v = get(field, required);
        if (!v) return nullptr;
        if (!v->is_object()) {
            error(field, std::string("must be an object, not ") + v->type_name() + ".");
            return nullptr;
        }
        return v;
    }

    std::optional<Date> date(const char* field, bool required) {
        const json* v = get(field, required);
        if (!v) return std::nullopt;
        if (!v->is_string()) {
            error(field, std::string("must be a date (YYYY-MM-DD), not ") + v->type_name() + ".");
            return std::nullopt;
        }
        const std::string& s = v->get_ref<const std::string&>();
        std::optional<Date> d = s.size() <= 10 ? Date::parse(s) : std::nullopt;
        if (!d) error(field, "must be a date written YYYY-MM-DD.");
        return d;
    }

    // Every field not read above is refused: a version 1 document has these fields only.
    void reject_unknown() {
        for (auto it = obj_.begin(); it != obj_.end(); ++it)
            if (std::find(known_.begin(), known_.end(), it.key()) == known_.end()) {
                const std::string k = it.key();
                const bool printable = invalid_utf8_at(k) == std::string_view::npos && code_points(k) <= 40 &&
                                       text_problem(k, false).empty();
                errs_.push_back({name(printable ? k : std::string("?")), "is not a field this version knows."});
            }
    }

private:
    const json& obj_;
    std::string prefix_;
    Errors& errs_;
    std::vector<std::string> known_;
};

bool key_ok(std::string_view k) {
    if (k.size() < 4 || k.size() > 64) return false;
    return std::all_of(k.begin(), k.end(), b64_char);
}

bool item_id_ok(std::string_view k) {
    if (k.empty() || k.size() > 32) return false;
    return std::all_of(k.begin(), k.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
    });
}

bool handle_char_ok(char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.';
}

std::string summarize(const Errors& errs, size_t max_items) {
    std::string out;
    for (size_t i = 0; i < errs.size() && i < max_items; ++i) {
        if (i) out += "; ";
        out += errs[i].field + ": " + errs[i].message;
    }
    if (errs.size() > max_items) out += " (and " + std::to_string(errs.size() - max_items) + " more)";
    return out;
}

uint64_t mix64(uint64_t x) {  // splitmix64's finalizer: a bijection, so distinct ids give distinct keys
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// ---------------------------------------------------------------- post links
// What identifies a TikTok post in a link or a stored reference: the video id when there is
// one ("video:7312..."), else the link without scheme, "www.", query, fragment, trailing '/'.
std::string post_match_key(std::string_view ref) {
    std::string s = lower(trim(ref));
    if (!s.empty() && std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) return "video:" + s;
    const size_t v = s.find("/video/");
    if (v != std::string::npos) {
        size_t i = v + 7, j = i;
        while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
        if (j > i) return "video:" + s.substr(i, j - i);
    }
    for (const char* scheme : {"https://", "http://"})
        if (s.rfind(scheme, 0) == 0) s = s.substr(std::string(scheme).size());
    if (s.rfind("www.", 0) == 0) s = s.substr(4);
    const size_t cut = s.find_first_of("?#");
    if (cut != std::string::npos) s.resize(cut);
    while (!s.empty() && s.back() == '/') s.pop_back();
    return "url:" + s;
}

// Trims the fields and completes a link typed without its scheme.
HandoffReply normalized(HandoffReply r) {
    r.brief_key = trim(r.brief_key);
    r.brief_title = trim(r.brief_title);
    r.creator_handle = normalize_handle(r.creator_handle);
    r.post_link = trim(r.post_link);
    r.code = trim(r.code);
    if (!r.post_link.empty() && r.post_link.find("://") == std::string::npos) {
        const std::string l = lower(r.post_link);
        if (l.rfind("tiktok.com", 0) == 0 || l.rfind("www.tiktok.com", 0) == 0 || l.rfind("vm.tiktok.com", 0) == 0 ||
            l.rfind("vt.tiktok.com", 0) == 0 || l.rfind("m.tiktok.com", 0) == 0)
            r.post_link = "https://" + r.post_link;
    }
    return r;
}

// The same wording as the store's own check when it receives a code.
Errors code_warnings(const std::string& code) {
    Errors w;
    bool space = false;
    for (char ch : code) space = space || ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
    if (space) w.push_back({"code", "The code contains spaces: check that it was pasted whole."});
    if (code.size() < 16) w.push_back({"code", "The code is unusually short (" + std::to_string(code.size()) + " characters)."});
    if (code.size() > 200) w.push_back({"code", "The code is unusually long (" + std::to_string(code.size()) + " characters)."});
    if (!code.empty() && code[0] != '#') w.push_back({"code", "Spark Codes usually start with '#'."});
    return w;
}

ojson reply_json(const HandoffReply& r) {
    ojson j;
    j["format"] = kReplyFormat;
    j["version"] = kVersion;
    j["brief"] = r.brief_key;
    if (!r.brief_title.empty()) j["brief_title"] = r.brief_title;
    j["creator"] = r.creator_handle;
    j["post"] = r.post_link;
    j["code"] = r.code;
    j["days"] = r.days;
    j["generated"] = r.generated ? r.generated->to_string() : "";
    return j;
}

std::string dump(const ojson& j) { return j.dump(-1, ' ', false, ojson::error_handler_t::replace); }

// The reply JSON, read strictly.
void read_reply_json(std::string_view text, HandoffResult& out) {
    json doc;
    if (!parse_object(text, "reply", doc, out.errors)) return;
    Reader r(doc, "", out.errors);
    const std::string format = r.str("format", true);
    if (!format.empty() && format != kReplyFormat) {
        out.errors.push_back({"format", format == kBriefFormat ? "This is a shared brief, not a reply."
                                                               : "\"" + format + "\" is not a Spark Roster reply."});
        return;
    }
    const std::optional<int64_t> version = r.integer("version", true, 1, 1000000);
    if (version && *version > kVersion) {
        out.errors.push_back({"version", "This reply was made by a newer version of Spark Roster (version " +
                                             std::to_string(*version) + "); this one reads version 1."});
        return;
    }
    HandoffReply& h = out.reply;
    h.brief_key = r.str("brief", true);
    h.brief_title = r.str("brief_title", false);
    h.creator_handle = r.str("creator", true);
    h.post_link = r.str("post", true);
    h.code = r.str("code", true, true);
    const std::optional<int64_t> days = r.integer("days", true, 1, 100000);
    if (days) h.days = static_cast<int>(*days);
    h.generated = r.date("generated", true);
    r.reject_unknown();
}

// The text block: "Spark Roster reply" then "Label: value" lines.
void read_reply_text(std::string_view text, HandoffResult& out) {
    struct Label {
        const char* label;
        const char* field;
        std::optional<std::string> value;
    };
    Label labels[] = {{"brief key", "brief", {}}, {"brief", "brief_title", {}}, {"creator", "creator", {}},
                      {"post", "post", {}},       {"code", "code", {}},         {"days", "days", {}},
                      {"generated", "generated", {}}};
    bool in_reply = false;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string line = trim(text.substr(start, end - start));
        start = end + 1;
        while (!line.empty() && (line[0] == '>' || line[0] == '*' || line[0] == '_')) line = trim(line.substr(1));
        if (!in_reply) {
            std::string l = lower(line);
            while (!l.empty() && (l.back() == '*' || l.back() == '_' || l.back() == ':')) l.pop_back();
            in_reply = l == lower(kReplyHeader);
            continue;
        }
        if (lower(line) == lower(kReplyHeader)) {
            out.errors.push_back({"reply", "The text holds more than one reply: paste one at a time."});
            return;
        }
        const size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string label = lower(trim(line.substr(0, colon)));
        while (!label.empty() && (label.back() == '*' || label.back() == '_')) label.pop_back();
        const std::string value = trim(line.substr(colon + 1));
        for (Label& l : labels)
            if (label == l.label) {
                if (l.value) {
                    out.errors.push_back({l.field, "appears twice in the text: paste one reply at a time."});
                    return;
                }
                l.value = value;
            }
    }
    if (!in_reply) {
        out.errors.push_back({"reply", "This is not a Spark Roster reply: paste the reply link, or the text that starts "
                                       "with \"Spark Roster reply\"."});
        return;
    }
    auto take = [&](const char* field, bool required) -> std::string {
        for (Label& l : labels)
            if (std::string(l.field) == field) {
                if (!l.value) {
                    if (required) out.errors.push_back({field, "is missing from the text."});
                    return "";
                }
                const std::string problem = text_problem(*l.value, false);
                if (!problem.empty()) {
                    out.errors.push_back({field, problem + "."});
                    return "";
                }
                return *l.value;
            }
        return "";
    };
    HandoffReply& h = out.reply;
    h.brief_key = take("brief", true);
    h.brief_title = take("brief_title", false);
    h.creator_handle = take("creator", true);
    h.post_link = take("post", true);
    h.code = take("code", true);
    const std::string days = take("days", true);
    if (!days.empty()) {
        size_t i = 0;
        while (i < days.size() && i < 7 && days[i] >= '0' && days[i] <= '9') ++i;
        const std::string rest = lower(trim(days.substr(i)));
        if (i == 0 || i >= 7 || !(rest.empty() || rest == "days" || rest == "day"))
            out.errors.push_back({"days", "must be a whole number of days (\"" + days + "\")."});
        else
            h.days = std::stoi(days.substr(0, i));
    }
    const std::string generated = take("generated", true);
    if (!generated.empty()) {
        h.generated = generated.size() == 10 ? Date::parse(generated) : std::nullopt;
        if (!h.generated) out.errors.push_back({"generated", "must be a date written YYYY-MM-DD (\"" + generated + "\")."});
    }
}

}  // namespace

// ---------------------------------------------------------------- base64url
std::string base64url_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() * 4 + 2) / 3);
    size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const uint32_t v = (uint32_t(uint8_t(bytes[i])) << 16) | (uint32_t(uint8_t(bytes[i + 1])) << 8) | uint8_t(bytes[i + 2]);
        out += kB64[(v >> 18) & 63];
        out += kB64[(v >> 12) & 63];
        out += kB64[(v >> 6) & 63];
        out += kB64[v & 63];
    }
    const size_t rest = bytes.size() - i;
    if (rest == 1) {
        const uint32_t v = uint32_t(uint8_t(bytes[i])) << 16;
        out += kB64[(v >> 18) & 63];
        out += kB64[(v >> 12) & 63];
    } else if (rest == 2) {
        const uint32_t v = (uint32_t(uint8_t(bytes[i])) << 16) | (uint32_t(uint8_t(bytes[i + 1])) << 8);
        out += kB64[(v >> 18) & 63];
        out += kB64[(v >> 12) & 63];
        out += kB64[(v >> 6) & 63];
    }
    return out;
}

Base64Result base64url_decode(std::string_view text, size_t max_bytes) {
    Base64Result r;
    size_t n = text.size();
    size_t pad = 0;
    while (n > 0 && text[n - 1] == '=' && pad < 2) {
        --n;
        ++pad;
    }
    for (size_t i = 0; i < n; ++i)
        if (!b64_char(text[i])) {
            const unsigned char ch = static_cast<unsigned char>(text[i]);
            const std::string shown = (ch >= 0x20 && ch < 0x7F) ? "'" + std::string(1, text[i]) + "'"
                                                                : "byte " + std::to_string(int(ch));
            r.error = "The link holds " + shown + " at position " + std::to_string(i) +
                      ", which base64url does not use: the link may be damaged.";
            r.position = i;
            return r;
        }
    if (n % 4 == 1) {
        r.error = "The link's payload has an impossible length (" + std::to_string(n) + " characters): it may be cut off.";
        r.position = n;
        return r;
    }
    if (pad && (n + pad) % 4 != 0) {
        r.error = "The link's padding does not fit its length.";
        r.position = n;
        return r;
    }
    const size_t out_size = n / 4 * 3 + (n % 4 == 0 ? 0 : n % 4 - 1);
    if (out_size > max_bytes) {
        r.error = "The link holds " + kb(out_size) + "; at most " + kb(max_bytes) + " is accepted.";
        r.position = 0;
        return r;
    }
    r.bytes.reserve(out_size);
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; ++i) {
        acc = (acc << 6) | static_cast<uint32_t>(b64_value(text[i]));
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            r.bytes += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    r.ok = true;
    return r;
}

size_t invalid_utf8_at(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len = 0;
        uint32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
        else return i;
        if (i + len > s.size()) return i;
        for (size_t k = 1; k < len; ++k) {
            const unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::string_view::npos;
}

// ---------------------------------------------------------------- the brief key
std::string brief_share_key(Id brief_id) {
    uint64_t v = mix64(static_cast<uint64_t>(brief_id));
    static const char alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";  // Crockford's base32
    std::string out = "b";
    for (int i = 0; i < 13; ++i) {
        out += alphabet[v & 31];
        v >>= 5;
    }
    return out;
}

const Brief* find_brief_by_key(const Program& p, std::string_view key) {
    const std::string k = lower(trim(key));
    for (const Brief& b : p.briefs)
        if (brief_share_key(b.id) == k) return &b;
    return nullptr;
}

const std::vector<std::string>& spark_code_steps() {
    static const std::vector<std::string> steps = {"Creator tools", "Ad settings", "on the post: Ad authorization",
                                                   "generate", "copy"};
    return steps;
}

// ---------------------------------------------------------------- the shared brief
namespace {
// Single-line fields travel on one line: line breaks and tabs become spaces.
std::string one_line(std::string_view text) {
    std::string s = trim(text);
    for (char& ch : s)
        if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
    return s;
}
}  // namespace

SharedBrief shared_brief_from(const Brief& b, const Program& p) {
    SharedBrief s;
    s.key = brief_share_key(b.id);
    s.title = one_line(b.title);
    for (const Product& x : p.products)
        if (x.id == b.product_id) {
            s.product_name = one_line(x.name);
            if (x.price > 0) s.product_price = fmt_money(x.price, p.settings.currency);
        }
    s.hook = b.hook;
    if (b.hook == HookAngle::custom) s.custom_angle = trim(b.custom_angle);
    s.opening_line = trim(b.opening_line);
    for (const std::string& t : b.product_truths)
        if (!trim(t).empty()) s.product_truths.push_back(trim(t));
    s.proof = b.proof;
    s.proof_detail = trim(b.proof_detail);
    s.call_to_action = trim(b.call_to_action);
    for (const std::string& d : b.do_not_say)
        if (!trim(d).empty()) s.do_not_say.push_back(trim(d));
    s.due = b.due;
    s.checklist = brief_checklist(b, p);
    for (ChecklistItem& c : s.checklist) c.part = one_line(c.part);
    s.spark_requested = b.request_spark_code;
    if (b.request_spark_code) {
        s.spark_days = b.spark_days_wanted;
        s.spark_steps = spark_code_steps();
    }
    return s;
}

std::string shared_brief_json(const SharedBrief& s) {
    ojson j;
    j["format"] = kBriefFormat;
    j["version"] = kVersion;
    j["key"] = s.key;
    j["title"] = s.title;
    if (!s.product_name.empty() || !s.product_price.empty()) {
        ojson prod;
        prod["name"] = s.product_name;
        if (!s.product_price.empty()) prod["price"] = s.product_price;
        j["product"] = prod;
    }
    j["hook"] = name_of(s.hook);
    if (!s.custom_angle.empty()) j["custom_angle"] = s.custom_angle;
    if (!s.opening_line.empty()) j["opening_line"] = s.opening_line;
    j["product_truths"] = s.product_truths;
    j["proof"] = name_of(s.proof);
    j["proof_detail"] = s.proof_detail;
    j["call_to_action"] = s.call_to_action;
    j["do_not_say"] = s.do_not_say;
    if (s.due) j["due"] = s.due->to_string();
    ojson items = ojson::array();
    for (const ChecklistItem& c : s.checklist) items.push_back({{"id", c.id}, {"part", c.part}, {"text", c.text}});
    j["checklist"] = items;
    if (s.spark_requested) j["spark"] = {{"days", s.spark_days}, {"steps", s.spark_steps}};
    return dump(j);
}

Errors brief_share_problems(const Program& p, Id brief_id) {
    const Brief* brief = nullptr;
    for (const Brief& b : p.briefs)
        if (b.id == brief_id) brief = &b;
    if (!brief) return {{"id", "No brief with id " + std::to_string(brief_id) + "."}};
    Errors e;
    for (const BriefIssue& i : check_brief(*brief, p).issues)
        if (i.severity == Severity::error) e.push_back({i.field, i.message});
    if (!e.empty()) return e;
    // What the opener's app would refuse (size limits, control characters), found before sharing.
    const SharedBriefResult back = parse_shared_brief(shared_brief_json(shared_brief_from(*brief, p)));
    return back.errors;
}

std::string brief_share_json(const Program& p, Id brief_id) {
    if (!brief_share_problems(p, brief_id).empty()) return "";
    for (const Brief& b : p.briefs)
        if (b.id == brief_id) return shared_brief_json(shared_brief_from(b, p));
    return "";
}

std::string SharedBriefResult::summary(size_t max_items) const { return summarize(errors, max_items); }

SharedBriefResult parse_shared_brief(std::string_view text) {
    SharedBriefResult out;
    try {
        json doc;
        if (!parse_object(text, "brief", doc, out.errors)) return out;
        Reader r(doc, "", out.errors);
        const std::string format = r.str("format", true);
        if (!format.empty() && format != kBriefFormat) {
            out.errors.push_back({"format", format == kReplyFormat ? "This is a Spark Code reply, not a shared brief."
                                                                   : "\"" + format + "\" is not a Spark Roster brief."});
            return out;
        }
        const std::optional<int64_t> version = r.integer("version", true, 1, 1000000);
        if (version && *version > kVersion) {
            out.errors.push_back({"version", "This brief was made by a newer version of Spark Roster (version " +
                                                 std::to_string(*version) + "); this one reads version 1."});
            return out;
        }
        SharedBrief& s = out.brief;
        s.key = r.str("key", true);
        if (!s.key.empty() && !key_ok(s.key)) r.error("key", "must be 4 to 64 letters, digits, '-' or '_'.");
        s.title = r.str("title", true, false, true);
        if (const json* prod = r.object("product", false)) {
            Reader pr(*prod, "product.", out.errors);
            s.product_name = pr.str("name", true);
            s.product_price = pr.str("price", false);
            pr.reject_unknown();
        }
        const std::string hook = r.str("hook", true);
        if (!hook.empty()) {
            if (auto h = enum_from<HookAngle>(hook)) s.hook = *h;
            else r.error("hook", "\"" + hook + "\" is not a hook angle.");
        }
        s.custom_angle = r.str("custom_angle", false, true);
        if (s.hook == HookAngle::custom && trim(s.custom_angle).empty())
            r.error("custom_angle", "A custom hook angle needs its description.");
        s.opening_line = r.str("opening_line", false, true);
        s.product_truths = r.str_list("product_truths", true);
        const std::string proof = r.str("proof", true);
        if (!proof.empty()) {
            if (auto k = enum_from<ProofKind>(proof)) s.proof = *k;
            else r.error("proof", "\"" + proof + "\" is not a kind of proof.");
        }
        s.proof_detail = r.str("proof_detail", true, true);
        s.call_to_action = r.str("call_to_action", true, true);
        s.do_not_say = r.str_list("do_not_say", true);
        if (doc.contains("do_not_say") && doc["do_not_say"].is_array() && doc["do_not_say"].empty())
            r.error("do_not_say", "needs at least one entry.");
        s.due = r.date("due", false);
        if (const json* items = r.list("checklist", true)) {
            for (size_t i = 0; i < items->size(); ++i) {
                const json& item = (*items)[i];
                const std::string prefix = "checklist[" + std::to_string(i) + "]";
                if (!item.is_object()) {
                    out.errors.push_back({prefix, std::string("must be an object, not ") + item.type_name() + "."});
                    continue;
                }
                Reader ir(item, prefix + ".", out.errors);
                ChecklistItem c;
                c.id = ir.str("id", true);
                c.part = ir.str("part", true);
                c.text = ir.str("text", true, true, true);
                ir.reject_unknown();
                if (!c.id.empty() && !item_id_ok(c.id))
                    ir.error("id", "must be 1 to 32 lower-case letters, digits, '-' or '_'.");
                for (const ChecklistItem& o : s.checklist)
                    if (!c.id.empty() && o.id == c.id) ir.error("id", "\"" + c.id + "\" is used twice.");
                s.checklist.push_back(std::move(c));
            }
            if (items->empty()) r.error("checklist", "needs at least one item.");
        }
        if (const json* spark = r.object("spark", false)) {
            Reader sr_(*spark, "spark.", out.errors);
            s.spark_requested = true;
            if (auto days = sr_.integer("days", true, 7, 365)) s.spark_days = static_cast<int>(*days);
            s.spark_steps = sr_.str_list("steps", true, false);
            sr_.reject_unknown();
        }
        r.reject_unknown();
        out.ok = out.errors.empty();
        if (!out.ok) out.brief = SharedBrief{};
    } catch (...) {
        out.errors.push_back({"payload", "The brief could not be read."});
        out.ok = false;
        out.brief = SharedBrief{};
    }
    return out;
}

Brief brief_from_shared(const SharedBrief& s) {
    Brief b;
    b.title = s.title;
    b.hook = s.hook;
    b.custom_angle = s.custom_angle;
    b.opening_line = s.opening_line;
    b.product_truths = s.product_truths;
    b.proof = s.proof;
    b.proof_detail = s.proof_detail;
    b.call_to_action = s.call_to_action;
    b.do_not_say = s.do_not_say;
    b.due = s.due;
    b.request_spark_code = s.spark_requested;
    b.spark_days_wanted = s.spark_requested ? s.spark_days : 30;
    return b;
}

Id find_product_by_name(const Program& p, std::string_view name) {
    const std::string k = lower(trim(name));
    if (k.empty()) return 0;
    for (const Product& x : p.products)
        if (lower(trim(x.name)) == k) return x.id;
    return 0;
}

// ---------------------------------------------------------------- copy as text
std::string shared_brief_to_markdown(const SharedBrief& s) {
    std::string out = "Brief: " + s.title + "\n";
    if (!s.product_name.empty())
        out += "Product: " + s.product_name + (s.product_price.empty() ? "" : " (" + s.product_price + ")") + "\n";
    if (s.due) out += "Post by: " + s.due->to_string() + "\n";
    out += "\n1. Hook: ";
    if (s.hook == HookAngle::custom) out += s.custom_angle;
    else out += std::string(hook_angle_label(s.hook)) + " (\"" + hook_angle_example(s.hook) + "\")";
    out += "\n";
    if (!s.opening_line.empty()) out += "   Opening line: \"" + s.opening_line + "\"\n";
    out += "2. Product truth:\n";
    for (const std::string& t : s.product_truths) out += "   - " + t + "\n";
    out += "3. Proof: " + std::string(proof_label(s.proof)) + (s.proof_detail.empty() ? "" : ": " + s.proof_detail) + "\n";
    out += "4. Call to action: \"" + s.call_to_action + "\"\n";
    out += "5. Do not say:\n";
    for (const std::string& d : s.do_not_say) out += "   - " + d + "\n";
    if (s.spark_requested) {
        out += "\nSpark Code: after posting, authorize the post for " + std::to_string(s.spark_days) +
               " days and send the code back with the post link:\n";
        std::string steps;
        for (const std::string& step : s.spark_steps) steps += (steps.empty() ? "" : " \xE2\x86\x92 ") + step;
        out += steps + "\n";
    }
    out += "\nChecklist:\n";
    for (const ChecklistItem& c : s.checklist) out += "- [ ] " + c.text + "\n";
    return out;
}

std::string brief_to_markdown(const Brief& b, const Program& p) { return shared_brief_to_markdown(shared_brief_from(b, p)); }

// ---------------------------------------------------------------- links
ShareLink parse_share_link(std::string_view text) {
    ShareLink out;
    const size_t b = text.find("#brief="), r = text.find("#reply=");
    if (b == std::string_view::npos && r == std::string_view::npos) return out;
    const bool brief = r == std::string_view::npos || (b != std::string_view::npos && b < r);
    const size_t start = (brief ? b : r) + 7;
    // The payload runs to the end of the link (whitespace or the end of the text), less the
    // punctuation a sentence puts after a link; a damaged character inside is left for the
    // decoder to point at.
    size_t end = start;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) && text[end] != '<' &&
           text[end] != '>' && text[end] != '"')
        ++end;
    while (end > start && std::string_view(").,;:!?'*]").find(text[end - 1]) != std::string_view::npos) --end;
    out.kind = brief ? ShareLinkKind::brief : ShareLinkKind::reply;
    out.payload = std::string(text.substr(start, end - start));
    return out;
}

std::string brief_share_link(std::string_view page_url, std::string_view payload_b64) {
    const size_t hash = page_url.find('#');
    return std::string(page_url.substr(0, hash)) + "#brief=" + std::string(payload_b64);
}

// ---------------------------------------------------------------- the reply
HandoffReply reply_for(const SharedBrief& s) {
    HandoffReply r;
    r.brief_key = s.key;
    r.brief_title = s.title;
    r.days = s.spark_requested ? s.spark_days : 30;
    return r;
}

ReplyCheck check_handoff_reply(const HandoffReply& raw, std::optional<Date> today) {
    ReplyCheck out;
    const HandoffReply r = normalized(raw);
    Errors& e = out.errors;
    if (r.brief_key.empty()) e.push_back({"brief", "The reply does not say which brief it answers."});
    else if (!key_ok(r.brief_key)) e.push_back({"brief", "\"" + r.brief_key.substr(0, 64) + "\" is not a brief key."});
    if (!text_problem(r.brief_title, false).empty()) e.push_back({"brief_title", "The brief title " + text_problem(r.brief_title, false) + "."});
    if (r.creator_handle.empty()) e.push_back({"creator", "Write your TikTok handle."});
    else if (r.creator_handle.size() > 24 || !std::all_of(r.creator_handle.begin(), r.creator_handle.end(), handle_char_ok))
        e.push_back({"creator", "A TikTok handle has at most 24 letters, digits, '_' or '.'."});
    if (r.post_link.empty()) e.push_back({"post", "Paste the link to your post."});
    else if (!text_problem(r.post_link, false).empty()) e.push_back({"post", "The post link " + text_problem(r.post_link, false) + "."});
    else if (!starts_with_ci(r.post_link, "https://") && !starts_with_ci(r.post_link, "http://"))
        e.push_back({"post", "The post link must start with https:// (copy it from TikTok's Share button)."});
    else if (r.post_link.find_first_of(" \t") != std::string::npos)
        e.push_back({"post", "The post link has a space in it: paste the link alone."});
    else if (link_host(r.post_link).empty())
        e.push_back({"post", "The post link has no web address after https://."});
    else if (!tiktok_host(link_host(r.post_link)))
        out.warnings.push_back({"post", "This is not a TikTok link (" + link_host(r.post_link) + "): check it is the post's link."});
    if (r.code.empty()) e.push_back({"code", "Paste the Spark Code."});
    else if (invalid_utf8_at(r.code) != std::string_view::npos || code_points(r.code) > kShareMaxChars)
        e.push_back({"code", "The code " + text_problem(r.code, true) + "."});
    else {
        Errors w = code_warnings(r.code);
        out.warnings.insert(out.warnings.end(), w.begin(), w.end());
    }
    if (r.days < 7 || r.days > 365)
        e.push_back({"days", "A Spark Code is authorized for 7 to 365 days (this reply says " + std::to_string(r.days) + ")."});
    if (!r.generated) e.push_back({"generated", "Say the date the code was generated."});
    else if (today && *r.generated > *today)
        e.push_back({"generated", "The code cannot be generated after today (" + today->to_string() + ")."});
    return out;
}

std::string make_handoff_reply(const HandoffReply& raw) {
    if (!check_handoff_reply(raw).ok()) return "";
    return dump(reply_json(normalized(raw)));
}

std::string handoff_reply_link(std::string_view page_url, const HandoffReply& r) {
    const std::string j = make_handoff_reply(r);
    if (j.empty()) return "";
    const size_t hash = page_url.find('#');
    return std::string(page_url.substr(0, hash)) + "#reply=" + base64url_encode(j);
}

std::string handoff_reply_text(const HandoffReply& raw, std::string_view page_url) {
    if (!check_handoff_reply(raw).ok()) return "";
    const HandoffReply r = normalized(raw);
    std::string out = std::string(kReplyHeader) + "\n";
    if (!r.brief_title.empty()) out += "Brief: " + r.brief_title + "\n";
    out += "Brief key: " + r.brief_key + "\n";
    out += "Creator: @" + r.creator_handle + "\n";
    out += "Post: " + r.post_link + "\n";
    out += "Code: " + r.code + "\n";
    out += "Days: " + std::to_string(r.days) + "\n";
    out += "Generated: " + r.generated->to_string() + "\n";
    if (!page_url.empty()) out += "Open: " + handoff_reply_link(page_url, raw) + "\n";
    return out;
}

std::string HandoffResult::summary(size_t max_items) const { return summarize(errors, max_items); }

HandoffResult parse_handoff_reply(std::string_view text) {
    HandoffResult out;
    try {
        if (text.size() > kShareMaxBytes) {
            out.errors.push_back({"payload", "The reply is " + kb(text.size()) + "; at most " + kb(kShareMaxBytes) + " is accepted."});
            return out;
        }
        const size_t bad = invalid_utf8_at(text);
        if (bad != std::string_view::npos) {
            out.errors.push_back({"payload", "The reply is not valid UTF-8 text (byte " + std::to_string(bad) + ")."});
            return out;
        }
        const std::string t = trim(text);
        const bool has_header = lower(t).find(lower(kReplyHeader)) != std::string::npos;
        const ShareLink link = parse_share_link(t);
        if (t.empty()) {
            out.errors.push_back({"reply", "The reply is empty."});
        } else if (t[0] == '{') {
            read_reply_json(t, out);
        } else if (has_header) {
            read_reply_text(t, out);
        } else if (link.kind == ShareLinkKind::brief) {
            out.errors.push_back({"reply", "This is a link to a shared brief, not a reply."});
        } else if (link.kind == ShareLinkKind::reply || std::all_of(t.begin(), t.end(), b64_char)) {
            const Base64Result b = base64url_decode(link.kind == ShareLinkKind::reply ? link.payload : t);
            if (!b.ok) out.errors.push_back({"payload", b.error});
            else if (b.bytes.empty() || b.bytes[0] != '{')
                out.errors.push_back({"payload", "The reply link does not hold a reply: it may be damaged or cut off."});
            else
                read_reply_json(b.bytes, out);
        } else {
            out.errors.push_back({"reply", "This is not a Spark Roster reply: paste the reply link, or the text that "
                                           "starts with \"Spark Roster reply\"."});
        }
        if (out.errors.empty()) {
            ReplyCheck c = check_handoff_reply(out.reply);
            out.errors = std::move(c.errors);
            out.warnings = std::move(c.warnings);
            out.reply = normalized(out.reply);
        }
    } catch (...) {
        out.errors.push_back({"payload", "The reply could not be read."});
    }
    out.ok = out.errors.empty();
    if (!out.ok) out.reply = HandoffReply{};
    return out;
}

// ---------------------------------------------------------------- applying a reply
ApplyHandoffResult apply_handoff(Store& store, const HandoffResult& in, Date today) {
    ApplyHandoffResult out;
    auto refuse = [&](Errors e) {
        out.ok = false;
        out.errors = std::move(e);
        out.message = "Reply refused: " + summarize(out.errors, 2);
        return out;
    };
    if (!in.ok) return refuse(in.errors.empty() ? Errors{{"reply", "The reply could not be read."}} : in.errors);
    {
        ReplyCheck c = check_handoff_reply(in.reply, today);
        if (!c.ok()) return refuse(c.errors);
    }
    const HandoffReply r = normalized(in.reply);
    const Program& p = store.program();

    const Brief* brief = find_brief_by_key(p, r.brief_key);
    if (!brief)
        return refuse({{"brief", "No brief in this program has the key " + r.brief_key +
                                     (r.brief_title.empty() ? "" : " (\"" + r.brief_title + "\")") +
                                     ": the reply may answer another program's brief, or the brief was removed."}});
    const Creator* creator = nullptr;
    for (const Creator& c : p.creators)
        if (handle_key(c.handle) == handle_key(r.creator_handle)) creator = &c;
    if (!creator) return refuse({{"creator", "@" + r.creator_handle + " is not on the roster: add the creator first."}});
    const Settings& s = p.settings;
    if (r.days < s.spark_min_days || r.days > s.spark_max_days)
        return refuse({{"days", "This program takes Spark Codes of " + std::to_string(s.spark_min_days) + " to " +
                                    std::to_string(s.spark_max_days) + " days (the reply says " + std::to_string(r.days) + ")."}});
    out.brief_id = brief->id;
    out.creator_id = creator->id;
    const Id brief_id = brief->id, creator_id = creator->id, product_id = brief->product_id;

    Errors warnings = in.warnings;
    if (!brief->creator_ids.empty() &&
        std::find(brief->creator_ids.begin(), brief->creator_ids.end(), creator_id) == brief->creator_ids.end())
        warnings.push_back({"creator", "@" + creator->handle + " is not assigned to \"" + brief->title + "\"."});
    if (!brief->request_spark_code) warnings.push_back({"brief", "\"" + brief->title + "\" does not ask for a Spark Code."});
    else if (brief->spark_days_wanted != r.days)
        warnings.push_back({"days", "The brief asked for " + std::to_string(brief->spark_days_wanted) +
                                        " days; the creator authorized " + std::to_string(r.days) + "."});
    if (r.generated->plus_days(r.days) < today)
        warnings.push_back({"generated", "This authorization already expired on " + r.generated->plus_days(r.days).to_string() + "."});

    // The post, by its link.
    const std::string link_key = post_match_key(r.post_link);
    const Post* post = nullptr;
    for (const Post& x : p.posts)
        if (!trim(x.tiktok_ref).empty() && post_match_key(x.tiktok_ref) == link_key) {
            if (x.creator_id != creator_id) {
                const Creator* other = store.find_creator(x.creator_id);
                return refuse({{"post", "That post is recorded for " + (other ? "@" + other->handle : std::string("another creator")) +
                                            ", not @" + creator->handle + "."}});
            }
            post = &x;
            break;
        }

    // The same reply opened twice changes nothing.
    for (const SparkCode& c : p.spark_codes)
        if (c.creator_id == creator_id && c.status != SparkStatus::requested && trim(c.code) == r.code && c.auth_start &&
            *c.auth_start == *r.generated && c.duration_days == r.days && (!post || c.post_id == post->id)) {
            out.ok = true;
            out.unchanged = true;
            out.code_id = c.id;
            out.post_id = c.post_id;
            out.warnings = std::move(warnings);
            out.message = "This reply was already applied (Spark Code " + std::to_string(c.id) + ").";
            return out;
        }

    // The record it answers: a request for this post, else a request not yet tied to a post,
    // else a code received for this post and not yet verified (sent again).
    const SparkCode* target = nullptr;
    if (post)
        for (const SparkCode& c : p.spark_codes)
            if (!target && c.creator_id == creator_id && c.status == SparkStatus::requested && c.post_id == post->id) target = &c;
    for (const SparkCode& c : p.spark_codes)
        if (!target && c.creator_id == creator_id && c.status == SparkStatus::requested && c.post_id == 0 &&
            (c.product_id == 0 || c.product_id == product_id))
            target = &c;
    if (post)
        for (const SparkCode& c : p.spark_codes)
            if (!target && c.creator_id == creator_id && c.status == SparkStatus::received && c.post_id == post->id) target = &c;
    if (post && !target)
        for (const SparkCode& c : p.spark_codes)
            if (c.post_id == post->id && (c.status == SparkStatus::verified || c.status == SparkStatus::live))
                warnings.push_back({"code", "This post already has a " + std::string(name_of(c.status)) + " Spark Code (" +
                                                std::to_string(c.id) + "); the new code is recorded beside it."});
    const Id target_id = target ? target->id : 0;
    const bool target_needs_post = target && target->post_id == 0;

    // The post, the request tied to it and the code received: one undo step, or nothing.
    Id post_id = post ? post->id : 0;
    const bool post_is_new = !post;
    const CommandResult got = store.transaction("Receive Spark Code from @" + creator->handle, [&](Store& s) {
        if (post_is_new) {
            Post x;
            x.creator_id = creator_id;
            x.product_id = product_id;
            x.brief_id = brief_id;
            x.tiktok_ref = r.post_link;
            x.hook = brief->hook;
            const CommandResult added = s.add_post(x);
            if (!added.ok) return added;
            post_id = added.id;
        }
        if (target_needs_post) {
            SparkCode x = *s.find_spark_code(target_id);
            x.post_id = post_id;
            if (x.product_id == 0) x.product_id = product_id;
            const CommandResult upd = s.update_spark_code(x);
            if (!upd.ok) return upd;
        }
        SparkHandoff h;
        h.code_id = target_id;
        h.creator_id = creator_id;
        h.post_id = post_id;
        h.code = r.code;
        h.generated = *r.generated;
        h.duration_days = r.days;
        return s.receive_spark_code(h, today);
    });
    if (!got.ok) return refuse(got.errors);
    out.post_added = post_is_new;
    for (const FieldError& w : got.warnings) {
        const bool seen = std::any_of(warnings.begin(), warnings.end(),
                                      [&](const FieldError& x) { return x.field == w.field && x.message == w.message; });
        if (!seen) warnings.push_back(w);
    }
    out.ok = true;
    out.code_id = got.id;
    out.post_id = post_id;
    out.steps = 1;
    out.warnings = std::move(warnings);
    const SparkCode* code = store.find_spark_code(got.id);
    const std::optional<Date> expiry = code ? spark_expiry(*code) : std::nullopt;
    out.message = "Spark Code from @" + store.find_creator(creator_id)->handle + " received: " + std::to_string(r.days) +
                  " days from " + r.generated->to_string() + (expiry ? ", expires " + expiry->to_string() : "") + ".";
    return out;
}

}  // namespace sr
