#include "platform/files.hpp"

#include <emscripten/emscripten.h>

#include <cstdlib>

extern "C" {
void sr_files_init();
void sr_files_pick();
void sr_files_read(int file, double offset, double length);
void sr_files_close(int file);
char* sr_local_get(const char* key);
void sr_local_set(const char* key, const char* value);
}

namespace {
sr::platform::FileReceiver* g_receiver = nullptr;
}

// Called by web/files.js.
extern "C" {

EMSCRIPTEN_KEEPALIVE void sr_files_on_opened(int file, const char* name, double size) {
    if (g_receiver) g_receiver->file_opened(file, name ? name : "", static_cast<uint64_t>(size));
}

EMSCRIPTEN_KEEPALIVE void sr_files_on_chunk(int file, double offset, const char* data, int size, const char* error) {
    if (!g_receiver) return;
    g_receiver->file_chunk(file, static_cast<uint64_t>(offset),
                           std::string_view(data ? data : "", data ? static_cast<size_t>(size) : 0),
                           error ? error : "");
}

}

namespace sr::platform {

void files_set_receiver(FileReceiver* r) {
    g_receiver = r;
    sr_files_init();
}

void files_pick() { sr_files_pick(); }

void files_read(int file, uint64_t offset, uint32_t length) {
    sr_files_read(file, static_cast<double>(offset), static_cast<double>(length));
}

void files_close(int file) { sr_files_close(file); }

std::string local_get(const std::string& key) {
    char* p = sr_local_get(key.c_str());
    std::string out = p ? p : "";
    std::free(p);
    return out;
}

void local_set(const std::string& key, const std::string& value) { sr_local_set(key.c_str(), value.c_str()); }

}  // namespace sr::platform
