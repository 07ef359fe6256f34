// TikTok paid reports (docs/rules.md, "Paid reports"): GMV Max "Creative data" (one row per
// creative: its Video ID or Post ID, cost, SKU orders, gross revenue, ad impressions and clicks,
// 2- and 6-second view rates; no day column) and the Ads Manager report (one row per ad and day:
// By Day, Ad name, Ad ID, cost, impressions, destination clicks, complete payments and their
// value, 2- and 6-second video views). Each row becomes a paid round of the Spark Code that runs
// the post it promotes:
//   - the post by its Video ID (or, in an Ads Manager report, a video id or the text of a Spark
//     Code inside the ad's name, as ads are usually named);
//   - the code: of the post's codes that have gone live, the one authorized on the round's day,
//     else the last to go live;
//   - an ad whose name names neither: the code the user chose for that name
//     (Settings::ad_codes), if any.
// A round is set, never added: the rows of one code and day are summed into its round of that
// day, which replaces any round of that day, so importing the same report twice changes nothing.
//
//     PaidImporter imp(program, revision, options);  // options.today dates a report with no day column
//     for (each row, the header first) imp.feed_row(row_number, cells);
//     PaidImport r = imp.finish();
//     if (r.ok()) store.import_export(r.changes);
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "export_changes.hpp"
#include "export_fields.hpp"
#include "orders_import.hpp"

namespace sr {

// The columns the importer reads: their keys in assets/headers/paid.*.json.
enum class PaidField {
    video_id,
    ad_name,
    ad_id,
    campaign,
    account,
    day,
    cost,
    impressions,
    clicks,
    orders,
    gross_revenue,
    view_rate_2s,
    view_rate_6s,
    views_2s,
    views_6s,
    currency,
};
constexpr int kPaidFieldCount = 16;

// An ad or creative the importer could not place on a Spark Code, with why.
struct UnplacedAd {
    std::string name;    // "video 7312…", or the ad's name
    std::string reason;  // "no post has this video", "its post has no Spark Code that went live"
    int64_t rows = 0;
    double cost = 0;
    int64_t first_row = 0;
    // Placed by the ad's name alone: the user can choose its Spark Code (Settings::ad_codes),
    // kept for the next report.
    bool by_name = false;
};

struct PaidImport : RowLog {
    std::string refused;
    std::vector<std::string> languages;
    std::vector<std::string> fields_read;
    bool by_day = false;           // an Ads Manager report (a day on each row); else rows dated `undated_day`
    Date undated_day;              // the day a report with no day column is dated (the day of import)

    int64_t rows = 0;              // data rows read
    int64_t rows_placed = 0;       // rows that went into a round
    int64_t rounds = 0;            // rounds the file gives (a code and a day)
    int64_t rounds_new = 0;        // on a day the code had no round
    int64_t rounds_replaced = 0;   // replacing the code's round of that day, with other numbers
    int64_t rounds_unchanged = 0;  // the same numbers as the round already there
    int64_t codes = 0;             // Spark Codes given a new or replaced round
    double cost = 0;               // over the rows placed
    std::vector<UnplacedAd> unplaced;
    DateReading dates;

    ExportChanges changes;

    bool ok() const { return refused.empty(); }
    // "Paid report (Ads Manager), 14 rows: 12 rounds on 3 Spark Codes (10 new, 2 replaced),
    // 2 ads not placed", with ", N unchanged", ", N rows refused", ", N rows skipped".
    std::string summary() const;
};

class PaidImporter {
public:
    // `mapping`: the columns the user mapped (export_fields.hpp), the usual headers otherwise.
    PaidImporter(const Program& program, uint64_t revision, OrdersImportOptions options = {}, FieldMapping mapping = {});
    ~PaidImporter();
    PaidImporter(const PaidImporter&) = delete;
    PaidImporter& operator=(const PaidImporter&) = delete;

    bool feed_row(int64_t row, const std::vector<std::string_view>& cells);
    void refuse(std::string reason);
    int64_t rows_read() const;
    PaidImport finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The ad names of a mapping file (the command line's --mapping): {"ad_codes": {"ad name": code}},
// each code its text ("#SPARK+ngoctram30") or its record id, placed on the program's codes and
// merged into `settings` (a name already placed takes the new code). False, with each problem
// in `errors`, when a code is not the program's; nothing is merged then.
bool merge_ad_codes_json(std::string_view text, const Program& program, Settings& settings, std::vector<std::string>& errors);

// Whether a header row is a paid report's: a cost column with a Video ID / Post ID or an ad
// name. `missing` gets what it lacks, in words.
bool paid_headers(const std::vector<std::string>& headers, std::string* missing = nullptr, const FieldMapping& mapping = {});
// The paid reports' fields (the column mapping screen).
const ExportFields& paid_export_fields();

}  // namespace sr
