#include "csv.hpp"

#include <algorithm>
#include <cstring>

namespace sr::csv {

namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";

int64_t count_newlines(const char* p, size_t n) { return std::count(p, p + n, '\n'); }

// Bytes of an eight-byte word equal to c: the lowest set bit marks the first (bits above it may
// be wrong, so only the lowest is used).
uint64_t bytes_equal(uint64_t w, char c) {
    const uint64_t x = w ^ (0x0101010101010101ULL * static_cast<unsigned char>(c));
    return (x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL;
}

// The first separator, '\n' or '\r' at or after p (`special` marks those bytes), or end: eight
// bytes at a time. Every byte read is also ORed into `seen`, so a record whose bytes all have
// the top bit clear is known to be ASCII (valid UTF-8) without a second pass.
const char* next_special(const char* p, const char* end, char sep, const bool* special, uint64_t& seen) {
    while (end - p >= 8) {
        uint64_t w;
        std::memcpy(&w, p, 8);
        seen |= w;
        const uint64_t m = bytes_equal(w, sep) | bytes_equal(w, '\n') | bytes_equal(w, '\r');
        if (m) return p + (__builtin_ctzll(m) >> 3);
        p += 8;
    }
    for (; p < end && !special[static_cast<unsigned char>(*p)]; ++p) seen |= static_cast<unsigned char>(*p);
    return p;
}

// The first '"' at or after p, or end, the same way.
const char* next_quote(const char* p, const char* end, uint64_t& seen) {
    while (end - p >= 8) {
        uint64_t w;
        std::memcpy(&w, p, 8);
        seen |= w;
        const uint64_t m = bytes_equal(w, '"');
        if (m) return p + (__builtin_ctzll(m) >> 3);
        p += 8;
    }
    for (; p < end && *p != '"'; ++p) seen |= static_cast<unsigned char>(*p);
    return p;
}

}  // namespace

bool valid_utf8(std::string_view s, size_t* bad_at) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    size_t i = 0;
    while (i < n) {
        // Eight ASCII bytes at a time.
        if (i + 8 <= n) {
            uint64_t w;
            std::memcpy(&w, p + i, 8);
            if ((w & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len;
        unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c == 0xE0) len = 3, lo = 0xA0;
        else if (c == 0xED) len = 3, hi = 0x9F;  // no surrogates
        else if (c >= 0xE1 && c <= 0xEF) len = 3;
        else if (c == 0xF0) len = 4, lo = 0x90;
        else if (c == 0xF4) len = 4, hi = 0x8F;  // nothing above U+10FFFF
        else if (c >= 0xF1 && c <= 0xF3) len = 4;
        else {
            if (bad_at) *bad_at = i;
            return false;
        }
        if (i + len > n || p[i + 1] < lo || p[i + 1] > hi) {
            if (bad_at) *bad_at = i;
            return false;
        }
        for (size_t k = 2; k < len; ++k)
            if ((p[i + k] & 0xC0) != 0x80) {
                if (bad_at) *bad_at = i;
                return false;
            }
        i += len;
    }
    return true;
}

Reader::Reader(OnRecord on_record, size_t max_record_bytes, char separator)
    : on_record_(std::move(on_record)), max_record_bytes_(max_record_bytes), sep_(separator) {
    special_[static_cast<unsigned char>('\n')] = true;
    special_[static_cast<unsigned char>('\r')] = true;
    if (sep_ != kDetectSeparator) special_[static_cast<unsigned char>(sep_)] = true;
}

// Reads head_ on from where it stopped, to the end of the first line that holds anything (line
// breaks inside quotes do not end it), and picks the separator that line uses most. At the end
// of the input, or once head_ is longer than a record may be, the line read so far decides.
// Returns whether the separator is now known.
bool Reader::detect_separator(bool at_end) {
    const char* const begin = head_.data();
    const char* p = begin + head_scanned_;
    const char* const end = begin + head_.size();
    bool line_end = false;
    for (; p < end; ++p) {
        const char c = *p;
        if (c == '"') head_quoted_ = !head_quoted_;
        if (head_quoted_ || c == '"') {
            head_line_content_ = true;
        } else if (c == '\n' || c == '\r') {
            if (head_line_content_) {
                line_end = true;
                break;
            }
        } else {
            head_line_content_ = true;
        }
    }
    head_scanned_ = static_cast<size_t>(p - begin);
    if (!line_end && !at_end && head_.size() <= max_record_bytes_) return false;
    // The counts over the first line: quotes toggled again from its start.
    size_t commas = 0, tabs = 0, semicolons = 0;
    bool quoted = false;
    for (const char* q = begin; q < p; ++q) {
        if (*q == '"') quoted = !quoted;
        if (quoted) continue;
        commas += *q == ',';
        tabs += *q == '\t';
        semicolons += *q == ';';
    }
    sep_ = tabs > commas && tabs >= semicolons ? '\t' : semicolons > commas && semicolons > tabs ? ';' : ',';
    special_[static_cast<unsigned char>(sep_)] = true;
    return true;
}

// Bytes after the byte-order mark: held back until the separator is known, then read.
bool Reader::deliver(const char* p, const char* end) {
    if (sep_ != kDetectSeparator) return process(p, end);
    head_.append(p, static_cast<size_t>(end - p));
    if (!detect_separator(false)) return true;
    const std::string head = std::move(head_);
    head_ = std::string();
    return process(head.data(), head.data() + head.size());
}

bool Reader::fail(int64_t line, int64_t column, std::string message) {
    error_.line = line;
    error_.row = row_ + 1;
    error_.column = column;
    error_.message = std::move(message);
    stopped_ = true;
    return false;
}

bool Reader::end_field() {
    ends_.push_back(buf_.size());
    return true;
}

bool Reader::emit() {
    const bool blank = ends_.size() == 1 && buf_.empty() && !record_has_content_;
    record_has_content_ = false;
    if (blank) {
        ends_.clear();
        return true;
    }
    size_t bad = 0;
    if (!valid_utf8(buf_, &bad)) {
        const size_t column = static_cast<size_t>(std::upper_bound(ends_.begin(), ends_.end(), bad) - ends_.begin()) + 1;
        const int64_t line = record_line_ + count_newlines(buf_.data(), bad);
        return fail(line, static_cast<int64_t>(column),
                    "row " + std::to_string(row_ + 1) + ", column " + std::to_string(column) + " (line " +
                        std::to_string(line) + "): the text is not valid UTF-8; save the file as UTF-8 and try again");
    }
    views_.clear();
    size_t begin = 0;
    for (size_t end : ends_) {
        views_.emplace_back(buf_.data() + begin, end - begin);
        begin = end;
    }
    ++row_;
    const Record rec{row_, record_line_, views_};
    const bool go_on = on_record_(rec);
    buf_.clear();
    ends_.clear();
    if (!go_on) stopped_ = true;
    return go_on;
}

// Whole records that lie inside the input, read in place: every field a view into the input,
// nothing copied. Returns at the first record that is not simple (it runs past the end, has a
// doubled quote or text after a closing quote, is too long, or is not valid UTF-8), which the
// byte-by-byte reading below then takes, with the same result and the same error messages.
bool Reader::in_place(const char*& at, const char* end) {
    const char* p = at;
    while (p < end) {
        const char* const rec = p;
        if (*p == '\n' || *p == '\r') {  // a blank line
            if (*p == '\r' && p + 1 == end) return true;  // a '\n' may follow in the next input
            p += (*p == '\r' && p[1] == '\n') ? 2 : 1;
            ++line_;
            record_line_ = line_;
            at = p;
            continue;
        }
        views_.clear();
        int64_t quoted_lines = 0;
        uint64_t seen = 0;
        const char* q = p;
        for (;;) {
            if (q == end) return true;
            if (*q == '"') {
                const char* close = next_quote(q + 1, end, seen);
                if (close == end || close + 1 == end || !(close[1] == sep_ || close[1] == '\n' || close[1] == '\r'))
                    return true;
                const size_t n = static_cast<size_t>(close - q - 1);
                quoted_lines += count_newlines(q + 1, n);
                views_.emplace_back(q + 1, n);
                q = close + 1;
            } else {
                const char* f = q;
                q = next_special(q, end, sep_, special_, seen);
                if (q == end) return true;
                views_.emplace_back(f, static_cast<size_t>(q - f));
            }
            if (*q != sep_) break;
            ++q;
        }
        // q is at the record's '\n' or '\r'.
        const size_t size = static_cast<size_t>(q - rec);
        if (size > max_record_bytes_) return true;
        if ((seen & 0x8080808080808080ULL) && !valid_utf8(std::string_view(rec, size))) return true;
        const bool cr = *q == '\r';
        p = q + 1;
        if (cr && p < end && *p == '\n') ++p;
        ++row_;
        const Record r{row_, record_line_, views_};
        const bool go_on = on_record_(r);
        line_ += quoted_lines + 1;
        record_line_ = line_;
        at = p;
        if (cr && p == end) state_ = State::after_cr;  // a '\n' may open the next input
        if (!go_on) {
            stopped_ = true;
            return false;
        }
        if (state_ != State::field_start) return true;
    }
    return true;
}

bool Reader::process(const char* p, const char* end) {
    while (p < end) {
        switch (state_) {
            case State::field_start:
                if (ends_.empty() && buf_.empty() && !record_has_content_) {
                    if (!in_place(p, end)) return false;
                    if (p == end || state_ != State::field_start) break;
                }
                if (*p == '"') {
                    quote_line_ = line_;
                    record_has_content_ = true;
                    state_ = State::quoted;
                    ++p;
                } else {
                    state_ = State::unquoted;
                }
                break;
            case State::unquoted: {
                const char* q = p;
                while (q < end && !special_[static_cast<unsigned char>(*q)]) ++q;
                buf_.append(p, static_cast<size_t>(q - p));
                if (buf_.size() > max_record_bytes_)
                    return fail(record_line_, 0,
                                "row " + std::to_string(row_ + 1) + " (line " + std::to_string(record_line_) +
                                    ") is longer than " + std::to_string(max_record_bytes_ >> 10) + " KB");
                p = q;
                if (p == end) break;
                const char c = *p++;
                end_field();
                if (c == sep_) {
                    record_has_content_ = true;
                    state_ = State::field_start;
                } else {
                    if (!emit()) return false;
                    ++line_;
                    record_line_ = line_;
                    state_ = c == '\r' ? State::after_cr : State::field_start;
                }
                break;
            }
            case State::quoted: {
                const void* hit = std::memchr(p, '"', static_cast<size_t>(end - p));
                const char* q = hit ? static_cast<const char*>(hit) : end;
                const size_t n = static_cast<size_t>(q - p);
                line_ += count_newlines(p, n);
                buf_.append(p, n);
                if (buf_.size() > max_record_bytes_)
                    return fail(quote_line_, static_cast<int64_t>(ends_.size() + 1),
                                "line " + std::to_string(quote_line_) + ": a quoted field opened here runs on for more than " +
                                    std::to_string(max_record_bytes_ >> 10) + " KB; a closing quote is probably missing");
                p = q;
                if (p < end) {
                    ++p;
                    state_ = State::quote_in_quoted;
                }
                break;
            }
            case State::quote_in_quoted:
                if (*p == '"') {  // "" inside a quoted field: one quote
                    buf_.push_back('"');
                    ++p;
                    state_ = State::quoted;
                } else {
                    state_ = State::unquoted;  // the field is closed; anything up to the separator is kept
                }
                break;
            case State::after_cr:
                if (*p == '\n') ++p;
                state_ = State::field_start;
                break;
        }
    }
    return true;
}

bool Reader::feed(std::string_view bytes) {
    if (stopped_) return false;
    bytes_ += bytes.size();
    if (!bom_checked_) {
        const size_t take = std::min(bytes.size(), size_t{3} - bom_prefix_.size());
        bom_prefix_.append(bytes.data(), take);
        bytes.remove_prefix(take);
        const bool maybe_bom = std::memcmp(bom_prefix_.data(), kBom, bom_prefix_.size()) == 0;
        if (maybe_bom && bom_prefix_.size() < 3) return true;  // need more bytes to decide
        bom_checked_ = true;
        if (!maybe_bom && !deliver(bom_prefix_.data(), bom_prefix_.data() + bom_prefix_.size())) return false;
        bom_prefix_.clear();
    }
    return deliver(bytes.data(), bytes.data() + bytes.size());
}

bool Reader::finish() {
    if (stopped_) return false;
    if (!bom_checked_) {
        bom_checked_ = true;
        const std::string head = std::move(bom_prefix_);
        if (!deliver(head.data(), head.data() + head.size())) return false;
    }
    if (sep_ == kDetectSeparator) {
        detect_separator(true);
        const std::string head = std::move(head_);
        head_ = std::string();
        if (!process(head.data(), head.data() + head.size())) return false;
    }
    switch (state_) {
        case State::quoted:
            return fail(quote_line_, static_cast<int64_t>(ends_.size() + 1),
                        "line " + std::to_string(quote_line_) + ": a quote opened here is never closed (the file may be truncated)");
        case State::unquoted:
        case State::quote_in_quoted:
            end_field();
            if (!emit()) return false;
            break;
        case State::field_start:
            if (record_has_content_ || !ends_.empty() || !buf_.empty()) {
                end_field();
                if (!emit()) return false;
            }
            break;
        case State::after_cr:
            break;
    }
    state_ = State::field_start;
    stopped_ = true;
    return true;
}

Table read_all(std::string_view text) {
    Table t;
    Reader r([&t](const Record& rec) {
        std::vector<std::string> row;
        row.reserve(rec.fields.size());
        for (std::string_view f : rec.fields) row.emplace_back(f);
        t.rows.push_back(std::move(row));
        return true;
    });
    if (!r.feed(text) || !r.finish()) t.error = r.error();
    return t;
}

}  // namespace sr::csv
