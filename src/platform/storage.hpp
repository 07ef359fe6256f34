// Keeps the Store saved: loads the stored program once, then saves every committed change.
// Nothing is written before the stored data has loaded; one save is in flight at a time, and
// the latest revision always follows the one in flight.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "core/store.hpp"

namespace sr {

struct SaveStatus {
    enum Kind { loading, saved, pending, saving, failed, blocked };
    Kind kind = loading;
    std::string text;       // for people: "Saved", "Saving…", "Not saved: <reason>"
    const char* name() const;  // for the page API: "loading", "saved", ...
};

class Persistence {
public:
    explicit Persistence(Store& store) : store_(store) {}

    // Starts reading storage; on_ready runs once the program is in the store.
    void start(std::function<void()> on_ready);
    // Starts a save if the store has changes that are not saved and none is in flight.
    void tick();
    SaveStatus status() const;
    // True once the stored program (or the first-visit sample) is in the store.
    bool loaded() const { return loaded_; }
    // A banner to show above everything (storage unavailable, stored data unreadable), or "".
    const std::string& banner() const { return banner_; }
    // The user replaced the program on purpose: saving over unreadable stored data is allowed.
    void allow_overwrite() { blocked_ = false; banner_.clear(); }

    // Called by the storage layer.
    void on_loaded(const char* text, bool ok, const char* error);
    void on_saved(uint64_t seq, bool ok, const char* error);

private:
    Store& store_;
    std::function<void()> on_ready_;
    bool loaded_ = false;
    bool blocked_ = false;        // stored data unreadable: never overwrite it silently
    bool in_flight_ = false;
    uint64_t in_flight_rev_ = 0;
    uint64_t saved_rev_ = 0;
    uint64_t failed_rev_ = UINT64_MAX;  // a failed revision is retried only after a new change
    std::string last_error_;
    std::string banner_;
};

}  // namespace sr
