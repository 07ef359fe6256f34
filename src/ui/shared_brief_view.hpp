// Share links opened in the app (docs/rules.md, sections 3 and 5):
// - "#brief=<payload>": a brief shared with a creator, read-only, in one column for a phone:
//   the five parts, what not to say, the checklist to tick (ticks stay on this device), "Copy
//   as text", "Make my own copy", and when the brief asks for a Spark Code, the steps and the
//   reply form that makes the reply link to send back.
// - "#reply=<payload>": a creator's reply opened on the brand's side: what it will do, then
//   the Spark Code received (apply_handoff), or why it is refused.
#pragma once
#include <set>
#include <string>

#include "core/share.hpp"
#include "core/store.hpp"
#include "view.hpp"

namespace sr::ui {

class SharedBriefView : public View {
public:
    explicit SharedBriefView(Store& store) : store_(store) {}
    const char* title() const override { return "Shared brief"; }
    const char* screen() const override { return "shared"; }
    bool in_tabs() const override { return false; }
    void draw(Context& ctx) override;
    // Starts reading a link's payload (draw does it for a payload it has not read yet).
    void open(const std::string& payload);

private:
    void draw_brief(Context& ctx);
    void draw_checklist();
    void draw_reply_form(Context& ctx);
    void make_own_copy(Context& ctx);

    Store& store_;
    enum class State { idle, opening, ready, failed };
    State state_ = State::idle;
    std::string payload_;      // the payload shown (or being opened)
    int generation_ = 0;       // answers to older requests are ignored
    std::string error_;
    SharedBrief brief_;
    std::set<std::string> ticks_;
    std::string notice_;
    // The creator's reply.
    HandoffReply reply_;
    std::string handle_text_;
    std::string generated_text_;
    std::string generated_error_;
    std::string reply_notice_;
};

class ReplyView : public View {
public:
    explicit ReplyView(Store& store) : store_(store) {}
    const char* title() const override { return "Spark Code reply"; }
    const char* screen() const override { return "reply"; }
    bool in_tabs() const override { return false; }
    void draw(Context& ctx) override;

private:
    Store& store_;
    std::string payload_;
    bool parsed_ = false;
    int drawn_frame_ = -10;  // the frame it was last drawn in
    HandoffResult reply_;
    bool applied_ = false;
    ApplyHandoffResult result_;
};

}  // namespace sr::ui
