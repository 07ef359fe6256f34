// Briefs shared as links and Spark Codes handed back without a server (docs/rules.md, section 3
// and 5, "Handoff without a server").
//
// A share link carries one brief alone in its URL fragment: "<page>#brief=<payload>", where
// the payload is the brief's JSON (brief_share_json), compressed by the browser
// (deflate-raw, web/share.js) and base64url-encoded. Nothing else of the program travels:
// no roster, no other creators, no Spark Codes.
//
// The creator answers with a reply: "<page>#reply=<payload>" where the payload is the reply's
// JSON base64url-encoded *without* compression (a reply is a few hundred bytes, so the core
// reads it by itself, also from the command line), or the same reply as a text block pasted
// into a chat app. parse_handoff_reply() accepts all of these; apply_handoff() turns it into a
// `received` Spark Code through Store::receive_spark_code.
//
// Everything here reads untrusted text: it never throws, refuses oversized input, and every
// refusal names the field and says why.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "briefs.hpp"
#include "creators.hpp"
#include "model.hpp"
#include "store.hpp"

namespace sr {

// ---------------------------------------------------------------- limits for untrusted input
constexpr size_t kShareMaxBytes = 64 * 1024;  // decoded payload (JSON or text) at most
constexpr size_t kShareMaxItems = 50;         // items in any list
constexpr size_t kShareMaxChars = 2000;       // characters (code points) in any string
constexpr size_t kShareMaxDepth = 4;          // nesting of JSON objects and arrays

// ---------------------------------------------------------------- base64url (RFC 4648 section 5)
// Without padding.
std::string base64url_encode(std::string_view bytes);

struct Base64Result {
    bool ok = false;
    std::string bytes;
    std::string error;    // why it was refused, with the position
    size_t position = 0;  // 0-based index of the offending character (or the length when too short)
};
// Accepts A-Z a-z 0-9 - _ and, tolerated, trailing '=' padding. Refuses any other character
// with its position, an impossible length, and output over max_bytes.
Base64Result base64url_decode(std::string_view text, size_t max_bytes = kShareMaxBytes);

// Index of the first byte that does not belong to well-formed UTF-8, or std::string_view::npos.
size_t invalid_utf8_at(std::string_view s);

// ---------------------------------------------------------------- the brief key
// A stable, random-looking key for a brief ("b" + 13 characters), derived from its id so it
// survives edits of the brief. A reply carries it so the brand's app can match the brief.
std::string brief_share_key(Id brief_id);
const Brief* find_brief_by_key(const Program& p, std::string_view key);

// The creator's steps to generate a Spark Code, in order.
const std::vector<std::string>& spark_code_steps();  // "Creator tools", "Ad settings", ...

// ---------------------------------------------------------------- the shared brief
// What a share link holds: the brief alone, in display form.
struct SharedBrief {
    int version = 1;
    std::string key;            // brief_share_key of the brief it came from
    std::string title;
    std::string product_name;   // display text only
    std::string product_price;  // display text only ("$30.00"); "" when not known
    HookAngle hook = HookAngle::problem_agitation;
    std::string custom_angle;
    std::string opening_line;
    std::vector<std::string> product_truths;
    ProofKind proof = ProofKind::demonstration;
    std::string proof_detail;
    std::string call_to_action;
    std::vector<std::string> do_not_say;
    std::optional<Date> due;
    std::vector<ChecklistItem> checklist;  // ids are stable: the creator's ticks key on (key, id)
    bool spark_requested = false;
    int spark_days = 30;                   // 7-365, when requested
    std::vector<std::string> spark_steps;  // spark_code_steps(), when requested
};

// The shared form of a brief of the program (the checklist computed by brief_checklist).
SharedBrief shared_brief_from(const Brief& b, const Program& p);

// Why a brief cannot be shared, field by field: no such brief, check_brief() errors (errors
// block sharing), or a limit the opener would refuse (over 50 items in a list, over 2,000
// characters in a field, over 64 KB in all). Empty when it can be shared.
Errors brief_share_problems(const Program& p, Id brief_id);
// The share payload: JSON of the brief alone ({"format": "spark-roster-brief", "version": 1,
// "key": ..., ...}). "" when brief_share_problems() is not empty.
std::string brief_share_json(const Program& p, Id brief_id);
std::string shared_brief_json(const SharedBrief& s);

struct SharedBriefResult {
    bool ok = false;
    SharedBrief brief;
    Errors errors;  // field by field ("title", "checklist[3].id", "payload", ...)
    std::string summary(size_t max_items = 3) const;  // the errors in one line, for a message
};
// Strict: known fields only, right types, size limits, valid UTF-8; never throws.
SharedBriefResult parse_shared_brief(std::string_view json);

// "Make my own copy": an editable brief for the opener's program. It has no product and no
// creators yet (product_id 0, so check_brief asks for the product); find_product_by_name
// helps pick the opener's own product of the same name.
Brief brief_from_shared(const SharedBrief& s);
Id find_product_by_name(const Program& p, std::string_view name);  // 0 when none (ignores case)

// "Copy as text": the brief and its checklist as plain text that reads well in chat apps and
// as Markdown ("- [ ]" items).
std::string brief_to_markdown(const Brief& b, const Program& p);
std::string shared_brief_to_markdown(const SharedBrief& s);

// ---------------------------------------------------------------- links
enum class ShareLinkKind { none, brief, reply };
struct ShareLink {
    ShareLinkKind kind = ShareLinkKind::none;
    std::string payload;  // the base64url text after "#brief=" or "#reply="
};
// Finds "#brief=..." or "#reply=..." in a whole URL, a fragment ("#brief=..."), or text that
// contains such a link. The payload runs to the end of the link (whitespace, or punctuation
// ending a sentence); it is not checked here: base64url_decode points at a damaged character.
ShareLink parse_share_link(std::string_view text);
// page_url up to (not including) any '#', then "#brief=" + payload.
std::string brief_share_link(std::string_view page_url, std::string_view payload_b64);

// ---------------------------------------------------------------- the reply (creator -> brand)
struct HandoffReply {
    std::string brief_key;
    std::string brief_title;     // for people reading the reply; matching uses the key
    std::string creator_handle;  // stored without '@'
    std::string post_link;       // https://www.tiktok.com/@handle/video/...
    std::string code;            // opaque, trimmed
    int days = 30;               // authorization length
    std::optional<Date> generated;
};
// A reply pre-filled from the brief the creator opened (key, title, days wanted).
HandoffReply reply_for(const SharedBrief& s);

struct ReplyCheck {
    Errors errors;    // block sending
    Errors warnings;  // an unusual code, a link that is not TikTok's, ...
    bool ok() const { return errors.empty(); }
};
// Live validation for the reply form; `today` (when given) refuses a generation date after it.
ReplyCheck check_handoff_reply(const HandoffReply& r, std::optional<Date> today = std::nullopt);

// The reply as JSON ({"format": "spark-roster-reply", "version": 1, ...}); "" when the reply has
// errors. Normalizes: trimmed code and link, handle without '@'.
std::string make_handoff_reply(const HandoffReply& r);
// The reply link: page_url (without fragment) + "#reply=" + base64url(reply JSON); "" on errors.
std::string handoff_reply_link(std::string_view page_url, const HandoffReply& r);
// The reply as a text block for chat apps, read back by parse_handoff_reply:
//   Spark Roster reply
//   Brief: Glow serum launch
//   Brief key: b0k3x9...
//   Creator: @maya
//   Post: https://www.tiktok.com/@maya/video/7312
//   Code: #AbC...
//   Days: 30
//   Generated: 2026-11-20
// With page_url, a last line "Open: <reply link>" is added. "" on errors.
std::string handoff_reply_text(const HandoffReply& r, std::string_view page_url = {});

struct HandoffResult {
    bool ok = false;
    HandoffReply reply;
    Errors errors;
    Errors warnings;
    std::string summary(size_t max_items = 3) const;
};
// Accepts the reply JSON, a reply link (or its fragment, or text holding it), the bare
// base64url payload, or the text block (labels in any case, lines quoted with '>' or padded
// by a chat app are fine). Never throws.
HandoffResult parse_handoff_reply(std::string_view text);

struct ApplyHandoffResult {
    bool ok = false;
    Errors errors;     // why nothing changed
    Errors warnings;   // applied, but worth a look
    Id code_id = 0;    // the Spark Code record now `received`
    Id post_id = 0;    // the post it authorizes
    Id brief_id = 0;
    Id creator_id = 0;
    bool post_added = false;  // the post link was new: a post record was added for it
    bool unchanged = false;   // the same reply was already applied: nothing to do
    int steps = 0;            // undoable steps taken: 1 (the post, the request and the code), 0 when unchanged
    std::string message;      // one line for the screen
};
// Matches the brief (by key) and the creator (by handle) in the store's program, finds the
// post by its link (adds a post record for the brief when the link is new), finds the
// requested Spark Code record for that creator (and post), and receives the code: the record
// becomes `received` with authorization start = generated and duration = days, so the expiry
// is computed. Refused with a reason and no change: a malformed reply, an unknown brief, a
// creator not on the roster, a post link recorded for another creator, a duration outside the
// program's Spark Code limits, a generation date after today.
ApplyHandoffResult apply_handoff(Store& store, const HandoffResult& reply, Date today);

}  // namespace sr
