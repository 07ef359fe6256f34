// Briefs (docs/rules.md, section 3): live validation (errors block sharing, warnings explain
// themselves) and the checklist the creator ticks before posting.
#pragma once
#include <string>
#include <vector>

#include "model.hpp"

namespace sr {

enum class Severity { error, warning };

struct BriefIssue {
    Severity severity = Severity::error;
    std::string field;       // "product_truths", "call_to_action", ...
    std::string message;     // what is wrong and why it matters
    std::string suggestion;  // what to write instead ("" when none)
};

struct BriefCheck {
    std::vector<BriefIssue> issues;  // errors first, then warnings, each in the order of the five parts
    bool can_share() const;          // no errors
    size_t errors() const;
    size_t warnings() const;
};

BriefCheck check_brief(const Brief& b, const Program& p);

// True when the call to action only points passively ("link in bio", "check my bio").
bool passive_call_to_action(const std::string& cta);

const char* hook_angle_label(HookAngle h);  // "problem / agitation", ...
const char* hook_angle_example(HookAngle h);  // "I struggled with this for years"
const char* proof_label(ProofKind k);

struct ChecklistItem {
    std::string id;    // stable within the brief ("hook", "truth-1", "dont-2", "disclose"): ticks key on it
    std::string part;  // "Hook", "Product truth", "Proof", "Call to action", "Do not say", "Compliance", "Spark Code"
    std::string text;
};
// The five parts plus the compliance items (and the Spark Code request when the brief has one).
std::vector<ChecklistItem> brief_checklist(const Brief& b, const Program& p);

}  // namespace sr
