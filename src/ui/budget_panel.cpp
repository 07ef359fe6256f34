#include "budget_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/budget.hpp"
#include "core/format.hpp"
#include "probe.hpp"
#include "style.hpp"

namespace sr::ui {

namespace {

const char* state_of(const BudgetMonth& b) {
    if (b.budget_max <= 0) return "no budget";
    const int c = b.compare();
    return c > 0 ? "over" : c < 0 ? "under" : "within";
}

ImVec4 color_of(const BudgetMonth& b) {
    if (b.budget_max <= 0) return palette().muted;
    const int c = b.compare();
    return c > 0 ? palette().error : c < 0 ? palette().warning : palette().ok;
}

std::string band_of(const BudgetMonth& b, const std::string& cur) {
    if (b.budget_max <= 0) return "-";
    return b.budget_min > 0 ? fmt_money(b.budget_min, cur) + " - " + fmt_money(b.budget_max, cur) : fmt_money(b.budget_max, cur);
}

void parts_tooltip(const BudgetMonth& b, const std::string& cur) {
    if (!ImGui::IsItemHovered()) return;
    ImGui::SetTooltip("%s to %s\nsamples %s\ncreator fees %s\nSpark spend %s\ncoordinator %s",
                      b.from.to_string().c_str(), b.to_excl.plus_days(-1).to_string().c_str(),
                      fmt_money(b.samples, cur).c_str(), fmt_money(b.fees, cur).c_str(), fmt_money(b.spark, cur).c_str(),
                      fmt_money(b.coordinator, cur).c_str());
}

}  // namespace

void draw_budget_months(const Program& p, Date today, float width) {
    const std::string& cur = p.settings.currency;
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    ImGui::TextUnformatted("Spent by program month");
    ImGui::PopStyleColor();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(at, ImVec2(at.x + width, at.y), ImGui::GetColorU32(ImGuiCol_Separator));
    ImGui::Dummy(ImVec2(width, ImGui::GetStyle().ItemSpacing.y * 0.5f));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    const std::vector<BudgetMonth> months = budget_by_month(p, today);
    if (months.empty()) {
        ImGui::TextDisabled("Set the program start to compare spend with the budget.");
        ImGui::PopTextWrapPos();
        probe_tag("budget months", "");
        return;
    }
    const BuildStage first = build_stage_budget(p, today);
    const std::string line = first.summary(cur);
    ImGui::TextColored(color_of(first.total), "%s", line.c_str());
    ImGui::PopTextWrapPos();
    parts_tooltip(first.total, cur);
    probe_tag("budget first 90 days", line);
    std::string all;
    if (ImGui::BeginTable("budget-months", 4,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp |
                              ImGuiTableFlags_ScrollY,
                          ImVec2(width, std::min(em(12), ImGui::GetFrameHeight() * (static_cast<float>(months.size()) + 1.5f))))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Month", 0, 0.5f);
        ImGui::TableSetupColumn("Spent", 0, 1.0f);
        ImGui::TableSetupColumn("Against", 0, 1.6f);
        ImGui::TableSetupColumn("", 0, 0.6f);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(months.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const BudgetMonth& b = months[static_cast<size_t>(i)];
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::Text("%d", b.month);
                parts_tooltip(b, cur);
                ImGui::TableSetColumnIndex(1);
                ImGui::TextUnformatted(fmt_money(b.actual(), cur).c_str());
                parts_tooltip(b, cur);
                ImGui::TableSetColumnIndex(2);
                ImGui::TextUnformatted(band_of(b, cur).c_str());
                ImGui::TableSetColumnIndex(3);
                ImGui::TextColored(color_of(b), "%s", state_of(b));
            }
        ImGui::EndTable();
    }
    for (const BudgetMonth& b : months) all += (all.empty() ? "" : "; ") + b.summary(cur);
    probe_tag("budget months", all);
}

}  // namespace sr::ui
