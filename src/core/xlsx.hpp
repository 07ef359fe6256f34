// Office Open XML workbooks (.xlsx), read as a stream of rows: the first sheet's cells as text,
// row by row, the way csv::Reader gives a CSV's records (docs/rules.md, "Orders import").
//
// An .xlsx is a zip. The reader asks for the ranges of the file it needs, one at a time
// (need(), then give() with exactly those bytes): the end of the file first (the zip's central
// directory, which says where each entry is), then xl/workbook.xml and its relations (which
// sheet comes first, where the shared strings are), xl/sharedStrings.xml, xl/styles.xml (which
// cells are dates), and last the sheet, inflated and parsed a piece at a time. Nothing holds the
// whole file or the whole sheet; only the shared strings are kept.
//
// - Cells are placed by their reference (r="B7"); cells a row does not have are empty, and every
//   row is as wide as the header row (the first row) at least.
// - Shared strings (t="s"), inline strings (t="inlineStr"), formula strings (t="str") and
//   numbers come out as written in the file, numbers included: a 19-digit id written as text
//   stays its 19 digits, and a number is never read into a double and written back.
// - Booleans come out as TRUE / FALSE, error cells as written (#N/A).
// - A number whose cell style is a date or time format comes out as YYYY-MM-DD HH:MM:SS (the
//   1900 and 1904 date systems both).
//
// Refused, with the reason in words: a file that is not a zip (an OLE file, which is what an old
// .xls or a password-protected workbook is, says so), a zip that is not a workbook, an entry
// that is encrypted or compressed other than by deflate, an entry whose stated size passes
// Limits::max_inflated or max_ratio times its compressed size, or that inflates past its stated
// size, a DOCTYPE or entity declaration anywhere (no entity expansion), XML that is not well
// formed, shared strings past Limits::max_shared_strings, a cell past column XFD (16,384).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sr::xlsx {

struct Limits {
    uint64_t max_inflated = 2ull << 30;          // bytes any one entry may inflate to (2 GiB: a
                                                 // million order lines written with inline
                                                 // strings take about 0.95 GiB)
    uint64_t max_ratio = 1000;                   // inflated size over compressed size, at most
    uint64_t max_shared_strings = 256ull << 20;  // bytes of shared-string text kept (256 MiB)
    uint32_t max_cell_bytes = 1u << 20;          // one cell's text (1 MiB)
    uint32_t piece_bytes = 1u << 20;             // how much of the sheet need() asks for at a time
};

// A zip (an .xlsx) starts so; an OLE compound file (an old .xls, or a workbook saved with a
// password) starts with D0 CF 11 E0 A1 B1 1A E1.
bool looks_like_zip(std::string_view head);
bool looks_like_ole(std::string_view head);
// What to tell about an OLE file.
extern const char* const kOleMessage;

struct Row {
    int64_t row = 0;  // the sheet's row number (1-based), as written in the file
    const std::vector<std::string_view>& cells;
};

struct Range {
    uint64_t offset = 0;
    uint32_t length = 0;  // 0: nothing more to read (done or failed)
};

class Reader {
public:
    // Return false from the callback to stop reading (give() then returns false, no error set).
    using OnRow = std::function<bool(const Row&)>;

    Reader(uint64_t file_size, OnRow on_row, Limits limits = {});
    ~Reader();
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    // The bytes of the file wanted next; length 0 once done, failed or stopped.
    Range need() const;
    // The bytes need() asked for (exactly that range). Returns false once reading has stopped:
    // an error (error() says which), or the callback asked to stop.
    bool give(std::string_view bytes);

    bool done() const;    // the whole sheet was read
    bool failed() const { return !error_.empty(); }
    const std::string& error() const { return error_; }
    // How far reading has come, in bytes of the file, for a progress bar: the entries' bytes
    // read so far (the directory and headers not counted), the file's size once done.
    uint64_t bytes_read() const;
    uint64_t file_size() const;
    // The sheet read: its name in the workbook ("Sheet1") and entry ("xl/worksheets/sheet1.xml").
    const std::string& sheet_name() const;

private:
    struct Impl;
    std::string error_;  // before impl_: set while it is made
    std::unique_ptr<Impl> impl_;
};

// Reads a whole file held in memory (tests, the fuzzer): every row's cells as strings.
struct Table {
    std::vector<std::vector<std::string>> rows;
    std::vector<int64_t> row_numbers;
    std::string error;
    bool ok() const { return error.empty(); }
};
Table read_all(std::string_view file, Limits limits = {});

// Drives a Reader over a file in memory: gives it each range it asks for. Returns its result.
bool read_from_memory(Reader& r, std::string_view file);

// A date serial (days since the workbook's epoch, fraction = time of day) as YYYY-MM-DD HH:MM:SS;
// empty when it is out of range (before 1900 or after 9999).
std::string serial_to_datetime(double serial, bool date1904 = false);

}  // namespace sr::xlsx
