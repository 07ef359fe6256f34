#include "shared_brief_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>

#include "core/briefs.hpp"
#include "core/creators.hpp"
#include "core/format.hpp"
#include "core/validate.hpp"
#include "form_fields.hpp"
#include "platform/platform.hpp"
#include "platform/share.hpp"
#include "probe.hpp"
#include "style.hpp"

namespace sr::ui {

namespace {

// A button as wide as the column on a phone, its own size on a wide screen.
bool wide_button(const char* label, bool primary = false) {
    const ImVec2 size(ImGui::GetContentRegionAvail().x < em(30) ? -FLT_MIN : 0, 0);
    return primary ? primary_button(label, size) : ImGui::Button(label, size);
}

void heading(const char* number, const char* name) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    if (number && *number) ImGui::Text("%s  %s", number, name);
    else ImGui::TextUnformatted(name);
    ImGui::PopStyleColor();
    ImGui::Separator();
}

void wrapped(const std::string& text, const std::string& tag = "") {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    if (!tag.empty()) probe_tag(tag, text);
}

void bullet_wrapped(const std::string& text, const std::string& tag = "") {
    ImGui::Bullet();
    wrapped(text, tag);
}

void muted(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    wrapped(text);
    ImGui::PopStyleColor();
}

// A labelled one-line field across the column: the caption above, the field under it.
bool field(const char* caption_text, const char* id, std::string& value, const char* hint) {
    ImGui::TextUnformatted(caption_text);
    ImGui::SetNextItemWidth(-FLT_MIN);
    const bool changed = input_string(id, value, hint);
    probe_tag(caption_text, value);
    return changed;
}

// "#AbCd••••••=": the start and the last character; the brand reveals it on the Spark Codes screen.
std::string masked(const std::string& code) {
    const size_t keep = code.size() >= 10 ? 5 : 1;
    std::string out = code.substr(0, keep);
    for (int i = 0; i < 6; ++i) out += "\xE2\x80\xA2";  // U+2022 bullet
    if (code.size() > keep + 1) out += code.back();
    return out;
}

void issues(const Errors& errors, const Errors& warnings, const char* tag_prefix) {
    for (const FieldError& e : errors) message_line(palette().error, e.message, std::string(tag_prefix) + "error:" + e.field);
    for (const FieldError& w : warnings)
        message_line(palette().warning, w.message, std::string(tag_prefix) + "warning:" + w.field);
}

}  // namespace

// ------------------------------------------------------------------ the shared brief

void SharedBriefView::open(const std::string& payload) {
    payload_ = payload;
    state_ = State::opening;
    error_.clear();
    notice_.clear();
    reply_notice_.clear();
    const int gen = ++generation_;
    platform::share_decompress(payload, [this, gen](bool ok, const std::string& text) {
        if (gen != generation_) return;
        if (!ok) {
            state_ = State::failed;
            error_ = text;
            return;
        }
        SharedBriefResult r = parse_shared_brief(text);
        if (!r.ok) {
            state_ = State::failed;
            error_ = "The link opened, but what it holds is not a brief this app can show: " + r.summary(3);
            return;
        }
        brief_ = std::move(r.brief);
        state_ = State::ready;
        ticks_ = platform::ticks_get(brief_.key);
        reply_ = reply_for(brief_);
        handle_text_.clear();
        generated_text_.clear();
        generated_error_.clear();
    });
}

