#include "settings_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <functional>

#include "budget_panel.hpp"
#include "core/date.hpp"
#include "core/format.hpp"
#include "core/validate.hpp"
#include "probe.hpp"
#include "style.hpp"

namespace sr::ui {

namespace {

const char* kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

float g_section_w = 0;  // the width of the column sections are drawn in (set per frame)

// A section's title in the accent colour with a rule under it, `width` wide (Separator would
// span the window).
void section_title(const char* title, float width) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    ImGui::TextUnformatted(title);
    ImGui::PopStyleColor();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(p, ImVec2(p.x + width, p.y), ImGui::GetColorU32(ImGuiCol_Separator));
    ImGui::Dummy(ImVec2(width, 1));
}

// "2026-11-22T06:50:12.345Z" -> "2026-11-22 06:50 UTC"
std::string saved_time(const std::string& iso) {
    if (iso.size() < 16 || iso[10] != 'T') return iso;
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

std::string byte_size(int64_t b) {
    char buf[32];
    if (b < 1000) return fmt_int(b) + " bytes";
    if (b < 1000 * 1000) std::snprintf(buf, sizeof buf, "%.0f KB", static_cast<double>(b) / 1e3);
    else std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(b) / 1e6);
    return buf;
}

// One section: a two-column table, the caption on the left and the field with its reason
// under it on the right.
struct Section {
    const char* title;
    float field_w;
    bool ok = false;
    explicit Section(const char* t, float w) : title(t), field_w(w) {
        section_title(title, g_section_w);
        // Fixed widths known before the first frame, so the layout is right from the start.
        ok = ImGui::BeginTable(title, 2, ImGuiTableFlags_SizingFixedFit, ImVec2(g_section_w, 0));
        if (!ok) return;
        const float pad = ImGui::GetStyle().CellPadding.x * 4;
        ImGui::TableSetupColumn("caption", ImGuiTableColumnFlags_WidthFixed, std::max(em(4), g_section_w - field_w - pad));
        ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthFixed, field_w);
    }
    ~Section() {
        if (ok) ImGui::EndTable();
    }
    Section(const Section&) = delete;
    Section& operator=(const Section&) = delete;
    void row(const char* cap, const char* hint = nullptr) {
        if (!ok) return;
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(cap);
        if (hint && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", hint);
        ImGui::TableSetColumnIndex(1);
        ImGui::SetNextItemWidth(-FLT_MIN);
    }
};

}  // namespace

bool SettingsView::close_dialog() {
    if (restore_open_) {
        restore_open_ = false;
        return true;
    }
    if (!reset_open_) return false;
    reset_open_ = false;
    return true;
}

void SettingsView::load() {
    draft_ = store_.program().settings;
    start_text_ = draft_.program_start ? draft_.program_start->to_string() : "";
    loaded_revision_ = store_.revision();
    dirty_ = false;
    errors_.clear();
}

void SettingsView::check() {
    errors_.clear();
    const std::string st = trim(start_text_);
    if (st.empty()) draft_.program_start.reset();
    else if (auto d = Date::parse(st)) draft_.program_start = *d;
    else errors_["program_start"] = "Use a date like 2025-03-01, or leave it empty.";
    for (const FieldError& e : validate_settings(draft_)) errors_.emplace(e.field, e.message);
}

void SettingsView::save() {
    check();
    notice_.clear();
    if (!errors_.empty()) return;
    // This screen does not edit the paid ads placed by name (the Data screen does): a choice made
    // there while this draft was open is kept.
    draft_.ad_codes = store_.program().settings.ad_codes;
    CommandResult r = store_.update_settings(draft_);
    if (!r.ok) {
        for (const FieldError& e : r.errors) errors_.emplace(e.field, e.message);
        return;
    }
    load();
    notice_ = "Settings saved.";
}

void SettingsView::draw(Context& ctx) {
    if (!dirty_ && loaded_revision_ != store_.revision()) load();
    // Read-only (another tab edits, or a read-only member of the team's program): everything
    // but Sync is shown disabled.
    read_only_ = persistence_.read_only();
    ImGui::BeginDisabled(read_only_);
    draw_form(ctx);
    ImGui::EndDisabled();
}

