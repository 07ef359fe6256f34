// libFuzzer target: the CSV reader and the affiliate-orders importer. The first byte picks a
// chunk size; the rest is the file. Invariants checked beyond "no crash":
// - reading in chunks gives the same records and the same refusal as reading at once;
// - an accepted import leaves a program that passes every backup check, and undoing it
//   through the store gives back the program exactly.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/backup.hpp"
#include "core/csv.hpp"
#include "core/orders_import.hpp"
#include "core/store.hpp"

namespace {

sr::Program base_program() {
    sr::Program p;
    sr::Creator c;
    c.id = 1;
    c.handle = "glow.daily";
    c.followers = 20000;
    p.creators.push_back(c);
    c.id = 2;
    c.handle = "b";
    p.creators.push_back(c);
    sr::Product prod;
    prod.id = 3;
    prod.sku = "S1";
    prod.name = "Serum";
    p.products.push_back(prod);
    sr::Post x;
    x.id = 4;
    x.creator_id = 1;
    x.tiktok_ref = "https://www.tiktok.com/@glow.daily/video/7301234567890123456";
    x.orders = 3;  // orders without units: the importer fills units first
    x.gmv = 10;
    p.posts.push_back(x);
    x.id = 5;
    x.creator_id = 2;
    x.tiktok_ref = "12";
    x.orders = 0;
    x.gmv = 0;
    p.posts.push_back(x);
    p.next_id = 6;
    p.imported_orders = {"1", "2/S1"};
    return p;
}

sr::csv::Table read_chunked(std::string_view text, size_t step) {
    sr::csv::Table t;
    sr::csv::Reader r([&t](const sr::csv::Record& rec) {
        t.rows.emplace_back(rec.fields.begin(), rec.fields.end());
        return true;
    });
    for (size_t i = 0; i < text.size(); i += step)
        if (!r.feed(text.substr(i, step))) break;
    if (!r.failed()) r.finish();
    if (r.failed()) t.error = r.error();
    return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const size_t step = 1 + data[0] % 17;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);

    const sr::csv::Table whole = sr::csv::read_all(text);
    const sr::csv::Table chunked = read_chunked(text, step);
    if (whole.rows != chunked.rows || whole.error.message != chunked.error.message) std::abort();

    static const sr::Program base = base_program();
    sr::Store store(base);
    const sr::OrdersImport at_once = sr::import_orders_csv(store.program(), text, {}, store.revision());
    sr::OrdersImporter imp(store.program(), store.revision());
    for (size_t i = 0; i < text.size(); i += step)
        if (!imp.feed(text.substr(i, step))) break;
    const sr::OrdersImport in_pieces = imp.finish();
    if (at_once.summary() != in_pieces.summary() || at_once.changes.new_keys() != in_pieces.changes.new_keys())
        std::abort();
    if (!at_once.ok()) {
        if (!at_once.changes.empty()) std::abort();
        return 0;
    }
    const std::string before = sr::program_to_json(store.program());
    if (!store.import_orders(at_once.changes).ok) std::abort();
    const sr::LoadResult check = sr::program_from_json(sr::program_to_json(store.program()));
    if (!check.ok()) std::abort();
    // The same file again adds nothing.
    const sr::OrdersImport again = sr::import_orders_csv(store.program(), text, {}, store.revision());
    if (again.imported != 0 || again.samples != 0) std::abort();
    store.undo();
    if (sr::program_to_json(store.program()) != before) std::abort();
    return 0;
}