void SharedBriefView::draw(Context& ctx) {
    const std::string& payload = ctx.nav.current().payload;
    if (state_ == State::idle || payload != payload_) open(payload);
    ImGui::BeginChild("##shared-brief", ImVec2(0, 0), false);
    if (ImGui::GetContentRegionAvail().x > em(42)) {  // a readable column on a wide screen
        const float w = em(40);
        ImGui::SetCursorPosX((ImGui::GetContentRegionAvail().x - w) * 0.5f);
        ImGui::BeginChild("##shared-column", ImVec2(w, 0), false);
    } else {
        ImGui::BeginChild("##shared-column", ImVec2(0, 0), false);
    }
    switch (state_) {
        case State::idle:
        case State::opening: muted("Opening the brief…"); break;
        case State::failed:
            heading("", "This brief link cannot be opened");
            message_line(palette().error, error_, "shared:error");
            muted("Nothing was stored or changed. Ask the sender for the link again, and copy it whole: a link "
                  "cut short by a chat app or an email cannot be read.");
            if (wide_button("Go to the app")) ctx.nav.go("review");
            break;
        case State::ready: draw_brief(ctx); break;
    }
    ImGui::Dummy(em(1, 1));
    ImGui::EndChild();
    ImGui::EndChild();
}

void SharedBriefView::draw_brief(Context& ctx) {
    const SharedBrief& b = brief_;
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    wrapped(b.title, "shared:title");
    ImGui::PopStyleColor();
    std::string about = b.product_name.empty() ? "" : "For " + b.product_name;
    if (!b.product_price.empty()) about += " (" + b.product_price + ")";
    if (b.due) about += (about.empty() ? "Due " : ", due ") + b.due->to_string();
    if (!about.empty()) wrapped(about, "shared:about");
    muted("A brief to read, not a script: say it your way. Your ticks stay on this device.");

    if (wide_button("Copy as text")) {
        platform::clipboard_set(shared_brief_to_markdown(b));
        notice_ = "Copied the brief and its checklist as text.";
    }
    if (ImGui::GetContentRegionAvail().x >= em(30)) ImGui::SameLine();
    // Until the stored program is in, the copy would have nowhere to go: the button waits.
    ImGui::BeginDisabled(!ctx.loaded);
    if (wide_button("Make my own copy")) make_own_copy(ctx);
    ImGui::EndDisabled();
    if (!notice_.empty()) message_line(palette().ok, notice_, "shared:notice");

    heading("1", "Hook angle");
    if (b.hook == HookAngle::custom) wrapped(b.custom_angle, "shared:hook");
    else wrapped(std::string(hook_angle_label(b.hook)) + ": \"" + hook_angle_example(b.hook) + "\"", "shared:hook");
    if (!b.opening_line.empty()) wrapped("Start from: \"" + b.opening_line + "\"", "shared:opening");

    heading("2", "Product truth");
    for (size_t i = 0; i < b.product_truths.size(); ++i)
        bullet_wrapped(b.product_truths[i], "shared:truth-" + std::to_string(i + 1));

    heading("3", "Proof element");
    wrapped(std::string(proof_label(b.proof)) + (b.proof_detail.empty() ? "" : ": " + b.proof_detail), "shared:proof");

    heading("4", "Call to action");
    wrapped(b.call_to_action, "shared:cta");

    heading("5", "What not to say");
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    for (size_t i = 0; i < b.do_not_say.size(); ++i)
        bullet_wrapped(b.do_not_say[i], "shared:dont-" + std::to_string(i + 1));
    ImGui::PopStyleColor();

    draw_checklist();
    if (b.spark_requested) draw_reply_form(ctx);
}

void SharedBriefView::draw_checklist() {
    size_t done = 0;
    for (const ChecklistItem& it : brief_.checklist) done += ticks_.count(it.id);
    const std::string title = "Checklist: " + std::to_string(done) + " of " + std::to_string(brief_.checklist.size()) + " ticked";
    heading("", title.c_str());
    probe_tag("shared:ticked", std::to_string(done));
    std::string last_part;
    for (const ChecklistItem& it : brief_.checklist) {
        if (it.part != last_part) {
            ImGui::TextDisabled("%s", it.part.c_str());
            last_part = it.part;
        }
        ImGui::PushID(it.id.c_str());
        bool on = ticks_.count(it.id) > 0;
        bool toggled = check_box("##tick", &on);
        probe_tag("tick:" + it.id, on ? "ticked" : "");
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(it.text.c_str());
        ImGui::PopTextWrapPos();
        probe_tag("item:" + it.id, it.text);
        if (ImGui::IsItemClicked()) {  // the text ticks too: a bigger target for a thumb
            on = !on;
            toggled = true;
        }
        if (toggled) {
            if (on) ticks_.insert(it.id);
            else ticks_.erase(it.id);
            if (!platform::ticks_set(brief_.key, it.id, on))
                notice_ = "This browser does not keep ticks (storage is off): they last until the page closes.";
        }
        ImGui::PopID();
    }
}

