// libFuzzer target: the .xlsx reader (zip directory, inflate, expat) and the orders importer
// behind it. The first byte picks what the rest is:
//   even: a whole .xlsx file;
//   odd:  the sheet's XML, put into a workbook built here (stored, with a small shared-strings
//         table and a date style), so the fuzzer works on cells rather than on zip bytes.
// The second byte picks the size of the pieces the sheet is read in. Invariants beyond "no crash":
// - reading in small pieces gives the same rows and the same refusal as reading at once (an XML
//   error's wording aside);
// - an accepted import leaves a program that passes every backup check.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../tests/core/xlsx_writer.hpp"
#include "core/backup.hpp"
#include "core/orders_xlsx.hpp"
#include "core/xlsx.hpp"

namespace {

sr::Program base_program() {
    sr::Program p;
    sr::Creator c;
    c.id = 1;
    c.handle = "glow.daily";
    c.followers = 20000;
    p.creators.push_back(c);
    sr::Post x;
    x.id = 2;
    x.creator_id = 1;
    x.tiktok_ref = "7301234567890123456";
    p.posts.push_back(x);
    p.next_id = 3;
    return p;
}

std::string workbook_around(std::string_view sheet) {
    sr::test::XlsxParts parts = sr::test::xlsx_parts({{{"Order ID"}, {"Creator Username"}, {"Payment Amount"}}});
    parts.sheet.assign(sheet);
    std::vector<sr::test::ZipEntry> entries = sr::test::xlsx_entries(parts);
    for (auto& e : entries) e.store = true;
    return sr::test::zip(entries);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    const std::string_view rest(reinterpret_cast<const char*>(data) + 2, size - 2);
    const std::string file = data[0] % 2 ? workbook_around(rest) : std::string(rest);
    sr::xlsx::Limits limits;
    limits.max_inflated = 64u << 20;  // keeps each run short; the refusal path is the same
    const sr::xlsx::Table whole = sr::xlsx::read_all(file, limits);
    sr::xlsx::Limits small = limits;
    small.piece_bytes = 1 + data[1] % 64;
    const sr::xlsx::Table pieces = sr::xlsx::read_all(file, small);
    // The same refusal, though expat may name the bad token differently when a piece ends in it
    // ("invalid token" or "junk after document element"): compared up to its "(line".
    auto reason = [](const std::string& e) { return e.substr(0, e.find(" (line")); };
    if (whole.rows != pieces.rows || whole.row_numbers != pieces.row_numbers || reason(whole.error) != reason(pieces.error))
        std::abort();

    static const sr::Program base = base_program();
    const sr::OrdersImport r = sr::import_orders_xlsx(base, file, {}, 0, {}, limits);
    if (!r.ok()) {
        if (!r.changes.empty()) std::abort();
        return 0;
    }
    sr::Program after = base;
    sr::apply_orders(after, r.changes);
    if (!sr::program_from_json(sr::program_to_json(after)).ok()) std::abort();
    return 0;
}
