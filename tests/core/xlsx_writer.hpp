// Writes small .xlsx files in the tests: a zip (zlib's deflate, or stored) of the parts a
// workbook has, with cells of every kind. Not a general writer: enough to make the files the
// tests read, bad ones included (a stated size that lies, an encrypted entry, a DOCTYPE).
#pragma once
#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

namespace sr::test {

struct ZipEntry {
    std::string name;
    std::string data;
    bool store = false;             // stored, not deflated
    uint16_t flags = 0;             // general-purpose bits (1 = encrypted)
    int64_t stated_size = -1;       // the uncompressed size written in the directory, when not the real one
    int level = Z_BEST_SPEED;
};

inline void put16(std::string& s, uint32_t v) { s += static_cast<char>(v & 0xFF), s += static_cast<char>((v >> 8) & 0xFF); }
inline void put32(std::string& s, uint32_t v) { put16(s, v & 0xFFFF), put16(s, v >> 16); }

inline std::string deflate_raw(const std::string& in, int level = Z_BEST_SPEED) {
    z_stream zs{};
    deflateInit2(&zs, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&zs, static_cast<uLong>(in.size())) + 16, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(&out[0]);
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

inline std::string zip(const std::vector<ZipEntry>& entries) {
    std::string file, dir;
    for (const ZipEntry& e : entries) {
        const std::string body = e.store ? e.data : deflate_raw(e.data, e.level);
        const uint32_t crc = static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(e.data.data()),
                                                         static_cast<uInt>(e.data.size())));
        const uint32_t usize = e.stated_size >= 0 ? static_cast<uint32_t>(e.stated_size) : static_cast<uint32_t>(e.data.size());
        const uint32_t offset = static_cast<uint32_t>(file.size());
        const uint16_t method = e.store ? 0 : 8;
        put32(file, 0x04034b50), put16(file, 20), put16(file, e.flags), put16(file, method), put32(file, 0);
        put32(file, crc), put32(file, static_cast<uint32_t>(body.size())), put32(file, usize);
        put16(file, static_cast<uint32_t>(e.name.size())), put16(file, 0);
        file += e.name;
        file += body;
        put32(dir, 0x02014b50), put16(dir, 20), put16(dir, 20), put16(dir, e.flags), put16(dir, method), put32(dir, 0);
        put32(dir, crc), put32(dir, static_cast<uint32_t>(body.size())), put32(dir, usize);
        put16(dir, static_cast<uint32_t>(e.name.size())), put16(dir, 0), put16(dir, 0), put16(dir, 0), put16(dir, 0);
        put32(dir, 0), put32(dir, offset);
        dir += e.name;
    }
    const uint32_t dir_at = static_cast<uint32_t>(file.size());
    file += dir;
    put32(file, 0x06054b50), put16(file, 0), put16(file, 0);
    put16(file, static_cast<uint32_t>(entries.size())), put16(file, static_cast<uint32_t>(entries.size()));
    put32(file, static_cast<uint32_t>(dir.size())), put32(file, dir_at), put16(file, 0);
    return file;
}

// A cell of a test sheet. kind: 's' shared string, 'i' inline string, 'n' number, 'd' a date
// serial with a date style, 'b' boolean, '-' absent (not written at all).
struct XCell {
    std::string v;
    char kind = 's';
};

inline std::string xml_escaped(const std::string& s) {
    std::string o;
    for (char c : s) {
        switch (c) {
            case '&': o += "&amp;"; break;
            case '<': o += "&lt;"; break;
            case '>': o += "&gt;"; break;
            case '"': o += "&quot;"; break;
            default: o += c;
        }
    }
    return o;
}

inline std::string column_name(size_t c) {
    std::string s;
    for (++c; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
    return s;
}

struct XlsxParts {
    std::string workbook, rels, shared, styles, sheet;
    std::string sheet_path = "xl/worksheets/sheet1.xml";
};

// The parts of a one-sheet workbook ("Sheet1") holding these rows from row 1. Style 1 is a
// date format (yyyy-mm-dd hh:mm:ss, a custom one) for 'd' cells.
inline XlsxParts xlsx_parts(const std::vector<std::vector<XCell>>& rows) {
    XlsxParts p;
    std::vector<std::string> shared;
    std::string sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
    for (size_t r = 0; r < rows.size(); ++r) {
        const std::string rn = std::to_string(r + 1);
        sheet += "<row r=\"" + rn + "\">";
        for (size_t c = 0; c < rows[r].size(); ++c) {
            const XCell& x = rows[r][c];
            const std::string ref = column_name(c) + rn;
            switch (x.kind) {
                case '-': break;
                case 's':
                    sheet += "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(shared.size()) + "</v></c>";
                    shared.push_back(x.v);
                    break;
                case 'i': sheet += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + xml_escaped(x.v) + "</t></is></c>"; break;
                case 'n': sheet += "<c r=\"" + ref + "\"><v>" + x.v + "</v></c>"; break;
                case 'd': sheet += "<c r=\"" + ref + "\" s=\"1\"><v>" + x.v + "</v></c>"; break;
                case 'b': sheet += "<c r=\"" + ref + "\" t=\"b\"><v>" + x.v + "</v></c>"; break;
            }
        }
        sheet += "</row>";
    }
    sheet += "</sheetData></worksheet>";
    p.sheet = sheet;
    p.shared = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"" +
               std::to_string(shared.size()) + "\">";
    for (const std::string& s : shared) p.shared += "<si><t xml:space=\"preserve\">" + xml_escaped(s) + "</t></si>";
    p.shared += "</sst>";
    p.workbook =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
        "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    p.rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        "</Relationships>";
    p.styles =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd hh:mm:ss\"/></numFmts>"
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\"/></cellStyleXfs>"
        "<cellXfs count=\"2\"><xf numFmtId=\"0\" xfId=\"0\"/><xf numFmtId=\"164\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
        "</styleSheet>";
    return p;
}

inline std::vector<ZipEntry> xlsx_entries(const XlsxParts& p) {
    return {{"[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
            {"xl/workbook.xml", p.workbook},
            {"xl/_rels/workbook.xml.rels", p.rels},
            {"xl/sharedStrings.xml", p.shared},
            {"xl/styles.xml", p.styles},
            {p.sheet_path, p.sheet}};
}

inline std::string xlsx_file(const std::vector<std::vector<XCell>>& rows) { return zip(xlsx_entries(xlsx_parts(rows))); }

}  // namespace sr::test