void SharedBriefView::draw_reply_form(Context& ctx) {
    heading("", "Spark Code");
    wrapped("The brand asks for a Spark Code for your post, authorizing " + std::to_string(brief_.spark_days) +
                " days, so it can run the post as a Spark Ad. In the TikTok app:",
            "shared:spark-ask");
    for (size_t i = 0; i < brief_.spark_steps.size(); ++i)
        wrapped(std::to_string(i + 1) + ". " + brief_.spark_steps[i], "shared:step-" + std::to_string(i + 1));
    muted("Then paste the post link and the code here; send the reply link back to the brand.");

    if (generated_text_.empty() && generated_error_.empty()) generated_text_ = ctx.today.to_string();
    field("Your TikTok handle", "##reply-handle", handle_text_, "@yourhandle");
    field("Post link", "##reply-post", reply_.post_link, "https://www.tiktok.com/@you/video/...");
    field("Spark Code", "##reply-code", reply_.code, "paste the code");
    ImGui::TextUnformatted("Days authorized");
    ImGui::SetNextItemWidth(em(6));
    ImGui::InputInt("##reply-days", &reply_.days, 0, 0);
    probe_tag("Days authorized", std::to_string(reply_.days));
    if (field("Generated on", "##reply-generated", generated_text_, "YYYY-MM-DD")) {
        generated_error_.clear();
        const std::string t = trim(generated_text_);
        if (t.empty()) {
            reply_.generated.reset();
            generated_error_ = "Enter the date you generated the code, like " + ctx.today.to_string() + ".";
        } else if (auto d = Date::parse(t)) {
            reply_.generated = *d;
        } else {
            reply_.generated.reset();
            generated_error_ = "Use a date like " + ctx.today.to_string() + ".";
        }
    } else if (!reply_.generated && generated_error_.empty()) {
        if (auto d = Date::parse(trim(generated_text_))) reply_.generated = *d;
    }
    if (!generated_error_.empty()) message_line(palette().error, generated_error_, "reply:error:generated-text");

    reply_.creator_handle = trim(handle_text_);
    const ReplyCheck check = check_handoff_reply(reply_, ctx.today);
    const bool typed = !trim(handle_text_).empty() || !trim(reply_.post_link).empty() || !trim(reply_.code).empty();
    if (typed) issues(check.errors, check.warnings, "reply:");
    if (!check.ok() || !generated_error_.empty()) {
        if (!typed) muted("The reply link appears here once the handle, post link and code are filled in.");
        return;
    }
    const std::string link = handoff_reply_link(platform::page_url(), reply_);
    ImGui::Spacing();
    ImGui::TextUnformatted("Your reply link");
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    wrapped(link, "reply:link");
    ImGui::PopStyleColor();
    wrapped(fmt_int(static_cast<int64_t>(link.size())) + " characters. Send it to the brand in your usual chat.",
            "reply:length");
    if (wide_button("Copy reply link", true)) {
        platform::clipboard_set(link);
        reply_notice_ = "Copied the reply link: paste it into your chat with the brand.";
    }
    if (ImGui::GetContentRegionAvail().x >= em(30)) ImGui::SameLine();
    if (wide_button("Copy reply as text")) {
        platform::clipboard_set(handoff_reply_text(reply_, platform::page_url()));
        reply_notice_ = "Copied the reply as text.";
    }
    if (!reply_notice_.empty()) message_line(palette().ok, reply_notice_, "reply:notice");
}

