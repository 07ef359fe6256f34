#include "creator_edit.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "core/creator_velocity.hpp"
#include "core/creators.hpp"
#include "core/exclusivity.hpp"
#include "core/format.hpp"
#include "core/input.hpp"
#include "core/rules.hpp"
#include "core/validate.hpp"
#include "probe.hpp"
#include "style.hpp"

namespace sr::ui {

namespace {

void heading(const char* title) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    ImGui::TextUnformatted(title);
    ImGui::PopStyleColor();
    ImGui::Separator();
}

// A short text field with its caption above, tagged by the caption for tests.
void field(const char* cap, const char* id, char* buf, size_t size, float width, const char* hint = nullptr) {
    caption(cap);
    ImGui::SetNextItemWidth(width);
    ImGui::InputTextWithHint(id, hint ? hint : "", buf, size);
    probe_tag(cap, buf);
}

// The lowest bottom of the items drawn so far in a row of groups, in window coordinates.
struct RowBottom {
    float y = 0;
    void take() { y = std::max(y, ImGui::GetItemRectMax().y - ImGui::GetWindowPos().y + ImGui::GetScrollY()); }
    void finish() const { ImGui::SetCursorPosY(std::max(y + ImGui::GetStyle().ItemSpacing.y, ImGui::GetCursorPosY())); }
};

// n fields side by side, each `w` wide.
float field_width(int n) {
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    return (ImGui::GetContentRegionAvail().x - gap * static_cast<float>(n - 1)) / static_cast<float>(n);
}

// A row of n fields side by side from the cursor, each with its error under it, wrapped to the
// field's width; finish() puts the cursor under the tallest.
struct FieldRow {
    ImVec2 start = ImGui::GetCursorPos();
    float w, gap = ImGui::GetStyle().ItemSpacing.x;
    RowBottom bottom;
    explicit FieldRow(int n) : w(field_width(n)) {}
    void at(int col, float dy = 0) const { ImGui::SetCursorPos(ImVec2(start.x + static_cast<float>(col) * (w + gap), start.y + dy)); }
    void text(int col, const char* cap, const char* id, char* buf, size_t size, const char* hint, const FieldErrors& errors,
              const std::string& error_key) {
        at(col);
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
        field(cap, id, buf, size, w, hint);
        if (!error_key.empty()) field_error(errors, error_key);
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        bottom.take();
    }
    void finish() const { bottom.finish(); }
};

std::string post_choice(const Program& p, Id id) {
    if (!id) return "no post";
    for (const Post& x : p.posts)
        if (x.id == id)
            return "post " + std::to_string(x.id) + (x.published ? " · " + x.published->to_string() : std::string());
    return "post " + std::to_string(id);
}

}  // namespace

void CreatorEdit::load(const Creator& c, Date today) {
    if (c.exclusivity) {
        copy_to(ex_start_, c.exclusivity->start.to_string());
        copy_to(ex_end_, c.exclusivity->end.to_string());
        copy_to(ex_category_, c.exclusivity->category);
    } else {
        copy_to(ex_start_, today.to_string());
        ex_end_[0] = 0;
        copy_to(ex_category_, c.categories.empty() ? std::string() : c.categories[0]);
    }
    if (c.creator_code) {
        copy_to(code_, c.creator_code->code);
        copy_to(scans_, std::to_string(c.creator_code->scans));
        copy_to(uses_, std::to_string(c.creator_code->uses));
        char e[32];
        std::snprintf(e, sizeof e, "%.2f", c.creator_code->estimated_earnings);
        copy_to(earnings_, e);
        adult_ = c.creator_code->age_18_plus;
    } else {
        code_[0] = 0;
        copy_to(scans_, "0");
        copy_to(uses_, "0");
        copy_to(earnings_, "0");
        adult_ = false;
    }
    pin_ = c.pinned_tier;
    // Notes typed and not saved stay when another command changes the record.
    if (notes_ == notes_base_) notes_ = c.notes;
    notes_base_ = c.notes;
    load_incident(c);
}

