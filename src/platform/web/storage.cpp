#include "platform/storage.hpp"

#include <emscripten/emscripten.h>

#include <cstdlib>

#include "core/backup.hpp"
#include "core/sample.hpp"
#include "platform/platform.hpp"

extern "C" {
void sr_storage_load();
void sr_storage_save(const char* text, double seq);
}

namespace sr {

static Persistence* g_persistence = nullptr;

const char* SaveStatus::name() const {
    switch (kind) {
        case loading: return "loading";
        case saved: return "saved";
        case pending: return "pending";
        case saving: return "saving";
        case failed: return "failed";
        case blocked: return "blocked";
    }
    return "?";
}

void Persistence::start(std::function<void()> on_ready) {
    on_ready_ = std::move(on_ready);
    g_persistence = this;
    sr_storage_load();
}

void Persistence::on_loaded(const char* text, bool ok, const char* error) {
    if (!ok) {
        // No storage at all (private mode, blocked): work in memory, say so, keep exporting.
        store_.reset(make_sample_program(platform::today_local()));
        last_error_ = error ? error : "storage is unavailable";
        banner_ = "Storage is unavailable (" + last_error_ +
                  "). Changes stay in this tab only: export a backup to keep them.";
        failed_rev_ = store_.revision();
    } else if (!text) {
        // First visit: the sample program, saved like any change.
        store_.reset(make_sample_program(platform::today_local()));
    } else {
        LoadResult r = program_from_json(text);
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
    loaded_ = true;
    if (on_ready_) on_ready_();
}

void Persistence::tick() {
    if (!loaded_ || blocked_ || in_flight_) return;
    const uint64_t rev = store_.revision();
    if (rev == saved_rev_ || rev == failed_rev_) return;
    in_flight_ = true;
    in_flight_rev_ = rev;
    const std::string text = program_to_json(store_.program());
    sr_storage_save(text.c_str(), static_cast<double>(rev));
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
    const uint64_t rev = store_.revision();
    if (in_flight_) return {SaveStatus::saving, "Saving…"};
    if (rev == saved_rev_) return {SaveStatus::saved, "Saved"};
    if (rev == failed_rev_) return {SaveStatus::failed, "Not saved: " + last_error_};
    return {SaveStatus::pending, "Saving…"};
}

}  // namespace sr

extern "C" {

EMSCRIPTEN_KEEPALIVE void sr_storage_loaded(char* text, int ok, char* error) {
    if (sr::g_persistence) sr::g_persistence->on_loaded(text, ok != 0, error);
    std::free(text);
    std::free(error);
}

EMSCRIPTEN_KEEPALIVE void sr_storage_saved(double seq, int ok, char* error) {
    if (sr::g_persistence) sr::g_persistence->on_saved(static_cast<uint64_t>(seq), ok != 0, error);
    std::free(error);
}

}
