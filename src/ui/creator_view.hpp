// One creator ("#/creator/<id>"): the header with tier and status, the deal, agreed output
// against actual, the compliance record, tier history with the promotion suggestion and its
// reasons, the Creator Code, the creator's samples and Spark Codes linking to their records, and
// the creator's posts with their editor (creator_posts.hpp). Not a tab: reached from the roster
// and from links elsewhere.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/store.hpp"
#include "creator_edit.hpp"
#include "creator_posts.hpp"
#include "table_util.hpp"
#include "view.hpp"

namespace sr::ui {

class CreatorView : public View {
public:
    explicit CreatorView(Store& store);
    const char* title() const override { return "Creator"; }
    const char* screen() const override { return "creator"; }
    bool in_tabs() const override { return false; }
    void draw(Context& ctx) override;
    bool close_dialog() override { return posts_panel_.close_dialog(); }

    // How a small table is sorted; rows are rebuilt when the sort, the creator or the program changes.
    struct Sorted {
        std::vector<size_t> rows;  // indices into the program's list: what the table draws and exports
        TableSort sort;
        bool dirty = true;
        uint64_t revision = UINT64_MAX;
        Id creator = 0;
    };

private:
    void draw_header(Context& ctx, const Creator& c);
    void draw_deal(const Creator& c);
    void draw_output(Context& ctx, const Creator& c);
    void draw_compliance(Context& ctx, const Creator& c);
    void draw_creator_code(const Creator& c);
    void draw_promotion(Context& ctx, const Creator& c);
    void draw_samples(Context& ctx, const Creator& c);
    void draw_codes(Context& ctx, const Creator& c);

    Store& store_;
    CreatorEdit edit_{store_};  // exclusivity, Creator Code, incidents, tier pin (creator_edit.cpp)
    Id shown_ = 0;
    std::string notice_;
    std::map<std::string, std::string> errors_;
    char incident_date_[16] = {};
    char incident_kind_[96] = {};
    char incident_note_[160] = {};
    Sorted samples_, codes_;
    TableColumns incident_columns_, tier_columns_, sample_columns_, code_columns_;
    Date today_;
    CreatorPosts posts_panel_;  // the posts table and the post editor
};

}  // namespace sr::ui