void CreatorEdit::load_incident(const Creator& c) {
    const ComplianceIncident* x = nullptr;
    for (const ComplianceIncident& i : c.compliance)
        if (i.id == incident_) x = &i;
    if (!x && !c.compliance.empty()) x = &c.compliance.back();
    incident_ = x ? x->id : 0;
    copy_to(inc_date_, x ? x->date.to_string() : "");
    copy_to(inc_kind_, x ? x->kind : "");
    copy_to(inc_note_, x ? x->note : "");
    inc_post_ = x ? x->post_id : 0;
    inc_resolved_ = x && x->resolved;
}

void CreatorEdit::report(const CommandResult& r, const std::string& done, const char* part) {
    errors_.clear();
    notice_.clear();
    notice_part_ = part;
    if (!r.ok) {
        for (const FieldError& e : r.errors) errors_.emplace(e.field, e.message);
        if (!r.errors.empty()) notice_ = "Refused: " + r.errors[0].message;
        return;
    }
    notice_ = done;
}

void CreatorEdit::draw(Context& ctx, const Creator& c) {
    if (for_ != c.id) {
        for_ = c.id;
        incident_ = 0;
        errors_.clear();
        notice_.clear();
        pin_reason_[0] = 0;
        notes_.clear();
        notes_base_.clear();
        load(c, ctx.today);
        revision_ = store_.revision();
    } else if (revision_ != store_.revision()) {
        load(c, ctx.today);  // a command or an undo changed the record: show what it holds now
        revision_ = store_.revision();
    }
    ImGui::PushID("creator-edit");
    draw_velocity(ctx, c);
    draw_exclusivity(ctx, c);
    draw_code(c);
    draw_incidents(ctx, c);
    draw_tier(ctx, c);
    ImGui::PopID();
}

// Free notes on the creator (what was agreed by message, how they like to be briefed, ...).
void CreatorEdit::draw_notes(const Creator& c) {
    ImGui::PushID("creator-notes");
    heading("Notes");
    input_multiline("##notes", notes_, ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 4 + ImGui::GetStyle().FramePadding.y * 2));
    probe_tag("Notes", notes_);
    const bool changed = notes_ != c.notes;
    ImGui::BeginDisabled(!changed);
    if (ImGui::Button("Save notes")) {
        Creator next = c;
        next.notes = notes_;
        report(store_.update_creator(next), "Saved the notes.", "notes");
    }
    ImGui::EndDisabled();
    if (changed) {
        ImGui::SameLine();
        if (ImGui::Button("Discard")) notes_ = notes_base_ = c.notes;
        ImGui::SameLine();
        ImGui::TextDisabled("not saved yet");
    }
    if (std::string(notice_part_) == "notes" && !notice_.empty())
        message_line(errors_.empty() ? palette().ok : palette().error, notice_, "notes notice");
    ImGui::PopID();
}

