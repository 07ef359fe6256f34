// Files compiled into the program at build time (CMakeLists.txt, cmake/embed_files.cmake): data
// the core reads as if from disk, in the native and the WebAssembly builds alike.
#pragma once
#include <cstddef>
#include <string_view>

namespace sr {

struct EmbeddedFile {
    const char* name;  // the file's name without its folder: "orders.en.json"
    const unsigned char* bytes;
    size_t size;
    std::string_view text() const { return {reinterpret_cast<const char*>(bytes), size}; }
};

// assets/headers/*.json in name order: the header names and cell values of the exports by
// language (export_words.hpp reads them).
extern const EmbeddedFile kHeaderFiles[];
extern const size_t kHeaderFilesCount;

}  // namespace sr
