#include "style.hpp"
#include <algorithm>
#include <cmath>


namespace sr::ui {

namespace {
bool g_dark = false;
Palette g_light{{0.72f, 0.07f, 0.11f, 1}, {0.62f, 0.38f, 0.0f, 1}, {0.10f, 0.50f, 0.22f, 1},
                {0.40f, 0.42f, 0.46f, 1}, {0.93f, 0.18f, 0.38f, 1}};
Palette g_darkp{{1.0f, 0.45f, 0.45f, 1}, {1.0f, 0.76f, 0.30f, 1}, {0.45f, 0.85f, 0.55f, 1},
                {0.62f, 0.64f, 0.68f, 1}, {1.0f, 0.38f, 0.55f, 1}};
}  // namespace

bool theme_is_dark() { return g_dark; }
const Palette& palette() { return g_dark ? g_darkp : g_light; }

void apply_theme(bool dark, float scale, bool touch) {
    g_dark = dark;
    ImGuiStyle style;
    if (dark) ImGui::StyleColorsDark(&style);
    else ImGui::StyleColorsLight(&style);
    style.WindowRounding = 0;
    style.FrameRounding = 4;
    style.GrabRounding = 4;
    style.PopupRounding = 4;
    style.ChildRounding = 4;
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(8, 7);
    style.CellPadding = ImVec2(6, 4);
    style.WindowPadding = ImVec2(12, 10);
    style.ScrollbarSize = 14;
    style.WindowBorderSize = 0;
    if (touch) {  // 16 px text + 2 x 14 px padding = 44 px targets
        style.FramePadding = ImVec2(10, 14);
        style.ItemSpacing = ImVec2(8, 8);
        style.ItemInnerSpacing = ImVec2(8, 6);
        style.WindowPadding = ImVec2(12, 10);
        style.ScrollbarSize = 8;  // a finger scrolls by dragging the page; the bar only shows where
        style.GrabMinSize = 24;
        style.TouchExtraPadding = ImVec2(2, 2);
    }
    ImVec4* c = style.Colors;
    const ImVec4 accent = dark ? ImVec4(1.0f, 0.38f, 0.55f, 1) : ImVec4(0.86f, 0.15f, 0.36f, 1);
    if (dark) {
        c[ImGuiCol_WindowBg] = ImVec4(0.086f, 0.094f, 0.114f, 1);
        c[ImGuiCol_ChildBg] = ImVec4(0.11f, 0.12f, 0.145f, 1);
        c[ImGuiCol_TableHeaderBg] = ImVec4(0.15f, 0.16f, 0.19f, 1);
    } else {
        c[ImGuiCol_WindowBg] = ImVec4(0.957f, 0.961f, 0.969f, 1);
        c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
        c[ImGuiCol_TableHeaderBg] = ImVec4(0.91f, 0.92f, 0.94f, 1);
        c[ImGuiCol_FrameBg] = ImVec4(0.93f, 0.94f, 0.95f, 1);
    }
    if (dark) {
        c[ImGuiCol_Button] = ImVec4(0.20f, 0.22f, 0.26f, 1);
        c[ImGuiCol_ButtonHovered] = ImVec4(0.27f, 0.29f, 0.34f, 1);
        c[ImGuiCol_ButtonActive] = ImVec4(0.33f, 0.35f, 0.41f, 1);
    } else {
        c[ImGuiCol_Button] = ImVec4(0.87f, 0.88f, 0.90f, 1);
        c[ImGuiCol_ButtonHovered] = ImVec4(0.80f, 0.82f, 0.85f, 1);
        c[ImGuiCol_ButtonActive] = ImVec4(0.72f, 0.74f, 0.78f, 1);
    }
    c[ImGuiCol_Header] = ImVec4(accent.x, accent.y, accent.z, 0.18f);
    c[ImGuiCol_HeaderHovered] = ImVec4(accent.x, accent.y, accent.z, 0.28f);
    c[ImGuiCol_HeaderActive] = ImVec4(accent.x, accent.y, accent.z, 0.40f);
    c[ImGuiCol_CheckMark] = accent;
    c[ImGuiCol_SliderGrab] = accent;
    c[ImGuiCol_NavHighlight] = accent;
    c[ImGuiCol_TextSelectedBg] = ImVec4(accent.x, accent.y, accent.z, 0.35f);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace sr::ui

namespace sr::ui {

bool primary_button(const char* label, const ImVec2& size) {
    const ImVec4 a = palette().accent;
    ImGui::PushStyleColor(ImGuiCol_Button, a);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(a.x * 0.9f, a.y * 0.9f, a.z * 0.9f, 1));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(a.x * 0.8f, a.y * 0.8f, a.z * 0.8f, 1));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    const bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleColor(4);
    return pressed;
}

bool check_box(const char* label, bool* v) {
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, std::max(1.0f, std::round(ImGui::GetFontSize() / 16.0f)));
    ImGui::PushStyleColor(ImGuiCol_Border, palette().muted);
    ImGui::PushStyleColor(ImGuiCol_BorderShadow, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ImGui::GetStyleColorVec4(ImGuiCol_ChildBg));
    const bool changed = ImGui::Checkbox(label, v);
    ImGui::PopStyleColor(3);
    ImGui::PopStyleVar();
    return changed;
}

}  // namespace sr::ui