// Posts a week over the 12 full weeks before the review week, as bars against the agreed
// output a week (a line), with the last four weeks against the agreed month.
void CreatorEdit::draw_velocity(Context& ctx, const Creator& c) {
    heading("Content velocity");
    const CreatorWeeks v = creator_velocity(store_.program(), c, ctx.today);
    char avg[64];
    std::snprintf(avg, sizeof avg, "%.1f", v.average);
    std::string line = std::string("Posts a week, last 12 full weeks: ") + avg + " on average";
    if (v.agreed_per_week) {
        char per[32];
        std::snprintf(per, sizeof per, "%.2g", *v.agreed_per_week);
        line += " against " + std::string(per) + " agreed (" + std::to_string(v.agreed) + " a month); last 4 weeks " +
                std::to_string(v.last4) + " of " + std::to_string(v.agreed) + " (" + fmt_percent(*v.rate, 0) + ")";
    } else {
        line += "; no agreed output";
    }
    ImGui::PushTextWrapPos(0.0f);
    if (v.rate && *v.rate < 1.0 - 1e-12) ImGui::TextColored(palette().warning, "%s", line.c_str());
    else ImGui::TextUnformatted(line.c_str());
    ImGui::PopTextWrapPos();
    std::string weeks;
    for (const WeekCount& w : v.weeks) weeks += (weeks.empty() ? "" : ",") + std::to_string(w.posts);
    probe_tag("creator velocity", line);
    probe_tag("creator velocity weeks", weeks);
    // The bars, in font units.
    const float h = em(3.5f);
    const float w = ImGui::GetContentRegionAvail().x;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(w, h));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Posts a week from %s: %s", v.weeks.front().week_start.to_string().c_str(),
                                                  weeks.c_str());
    int top = 1;
    for (const WeekCount& x : v.weeks) top = std::max(top, x.posts);
    const double ceiling = std::max<double>(top, v.agreed_per_week.value_or(0));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float slot = w / static_cast<float>(v.weeks.size());
    for (size_t i = 0; i < v.weeks.size(); ++i) {
        const float bh = static_cast<float>(v.weeks[i].posts / ceiling) * h;
        const float x0 = o.x + slot * static_cast<float>(i) + slot * 0.15f;
        dl->AddRectFilled(ImVec2(x0, o.y + h - bh), ImVec2(x0 + slot * 0.7f, o.y + h),
                          ImGui::GetColorU32(palette().accent));
    }
    if (v.agreed_per_week) {
        const float y = o.y + h - static_cast<float>(*v.agreed_per_week / ceiling) * h;
        dl->AddLine(ImVec2(o.x, y), ImVec2(o.x + w, y), ImGui::GetColorU32(palette().warning), std::max(1.0f, em(0.1f)));
    }
}

void CreatorEdit::draw_exclusivity(Context& ctx, const Creator& c) {
    heading("Exclusivity window");
    for (const ExclusivityNote& n : exclusivity_notes_for(store_.program(), c.id, ctx.today)) {
        const bool alert = n.kind == ExclusivityNoteKind::ends_soon;
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(alert ? palette().error : palette().warning, "%s", n.message.c_str());
        ImGui::PopTextWrapPos();
        probe_tag(alert ? "exclusivity alert" : "exclusivity overlap", n.message);
    }
    if (!c.exclusivity) ImGui::TextDisabled("No exclusivity window.");
    FieldRow row(3);
    row.text(0, "Exclusive from", "##exfrom", ex_start_, sizeof ex_start_, "YYYY-MM-DD", errors_, "exclusivity.start");
    row.text(1, "Exclusive to", "##exto", ex_end_, sizeof ex_end_, "YYYY-MM-DD", errors_, "exclusivity.end");
    row.text(2, "Exclusive category", "##excat", ex_category_, sizeof ex_category_, "empty = every category", errors_, "");
    row.finish();
    field_error(errors_, "exclusivity");
    if (ImGui::Button("Save exclusivity")) {
        errors_.clear();
        notice_.clear();
        std::optional<Date> from, to;
        std::string why;
        if (!read_date(ex_start_, from, why, true)) errors_["exclusivity.start"] = why;
        if (!read_date(ex_end_, to, why, true)) errors_["exclusivity.end"] = why;
        if (errors_.empty()) {
            Creator next = c;
            next.exclusivity = Exclusivity{*from, *to, trim(ex_category_)};
            report(store_.update_creator(next), "Saved the exclusivity window.", "exclusivity");
        } else {
            notice_part_ = "exclusivity";
        }
    }
    if (c.exclusivity) {
        ImGui::SameLine();
        if (ImGui::Button("Remove exclusivity")) {
            Creator next = c;
            next.exclusivity.reset();
            report(store_.update_creator(next), "Removed the exclusivity window.", "exclusivity");
        }
    }
    if (std::string(notice_part_) == "exclusivity" && !notice_.empty())
        message_line(errors_.empty() ? palette().ok : palette().error, notice_, "exclusivity notice");
}

