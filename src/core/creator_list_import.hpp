// The Affiliate Center creator list export (docs/rules.md, "Creator list import"): one row per
// creator with followers and GMV by video, LIVE and product card. Read into a preview: creators
// not on the roster, to add as prospects, and the followers of creators already there, to
// update; nothing changes until the user confirms (Store::import_export, one undoable step).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "export_changes.hpp"
#include "export_fields.hpp"
#include "orders_import.hpp"

namespace sr {

enum class CreatorListField { creator_username, followers, gmv, live_gmv, video_gmv, card_gmv, orders, videos, lives, est_commission };
constexpr int kCreatorListFieldCount = 10;

// One creator of the file as the preview shows it.
struct CreatorListEntry {
    enum class Action { add, update_followers, unchanged };
    int64_t row = 0;
    std::string handle;
    Id creator_id = 0;                   // the roster's creator, 0 for one to add
    std::optional<int64_t> followers;    // as the file says (none: "--", "<5" or no column)
    int64_t followers_before = 0;        // the roster's, for a known creator
    std::optional<double> gmv, video_gmv, live_gmv, card_gmv;
    Action action = Action::add;
};

struct CreatorListImport : RowLog {
    std::string refused;
    std::vector<std::string> languages;
    int64_t rows = 0;
    int64_t creators = 0;               // distinct creators read
    int64_t to_add = 0;                 // not on the roster: added as prospects
    int64_t followers_updated = 0;      // on the roster, followers changed
    int64_t unchanged = 0;              // on the roster, nothing to change
    int64_t repeated = 0;               // a creator already read higher up the file
    std::vector<CreatorListEntry> entries;  // every creator read, in file order

    ExportChanges changes;

    bool ok() const { return refused.empty(); }
    // "Creator list, 40 creators: 12 to add as prospects, 25 followers updated, 3 unchanged",
    // then ", 2 rows refused", ", 1 row skipped" when there are any.
    std::string summary() const;
};

class CreatorListImporter {
public:
    // `today` dates the figures kept on the prospects added (ListedGmv::as_of).
    // `mapping`: the columns the user mapped (export_fields.hpp), the usual headers otherwise.
    CreatorListImporter(const Program& program, uint64_t revision, std::optional<Date> today = std::nullopt,
                        FieldMapping mapping = {});
    ~CreatorListImporter();
    CreatorListImporter(const CreatorListImporter&) = delete;
    CreatorListImporter& operator=(const CreatorListImporter&) = delete;

    bool feed_row(int64_t row, const std::vector<std::string_view>& cells);  // the header first
    void refuse(std::string reason);
    int64_t rows_read() const;
    CreatorListImport finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Whether a header row is a creator list's: a Creator username column and one of followers or
// GMV. `missing` gets what it lacks, in words.
bool creator_list_headers(const std::vector<std::string>& headers, std::string* missing = nullptr,
                          const FieldMapping& mapping = {});
// The creator list's fields (the column mapping screen).
const ExportFields& creator_list_fields();

}  // namespace sr
