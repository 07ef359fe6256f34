// The program as documents: one per record, so a store writes only what a change touched
// (docs/rules.md, "Storage as documents"). Each document's body is the record's backup JSON
// (backup.hpp record_json), so the backup stays the exchange format and a document reads with
// the backup's checks.
//
// Document ids (sorted as text, they list each kind in id order):
//   "program"                    {"format":"spark-roster","version":1,"next_id":N[,"order":{...}]}
//   "settings"                   the settings object
//   "creator:<id, 16 digits>"    one creator (its incidents, tier history and code inside)
//   "product:…", "sample:…", "brief:…", "post:…", "spark_code:…"   one record each
//   "review_marks"               the weekly review's done / snoozed marks, as one list
//   "orders:<block, 6 digits>"   imported order keys, kOrderBlock to a block, in import order
//   "lines:<block, 6 digits>"    order lines, kLineBlock to a block, as the backup's columns
//                                (naming places and products by their index in the whole)
//   "line_places:<block>", "line_products:<block>"   the lines' places and products, kLineBlock
//                                to a block
// A kind's records load in id order. A program whose list of some kind is not in id order (a
// backup written so) keeps its order in "program" ("order": {"posts": [ids...]}), written only
// then.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "backup.hpp"
#include "model.hpp"

namespace sr {

// Synced browsers' id ranges (docs/rules.md, "Teams"): the browser with slot s (1 to
// kSyncSlots - 1, drawn at random when it is first synced) gives new ids in
// [s * kSyncRange, (s + 1) * kSyncRange). Every id stays below 2^53, exact as a JavaScript number
// and 16 digits in a document id; ids given before syncing are in slot 0's range.
constexpr int kSyncSlots = 8192;
constexpr Id kSyncRange = Id{1} << 40;
inline Id sync_id_floor(int slot) { return static_cast<Id>(slot) * kSyncRange; }

constexpr size_t kOrderBlock = 1000;  // order keys to one "orders:" document
constexpr size_t kLineBlock = 2000;   // order lines (places, products) to one "lines:" document

struct Doc {
    std::string id;
    std::string json;
};

// A document's text in brief: two 64-bit hashes and the length (equal texts, equal digests;
// two different texts with the same digest is a 1 in 2^128 chance).
struct DocDigest {
    uint64_t a = 0, b = 0;
    size_t size = 0;
    bool operator==(const DocDigest& o) const { return a == o.a && b == o.b && size == o.size; }
    bool operator!=(const DocDigest& o) const { return !(*this == o); }
};
DocDigest digest_of(std::string_view text);
DocDigest digest_of(const RecordHash& h);  // a record's, by record_hash (size 0)

// What is stored: each document id with its text's digest.
using DocIndex = std::unordered_map<std::string, DocDigest>;

std::string doc_id(const char* kind, Id id);     // "creator:0000000000000012"
std::string orders_doc_id(size_t block);         // "orders:000003"
std::string block_doc_id(const char* kind, size_t block);  // "lines:000003"

// Every document of a program, in one go (tests, the first save, migration).
std::vector<Doc> program_docs(const Program& p);

// The documents a save must write and delete to go from what is stored (`stored`) to a
// program, a slice at a time like ProgramJsonWriter: from a copy of the program taken when the
// writer is made. Use: `ProgramDocsDiff d(program, stored); while (!d.step(500)) {...}` then
// put(), removed(), and once the store has them, index() is what is stored.
class ProgramDocsDiff {
public:
    ProgramDocsDiff(Program snapshot, const DocIndex& stored);
    // Looks at up to `records` more records. Returns true once the whole program is compared.
    bool step(size_t records);
    bool done() const { return part_ >= kParts; }
    // The documents whose text differs from the stored one, or that are not stored yet.
    std::vector<Doc>& put() { return put_; }
    // Stored documents the program no longer has.
    const std::vector<std::string>& removed() const { return removed_; }
    // What is stored once put() is written and removed() deleted.
    DocIndex& index() { return next_; }
    size_t put_bytes() const;
    // Frees up to `records` records of the copy it compared (and as many entries of index()),
    // so a copy of a large program goes a slice at a time; true once all is freed.
    bool release(size_t records);

private:
    static constexpr size_t kParts = 13;
    void offer(std::string id, std::string json);
    template <class T> void offer_record(std::string id, const T& x);
    Program p_;
    const DocIndex& stored_;
    DocIndex next_;
    std::vector<Doc> put_;
    std::vector<std::string> removed_;
    size_t part_ = 0;
    size_t index_ = 0;
};

// A program read back from its documents, in any order and any number at a time. finish()
// checks the whole as program_from_json does; a document that does not read is named by its
// id in the problem's path ("creator:0000000000000012.handle").
class ProgramDocsReader {
public:
    // Reads one document; false (with a problem noted) when it does not read.
    bool add(std::string_view id, std::string_view json);
    // Reads the documents of a page, "id\ntext\n" for each, from `*at` on, up to `count` of them;
    // `*at` moves past those read. Returns true once the page is read to its end.
    bool add_page(std::string_view page, size_t& at, size_t count);
    // The checks over the whole, a step at a time (each step one part: sorting kinds, the order
    // blocks, the order lines, each part of the backup's checks, ProgramCheck); true when done, then
    // result() is what finish() returns. finish() runs every step at once.
    bool finish_step();
    LoadResult result() { return std::move(result_); }
    LoadResult finish();
    // The documents read, as a save would compare them (for the next save's diff).
    DocIndex& index() { return index_; }
    size_t count() const { return index_.size(); }
    // Every document id given, read or not: when the program is replaced over documents that
    // did not read, a save must delete them all (index_unread() marks them all as differing).
    DocIndex index_unread() const;

private:
    Program p_;
    bool have_meta_ = false;
    std::vector<std::pair<size_t, std::vector<std::string>>> order_blocks_;
    // Order lines' blocks by kind (0 lines, 1 places, 2 products): {block, {id, text}}, read at
    // finish().
    std::vector<std::pair<size_t, std::pair<std::string, std::string>>> line_blocks_[3];
    std::string order_json_;  // "program"'s "order", read at finish()
    std::vector<Problem> problems_;
    DocIndex index_;
    std::vector<std::string> seen_;
    size_t finish_part_ = 0;
    std::unique_ptr<ProgramCheck> check_;
    LoadResult result_;
};

}  // namespace sr
