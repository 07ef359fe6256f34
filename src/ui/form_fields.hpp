// Small pieces the record forms share: a text field over std::string, captions, and a field's
// refusal reason drawn right under it (tagged "error:<field>" for the page API).
#pragma once
#include <imgui.h>

#include <cstdio>
#include <map>
#include <string>

namespace sr::ui {

using FieldErrors = std::map<std::string, std::string>;  // field -> why it was refused

// A text field editing a std::string in place; true when the text changed (or Enter was
// pressed, with ImGuiInputTextFlags_EnterReturnsTrue).
bool input_string(const char* id, std::string& value, const char* hint = nullptr, ImGuiInputTextFlags flags = 0);
bool input_multiline(const char* id, std::string& value, const ImVec2& size);

// The caption above a field.
void caption(const char* text);
// The reason a field was refused, right under it, or nothing.
void field_error(const FieldErrors& errors, const std::string& field);
// A coloured line of text, wrapped to the available width, tagged for tests.
void message_line(const ImVec4& color, const std::string& text, const std::string& tag = "");

// "1 error", "3 errors".
std::string count_words(size_t n, const char* one, const char* many);

template <size_t N> void copy_to(char (&dst)[N], const std::string& s) { std::snprintf(dst, N, "%s", s.c_str()); }

}  // namespace sr::ui
