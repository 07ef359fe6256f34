// TikTok Shop affiliate-orders CSV (docs/rules.md, section 7): columns found by header name, a
// mapping a user can edit and keep, rows checked one by one, and the changes to the program
// worked out in full before anything is committed (Store::import_orders applies them as one
// undoable step). The importer's own decisions are in docs/rules.md, "Orders import".
//
// Use from a UI, a few megabytes per frame:
//
//     OrdersImporter imp(store.program(), store.revision(), mapping);
//     while (more) { imp.feed(next_chunk); progress = imp.bytes_read() / total; }
//     OrdersImport result = imp.finish();       // refused whole, or a summary and the changes
//     if (result.ok()) store.import_orders(result.changes);
//
// When result.dates.from is DateOrderFrom::option, the file's dates read either way: a screen
// can ask the user once (showing result.dates.either_way) and read the file again with
// OrdersImportOptions{DateOrder::month_first} as the fourth argument.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model.hpp"

namespace sr {

// The columns of an affiliate-orders export that the importer reads.
enum class OrderField {
    order_id,
    product_id,
    product_name,
    sku_id,
    price,
    payment_amount,
    currency,
    quantity,
    order_status,
    creator_username,
    content_type,
    content_id,
    commission_rate,
    est_commission_base,
    est_commission,
    actual_commission_base,
    actual_commission,
    time_created,
    fully_refunded,
};
constexpr int kOrderFieldCount = 19;

// The header TikTok Shop uses for a field: "Order ID", "Payment Amount", ...
const char* order_field_header(OrderField f);
// A stable key for a field in saved mappings: "order_id", "payment_amount", ...
const char* order_field_key(OrderField f);
// Required: Order ID and Creator Username always; Payment Amount, or Price and Quantity.
bool order_field_always_required(OrderField f);

// Lower case with every space, '_', '-' and '.' removed: "Est. Commission Base" ->
// "estcommissionbase". Headers match when their keys are equal.
std::string header_key(std::string_view header);

// Which header in the file holds each field. Empty = the field's usual header
// (order_field_header). "-" = ignore the field even if the file has it.
struct ColumnMapping {
    std::array<std::string, kOrderFieldCount> headers;

