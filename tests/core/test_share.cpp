#include <doctest/doctest.h>

#include <cstdint>
#include <nlohmann/json.hpp>

#include "builders.hpp"
#include "core/share.hpp"
#include "core/spark.hpp"

using namespace sr;
using namespace sr::test;
using nlohmann::json;

static const Date kToday = d(2026, 11, 23);
static const char* kCode = "#Zk3vQ9rT2mXp8LwYbN4cHs6Ud1Ae5Fg7Jh0=";
static const char* kPost = "https://www.tiktok.com/@maya.glow/video/7312345678901234567";

// A program with a brief for @maya.glow, another creator and someone else's Spark Code, so the
// share payload can be checked for what must never travel.
struct Fixture {
    Program p;
    Id maya = 0, rival = 0, product = 0, brief = 0;
    Fixture() {
        p.settings.program_name = "Glow Co internal";
        maya = add_creator(p, "maya.glow", 40000);
        rival = add_creator(p, "rivalcreator", 900000);
        creator(p, rival).contact = "rival@example.com";
        product = add_product(p, 30);
        Brief b;
        b.id = p.next_id++;
        b.title = "Serum launch";
        b.product_id = product;
        b.hook = HookAngle::problem_agitation;
        b.opening_line = "I hid my skin for years";
        b.product_truths = {"ceramides", "fragrance-free"};
        b.proof = ProofKind::before_after;
        b.proof_detail = "day 1 and day 14, same light";
        b.call_to_action = "Grab it from my TikTok Shop";
        b.do_not_say = {"cures eczema", "better than CeraVe"};
        b.due = d(2026, 12, 1);
        b.creator_ids = {maya};
        b.request_spark_code = true;
        b.spark_days_wanted = 30;
        p.briefs.push_back(b);
        brief = b.id;
        Post& other = add_post(p, rival, d(2026, 11, 2), 50000, 2000, 60, 1800, product);
        other.tiktok_ref = "https://www.tiktok.com/@rivalcreator/video/7000000000000000001";
        SparkCode sc;
        sc.id = p.next_id++;
        sc.code = "#RIVALSECRETCODE0123456789";
        sc.creator_id = rival;
        sc.post_id = other.id;
        sc.status = SparkStatus::received;
        sc.received = sc.auth_start = d(2026, 11, 5);
        p.spark_codes.push_back(sc);
    }
    std::string payload() const { return brief_share_json(p, brief); }
};

static HandoffReply good_reply(const Fixture& f) {
    HandoffReply r;
    r.brief_key = brief_share_key(f.brief);
    r.brief_title = "Serum launch";
    r.creator_handle = "@maya.glow";
    r.post_link = kPost;
    r.code = kCode;
    r.days = 30;
    r.generated = d(2026, 11, 20);
    return r;
}

static bool has_field(const Errors& e, const std::string& field) {
    for (const FieldError& x : e)
        if (x.field == field) return true;
    return false;
}

static bool mentions(const Errors& e, const std::string& field, const std::string& words) {
    for (const FieldError& x : e)
        if (x.field == field && x.message.find(words) != std::string::npos) return true;
    return false;
}

static bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// The payload as JSON, changed by `edit`, back to text.
template <class F> static std::string edited(const std::string& payload, F edit) {
    json j = json::parse(payload);
    edit(j);
    return j.dump();
}

// ---------------------------------------------------------------- base64url
TEST_CASE("base64url encodes the RFC 4648 test vectors without padding") {
    CHECK(base64url_encode("") == "");
    CHECK(base64url_encode("f") == "Zg");
    CHECK(base64url_encode("fo") == "Zm8");
    CHECK(base64url_encode("foo") == "Zm9v");
    CHECK(base64url_encode("foob") == "Zm9vYg");
    CHECK(base64url_encode("fooba") == "Zm9vYmE");
    CHECK(base64url_encode("foobar") == "Zm9vYmFy");
    CHECK(base64url_encode("\xfb\xff") == "-_8");  // '+' and '/' in plain base64
}

TEST_CASE("base64url round-trips every byte value at every length") {
    std::string all;
    for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
    for (size_t n = 0; n <= all.size(); n += 1) {
        const std::string part = all.substr(all.size() - n);
        const std::string enc = base64url_encode(part);
        CHECK(enc.find_first_of("+/=") == std::string::npos);
        const Base64Result back = base64url_decode(enc);
        REQUIRE(back.ok);
        CHECK(back.bytes == part);
    }
    CHECK(base64url_decode("Zm8=").bytes == "fo");  // padding from other tools is tolerated
}

TEST_CASE("base64url decoding refuses a character outside the alphabet and names its position") {
    const Base64Result plus = base64url_decode("Zm9v+mFy");
    CHECK_FALSE(plus.ok);
    CHECK(plus.position == 4);
    CHECK(contains(plus.error, "'+' at position 4"));
    CHECK(base64url_decode("Zm9v/mFy").position == 4);
    CHECK(base64url_decode("Zm 9v").position == 2);
    const Base64Result nul = base64url_decode(std::string("Zm9\0v", 5));
    CHECK_FALSE(nul.ok);
    CHECK(contains(nul.error, "byte 0 at position 3"));
    CHECK_FALSE(base64url_decode("Zm9v=mFy").ok);  // '=' only at the end
}

