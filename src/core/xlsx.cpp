#include "xlsx.hpp"

#include <expat.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <unordered_map>

#include "date.hpp"

namespace sr::xlsx {

const char* const kOleMessage =
    "the file is an old .xls or password-protected workbook; save it as .xlsx (Excel: File > Save As > Excel Workbook, "
    "without a password) and import that";

bool looks_like_zip(std::string_view head) { return head.substr(0, 4) == std::string_view("PK\x03\x04", 4); }
bool looks_like_ole(std::string_view head) {
    return head.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

namespace {

uint16_t u16(const char* p) {
    const auto* b = reinterpret_cast<const unsigned char*>(p);
    return static_cast<uint16_t>(b[0] | (b[1] << 8));
}
uint32_t u32(const char* p) {
    const auto* b = reinterpret_cast<const unsigned char*>(p);
    return static_cast<uint32_t>(b[0]) | (static_cast<uint32_t>(b[1]) << 8) | (static_cast<uint32_t>(b[2]) << 16) |
           (static_cast<uint32_t>(b[3]) << 24);
}
uint64_t u64(const char* p) { return u32(p) | (static_cast<uint64_t>(u32(p + 4)) << 32); }

constexpr uint32_t kMaxDirectoryBytes = 16u << 20;
constexpr uint32_t kEocdSize = 22;
constexpr uint32_t kTailBytes = kEocdSize + 0xFFFF;  // the end record and the longest comment
constexpr uint32_t kMaxColumns = 16384;              // A..XFD
constexpr size_t kOutBytes = 256u << 10;             // inflated at a time

// An element's or attribute's name without its namespace prefix ("x:c" -> "c", "r:id" -> "id"):
// what follows its last colon. One pass over the name (a sheet has millions of them).
std::string_view local(const char* name) {
    const char* from = name;
    const char* p = name;
    for (; *p; ++p)
        if (*p == ':') from = p + 1;
    return std::string_view(from, static_cast<size_t>(p - from));
}
const char* attr(const char** atts, std::string_view name) {
    for (; *atts; atts += 2)
        if (local(atts[0]) == name) return atts[1];
    return nullptr;
}

std::string with_commas(uint64_t n) {
    std::string s = std::to_string(n);
    for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
    return s;
}
std::string mib(uint64_t n) { return with_commas((n + (1u << 20) - 1) >> 20) + " MB"; }

// The built-in number formats that show a date or a time (ECMA-376 part 1, 18.8.30, and the
// East Asian ones Excel adds).
bool builtin_date_format(int id) {
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}
// A custom format code shows a date or time when, outside quoted text, escaped characters and
// [brackets], it has one of y, m, d, h, s ("General" aside).
bool date_format_code(std::string_view code) {
    bool quoted = false, bracket = false;
    for (size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (quoted) {
            quoted = c != '"';
            continue;
        }
        if (bracket) {
            bracket = c != ']';
            continue;
        }
        const char l = static_cast<char>(c | 0x20);
        if (c == '"') quoted = true;
        else if (c == '[') bracket = true;
        else if (c == '\\' || c == '_' || c == '*') ++i;
        else if (l == 'g' && code.size() - i >= 7 && (code.substr(i + 1, 6) == "eneral" || code.substr(i + 1, 6) == "ENERAL")) i += 6;
        else if (l == 'y' || l == 'm' || l == 'd' || l == 'h' || l == 's') return true;
    }
    return false;
}

// "B7" -> column 1 (0-based); -1 when it does not start with letters.
int64_t column_of(const char* ref) {
    int64_t col = 0;
    const char* p = ref;
    for (; (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'); ++p) {
        col = col * 26 + ((*p | 0x20) - 'a' + 1);
        if (col > kMaxColumns) return kMaxColumns;
    }
    return p == ref ? -1 : col - 1;
}

bool parse_uint(std::string_view s, uint64_t& out) {
    if (s.empty() || s.size() > 18) return false;
    out = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        out = out * 10 + static_cast<uint64_t>(c - '0');
    }
    return true;
}

}  // namespace

namespace {

// serial_to_datetime into buf (at least 40 bytes): its length, 0 when out of range. Written
// digit by digit: a sheet has a date on every row.
size_t format_serial(double serial, bool date1904, char* buf) {
    if (!(serial >= 0) || serial >= 2958466) return 0;
    if (date1904) serial += 1462;
    else if (serial < 61) serial += 1;  // Excel's day 60 is 29 February 1900, which never was
    const int64_t secs = std::llround(serial * 86400.0);
    const int64_t days = secs / 86400, in_day = secs % 86400;
    // Day 0 is 1899-12-30, 25,569 days before 1970-01-01.
    int y = 0, m = 0, d = 0;
    Date{static_cast<int32_t>(days - 25569)}.to_ymd(y, m, d);
    if (y < 0 || y > 9999) {  // a serial a hair under the last, rounded up to the year 10000
        const int n = std::snprintf(buf, 40, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, static_cast<int>(in_day / 3600),
                                    static_cast<int>(in_day / 60 % 60), static_cast<int>(in_day % 60));
        return n > 0 ? static_cast<size_t>(n) : 0;
    }
    auto two = [](char* at, int v) {
        at[0] = static_cast<char>('0' + v / 10);
        at[1] = static_cast<char>('0' + v % 10);
    };
    two(buf, y / 100);
    two(buf + 2, y % 100);
    buf[4] = '-';
    two(buf + 5, m);
    buf[7] = '-';
    two(buf + 8, d);
    buf[10] = ' ';
    two(buf + 11, static_cast<int>(in_day / 3600));
    buf[13] = ':';
    two(buf + 14, static_cast<int>(in_day / 60 % 60));
    buf[16] = ':';
    two(buf + 17, static_cast<int>(in_day % 60));
    return 19;
}

}  // namespace

std::string serial_to_datetime(double serial, bool date1904) {
    char buf[40];
    return std::string(buf, format_serial(serial, date1904, buf));
}

struct Reader::Impl {
    enum class Step { tail, directory, local_header, data, done, stopped };
    enum class Part { workbook, rels, shared, styles, sheet };

    struct Entry {
        std::string name;
        uint16_t flags = 0, method = 0;
        uint64_t csize = 0, usize = 0, offset = 0;
    };

    Reader& owner;
    const uint64_t size;
    OnRow on_row;
    const Limits limits;
    Step step = Step::tail;
    Range want;
    uint64_t given = 0;
    uint64_t data_given = 0;  // of the entries' data

    std::vector<Entry> entries;
    std::vector<std::pair<Part, const Entry*>> queue;  // entries still to read, in order
    const Entry* entry = nullptr;                      // the one being read
    Part part = Part::workbook;
    uint64_t data_at = 0, data_left = 0, inflated = 0;
    z_stream zs{};
    bool zs_open = false, stream_end = false;
    XML_Parser xml = nullptr;

    // What the workbook says.
    bool date1904 = false;
    std::string sheet_name, sheet_rel, sheet_path, shared_path, styles_path;
    std::unordered_map<std::string, std::string> rels;  // Id -> target, for the first sheet's
    std::vector<std::pair<std::string, std::string>> rel_types;

    // Shared strings: their text one after another, and where each ends.
    std::string pool;
    std::vector<uint64_t> pool_ends;
    bool in_si = false;
    // Styles.
    std::unordered_map<int, bool> custom_date;  // numFmtId -> shows a date
    std::vector<int> xf_formats;                // cellXfs, in order: numFmtId
    std::vector<bool> xf_date;
    bool in_cell_xfs = false;

    // The sheet.
    std::string text;       // the character data being collected
    bool collect = false;   // inside <v>, or a <t> of a string
    int rph = 0;            // inside phonetic runs, whose <t> are not the text
    bool in_is = false;
    std::vector<std::string> cells;
    std::vector<std::string_view> pooled;  // a shared-string cell: its text in the pool (null otherwise)
    std::vector<std::string_view> views;
    size_t used = 0;        // cells touched in this row
    size_t width = 0;       // the row's last cell with a value, + 1
    size_t header_width = 0;
    bool header_seen = false;
    int64_t row_number = 0, last_row = 0;
    int64_t col = -1, last_col = -1;
    char cell_type = 'n';   // 's', 'i' (inlineStr), 'b', 'e', 'f' (str), 'd', 'n'
    bool cell_date = false;
    std::string cell_ref;
    bool in_cell = false;

    Impl(Reader& o, uint64_t file_size, OnRow f, Limits l)
        : owner(o), size(file_size), on_row(std::move(f)), limits(l) {
        if (size < kEocdSize) {
            fail("the file is too short to be an .xlsx file (a zip)");
            return;
        }
        const uint64_t n = std::min<uint64_t>(size, kTailBytes);
        want = {size - n, static_cast<uint32_t>(n)};
    }
    ~Impl() { close_entry(); }

    bool fail(std::string why) {
        if (owner.error_.empty()) owner.error_ = std::move(why);
        step = Step::stopped;
        want = {};
        if (xml) XML_StopParser(xml, XML_FALSE);
        return false;
    }
    void close_entry() {
        if (zs_open) inflateEnd(&zs);
        zs_open = false;
        if (xml) XML_ParserFree(xml);
        xml = nullptr;
    }

    const Entry* find(const std::string& name) const {
        for (const Entry& e : entries)
            if (e.name == name) return &e;
        return nullptr;
    }

    // ---------------------------------------------------------------- the zip
    bool read_tail(std::string_view b) {
        for (size_t i = b.size() - kEocdSize + 1; i-- > 0;) {
            if (u32(b.data() + i) != 0x06054b50) continue;
            const char* e = b.data() + i;
            const uint16_t count = u16(e + 10);
            const uint32_t cd_size = u32(e + 12), cd_offset = u32(e + 16);
            if (count == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF)
                return fail("the file is a zip64 file (over 4 GB, or over 65,535 entries), which is not read; export it as CSV");
            if (cd_size > kMaxDirectoryBytes) return fail("the file has a zip directory of " + mib(cd_size) + ": not a workbook");
            if (static_cast<uint64_t>(cd_offset) + cd_size > size - (b.size() - i))
                return fail("the file is damaged: its zip directory lies outside the file (is the file truncated?)");
            step = Step::directory;
            want = {cd_offset, cd_size};
            if (cd_size == 0) return read_directory({});
            return true;
        }
        return fail("the file is not an .xlsx file: it has no zip directory at its end (is the file truncated?)");
    }

    bool read_directory(std::string_view b) {
        size_t i = 0;
        while (i + 46 <= b.size() && u32(b.data() + i) == 0x02014b50) {
            const char* h = b.data() + i;
            Entry e;
            e.flags = u16(h + 8);
            e.method = u16(h + 10);
            e.csize = u32(h + 20);
            e.usize = u32(h + 24);
            const uint16_t n = u16(h + 28), m = u16(h + 30), k = u16(h + 32);
            e.offset = u32(h + 42);
            if (i + 46 + n + m + k > b.size()) break;
            e.name.assign(h + 46, n);
            // Sizes past 4 GB are in the zip64 extra field, in this order.
            for (size_t x = 0; x + 4 <= m;) {
                const char* f = h + 46 + n + x;
                const uint16_t id = u16(f), len = u16(f + 2);
                if (x + 4 + len > m) break;
                if (id == 0x0001) {
                    size_t at = 4;
                    for (uint64_t* v : {&e.usize, &e.csize, &e.offset})
                        if (*v == 0xFFFFFFFF && at + 8 <= 4u + len) *v = u64(f + at), at += 8;
                }
                x += 4u + len;
            }
            entries.push_back(std::move(e));
            i += 46u + n + m + k;
        }
        if (entries.empty()) return fail("the file is a damaged zip file: its directory lists no entries");
        const Entry* workbook = find("xl/workbook.xml");
        if (!workbook)
            return fail(find("word/document.xml") || find("ppt/presentation.xml")
                            ? "the file is an Office document but not an Excel workbook (it has no xl/workbook.xml)"
                            : "the file is a zip but not an Excel workbook (it has no xl/workbook.xml)");
        queue.push_back({Part::workbook, workbook});
        if (const Entry* r = find("xl/_rels/workbook.xml.rels")) queue.push_back({Part::rels, r});
        return next_entry();
    }

    // After the workbook and its relations: the shared strings, the styles, then the sheet.
    void plan_rest() {
        auto path_of = [](const std::string& target) {
            if (!target.empty() && target[0] == '/') return target.substr(1);
            std::string t = target;
            std::string base = "xl/";
            while (t.compare(0, 3, "../") == 0) t.erase(0, 3), base.clear();
            return base + t;
        };
        for (const auto& [type, target] : rel_types) {
            const std::string_view kind = std::string_view(type).substr(type.rfind('/') + 1);
            if (kind == "sharedStrings" && shared_path.empty()) shared_path = path_of(target);
            if (kind == "styles" && styles_path.empty()) styles_path = path_of(target);
        }
        if (!sheet_rel.empty() && rels.count(sheet_rel)) sheet_path = path_of(rels[sheet_rel]);
        if (shared_path.empty()) shared_path = "xl/sharedStrings.xml";
        if (styles_path.empty()) styles_path = "xl/styles.xml";
        if (sheet_path.empty()) sheet_path = "xl/worksheets/sheet1.xml";
        if (const Entry* e = find(shared_path)) queue.push_back({Part::shared, e});
        if (const Entry* e = find(styles_path)) queue.push_back({Part::styles, e});
        if (const Entry* e = find(sheet_path)) queue.push_back({Part::sheet, e});
    }

    bool next_entry() {
        close_entry();
        if (queue.empty()) {
            if (part == Part::sheet && entry) {
                step = Step::done;
                want = {};
                return true;
            }
            if (part == Part::workbook || part == Part::rels) {
                plan_rest();
                if (!queue.empty() && queue.back().first == Part::sheet) return next_entry();
                return fail(sheet_name.empty() ? "the file is a workbook without a sheet"
                                               : "the file is a workbook whose sheet \"" + sheet_name + "\" (" + sheet_path +
                                                     ") is not in the file");
            }
            return fail("the file is a workbook without a sheet");
        }
        std::tie(part, entry) = queue.front();
        queue.erase(queue.begin());
        const Entry& e = *entry;
        if (e.flags & 0x41) return fail(e.name + " is encrypted: save the workbook without a password and import it again");
        if (e.method != 0 && e.method != 8)
            return fail(e.name + " is compressed with method " + std::to_string(e.method) + ", which is not read (only deflate)");
        if (e.method == 0 && e.csize != e.usize) return fail(e.name + " is damaged: stored, but its two sizes differ");
        if (e.usize > limits.max_inflated)
            return fail(e.name + " would inflate to " + mib(e.usize) + ", more than the " + mib(limits.max_inflated) +
                        " an entry may: export the orders as CSV, which reads at any size");
        if (e.usize > (1u << 20) && e.usize / std::max<uint64_t>(e.csize, 1u) > limits.max_ratio)
            return fail(e.name + " would inflate " + with_commas(e.usize / std::max<uint64_t>(e.csize, 1u)) +
                        " times its size (at most " + with_commas(limits.max_ratio) + "): a zip bomb, not an export");
        if (e.offset + 30 > size) return fail(e.name + " lies outside the file (is the file truncated?)");
        step = Step::local_header;
        want = {e.offset, 30};
        return true;
    }

    bool read_local_header(std::string_view b) {
        const Entry& e = *entry;
        if (u32(b.data()) != 0x04034b50) return fail("the file is damaged: " + e.name + " is not where its zip directory says");
        data_at = e.offset + 30 + u16(b.data() + 26) + u16(b.data() + 28);
        data_left = e.csize;
        if (data_at + data_left > size) return fail("the file is truncated: " + e.name + " runs past the end of the file");
        inflated = 0;
        stream_end = false;
        if (e.method == 8) {
            zs = z_stream{};
            if (inflateInit2(&zs, -15) != Z_OK) return fail("the file could not be read: zlib could not start");
            zs_open = true;
        }
        start_xml();
        step = Step::data;
        return ask_data();
    }

    bool ask_data() {
        if (data_left == 0) return end_entry();
        const uint64_t n = std::min<uint64_t>(data_left, limits.piece_bytes);
        want = {data_at, static_cast<uint32_t>(n)};
        return true;
    }

    bool xml_feed(const char* p, size_t n, bool last) {
        if (XML_Parse(xml, p, static_cast<int>(n), last ? XML_TRUE : XML_FALSE) == XML_STATUS_OK) return true;
        return xml_failed();
    }
    bool xml_failed() {
        if (step == Step::stopped) return false;  // a handler stopped it (its reason is set)
        return fail(entry->name + " is not well-formed XML (line " + std::to_string(XML_GetCurrentLineNumber(xml)) +
                    ": " + XML_ErrorString(XML_GetErrorCode(xml)) + ")");
    }

    // Inflated bytes to the parser: those within the size the directory states first, so that
    // the same file is refused for the same reason however its pieces fall. `in_buffer`: they
    // were inflated into the parser's own buffer (XML_GetBuffer), p is that buffer.
    bool take_inflated(const char* p, size_t n, bool in_buffer = false) {
        const size_t within = static_cast<size_t>(std::min<uint64_t>(n, entry->usize - std::min(inflated, entry->usize)));
        if (within) {
            const bool ok = in_buffer ? XML_ParseBuffer(xml, static_cast<int>(within), XML_FALSE) == XML_STATUS_OK
                                      : xml_feed(p, within, false);
            if (!ok) return in_buffer ? xml_failed() : false;
        }
        inflated += n;
        if (inflated > entry->usize)
            return fail(entry->name + " inflates past the " + with_commas(entry->usize) +
                        " bytes its zip directory states: a damaged file or a zip bomb");
        return true;
    }

    bool read_data(std::string_view b) {
        data_given += b.size();
        data_at += b.size();
        data_left -= b.size();
        if (entry->method == 0) {
            if (!take_inflated(b.data(), b.size())) return false;
            return ask_data();
        }
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(b.data()));
        zs.avail_in = static_cast<uInt>(b.size());
        while (!stream_end) {
            // Inflated straight into the parser's buffer (XML_Parse would copy it there).
            char* buf = static_cast<char*>(XML_GetBuffer(xml, static_cast<int>(kOutBytes)));
            if (!buf) return xml_failed();
            zs.next_out = reinterpret_cast<Bytef*>(buf);
            zs.avail_out = static_cast<uInt>(kOutBytes);
            const int rc = inflate(&zs, Z_NO_FLUSH);
            const size_t produced = kOutBytes - zs.avail_out;
            // What inflated before a damaged spot is parsed first, however the pieces fall.
            if (produced && !take_inflated(buf, produced, true)) return false;
            if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
                return fail(entry->name + " is damaged: its compressed data does not inflate (" +
                            (zs.msg ? zs.msg : "zlib error " + std::to_string(rc)) + ")");
            if (rc == Z_STREAM_END) stream_end = true;
            if (produced == 0 || (zs.avail_in == 0 && zs.avail_out != 0)) break;
        }
        if (step == Step::stopped) return false;
        return ask_data();
    }

    bool end_entry() {
        if (entry->method == 8 && !stream_end)
            return fail("the file is truncated or damaged: " + entry->name + " ends before its compressed data does");
        if (inflated != entry->usize)
            return fail("the file is damaged: " + entry->name + " inflates to " + with_commas(inflated) + " bytes, not the " +
                        with_commas(entry->usize) + " its zip directory states");
        if (!xml_feed(nullptr, 0, true)) return false;
        if (part == Part::sheet && step != Step::stopped) {
            if (in_row) end_row();
        }
        if (part == Part::styles) {
            xf_date.resize(xf_formats.size());
            for (size_t i = 0; i < xf_formats.size(); ++i) {
                const auto c = custom_date.find(xf_formats[i]);
                xf_date[i] = c != custom_date.end() ? c->second : builtin_date_format(xf_formats[i]);
            }
        }
        if (step == Step::stopped) return false;
        return next_entry();
    }

    // ---------------------------------------------------------------- the XML
    void start_xml() {
        xml = XML_ParserCreate("UTF-8");
        XML_SetUserData(xml, this);
        // The salt of expat's hash tables, from the system's entropy (the WebAssembly build's
        // expat has no source of its own).
        static const unsigned long salt = [] {
            std::random_device rd;
            return static_cast<unsigned long>(rd()) | 1ul;
        }();
        XML_SetHashSalt(xml, salt);
        XML_SetElementHandler(xml, &Impl::on_start, &Impl::on_end);
        XML_SetCharacterDataHandler(xml, &Impl::on_text);
        XML_SetStartDoctypeDeclHandler(xml, &Impl::on_doctype);
        XML_SetEntityDeclHandler(xml, &Impl::on_entity);
        XML_SetParamEntityParsing(xml, XML_PARAM_ENTITY_PARSING_NEVER);
        collect = false;
        text.clear();
        rph = 0;
    }

    static void on_doctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
        auto* m = static_cast<Impl*>(self);
        m->fail(m->entry->name + " declares a DOCTYPE, which no workbook does (its entities could expand without end)");
    }
    static void on_entity(void* self, const XML_Char*, int, const XML_Char*, int, const XML_Char*, const XML_Char*,
                          const XML_Char*, const XML_Char*) {
        auto* m = static_cast<Impl*>(self);
        m->fail(m->entry->name + " declares an XML entity, which no workbook does");
    }

