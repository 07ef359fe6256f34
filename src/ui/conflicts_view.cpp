#include "conflicts_view.hpp"

#include <imgui.h>

#include <string>

#include "probe.hpp"
#include "style.hpp"

namespace sr::ui {

// A record's field as people read it: "display_name" -> "Display name".
static std::string field_label(const std::string& key) {
    std::string out = key;
    for (char& c : out)
        if (c == '_') c = ' ';
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
}

void ConflictsView::draw(Context&) {
    const SyncState& st = sync_.state();
    ImGui::PushTextWrapPos(0.0f);
    if (st.conflicts.empty()) {
        ImGui::TextUnformatted("No conflicts: every record has one version in every browser synced with the team.");
        probe_tag("conflicts", "none");
        ImGui::PopTextWrapPos();
        return;
    }
    const std::string intro =
        std::to_string(st.conflicts.size()) + (st.conflicts.size() == 1 ? " record was" : " records were") +
        " changed in two places before either saw the other's change. Until you choose, every browser shows the "
        "first version; keep the one that is right, and it replaces the other everywhere.";
    ImGui::TextUnformatted(intro.c_str());
    probe_tag("conflicts", intro);
    ImGui::PopTextWrapPos();
    ImGui::BeginChild("##conflicts", ImVec2(0, 0), false);
    for (size_t i = 0; i < st.conflicts.size(); ++i) {
        const SyncConflict& c = st.conflicts[i];
        const std::string n = std::to_string(i + 1);
        ImGui::PushID(static_cast<int>(i));
        ImGui::Spacing();
        const std::string& title = c.title;
        ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
        ImGui::TextUnformatted(title.c_str());
        ImGui::PopStyleColor();
        probe_tag("conflict " + n, title);
        const std::vector<ConflictField>& fields = c.fields;
        const int cols = 1 + static_cast<int>(c.versions.size());
        if (ImGui::BeginTable("##versions", cols, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                                      ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn("Field", ImGuiTableColumnFlags_WidthFixed, em(9));
            for (size_t v = 0; v < c.versions.size(); ++v) {
                const std::string head = c.versions[v].winner ? "Shown now" : "Other version";
                ImGui::TableSetupColumn(head.c_str(), ImGuiTableColumnFlags_WidthStretch);
            }
            ImGui::TableHeadersRow();
            for (size_t f = 0; f < fields.size(); ++f) {
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                const std::string label = field_label(fields[f].field);
                ImGui::TextUnformatted(label.c_str());
                for (size_t v = 0; v < fields[f].values.size(); ++v) {
                    ImGui::TableSetColumnIndex(static_cast<int>(v) + 1);
                    ImGui::PushTextWrapPos(0.0f);
                    const std::string& value = fields[f].values[v];
                    // A long value (an imported block of order lines) is shown in part.
                    const std::string shown = value.size() > 400 ? value.substr(0, 400) + "…" : value;
                    ImGui::TextUnformatted(shown.c_str());
                    ImGui::PopTextWrapPos();
                    probe_tag("conflict " + n + " " + fields[f].field + " " + std::to_string(v + 1), value);
                }
            }
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            for (size_t v = 0; v < c.versions.size(); ++v) {
                ImGui::TableSetColumnIndex(static_cast<int>(v) + 1);
                ImGui::PushID(static_cast<int>(v));
                const std::string label = "Keep this version##" + std::to_string(v);
                if (ImGui::Button(label.c_str())) sync_.resolve(c.id, c.versions[v].rev);
                probe_tag("keep " + n + " " + std::to_string(v + 1), c.versions[v].winner ? "shown now" : "other");
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        ImGui::PopID();
    }
    ImGui::EndChild();
}

}  // namespace sr::ui
