#include "briefs.hpp"

#include <algorithm>
#include <cctype>

#include "validate.hpp"

namespace sr {

bool BriefCheck::can_share() const { return errors() == 0; }
size_t BriefCheck::errors() const {
    return static_cast<size_t>(std::count_if(issues.begin(), issues.end(),
                                             [](const BriefIssue& i) { return i.severity == Severity::error; }));
}
size_t BriefCheck::warnings() const { return issues.size() - errors(); }

const char* hook_angle_label(HookAngle h) {
    switch (h) {
        case HookAngle::problem_agitation: return "problem / agitation";
        case HookAngle::transformation_reveal: return "transformation reveal";
        case HookAngle::social_proof: return "social proof";
        case HookAngle::curiosity_gap: return "curiosity gap";
        case HookAngle::custom: return "custom angle";
    }
    return "?";
}

const char* hook_angle_example(HookAngle h) {
    switch (h) {
        case HookAngle::problem_agitation: return "I struggled with this for years";
        case HookAngle::transformation_reveal: return "I found something that works";
        case HookAngle::social_proof: return "everyone in my community uses this";
        case HookAngle::curiosity_gap: return "I did not expect this";
        case HookAngle::custom: return "";
    }
    return "";
}

const char* proof_label(ProofKind k) {
    switch (k) {
        case ProofKind::result: return "the result";
        case ProofKind::before_after: return "before and after";
        case ProofKind::comparison: return "a comparison";
        case ProofKind::demonstration: return "a demonstration";
    }
    return "?";
}

namespace {

std::string lower(std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

size_t words(const std::string& s) {
    size_t n = 0;
    bool in = false;
    for (char ch : s) {
        const bool sp = std::isspace(static_cast<unsigned char>(ch));
        if (!sp && !in) ++n;
        in = !sp;
    }
    return n;
}

}  // namespace

bool passive_call_to_action(const std::string& cta) {
    const std::string s = lower(cta);
    static const char* passive[] = {"link in bio", "link in my bio", "link in the bio", "in my bio", "check my bio",
                                    "check bio",   "bio link",       "link below",      "see bio",   "in bio"};
    const bool active = s.find("shop") != std::string::npos || s.find("pinned") != std::string::npos ||
                        s.find("orange cart") != std::string::npos || s.find("yellow basket") != std::string::npos;
    if (active) return false;
    for (const char* p : passive)
        if (s.find(p) != std::string::npos) return true;
    return false;
}

BriefCheck check_brief(const Brief& b, const Program& p) {
    BriefCheck out;
    std::vector<BriefIssue> errs, warns;
    auto err = [&](const char* f, std::string m, std::string s = "") { errs.push_back({Severity::error, f, std::move(m), std::move(s)}); };
    auto warn = [&](const char* f, std::string m, std::string s = "") { warns.push_back({Severity::warning, f, std::move(m), std::move(s)}); };

    // The record rules (title, references, Spark days) are errors here too.
    for (const FieldError& e : validate_brief(b, p)) errs.push_back({Severity::error, e.field, e.message, ""});
    if (b.product_id == 0) err("product_id", "Choose the product this brief is for.");

    // 1. hook angle
    if (b.hook == HookAngle::custom && trim(b.custom_angle).empty())
        err("custom_angle", "A custom hook angle needs a description of the angle.");
    if (words(b.opening_line) > 25)
        warn("opening_line", "The opening line has " + std::to_string(words(b.opening_line)) +
                                 " words: a brief directs, it does not script.",
             "Keep it under 25 words, or leave it out and let the angle speak.");
    // 2. product truth
    std::vector<std::string> truths;
    for (const std::string& t : b.product_truths)
        if (!trim(t).empty()) truths.push_back(trim(t));
    if (truths.empty())
        err("product_truths", "Name the one or two product truths that link the hook to the product.");
    else if (truths.size() > 2)
        warn("product_truths", "This brief has " + std::to_string(truths.size()) +
                                   " product truths: a brief is not a feature list.",
             "Keep the one or two that link the hook to the product.");
    // 3. proof element
    if (trim(b.proof_detail).empty())
        err("proof_detail", "Say what to show as proof (" + std::string(proof_label(b.proof)) + ").");
    // 4. call to action
    if (trim(b.call_to_action).empty())
        err("call_to_action", "Say how to point at the purchase.",
            "\"grab it from my TikTok Shop\" or \"link is pinned\"");
    else if (passive_call_to_action(b.call_to_action))
        warn("call_to_action", "\"" + trim(b.call_to_action) + "\" is passive: viewers rarely go to a bio to buy.",
             "\"grab it from my TikTok Shop\" or \"link is pinned\"");
    // 5. what not to say
    bool any_dont = false;
    for (const std::string& d : b.do_not_say) any_dont = any_dont || !trim(d).empty();
    if (!any_dont)
        err("do_not_say", "List at least one thing not to say: claims that need substantiation, competitor "
                          "mentions, platform-policy language.");
    // The rest of the brief.
    if (!b.due) warn("due", "No due date: the creator does not know when to post.");
    if (b.creator_ids.empty()) warn("creator_ids", "No creators are assigned yet.");
    out.issues = std::move(errs);
    out.issues.insert(out.issues.end(), warns.begin(), warns.end());
    return out;
}

std::vector<ChecklistItem> brief_checklist(const Brief& b, const Program& p) {
    std::vector<ChecklistItem> out;
    std::string angle = b.hook == HookAngle::custom ? trim(b.custom_angle)
                                                    : std::string(hook_angle_label(b.hook)) + " (\"" +
                                                          hook_angle_example(b.hook) + "\")";
    std::string hook = "Open with the " + angle + " angle";
    if (!trim(b.opening_line).empty()) hook += ", for example: \"" + trim(b.opening_line) + "\"";
    out.push_back({"hook", "Hook", hook});
    int n = 0;
    for (const std::string& t : b.product_truths)
        if (!trim(t).empty()) out.push_back({"truth-" + std::to_string(++n), "Product truth", "Show or say: " + trim(t)});
    out.push_back({"proof", "Proof", "Show " + std::string(proof_label(b.proof)) +
                                         (trim(b.proof_detail).empty() ? "" : ": " + trim(b.proof_detail))});
    if (!trim(b.call_to_action).empty()) out.push_back({"cta", "Call to action", "Close with: \"" + trim(b.call_to_action) + "\""});
    n = 0;
    for (const std::string& d : b.do_not_say)
        if (!trim(d).empty()) out.push_back({"dont-" + std::to_string(++n), "Do not say", "Do not say: " + trim(d)});
    std::string product = "the product";
    for (const Product& x : p.products)
        if (x.id == b.product_id) product = x.name;
    out.push_back({"disclose", "Compliance", "Disclose the partnership: turn on the paid-partnership label or say #ad"});
    out.push_back({"tag", "Compliance", "Tag " + product + " with the TikTok Shop product link"});
    out.push_back({"claims", "Compliance", "Make no claim beyond the product truths above"});
    if (b.request_spark_code)
        out.push_back({"spark", "Spark Code", "After posting, generate a Spark Code for " +
                                                  std::to_string(b.spark_days_wanted) +
                                                  " days (Creator tools > Ad settings) and send it back from this brief"});
    if (b.due) out.push_back({"due", "Timing", "Post by " + b.due->to_string()});
    return out;
}

}  // namespace sr