TEST_CASE("base64url decoding refuses an impossible length and output over the limit") {
    const Base64Result one = base64url_decode("Zm9vY");  // 5 characters: 4n+1 cannot be
    CHECK_FALSE(one.ok);
    CHECK(contains(one.error, "cut off"));
    const std::string big = base64url_encode(std::string(kShareMaxBytes + 1, 'x'));
    const Base64Result over = base64url_decode(big);
    CHECK_FALSE(over.ok);
    CHECK(contains(over.error, "at most 64 KB"));
    CHECK(base64url_decode(base64url_encode(std::string(kShareMaxBytes, 'x'))).ok);
}

// ---------------------------------------------------------------- the share payload
TEST_CASE("a shared brief round-trips: five parts, do-not-say list, due date, product text, checklist, Spark Code request") {
    Fixture f;
    const std::string payload = f.payload();
    REQUIRE_FALSE(payload.empty());
    const SharedBriefResult r = parse_shared_brief(payload);
    REQUIRE_MESSAGE(r.ok, r.summary());
    const SharedBrief& s = r.brief;
    CHECK(s.version == 1);
    CHECK(s.key == brief_share_key(f.brief));
    CHECK(s.title == "Serum launch");
    CHECK(s.product_name == "Product " + std::to_string(f.product));
    CHECK(s.product_price == "$30.00");
    CHECK(s.hook == HookAngle::problem_agitation);
    CHECK(s.opening_line == "I hid my skin for years");
    CHECK(s.product_truths == std::vector<std::string>{"ceramides", "fragrance-free"});
    CHECK(s.proof == ProofKind::before_after);
    CHECK(s.proof_detail == "day 1 and day 14, same light");
    CHECK(s.call_to_action == "Grab it from my TikTok Shop");
    CHECK(s.do_not_say == std::vector<std::string>{"cures eczema", "better than CeraVe"});
    REQUIRE(s.due);
    CHECK(*s.due == d(2026, 12, 1));
    CHECK(s.spark_requested);
    CHECK(s.spark_days == 30);
    CHECK(s.spark_steps == spark_code_steps());
    const std::vector<ChecklistItem> items = brief_checklist(f.p.briefs[0], f.p);
    REQUIRE(s.checklist.size() == items.size());
    for (size_t i = 0; i < items.size(); ++i) {
        CHECK(s.checklist[i].id == items[i].id);
        CHECK(s.checklist[i].text == items[i].text);
    }
    // Written again from what was read, the payload is the same text.
    CHECK(shared_brief_json(s) == payload);
}

TEST_CASE("the share payload carries the brief alone: no creator handle, contact, Spark Code or roster") {
    Fixture f;
    const std::string payload = f.payload();
    REQUIRE_FALSE(payload.empty());
    for (const char* never : {"rivalcreator", "rival@example.com", "RIVALSECRET", "maya.glow", "Glow Co internal",
                              "creator_ids", "spark_codes", "creators", "7000000000000000001"})
        CHECK_MESSAGE(!contains(payload, never), never);
    const json j = json::parse(payload);
    for (auto it = j.begin(); it != j.end(); ++it)
        CHECK_MESSAGE(std::string("format version key title product hook custom_angle opening_line product_truths proof "
                                  "proof_detail call_to_action do_not_say due checklist spark")
                              .find(it.key()) != std::string::npos,
                      it.key());
}

TEST_CASE("a brief with errors cannot be shared, and neither can a brief that does not exist") {
    Fixture f;
    f.p.briefs[0].do_not_say.clear();
    CHECK(brief_share_json(f.p, f.brief).empty());
    CHECK(brief_share_json(f.p, 999).empty());
}

TEST_CASE("a brief the opener would refuse is not shared, and the reason names the field") {
    Fixture f;
    CHECK(brief_share_problems(f.p, f.brief).empty());
    f.p.briefs[0].do_not_say = std::vector<std::string>(51, "a claim");
    CHECK(mentions(brief_share_problems(f.p, f.brief), "do_not_say", "at most 50"));
    CHECK(brief_share_json(f.p, f.brief).empty());
    f.p.briefs[0].do_not_say = {"a claim"};
    f.p.briefs[0].proof_detail = std::string(2001, 'x');
    CHECK(has_field(brief_share_problems(f.p, f.brief), "proof_detail"));
    f.p.briefs[0].proof_detail = "day 1\nday 14";
    f.p.briefs[0].title = "Serum\nlaunch";  // one line when shared
    const SharedBriefResult r = parse_shared_brief(brief_share_json(f.p, f.brief));
    REQUIRE(r.ok);
    CHECK(r.brief.title == "Serum launch");
    CHECK(r.brief.proof_detail == "day 1\nday 14");
    CHECK(has_field(brief_share_problems(f.p, 999), "id"));
}