void CreatorEdit::draw_code(const Creator& c) {
    const Settings& s = store_.program().settings;
    heading("Edit the Creator Code");
    field("Code as TikTok shows it", "##ccode", code_, sizeof code_, -FLT_MIN, "the Creator Code");
    FieldRow row(4);
    const char* caps[3] = {"Scans", "Uses", "Estimated earnings"};
    char* bufs[3] = {scans_, uses_, earnings_};
    const size_t sizes[3] = {sizeof scans_, sizeof uses_, sizeof earnings_};
    for (int i = 0; i < 3; ++i)
        row.text(i, caps[i], (std::string("##cc") + std::to_string(i)).c_str(), bufs[i], sizes[i], nullptr, errors_,
                 std::string("creator_code.") + caps[i]);
    row.at(3, ImGui::GetTextLineHeightWithSpacing());
    check_box("Creator is 18+", &adult_);
    row.bottom.take();
    row.finish();
    // Eligibility with the confirmation as ticked here, before saving.
    Creator draft = c;
    draft.creator_code = CreatorCode{};
    draft.creator_code->age_18_plus = adult_;
    const Eligibility e = creator_code_eligibility(draft, s);
    std::string elig = e.ok ? "Eligible: " + fmt_int(c.followers) + " followers (" + fmt_int(s.creator_code_min_followers) +
                                  "+) and 18+ confirmed"
                            : "Not eligible";
    for (size_t i = 0; i < e.reasons.size(); ++i) elig += (i ? "; " : ": ") + e.reasons[i];
    message_line(e.ok ? palette().ok : palette().warning, elig, "creator code draft eligibility");
    field_error(errors_, "creator_code");
    field_error(errors_, "creator_code.uses");
    if (ImGui::Button("Save Creator Code")) {
        errors_.clear();
        notice_.clear();
        notice_part_ = "code";
        CreatorCode k;
        k.code = trim(code_);
        std::string why;
        if (k.code.empty()) errors_["creator_code"] = "Type the code first.";
        if (!read_count(scans_, k.scans, why, "Scans")) errors_["creator_code.Scans"] = why;
        if (!read_count(uses_, k.uses, why, "Uses")) errors_["creator_code.Uses"] = why;
        if (!read_amount(earnings_, k.estimated_earnings, why, "Estimated earnings"))
            errors_["creator_code.Estimated earnings"] = why;
        k.age_18_plus = adult_;
        if (errors_.empty()) report(store_.set_creator_code(c.id, k), "Saved the Creator Code.", "code");
        else notice_ = "Refused: " + errors_.begin()->second;
    }
    if (c.creator_code) {
        ImGui::SameLine();
        if (ImGui::Button("Remove Creator Code"))
            report(store_.set_creator_code(c.id, std::nullopt), "Removed the Creator Code.", "code");
    }
    if (std::string(notice_part_) == "code" && !notice_.empty())
        message_line(errors_.empty() ? palette().ok : palette().error, notice_, "creator code notice");
}

