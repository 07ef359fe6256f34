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

}  // namespace sr::platform
