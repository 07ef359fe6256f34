// The Data screen's preview of a video performance, creator list or paid report export
// (docs/rules.md, "Video performance import", "Creator list import", "Paid reports"): what the file was found to be, what it
// sets, the creators it names that the roster lacks, and the button that applies it as one
// undoable step. The orders summary is in data_view.cpp.
#include <imgui.h>

#include <algorithm>

#include "core/enums.hpp"
#include "core/format.hpp"
#include "core/text.hpp"
#include "data_view.hpp"
#include "form_fields.hpp"
#include "probe.hpp"
#include "style.hpp"

namespace sr::ui {

namespace {

constexpr float kWidthEm = 46;  // as the rest of the screen

void section(const std::string& text) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = std::min(ImGui::GetContentRegionAvail().x, em(kWidthEm));
    ImGui::GetWindowDrawList()->AddLine(p, ImVec2(p.x + w, p.y), ImGui::GetColorU32(ImGuiCol_Separator));
    ImGui::Dummy(ImVec2(w, ImGui::GetStyle().ItemSpacing.y * 0.5f));
}

void note(const std::string& text, const std::string& tag = "") {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + em(kWidthEm));
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    if (!tag.empty()) probe_tag(tag, text);
}

void figure(const char* what, const std::string& value, const char* tag) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(what);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(value.c_str());
    probe_tag(tag, value);
}

std::string plural(int64_t n, const char* one, const char* many) { return fmt_int(n) + " " + (n == 1 ? one : many); }

std::string money_or_dash(const std::optional<double>& v, const std::string& cur) { return v ? fmt_money(*v, cur) : "-"; }

const char* action_name(CreatorListEntry::Action a) {
    switch (a) {
        case CreatorListEntry::Action::add: return "add as prospect";
        case CreatorListEntry::Action::update_followers: return "update followers";
        default: return "unchanged";
    }
}

enum CreatorColumn { cc_handle, cc_followers, cc_video, cc_live, cc_card, cc_action };
enum UnplacedColumn { uc_name, uc_rows, uc_cost, uc_why, uc_code };

// A Spark Code as the ad chooser lists it: "@ngoctram.beauty · 7301234567890123456 · #SPARK+ngoctram30 (live)".
std::string code_label(const Program& p, const SparkCode& c) {
    std::string who = "@?", post = "no post";
    for (const Creator& x : p.creators)
        if (x.id == c.creator_id) who = "@" + x.handle;
    for (const Post& x : p.posts)
        if (x.id == c.post_id) post = x.tiktok_ref.empty() ? "post " + std::to_string(x.id) : content_id_of(x.tiktok_ref);
    if (post.empty()) post = "post " + std::to_string(c.post_id);
    return who + " · " + post + " · " + (c.code.empty() ? "(code blank)" : c.code) + " (" + std::string(name_of(c.status)) + ")";
}

}  // namespace