void SharedBriefView::make_own_copy(Context& ctx) {
    const Program& p = store_.program();
    Brief b = brief_from_shared(brief_);
    b.product_id = find_product_by_name(p, brief_.product_name);
    b.spark_days_wanted = std::clamp(b.spark_days_wanted, p.settings.spark_min_days, p.settings.spark_max_days);
    CommandResult r = store_.add_brief(b);
    if (!r.ok) {
        notice_ = "The copy could not be added: " + (r.errors.empty() ? std::string("unknown reason") : r.errors.front().message);
        return;
    }
    ctx.nav.go("brief", r.id);
}

// ------------------------------------------------------------------ a creator's reply

void ReplyView::draw(Context& ctx) {
    const std::string& payload = ctx.nav.current().payload;
    // Opened anew (a link followed again counts): read it afresh.
    const int frame = ImGui::GetFrameCount();
    const bool reopened = frame != drawn_frame_ + 1;
    drawn_frame_ = frame;
    if (!parsed_ || payload != payload_ || reopened) {
        payload_ = payload;
        parsed_ = true;
        applied_ = false;
        result_ = ApplyHandoffResult{};
        reply_ = parse_handoff_reply("#reply=" + payload);
    }
    ImGui::BeginChild("##reply", ImVec2(0, 0), false);
    heading("", "Spark Code reply from a creator");
    if (!reply_.ok) {
        message_line(palette().error, "This reply cannot be used: " + reply_.summary(3), "handoff:error");
        muted("Nothing was changed. Ask the creator to copy the reply link again, whole.");
        if (wide_button("Go to Spark Codes")) ctx.nav.go("spark");
        ImGui::EndChild();
        return;
    }
    const HandoffReply& r = reply_.reply;
    const Program& p = store_.program();
    const Brief* brief = find_brief_by_key(p, r.brief_key);
    const Creator* creator = nullptr;
    for (const Creator& c : p.creators)
        if (handle_key(c.handle) == handle_key(r.creator_handle)) creator = &c;

    wrapped("Brief: " + (brief ? "\"" + brief->title + "\"" : "\"" + r.brief_title + "\" (not in this program)"), "handoff:brief");
    wrapped("Creator: @" + r.creator_handle + (creator ? "" : " (not on the roster)"), "handoff:creator");
    wrapped("Post: " + r.post_link, "handoff:post");
    wrapped("Code: " + masked(r.code), "handoff:code");
    const Date expiry = r.generated->plus_days(r.days);
    wrapped("Authorization: " + std::to_string(r.days) + " days from " + r.generated->to_string() + ", so it expires " +
                expiry.to_string() + ".",
            "handoff:expiry");

    if (applied_) {
        message_line(result_.ok ? palette().ok : palette().error, result_.message, "handoff:result");
        issues({}, result_.warnings, "handoff:");
        if (result_.ok && result_.code_id) {
            if (wide_button("Open the Spark Code", true)) ctx.nav.go("spark", result_.code_id);
            if (!result_.unchanged) muted("Undo takes it back.");
        }
        ImGui::EndChild();
        return;
    }

    Errors refusals;
    if (!brief)
        refusals.push_back({"brief", "No brief in this program has the key " + r.brief_key +
                                         ": the reply may answer another program's brief, or the brief was removed."});
    if (!creator) refusals.push_back({"creator", "@" + r.creator_handle + " is not on the roster: add the creator first."});
    if (!refusals.empty()) {
        issues(refusals, {}, "handoff:refused:");
        muted("Nothing was changed.");
        ImGui::EndChild();
        return;
    }
    ImGui::Spacing();
    wrapped("Receiving it records the code for @" + creator->handle + " on \"" + brief->title + "\" as received, authorized " +
                std::to_string(r.days) + " days from " + r.generated->to_string() + " (expires " + expiry.to_string() +
                "); the post is added if it is new.",
            "handoff:plan");
    issues({}, reply_.warnings, "handoff:");
    if (wide_button("Receive the Spark Code", true)) {
        result_ = apply_handoff(store_, reply_, ctx.today);
        applied_ = true;
    }
    ImGui::EndChild();
}

}  // namespace sr::ui