    static void on_text(void* self, const XML_Char* s, int len) {
        auto* m = static_cast<Impl*>(self);
        if (m->step == Step::stopped) return;  // a handler already stopped the parser
        if (!m->collect) return;
        if (m->text.size() + static_cast<size_t>(len) > m->limits.max_cell_bytes) {
            m->fail(m->entry->name + (m->part == Part::sheet ? ", cell " + m->cell_ref : std::string()) +
                    ": a text longer than " + with_commas(m->limits.max_cell_bytes >> 10) + " KB");
            return;
        }
        m->text.append(s, static_cast<size_t>(len));
    }

    static void on_start(void* self, const XML_Char* name, const XML_Char** atts) {
        auto* m = static_cast<Impl*>(self);
        if (m->step == Step::stopped) return;  // a handler already stopped the parser
        const std::string_view n = local(name);
        switch (m->part) {
            case Part::workbook:
                if (n == "workbookPr") {
                    const char* v = attr(atts, "date1904");
                    m->date1904 = v && (std::strcmp(v, "1") == 0 || std::strcmp(v, "true") == 0);
                } else if (n == "sheet" && m->sheet_name.empty()) {
                    const char* nm = attr(atts, "name");
                    const char* id = attr(atts, "id");
                    m->sheet_name = nm ? nm : "";
                    m->sheet_rel = id ? id : "";
                }
                break;
            case Part::rels:
                if (n == "Relationship") {
                    const char* id = attr(atts, "Id");
                    const char* target = attr(atts, "Target");
                    const char* type = attr(atts, "Type");
                    if (id && target) m->rels[id] = target;
                    if (type && target) m->rel_types.emplace_back(type, target);
                }
                break;
            case Part::shared:
                if (n == "si") {
                    m->in_si = true;
                    m->text.clear();
                } else if (n == "rPh") {
                    ++m->rph;
                } else if (n == "t" && m->in_si && m->rph == 0) {
                    m->collect = true;
                }
                break;
            case Part::styles:
                if (n == "numFmt") {
                    const char* id = attr(atts, "numFmtId");
                    const char* code = attr(atts, "formatCode");
                    if (id && code) m->custom_date[std::atoi(id)] = date_format_code(code);
                } else if (n == "cellXfs") {
                    m->in_cell_xfs = true;
                } else if (n == "xf" && m->in_cell_xfs) {
                    const char* id = attr(atts, "numFmtId");
                    m->xf_formats.push_back(id ? std::atoi(id) : 0);
                }
                break;
            case Part::sheet: m->sheet_start(n, atts); break;
        }
    }

