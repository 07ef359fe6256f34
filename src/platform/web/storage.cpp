#include "platform/storage.hpp"

#include <emscripten/emscripten.h>

#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <nlohmann/json.hpp>

#include "core/backup.hpp"
#include "core/sample.hpp"
#include "platform/platform.hpp"

extern "C" {
void sr_wake();
void sr_storage_load();
void sr_storage_stage(const char* id, const char* json, double size);
void sr_storage_commit(double seq, int from_legacy);
void sr_storage_reread();
void sr_storage_reread_sync();
void sr_storage_read_legacy();
void sr_storage_migrated();
int sr_storage_point_due();
void sr_storage_save_point(const char* text, double size);
void sr_storage_list_versions();
void sr_storage_read_version(double id);
int sr_storage_persisted();
}

namespace sr {

static Persistence* g_persistence = nullptr;

static const char* kReadOnlyBanner =
    "This program is open in another tab, which saves it. This tab is read-only and follows "
    "that tab's changes; close the other tab to edit here.";

// The banner of a stored program that did not read (`why`: the reason), left untouched.
static std::string unreadable_banner(const std::string& why) {
    return "The stored program could not be read (" + why + "). It is left untouched; import a backup to replace it.";
}

const char* SaveStatus::name() const {
    switch (kind) {
        case loading: return "loading";
        case saved: return "saved";
        case pending: return "pending";
        case saving: return "saving";
        case failed: return "failed";
        case blocked: return "blocked";
        case read_only: return "read_only";
    }
    return "?";
}

void Persistence::start(std::function<void()> on_ready) {
    on_ready_ = std::move(on_ready);
    g_persistence = this;
    sr_storage_load();
}

void Persistence::on_loaded(const char* text, size_t size, bool ok, const char* error, bool writer, bool legacy) {
    read_only_ = ok && !writer;
    store_.set_read_only(read_only_);  // the store refuses every change while another tab edits
    if (!ok) {
        // No storage at all (private mode, blocked): work in memory, say so, keep exporting.
        store_.reset(make_sample_program(platform::today_local()));
        last_error_ = error ? error : "storage is unavailable";
        banner_ = "Storage is unavailable: " + last_error_ +
                  ". Changes stay in this tab only and are not saved: export a backup to keep them.";
        failed_rev_ = store_.revision();
    } else if (!text) {
        // First visit: the sample program, saved like any change (by the writer).
        store_.reset(make_sample_program(platform::today_local()));
        if (read_only_) saved_rev_ = store_.revision();
    } else {
        LoadResult r = program_from_json(std::string_view(text, size));
        if (r.ok()) {
            store_.reset(std::move(*r.program));
            // The record of an earlier version: the writer's first save puts it into documents
            // (nothing is stored as documents yet, so every one is written), then reads them
            // back; the record is deleted only when they hold the same program.
            if (legacy && !read_only_) legacy_ = std::make_unique<Program>(store_.program());
            else saved_rev_ = store_.revision();
        } else {
            blocked_ = true;
            store_.reset(Program{});
            banner_ = unreadable_banner(r.summary(2));
        }
    }
    if (read_only_ && banner_.empty()) banner_ = kReadOnlyBanner;
    loaded_ = true;
    if (on_ready_) on_ready_();
}

void Persistence::on_docs_begin(DocsRead why) {
    reader_ = std::make_unique<ProgramDocsReader>();
    reading_ = why;
    page_.reset();
}

void Persistence::on_docs_page(char* text, size_t size) {
    page_.reset(text);
    page_size_ = size;
    page_at_ = 0;
}

// Reads the page's documents for about `ms` (checking the clock every 32 documents); true once
// the page is read (and freed).
bool Persistence::docs_work(double ms) {
    if (!reader_ || !page_) return true;
    const double start = emscripten_get_now();
    const std::string_view page(page_.get(), page_size_);
    while (!reader_->add_page(page, page_at_, 32))
        if (emscripten_get_now() - start > ms) return false;
    page_.reset();
    return true;
}

// The checks over the whole, a step at a time until about `ms` have gone; true once done.
bool Persistence::docs_finish(double ms) {
    if (!reader_) return true;
    const double start = emscripten_get_now();
    while (!reader_->finish_step())
        if (emscripten_get_now() - start > ms) return false;
    return true;
}

void Persistence::on_docs_end(int result, const char* error, bool writer) {
    std::unique_ptr<ProgramDocsReader> reader = std::move(reader_);
    const DocsRead why = reading_;
    if (!reader) return;
    if (result == 2 && why == DocsRead::promoted) {
        // Nothing stored as documents: what this tab shows is saved whole (every document).
        stored_.clear();
        saved_rev_ = 0;
        read_only_ = false;
        store_.set_read_only(false);
        if (banner_ == kReadOnlyBanner) banner_.clear();
        sr_wake();
        return;
    }
    const bool ok = result == 1;
    if (why == DocsRead::load && !ok) return on_loaded(nullptr, 0, false, error, writer, false);
    LoadResult r;
    if (ok) r = reader->finish();
    switch (why) {
        case DocsRead::load:
            read_only_ = !writer;
            store_.set_read_only(read_only_);
            if (r.ok()) {
                store_.reset(std::move(*r.program));
                stored_ = std::move(reader->index());
                saved_rev_ = store_.revision();
            } else {
                // Never written over unless the person replaces the program on purpose; then
                // every stored document is written or deleted.
                blocked_ = true;
                stored_ = reader->index_unread();
                store_.reset(Program{});
                banner_ = unreadable_banner(r.summary(2));
            }
            if (read_only_ && banner_.empty()) banner_ = kReadOnlyBanner;
            loaded_ = true;
            if (on_ready_) on_ready_();
            break;
        case DocsRead::remote:
            if (!read_only_ || !r.ok()) return;  // the next save of the writer is read again
            store_.reset(std::move(*r.program));
            stored_ = std::move(reader->index());
            saved_rev_ = store_.revision();
            break;
        case DocsRead::promoted:
            if (r.ok()) {
                store_.reset(std::move(*r.program));
                stored_ = std::move(reader->index());
            } else {
                // What is stored is not known, so a save could not tell what to write or delete.
                blocked_ = true;
                banner_ = unreadable_banner(ok ? r.summary(2) : std::string(error ? error : "unknown error"));
            }
            saved_rev_ = store_.revision();
            read_only_ = false;
            store_.set_read_only(false);
            if (banner_ == kReadOnlyBanner) banner_.clear();
            break;
        case DocsRead::sync:
            remote_reading_ = false;
            if (store_.revision() != remote_rev_) {
                remote_dirty_ = true;  // changed meanwhile: saved first, then read again
            } else if (r.ok()) {
                store_.apply_remote(std::move(*r.program));
                stored_ = std::move(reader->index());
                saved_rev_ = store_.revision();
                remote_problem_.clear();
            } else {
                // Not put in place: the program here stays as it was (and is saved as it is).
                remote_problem_ = "what came from the server does not read (" +
                                  (ok ? r.summary(2) : std::string(error ? error : "unknown error")) + ")";
            }
            break;
        case DocsRead::verify:
            if (r.ok()) legacy_check(std::move(reader->index()));
            else {
                legacy_.reset();  // the earlier record stays; the next open checks again
                verifying_ = false;
            }
            break;
    }
    sr_wake();
}

void Persistence::on_legacy(const char* text, size_t size) {
    if (!text || read_only_) return;
    LoadResult r = program_from_json(std::string_view(text, size));
    if (!r.ok()) return;  // kept: it is not deleted unless it reads and matches
    legacy_ = std::make_unique<Program>(std::move(*r.program));
    verifying_ = true;
    legacy_check(stored_);
}

// The documents read back hold the earlier record's program when comparing the one with the
// other finds nothing to write and nothing to delete. Compared a slice per frame.
void Persistence::legacy_check(DocIndex docs) {
    if (!legacy_) {
        verifying_ = false;
        return;
    }
    verifying_ = true;
    verify_index_ = std::move(docs);
    verify_diff_ = std::make_unique<ProgramDocsDiff>(std::move(*legacy_), verify_index_);  // no other use of it
    verify_step(false);
}

void Persistence::verify_step(bool all) {
    const double start = emscripten_get_now();
    while (!verify_diff_->step(64))
        if (!all && emscripten_get_now() - start > kWholeSliceMs) return;
    const bool same = verify_diff_->put().empty() && verify_diff_->removed().empty();
    // The copy compared and the index read back (a program of 100,000 posts and its 122,000
    // documents) are freed a slice per frame: at once they held the page for a few hundred ms.
    releasing_ = std::move(verify_diff_);
    releasing_index_ = std::move(verify_index_);
    verify_index_ = DocIndex{};
    legacy_.reset();
    verifying_ = false;
    if (same) sr_storage_migrated();
    sr_wake();
}

void Persistence::allow_overwrite() {
    if (!blocked_) return;
    blocked_ = false;
    banner_.clear();
}

int Persistence::persisted() const { return sr_storage_persisted(); }

// The time a save's comparison or hand-over takes per frame: about a quarter of a 60 Hz frame
// (ImGui draws in the rest), or 12 ms for a save of the whole program (nothing stored yet: a
// first visit, the move from the previous record, whose check runs as long) so that a move of
// 100,000 records is not spread over minutes; either way far from holding the page 100 ms.
double Persistence::slice_ms() const { return stored_.empty() ? kWholeSliceMs : 4.0; }

void Persistence::release_step() {
    const double start = emscripten_get_now();
    while (releasing_ && !releasing_->release(256))
        if (emscripten_get_now() - start > 4.0) return;
    releasing_.reset();
    while (!releasing_index_.empty()) {
        for (size_t k = 0; k < 1024 && !releasing_index_.empty(); ++k) releasing_index_.erase(releasing_index_.begin());
        if (emscripten_get_now() - start > 4.0) return;
    }
    releasing_index_ = DocIndex{};
}

void Persistence::tick() {
    if (releasing_ || !releasing_index_.empty()) release_step();
    if (staging_) return stage_step(false);
    if (diff_) return write_save(false);
    if (verify_diff_) return verify_step(false);
    if (point_) write_point(false);
    // Changes received from the team's server are read in once this browser's own are saved
    // (and again if the program changes while they are read: docs/rules.md, "Teams").
    if (remote_dirty_ && loaded_ && !blocked_ && !in_flight_ && !verifying_ && !legacy_ && !remote_reading_ &&
        !point_in_flight_ && (store_.revision() == saved_rev_ || member_read_only_)) {
        remote_dirty_ = false;
        remote_reading_ = true;
        remote_rev_ = store_.revision();
        sr_storage_reread_sync();
    }
    if (!loaded_ || blocked_ || read_only_ || in_flight_ || verifying_) return;
    const uint64_t rev = store_.revision();
    if (rev == saved_rev_ || rev == failed_rev_) return;
    in_flight_ = true;
    in_flight_rev_ = rev;
    // The program is compared with what is stored from a copy taken now, a slice per frame
    // (write_save): a program of 100,000 posts takes a while to compare, which in one go would
    // freeze the page. Changes made meanwhile are saved next, like changes made while a save
    // is in flight.
    diff_ = std::make_unique<ProgramDocsDiff>(store_.program(), stored_);
    write_save(false);
}

void Persistence::flush() {
    if (verify_diff_) verify_step(true);
    if (staging_) return stage_step(true);
    if (diff_) return write_save(true);
    tick();
    if (diff_) write_save(true);
}

void Persistence::write_save(bool all) {
    const double start = emscripten_get_now();
    const double slice = slice_ms();
    while (!diff_->step(64))
        if (!all && emscripten_get_now() - start > slice) return;
    std::unique_ptr<ProgramDocsDiff> diff = std::move(diff_);
    pending_index_ = std::move(diff->index());
    if (diff->put().empty() && diff->removed().empty()) return on_saved(in_flight_rev_, true, nullptr);
    // The documents to write and delete, handed over one by one (the JS side copies each out
    // of the heap) a slice per frame, then written as one save.
    staging_ = std::move(diff);
    stage_at_ = 0;
    stage_step(all);
}

void Persistence::stage_step(bool all) {
    const double start = emscripten_get_now();
    const double slice = slice_ms();
    std::vector<Doc>& put = staging_->put();
    const std::vector<std::string>& removed = staging_->removed();
    const size_t total = put.size() + removed.size();
    while (stage_at_ < total) {
        for (size_t k = 0; k < 64 && stage_at_ < total; ++k, ++stage_at_) {
            if (stage_at_ < put.size()) {
                Doc& d = put[stage_at_];
                sr_storage_stage(d.id.c_str(), d.json.data(), static_cast<double>(d.json.size()));
                std::string().swap(d.json);  // handed over: its copy here goes
            } else {
                sr_storage_stage(removed[stage_at_ - put.size()].c_str(), nullptr, 0);
            }
        }
        if (!all && stage_at_ < total && emscripten_get_now() - start > slice) return;
    }
    staging_.reset();
    sr_storage_commit(static_cast<double>(in_flight_rev_), legacy_ ? 1 : 0);
}

void Persistence::write_point(bool all) {
    constexpr double kSliceMs = 4.0;
    const double start = emscripten_get_now();
    while (!point_->step(64))
        if (!all && emscripten_get_now() - start > kSliceMs) return;
    const std::string text = std::move(point_->text());
    point_.reset();
    sr_storage_save_point(text.data(), static_cast<double>(text.size()));
}

void Persistence::on_saved(uint64_t seq, bool ok, const char* error) {
    in_flight_ = false;
    if (ok) {
        stored_ = std::move(pending_index_);
        saved_rev_ = seq;
        failed_rev_ = UINT64_MAX;
        last_error_.clear();
        if (legacy_ && !verifying_) {
            // The earlier version's record moved: read the documents back before deleting it.
            verifying_ = true;
            sr_storage_reread();
        } else if (!point_ && !point_in_flight_ && sr_storage_point_due()) {
            // A recovery point: the whole program, at most once per ten minutes (the JS side
            // says when one is due), written a slice per frame after the save.
            point_ = std::make_unique<ProgramJsonWriter>(store_.program());
            point_in_flight_ = true;
        }
    } else {
        // The JS side puts the documents back as they were before it writes again, so what is
        // stored is still stored_.
        pending_index_.clear();
        failed_rev_ = seq;
        last_error_ = error ? error : "unknown error";
    }
    tick();  // a change made while this save was in flight goes out now
}

SaveStatus Persistence::status() const {
    if (!loaded_) return {SaveStatus::loading, "Loading…"};
    if (blocked_) return {SaveStatus::blocked, "Not saved: the stored program could not be read"};
    if (member_read_only_) return {SaveStatus::read_only, "Read-only: a read-only member of the team's program"};
    if (read_only_) return {SaveStatus::read_only, "Read-only: another tab is editing"};
    const uint64_t rev = store_.revision();
    if (in_flight_ || point_in_flight_ || verifying_) return {SaveStatus::saving, "Saving…"};
    if (rev == saved_rev_) return {SaveStatus::saved, "Saved"};
    if (rev == failed_rev_) return {SaveStatus::failed, "Not saved: " + last_error_};
    return {SaveStatus::pending, "Saving…"};
}

void Persistence::on_remote_changed() {
    remote_dirty_ = true;
    sr_wake();
}

void Persistence::set_member_read_only(const std::string& why) {
    member_read_only_ = true;
    read_only_ = true;
    store_.set_read_only(true);
    banner_ = why;
    sr_wake();
}

void Persistence::refresh_recovery_points() {
    if (points_.empty()) list_message_ = "Reading recovery points…";
    sr_storage_list_versions();
}

void Persistence::on_versions(const char* json, const char* error) {
    points_.clear();
    if (!json) {
        sr_wake();
        list_message_ = std::string("Recovery points could not be read: ") + (error ? error : "unknown error");
        return;
    }
    nlohmann::json list = nlohmann::json::parse(json, nullptr, false);
    if (list.is_array()) {
        for (const auto& v : list) {
            if (!v.is_object()) continue;
            RecoveryPoint p;
            p.id = v.value("id", int64_t{0});
            p.saved_at = v.value("saved_at", std::string());
            p.bytes = v.value("bytes", int64_t{0});
            points_.push_back(p);
        }
    }
    list_message_ = points_.empty() ? "No recovery points yet." : "";
    sr_wake();
}

void Persistence::restore(int64_t id) {
    if (read_only_) return;
    restore_message_ = "Restoring…";
    sr_storage_read_version(static_cast<double>(id));
}

void Persistence::on_version_read(int64_t id, const char* text, size_t size, const char* error) {
    sr_wake();
    if (!text) {
        restore_message_ = std::string("Not restored: ") + (error ? error : "unknown error");
        return;
    }
    LoadResult r = program_from_json(std::string_view(text, size));
    if (!r.ok()) {
        restore_message_ = "Not restored: that recovery point cannot be read (" + r.summary(2) + ")";
        return;
    }
    std::string when = "earlier";
    for (const RecoveryPoint& p : points_)
        if (p.id == id && p.saved_at.size() >= 16) when = p.saved_at.substr(0, 10) + " " + p.saved_at.substr(11, 5) + " UTC";
    store_.replace_program(std::move(*r.program), "Restore version of " + when);
    allow_overwrite();
    restore_message_ = "Restored the version saved " + when + ". Undo brings back what was there.";
}

}  // namespace sr