void DataView::draw_export(Context&) {
    const ExportImport& r = export_;
    const std::string found = r.found();
    section(found + " in " + name_);
    probe_tag("export:found", found);
    const std::string sum = r.summary();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + em(kWidthEm));
    ImGui::TextUnformatted(sum.c_str());
    ImGui::PopTextWrapPos();
    probe_tag("export:summary", sum);
    if (r.family == ExportFamily::videos) draw_video_preview(r.videos);
    else if (r.family == ExportFamily::paid) draw_paid_preview(r.paid);
    else draw_creator_preview(r.creators);

    const ExportChanges* found_changes = r.export_changes();
    if (!found_changes) return;  // orders have their own screen
    const ExportChanges& changes = *found_changes;
    ImGui::Spacing();
    const bool stale = changes.base_revision != store_.revision();
    if (stale) {
        message_line(palette().warning, "The program changed since the file was read: read it again to import.");
        if (primary_button("Read the file again")) {
            start_orders(mapping_);
            stage_ = Stage::reading;
            return;
        }
        ImGui::SameLine();
    } else if (changes.empty()) {
        note("Nothing to change: the program already has every number in this file.", "export:nothing");
        if (primary_button("Close")) return done("Nothing was imported from " + name_ + ".");
        ImGui::SameLine();
    } else {
        std::string label;
        if (r.family == ExportFamily::videos) {
            label = "Update " + plural(r.videos.posts_updated, "post", "posts");
            if (r.videos.posts_created) label += ", add " + plural(r.videos.posts_created, "post", "posts");
        } else if (r.family == ExportFamily::paid) {
            label = "Set " + plural(r.paid.rounds_new + r.paid.rounds_replaced, "paid round", "paid rounds") + " on " +
                    plural(r.paid.codes, "Spark Code", "Spark Codes");
        } else {
            label = r.creators.to_add ? "Add " + plural(r.creators.to_add, "prospect", "prospects") : std::string();
            if (r.creators.followers_updated)
                label += (label.empty() ? "Update " : ", update ") +
                         plural(r.creators.followers_updated, "creator's followers", "creators' followers");
        }
        if (primary_button(label.c_str())) {
            const std::string what = r.family == ExportFamily::videos ? "video performance"
                                     : r.family == ExportFamily::paid ? "paid report"
                                                                      : "creator list";
            CommandResult res = store_.import_export(changes, "Import " + what + " from " + name_);
            if (res.ok) return done("Imported " + name_ + ": " + sum + ". Undo (Ctrl+Z) takes the import back.");
            error_ = res.errors.empty() ? "The import was refused." : res.errors.front().message;
        }
        ImGui::SameLine();
    }
    if (!changes.empty() || stale) {
        if (ImGui::Button("Discard")) return done("Nothing was imported from " + name_ + ".");
        ImGui::SameLine();
    }
    if (ImGui::Button("Change column mapping")) open_field_mapping();
}

void DataView::draw_video_preview(const VideoImport& v) {
    const std::string& cur = store_.program().settings.currency;
    if (ImGui::BeginTable("video summary", 2, ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthFixed, em(16));
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthFixed, em(26));
        figure("Rows read", fmt_int(v.rows) + " (" + plural(v.repeated_rows, "repeated product row", "repeated product rows") + ")",
               "videos:rows");
        figure("Posts to update", fmt_int(v.posts_updated) + " (" + fmt_int(v.posts_unchanged) + " already up to date)",
               "videos:updated");
        figure("New posts", fmt_int(v.posts_created) + " (videos of roster creators no post has)", "videos:created");
        figure("Unknown creators", plural(static_cast<int64_t>(v.unknown_creators.size()), "creator", "creators") + ", " +
                                       plural(v.unknown_videos, "video", "videos") + " (not added)",
               "videos:unknown");
        figure("Views", fmt_int(v.views), "videos:views");
        figure("Product clicks", fmt_int(v.product_clicks), "videos:clicks");
        figure("Est. commission", fmt_money(v.est_commission, cur) + " (not added: see below)", "videos:commission");
        figure("Rows refused", fmt_int(v.problem_count), "videos:refused");
        figure("Rows skipped", fmt_int(v.skipped) + " (column descriptions, totals, empty rows)", "videos:skipped");
        ImGui::EndTable();
    }
    std::string fields;
    for (size_t i = 0; i < v.fields_read.size(); ++i) fields += (i ? ", " : "") + v.fields_read[i];
    note("Read from this file: " + fields + ". Each video's numbers replace its post's (a cell with no value, such as "
         "\"--\" or \"<5\", leaves the post's number as it is); importing the file again changes nothing. Orders, GMV "
         "and commission come from the affiliate-orders export, not from here.",
         "videos:fields");
    if (!v.unknown_creators.empty()) {
        ImGui::Spacing();
        std::string names;
        for (size_t i = 0; i < v.unknown_creators.size() && i < 20; ++i)
            names += (i ? ", @" : "@") + v.unknown_creators[i].username + " (" +
                     plural(v.unknown_creators[i].videos, "video", "videos") + ")";
        if (v.unknown_creators.size() > 20) names += ", ...";
        note("Not on the roster, so their videos are left out: " + names +
                 ". Add them on the Roster screen, then import the file again.",
             "videos:unknown-list");
    }
    draw_export_rows(v.problems);
}

