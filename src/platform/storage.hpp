// Keeps the Store saved: loads the stored program once, then saves every committed change.
// Nothing is written before the stored data has loaded; one save is in flight at a time, and
// the latest revision always follows the one in flight. Only one tab writes: the others are
// read-only and follow its saves until it closes.
// The program is stored as one document per record (core/docs.hpp, docs/rules.md "Storage"):
// a save compares the program with what is stored and writes the documents that differ. A
// program stored by an earlier version as one record is moved to documents on first open and
// that record deleted only once the documents read back the same.
#pragma once
#include <cstdlib>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/backup.hpp"
#include "core/docs.hpp"
#include "core/store.hpp"

namespace sr {

struct SaveStatus {
    enum Kind { loading, saved, pending, saving, failed, blocked, read_only };
    Kind kind = loading;
    std::string text;          // for people: "Saved", "Saving…", "Not saved: <reason>"
    const char* name() const;  // for the page API: "loading", "saved", ...
};

// A saved version kept for recovery.
struct RecoveryPoint {
    int64_t id = 0;
    std::string saved_at;  // ISO time
    int64_t bytes = 0;
};

class Persistence {
public:
    explicit Persistence(Store& store) : store_(store) {}

    // Starts reading storage; on_ready runs once the program is in the store.
    void start(std::function<void()> on_ready);
    // Starts a save if the store has changes that are not saved and none is in flight, or
    // carries on writing the one being prepared (a large program is written a slice per frame).
    void tick();
    // Like tick(), but a save being prepared is finished now (the page is being hidden).
    void flush();
    SaveStatus status() const;
    // True once the stored program (or the first-visit sample) is in the store.
    bool loaded() const { return loaded_; }
    // Another tab is the writer: this one shows its saves and changes nothing.
    bool read_only() const { return read_only_; }
    // A banner to show above everything (storage unavailable, stored data unreadable,
    // another tab writes), or "".
    const std::string& banner() const { return banner_; }
    // The user replaced the program on purpose: saving over unreadable stored data is allowed.
    void allow_overwrite();
    // Whether the browser granted persistent storage: 1 yes, 0 no, -1 not known yet.
    int persisted() const;

    // Recovery points: list them (async), and restore one (async; the program is replaced
    // through an undoable command, so a restore can itself be undone).
    void refresh_recovery_points();
    const std::vector<RecoveryPoint>& recovery_points() const { return points_; }
    // What became of the last restore, else where the list stands ("No recovery points yet.").
    const std::string& recovery_message() const { return restore_message_.empty() ? list_message_ : restore_message_; }
    void forget_restore_message() { restore_message_.clear(); }
    void restore(int64_t id);

    // Sync with a team's server (platform/sync.hpp): documents came from the server (read in
    // once this browser's changes are saved); this user may not edit the team's program; this
    // browser's range of new ids.
    void on_remote_changed();
    void set_member_read_only(const std::string& why);
    void use_id_range(Id floor, Id limit) { store_.use_id_range(floor, limit); }
    // Why what came from the server was not put in place, or "".
    const std::string& remote_problem() const { return remote_problem_; }

    // Called by the storage layer.
    // `text` is the stored program's backup JSON (`size` bytes of UTF-8), or null for none:
    // the record of an earlier version (`legacy`: moved to documents by the first save) or a
    // first visit.
    void on_loaded(const char* text, size_t size, bool ok, const char* error, bool writer, bool legacy);
    // The stored documents, read in pages: begin, then for each page the page (malloc'd
    // "id\ntext\n" per document, owned here from then on) read `ms` at a time by docs_work until
    // it returns true, then the checks over the whole `ms` at a time by docs_finish, then end.
    // `why`: what they are read for.
    enum class DocsRead { load, remote, promoted, verify, sync };
    void on_docs_begin(DocsRead why);
    void on_docs_page(char* text, size_t size);
    bool docs_work(double ms);
    bool docs_finish(double ms);
    void on_docs_end(int result, const char* error, bool writer);  // 1 read, 0 failed, 2 none stored
    // The record of an earlier version, read again to check the documents hold the same program.
    void on_legacy(const char* text, size_t size);
    void on_saved(uint64_t seq, bool ok, const char* error);
    void on_versions(const char* json, const char* error);
    void on_version_read(int64_t id, const char* text, size_t size, const char* error);

private:
    Store& store_;
    std::function<void()> on_ready_;
    bool loaded_ = false;
    bool read_only_ = false;
    bool member_read_only_ = false;
    bool remote_dirty_ = false, remote_reading_ = false;
    uint64_t remote_rev_ = 0;
    std::string remote_problem_;
    bool blocked_ = false;        // stored data unreadable: never overwrite it silently
    bool in_flight_ = false;
    uint64_t in_flight_rev_ = 0;
    // The save being prepared: a copy of the program taken when the save started, compared with
    // what is stored a few milliseconds per frame so a large program never freezes input.
    std::unique_ptr<ProgramDocsDiff> diff_;
    DocIndex stored_;   // what the documents hold (as of the last save that completed)
    void write_save(bool all);
    static constexpr double kWholeSliceMs = 12.0;
    double slice_ms() const;
    // The save's documents handed to the storage layer a slice per frame (a first save of a
    // large program is a hundred thousand documents), then committed.
    std::unique_ptr<ProgramDocsDiff> staging_;
    size_t stage_at_ = 0;
    void stage_step(bool all);
    // A recovery point being written (the whole backup JSON, a slice per frame), when one is due.
    std::unique_ptr<ProgramJsonWriter> point_;
    void write_point(bool all);
    // The documents being read, and why.
    std::unique_ptr<ProgramDocsReader> reader_;
    DocsRead reading_ = DocsRead::load;
    std::unique_ptr<char, void (*)(void*)> page_{nullptr, std::free};  // the page being read
    size_t page_size_ = 0, page_at_ = 0;
    // Moving an earlier version's record to documents: its program, until the documents read
    // back the same (no other save starts meanwhile).
    std::unique_ptr<Program> legacy_;
    bool verifying_ = false;
    std::unique_ptr<ProgramDocsDiff> verify_diff_;
    DocIndex verify_index_;
    void legacy_check(DocIndex docs);
    void verify_step(bool all);
    // What the check of the move compared, freed a slice per frame (release_step).
    std::unique_ptr<ProgramDocsDiff> releasing_;
    DocIndex releasing_index_;
    void release_step();
    DocIndex pending_index_;  // what the documents hold once the save in flight completes
    bool point_in_flight_ = false;
public:
    void on_point_saved() { point_in_flight_ = false; }
private:
    uint64_t saved_rev_ = 0;
    uint64_t failed_rev_ = UINT64_MAX;  // a failed revision is retried only after a new change
    std::string last_error_;
    std::string banner_;
    std::vector<RecoveryPoint> points_;
    std::string list_message_;
    std::string restore_message_;
};

}  // namespace sr