    static void on_end(void* self, const XML_Char* name) {
        auto* m = static_cast<Impl*>(self);
        if (m->step == Step::stopped) return;  // a handler already stopped the parser
        const std::string_view n = local(name);
        switch (m->part) {
            case Part::shared:
                if (n == "t") {
                    m->collect = false;
                } else if (n == "rPh") {
                    --m->rph;
                } else if (n == "si") {
                    m->in_si = false;
                    if (m->pool.size() + m->text.size() > m->limits.max_shared_strings) {
                        m->fail(m->entry->name + " holds more than " + mib(m->limits.max_shared_strings) +
                                " of text: export the orders as CSV");
                        return;
                    }
                    m->pool += m->text;
                    m->pool_ends.push_back(m->pool.size());
                    m->text.clear();
                }
                break;
            case Part::styles:
                if (n == "cellXfs") m->in_cell_xfs = false;
                break;
            case Part::sheet: m->sheet_end(n); break;
            default: break;
        }
    }

    // ---------------------------------------------------------------- the sheet's cells
    bool in_row = false;

    void sheet_start(std::string_view n, const char** atts) {
        if (n == "c") {
            if (!in_row) start_row(nullptr);
            in_cell = true;
            // Its r, t and s in one pass (the first of each, as attr() finds).
            const char *r = nullptr, *t = nullptr, *s = nullptr;
            for (const char** a = atts; *a; a += 2) {
                const std::string_view an = local(a[0]);
                if (an == "r" && !r) r = a[1];
                else if (an == "t" && !t) t = a[1];
                else if (an == "s" && !s) s = a[1];
            }
            col = r ? column_of(r) : last_col + 1;
            if (col < 0) col = last_col + 1;
            if (col >= kMaxColumns) {
                fail(entry->name + ": cell " + std::string(r ? r : "") + " lies past column XFD, the last a sheet has");
                return;
            }
            last_col = col;
            if (r) cell_ref.assign(r);
            else cell_ref.clear();
            // One letter ("n", "s", "b", "e", "d") is that type, "inlineStr" an inline string; any
            // other (t="str", a formula's string) is read as written.
            cell_type = !t ? 'n'
                        : t[0] && !t[1] && std::strchr("nsbed", t[0]) ? t[0]
                        : std::strcmp(t, "inlineStr") == 0          ? 'i'
                                                                    : 'f';
            uint64_t xf = 0;
            cell_date = s && parse_uint(s, xf) && xf < xf_date.size() && xf_date[xf];
            text.clear();
            in_is = false;
        } else if (n == "v") {
            if (in_cell) {
                collect = true;
                text.clear();
            }
        } else if (n == "is") {
            in_is = true;
            text.clear();
        } else if (n == "rPh") {
            ++rph;
        } else if (n == "t") {
            if (in_is && rph == 0) collect = true;
        } else if (n == "row") {
            if (in_row) end_row();
            start_row(attr(atts, "r"));
        }
    }