void SettingsView::draw_form(Context& ctx) {

    // The actions and where the draft stands.
    if (primary_button("Save settings", ImVec2(em(8), 0))) save();
    ImGui::SameLine();
    ImGui::BeginDisabled(!dirty_);
    if (ImGui::Button("Discard changes")) {
        load();
        notice_.clear();
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Reset to defaults")) want_reset_ = true;
    ImGui::SameLine();
    std::string status;
    ImVec4 color = palette().muted;
    if (!errors_.empty()) {
        status = count_words(errors_.size(), "field needs", "fields need") + " fixing before saving.";
        color = palette().error;
    } else if (dirty_) {
        status = "Unsaved changes.";
        color = palette().warning;
    } else if (!notice_.empty()) {
        status = notice_;
        color = palette().ok;
    } else {
        status = "Every number is a default you can change; the weekly review follows them.";
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(color, "%s", status.c_str());
    probe_tag("settings:status", status);

    bool changed = false;
    auto err = [&](const char* field) { field_error(errors_, field); };
    auto pct = [&](Section& s, const char* cap, const char* field, double& frac, const char* hint = nullptr) {
        s.row(cap, hint);
        double v = frac * 100.0;
        ImGui::PushID(field);
        if (ImGui::InputDouble("##v", &v, 0, 0, "%.2f")) {
            frac = v / 100.0;
            changed = true;
        }
        ImGui::PopID();
        probe_tag(cap);
        err(field);
    };
    auto real = [&](Section& s, const char* cap, const char* field, double& value, const char* fmt = "%.2f") {
        s.row(cap);
        ImGui::PushID(field);
        changed |= ImGui::InputDouble("##v", &value, 0, 0, fmt);
        ImGui::PopID();
        probe_tag(cap);
        err(field);
    };
    auto whole = [&](Section& s, const char* cap, const char* field, int& value) {
        s.row(cap);
        ImGui::PushID(field);
        changed |= ImGui::InputInt("##v", &value, 0, 0);
        ImGui::PopID();
        probe_tag(cap);
        err(field);
    };
    auto big = [&](Section& s, const char* cap, const char* field, int64_t& value) {
        s.row(cap);
        ImGui::PushID(field);
        changed |= ImGui::InputScalar("##v", ImGuiDataType_S64, &value, nullptr, nullptr, "%lld");
        ImGui::PopID();
        probe_tag(cap);
        err(field);
    };

    ImGui::Spacing();
    ImGui::BeginChild("##settings-body", ImVec2(0, 0), false);
    const float avail = ImGui::GetContentRegionAvail().x;
    const int cols = avail > em(54) ? 3 : (avail > em(36) ? 2 : 1);
    const float fw = em(8);
    std::vector<std::function<void()>> groups;

    groups.push_back([&] {
        {
            Section s("Program", em(11));
            s.row("Program name");
            changed |= input_string("##program_name", draft_.program_name);
            probe_tag("Program name");
            err("program_name");
            s.row("Currency", "A three-letter code: USD, EUR, GBP...");
            changed |= input_string("##currency", draft_.currency, "USD", ImGuiInputTextFlags_CharsUppercase);
            probe_tag("Currency");
            err("currency");
            s.row("Week starts on");
            changed |= ImGui::Combo("##week_start", &draft_.week_start, kWeekdays, IM_ARRAYSIZE(kWeekdays));
            probe_tag("Week starts on");
            err("week_start");
            s.row("Program start");
            changed |= input_string("##program_start", start_text_, "YYYY-MM-DD");
            probe_tag("Program start");
            err("program_start");
            real(s, "Monthly budget", "monthly_budget", draft_.monthly_budget);
            s.row("Your name", "Shown as who marked a weekly review action done or snoozed; empty: someone.");
            changed |= input_string("##user_name", draft_.user_name, "someone");
            probe_tag("Your name");
            err("user_name");
        }
        {
            Section s("Build-stage budget (first 90 days)", fw);
            real(s, "Low, per month", "build_budget_min", draft_.build_budget_min);
            real(s, "High, per month", "build_budget_max", draft_.build_budget_max);
            err("build_budget");
            real(s, "Coordinator, per month", "coordinator_monthly_cost", draft_.coordinator_monthly_cost);
        }
        {
            Section s("Tiers by followers", fw);
            big(s, "Program floor", "program_floor", draft_.program_floor);
            big(s, "Tier 2 from", "tier2_min_followers", draft_.tier2_min_followers);
            big(s, "Tier 3 from", "tier3_min_followers", draft_.tier3_min_followers);
        }
        draw_storage();
    });
    // Two fields on one row (a low and a high), each with its own caption for tests.
    auto pair_row = [&](Section& s, const std::string& cap, const std::string& lo_cap, const std::string& hi_cap,
                        auto&& lo, auto&& hi, const std::string& field) {
        s.row(cap.c_str());
        const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
        ImGui::PushID(cap.c_str());
        ImGui::SetNextItemWidth(w);
        changed |= lo();
        probe_tag(lo_cap);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(w);
        changed |= hi();
        probe_tag(hi_cap);
        ImGui::PopID();
        err(field.c_str());
    };
    groups.push_back([&] {
        {
            Section s("Metric flags", fw);
            pct(s, "Conversion flag %", "conversion_flag", draft_.conversion_flag, "Flag a creator whose orders / clicks is below this.");
            real(s, "Revenue per post multiple", "revenue_per_post_multiple", draft_.revenue_per_post_multiple);
            pct(s, "Output flag %", "output_flag", draft_.output_flag);
            pct(s, "Replace below %", "output_replace", draft_.output_replace);
            whole(s, "Replace after weeks", "output_replace_weeks", draft_.output_replace_weeks);
            pct(s, "Hook retention flag %", "hook_hold_flag", draft_.hook_hold_flag);
            big(s, "Minimum clicks", "min_clicks", draft_.min_clicks);
            big(s, "Minimum views", "min_views", draft_.min_views);
        }
        {
            Section s("Tier targets: active creators, min - max", em(9));
            for (int t = 0; t < 3; ++t) {
                const std::string base = "Tier " + std::to_string(t + 1) + " target";
                TierTarget& tt = draft_.tier_targets[t];
                pair_row(s, base, base + " min", base + " max",
                         [&] { return ImGui::InputInt("##min", &tt.min_active, 0, 0); },
                         [&] { return ImGui::InputInt("##max", &tt.max_active, 0, 0); },
                         "tier_targets[" + std::to_string(t) + "]");
            }
        }
        {
            Section s("Commission-to-revenue band %", em(9));
            for (int t = 0; t < 3; ++t) {
                const std::string base = "Tier " + std::to_string(t + 1) + " band";
                double& lo = draft_.commission_band_min[t];
                double& hi = draft_.commission_band_max[t];
                auto edit = [](const char* id, double& frac) {
                    double v = frac * 100.0;
                    if (!ImGui::InputDouble(id, &v, 0, 0, "%.1f")) return false;
                    frac = v / 100.0;
                    return true;
                };
                pair_row(s, base, base + " low %", base + " high %", [&] { return edit("##lo", lo); },
                         [&] { return edit("##hi", hi); }, "commission_band[" + std::to_string(t) + "]");
            }
        }
        // What was spent, under the thresholds (the shortest column), so Storage stays in view
        // in the first column.
        draw_budget_months(store_.program(), ctx.today, g_section_w);  // the saved settings' numbers (budget_panel.cpp)
    });
    groups.push_back([&] {
        draw_sync();  // the team's server: first in its column, in view as the screen opens
        {
            Section s("Spark Codes", fw);
            whole(s, "Default days", "spark_default_days", draft_.spark_default_days);
            whole(s, "Shortest days", "spark_min_days", draft_.spark_min_days);
            whole(s, "Longest days", "spark_max_days", draft_.spark_max_days);
            whole(s, "Expiry alert days", "spark_expiry_alert_days", draft_.spark_expiry_alert_days);
            whole(s, "Verify alert days", "spark_verify_alert_days", draft_.spark_verify_alert_days);
            whole(s, "Receive alert days", "spark_receive_alert_days", draft_.spark_receive_alert_days);
            pct(s, "Kill below % of organic", "kill_ratio_of_organic", draft_.kill_ratio_of_organic);
            pct(s, "Kill floor %", "kill_floor", draft_.kill_floor);
        }
        {
            Section s("Samples and promotions", fw);
            whole(s, "Sample follow-up days", "sample_followup_days", draft_.sample_followup_days);
            whole(s, "Promotion months", "promotion_months", draft_.promotion_months);
            big(s, "Creator Code followers", "creator_code_min_followers", draft_.creator_code_min_followers);
            whole(s, "Exclusivity alert days", "exclusivity_alert_days", draft_.exclusivity_alert_days);
        }
        {
            Section s("Weekly review", fw);
            whole(s, "Metrics window days", "metrics_window_days", draft_.metrics_window_days);
            whole(s, "Candidate window days", "candidate_window_days", draft_.candidate_window_days);
            whole(s, "Hook-angle window days", "hook_window_days", draft_.hook_window_days);
            whole(s, "Candidates listed", "candidates_max", draft_.candidates_max);
            whole(s, "Margin ranking size", "margin_ranking_size", draft_.margin_ranking_size);
        }
    });

    // The groups flow into as many columns as fit, each column placed by hand.
    const int ncols = std::min<int>(cols, static_cast<int>(groups.size()));
    const float col_gap = em(1.5f);
    g_section_w = (avail - col_gap * static_cast<float>(ncols - 1)) / static_cast<float>(ncols);
    const size_t per = (groups.size() + static_cast<size_t>(ncols) - 1) / static_cast<size_t>(ncols);
    const ImVec2 start = ImGui::GetCursorPos();
    float bottom = start.y;
    for (int c = 0; c < ncols; ++c) {
        ImGui::SetCursorPos(ImVec2(start.x + static_cast<float>(c) * (g_section_w + col_gap), start.y));
        ImGui::BeginGroup();
        ImGui::PushID(c);
        for (size_t g = static_cast<size_t>(c) * per; g < std::min(groups.size(), (static_cast<size_t>(c) + 1) * per); ++g)
            groups[g]();
        ImGui::PopID();
        ImGui::EndGroup();
        bottom = std::max(bottom, ImGui::GetCursorPosY());
    }
    ImGui::SetCursorPos(ImVec2(start.x, bottom));
    ImGui::Dummy(ImVec2(0, 0));
    ImGui::EndChild();

    if (changed) {
        dirty_ = true;
        notice_.clear();
        check();
    }
    draw_reset_popup();
    draw_restore_popup();
}

void SettingsView::draw_storage() {
    // The recovery points are read again when this screen comes into view and after each save.
    const int frame = ImGui::GetFrameCount();
    const bool shown_now = last_drawn_frame_ < frame - 1;
    last_drawn_frame_ = frame;
    const SaveStatus st = persistence_.status();
    if (shown_now) persistence_.forget_restore_message();
    if (shown_now || (st.kind == SaveStatus::saved && listed_revision_ != store_.revision())) {
        listed_revision_ = store_.revision();
        persistence_.refresh_recovery_points();
    }

    const float width = g_section_w;
    section_title("Storage", width);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    const int persisted = persistence_.persisted();
    std::string line;
    ImVec4 color = palette().muted;
    if (persisted == 1) {
        line = "Persistent storage: granted. The browser keeps this program even when the disk runs low; "
               "only clearing this site's data in the browser removes it.";
        color = palette().ok;
    } else if (persisted == 0) {
        line = "Persistent storage: not granted. The browser may clear this program when the disk runs low "
               "or the site goes unused for a long time: export a backup now and then.";
        color = palette().warning;
    } else {
        line = "Persistent storage: not known yet. The browser is asked after the first save.";
    }
    ImGui::TextColored(color, "%s", line.c_str());
    probe_tag("persistent storage", line);
    ImGui::Spacing();
    ImGui::TextUnformatted(
        "Recovery points: the last 5 saved versions, at most one per 10 minutes. Restoring one replaces the "
        "program; Undo brings back what was there.");
    ImGui::PopTextWrapPos();

    const std::string& msg = persistence_.recovery_message();
    const auto& points = persistence_.recovery_points();
    if (!points.empty() &&
        ImGui::BeginTable("##recovery", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH,
                          ImVec2(width, 0))) {
        ImGui::TableSetupColumn("Saved", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Size", ImGuiTableColumnFlags_WidthFixed, em(5));
        ImGui::TableSetupColumn("##restore", ImGuiTableColumnFlags_WidthFixed, em(5));
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < points.size(); ++i) {
            const RecoveryPoint& rp = points[i];
            const std::string n = std::to_string(i + 1);
            const std::string when = saved_time(rp.saved_at);
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(when.c_str());
            ImGui::TableSetColumnIndex(1);
            const std::string size = byte_size(rp.bytes);
            ImGui::TextUnformatted(size.c_str());
            probe_tag("recovery point " + n, when + ", " + size);
            ImGui::TableSetColumnIndex(2);
            if (ImGui::Button("Restore", ImVec2(-FLT_MIN, 0))) {
                restore_id_ = rp.id;
                restore_when_ = when;
                want_restore_ = true;
            }
            probe_tag("restore point " + n, when);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (!msg.empty()) {
        const bool bad = msg.rfind("Not restored", 0) == 0 || msg.rfind("Recovery points could not", 0) == 0;
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        ImGui::TextColored(bad ? palette().error : palette().muted, "%s", msg.c_str());
        ImGui::PopTextWrapPos();
        probe_tag("storage message", msg);
    }
}

void SettingsView::draw_sync() {
    ImGui::EndDisabled();  // (draw's, for the rest of the screen)
    draw_sync_section();
    ImGui::BeginDisabled(read_only_);
}

void SettingsView::draw_sync_section() {
    const SyncState& st = sync_.state();
    const float width = g_section_w;
    section_title("Sync", width);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    if (!sync_typed_) {
        sync_typed_ = true;
        sync_url_ = st.url;
        sync_user_ = st.username;
    }
    if (st.configured) {
        const std::string line = "Database: " + st.url + ", as " + st.username + ".";
        ImGui::TextUnformatted(line.c_str());
        probe_tag("sync database", line);
        const bool bad = st.state == "failed" || st.state == "join";
        const ImVec4 color = st.state == "synced" ? palette().ok : bad ? palette().error : palette().muted;
        ImGui::TextColored(color, "%s", st.text.c_str());
        probe_tag("sync state", st.text);
        if (!persistence_.remote_problem().empty()) {
            const std::string p = "Not put in place: " + persistence_.remote_problem();
            ImGui::TextColored(palette().error, "%s", p.c_str());
            probe_tag("sync problem", p);
        }
        if (st.state == "join") {
            const std::string what = "The database holds the team's program (" + std::to_string(st.join_docs) +
                                     " documents). Open it here to work on it with the team. The program now in this "
                                     "browser is not sent anywhere and stays in this browser's storage, as it is.";
            ImGui::TextUnformatted(what.c_str());
            probe_tag("sync join", what);
            if (primary_button("Open the team's program")) sync_.join();
            ImGui::SameLine();
        }
        if (ImGui::Button("Stop syncing")) sync_.forget();
        ImGui::TextDisabled("Stopping keeps the program here as it is and forgets the password.");
    } else {
        ImGui::TextUnformatted(
            "Work on this program with your team: give a CouchDB database (one per program) and your user name "
            "and password there. They are kept in this browser only, never in a backup or a share link.");
    }
    if (!st.configured || st.state == "failed") {
        ImGui::Spacing();
        ImGui::SetNextItemWidth(width);
        input_string("##sync url", sync_url_, "https://couch.example.com/brand-a");
        probe_tag("sync url", sync_url_);
        ImGui::SetNextItemWidth(width * 0.5f - ImGui::GetStyle().ItemSpacing.x * 0.5f);
        input_string("##sync user", sync_user_, "User name");
        probe_tag("sync user", sync_user_);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(width * 0.5f - ImGui::GetStyle().ItemSpacing.x * 0.5f);
        input_string("##sync password", sync_password_, "Password", ImGuiInputTextFlags_Password);
        probe_tag("sync password", "");
        if (ImGui::Button("Connect")) {
            std::string url = sync_url_;
            while (!url.empty() && (url.back() == ' ' || url.back() == '/')) url.pop_back();
            while (!url.empty() && url.front() == ' ') url.erase(0, 1);
            sync_problem_ = Sync::url_problem(url);
            if (sync_problem_.empty() && sync_user_.empty()) sync_problem_ = "Give your user name on the server.";
            if (sync_problem_.empty() && sync_password_.empty()) sync_problem_ = "Give your password on the server.";
            if (sync_problem_.empty()) sync_.configure(url, sync_user_, sync_password_);
        }
        ImGui::TextDisabled("Connecting reloads the page: from then on it may talk to that server, and to no other.");
        if (!sync_problem_.empty()) {
            ImGui::TextColored(palette().error, "%s", sync_problem_.c_str());
            probe_tag("sync problem", sync_problem_);
        }
    }
    ImGui::PopTextWrapPos();
}

void SettingsView::draw_restore_popup() {
    if (want_restore_) {
        ImGui::OpenPopup("Restore this version?");
        want_restore_ = false;
        restore_open_ = true;
    }
    ImGui::SetNextWindowSize(ImVec2(em(24), 0));
    if (ImGui::BeginPopupModal("Restore this version?", nullptr, ImGuiWindowFlags_NoResize)) {
        if (!restore_open_) {
            ImGui::CloseCurrentPopup();
        } else {
            ImGui::TextWrapped("Replace the whole program with the version saved %s? "
                               "Undo (Ctrl+Z) brings back the program as it is now.",
                               restore_when_.c_str());
            ImGui::Spacing();
            if (primary_button("Restore version")) {
                persistence_.restore(restore_id_);
                restore_open_ = false;
                ImGui::CloseCurrentPopup();
            }
            ImGui::SameLine();
            if (ImGui::Button("Keep the current program")) {
                restore_open_ = false;
                ImGui::CloseCurrentPopup();
            }
        }
        ImGui::EndPopup();
    } else {
        restore_open_ = false;
    }
}

void SettingsView::draw_reset_popup() {
    if (want_reset_) {
        ImGui::OpenPopup("Reset settings?");
        want_reset_ = false;
        reset_open_ = true;
    }
    ImGui::SetNextWindowSize(ImVec2(em(24), 0));
    if (ImGui::BeginPopupModal("Reset settings?", nullptr, ImGuiWindowFlags_NoResize)) {
        if (!reset_open_) {
            ImGui::CloseCurrentPopup();
        } else {
            ImGui::TextWrapped("Put every threshold, tier bound, target and Spark Code default back to its default? "
                               "The program name, currency, week start, start date, monthly budget and your "
                               "name stay. "
                               "Undo (Ctrl+Z) brings your settings back.");
            ImGui::Spacing();
            ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
            const bool yes = ImGui::Button("Reset settings");
            ImGui::PopStyleColor();
            ImGui::SameLine();
            if (ImGui::Button("Keep my settings")) {
                reset_open_ = false;
                ImGui::CloseCurrentPopup();
            }
            if (yes) {
                const Settings& cur = store_.program().settings;
                Settings d;
                d.program_name = cur.program_name;
                d.currency = cur.currency;
                d.week_start = cur.week_start;
                d.program_start = cur.program_start;
                d.monthly_budget = cur.monthly_budget;
                d.user_name = cur.user_name;
                if (store_.update_settings(d).ok) {
                    load();
                    notice_ = "Settings reset to defaults. Undo brings yours back.";
                }
                reset_open_ = false;
                ImGui::CloseCurrentPopup();
            }
        }
        ImGui::EndPopup();
    } else {
        reset_open_ = false;
    }
}

}  // namespace sr::ui