void DataView::draw_paid_preview(const PaidImport& v) {
    const std::string& cur = store_.program().settings.currency;
    if (ImGui::BeginTable("paid summary", 2, ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthFixed, em(16));
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthFixed, em(26));
        figure("Rows read", fmt_int(v.rows) + " (" + fmt_int(v.rows_placed) + " placed on a Spark Code)", "paid:rows");
        figure("Rounds", fmt_int(v.rounds) + ": " + fmt_int(v.rounds_new) + " new, " + fmt_int(v.rounds_replaced) +
                             " replacing the round of that day, " + fmt_int(v.rounds_unchanged) + " already there",
               "paid:rounds");
        figure("Spark Codes", fmt_int(v.codes), "paid:codes");
        figure("Cost placed", fmt_money(v.cost, cur), "paid:cost");
        figure("Rounds dated", v.by_day ? std::string("by the file's By Day column")
                                        : v.undated_day.to_string() + " (today: the report has no day column)",
               "paid:dated");
        figure("Not placed", plural(static_cast<int64_t>(v.unplaced.size()), "ad", "ads"), "paid:unplaced");
        figure("Rows refused", fmt_int(v.problem_count), "paid:refused");
        figure("Rows skipped", fmt_int(v.skipped) + " (column descriptions, totals, empty rows)", "paid:skipped");
        ImGui::EndTable();
    }
    note("Each row goes to the Spark Code running the post it promotes: by its Video ID, or by a video id or a "
         "Spark Code written in the ad's name. The rows of one code and day make one round, replacing any round of "
         "that day, so importing the report again changes nothing. The 2- and 6-second view rates are kept with "
         "the round: the nearest figures the exports give to the 3-second hold.",
         "paid:what");
    if (!v.unplaced.empty()) draw_unplaced(v);
    draw_export_rows(v.problems);
}

