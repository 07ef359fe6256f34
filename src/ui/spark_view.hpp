// Spark Codes: the board by status with days to expiry, the selected code's panel (go-live
// checks, campaign and renewal owner, paid rounds and the kill rule, extend or replace,
// history), alerts, Spark Ad candidates, and the form that records a code a creator sent.
// Codes are masked on screen until revealed. Changes go through the Store's commands only.
// spark_view.cpp draws the board, alerts and candidates; spark_panel.cpp the selected code's
// panel; spark_dialogs.cpp the dialogs.
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/spark.hpp"
#include "core/store.hpp"
#include "table_util.hpp"
#include "view.hpp"

namespace sr::ui {

class SparkView : public View {
public:
    explicit SparkView(Store& store);
    const char* title() const override { return "Spark Codes"; }
    const char* screen() const override { return "spark"; }
    void draw(Context& ctx) override;
    bool close_dialog() override;

private:
    using FieldErrors = std::map<std::string, std::string>;

    struct BoardRow {
        int group = 0;       // status group, see spark_view.cpp
        size_t index = 0;    // into program().spark_codes; unused for a group header
        bool header = false;
    };

    // The selected code's editable fields, loaded from the record.
    struct PanelForm {
        char campaign_start[16] = {};
        char campaign_end[16] = {};
        char owner[96] = {};
        std::string loaded;  // the three fields as loaded, to tell an edit from a stale copy
        char extend_from[16] = {};
        int extend_days = 30;
        char new_code[256] = {};
        char new_generated[16] = {};
        int new_days = 30;
        char round_date[16] = {};
        char spend[24] = {};
        char impressions[24] = {};
        char clicks[24] = {};
        char orders[24] = {};
        char gmv[24] = {};
    };

    struct ReceiveForm {
        char handle[64] = {};
        Id post_id = 0;
        char code[256] = {};
        int days = 30;
        char generated[16] = {};
        FieldErrors errors;
    };

    void draw_board(Context& ctx, float height);
    void rebuild_board(Date today);
    void draw_alerts(Context& ctx, float height);
    void draw_candidates(Context& ctx);
    void draw_panel(Context& ctx);
    void draw_checks(Context& ctx, const SparkCode& c);
    void draw_rounds(Context& ctx, const SparkCode& c);
    void draw_extend_replace(Context& ctx, const SparkCode& c);
    void draw_history(const SparkCode& c);
    void draw_receive_dialog(Context& ctx);
    void draw_confirm_dialog(Context& ctx);
    void load_panel(const SparkCode& c, Date today, bool record_fields_only);
    std::string panel_fields() const;
    void report(const CommandResult& r, const std::string& done_text);
    void code_text(const SparkCode& c, const char* tag);

    Store& store_;
    Id selected_ = 0;
    Id form_for_ = 0;
    uint64_t form_revision_ = UINT64_MAX;
    PanelForm form_;
    FieldErrors errors_;            // panel field -> why refused
    std::vector<std::string> refused_;  // the last refusal in words (go live and the like)
    std::string notice_;
    std::set<Id> revealed_;         // codes shown in full

    std::vector<BoardRow> rows_;    // the board: group headers and codes
    std::vector<size_t> codes_shown_;  // the board's codes in its order (indices into program().spark_codes): exported
    uint64_t rows_revision_ = UINT64_MAX;
    int32_t rows_day_ = INT32_MIN;
    bool rows_dirty_ = true;
    TableSort sort_{5, true};       // days left
    TableColumns board_columns_;
    Date today_;

    std::vector<SparkCandidate> cands_;
    uint64_t cands_revision_ = UINT64_MAX;
    int32_t cands_day_ = INT32_MIN;
    bool cands_dirty_ = true;
    std::vector<size_t> cand_order_;  // into cands_, sorted: what the table draws and exports
    TableSort cand_sort_{0, false};
    TableColumns cand_columns_;
    TableColumns round_columns_;    // the selected code's paid rounds

    bool want_receive_ = false;
    ReceiveForm receive_;
    enum class Confirm { none, kill, revoke } want_confirm_ = Confirm::none;
    char confirm_reason_[160] = {};
    bool close_requested_ = false;
    bool dialog_open_ = false;      // a dialog was drawn this frame
};

}  // namespace sr::ui
