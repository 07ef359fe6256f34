#include "platform/share.hpp"

#include <emscripten/emscripten.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <map>

extern "C" {
void sr_share_compress(const char* text, int request_id);
void sr_share_decompress(const char* b64url, int request_id);
char* sr_share_page_url();
char* sr_share_ticks_get(const char* key);
int sr_share_ticks_set(const char* key, const char* item, int on);
void sr_wake();
}

namespace sr::platform {

namespace {
std::map<int, ShareDone>& pending() {
    static std::map<int, ShareDone> m;
    return m;
}
int g_next_request = 1;

int remember(ShareDone done) {
    const int id = g_next_request++;
    pending()[id] = std::move(done);
    return id;
}

std::string take(char* p) {
    std::string out = p ? p : "";
    std::free(p);
    return out;
}
}  // namespace

void share_compress(const std::string& text, ShareDone done) { sr_share_compress(text.c_str(), remember(std::move(done))); }

void share_decompress(const std::string& payload, ShareDone done) {
    sr_share_decompress(payload.c_str(), remember(std::move(done)));
}

std::string page_url() { return take(sr_share_page_url()); }

std::set<std::string> ticks_get(const std::string& brief_key) {
    std::set<std::string> out;
    const nlohmann::json j = nlohmann::json::parse(take(sr_share_ticks_get(brief_key.c_str())), nullptr, false);
    if (j.is_array())
        for (const auto& x : j)
            if (x.is_string()) out.insert(x.get<std::string>());
    return out;
}

bool ticks_set(const std::string& brief_key, const std::string& item_id, bool on) {
    return sr_share_ticks_set(brief_key.c_str(), item_id.c_str(), on ? 1 : 0) != 0;
}

}  // namespace sr::platform

// web/share.js answers every request exactly once through here.
extern "C" EMSCRIPTEN_KEEPALIVE void sr_share_done(int request_id, int ok, char* result) {
    const std::string text = result ? result : "";
    std::free(result);
    auto& m = sr::platform::pending();
    auto it = m.find(request_id);
    if (it != m.end()) {
        sr::platform::ShareDone done = std::move(it->second);
        m.erase(it);
        if (done) done(ok != 0, text);
    }
    sr_wake();
}
