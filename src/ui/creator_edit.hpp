// The creator screen's editing panels (docs/rules.md, section 1): the exclusivity window with
// its alert and overlap warning, the Creator Code with its eligibility, compliance incidents
// (edit, remove, link to a post) and the tier pinned by hand with the reason for the tier
// history; and the creator's content velocity against its agreed output. Every change is a
// Store command; the creator screen (creator_view.cpp) calls draw().
#pragma once
#include <cstdint>
#include <string>

#include "core/store.hpp"
#include "form_fields.hpp"
#include "view.hpp"

namespace sr::ui {

class CreatorEdit {
public:
    explicit CreatorEdit(Store& store) : store_(store) {}
    void draw(Context& ctx, const Creator& c);
    // The creator's notes, drawn in the screen's other column after draw() in the same frame.
    void draw_notes(const Creator& c);

private:
    void load(const Creator& c, Date today);
    void load_incident(const Creator& c);
    void draw_exclusivity(Context& ctx, const Creator& c);
    void draw_code(const Creator& c);
    void draw_incidents(Context& ctx, const Creator& c);
    void draw_tier(Context& ctx, const Creator& c);
    void draw_velocity(Context& ctx, const Creator& c);
    void report(const CommandResult& r, const std::string& done, const char* part);

    Store& store_;
    Id for_ = 0;
    uint64_t revision_ = UINT64_MAX;
    FieldErrors errors_;
    std::string notice_;
    const char* notice_part_ = "";

    // Exclusivity.
    char ex_start_[16] = {}, ex_end_[16] = {}, ex_category_[96] = {};
    // Creator Code.
    char code_[96] = {}, scans_[24] = {}, uses_[24] = {}, earnings_[24] = {};
    bool adult_ = false;
    // The incident being edited.
    Id incident_ = 0;
    char inc_date_[16] = {}, inc_kind_[96] = {}, inc_note_[160] = {};
    Id inc_post_ = 0;
    bool inc_resolved_ = false;
    // The tier pinned by hand.
    int pin_ = 0;  // 0 = follow followers
    char pin_reason_[160] = {};
    std::string notes_;       // the notes being edited
    std::string notes_base_;  // the saved notes they started from: a reload keeps what is typed
};

}  // namespace sr::ui
