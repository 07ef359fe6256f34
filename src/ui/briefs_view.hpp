// Briefs: the list of briefs ("#/briefs") and the builder for one ("#/brief/<id>", "#/brief"
// for a new one). The builder edits a draft of the five parts, checks it live with
// check_brief() (each part's errors and warnings under it), previews the creator's checklist,
// and saves, duplicates and deletes through the Store's commands.
#pragma once
#include <string>
#include <vector>

#include "core/hooks.hpp"
#include "core/briefs.hpp"
#include "core/store.hpp"
#include "form_fields.hpp"
#include "view.hpp"

namespace sr::ui {

class BriefsView : public View {
public:
    explicit BriefsView(Store& store) : store_(store) {}
    const char* title() const override { return "Briefs"; }
    const char* screen() const override { return "briefs"; }
    void draw(Context& ctx) override;
    void focus_filter() override { focus_filter_ = true; }
    bool close_dialog() override;

private:
    // The list
    void draw_list(Context& ctx);
    void rebuild_rows();
    // The builder
    void draw_builder(Context& ctx);
    void load(Context& ctx, Id id);
    void draw_header(Context& ctx, const BriefCheck& check);
    void draw_parts(const BriefCheck& check);
    void draw_winning_angle();
    void draw_side(Context& ctx, const BriefCheck& check);
    void draw_issues(const BriefCheck& check, std::initializer_list<const char*> fields, const char* part);
    bool draw_list_field(const char* what, const char* add_label, std::vector<std::string>& list, const char* hint);
    void save(Context& ctx);
    void duplicate(Context& ctx);
    void draw_delete_popup(Context& ctx);

    Store& store_;

    // ---- list
    std::string filter_;
    bool focus_filter_ = false;
    std::vector<size_t> rows_;
    uint64_t rows_revision_ = UINT64_MAX;
    bool rows_dirty_ = true;
    int sort_column_ = 0;
    bool sort_ascending_ = true;
    std::string list_notice_;

    // ---- builder
    Brief draft_;
    bool loaded_ = false;
    Id loaded_id_ = 0;              // 0: a new brief, not saved yet
    uint64_t loaded_revision_ = 0;
    bool dirty_ = false;
    std::string due_text_;          // the due date as typed
    std::string due_error_;
    std::string creator_filter_;
    bool assigned_only_ = false;
    std::string notice_;
    std::string next_notice_;       // shown once the next brief is loaded (after Duplicate)
    FieldErrors save_errors_;       // what the Store refused on save
    bool want_delete_ = false;
    bool delete_open_ = false;
    // The winning hook angle for the draft's product (hooks.hpp), made again when the product,
    // the program or the day changes.
    Date today_;
    HookAngleTable angles_;
    Id angles_product_ = -1;
    uint64_t angles_revision_ = UINT64_MAX;
    Date angles_day_;

    // ---- sharing (the saved brief, as a link)
    void share(Context& ctx);
    void draw_share_panel();
    enum class ShareState { none, making, ready, failed };
    ShareState share_state_ = ShareState::none;
    Id share_id_ = 0;                 // the brief the link is for
    uint64_t share_revision_ = 0;     // the program revision it was made from
    int share_generation_ = 0;        // answers to older requests are ignored
    std::string share_link_;
    std::string share_message_;
};

// "#/brief/<id>": one brief in the builder. Reached by links from the list, not a tab; the
// list and the builder share one BriefsView (its draft survives moving between them).
class BriefView : public View {
public:
    explicit BriefView(BriefsView& briefs) : briefs_(briefs) {}
    const char* title() const override { return "Brief"; }
    const char* screen() const override { return "brief"; }
    bool in_tabs() const override { return false; }
    void draw(Context& ctx) override { briefs_.draw(ctx); }
    void focus_filter() override { briefs_.focus_filter(); }
    bool close_dialog() override { return briefs_.close_dialog(); }

private:
    BriefsView& briefs_;
};

}  // namespace sr::ui
