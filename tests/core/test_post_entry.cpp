// Posts entered by hand (DOMAIN.md section 4): the pasted link, the form, the post's value rules.
#include <doctest/doctest.h>

#include <utility>

#include "builders.hpp"
#include "core/post_entry.hpp"
#include "core/store.hpp"
#include "core/validate.hpp"

using namespace sr;
using namespace sr::test;

static const char* kId = "7312345678901234567";

static bool names(const Errors& e, const std::string& field) {
    for (const FieldError& x : e)
        if (x.field == field) return true;
    return false;
}

static bool says(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A program with one creator, and a post of hers that passes every rule.
struct PostFixture {
    Program p;
    Id maya = 0;
    PostFixture() { maya = add_creator(p, "maya.glow", 40000); }
    Post post() const {
        Post x;
        x.creator_id = maya;
        x.published = d(2026, 11, 20);
        x.views = 9000;
        x.hold_rate_3s = 0.32;
        x.clicks = 300;
        x.orders = 12;
        x.units = 12;
        x.gmv = 360;
        x.buyers = 12;
        return x;
    }
};

// ---------------------------------------------------------------- the link
TEST_CASE("a TikTok post link gives its Video ID, whatever its query string") {
    const PostLink full = parse_post_link("https://www.tiktok.com/@maya.glow/video/7312345678901234567");
    REQUIRE(full.ok());
    CHECK(full.video_id == kId);
    CHECK(full.handle == "maya.glow");
    for (const char* link : {"https://www.tiktok.com/@maya.glow/video/7312345678901234567?is_from_webapp=1&sender_device=pc",
                             "https://www.tiktok.com/@maya.glow/video/7312345678901234567/?lang=en#comments",
                             "  www.tiktok.com/@maya.glow/video/7312345678901234567  ",
                             "tiktok.com/@maya.glow/video/7312345678901234567",
                             "HTTPS://WWW.TIKTOK.COM/@maya.glow/video/7312345678901234567",
                             "https://m.tiktok.com/@maya.glow/video/7312345678901234567",
                             "https://www.tiktok.com/@maya.glow/photo/7312345678901234567"}) {
        CAPTURE(link);
        const PostLink r = parse_post_link(link);
        CHECK(r.ok());
        CHECK(r.video_id == kId);
        CHECK(r.handle == "maya.glow");
    }
}

TEST_CASE("a bare 19-digit Video ID is accepted, another number of digits is refused") {
    const PostLink bare = parse_post_link(" 7312345678901234567 ");
    REQUIRE(bare.ok());
    CHECK(bare.video_id == kId);
    CHECK(bare.handle.empty());
    const PostLink short_id = parse_post_link("731234567890123456");
    CHECK_FALSE(short_id.ok());
    CHECK(short_id.video_id.empty());
    CHECK(short_id.error == "A TikTok Video ID has 19 digits (this one has 18 digits).");
    CHECK_FALSE(parse_post_link("73123456789012345670").ok());
}

TEST_CASE("a short link (vm.tiktok.com) is refused: it cannot be followed offline") {
    for (const char* link : {"https://vm.tiktok.com/ZMabc123/", "vm.tiktok.com/ZMabc123", "https://vt.tiktok.com/ZSabc123/",
                             "https://www.tiktok.com/t/ZTabc123/"}) {
        CAPTURE(link);
        const PostLink r = parse_post_link(link);
        CHECK_FALSE(r.ok());
        CHECK(r.video_id.empty());
        CHECK(says(r.error, "short link"));
        CHECK(says(r.error, "cannot be followed offline"));
    }
}

TEST_CASE("a link that is not TikTok's, or holds no whole Video ID, is refused with the reason") {
    CHECK(says(parse_post_link("").error, "Paste the post's link"));
    CHECK(says(parse_post_link("https://example.com/video/7312345678901234567").error, "not a TikTok link (example.com)"));
    CHECK(says(parse_post_link("https://www.tiktok.com/@maya.glow").error, "no Video ID"));
    CHECK(says(parse_post_link("https://www.tiktok.com/@maya.glow/video/").error, "no Video ID after /video/"));
    CHECK(says(parse_post_link("https://www.tiktok.com/@maya.glow/video/73123456").error,
               "has 8 digits; a TikTok Video ID has 19: check that the link was copied whole"));
    CHECK(says(parse_post_link("https://www.tiktok.com/@maya.glow/video/7312345678901234567 great post").error, "space"));
    CHECK(says(parse_post_link("ftp://www.tiktok.com/@maya.glow/video/7312345678901234567").error, "not a link"));
    CHECK(says(parse_post_link("my best post").error, "space"));
    CHECK_FALSE(parse_post_link("post-7312345678901234567").ok());
}

// ---------------------------------------------------------------- the post's rules
TEST_CASE("a post's refunds cannot exceed its GMV") {
    PostFixture f;
    Post x = f.post();
    x.refunded = 360;  // all of it refunded: allowed
    CHECK(validate_post(x, f.p).empty());
    x.refunded = 360.01;
    const Errors e = validate_post(x, f.p);
    REQUIRE(names(e, "refunded"));
    CHECK(e[0].message == "Refunds cannot exceed GMV.");
}

TEST_CASE("a post's repeat buyers cannot exceed its buyers") {
    PostFixture f;
    Post x = f.post();
    x.repeat_buyers_60d = 12;
    CHECK(validate_post(x, f.p).empty());
    x.repeat_buyers_60d = 13;
    const Errors e = validate_post(x, f.p);
    REQUIRE(names(e, "repeat_buyers_60d"));
    CHECK(e[0].message == "Repeat buyers cannot exceed buyers.");
}

TEST_CASE("a post's 3-second hold rate is between 0 % and 100 %") {
    PostFixture f;
    Post x = f.post();
    for (double ok : {0.0, 0.25, 1.0}) {
        x.hold_rate_3s = ok;
        CHECK(validate_post(x, f.p).empty());
    }
    for (double bad : {-0.01, 1.01}) {
        x.hold_rate_3s = bad;
        CHECK(names(validate_post(x, f.p), "hold_rate_3s"));
    }
    // Typed as a percentage: "101" reads as 1.01, which the rule refuses.
    PostEntry entry = post_entry_of(f.post());
    entry.hold_rate_3s = "101";
    Post typed = f.post();
    REQUIRE(read_post_entry(entry, typed).empty());
    CHECK(names(validate_post(typed, f.p), "hold_rate_3s"));
}

TEST_CASE("a post's counts cannot be negative") {
    PostFixture f;
    struct Count {
        int64_t Post::*member;
        const char* field;
        const char* message;  // names the field, as the form shows it under that field
    };
    const Count counts[] = {{&Post::views, "views", "Views cannot be negative."},
                            {&Post::clicks, "clicks", "Clicks cannot be negative."},
                            {&Post::orders, "orders", "Orders cannot be negative."},
                            {&Post::units, "units", "Units cannot be negative."},
                            {&Post::buyers, "buyers", "Buyers cannot be negative."},
                            {&Post::repeat_buyers_60d, "repeat_buyers_60d", "Repeat buyers cannot be negative."}};
    for (const Count& c : counts) {
        CAPTURE(c.field);
        Post x = f.post();
        x.*c.member = -1;
        const Errors e = validate_post(x, f.p);
        REQUIRE_FALSE(e.empty());
        CHECK(e[0].field == c.field);
        CHECK(e[0].message == c.message);
    }
    Post x = f.post();
    x.views = -1;
    x.buyers = -3;
    x.repeat_buyers_60d = -4;
    const Errors e = validate_post(x, f.p);
    CHECK(names(e, "views"));
    CHECK(names(e, "buyers"));
    CHECK(names(e, "repeat_buyers_60d"));
}

TEST_CASE("a post's publish date must be a real date") {
    PostFixture f;
    Post x = f.post();
    PostEntry entry = post_entry_of(x);
    entry.published = "2028-02-29";  // a leap year
    REQUIRE(read_post_entry(entry, x).empty());
    CHECK(*x.published == d(2028, 2, 29));
    entry.published = "2026-02-29";
    Errors e = read_post_entry(entry, x);
    REQUIRE(names(e, "published"));
    CHECK(e[0].message == "'2026-02-29' is not a real date.");
    entry.published = "20/11/2026";
    e = read_post_entry(entry, x);
    REQUIRE(names(e, "published"));
    CHECK(e[0].message == "'20/11/2026' is not a date: write it as YYYY-MM-DD.");
    entry.published = "";
    CHECK(read_post_entry(entry, x).empty());
    CHECK_FALSE(x.published);
    // A date that is no day of the calendar's years 1900-9999 (a stored value gone wrong).
    x.published = Date{-30000};  // 1887
    CHECK(names(validate_post(x, f.p), "published"));
    x.published = Date{3000000};  // about the year 10183
    CHECK(names(validate_post(x, f.p), "published"));
}

// ---------------------------------------------------------------- the form
TEST_CASE("the post form is read into the post, naming each field it cannot read") {
    PostFixture f;
    PostEntry entry;
    entry.link = "https://www.tiktok.com/@maya.glow/video/7312345678901234567?lang=en";
    entry.published = "2026-11-20";
    entry.views = "12,400";
    entry.hold_rate_3s = "32 %";
    entry.clicks = "310";
    entry.orders = "12";
    entry.gmv = "$1,234.50";
    entry.refunded = "";
    Post x = f.post();
    REQUIRE(read_post_entry(entry, x).empty());
    CHECK(x.tiktok_ref == kId);  // kept as its Video ID
    CHECK(x.views == 12400);
    CHECK(x.hold_rate_3s == doctest::Approx(0.32));
    CHECK(x.clicks == 310);
    CHECK(x.gmv == doctest::Approx(1234.5));
    CHECK(x.refunded == 0);  // empty is 0
    CHECK(x.units == 0);
    CHECK(x.creator_id == f.maya);  // what the form does not hold is kept

    entry.link = "https://vm.tiktok.com/ZMabc123/";
    entry.views = "12.5k";
    entry.clicks = "3.5";
    entry.gmv = "lots";
    entry.hold_rate_3s = "high";
    const Errors e = read_post_entry(entry, x);
    CHECK(names(e, "tiktok_ref"));
    CHECK(names(e, "views"));
    CHECK(names(e, "clicks"));
    CHECK(names(e, "gmv"));
    CHECK(names(e, "hold_rate_3s"));
    CHECK_FALSE(names(e, "orders"));
    CHECK(e[1].message == "'12.5k' is not a whole number.");

    // A post recorded from a link that cannot be read keeps it while its numbers are edited.
    Post replied = f.post();
    replied.tiktok_ref = "https://vm.tiktok.com/ZMabc123/";
    PostEntry edit = post_entry_of(replied);
    edit.views = "9,500";
    REQUIRE(read_post_entry(edit, replied).empty());
    CHECK(replied.tiktok_ref == "https://vm.tiktok.com/ZMabc123/");
    CHECK(replied.views == 9500);
    // The form filled from a post reads back into the same post.
    Post again = f.post();
    Post copy = again;
    REQUIRE(read_post_entry(post_entry_of(again), copy).empty());
    CHECK(copy.hold_rate_3s == doctest::Approx(again.hold_rate_3s));
    CHECK(copy.views == again.views);
    CHECK(copy.gmv == again.gmv);
    CHECK(*copy.published == *again.published);
}

TEST_CASE("the same TikTok post cannot be recorded twice, as a link or as its Video ID") {
    PostFixture f;
    Store store(f.p);
    Post x = f.post();
    x.tiktok_ref = "https://www.tiktok.com/@maya.glow/video/7312345678901234567?is_from_webapp=1";
    const Id first = store.add_post(x).id;
    REQUIRE(first);
    x.tiktok_ref = kId;
    const CommandResult r = store.add_post(x);
    CHECK_FALSE(r.ok);
    REQUIRE(names(r.errors, "tiktok_ref"));
    CHECK(r.errors[0].message == "This TikTok post is already recorded (post " + std::to_string(first) + ").");
    x.tiktok_ref = "7312345678901234568";  // another post
    CHECK(store.add_post(x).ok);
}
