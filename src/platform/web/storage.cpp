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
void sr_storage_save(const char* text, double size, double seq);
void sr_storage_list_versions();
void sr_storage_read_version(double id);
int sr_storage_persisted();
}

namespace sr {

static Persistence* g_persistence = nullptr;

static const char* kReadOnlyBanner =
    "This program is open in another tab, which saves it. This tab is read-only and follows "
    "that tab's changes; close the other tab to edit here.";

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

void Persistence::on_loaded(const char* text, size_t size, bool ok, const char* error, bool writer) {
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
            saved_rev_ = store_.revision();
        } else {
            blocked_ = true;
            store_.reset(Program{});
            banner_ = "The stored program could not be read (" + r.summary(2) +
                      "). It is left untouched; import a backup to replace it.";
        }
    }
    if (read_only_ && banner_.empty()) banner_ = kReadOnlyBanner;
    loaded_ = true;
    if (on_ready_) on_ready_();
}

void Persistence::on_remote(const char* text, size_t size) {
    if (!read_only_ || !text) return;
    LoadResult r = program_from_json(std::string_view(text, size));
    if (!r.ok()) return;  // a half-written record cannot happen (transactions), but stay safe
    store_.reset(std::move(*r.program));
    saved_rev_ = store_.revision();
}

void Persistence::on_promoted(const char* text, size_t size) {
    if (text) {
        LoadResult r = program_from_json(std::string_view(text, size));
        if (r.ok()) store_.reset(std::move(*r.program));
    }
    saved_rev_ = store_.revision();
    read_only_ = false;
    store_.set_read_only(false);
    if (banner_ == kReadOnlyBanner) banner_.clear();
}

void Persistence::allow_overwrite() {
    if (!blocked_) return;
    blocked_ = false;
    banner_.clear();
}

int Persistence::persisted() const { return sr_storage_persisted(); }

void Persistence::tick() {
    if (writer_) return write_save(false);
    if (!loaded_ || blocked_ || read_only_ || in_flight_) return;
    const uint64_t rev = store_.revision();
    if (rev == saved_rev_ || rev == failed_rev_) return;
    in_flight_ = true;
    in_flight_rev_ = rev;
    // The JSON is written from a copy taken now, a slice per frame (write_save): a program of
    // 100,000 posts takes about a second to write, which in one go froze the page. Changes
    // made meanwhile are saved next, like changes made while a save is in flight.
    writer_ = std::make_unique<ProgramJsonWriter>(store_.program());
    write_save(false);
}

void Persistence::flush() {
    if (writer_) return write_save(true);
    tick();
    if (writer_) write_save(true);
}

void Persistence::write_save(bool all) {
    // About a quarter of a 60 Hz frame per call: ImGui draws in the rest.
    constexpr double kSliceMs = 4.0;
    const double start = emscripten_get_now();
    while (!writer_->step(64))
        if (!all && emscripten_get_now() - start > kSliceMs) return;
    const std::string text = std::move(writer_->text());
    writer_.reset();
    // The bytes and their length: the JS side copies them out of the heap as they are.
    sr_storage_save(text.data(), static_cast<double>(text.size()), static_cast<double>(in_flight_rev_));
}

void Persistence::on_saved(uint64_t seq, bool ok, const char* error) {
    in_flight_ = false;
    if (ok) {
        saved_rev_ = seq;
        failed_rev_ = UINT64_MAX;
        last_error_.clear();
    } else {
        failed_rev_ = seq;
        last_error_ = error ? error : "unknown error";
    }
    tick();  // a change made while this save was in flight goes out now
}

SaveStatus Persistence::status() const {
    if (!loaded_) return {SaveStatus::loading, "Loading…"};
    if (blocked_) return {SaveStatus::blocked, "Not saved: the stored program could not be read"};
    if (read_only_) return {SaveStatus::read_only, "Read-only: another tab is editing"};
    const uint64_t rev = store_.revision();
    if (in_flight_) return {SaveStatus::saving, "Saving…"};
    if (rev == saved_rev_) return {SaveStatus::saved, "Saved"};
    if (rev == failed_rev_) return {SaveStatus::failed, "Not saved: " + last_error_};
    return {SaveStatus::pending, "Saving…"};
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
// NUL after them), or text = 0 for none.
EMSCRIPTEN_KEEPALIVE void sr_storage_loaded(char* text, double size, int ok, char* error, int writer) {
    if (sr::g_persistence) sr::g_persistence->on_loaded(text, static_cast<size_t>(size), ok != 0, error, writer != 0);
    std::free(text);
    std::free(error);
}

EMSCRIPTEN_KEEPALIVE void sr_storage_saved(double seq, int ok, char* error) {
    if (sr::g_persistence) sr::g_persistence->on_saved(static_cast<uint64_t>(seq), ok != 0, error);
    std::free(error);
}

EMSCRIPTEN_KEEPALIVE void sr_storage_remote(char* text, double size) {
    if (sr::g_persistence) sr::g_persistence->on_remote(text, static_cast<size_t>(size));
    std::free(text);
}

EMSCRIPTEN_KEEPALIVE void sr_storage_promoted(char* text, double size) {
    if (sr::g_persistence) sr::g_persistence->on_promoted(text, static_cast<size_t>(size));
    std::free(text);
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
