// Sizes in font units and the app's two themes.
#pragma once
#include <imgui.h>

namespace sr::ui {

// n font heights: every size on screen is expressed this way, so layouts scale with the font
// (devicePixelRatio 1 to 3, phones and desktops alike).
inline float em(float n) { return ImGui::GetFontSize() * n; }
inline ImVec2 em(float x, float y) { return ImVec2(em(x), em(y)); }

struct Palette {
    ImVec4 error;
    ImVec4 warning;
    ImVec4 ok;
    ImVec4 muted;
    ImVec4 accent;
};

// touch: a phone or tablet (a narrow screen): frames and checkboxes at least 44 CSS pixels
// tall, so a thumb can hit them; text stays at the base size (16 CSS pixels).
void apply_theme(bool dark, float scale, bool touch = false);
bool theme_is_dark();
const Palette& palette();

// The one action a screen is for (Add creator, Save changes), in the accent colour.
bool primary_button(const char* label, const ImVec2& size = ImVec2(0, 0));

// A check box with an outlined box, so it shows on every row of a striped table and on any
// background, in both themes (a plain Dear ImGui check box is a grey square, the grey of the
// stripes).
bool check_box(const char* label, bool* v);

}  // namespace sr::ui