TEST_CASE("the brief key is stable, random-looking, survives edits and matches the brief back") {
    Fixture f;
    const std::string k = brief_share_key(f.brief);
    CHECK(k == brief_share_key(f.brief));
    CHECK(k.size() == 14);
    CHECK(k[0] == 'b');
    CHECK(k != brief_share_key(f.brief + 1));
    CHECK(brief_share_key(1) != brief_share_key(2));
    f.p.briefs[0].title = "Serum launch, take two";
    REQUIRE(find_brief_by_key(f.p, k));
    CHECK(find_brief_by_key(f.p, k)->id == f.brief);
    CHECK_FALSE(find_brief_by_key(f.p, brief_share_key(999)));
}

// ---------------------------------------------------------------- hostile share payloads
TEST_CASE("a truncated share payload is refused as cut off") {
    Fixture f;
    const std::string payload = f.payload();
    const SharedBriefResult r = parse_shared_brief(payload.substr(0, payload.size() / 2));
    CHECK_FALSE(r.ok);
    CHECK(mentions(r.errors, "payload", "cut off"));
    CHECK(parse_shared_brief("").errors[0].field == "payload");
}

TEST_CASE("wrong types in a share payload are refused, naming the field") {
    Fixture f;
    const std::string payload = f.payload();
    auto refused = [&](auto edit, const char* field) {
        const SharedBriefResult r = parse_shared_brief(edited(payload, edit));
        CHECK_FALSE(r.ok);
        CHECK_MESSAGE(has_field(r.errors, field), field, " in ", r.summary(10));
    };
    refused([](json& j) { j["title"] = 5; }, "title");
    refused([](json& j) { j["version"] = "1"; }, "version");
    refused([](json& j) { j["version"] = 1.5; }, "version");
    refused([](json& j) { j["product_truths"] = "ceramides"; }, "product_truths");
    refused([](json& j) { j["do_not_say"][1] = true; }, "do_not_say[1]");
    refused([](json& j) { j["checklist"][0]["id"] = 3; }, "checklist[0].id");
    refused([](json& j) { j["checklist"][2] = "tick me"; }, "checklist[2]");
    refused([](json& j) { j["spark"]["days"] = "30"; }, "spark.days");
    refused([](json& j) { j["spark"]["days"] = 400; }, "spark.days");
    refused([](json& j) { j["hook"] = "shock"; }, "hook");
    refused([](json& j) { j["due"] = "01/12/2026"; }, "due");
    refused([](json& j) { j["product"] = "serum"; }, "product");
    refused([](json& j) { j.erase("call_to_action"); }, "call_to_action");
    CHECK(parse_shared_brief("[1,2,3]").errors[0].message == "The brief must be a JSON object.");
}

TEST_CASE("a share payload over 64 KB is refused before it is read") {
    const std::string huge = "{\"title\":\"" + std::string(70 * 1024, 'a') + "\"}";
    const SharedBriefResult r = parse_shared_brief(huge);
    CHECK_FALSE(r.ok);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].field == "payload");
    CHECK(contains(r.errors[0].message, "at most 64 KB"));
}

TEST_CASE("lists over 50 items and strings over 2,000 characters are refused") {
    Fixture f;
    const std::string payload = f.payload();
    const SharedBriefResult many = parse_shared_brief(edited(payload, [](json& j) {
        j["do_not_say"] = std::vector<std::string>(51, "x");
    }));
    CHECK(mentions(many.errors, "do_not_say", "51 items; at most 50"));
    CHECK(parse_shared_brief(edited(payload, [](json& j) { j["do_not_say"] = std::vector<std::string>(50, "x"); })).ok);
    // 2,001 two-byte characters: counted as characters, not bytes.
    std::string long_title;
    for (int i = 0; i < 2001; ++i) long_title += "\xC3\xA9";
    const SharedBriefResult longer = parse_shared_brief(edited(payload, [&](json& j) { j["title"] = long_title; }));
    CHECK(mentions(longer.errors, "title", "2001 characters long; at most 2000"));
    long_title.resize(4000);  // exactly 2,000 characters
    CHECK(parse_shared_brief(edited(payload, [&](json& j) { j["title"] = long_title; })).ok);
}

TEST_CASE("deep nesting in a share payload is refused without being parsed") {
    std::string deep = "{\"title\":";
    for (int i = 0; i < 20000; ++i) deep += '[';
    for (int i = 0; i < 20000; ++i) deep += ']';
    deep += "}";
    const SharedBriefResult r = parse_shared_brief(deep);
    CHECK_FALSE(r.ok);
    CHECK(mentions(r.errors, "payload", "nests more than 4 levels"));
    // Brackets inside strings are text, not nesting.
    Fixture f;
    CHECK(parse_shared_brief(edited(f.payload(), [](json& j) { j["title"] = "[[[[[[[[{{{{{{"; })).ok);
}