// The ads a paid report could not place: why, and for an ad known by its name alone, a chooser of
// the program's Spark Codes (by creator and post). A choice is kept in the program
// (Store::set_ad_code: undoable, in the backup, used by the next report) and the file is read
// again with it.
void DataView::draw_unplaced(const PaidImport& v) {
    const Program& prog = store_.program();
    const std::string& cur = prog.settings.currency;
    ImGui::Spacing();
    note("Not placed: left out of the rounds. An ad known only by its name can be placed on a Spark Code here; the "
         "choice is kept for the next reports (Undo takes it back). Otherwise name the code or the video id in the "
         "ad's name, or add the post and its code, then import again.",
         "paid:unplaced-what");
    const TableColumns columns = {
        {"Ad", uc_name, 1.6f, ImGuiTableColumnFlags_DefaultSort, ColumnKind::text,
         [&](size_t i) { return csv::Cell::text(v.unplaced[i].name); }},
        {"Rows", uc_rows, 0.5f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::number,
         [&](size_t i) { return csv::Cell::integer(v.unplaced[i].rows); }},
        {"Cost", uc_cost, 0.7f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
         [&](size_t i) { return csv::Cell::money(v.unplaced[i].cost); }},
        {"Why", uc_why, 1.6f, 0, ColumnKind::text, [&](size_t i) { return csv::Cell::text(v.unplaced[i].reason); }},
        {"Spark Code", uc_code, 2.0f, ImGuiTableColumnFlags_NoSort, ColumnKind::text, nullptr},
    };
    if (unplaced_order_.size() != v.unplaced.size()) {
        unplaced_order_.resize(v.unplaced.size());
        for (size_t i = 0; i < unplaced_order_.size(); ++i) unplaced_order_[i] = i;
    }
    const float rows_shown = static_cast<float>(std::min<size_t>(v.unplaced.size(), 10) + 1);
    const ImVec2 size(std::min(ImGui::GetContentRegionAvail().x, em(64)), ImGui::GetFrameHeightWithSpacing() * (rows_shown + 0.5f));
    if (!ImGui::BeginTable("unplaced ads", static_cast<int>(columns.size()), kDataTableFlags, size)) return;
    setup_columns(columns, "unplaced");
    if (take_sort(unplaced_sort_)) {
        sort_rows(unplaced_order_, unplaced_sort_,
                  [&](size_t a, size_t b, int col) {
                      const UnplacedAd &x = v.unplaced[a], &y = v.unplaced[b];
                      switch (col) {
                          case uc_rows: return cmp3(x.rows, y.rows);
                          case uc_cost: return cmp3(x.cost, y.cost);
                          case uc_why: return cmp3(x.reason, y.reason);
                          default: return cmp3(lower(x.name), lower(y.name));
                      }
                  },
                  [](size_t a, size_t b) { return a < b; });
    }
    std::string place_name;
    Id place_code = 0;
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(unplaced_order_.size()));
    while (clip.Step()) {
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
            const size_t at = unplaced_order_[static_cast<size_t>(i)];
            const UnplacedAd& u = v.unplaced[at];
            ImGui::PushID(static_cast<int>(at));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(u.name.c_str());
            ImGui::TableNextColumn();
            right_aligned(fmt_int(u.rows));
            ImGui::TableNextColumn();
            right_aligned(fmt_money(u.cost, cur));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(u.reason.c_str());
            probe_tag("paid:unplaced:" + u.name, u.reason + " (" + plural(u.rows, "row", "rows") + ", " + fmt_money(u.cost, cur) + ")");
            ImGui::TableNextColumn();
            if (u.by_name && !prog.spark_codes.empty()) {
                ImGui::SetNextItemWidth(-FLT_MIN);
                if (ImGui::BeginCombo("##code", "Choose its Spark Code…")) {
                    for (const SparkCode& c : prog.spark_codes) {
                        ImGui::PushID(static_cast<int>(c.id));
                        const std::string label = code_label(prog, c);
                        if (ImGui::Selectable(label.c_str())) place_name = u.name, place_code = c.id;
                        ImGui::PopID();
                    }
                    ImGui::EndCombo();
                }
                probe_tag("paid:choose:" + u.name, "Choose its Spark Code…");
            } else {
                ImGui::TextDisabled("%s", u.by_name ? "no Spark Code in the program" : "-");
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    if (place_code) {
        CommandResult res = store_.set_ad_code(place_name, place_code);
        if (!res.ok) {
            error_ = res.errors.empty() ? "The ad could not be placed." : res.errors.front().message;
            return;
        }
        for (const SparkCode& c : prog.spark_codes)
            if (c.id == place_code) notice_ = "The ad \"" + place_name + "\" is placed on " + code_label(prog, c) +
                                              ", for this report and the next ones; " + name_ + " is read again.";
        error_.clear();
        start_orders(mapping_);
        stage_ = Stage::reading;
    }
}

void DataView::draw_creator_preview(const CreatorListImport& c) {
    const std::string& cur = store_.program().settings.currency;
    note("Creators not on the roster are added as prospects with their followers and the GMV this file gives them "
         "(shown on their creator screen as TikTok's figure, not this program's orders); a creator already there gets "
         "the followers this file says.",
         "creators:what");
    const TableColumns columns = {
        {"Creator", cc_handle, 1.4f, ImGuiTableColumnFlags_DefaultSort, ColumnKind::text,
         [&](size_t i) { return csv::Cell::text("@" + c.entries[i].handle); }},
        {"Followers", cc_followers, 1.0f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::number,
         [&](size_t i) { return csv::Cell::integer(c.entries[i].followers.value_or(0)); }},
        {"Video GMV", cc_video, 1.0f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
         [&](size_t i) { return csv::Cell::money(c.entries[i].video_gmv.value_or(0)); }},
        {"LIVE GMV", cc_live, 1.0f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
         [&](size_t i) { return csv::Cell::money(c.entries[i].live_gmv.value_or(0)); }},
        {"Product card GMV", cc_card, 1.1f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
         [&](size_t i) { return csv::Cell::money(c.entries[i].card_gmv.value_or(0)); }},
        {"Import does", cc_action, 1.3f, 0, ColumnKind::text,
         [&](size_t i) { return csv::Cell::text(action_name(c.entries[i].action)); }},
    };
    if (creator_order_.size() != c.entries.size()) {
        creator_order_.resize(c.entries.size());
        for (size_t i = 0; i < creator_order_.size(); ++i) creator_order_[i] = i;
    }
    const float rows_shown = static_cast<float>(std::min<size_t>(c.entries.size(), 12) + 1);
    const ImVec2 size(std::min(ImGui::GetContentRegionAvail().x, em(60)), ImGui::GetFrameHeightWithSpacing() * (rows_shown + 0.5f));
    if (!c.entries.empty() && ImGui::BeginTable("creator preview", static_cast<int>(columns.size()), kDataTableFlags, size)) {
        setup_columns(columns, "creators");
        if (take_sort(creator_sort_)) {
            auto opt = [](const std::optional<double>& x) { return x.value_or(-1.0); };
            sort_rows(creator_order_, creator_sort_,
                      [&](size_t a, size_t b, int col) {
                          const CreatorListEntry &x = c.entries[a], &y = c.entries[b];
                          switch (col) {
                              case cc_followers: return cmp3(x.followers.value_or(-1), y.followers.value_or(-1));
                              case cc_video: return cmp3(opt(x.video_gmv), opt(y.video_gmv));
                              case cc_live: return cmp3(opt(x.live_gmv), opt(y.live_gmv));
                              case cc_card: return cmp3(opt(x.card_gmv), opt(y.card_gmv));
                              case cc_action: return cmp3(static_cast<int>(x.action), static_cast<int>(y.action));
                              default: return cmp3(lower(x.handle), lower(y.handle));
                          }
                      },
                      [](size_t a, size_t b) { return a < b; });
        }
        ImGuiListClipper clip;
        clip.Begin(static_cast<int>(creator_order_.size()));
        while (clip.Step()) {
            for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
                const CreatorListEntry& e = c.entries[creator_order_[static_cast<size_t>(i)]];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(("@" + e.handle).c_str());
                ImGui::TableNextColumn();
                std::string followers = e.followers ? fmt_int(*e.followers) : "-";
                if (e.action == CreatorListEntry::Action::update_followers) followers += " (was " + fmt_int(e.followers_before) + ")";
                right_aligned(followers);
                probe_tag("creators:followers:" + e.handle, followers);
                ImGui::TableNextColumn();
                right_aligned(money_or_dash(e.video_gmv, cur));
                probe_tag("creators:video:" + e.handle, money_or_dash(e.video_gmv, cur));
                ImGui::TableNextColumn();
                right_aligned(money_or_dash(e.live_gmv, cur));
                probe_tag("creators:live:" + e.handle, money_or_dash(e.live_gmv, cur));
                ImGui::TableNextColumn();
                right_aligned(money_or_dash(e.card_gmv, cur));
                probe_tag("creators:card:" + e.handle, money_or_dash(e.card_gmv, cur));
                ImGui::TableNextColumn();
                if (e.action == CreatorListEntry::Action::add) ImGui::TextColored(palette().ok, "%s", action_name(e.action));
                else ImGui::TextUnformatted(action_name(e.action));
                probe_tag("creators:action:" + e.handle, action_name(e.action));
            }
        }
        ImGui::EndTable();
    }
    draw_export_rows(c.problems);
}

void DataView::draw_export_rows(const std::vector<RowProblem>& refused) {
    if (refused.empty()) return;
    ImGui::Spacing();
    ImGui::TextUnformatted("Rows refused (left out; the rest imports):");
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingFixedFit;
    const float rows_shown = static_cast<float>(std::min<size_t>(refused.size(), 8) + 1);
    const ImVec2 size(std::min(ImGui::GetContentRegionAvail().x, em(60)), ImGui::GetFrameHeightWithSpacing() * (rows_shown + 0.5f));
    if (ImGui::BeginTable("export refused rows", 2, flags, size)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Row", ImGuiTableColumnFlags_WidthFixed, em(4));
        ImGui::TableSetupColumn("Reason", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        ImGuiListClipper clip;
        clip.Begin(static_cast<int>(refused.size()));
        while (clip.Step()) {
            for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
                const RowProblem& p = refused[static_cast<size_t>(i)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::Text("%lld", static_cast<long long>(p.row));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(p.reason.c_str());
                if (i == 0) probe_tag("export:first refused", "row " + std::to_string(p.row) + ": " + p.reason);
            }
        }
        ImGui::EndTable();
    }
}

}  // namespace sr::ui
