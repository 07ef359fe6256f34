#include "app.hpp"

#include <imgui.h>

#include "probe.hpp"
#include "style.hpp"

namespace sr::ui {

void App::draw() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Spark Roster", nullptr, flags);
    handle_shortcuts();
    draw_top_bar();
    if (!persistence_.banner().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(persistence_.banner().c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        probe_tag("banner", persistence_.banner());
    }
    const float status_h = ImGui::GetFrameHeightWithSpacing();
    ImGui::BeginChild("##view", ImVec2(0, -status_h), false, ImGuiWindowFlags_NoScrollbar);
    if (persistence_.loaded()) roster_.draw();
    else ImGui::TextDisabled("Loading your program…");
    ImGui::EndChild();
    draw_status_line();
    ImGui::End();
}

void App::draw_top_bar() {
    const Program& p = store_.program();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    ImGui::TextUnformatted("Spark Roster");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    ImGui::TextUnformatted(p.settings.program_name.c_str());

    // Right-aligned: undo, redo, theme.
    const char* theme_label = theme_is_dark() ? "Light theme" : "Dark theme";
    const ImGuiStyle& st = ImGui::GetStyle();
    const float w = ImGui::CalcTextSize("Undo").x + ImGui::CalcTextSize("Redo").x + ImGui::CalcTextSize(theme_label).x +
                    st.FramePadding.x * 6 + st.ItemSpacing.x * 2;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - w);
    ImGui::BeginDisabled(!store_.can_undo());
    if (ImGui::Button("Undo")) store_.undo();
    if (store_.can_undo() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("Undo: %s (Ctrl+Z)", store_.undo_label().c_str());
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!store_.can_redo());
    if (ImGui::Button("Redo")) store_.redo();
    if (store_.can_redo() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("Redo: %s (Ctrl+Shift+Z)", store_.redo_label().c_str());
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(theme_label) && on_theme_change) on_theme_change(!theme_is_dark());
    ImGui::Separator();
}

void App::draw_status_line() {
    ImGui::Separator();
    const SaveStatus s = persistence_.status();
    const Palette& pal = palette();
    const ImVec4 color = s.kind == SaveStatus::saved ? pal.ok
                         : (s.kind == SaveStatus::failed || s.kind == SaveStatus::blocked) ? pal.error
                                                                                            : pal.muted;
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(s.text.c_str());
    ImGui::PopStyleColor();
    probe_tag("save status", s.text);
    const Program& p = store_.program();
    ImGui::SameLine();
    ImGui::TextDisabled("  %zu creators, %zu posts, %zu Spark Codes", p.creators.size(), p.posts.size(),
                        p.spark_codes.size());
}

void App::handle_shortcuts() {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return;  // a text field handles its own undo
    const bool mod = io.KeyCtrl || io.KeySuper;
    if (mod && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z), false)) {
        if (io.KeyShift) store_.redo();
        else store_.undo();
    }
    if (mod && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Y), false)) store_.redo();
    if (mod && ImGui::IsKeyPressed('F', false)) roster_.focus_filter();
}

}  // namespace sr::ui