    std::string& operator[](OrderField f) { return headers[static_cast<size_t>(f)]; }
    const std::string& operator[](OrderField f) const { return headers[static_cast<size_t>(f)]; }
};

// {"order_id": "Order No.", "price": "Unit price", ...}: only the fields the user set.
std::string mapping_to_json(const ColumnMapping& m);
// Unknown keys and non-string values are ignored; a document that is not a JSON object gives
// the empty mapping (the usual headers).
ColumnMapping mapping_from_json(std::string_view text);

// The header row against a mapping: the column each field comes from (-1 = absent).
struct ColumnMatch {
    std::vector<std::string> headers;                 // as found in the file
    std::array<int, kOrderFieldCount> column{};       // 0-based index into headers, or -1
    std::vector<std::string> missing_required;        // usual header names of required fields absent
    std::vector<std::string> unused_headers;          // columns no field reads
    std::vector<std::string> languages;               // of the headers recognized ("en", "vi"), sorted
    bool ok() const { return missing_required.empty(); }
};
ColumnMatch match_columns(const std::vector<std::string>& headers, const ColumnMapping& m);

// Which of the first two numbers of a date such as 03/04/2026 is the day.
enum class DateOrder : uint8_t { day_first, month_first };

// Where the order used for a file's dates came from.
enum class DateOrderFrom : uint8_t {
    none,      // the file has no such dates (none at all, or only 2026-04-03)
    file,      // its values decide: a first number over 12 (13/04/2026) is a day, a second over 12 a month
    option,    // every such date reads either way: the caller's choice (OrdersImportOptions) was used
    conflict,  // some read only day first and others only month first: the caller's choice was used,
               // and the dates it cannot read are left out
};

// How the file's dates were read (OrdersImport::dates).
struct DateReading {
    DateOrder order = DateOrder::day_first;  // the order used
    DateOrderFrom from = DateOrderFrom::none;
    std::string either_way;    // the first value that reads both ways ("03/04/2026 10:00:00"), for asking
    std::string day_first;     // the first value only day first reads ("13/04/2026 ..."), if any
    std::string month_first;   // the first value only month first reads ("04/13/2026 ..."), if any
};

// What the caller decides for the importer.
struct OrdersImportOptions {
    // How to read dates such as 03/04/2026 when nothing in the file says (a screen can ask the
    // user once, then import again with the answer).
    DateOrder date_order = DateOrder::day_first;
    // The day of the import: it dates the rounds of a paid report that has no day column
    // (paid_import.hpp). Without it such a report is refused.
    std::optional<Date> today;
};

struct RowProblem {
    int64_t row = 0;   // record number in the file; the header is row 1
    int64_t line = 0;  // physical line the row starts on
    std::string order_id;
    std::string reason;
};

// A well-formed order that could not be placed in the program: unknown creator, no content
// id, content that belongs to another creator. Not remembered: after the creator is added,
// importing the file again places it.
struct UnmatchedOrder {
    int64_t row = 0;
    std::string order_id;
    std::string creator_username;
    std::string content_id;
    double amount = 0;
    std::string reason;
};

// Everything the import changes, computed against the program at base_revision.
struct OrdersChanges {
    uint64_t base_revision = 0;
    std::vector<Post> updated_posts;          // full new value of each existing post that changes
    std::vector<Post> new_posts;              // ids handed out from the program's next_id
    OrderLines new_lines;                     // appended to the program's order_lines
    std::vector<uint32_t> updated_at;         // lines of the program whose figures change...
    OrderLines updated_lines;                 // ...to these (same order; keys and places kept)
    bool empty() const {
        return updated_posts.empty() && new_posts.empty() && new_lines.empty() && updated_at.empty();
    }
    std::vector<std::string> new_keys() const;  // the new lines' keys, in file order (tests)
};

struct OrdersImport {
    // Whole-file refusal (missing required column, unclosed quote, invalid UTF-8, no header):
    // set, and nothing else counts.
    std::string refused;
    ColumnMatch columns;

    // Data rows read (the header not counted): imported + updated + unchanged + adopted +
    // duplicates + samples + problem_count + unmatched_count + skipped.
    int64_t rows = 0;
    int64_t imported = 0;      // new order lines (on posts and off them: LIVE, showcase, ...)
    int64_t orders = 0;        // distinct new orders among them
    int64_t updated = 0;       // lines known from an earlier import whose figures changed
    int64_t status_changed = 0, refund_changed = 0, commission_changed = 0, amount_changed = 0;  // of those
    int64_t unchanged = 0;     // lines known from an earlier import, the same again
    int64_t adopted = 0;       // lines a version-1 program knew by key alone: kept now, nothing added
    int64_t duplicates = 0;    // lines earlier in this file
    int64_t off_post = 0;      // of the new lines: LIVE, showcase and other lines of roster creators
    double commission_settled = 0;  // of the file's lines of roster creators: Settled
    double commission_expected = 0; // Pending, Frozen or no status: expected, not yet paid
    int64_t samples = 0;       // 100 % discount lines: counted here, never as orders or GMV
    double gmv = 0;            // payment amounts added
    double refunded = 0;
    double commission = 0;
    int64_t posts_updated = 0;
    int64_t posts_created = 0;
    DateReading dates;         // how Time Created was read (it dates the posts an import creates)
    std::vector<RowProblem> problems;     // rows refused, with the reason (first 1,000 kept)
    int64_t problem_count = 0;            // all of them
    // Rows that are not orders, skipped rather than refused: the row of column descriptions
    // under the header, a "Total of N results" row, empty rows (first 1,000 kept, order_id empty).
    std::vector<RowProblem> skipped_rows;
    int64_t skipped = 0;
    std::vector<UnmatchedOrder> unmatched;  // first 1,000 kept
    int64_t unmatched_count = 0;

