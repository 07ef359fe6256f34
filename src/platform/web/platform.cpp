#include "platform/platform.hpp"

#include <cstddef>
#include <cstdlib>
#include <ctime>

extern "C" {
void sr_clipboard_write(const char* text);
char* sr_clipboard_read();
int sr_prefers_dark();
void sr_set_cursor(const char* name);
char* sr_hash_get();
void sr_hash_set(const char* hash, int push);
void sr_download(const char* name, const char* mime, const char* data, size_t size);
}

namespace sr::platform {

void clipboard_set(const std::string& text) { sr_clipboard_write(text.c_str()); }

std::string clipboard_get() {
    char* p = sr_clipboard_read();
    std::string out = p ? p : "";
    std::free(p);
    return out;
}

bool prefers_dark() { return sr_prefers_dark() != 0; }

void set_cursor(const char* css_cursor) { sr_set_cursor(css_cursor); }

Date today_local() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return Date::from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

std::string hash_get() {
    char* p = sr_hash_get();
    std::string out = p ? p : "";
    std::free(p);
    return out;
}

void hash_push(const std::string& hash) { sr_hash_set(hash.c_str(), 1); }
void hash_replace(const std::string& hash) { sr_hash_set(hash.c_str(), 0); }

void download(const std::string& filename, const std::string& mime, const std::string& data) {
    sr_download(filename.c_str(), mime.c_str(), data.data(), data.size());
}

}  // namespace sr::platform
