// The backup document: the whole program as JSON ("format": "spark-roster", "version": 2).
// Field by field in docs/format.md.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <unordered_set>
#include <vector>

#include "model.hpp"

namespace sr {

constexpr int kBackupVersion = 2;  // 2: order lines as records (version 1 had their keys alone)

// The largest backup read: 250 MB (250,000,000 bytes). A program of tens of thousands of
// creators and posts is a few tens of MB, and each order line kept adds about 90 bytes (a
// million lines are about 90 MB): 250 MB holds some 2.5 million lines, a year of a large shop.
// Past this a file is refused before it is parsed, since parsing takes a few times the text's
// size in memory (a browser tab runs out first).
constexpr size_t kMaxBackupBytes = 250'000'000;


// One thing wrong with a document, at a JSON path such as "$.creators[3].handle".
struct Problem {
    std::string path;
    std::string message;
    std::string to_string() const { return path + ": " + message; }
};

struct LoadResult {
    std::optional<Program> program;  // set only when there are no problems
    std::vector<Problem> problems;
    bool ok() const { return program.has_value(); }
    // The first few problems in one line, for a status bar or an error dialog.
    std::string summary(size_t max_items = 3) const;
};

// The problem with a backup of `bytes` bytes (at "$": its size and the limit), or nothing when
// the size is within kMaxBackupBytes.
std::optional<Problem> backup_size_problem(size_t bytes);

std::string program_to_json(const Program& p, bool pretty = false);

// program_to_json(p) a slice at a time, so a saver never holds the page for long: the same
// text, built from a copy of the program taken when the writer is made (later changes do not
// reach it). Use: `ProgramJsonWriter w(program); while (!w.step(500)) { ...next frame... }`
// then `w.text()`.
class ProgramJsonWriter {
public:
    explicit ProgramJsonWriter(Program snapshot);
    // Writes up to `records` more records (a creator, a post, an order key, ...). Returns true
    // once the whole document is written.
    bool step(size_t records);
    bool done() const { return part_ >= kParts; }
    std::string& text() { return out_; }

private:
    static constexpr size_t kParts = 13;  // the document's top-level keys
    Program p_;
    std::string out_;
    size_t part_ = 0;   // which top-level key is being written
    size_t index_ = 0;  // the next element of that key's list
    size_t lines_col_ = 0;  // order_lines: the column being written (index_ its next line)
};

// Parses and checks a backup: size, structure, types, ids, references and creator rules. Never
// throws; on any problem the program is not returned at all.
LoadResult program_from_json(std::string_view text);

// ------------------------------------------------------------------ one record at a time
// A record's JSON exactly as it stands in program_to_json's lists (the same keys, the same
// order, the same numbers), so a store of one document per record (docs.hpp) writes the
// backup's own text for each record.
std::string record_json(const Settings& x);
std::string record_json(const Creator& x);
std::string record_json(const Product& x);
std::string record_json(const Sample& x);
std::string record_json(const Brief& x);
std::string record_json(const Post& x);
std::string record_json(const SparkCode& x);
std::string record_json(const std::vector<ReviewMark>& x);
std::string record_json(const std::vector<std::string>& order_keys);

// A record's content in brief: two 64-bit hashes of every field record_json writes, walked from
// the same list of fields (so the two cannot drift apart) without writing any text. Equal
// records, equal hashes; two different records alike is a 1 in 2^128 chance.
struct RecordHash {
    uint64_t a = 0, b = 0;
    bool operator==(const RecordHash& o) const { return a == o.a && b == o.b; }
    bool operator!=(const RecordHash& o) const { return !(*this == o); }
};
RecordHash record_hash(const Settings& x);
RecordHash record_hash(const Creator& x);
RecordHash record_hash(const Product& x);
RecordHash record_hash(const Sample& x);
RecordHash record_hash(const Brief& x);
RecordHash record_hash(const Post& x);
RecordHash record_hash(const SparkCode& x);
RecordHash record_hash(const std::vector<ReviewMark>& x);
// Order keys [from, to) of a list, as one block.
RecordHash record_hash(const std::vector<std::string>& keys, size_t from, size_t to);

// Reads one record's JSON with the backup's field checks. Problems are reported at `path`
// ("$.creators[<doc>]"...); returns false (and leaves `x` unspecified) on any.
bool record_from_json(std::string_view text, const std::string& path, Settings& x, std::vector<Problem>& problems);
bool record_from_json(std::string_view text, const std::string& path, Creator& x, std::vector<Problem>& problems);
bool record_from_json(std::string_view text, const std::string& path, Product& x, std::vector<Problem>& problems);
bool record_from_json(std::string_view text, const std::string& path, Sample& x, std::vector<Problem>& problems);
bool record_from_json(std::string_view text, const std::string& path, Brief& x, std::vector<Problem>& problems);
bool record_from_json(std::string_view text, const std::string& path, Post& x, std::vector<Problem>& problems);
bool record_from_json(std::string_view text, const std::string& path, SparkCode& x, std::vector<Problem>& problems);
bool record_from_json(std::string_view text, const std::string& path, std::vector<ReviewMark>& x, std::vector<Problem>& problems);
bool record_from_json(std::string_view text, const std::string& path, std::vector<std::string>& order_keys, std::vector<Problem>& problems);

// The checks program_from_json makes once every record is read (unique ids, references,
// creator rules), for a program assembled record by record.
void check_assembled_program(Program& p, std::vector<Problem>& problems);

// The same checks a part at a time (ids, the lookups by id, creators, each list's references),
// so a large program assembled in the browser is checked without holding the page: step()
// until it returns true. The program and the problems must outlive it.
class ProgramCheck {
public:
    ProgramCheck(Program& p, std::vector<Problem>& problems);
    bool step();

private:
    using IdSet = std::unordered_set<Id>;
    Program& p_;
    std::vector<Problem>& problems_;
    size_t part_ = 0;
    IdSet ids_, creators_, products_, briefs_, samples_, codes_, posts_;
};

// Order lines in blocks (docs.hpp "lines:", "line_places:", "line_products:"): lines [from,
// to) as the backup's columns (docs/format.md "order_lines") naming places and products by their
// index in the whole, and places and products [from, to) as lists. Each with its hash.
std::string order_lines_block_json(const OrderLines& l, size_t from, size_t to);
std::string order_places_json(const OrderLines& l, size_t from, size_t to);
std::string order_products_json(const OrderLines& l, size_t from, size_t to);
RecordHash order_lines_hash(const OrderLines& l, size_t from, size_t to);
RecordHash order_places_hash(const OrderLines& l, size_t from, size_t to);
RecordHash order_products_hash(const OrderLines& l, size_t from, size_t to);
// The lines again from their blocks ({document id, text}, in block order; every block but the
// last holds `block` entries), read with the backup's checks. Problems name the document, or
// "lines.<column>" for what only the whole shows; false (and `out` untouched) on any.
bool order_lines_from_blocks(const std::vector<std::pair<std::string, std::string>>& lines,
                             const std::vector<std::pair<std::string, std::string>>& places,
                             const std::vector<std::pair<std::string, std::string>>& products, size_t block,
                             OrderLines& out, std::vector<Problem>& problems);

}  // namespace sr
