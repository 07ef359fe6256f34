// Posts entered by hand (DOMAIN.md section 4): the pasted link.
#include <doctest/doctest.h>

#include "core/post_entry.hpp"

using namespace sr;

static const char* kId = "7312345678901234567";

static bool says(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

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
