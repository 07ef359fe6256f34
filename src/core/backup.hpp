// The backup document: the whole program as JSON ("format": "spark-roster", "version": 2).
// Field by field in docs/format.md.
#pragma once
#include <optional>
#include <string>
#include <string_view>
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

}  // namespace sr