TEST_CASE("invalid UTF-8 in a share payload is refused with its position") {
    Fixture f;
    std::string payload = f.payload();
    const size_t at = payload.find("Serum launch");
    payload[at] = '\xFF';
    const SharedBriefResult r = parse_shared_brief(payload);
    CHECK_FALSE(r.ok);
    CHECK(mentions(r.errors, "payload", "not valid UTF-8 text (byte " + std::to_string(at) + ")"));
    CHECK(invalid_utf8_at("\xC0\x80") == 0);          // overlong
    CHECK(invalid_utf8_at("ok\xED\xA0\x80") == 2);    // a surrogate
    CHECK(invalid_utf8_at("caf\xC3\xA9 \xF0\x9F\x98\x80") == std::string_view::npos);
    const std::string surrogate = "{\"format\":\"spark-roster-brief\",\"title\":\"\\ud800\"}";
    CHECK_FALSE(parse_shared_brief(surrogate).ok);
}

TEST_CASE("unknown fields and a newer version are refused") {
    Fixture f;
    const std::string payload = f.payload();
    const SharedBriefResult extra = parse_shared_brief(edited(payload, [](json& j) { j["roster"] = json::array(); }));
    CHECK(mentions(extra.errors, "roster", "not a field this version knows"));
    const SharedBriefResult nested = parse_shared_brief(edited(payload, [](json& j) { j["checklist"][0]["ticked"] = true; }));
    CHECK(has_field(nested.errors, "checklist[0].ticked"));
    const SharedBriefResult newer = parse_shared_brief(edited(payload, [](json& j) { j["version"] = 2; }));
    CHECK(mentions(newer.errors, "version", "newer version of Spark Roster (version 2)"));
    const SharedBriefResult reply = parse_shared_brief(edited(payload, [](json& j) { j["format"] = "spark-roster-reply"; }));
    CHECK(mentions(reply.errors, "format", "not a shared brief"));
}

TEST_CASE("control characters and a checklist id used twice are refused") {
    Fixture f;
    const std::string payload = f.payload();
    const SharedBriefResult ctl = parse_shared_brief(edited(payload, [](json& j) { j["title"] = std::string("Se\0rum", 6); }));
    CHECK(mentions(ctl.errors, "title", "control character at byte 2"));
    const SharedBriefResult twice = parse_shared_brief(edited(payload, [](json& j) { j["checklist"][1]["id"] = "hook"; }));
    CHECK(mentions(twice.errors, "checklist[1].id", "used twice"));
    // Line breaks are fine in the long text fields.
    CHECK(parse_shared_brief(edited(payload, [](json& j) { j["proof_detail"] = "day 1\nday 14"; })).ok);
}

TEST_CASE("damaged share payloads never throw: every refusal has a reason") {
    Fixture f;
    const std::string payload = f.payload();
    uint32_t seed = 12345;
    auto next = [&]() { return seed = seed * 1664525u + 1013904223u; };
    size_t refused = 0, runs = 0;
    for (size_t n = 0; n < payload.size(); n += 7) {  // every 7th cut
        const SharedBriefResult r = parse_shared_brief(payload.substr(0, n));
        ++runs;
        refused += !r.ok;
        CHECK((r.ok || !r.errors.empty()));
    }
    for (int i = 0; i < 600; ++i) {  // one or two bytes changed
        std::string m = payload;
        m[next() % m.size()] = static_cast<char>(next() >> 24);
        if (i % 2) m[next() % m.size()] = static_cast<char>(next() >> 24);
        const SharedBriefResult r = parse_shared_brief(m);
        ++runs;
        refused += !r.ok;
        CHECK((r.ok || !r.errors.empty()));
        if (!r.ok) CHECK(r.brief.title.empty());  // nothing half-read is handed on
    }
    CHECK(refused > runs / 2);
}

// ---------------------------------------------------------------- make my own copy, copy as text
TEST_CASE("make my own copy gives an editable brief that check_brief validates") {
    Fixture f;
    const SharedBriefResult r = parse_shared_brief(f.payload());
    REQUIRE(r.ok);
    Program mine;  // the opener's own program: no roster yet
    Brief b = brief_from_shared(r.brief);
    CHECK(b.id == 0);
    CHECK(b.creator_ids.empty());
    CHECK(b.product_id == 0);
    CHECK(b.title == "Serum launch");
    CHECK(b.do_not_say == std::vector<std::string>{"cures eczema", "better than CeraVe"});
    CHECK(b.request_spark_code);
    CHECK(b.spark_days_wanted == 30);
    BriefCheck c = check_brief(b, mine);
    CHECK_FALSE(c.can_share());
    REQUIRE(c.errors() == 1);
    CHECK(c.issues[0].field == "product_id");
    const Id prod = add_product(mine);
    mine.products.back().name = r.brief.product_name;
    CHECK(find_product_by_name(mine, "  " + r.brief.product_name + " ") == prod);
    b.product_id = find_product_by_name(mine, r.brief.product_name);
    CHECK(check_brief(b, mine).can_share());
}

