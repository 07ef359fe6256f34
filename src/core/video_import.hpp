// TikTok Shop video performance exports (docs/rules.md, "Video performance import"): Data
// Compass "Video Data" and Affiliate Center "Creator Video List", one row per video (or per
// product of a video, its numbers repeated). Each video's numbers are set on its post: found by
// Video ID, then by its link; a video of a creator on the roster that no post has becomes a
// post of that creator; a video of a creator not on the roster is listed, never invented.
//
//     VideoImporter imp(program, revision);
//     for (each row, the header first) imp.feed_row(row_number, cells, bytes_read);
//     VideoImport r = imp.finish();               // refused whole, or a summary and the changes
//     if (r.ok()) store.import_export(r.changes); // one undoable step
//
// Usually driven by ExportImporter (export_import.hpp), which reads CSV and .xlsx files and
// decides from the header row which export a file is.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "export_changes.hpp"
#include "export_fields.hpp"
#include "orders_import.hpp"

namespace sr {

// The columns the importer reads: their keys in assets/headers/videos.*.json.
enum class VideoField {
    video_id,
    video_link,
    creator,
    post_date,
    product_id,
    views,
    likes,
    comments,
    shares,
    product_impressions,
    product_clicks,
    completion_rate,
    est_commission,
    est_flat_fee,
    gmv,
};
constexpr int kVideoFieldCount = 15;

// A creator the file names who is not on the roster: listed with their videos, not added.
struct UnknownCreator {
    std::string username;
    int64_t videos = 0;
    int64_t first_row = 0;
};

struct VideoImport : RowLog {
    std::string refused;             // whole-file refusal: set, and nothing else counts
    std::vector<std::string> languages;  // of the headers recognized
    std::vector<std::string> fields_read;  // the usual headers of the fields the file has

    int64_t rows = 0;                // data rows read (the header not counted)
    int64_t videos = 0;              // distinct videos among them
    int64_t repeated_rows = 0;       // further product rows of a video already read
    int64_t posts_updated = 0;       // posts whose numbers change
    int64_t posts_unchanged = 0;     // posts matched whose numbers were already these
    int64_t posts_created = 0;       // videos of roster creators no post had
    int64_t unknown_videos = 0;      // videos of creators not on the roster
    std::vector<UnknownCreator> unknown_creators;
    int64_t views = 0, product_clicks = 0;  // over the videos placed on posts
    double est_commission = 0;       // over the videos placed: shown, not written (see the rules)
    DateReading dates;               // how Post date was read (it dates the posts created)

    ExportChanges changes;

    bool ok() const { return refused.empty(); }
    // "Video performance, 312 videos: 290 posts updated, 15 new posts, 7 unknown creators", then
    // ", 3 unchanged", ", 2 rows refused", ", 1 row skipped" when there are any.
    std::string summary() const;
};

class VideoImporter {
public:
    // `mapping`: the columns the user mapped for a file under other headers.
    VideoImporter(const Program& program, uint64_t revision, OrdersImportOptions options = {}, FieldMapping mapping = {});
    ~VideoImporter();
    VideoImporter(const VideoImporter&) = delete;
    VideoImporter& operator=(const VideoImporter&) = delete;

    // A row of the file, the header first; `row` numbers it in messages. Returns false once
    // the file is refused.
    bool feed_row(int64_t row, const std::vector<std::string_view>& cells);
    void refuse(std::string reason);
    int64_t rows_read() const;
    VideoImport finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Whether a header row is a video performance export's: it has a Video ID or a Video link
// column. `missing` gets what it lacks, in words.
bool video_headers(const std::vector<std::string>& headers, std::string* missing = nullptr, const FieldMapping& mapping = {});
// The fields of a video performance export, for the column mapping: their keys and English headers.
const ExportFields& video_export_fields();

}  // namespace sr
