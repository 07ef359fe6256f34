// Any TikTok Shop export, CSV or .xlsx, through one reader: the header row says which export a
// file is (docs/rules.md, "Which export a file is"), and its rows go to that export's importer:
// affiliate orders (OrdersImporter), video performance (VideoImporter), the creator list
// (CreatorListImporter) or a paid report (PaidImporter). The Data screen and `sparkroster import` both read files through it.
//
//     ExportImporter imp(program, revision, orders_mapping, options);
//     while (more) imp.feed(next_csv_chunk);          // or ExportXlsxImport for an .xlsx
//     ExportImport r = imp.finish();
//     r.found();    // "Affiliate orders", "Video performance, 312 videos", "Creator list, 40 creators"
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "creator_list_import.hpp"
#include "orders_import.hpp"
#include "paid_import.hpp"
#include "video_import.hpp"
#include "xlsx.hpp"

namespace sr {

enum class ExportFamily { none, orders, videos, creators, paid };

// The columns a user mapped for each export other than affiliate orders (whose mapping is a
// ColumnMapping): field key -> the file's header (export_fields.hpp). A field whose mapped
// header a file does not have is found by its usual headers.
struct FieldMappings {
    FieldMapping videos, creators, paid;
    const FieldMapping& of(ExportFamily f) const;  // an empty mapping for orders and none
    FieldMapping& of(ExportFamily f);              // videos, creators or paid only
};

// A mapping file's sections for the other exports (the command line's --mapping):
// {"videos": {"video_id": "Clip", ...}, "creators": {...}, "paid": {...}}, other keys ignored.
// A section that is not an object of texts, or a field its export does not have, is an error,
// and the mappings are then empty.
FieldMappings field_mappings_from_json(std::string_view text, std::vector<std::string>& errors);

// The fields of an export other than orders (the column mapping screen); nullptr for orders
// and none.
const ExportFields* family_fields(ExportFamily f);
// Whether a header row is this family's under the mapping (orders: under `orders_mapping`);
// `missing` gets what it lacks, in words.
bool family_headers(ExportFamily f, const std::vector<std::string>& headers, std::string* missing,
                    const ColumnMapping& orders_mapping, const FieldMappings& mappings);

// Which export a header row is: affiliate orders when it has an Order ID column (under the
// orders mapping), else a paid report with a Cost column and a Video ID or Ad name, else video
// performance with a Video ID or Video link, else a creator list with a Creator username and
// followers or GMV. None: `tried` says what each one lacks.
struct FamilyGuess {
    ExportFamily family = ExportFamily::none;
    std::string tried;  // "tried affiliate orders (no "Order ID" column), video performance (...), ..."
};
FamilyGuess detect_family(const std::vector<std::string>& headers, const ColumnMapping& orders_mapping = {},
                          const FieldMappings& mappings = {});

// "Affiliate orders", "Video performance", "Creator list", "Paid report".
const char* family_name(ExportFamily f);

struct ExportImport {
    ExportFamily family = ExportFamily::none;
    // A header row no family knows: what was tried (the file then went to the orders importer,
    // whose refusal opens the column mapping).
    std::string tried;
    std::string refused;   // a refusal before any family's importer (an unreadable file)
    std::vector<std::string> headers;  // the file's header row, trimmed (the column mapping screen)
    OrdersImport orders;
    VideoImport videos;
    CreatorListImport creators;
    PaidImport paid;

    bool ok() const;
    std::string refusal() const;  // "" when ok
    // What the file was found to be: "Affiliate orders", "Video performance, 312 videos",
    // "Creator list, 40 creators".
    std::string found() const;
    // The family's summary (it starts with what was found, for videos and creators).
    std::string summary() const;
    // The changes of a video, creator list or paid report file (nullptr for orders, whose
    // changes are `orders.changes`, and for no family).
    const ExportChanges* export_changes() const;
};

class ExportImporter {
public:
    ExportImporter(const Program& program, uint64_t revision, ColumnMapping orders_mapping = {},
                   OrdersImportOptions options = {});
    ~ExportImporter();
    ExportImporter(const ExportImporter&) = delete;
    ExportImporter& operator=(const ExportImporter&) = delete;

    void expect_bytes(uint64_t total);
    // The columns the user mapped for the other exports (before the first bytes): a file is
    // told and read under them as well as under the usual headers.
    void map_fields(FieldMappings mappings);
    // The next bytes of a CSV file. Returns false once the file is refused.
    bool feed(std::string_view bytes);
    // A row of another reader (an .xlsx sheet), the header first.
    bool feed_row(int64_t row, const std::vector<std::string_view>& cells, uint64_t bytes_read);
    void refuse(std::string reason);
    uint64_t bytes_read() const;
    int64_t rows_read() const;
    // Known once the header row is read (none before; orders for a header no family knows).
    ExportFamily family() const;
    // The orders file's columns, once the header is read (the mapping screen is drawn from them).
    const std::optional<ColumnMatch>& order_columns() const;
    // A header row no export fits: what each one lacks (FamilyGuess::tried); "" otherwise.
    const std::string& tried() const;
    ExportImport finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// An .xlsx of any family, read by the ranges its reader asks for (as OrdersXlsxImport).
class ExportXlsxImport {
public:
    ExportXlsxImport(const Program& program, uint64_t revision, ColumnMapping orders_mapping, OrdersImportOptions options,
                     uint64_t file_size, xlsx::Limits limits = {});
    xlsx::Range need() const { return reader_.need(); }
    void map_fields(FieldMappings mappings) { importer_.map_fields(std::move(mappings)); }
    bool give(std::string_view bytes);
    uint64_t bytes_read() const { return reader_.bytes_read(); }
    int64_t rows_read() const { return importer_.rows_read(); }
    ExportFamily family() const { return importer_.family(); }
    const std::optional<ColumnMatch>& order_columns() const { return importer_.order_columns(); }
    const std::string& tried() const { return importer_.tried(); }
    ExportImport finish();

private:
    ExportImporter importer_;
    xlsx::Reader reader_;
};

// All at once (tests, the CLI): a CSV text, or a whole .xlsx file in memory.
ExportImport import_export_csv(const Program& program, std::string_view csv, const ColumnMapping& mapping = {},
                               uint64_t revision = 0, const OrdersImportOptions& options = {});
ExportImport import_export_xlsx(const Program& program, std::string_view file, const ColumnMapping& mapping = {},
                                uint64_t revision = 0, const OrdersImportOptions& options = {});

// Applies a result's changes to a program directly (tests and the CLI).
void apply_export(Program& p, const ExportImport& r);

}  // namespace sr