TEST_CASE("a creator with no roster can write a brief from scratch and share it") {
    Store store;
    Product x;
    x.sku = "MY-1";
    x.name = "Lip oil";
    const Id prod = store.add_product(x).id;
    Brief b;
    b.title = "My lip oil video";
    b.product_id = prod;
    b.hook = HookAngle::custom;
    b.custom_angle = "a day in my studio";
    b.product_truths = {"not sticky"};
    b.proof = ProofKind::demonstration;
    b.proof_detail = "apply it on camera";
    b.call_to_action = "link is pinned";
    b.do_not_say = {"plumps lips"};
    const CommandResult added = store.add_brief(b);
    REQUIRE(added.ok);
    const BriefCheck c = check_brief(*store.find_brief(added.id), store.program());
    CHECK(c.can_share());  // warnings only: no due date, no creators
    const std::string payload = brief_share_json(store.program(), added.id);
    REQUIRE_FALSE(payload.empty());
    const SharedBriefResult r = parse_shared_brief(payload);
    REQUIRE(r.ok);
    CHECK(r.brief.hook == HookAngle::custom);
    CHECK(r.brief.custom_angle == "a day in my studio");
    CHECK_FALSE(r.brief.spark_requested);
    CHECK_FALSE(r.brief.due);
}

TEST_CASE("copy as text holds the five parts, the do-not-say list, the Spark Code steps and the checklist") {
    Fixture f;
    const std::string text = brief_to_markdown(f.p.briefs[0], f.p);
    CHECK(contains(text, "Brief: Serum launch\n"));
    CHECK(contains(text, "Post by: 2026-12-01"));
    CHECK(contains(text, "1. Hook: problem / agitation (\"I struggled with this for years\")"));
    CHECK(contains(text, "   - ceramides\n"));
    CHECK(contains(text, "3. Proof: before and after: day 1 and day 14, same light"));
    CHECK(contains(text, "4. Call to action: \"Grab it from my TikTok Shop\""));
    CHECK(contains(text, "   - better than CeraVe\n"));
    CHECK(contains(text, "for 30 days"));
    CHECK(contains(text, "Creator tools \xE2\x86\x92 Ad settings \xE2\x86\x92 on the post: Ad authorization \xE2\x86\x92 "
                         "generate \xE2\x86\x92 copy"));
    size_t boxes = 0;
    for (size_t at = text.find("- [ ] "); at != std::string::npos; at = text.find("- [ ] ", at + 1)) ++boxes;
    CHECK(boxes == brief_checklist(f.p.briefs[0], f.p).size());
    CHECK_FALSE(contains(text, "rivalcreator"));
    // The creator's side makes the same text from the opened link.
    CHECK(shared_brief_to_markdown(parse_shared_brief(f.payload()).brief) == text);
}

// ---------------------------------------------------------------- links
TEST_CASE("share links carry their payload in the fragment and say what they carry") {
    CHECK(brief_share_link("https://host.test/app/?a=1#old", "abc_-") == "https://host.test/app/?a=1#brief=abc_-");
    const ShareLink l = parse_share_link("see https://host.test/app/#brief=AbC-_9).");
    CHECK(l.kind == ShareLinkKind::brief);
    CHECK(l.payload == "AbC-_9");
    CHECK(parse_share_link("#reply=xyz").kind == ShareLinkKind::reply);
    CHECK(parse_share_link("https://host.test/").kind == ShareLinkKind::none);
}

// ---------------------------------------------------------------- replies
TEST_CASE("a reply round-trips as JSON, as a link and as text") {
    Fixture f;
    const HandoffReply in = good_reply(f);
    const std::string page = "https://host.test/spark/index.html#brief=zzz";
    for (const std::string& form : {make_handoff_reply(in), handoff_reply_link(page, in), handoff_reply_text(in),
                                    handoff_reply_text(in, page), base64url_encode(make_handoff_reply(in))}) {
        REQUIRE_FALSE(form.empty());
        const HandoffResult r = parse_handoff_reply(form);
        REQUIRE_MESSAGE(r.ok, r.summary(), " reading ", form);
        CHECK(r.reply.brief_key == brief_share_key(f.brief));
        CHECK(r.reply.brief_title == "Serum launch");
        CHECK(r.reply.creator_handle == "maya.glow");
        CHECK(r.reply.post_link == kPost);
        CHECK(r.reply.code == kCode);
        CHECK(r.reply.days == 30);
        CHECK(*r.reply.generated == d(2026, 11, 20));
        CHECK(r.warnings.empty());
    }
    CHECK(handoff_reply_link(page, in).rfind("https://host.test/spark/index.html#reply=", 0) == 0);
    CHECK(handoff_reply_text(in) ==
          "Spark Roster reply\nBrief: Serum launch\nBrief key: " + brief_share_key(f.brief) +
              "\nCreator: @maya.glow\nPost: " + kPost + "\nCode: " + kCode + "\nDays: 30\nGenerated: 2026-11-20\n");
}