    OrdersChanges changes;

    bool ok() const { return refused.empty(); }
    // "1,310 new lines (1,204 orders), 2 updated (2 status, 1 refund, 2 commission), 5 unchanged,
    // 3 duplicates, 12 samples, 2 rows refused, 5 unmatched", then ", 2 rows skipped" when some
    // were, ", 4 known from an earlier version" for adopted lines, and how dates were read when
    // the file did not say (", dates such as 03/04/2026 read day first: the file does not say which").
    std::string summary() const;
};

class OrdersImporter {
public:
    OrdersImporter(const Program& program, uint64_t revision, ColumnMapping mapping = {},
                   OrdersImportOptions options = {});
    ~OrdersImporter();
    OrdersImporter(const OrdersImporter&) = delete;
    OrdersImporter& operator=(const OrdersImporter&) = delete;

    // The file's size, when known: once the first rows are read, the tables for the whole file
    // are sized from it, instead of doubling (and copying) as they fill. Optional.
    void expect_bytes(uint64_t total);
    // Feeds the next bytes of the file. Returns false once the file is refused (finish()
    // then says why); further bytes are ignored.
    bool feed(std::string_view bytes);
    uint64_t bytes_read() const;
    // A row from another reader than the CSV one (an .xlsx sheet, orders_xlsx.hpp): handled as
    // a CSV record is, the first one being the header. `row` numbers it in messages (the
    // sheet's row number); `bytes_read` is how much of the file has been read, for bytes_read()
    // and the sizing of expect_bytes(). Returns false once the file is refused.
    bool feed_row(int64_t row, const std::vector<std::string_view>& cells, uint64_t bytes_read);
    // Refuses the file whole for a reason found outside the importer (the .xlsx reader's):
    // finish() then says it.
    void refuse(std::string reason);
    // Data rows read so far (the header not counted), for a progress line.
    int64_t rows_read() const;
    // Available once the header row has been read: the UI shows its mapping screen from it.
    const std::optional<ColumnMatch>& columns() const;
    // The end of the file: the summary and the changes, computed against the program as it
    // was when the importer was made (it keeps a copy, so the program may change meanwhile;
    // Store::import_orders then refuses the stale result).
    OrdersImport finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// All at once (tests, the command-line tool).
OrdersImport import_orders_csv(const Program& program, std::string_view csv, const ColumnMapping& mapping = {},
                               uint64_t revision = 0, const OrdersImportOptions& options = {});

// What a program's order lines add up to for one creator, by content kind (derived from the
// stored lines; docs/rules.md, "Order lines"). Lines on a post are counted there through the
// post's own figures; these are every line, so a screen can show the split.
struct LineSales {
    int64_t lines = 0, orders = 0, units = 0;
    double gmv = 0, refunded = 0, commission = 0;
    double commission_expected = 0;  // Pending, Frozen or no status: not yet paid
    double commission_settled = 0;   // Settled
};
struct CreatorLineSales {
    LineSales by_kind[kContentKindCount];
    LineSales off_post;  // the lines on no post (LIVE, showcase, other): added to the creator's totals
};
// Every creator's, by creator id (one pass over the lines).
std::unordered_map<Id, CreatorLineSales> line_sales(const Program& p);

// Applies changes to a program directly (tests and the CLI; the app goes through
// Store::import_orders so the step can be undone).
void apply_orders(Program& p, const OrdersChanges& c);

// The number a post is known by in TikTok's exports: the digits of its video id taken from
// a URL ("https://www.tiktok.com/@a/video/7301234567890123456?lang=en") or the id itself.
std::string content_id_of(std::string_view tiktok_ref);

}  // namespace sr
