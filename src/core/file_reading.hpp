// Reading one picked file a piece at a time (docs/rules.md, "Reading a file"): what it is (a
// backup, a CSV export or an .xlsx workbook, told by its name and its first bytes), the pieces
// of it to ask for next, how far it got, and at the end a backup to preview, an export's result
// (export_import.hpp), the orders columns to map, or the reason it was refused. It never changes
// the program: the caller applies the result through Store once the user has confirmed.
//
//     FileReading r(name, size, store.program(), store.revision(), setup);
//     // each frame:
//     if (auto q = r.next_request()) read_file(q->offset, q->length);   // comes back as r.arrived(...)
//     while (r.step(256 << 10) && time_left()) {}
//     draw(r.progress(), r.progress_line());
//     if (r.state() == FileReading::State::exports) show(r.result());
//
// The Data screen draws it; the CLI and the tests feed it a whole file with read_whole().
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backup.hpp"
#include "export_import.hpp"
#include "model.hpp"

namespace sr {

struct ReadingSetup {
    ColumnMapping orders_mapping;        // the orders columns the user mapped ("" fields: the usual headers)
    OrdersImportOptions options;         // the date order asked before, the day a paid report is dated
    FieldMappings field_mappings;        // the columns the user mapped for the other exports
    uint32_t chunk_bytes = 4u << 20;     // asked of the file at a time (a CSV, a backup)
    uint32_t sniff_bytes = 64u << 10;    // the first piece of a file its name does not tell
    uint64_t max_backup_bytes = kMaxBackupBytes;  // a larger backup is refused unread (backup.hpp)
    xlsx::Limits xlsx_limits;            // piece_bytes: how much of a sheet one step inflates
};

// "812 KB", "4.2 MB", "1.30 GB" ("37 bytes" under a kilobyte).
std::string fmt_bytes(uint64_t n);

class FileReading {
public:
    enum class State {
        reading,    // pieces still to ask for or to parse
        backup,     // a Spark Roster backup, read whole: backup()
        exports,    // an export read to its end: result() (orders, videos, creators or paid)
        mapping,    // an orders file whose columns need mapping: headers(), mapping_choices()
        refused,    // message() says why; nothing was changed
        cancelled,  // message() says so; nothing was changed
    };
    enum class Kind { unknown, backup, csv, xlsx };

    FileReading(std::string name, uint64_t size, const Program& program, uint64_t revision, ReadingSetup setup = {});
    ~FileReading();
    FileReading(const FileReading&) = delete;
    FileReading& operator=(const FileReading&) = delete;

    struct Request {
        uint64_t offset = 0;
        uint32_t length = 0;
    };
    // The piece of the file to read next. Asked once: none while a piece is on its way, one is
    // waiting to be parsed, or there is nothing more to read.
    std::optional<Request> next_request();
    // A piece came back: the one asked for (a piece of an earlier pass is dropped). `error`: it
    // could not be read, and the file is refused with it.
    void arrived(uint64_t offset, std::string_view bytes, const std::string& error = "");
    // Parses up to `max_bytes` of what has arrived (of an .xlsx: the piece that arrived). True
    // when there is more to parse right now.
    bool step(size_t max_bytes);
    // Stops reading: the state becomes cancelled, nothing is kept.
    void cancel();
    // Reads the file again from its start with another program, mapping or date order (after the
    // mapping screen, a creator added, the dates read the other way). A piece of the earlier
    // pass still on its way is dropped when it arrives.
    void restart(const Program& program, uint64_t revision, ReadingSetup setup);

    State state() const;
    Kind kind() const;
    bool done() const { return state() != State::reading; }
    const std::string& name() const;
    uint64_t size() const;
    uint64_t bytes_done() const;   // of the file, parsed
    double progress() const;       // 0 .. 1
    int64_t rows() const;          // an export's rows read so far
    // "812 KB of 4.2 MB · 1,204 rows · 19 %"
    std::string progress_line() const;
    // Refused or cancelled: the sentence to show ("orders.csv was refused: ... Nothing was changed.").
    const std::string& message() const;
    const ReadingSetup& setup() const;

    // A backup (state backup).
    const Program* backup() const;
    // An export (state exports, or refused for an export whose importer refused it).
    const ExportImport& result() const;
    ExportImport& result();
    // The file's header row (state mapping; also known once an export is read).
    const std::vector<std::string>& headers() const;
    // A header no export fits: what each family lacks ("" otherwise).
    const std::string& tried() const;
    // The mapping screen's first choice of a column per orders field (-1: none): the columns
    // matched, and a field the mapping sends elsewhere falls back to its usual header when the
    // file has it.
    std::array<int, kOrderFieldCount> mapping_choices() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Reads a whole file held in memory through the same steps, asking for what the reading asks:
// tests, the CLI. `step_bytes`: how much each step parses.
void read_whole(FileReading& r, std::string_view file, size_t step_bytes = 256u << 10);

}  // namespace sr