TEST_CASE("a reply pasted through a chat app still reads: quoted lines, other text, label case, CRLF") {
    Fixture f;
    const std::string text = "[20/11 18:02] Maya: here you go!\r\n"
                             "> *Spark Roster reply*\r\n"
                             "> brief key:  " + brief_share_key(f.brief) + "\r\n"
                             ">  CREATOR: maya.glow\r\n"
                             "> Post: www.tiktok.com/@maya.glow/video/7312345678901234567\r\n"
                             "> Code:   " + std::string(kCode) + "  \r\n"
                             "> Days: 30 days\r\n"
                             "> Generated: 2026-11-20\r\n"
                             "thanks!!\r\n";
    const HandoffResult r = parse_handoff_reply(text);
    REQUIRE_MESSAGE(r.ok, r.summary());
    CHECK(r.reply.creator_handle == "maya.glow");
    CHECK(r.reply.post_link == kPost);  // the scheme is added
    CHECK(r.reply.code == kCode);       // trimmed
    CHECK(r.reply.days == 30);
    CHECK(r.reply.brief_title.empty());
}

TEST_CASE("a malformed reply is refused, naming the field") {
    Fixture f;
    const std::string text = handoff_reply_text(good_reply(f));
    auto without = [&](const std::string& label) {
        const size_t at = text.find(label);
        return text.substr(0, at) + text.substr(text.find('\n', at) + 1);
    };
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string t = text;
        t.replace(t.find(from), from.size(), to);
        return t;
    };
    CHECK(mentions(parse_handoff_reply(without("Code:")).errors, "code", "missing"));
    CHECK(mentions(parse_handoff_reply(without("Brief key:")).errors, "brief", "missing"));
    CHECK(mentions(parse_handoff_reply(replaced("Days: 30", "Days: thirty")).errors, "days", "whole number"));
    CHECK(mentions(parse_handoff_reply(replaced("Days: 30", "Days: 400")).errors, "days", "7 to 365"));
    CHECK(mentions(parse_handoff_reply(replaced("2026-11-20", "20/11/2026")).errors, "generated", "YYYY-MM-DD"));
    CHECK(mentions(parse_handoff_reply(replaced(kPost, "javascript:alert(1)")).errors, "post", "https://"));
    CHECK(mentions(parse_handoff_reply(text + text).errors, "reply", "more than one reply"));
    CHECK(has_field(parse_handoff_reply("hello, here is my code #abc").errors, "reply"));
    const std::string brief_link = brief_share_link("https://host.test/", "AAAA");
    CHECK(mentions(parse_handoff_reply(brief_link).errors, "reply", "shared brief, not a reply"));
    const std::string json_reply = make_handoff_reply(good_reply(f));
    CHECK(has_field(parse_handoff_reply(edited(json_reply, [](json& j) { j["days"] = "30"; })).errors, "days"));
    CHECK(has_field(parse_handoff_reply(edited(json_reply, [](json& j) { j["roster"] = 1; })).errors, "roster"));
    CHECK(mentions(parse_handoff_reply(json_reply.substr(0, 40)).errors, "payload", "cut off"));
    const std::string link = handoff_reply_link("https://host.test/", good_reply(f));
    CHECK(has_field(parse_handoff_reply(link.substr(0, link.size() - 1)).errors, "payload"));
    CHECK(mentions(parse_handoff_reply(link.substr(0, link.size() - 12) + "$" + link.substr(link.size() - 11)).errors,
                   "payload", "'$' at position"));
    CHECK(has_field(parse_handoff_reply(std::string(kShareMaxBytes + 1, ' ')).errors, "payload"));
    CHECK(has_field(parse_handoff_reply("Spark Roster reply\nCode: \xFF\n").errors, "payload"));
    const HandoffResult bad = parse_handoff_reply(without("Creator:"));
    CHECK(bad.reply.code.empty());  // nothing half-read is handed on
}

TEST_CASE("the reply form says what is missing, and warns about a link that is not TikTok's") {
    const ReplyCheck empty = check_handoff_reply(HandoffReply{});
    for (const char* field : {"brief", "creator", "post", "code", "generated"}) CHECK_MESSAGE(has_field(empty.errors, field), field);
    Fixture f;
    HandoffReply r = good_reply(f);
    r.post_link = "https://example.com/video/1";
    const ReplyCheck other = check_handoff_reply(r);
    CHECK(other.ok());
    CHECK(has_field(other.warnings, "post"));
    r = good_reply(f);
    r.generated = kToday.plus_days(1);
    CHECK(has_field(check_handoff_reply(r, kToday).errors, "generated"));
    r.creator_handle = "maya glow";
    CHECK(has_field(check_handoff_reply(r).errors, "creator"));
    CHECK(make_handoff_reply(HandoffReply{}).empty());
    const SharedBrief s = parse_shared_brief(f.payload()).brief;
    const HandoffReply pre = reply_for(s);
    CHECK(pre.brief_key == s.key);
    CHECK(pre.days == 30);
}