    void start_row(const char* r) {
        in_row = true;
        uint64_t v = 0;
        row_number = r && parse_uint(r, v) ? static_cast<int64_t>(v) : last_row + 1;
        last_row = row_number;
        clear_cells();
        last_col = -1;
    }

    void sheet_end(std::string_view n) {
        if (n == "v" || n == "t") {
            collect = false;
        } else if (n == "rPh") {
            --rph;
        } else if (n == "is") {
            in_is = false;
        } else if (n == "c") {
            in_cell = false;
            end_cell();
        } else if (n == "row") {
            end_row();
        }
    }

    void end_cell() {
        if (step == Step::stopped) return;
        const size_t c = static_cast<size_t>(col);
        if (c >= cells.size()) {
            cells.resize(c + 1);
            pooled.resize(c + 1);
        }
        // The text collected is swapped into the cell rather than copied (both keep their room),
        // and a shared string is a view into the pool.
        std::string& out_cell = cells[c];
        out_cell.clear();
        pooled[c] = {};
        switch (cell_type) {
            case 's': {
                uint64_t i = 0;
                if (text.empty()) break;
                if (!parse_uint(text, i) || i >= pool_ends.size()) {
                    fail(entry->name + ", cell " + cell_ref + ": shared string " + text + " does not exist (the workbook has " +
                         with_commas(pool_ends.size()) + ")");
                    return;
                }
                const uint64_t b = i ? pool_ends[i - 1] : 0;
                pooled[c] = std::string_view(pool).substr(static_cast<size_t>(b), static_cast<size_t>(pool_ends[i] - b));
                break;
            }
            case 'b': out_cell.assign(text == "1" || text == "true" ? "TRUE" : text.empty() ? "" : "FALSE"); break;
            case 'd': {
                out_cell.assign(text, 0, 19);
                if (out_cell.size() > 10 && out_cell[10] == 'T') out_cell[10] = ' ';
                break;
            }
            case 'n':
                if (cell_date && !text.empty()) {
                    char* end = nullptr;
                    const double v = std::strtod(text.c_str(), &end);
                    char d[40];
                    const size_t k = end && *end == 0 ? format_serial(v, date1904, d) : 0;
                    if (k) out_cell.assign(d, k);
                    else out_cell.swap(text);
                    break;
                }
                out_cell.swap(text);
                break;
            default: out_cell.swap(text); break;
        }
        text.clear();
        used = std::max(used, c + 1);
        if (!(pooled[c].data() ? pooled[c].empty() : out_cell.empty())) width = std::max(width, c + 1);
    }

