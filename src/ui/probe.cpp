#include "probe.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdarg>
#include <unordered_map>

namespace sr::ui {

namespace {
// The frame being drawn, or between frames the one just drawn.
std::unordered_map<std::string, Rect> g_labels;  // labels of widgets
std::unordered_map<std::string, Rect> g_tags;    // names given by probe_tag: these win
std::optional<Rect> g_active;                    // the active widget's rectangle

void record(const std::string& name, const ImRect& bb) {
    if (name.empty()) return;
    // First one drawn wins: the same label lower down (a row repeating a field name) does
    // not hide the main control.
    g_labels.emplace(name, Rect{bb.Min.x, bb.Min.y, bb.GetWidth(), bb.GetHeight(), name});
}
}  // namespace

void probe_begin_frame() {
    g_labels.clear();
    g_tags.clear();
    g_active.reset();
    ImGui::GetCurrentContext()->TestEngineHookItems = true;
}

void probe_tag(const std::string& name, const std::string& text) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImRect bb = g.LastItemData.Rect;
    if (g.CurrentWindow) bb.ClipWith(g.CurrentWindow->ClipRect);
    if (bb.GetWidth() > 0 && bb.GetHeight() > 0)
        g_tags.emplace(name, Rect{bb.Min.x, bb.Min.y, bb.GetWidth(), bb.GetHeight(), text});
}

std::optional<Rect> probe_active_rect() { return g_active; }

void record_active(const ImRect& bb) { g_active = Rect{bb.Min.x, bb.Min.y, bb.GetWidth(), bb.GetHeight(), ""}; }

std::optional<Rect> probe_find(const std::string& label) {
    for (auto* m : {&g_tags, &g_labels}) {
        auto it = m->find(label);
        if (it != m->end()) return it->second;
    }
    return std::nullopt;
}

}  // namespace sr::ui

// ---- Dear ImGui test-engine hooks (compiled in with IMGUI_ENABLE_TEST_ENGINE)
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
    if (id != 0 && id == ctx->ActiveId) sr::ui::record_active(bb);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID, const char* label, ImGuiItemStatusFlags) {
    if (!label) return;
    const char* end = ImGui::FindRenderedTextEnd(label);
    std::string name(label, end);
    ImRect bb = ctx->LastItemData.Rect;
    if (ctx->CurrentWindow) bb.ClipWith(ctx->CurrentWindow->ClipRect);
    if (bb.GetWidth() > 0 && bb.GetHeight() > 0) sr::ui::record(name, bb);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