TEST_CASE("an unusual-looking code gives a warning, never a refusal") {
    Fixture f;
    HandoffReply in = good_reply(f);
    in.code = "  abc def  ";
    const HandoffResult r = parse_handoff_reply(make_handoff_reply(in));
    REQUIRE(r.ok);
    CHECK(r.reply.code == "abc def");
    CHECK(mentions(r.warnings, "code", "contains spaces"));
    CHECK(mentions(r.warnings, "code", "unusually short"));
    CHECK(mentions(r.warnings, "code", "usually start with '#'"));
    Store store(f.p);
    const ApplyHandoffResult a = apply_handoff(store, r, kToday);
    REQUIRE_MESSAGE(a.ok, a.message);
    CHECK(store.find_spark_code(a.code_id)->code == "abc def");
    CHECK(has_field(a.warnings, "code"));
}

// ---------------------------------------------------------------- applying a reply
TEST_CASE("a reply creates a received Spark Code whose expiry is the generation date plus the days") {
    Fixture f;
    Store store(f.p);
    const ApplyHandoffResult a = apply_handoff(store, parse_handoff_reply(handoff_reply_text(good_reply(f))), kToday);
    REQUIRE_MESSAGE(a.ok, a.message);
    CHECK(a.brief_id == f.brief);
    CHECK(a.creator_id == f.maya);
    CHECK(a.post_added);
    CHECK(a.steps == 1);  // the post added and the code received: one undo step
    const SparkCode* c = store.find_spark_code(a.code_id);
    REQUIRE(c);
    CHECK(c->status == SparkStatus::received);
    CHECK(c->code == kCode);
    CHECK(c->creator_id == f.maya);
    CHECK(*c->auth_start == d(2026, 11, 20));
    CHECK(*c->received == kToday);
    CHECK(c->duration_days == 30);
    CHECK(*spark_expiry(*c) == d(2026, 12, 20));  // 2026-11-20 + 30 days
    const Post* post = store.find_post(a.post_id);
    REQUIRE(post);
    CHECK(post->tiktok_ref == kPost);
    CHECK(post->brief_id == f.brief);
    CHECK(post->product_id == f.product);
    CHECK(c->post_id == post->id);
    CHECK(c->product_id == f.product);
    CHECK(contains(a.message, "expires 2026-12-20"));
}

TEST_CASE("a reply answers the Spark Code requested for the brief, and ties it to the post") {
    Fixture f;
    Store store(f.p);
    const CommandResult req = store.request_spark_code(f.maya, 0, d(2026, 11, 15), 30, "Dana");
    REQUIRE(req.ok);
    const size_t codes = store.program().spark_codes.size();
    const ApplyHandoffResult a = apply_handoff(store, parse_handoff_reply(make_handoff_reply(good_reply(f))), kToday);
    REQUIRE_MESSAGE(a.ok, a.message);
    CHECK(a.code_id == req.id);
    CHECK(store.program().spark_codes.size() == codes);
    const SparkCode* c = store.find_spark_code(req.id);
    CHECK(c->status == SparkStatus::received);
    CHECK(c->post_id == a.post_id);
    CHECK(c->renewal_owner == "Dana");
    CHECK(*spark_expiry(*c) == d(2026, 12, 20));
}

TEST_CASE("a reply finds the post already recorded, by its video id") {
    Fixture f;
    Post& post = add_post(f.p, f.maya, d(2026, 11, 18), 9000, 300, 12, 360, f.product);
    post.tiktok_ref = "7312345678901234567";
    Store store(f.p);
    HandoffReply in = good_reply(f);
    in.post_link = "https://www.tiktok.com/@maya.glow/video/7312345678901234567?is_from_webapp=1&sender_device=pc";
    const ApplyHandoffResult a = apply_handoff(store, parse_handoff_reply(make_handoff_reply(in)), kToday);
    REQUIRE_MESSAGE(a.ok, a.message);
    CHECK_FALSE(a.post_added);
    CHECK(a.post_id == post.id);
    CHECK(a.steps == 1);
}

TEST_CASE("a reply for an unknown brief is refused and changes nothing") {
    Fixture f;
    Store store(f.p);
    HandoffReply in = good_reply(f);
    in.brief_key = brief_share_key(999);
    const ApplyHandoffResult a = apply_handoff(store, parse_handoff_reply(handoff_reply_text(in)), kToday);
    CHECK_FALSE(a.ok);
    CHECK(mentions(a.errors, "brief", "No brief in this program"));
    CHECK(store.revision() == 0);
    CHECK_FALSE(store.can_undo());
}

TEST_CASE("a reply from a creator not on the roster is refused and changes nothing") {
    Fixture f;
    Store store(f.p);
    HandoffReply in = good_reply(f);
    in.creator_handle = "stranger";
    const ApplyHandoffResult a = apply_handoff(store, parse_handoff_reply(make_handoff_reply(in)), kToday);
    CHECK_FALSE(a.ok);
    CHECK(mentions(a.errors, "creator", "@stranger is not on the roster"));
    CHECK(store.revision() == 0);
}