    void end_row() {
        in_row = false;
        if (step == Step::stopped || used == 0) return;
        if (!header_seen) {
            header_seen = true;
            header_width = width;
        }
        const size_t n = std::max(width, header_width);
        if (cells.size() < n) {
            cells.resize(n);
            pooled.resize(n);
        }
        views.resize(n);
        for (size_t i = 0; i < n; ++i) views[i] = pooled[i].data() ? pooled[i] : std::string_view(cells[i]);
        const Row r{row_number, views};
        if (!on_row(r)) {
            step = Step::stopped;
            want = {};
            XML_StopParser(xml, XML_FALSE);
        }
        clear_cells();
    }

    void clear_cells() {
        for (size_t i = 0; i < used; ++i) {
            cells[i].clear();
            pooled[i] = {};
        }
        used = width = 0;
    }

    // ---------------------------------------------------------------- driving
    bool give(std::string_view b) {
        if (step == Step::done || step == Step::stopped) return false;
        if (b.size() != want.length) return fail("the file could not be read: " + std::to_string(b.size()) + " bytes came, " +
                                                 std::to_string(want.length) + " were asked for");
        given += b.size();
        switch (step) {
            case Step::tail: return read_tail(b);
            case Step::directory: return read_directory(b);
            case Step::local_header: return read_local_header(b);
            case Step::data: return read_data(b);
            default: return false;
        }
    }
};

