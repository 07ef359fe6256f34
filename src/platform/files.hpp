// Files the user hands to the app (the file picker, or a file dropped on the page), read in
// pieces so a large file never has to sit in memory as one string, and small values kept in
// the browser (localStorage). src/platform/web/files.cpp implements it over web/files.js.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sr::platform {

// Receives what the browser reports about files. Set one with files_set_receiver.
class FileReceiver {
public:
    virtual ~FileReceiver() = default;
    // A file was chosen in the picker or dropped on the page; `file` names it in files_read.
    virtual void file_opened(int file, const std::string& name, uint64_t size) = 0;
    // The answer to files_read: the bytes (valid during the call only), or why they could not
    // be read (`error` not empty).
    virtual void file_chunk(int file, uint64_t offset, std::string_view bytes, const std::string& error) = 0;
};

// Installs the drop listeners and the hidden file input; `r` gets every later report.
void files_set_receiver(FileReceiver* r);
// Opens the browser's file picker. Call it while handling the user's click or key press (the
// browser allows a picker only then).
void files_pick();
// Asks for `length` bytes of `file` from `offset`; FileReceiver::file_chunk answers later.
void files_read(int file, uint64_t offset, uint32_t length);
// The app is done with the file.
void files_close(int file);

// A small value kept in the browser for next time ("" when there is none).
std::string local_get(const std::string& key);
void local_set(const std::string& key, const std::string& value);

}  // namespace sr::platform
