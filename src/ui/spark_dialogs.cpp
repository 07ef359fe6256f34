#include "spark_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "core/enums.hpp"
#include "core/format.hpp"
#include "core/metrics.hpp"
#include "core/creators.hpp"
#include "core/input.hpp"
#include "core/validate.hpp"
#include "form_fields.hpp"
#include "probe.hpp"
#include "spark_parts.hpp"
#include "style.hpp"
#include "table_util.hpp"

// Spark Codes: the dialogs (record a received code; confirm a kill or a revoke).
namespace sr::ui {

using namespace spark_parts;

// ------------------------------------------------------------------ dialogs
void SparkView::draw_receive_dialog(Context& ctx) {
    const Program& p = store_.program();
    const char* name = "Record a received code##dlg";
    if (want_receive_) {
        ImGui::OpenPopup(name);
        want_receive_ = false;
    }
    ImGui::SetNextWindowSize(ImVec2(em(26), 0));
    const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(name, nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings)) return;
    dialog_open_ = true;
    ReceiveForm& f = receive_;
    ImGui::TextWrapped("What the creator sent back: the post, the code, its length and the day it was generated. "
                       "The expiry is worked out, never typed.");
    const float w = -FLT_MIN;
    text_field("Creator handle", "##rhandle", f.handle, sizeof f.handle, w, "@handle");
    const std::string key = lower(normalize_handle(f.handle));
    const Creator* who = nullptr;
    if (!key.empty())
        for (const Creator& c : p.creators)
            if (handle_key(c.handle) == key) who = &c;
    if (who) ImGui::TextDisabled("%s · %s", who->display_name.c_str(), tier_name(effective_tier(*who, p.settings)));
    else if (!key.empty()) ImGui::TextColored(palette().warning, "No creator with that handle on the roster.");
    field_error(f.errors, "creator_id");

    caption("Post");
    ImGui::SetNextItemWidth(w);
    if (who && f.post_id) {
        const Post* x = post_of(p, f.post_id);
        if (!x || x->creator_id != who->id) f.post_id = 0;
    }
    const std::string preview = f.post_id ? post_label(p, f.post_id) : (who ? "Choose a post" : "Type a handle first");
    if (ImGui::BeginCombo("##rpost", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (who) {
            for (const Post& x : p.posts) {
                if (x.creator_id != who->id) continue;
                ImGui::PushID(static_cast<int>(x.id));
                std::string label = post_label(p, x.id);
                if (!x.tiktok_ref.empty()) label += " · " + x.tiktok_ref;
                if (ImGui::Selectable(label.c_str(), f.post_id == x.id)) f.post_id = x.id;
                probe_tag("post:" + std::to_string(x.id));
                ImGui::PopID();
            }
        }
        ImGui::EndCombo();
    }
    probe_tag("Post");
    field_error(f.errors, "post_id");

    text_field("Code", "##rcode", f.code, sizeof f.code, w, "#...");
    field_error(f.errors, "code");
    field_row(2, [&](int i, float w) {
        if (i == 0) {
            caption("Authorization days");
            ImGui::SetNextItemWidth(w);
            ImGui::InputInt("##rdays", &f.days, 0);
            probe_tag("Authorization days");
            wrapped_error(f.errors, "duration_days", w);
        } else {
            text_field("Generated on", "##rgen", f.generated, sizeof f.generated, w, "YYYY-MM-DD");
            wrapped_error(f.errors, "generated", w);
        }
    });
    if (auto g = Date::parse(trim(f.generated)))
        ImGui::TextDisabled("Expires %s.", g->plus_days(f.days).to_string().c_str());

    ImGui::Spacing();
    if (primary_button("Record code")) {
        f.errors.clear();
        SparkHandoff h;
        std::string why;
        std::optional<Date> gen;
        if (!who) f.errors["creator_id"] = key.empty() ? "Type the creator's handle." : "No creator with that handle.";
        if (!f.post_id) f.errors["post_id"] = "Choose the post the code is for.";
        if (!read_date(f.generated, gen, why, true)) f.errors["generated"] = why;
        if (f.errors.empty()) {
            h.creator_id = who->id;
            h.post_id = f.post_id;
            h.code = f.code;
            h.duration_days = f.days;
            h.generated = *gen;
            CommandResult r = store_.receive_spark_code(h, ctx.today);
            if (!r.ok) {
                for (const FieldError& e : r.errors) f.errors.emplace(e.field, e.message);
                if (f.errors.count("status")) f.errors["post_id"] = f.errors["status"];
            } else {
                report(r, "Recorded the code from @" + who->handle + ".");
                form_for_ = 0;  // load the new record's panel fresh
                ctx.nav.go("spark", r.id);
                ImGui::CloseCurrentPopup();
            }
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || close_requested_) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void SparkView::draw_confirm_dialog(Context& ctx) {
    const char* name = "Confirm##spark";
    if (want_confirm_ != Confirm::none && !ImGui::IsPopupOpen(name)) ImGui::OpenPopup(name);
    ImGui::SetNextWindowSize(ImVec2(em(24), 0));
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(name, nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings)) {
        want_confirm_ = Confirm::none;
        return;
    }
    dialog_open_ = true;
    const SparkCode* c = selected_ ? store_.find_spark_code(selected_) : nullptr;
    const bool kill = want_confirm_ == Confirm::kill;
    if (!c || want_confirm_ == Confirm::none) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const std::string who = handle_of(store_.program(), c->creator_id);
    if (kill)
        ImGui::TextWrapped("Kill the Spark Ad of %s? The code is marked killed and stops counting as valid. "
                           "Undo (Ctrl+Z) brings it back.", who.c_str());
    else
        ImGui::TextWrapped("Revoke the Spark Code of %s? It can no longer run an ad. Undo (Ctrl+Z) brings it back.",
                           who.c_str());
    caption("Reason");
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputText("##confirm-reason", confirm_reason_, sizeof confirm_reason_);
    probe_tag("Reason");
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    const bool yes = ImGui::Button(kill ? "Kill Spark Ad" : "Revoke code");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    const bool no = ImGui::Button("Keep it") || close_requested_;
    if (yes) {
        CommandResult r = kill ? store_.kill_spark_code(c->id, ctx.today, confirm_reason_)
                               : store_.revoke_spark_code(c->id, ctx.today, confirm_reason_);
        report(r, std::string(kill ? "Killed" : "Revoked") + " the code of " + who + ". Undo brings it back.");
    }
    if (yes || no) {
        want_confirm_ = Confirm::none;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace sr::ui
