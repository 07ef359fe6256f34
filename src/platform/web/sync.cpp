#include "platform/sync.hpp"

#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/docs.hpp"
#include "platform/storage.hpp"

extern "C" {
void sr_sync_start();
void sr_sync_configure(const char* url, const char* user, const char* password);
void sr_sync_forget();
void sr_sync_join();
void sr_sync_resolve(const char* id, const char* rev);
void sr_wake();
}

namespace sr {

static Sync* g_sync = nullptr;

void Sync::start() {
    g_sync = this;
    if (started_) return;
    started_ = true;
    sr_sync_start();
}

std::string Sync::url_problem(const std::string& url) {
    const bool https = url.rfind("https://", 0) == 0, http = url.rfind("http://", 0) == 0;
    if (!https && !http) return "The database URL starts with https:// (or http:// on this computer or network).";
    const size_t host_at = https ? 8 : 7;
    const size_t slash = url.find('/', host_at);
    if (slash == std::string::npos || slash == host_at) return "The database URL names the server and then the database, e.g. https://couch.example.com/brand-a.";
    std::string db = url.substr(slash + 1);
    while (!db.empty() && db.back() == '/') db.pop_back();
    if (db.empty()) return "The database URL ends with the program's database, e.g. https://couch.example.com/brand-a.";
    if (url.find_first_of(" \t\r\n\"'<>\\", 0) != std::string::npos) return "The database URL has a space or a quote in it.";
    if (url.find('@') != std::string::npos) return "Give the user name and password in their own fields, not in the URL.";
    if (url.find_first_of("?#") != std::string::npos) return "The database URL has no ? or # part.";
    return "";
}

void Sync::configure(const std::string& url, const std::string& user, const std::string& password) {
    if (!url_problem(url).empty()) return;
    sr_sync_configure(url.c_str(), user.c_str(), password.c_str());
}

void Sync::forget() { sr_sync_forget(); }
void Sync::remote_changed() { persistence_.on_remote_changed(); }
void Sync::join() { sr_sync_join(); }
void Sync::resolve(const std::string& id, const std::string& rev) { sr_sync_resolve(id.c_str(), rev.c_str()); }

void Sync::on_state(const char* json) {
    nlohmann::json j = nlohmann::json::parse(json ? json : "", nullptr, false);
    if (!j.is_object()) return;
    SyncState s;
    s.configured = j.value("configured", false);
    s.url = j.value("url", std::string());
    s.username = j.value("username", std::string());
    s.slot = j.value("slot", 0);
    s.state = j.value("state", std::string("off"));
    s.text = j.value("text", std::string());
    s.read_only = j.value("read_only", false);
    s.read_only_why = j.value("read_only_why", std::string());
    s.join_docs = j.value("join_docs", int64_t{0});
    s.waiting = j.value("waiting", int64_t{0});
    if (j.contains("last") && j["last"].is_string()) s.last = j["last"].get<std::string>();
    if (j.contains("conflicts") && j["conflicts"].is_array()) {
        for (const auto& c : j["conflicts"]) {
            if (!c.is_object() || !c.contains("versions") || !c["versions"].is_array()) continue;
            SyncConflict x;
            x.id = c.value("id", std::string());
            for (const auto& v : c["versions"]) {
                if (!v.is_object()) continue;
                SyncVersion y;
                y.rev = v.value("rev", std::string());
                y.text = v.value("text", std::string());
                y.deleted = v.value("deleted", false);
                y.winner = v.value("winner", false);
                x.versions.push_back(std::move(y));
            }
            if (x.versions.size() < 2) continue;
            x.title = conflict_title(x);
            x.fields = conflict_fields(x);
            s.conflicts.push_back(std::move(x));
        }
    }
    // New records get ids from this browser's own range once it syncs (docs/rules.md, "Teams").
    if (s.slot > 0 && s.slot < kSyncSlots && s.slot != state_.slot)
        persistence_.use_id_range(sync_id_floor(s.slot), sync_id_floor(s.slot + 1));
    const bool was_read_only = state_.read_only;
    state_ = std::move(s);
    if (state_.read_only && !was_read_only) persistence_.set_member_read_only(state_.read_only_why);
    sr_wake();
}

// ---------------------------------------------------------------- conflicts for people

static const char* kind_title(const std::string& kind) {
    if (kind == "creator") return "Creator";
    if (kind == "product") return "Product";
    if (kind == "sample") return "Sample";
    if (kind == "brief") return "Brief";
    if (kind == "post") return "Post";
    if (kind == "spark_code") return "Spark Code";
    if (kind == "orders") return "Imported orders";
    if (kind == "lines" || kind == "line_places" || kind == "line_products") return "Imported order lines";
    return nullptr;
}

std::string conflict_title(const SyncConflict& c) {
    if (c.id == "settings") return "Settings";
    if (c.id == "review_marks") return "Weekly review marks";
    const size_t colon = c.id.find(':');
    const std::string kind = colon == std::string::npos ? c.id : c.id.substr(0, colon);
    const char* title = kind_title(kind);
    std::string name;
    for (const SyncVersion& v : c.versions) {
        nlohmann::json j = nlohmann::json::parse(v.text, nullptr, false);
        if (!j.is_object()) continue;
        for (const char* key : {"handle", "name", "sku", "title", "code", "tiktok_ref"}) {
            if (j.contains(key) && j[key].is_string() && !j[key].get<std::string>().empty()) {
                name = j[key].get<std::string>();
                if (std::string(key) == "handle") name = "@" + name;
                break;
            }
        }
        if (!name.empty()) break;
    }
    std::string out = title ? title : c.id;
    if (!name.empty()) out += " " + name;
    else if (colon != std::string::npos && title) out += " (" + c.id.substr(colon + 1) + ")";
    return out;
}

std::vector<ConflictField> conflict_fields(const SyncConflict& c) {
    std::vector<nlohmann::json> docs;
    std::vector<std::string> keys;
    for (const SyncVersion& v : c.versions) {
        nlohmann::json j = v.deleted ? nlohmann::json::object() : nlohmann::json::parse(v.text, nullptr, false);
        if (!j.is_object()) j = nlohmann::json::object({{"(record)", v.text}});
        for (auto it = j.begin(); it != j.end(); ++it)
            if (std::find(keys.begin(), keys.end(), it.key()) == keys.end()) keys.push_back(it.key());
        docs.push_back(std::move(j));
    }
    std::vector<ConflictField> out;
    if (std::any_of(c.versions.begin(), c.versions.end(), [](const SyncVersion& v) { return v.deleted; })) {
        ConflictField f{"(record)", {}};
        for (const SyncVersion& v : c.versions) f.values.push_back(v.deleted ? "removed" : "kept");
        out.push_back(std::move(f));
    }
    for (const std::string& k : keys) {
        ConflictField f{k, {}};
        bool differ = false;
        for (const nlohmann::json& j : docs) {
            std::string v;
            if (j.contains(k)) v = j[k].is_string() ? j[k].get<std::string>() : j[k].dump();
            else v = "—";
            if (!f.values.empty() && v != f.values.front()) differ = true;
            f.values.push_back(std::move(v));
        }
        if (differ) out.push_back(std::move(f));
    }
    return out;
}

}  // namespace sr

extern "C" {

EMSCRIPTEN_KEEPALIVE void sr_sync_state(char* json) {
    if (sr::g_sync) sr::g_sync->on_state(json);
    std::free(json);
}

// Documents came from the server: the open program reads them once its own changes are saved.
EMSCRIPTEN_KEEPALIVE void sr_sync_remote_changed() {
    if (sr::g_sync) sr::g_sync->remote_changed();
}

}