TEST_CASE("a malformed reply is refused by apply and changes nothing") {
    Fixture f;
    Store store(f.p);
    const ApplyHandoffResult a = apply_handoff(store, parse_handoff_reply("Spark Roster reply\nCode: #x\n"), kToday);
    CHECK_FALSE(a.ok);
    CHECK_FALSE(a.errors.empty());
    CHECK(contains(a.message, "Reply refused"));
    CHECK(store.revision() == 0);
}

TEST_CASE("a reply naming another creator's post is refused and changes nothing") {
    Fixture f;
    Store store(f.p);
    HandoffReply in = good_reply(f);
    in.post_link = "https://www.tiktok.com/@rivalcreator/video/7000000000000000001";
    const ApplyHandoffResult a = apply_handoff(store, parse_handoff_reply(make_handoff_reply(in)), kToday);
    CHECK_FALSE(a.ok);
    CHECK(mentions(a.errors, "post", "recorded for @rivalcreator"));
    CHECK(store.revision() == 0);
}

TEST_CASE("a reply outside the program's Spark Code limits, or generated after today, is refused") {
    Fixture f;
    f.p.settings.spark_max_days = 90;
    Store store(f.p);
    HandoffReply in = good_reply(f);
    in.days = 120;
    const ApplyHandoffResult longer = apply_handoff(store, parse_handoff_reply(make_handoff_reply(in)), kToday);
    CHECK(mentions(longer.errors, "days", "7 to 90 days"));
    in = good_reply(f);
    in.generated = kToday.plus_days(1);
    const ApplyHandoffResult future = apply_handoff(store, parse_handoff_reply(make_handoff_reply(in)), kToday);
    CHECK(has_field(future.errors, "generated"));
    CHECK(store.revision() == 0);
}

TEST_CASE("a reply opened twice changes nothing the second time") {
    Fixture f;
    Store store(f.p);
    const HandoffResult r = parse_handoff_reply(make_handoff_reply(good_reply(f)));
    const ApplyHandoffResult first = apply_handoff(store, r, kToday);
    REQUIRE(first.ok);
    const uint64_t rev = store.revision();
    const ApplyHandoffResult again = apply_handoff(store, r, kToday);
    CHECK(again.ok);
    CHECK(again.unchanged);
    CHECK(again.code_id == first.code_id);
    CHECK(store.revision() == rev);
}

TEST_CASE("a reply that differs from the brief's request is applied with warnings") {
    Fixture f;
    f.p.briefs[0].creator_ids = {f.rival};
    Store store(f.p);
    HandoffReply in = good_reply(f);
    in.days = 14;
    const ApplyHandoffResult a = apply_handoff(store, parse_handoff_reply(make_handoff_reply(in)), kToday);
    REQUIRE(a.ok);
    CHECK(mentions(a.warnings, "days", "asked for 30 days; the creator authorized 14"));
    CHECK(mentions(a.warnings, "creator", "not assigned"));
    CHECK(*spark_expiry(*store.find_spark_code(a.code_id)) == d(2026, 12, 4));  // 2026-11-20 + 14
}

TEST_CASE("applying a reply is undone in as many steps as it reports") {
    Fixture f;
    Store store(f.p);
    const ApplyHandoffResult a = apply_handoff(store, parse_handoff_reply(make_handoff_reply(good_reply(f))), kToday);
    REQUIRE(a.ok);
    for (int i = 0; i < a.steps; ++i) CHECK(store.undo());
    CHECK(store.program().posts.size() == f.p.posts.size());
    CHECK(store.program().spark_codes.size() == f.p.spark_codes.size());
    CHECK_FALSE(store.can_undo());
}

TEST_CASE("a reply is recorded as one undo step: the new post, the request tied to it and the code") {
    Fixture f;
    Store store(f.p);
    const Id req = store.request_spark_code(f.maya, 0, d(2026, 11, 15), 30, "Dana").id;
    REQUIRE(req);
    const ApplyHandoffResult a = apply_handoff(store, parse_handoff_reply(make_handoff_reply(good_reply(f))), kToday);
    REQUIRE_MESSAGE(a.ok, a.message);
    CHECK(a.post_added);
    CHECK(a.steps == 1);
    CHECK(store.undo_label() == "Receive Spark Code from @maya.glow");
    REQUIRE(store.undo());
    CHECK(store.program().posts.size() == f.p.posts.size());
    CHECK(store.find_spark_code(req)->status == SparkStatus::requested);
    CHECK(store.find_spark_code(req)->post_id == 0);
    CHECK(store.undo_label() == "Request Spark Code");  // the step before the reply
    REQUIRE(store.redo());
    CHECK(store.find_spark_code(req)->status == SparkStatus::received);
    CHECK(store.find_spark_code(req)->post_id == a.post_id);
    CHECK(store.find_post(a.post_id)->tiktok_ref == kPost);
}
