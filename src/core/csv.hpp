// RFC 4180 CSV, read incrementally: feed the bytes in chunks of any size (a 200 MB export a few
// megabytes at a time, with a progress bar between chunks) and get every record as it completes.
//
// - Fields separated by ',' (or another separator given to the reader, or the one its first line
//   uses: see kDetectSeparator), records by CRLF, LF or a lone CR.
// - A field that starts with '"' is quoted: it may hold commas, line breaks and doubled quotes
//   ("" = one "). Text after the closing quote up to the next separator is kept as written;
//   a quote in the middle of an unquoted field is an ordinary character.
// - UTF-8 with or without a byte-order mark; any invalid UTF-8 stops the reading with the
//   row and column where it is.
// - A quoted field still open at the end of the input is refused with the line it opened on.
// - Blank lines (no characters at all) are skipped.
// - A record longer than max_record_bytes is refused (it is usually a quote never closed).
//
// Fields reach the callback as string_views valid only during the call: into the input itself
// for a record that lies whole inside one feed() and needs no unquoting (nearly all of them), or
// else into the reader's own buffer, reused from record to record. Reading allocates nothing per
// field.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sr::csv {

struct Error {
    int64_t line = 0;    // physical line (1-based) where the problem is
    int64_t row = 0;     // record number (1-based; the header is row 1)
    int64_t column = 0;  // field number (1-based), 0 when not about one field
    std::string message; // in words, with the line/row/column already in it
};

// Given as the separator: the reader takes the one of ',', '\t' and ';' that its first line (the
// header) holds most often outside quotes, ',' when it holds none or on a tie.
constexpr char kDetectSeparator = 0;

struct Record {
    int64_t row = 0;   // record number, 1-based
    int64_t line = 0;  // physical line the record starts on, 1-based
    const std::vector<std::string_view>& fields;
};

class Reader {
public:
    // Return false from the callback to stop reading (feed() then returns false, no error set).
    using OnRecord = std::function<bool(const Record&)>;

    explicit Reader(OnRecord on_record, size_t max_record_bytes = 1 << 20, char separator = ',');

    // Reads the next bytes. Returns false once reading has stopped: an error (error() says
    // which) or the callback asked to stop. Further calls do nothing and return false.
    bool feed(std::string_view bytes);
    // The end of the input: delivers a last record without a line break, refuses a quote
    // left open. Returns false on an error or a stop.
    bool finish();

    bool failed() const { return !error_.message.empty(); }
    const Error& error() const { return error_; }
    uint64_t bytes_read() const { return bytes_; }
    int64_t records() const { return row_; }
    // The field separator: the one given, or the one detected (kDetectSeparator until the first
    // line is read).
    char separator() const { return sep_; }

private:
    enum class State : uint8_t { field_start, unquoted, quoted, quote_in_quoted, after_cr };
    bool emit();
    bool fail(int64_t line, int64_t column, std::string message);
    bool end_field();
    bool process(const char* p, const char* end);
    bool in_place(const char*& p, const char* end);
    bool deliver(const char* p, const char* end);
    bool detect_separator(bool at_end);

    OnRecord on_record_;
    size_t max_record_bytes_;
    char sep_;
    bool special_[256] = {};       // bytes that end an unquoted run: the separator and line ends
    State state_ = State::field_start;
    bool stopped_ = false;
    bool bom_checked_ = false;
    std::string bom_prefix_;       // first bytes while deciding whether they are a BOM
    std::string head_;             // first bytes while detecting the separator
    size_t head_scanned_ = 0;
    bool head_quoted_ = false;
    bool head_line_content_ = false;
    std::string buf_;              // this record's field bytes, one after another
    std::vector<size_t> ends_;     // where each finished field ends in buf_
    std::vector<std::string_view> views_;
    bool record_has_content_ = false;
    int64_t line_ = 1;             // physical line being read
    int64_t record_line_ = 1;      // line the current record started on
    int64_t quote_line_ = 0;       // line the open quoted field started on
    int64_t row_ = 0;              // records delivered
    uint64_t bytes_ = 0;
    Error error_;
};

// Checks UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). On failure sets the
// byte offset of the first bad byte.
bool valid_utf8(std::string_view s, size_t* bad_at = nullptr);

// Reads a whole text at once: every record's fields as strings (tests, small files).
struct Table {
    std::vector<std::vector<std::string>> rows;
    Error error;
    bool ok() const { return error.message.empty(); }
};
Table read_all(std::string_view text);

}  // namespace sr::csv