Reader::Reader(uint64_t file_size, OnRow on_row, Limits limits)
    : impl_(std::make_unique<Impl>(*this, file_size, std::move(on_row), limits)) {}
Reader::~Reader() = default;

Range Reader::need() const { return impl_->want; }
bool Reader::give(std::string_view bytes) {
    const bool ok = impl_->give(bytes);
    return ok && impl_->step != Impl::Step::stopped;
}
bool Reader::done() const { return impl_->step == Impl::Step::done; }
uint64_t Reader::bytes_read() const {
    return done() ? impl_->size : std::min(impl_->data_given, impl_->size);
}
uint64_t Reader::file_size() const { return impl_->size; }
const std::string& Reader::sheet_name() const { return impl_->sheet_name; }

bool read_from_memory(Reader& r, std::string_view file) {
    for (Range want = r.need(); want.length > 0; want = r.need()) {
        if (want.offset > file.size() || file.size() - want.offset < want.length) return false;
        if (!r.give(file.substr(static_cast<size_t>(want.offset), want.length))) break;
    }
    return r.done();
}

Table read_all(std::string_view file, Limits limits) {
    Table t;
    Reader r(file.size(), [&t](const Row& row) {
        t.rows.emplace_back(row.cells.begin(), row.cells.end());
        t.row_numbers.push_back(row.row);
        return true;
    }, limits);
    if (!read_from_memory(r, file)) t.error = r.failed() ? r.error() : "could not be read";
    return t;
}

}  // namespace sr::xlsx
