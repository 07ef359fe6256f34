// Services of the host the app runs in (the browser). The only header through which the UI
// reaches outside itself; src/platform/web implements it.
#pragma once
#include <string>

#include "core/date.hpp"

namespace sr::platform {

void clipboard_set(const std::string& text);
std::string clipboard_get();
bool prefers_dark();
void set_cursor(const char* css_cursor);
Date today_local();

// The URL fragment ("#/creator/12"), and moving to another one: push adds a history entry
// (the back button returns), replace does not.
std::string hash_get();
void hash_push(const std::string& hash);
void hash_replace(const std::string& hash);

// Hands a file to the browser to save ("spark-roster-2026-11-22.json"): the user's downloads.
// `data` is the whole file; `mime` its type ("application/json", "text/csv").
void download(const std::string& filename, const std::string& mime, const std::string& data);

}  // namespace sr::platform