extern "C" {

// For the page API: the reason a backup of this many bytes is refused before it is read (a JSON
// string), or null.
EMSCRIPTEN_KEEPALIVE const char* sr_api_backup_size_problem(double bytes) {
    static std::string out;
    const double most = static_cast<double>(SIZE_MAX);
    auto p = sr::backup_size_problem(bytes <= 0 ? 0 : bytes >= most ? SIZE_MAX : static_cast<size_t>(bytes));
    out = p ? nlohmann::json(p->to_string()).dump() : "null";
    return out.c_str();
}

// The stored program arrives as `size` bytes of UTF-8 at `text` (malloc'd by the JS side, with a
// NUL after them), or text = 0 for none; `legacy`: it is the record of an earlier version.
EMSCRIPTEN_KEEPALIVE void sr_storage_loaded(char* text, double size, int ok, char* error, int writer, int legacy) {
    if (sr::g_persistence) sr::g_persistence->on_loaded(text, static_cast<size_t>(size), ok != 0, error, writer != 0, legacy != 0);
    std::free(text);
    std::free(error);
}

// The stored documents: why (0 load, 1 remote, 2 promoted, 3 verify), then the documents a page
// at a time (below), then the end: ok 1 read, 0 failed (error), 2
// nothing is stored as documents (a tab taking over before any save).
EMSCRIPTEN_KEEPALIVE void sr_storage_docs_begin(int why) {
    if (sr::g_persistence) sr::g_persistence->on_docs_begin(static_cast<sr::Persistence::DocsRead>(why));
}

// A page of documents: "id\ntext\n" for each, `size` bytes at `text` (malloc'd by the JS side,
// freed here once read). Then sr_storage_docs_work(ms) until it returns 1, page after page, then
// sr_storage_docs_finish(ms) until it returns 1, then sr_storage_docs_end.
EMSCRIPTEN_KEEPALIVE void sr_storage_docs_page(char* text, double size) {
    if (sr::g_persistence) sr::g_persistence->on_docs_page(text, static_cast<size_t>(size));
    else std::free(text);
}

EMSCRIPTEN_KEEPALIVE int sr_storage_docs_work(double ms) {
    return !sr::g_persistence || sr::g_persistence->docs_work(ms) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int sr_storage_docs_finish(double ms) {
    return !sr::g_persistence || sr::g_persistence->docs_finish(ms) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void sr_storage_docs_end(int ok, char* error, int writer) {
    if (sr::g_persistence) sr::g_persistence->on_docs_end(ok, error, writer != 0);
    std::free(error);
}

EMSCRIPTEN_KEEPALIVE void sr_storage_legacy(char* text, double size) {
    if (sr::g_persistence) sr::g_persistence->on_legacy(text, static_cast<size_t>(size));
    std::free(text);
}

EMSCRIPTEN_KEEPALIVE void sr_storage_saved(double seq, int ok, char* error) {
    if (sr::g_persistence) sr::g_persistence->on_saved(static_cast<uint64_t>(seq), ok != 0, error);
    std::free(error);
}

EMSCRIPTEN_KEEPALIVE void sr_storage_point_saved() {
    if (sr::g_persistence) sr::g_persistence->on_point_saved();
    sr_wake();
}

EMSCRIPTEN_KEEPALIVE void sr_storage_versions_listed(char* json, char* error) {
    if (sr::g_persistence) sr::g_persistence->on_versions(json, error);
    std::free(json);
    std::free(error);
}

EMSCRIPTEN_KEEPALIVE void sr_storage_version_read(double id, char* text, double size, char* error) {
    if (sr::g_persistence) sr::g_persistence->on_version_read(static_cast<int64_t>(id), text, static_cast<size_t>(size), error);
    std::free(text);
    std::free(error);
}

}
