// Sync with a team's CouchDB (web/sync.js does the talking; docs/rules.md, "Teams"): what the
// Settings screen, the status line and the Conflicts list show, and what they can ask for.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace sr {

class Persistence;

// One version of a record that two browsers changed before either saw the other's change.
struct SyncVersion {
    std::string rev;
    std::string text;  // the record's backup JSON
    bool deleted = false;
    bool winner = false;  // the version every copy of the database shows until one is chosen
};

// The fields where a conflict's versions differ: {field, value in each version}.
struct ConflictField {
    std::string field;
    std::vector<std::string> values;
};

struct SyncConflict {
    std::string id;  // the document: "creator:0000000000000012", "settings", ...
    std::vector<SyncVersion> versions;  // the winner first
    // Worked out once, when the list arrives (the screen draws them every frame).
    std::string title;                 // conflict_title
    std::vector<ConflictField> fields;  // conflict_fields
};

struct SyncState {
    bool configured = false;
    std::string url, username;
    int slot = 0;
    // off, checking, join (the database holds a program not opened here yet), joining, syncing,
    // synced, offline, failed
    std::string state = "off";
    std::string text;  // for people: "Synced", "Syncing…", "Offline, 2 changes waiting", "Not synced: …"
    bool read_only = false;
    std::string read_only_why;
    int64_t join_docs = 0;
    int64_t waiting = 0;
    std::string last;  // ISO time of the last time everything was sent and received
    std::vector<SyncConflict> conflicts;
};

class Sync {
public:
    explicit Sync(Persistence& persistence) : persistence_(persistence) {}
    // Starts sync (when configured) once the stored program has loaded in the tab that writes.
    void start();
    const SyncState& state() const { return state_; }
    // The reason a database URL cannot be used, or "" (it must be http(s)://host[:port]/database).
    static std::string url_problem(const std::string& url);
    // Keeps what to connect to in this browser and reloads the page (its connections are
    // allowed to that server from then on).
    void configure(const std::string& url, const std::string& user, const std::string& password);
    // Stops syncing and forgets the server and the password; the program stays as it is here.
    void forget();
    // Opens the team's program in this browser (state "join").
    void join();
    // Keeps version `rev` of a conflicting record.
    void resolve(const std::string& id, const std::string& rev);

    void on_state(const char* json);
    void remote_changed();

private:
    Persistence& persistence_;
    SyncState state_;
    bool started_ = false;
};

// A conflicting record for people: "Creator @linh.nguyen", "Settings", ...
std::string conflict_title(const SyncConflict& c);
std::vector<ConflictField> conflict_fields(const SyncConflict& c);

}  // namespace sr
