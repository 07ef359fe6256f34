// The creator screen's posts panel: the creator's posts in a table (sortable, clipped, exported
// as shown) and the post editor under it. A post is added from its TikTok link (the Video ID is
// taken from it), every number of DOMAIN.md section 4 is typed, the product, brief and sample are
// chosen from the creator's own, and a post is removed after a confirmation. Saving goes
// through the Store (add_post / update_post / remove_post), which judges the values; each
// refusal is drawn under its field. Enter in any field saves; Escape closes the editor.
//
// Tags for the page API: "post:<field>" for each field (the Post field's name: "post:views",
// "post:refunded", ...; "post:link" for the link), "error:post:<field>" for its refusal,
// "post row:<Video ID>" for a row of the table (its text: the row as shown), "post:notice".
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/post_entry.hpp"
#include "core/store.hpp"
#include "table_util.hpp"
#include "view.hpp"

namespace sr::ui {

class CreatorPosts {
public:
    explicit CreatorPosts(Store& store);
    // The section "Posts" for creator `c`, at the end of a column: the table takes what the
    // editor leaves.
    void draw(Context& ctx, const Creator& c);
    // Escape: closes the removal question, else the editor; true if it closed one.
    bool close_dialog();

private:
    struct Form {
        bool open = false;
        Id editing = 0;  // 0: a new post
        PostEntry entry;
        Id product_id = 0, brief_id = 0, sample_id = 0;
        HookAngle hook = HookAngle::problem_agitation;
        PostSource source = PostSource::organic;
        bool compliance_passed = false;
        bool fee_by_hand = false;
        std::map<std::string, std::string> errors;  // Post field -> why it was refused
        bool focus_link = false;  // put the keyboard in the link field next frame
        int scroll_to = 0;        // frames left to bring the editor into view (the layout moves as it opens)
    };

    void refresh(const Creator& c);
    void draw_table(Context& ctx, const Creator& c, float height);
    void draw_editor(Context& ctx, const Creator& c);
    void open_new(const Creator& c);
    void open_post(const Post& x);
    void submit(const Creator& c);
    void remove_post(const Creator& c);

    Store& store_;
    Form form_;
    std::string notice_;
    DeleteDialog remove_;
    // The creator's posts as the table draws and exports them (indices into program().posts).
    std::vector<size_t> rows_;
    TableSort sort_;
    bool dirty_ = true;
    uint64_t revision_ = UINT64_MAX;
    Id creator_ = 0;
    std::unordered_map<Id, double> margins_;  // contribution margin by post id, at revision_
    TableColumns columns_;
};

}  // namespace sr::ui
