// libFuzzer target: the exports other than orders (video performance, creator list, paid
// reports) through ExportImporter. The first byte picks a chunk size and a header row to put
// before the rest (one of each family's, or none: the input's own first line); the rest is the
// file. Invariants checked beyond "no crash":
// - reading in chunks gives the same summary and the same changes' sizes as reading at once;
// - an accepted import applied through the store leaves a program that passes every backup
//   check, the same file again changes nothing, and undo gives back the program exactly.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/backup.hpp"
#include "core/export_import.hpp"
#include "core/store.hpp"

namespace {

sr::Program base_program() {
    sr::Program p;
    p.settings.currency = "USD";
    sr::Creator c;
    c.id = 1;
    c.handle = "glow.daily";
    c.display_name = "Ngọc Trâm 🌸";
    c.followers = 20000;
    p.creators.push_back(c);
    sr::Product prod;
    prod.id = 2;
    prod.sku = "1729384756102938475";
    prod.name = "Serum";
    p.products.push_back(prod);
    sr::Post x;
    x.id = 3;
    x.creator_id = 1;
    x.product_id = 2;
    x.tiktok_ref = "https://www.tiktok.com/@glow.daily/video/7301234567890123456";
    p.posts.push_back(x);
    sr::SparkCode code;
    code.id = 4;
    code.code = "#SPARK+glowdaily60";
    code.creator_id = 1;
    code.post_id = 3;
    code.product_id = 2;
    code.auth_start = sr::Date::from_ymd(2026, 11, 10);
    code.duration_days = 60;
    code.status = sr::SparkStatus::live;
    p.spark_codes.push_back(code);
    p.next_id = 5;
    return p;
}

const char* const kHeaders[] = {
    "",  // the input's own first line
    "Video title,Video ID,Post date,Video link,Creator name,Product ID,Video views,Likes,Comments,Shares,"
    "Video product impressions,Video product clicks,Completion rate,Est. commission,Est. flat fee\n",
    "Creator username,Affiliate GMV,Affiliate LIVE GMV,Affiliate shoppable video GMV,Affiliate product card GMV,"
    "Affiliate followers\n",
    "Campaign name,Video ID,Cost,SKU orders,Gross revenue,Product ad impressions,Product ad clicks,"
    "2-second ad video view rate,6-second ad video view rate,Currency\n",
    "By Day,Ad name,Ad ID,Currency,Cost,Impressions,Clicks (destination),Complete payment,"
    "Total complete payment value,2-second video views,6-second video views\n",
};

sr::ExportImport read(const sr::Program& p, uint64_t revision, std::string_view text, size_t step) {
    sr::OrdersImportOptions o;
    o.today = sr::Date::from_ymd(2026, 11, 25);
    sr::ExportImporter imp(p, revision, {}, o);
    imp.expect_bytes(text.size());
    for (size_t i = 0; i < text.size(); i += step)
        if (!imp.feed(text.substr(i, step))) break;
    return imp.finish();
}

const sr::ExportChanges& changes_of(const sr::ExportImport& r) {
    switch (r.family) {
        case sr::ExportFamily::videos: return r.videos.changes;
        case sr::ExportFamily::creators: return r.creators.changes;
        default: return r.paid.changes;
    }
}

size_t sizes(const sr::ExportChanges& c) {
    return c.updated_creators.size() + 10 * c.new_creators.size() + 100 * c.updated_posts.size() +
           1000 * c.new_posts.size() + 10000 * c.updated_spark_codes.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const size_t step = 1 + data[0] % 17;
    const std::string text = std::string(kHeaders[(data[0] / 17) % 5]) +
                             std::string(reinterpret_cast<const char*>(data) + 1, size - 1);

    static const sr::Program base = base_program();
    sr::Store store(base);
    const sr::ExportImport at_once = read(store.program(), store.revision(), text, text.size() + 1);
    const sr::ExportImport in_pieces = read(store.program(), store.revision(), text, step);
    if (at_once.family != in_pieces.family || at_once.summary() != in_pieces.summary()) std::abort();
    if (at_once.family == sr::ExportFamily::orders || at_once.family == sr::ExportFamily::none) return 0;  // csv_import_fuzz's
    const sr::ExportChanges& changes = changes_of(at_once);
    if (sizes(changes) != sizes(changes_of(in_pieces))) std::abort();
    if (!at_once.ok() || changes.empty()) {
        if (!changes.empty()) std::abort();
        return 0;
    }
    const std::string before = sr::program_to_json(store.program());
    if (!store.import_export(changes, "fuzz").ok) std::abort();
    const sr::LoadResult check = sr::program_from_json(sr::program_to_json(store.program()));
    if (!check.ok()) std::abort();
    // The same file again changes nothing.
    const sr::ExportImport again = read(store.program(), store.revision(), text, text.size() + 1);
    if (!again.ok() || !changes_of(again).empty()) std::abort();
    store.undo();
    if (sr::program_to_json(store.program()) != before) std::abort();
    return 0;
}
