// Data: the program in and out (docs/rules.md, section 7). Export a backup (Spark Codes blanked on
// request); import a file chosen or dropped anywhere on the page, read a few megabytes per
// frame: a backup replaces the program or merges into it by id after a preview; a TikTok Shop
// export (CSV or .xlsx) is known by its header row (export_import.hpp): affiliate orders go
// through their column mapping (remembered for next time) to a summary, a video performance or
// creator list file to its preview (data_exports.cpp), each applied as one undoable step; load
// the sample program or start an empty one.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/export_import.hpp"
#include "core/file_reading.hpp"
#include "core/merge.hpp"
#include "core/orders_import.hpp"
#include "core/orders_xlsx.hpp"
#include "platform/files.hpp"
#include "platform/storage.hpp"
#include "table_util.hpp"
#include "view.hpp"

namespace sr::ui {

// The column mapping remembered from the last orders import ("" fields: the usual headers).
ColumnMapping remembered_mapping();
void remember_mapping(const ColumnMapping& m);

// An orders import as the page API reports it: {ok, refused, rows, imported, duplicates,
// samples, refused_rows, unmatched, ...}. `error` is why applying failed ("" when it did not).
std::string orders_import_json(const OrdersImport& r, const std::string& error);
// Any export as the page API's importCsv reports it: {ok, refused, error, family ("orders",
// "videos", "creators", "paid"), found, summary, rows, refused_rows, ...}, an orders file with
// every field of orders_import_json, the others with their own counts (posts_updated,
// to_add, rounds, unplaced, ...).
std::string export_import_json(const ExportImport& r, const std::string& error);
// The options an import is read with on this device: the date order the user chose when a file
// did not say, `today` for a paid report with no day column.
OrdersImportOptions remembered_import_options(Date today);

class DataView : public View, public platform::FileReceiver {
public:
    static constexpr uint32_t kChunkBytes = 4u << 20;          // read from the file at a time
    static constexpr uint32_t kXlsxPieceBytes = 256u << 10;    // of an .xlsx's sheet, inflated in one frame

    DataView(Store& store, Persistence& persistence);
    ~DataView() override;
    const char* title() const override { return "Data"; }
    const char* screen() const override { return "data"; }
    void draw(Context& ctx) override;
    bool close_dialog() override;

    // A file arrived while another screen was shown: true once, and the app shows this one.
    bool take_show_request();
    // A file is being read: the app keeps drawing frames until it is done.
    bool busy() const { return stage_ == Stage::reading; }

    void file_opened(int file, const std::string& name, uint64_t size) override;
    void file_chunk(int file, uint64_t offset, std::string_view bytes, const std::string& error) override;

private:
    enum class Stage { home, reading, backup, merge, mapping, summary, exports };
    enum class Confirm { none, replace, sample, empty };

    ReadingSetup reading_setup(const ColumnMapping& mapping) const;
    void pump();
    void request_next();
    void finish_reading();
    void start_orders(const ColumnMapping& mapping);
    void close_file();
    void fail(std::string message);
    void done(std::string message);

    void draw_home(Context& ctx);
    void draw_reading();
    void draw_backup();
    void draw_merge();
    void draw_mapping();
    void draw_field_mapping(ExportFamily family);
    void open_field_mapping();  // the export preview's "Change column mapping"
    void draw_summary();
    void add_unmatched_creator(const std::string& username);
    void draw_confirm(Context& ctx);
    // A video performance or creator list export (data_exports.cpp): what was found, the
    // preview, and the button that applies it.
    void draw_export(Context& ctx);
    void draw_video_preview(const VideoImport& v);
    void draw_creator_preview(const CreatorListImport& c);
    void draw_paid_preview(const PaidImport& p);
    void draw_unplaced(const PaidImport& p);
    void draw_export_rows(const std::vector<RowProblem>& refused);
    void draw_messages();
    bool can_change() const;

    Store& store_;
    Persistence& persistence_;
    Stage stage_ = Stage::home;
    bool show_request_ = false;

    // The file being read (core/file_reading.hpp): the browser's handle and the reading.
    int file_ = 0;
    std::string name_;
    Date today_;  // the day the screen was last drawn: dates a paid report with no day column
    std::unique_ptr<FileReading> reading_;

    // A backup.
    std::optional<Program> backup_;
    MergePreview preview_;

    // An export file: its header row says which (export_import.hpp).
    ColumnMapping mapping_;
    std::vector<std::string> headers_;               // the file's header row
    std::array<int, kOrderFieldCount> choice_{};     // mapping screen: column per field, -1 none
    ExportFamily map_family_ = ExportFamily::orders;  // the export the mapping screen maps the columns as
    std::vector<int> field_choice_;                  // ... for another than orders: a column per field, -1 none
    OrdersImport result_;
    std::string tried_;                              // a header no export fits: what each lacks
    ExportImport export_;                            // a video performance or creator list file
    TableSort creator_sort_;
    std::vector<size_t> creator_order_;              // the creator preview's rows as sorted
    TableSort unplaced_sort_;
    std::vector<size_t> unplaced_order_;             // a paid report's ads not placed, as sorted

    std::optional<std::string> saved_mapping_;  // as kept in the browser; read again when unset
    bool blank_codes_ = false;
    Confirm confirm_ = Confirm::none;
    bool confirm_open_ = false;
    std::string notice_;
    std::string error_;
};

}  // namespace sr::ui