void CreatorEdit::draw_incidents(Context& ctx, const Creator& c) {
    (void)ctx;
    const Program& p = store_.program();
    heading("Edit an incident");
    auto notice = [&] {
        if (std::string(notice_part_) == "incident" && !notice_.empty())
            message_line(errors_.empty() ? palette().ok : palette().error, notice_, "incident notice");
    };
    if (c.compliance.empty()) {
        ImGui::TextDisabled("No incident to edit: add one above.");
        notice();  // "Removed the incident" stays in view after the last one goes
        return;
    }
    const ComplianceIncident* cur = nullptr;
    for (const ComplianceIncident& x : c.compliance)
        if (x.id == incident_) cur = &x;
    if (!cur) {
        load_incident(c);
        for (const ComplianceIncident& x : c.compliance)
            if (x.id == incident_) cur = &x;
    }
    auto label_of = [](const ComplianceIncident& x) {
        return x.date.to_string() + " · " + x.kind + (x.resolved ? " (resolved)" : "");
    };
    caption("Incident");
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::BeginCombo("##incident", cur ? label_of(*cur).c_str() : "")) {
        for (const ComplianceIncident& x : c.compliance) {
            ImGui::PushID(static_cast<int>(x.id));
            if (ImGui::Selectable(label_of(x).c_str(), x.id == incident_)) {
                incident_ = x.id;
                load_incident(c);
            }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    probe_tag("Incident", cur ? label_of(*cur) : "");
    FieldRow row(2);
    row.text(0, "Incident date", "##incdate", inc_date_, sizeof inc_date_, "YYYY-MM-DD", errors_, "incident.date");
    row.text(1, "What happened", "##inckind", inc_kind_, sizeof inc_kind_, "missing disclosure", errors_, "kind");
    row.finish();
    field("Incident note", "##incnote", inc_note_, sizeof inc_note_, -FLT_MIN, "optional");
    FieldRow row2(2);
    ImGui::BeginGroup();
    caption("About post");
    ImGui::SetNextItemWidth(row2.w);
    if (ImGui::BeginCombo("##incpost", post_choice(p, inc_post_).c_str())) {
        if (ImGui::Selectable("no post", inc_post_ == 0)) inc_post_ = 0;
        for (const Post& x : p.posts) {
            if (x.creator_id != c.id) continue;
            ImGui::PushID(static_cast<int>(x.id));
            const std::string label = post_choice(p, x.id);
            if (ImGui::Selectable(label.c_str(), x.id == inc_post_)) inc_post_ = x.id;
            probe_tag("incident post:" + std::to_string(x.id));
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    probe_tag("About post", post_choice(p, inc_post_));
    field_error(errors_, "post_id");
    ImGui::EndGroup();
    row2.bottom.take();
    row2.at(1, ImGui::GetTextLineHeightWithSpacing());
    check_box("Resolved", &inc_resolved_);
    row2.bottom.take();
    row2.finish();
    if (ImGui::Button("Save incident") && cur) {
        errors_.clear();
        notice_.clear();
        notice_part_ = "incident";
        ComplianceIncident x = *cur;
        std::optional<Date> d;
        std::string why;
        if (!read_date(inc_date_, d, why, true)) errors_["incident.date"] = why;
        if (errors_.empty()) {
            x.date = *d;
            x.kind = trim(inc_kind_);
            x.note = trim(inc_note_);
            x.post_id = inc_post_;
            x.resolved = inc_resolved_;
            report(store_.update_incident(c.id, x), "Saved the incident.", "incident");
        } else {
            notice_ = "Refused: " + why;
        }
    }
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    const bool remove = ImGui::Button("Remove incident");
    ImGui::PopStyleColor();
    if (remove && cur) {
        const Id gone = cur->id;
        report(store_.remove_incident(c.id, gone), "Removed the incident. Undo brings it back.", "incident");
        if (errors_.empty()) incident_ = 0;
    }
    notice();
}

void CreatorEdit::draw_tier(Context& ctx, const Creator& c) {
    const Settings& s = store_.program().settings;
    heading("Pin the tier by hand");
    const int from_followers = tier_for_followers(c.followers, s);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("From followers: tier %s. %s", tier_name(from_followers),
                        c.pinned_tier ? ("Pinned at tier " + std::string(tier_name(c.pinned_tier)) + ".").c_str()
                                      : "Not pinned.");
    ImGui::PopTextWrapPos();
    const char* choices[4] = {"Follow followers", "Tier 1", "Tier 2", "Tier 3"};
    const float w = field_width(2);
    caption("Pin to");
    ImGui::SetNextItemWidth(w);
    if (ImGui::BeginCombo("##pin", choices[pin_ >= 0 && pin_ <= 3 ? pin_ : 0])) {
        for (int i = 0; i < 4; ++i) {
            if (ImGui::Selectable(choices[i], i == pin_)) pin_ = i;
            probe_tag(std::string("pin:") + choices[i]);
        }
        ImGui::EndCombo();
    }
    probe_tag("Pin to", choices[pin_ >= 0 && pin_ <= 3 ? pin_ : 0]);
    field("Why", "##pinwhy", pin_reason_, sizeof pin_reason_, -FLT_MIN, "lands in the tier history");
    field_error(errors_, "reason");
    field_error(errors_, "tier");
    if (ImGui::Button("Change tier")) {
        report(store_.change_tier(c.id, pin_, ctx.today, pin_reason_),
               "Changed the tier; it is in the tier history with today's date.", "tier");
        if (errors_.empty()) pin_reason_[0] = 0;
    }
    if (std::string(notice_part_) == "tier" && !notice_.empty())
        message_line(errors_.empty() ? palette().ok : palette().error, notice_, "tier notice");
}

}  // namespace sr::ui
