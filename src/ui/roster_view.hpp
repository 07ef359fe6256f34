// The roster: a sortable, filterable table of creators beside the form that adds, edits and
// removes them. Changes go through the Store's commands only.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/store.hpp"
#include "table_util.hpp"
#include "view.hpp"

namespace sr::ui {

class RosterView : public View {
public:
    explicit RosterView(Store& store);
    const char* title() const override { return "Roster"; }
    const char* screen() const override { return "roster"; }
    void draw(Context& ctx) override;
    void focus_filter() override { focus_filter_ = true; }
    bool close_dialog() override { return delete_.close(); }
    // Opens a creator in the form (from a "#/creator/<id>" link while there is no creator screen).
    void select(Id id);

private:
    struct Form {
        Id editing = 0;  // 0: a new creator
        char handle[64] = {};
        char display_name[128] = {};
        char followers[32] = {};
        char categories[160] = {};
        char contact[160] = {};
        int status = 0;
        int tier_pin = 0;  // 0 = from followers
        char tier_reason[200] = {};  // why the pin changes: it lands in the tier history
        float commission_pct = 15.0f;
        float flat_fee = 0.0f;
        int agreed_posts = 0;
        std::map<std::string, std::string> errors;  // field -> why it was refused
    };

    void draw_targets();
    void draw_bulk_bar();
    void draw_filters();
    void draw_table(float height);
    void draw_form();
    void rebuild_rows();
    void load_form(const Creator& c);
    void clear_form();
    void submit();
    void draw_delete_popup();

    Store& store_;
    Form form_;
    std::string notice_;  // "Added @x." under the form

    std::string filter_;
    int tier_filter_ = 0;    // 0 = all
    int status_filter_ = 0;  // 0 = all, else status + 1
    int flag_filter_ = 0;    // 0 = all, 1 = flagged by a metric, 2 = not flagged
    std::set<Id> flagged_;   // creators with a metric flag this week
    Date today_;
    std::set<Id> selected_;  // rows ticked for a bulk action
    int bulk_status_ = static_cast<int>(CreatorStatus::active);
    std::string bulk_error_;  // the last bulk change refused, one line per creator
    bool focus_filter_ = false;
    DeleteDialog delete_;
    Id open_ = 0;  // a creator to open on its own screen (double-click or Open)

    // Indices into program().creators, filtered and sorted: what the table draws and exports.
    std::vector<size_t> rows_;
    uint64_t rows_revision_ = UINT64_MAX;
    bool rows_dirty_ = true;
    TableSort sort_;
    TableColumns columns_;
};

}  // namespace sr::ui
