// What the Spark Codes screen's files share (spark_view.cpp: the board, alerts and candidates;
// spark_panel.cpp: the selected code's panel; spark_dialogs.cpp: the dialogs): the board's groups
// and columns, and small drawing helpers. Only those files include it.
#pragma once
#include <imgui.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "core/csv_write.hpp"
#include "core/model.hpp"

namespace sr::ui::spark_parts {

// The board's groups, in the order a code moves through them.
enum Group { g_requested, g_received, g_verified, g_live, g_expired, g_ended, g_count };
inline const char* const kGroupNames[] = {"Requested", "Received", "Verified", "Live", "Expired", "Revoked or killed"};

inline int group_of(SparkStatus s) {
    switch (s) {
        case SparkStatus::requested: return g_requested;
        case SparkStatus::received: return g_received;
        case SparkStatus::verified: return g_verified;
        case SparkStatus::live: return g_live;
        case SparkStatus::expired: return g_expired;
        default: return g_ended;
    }
}

enum BoardColumn { bc_code, bc_creator, bc_post, bc_status, bc_expiry, bc_days, bc_owner, bc_count };
enum CandColumn { cc_conversion, cc_creator, cc_post, cc_clicks, cc_views, cc_gmv, cc_margin, cc_code, cc_count };
enum RoundColumn { rc_n, rc_date, rc_spend, rc_impr, rc_clicks, rc_orders, rc_conv, rc_gmv, rc_ctr, rc_cpa, rc_roas, rc_view2, rc_view6, rc_count };

// "#1234••••••=": the start and the last character, the rest hidden.
std::string masked(const std::string& code);
std::string date_or(const std::optional<Date>& d, const char* none = "—");
// A short text input with its caption above, tagged for tests by the caption.
bool text_field(const char* cap, const char* id, char* buf, size_t size, float width, const char* hint = nullptr);
const Creator* creator_of(const Program& p, Id id);
const Post* post_of(const Program& p, Id id);
std::string handle_of(const Program& p, Id id);  // "@handle", or "—"
std::string post_label(const Program& p, Id id);  // "post 12 · 2026-11-02"
// Days to expiry in colour, as the core reads them (spark_expiry_state): red once expired, amber
// inside the alert window.
void days_left_text(const SparkCode& c, Date today, const Settings& s);
void wrapped_error(const std::map<std::string, std::string>& errors, const char* field, float w);
void section(const char* title);
csv::Cell handle_cell(const Program& p, Id id);

// Fields side by side, each in its own group starting on the same line, so captions line up
// (SameLine would push a caption down to the previous field's text baseline).
template <class F> void field_row(int n, F&& draw) {
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float w = (ImGui::GetContentRegionAvail().x - gap * static_cast<float>(n - 1)) / static_cast<float>(n);
    const ImVec2 start = ImGui::GetCursorPos();
    float bottom = start.y;
    for (int i = 0; i < n; ++i) {
        ImGui::SetCursorPos(ImVec2(start.x + static_cast<float>(i) * (w + gap), start.y));
        ImGui::BeginGroup();
        draw(i, w);
        ImGui::EndGroup();
        bottom = std::max(bottom, ImGui::GetCursorPosY());
    }
    ImGui::SetCursorPos(ImVec2(start.x, bottom));
}

}  // namespace sr::ui::spark_parts
