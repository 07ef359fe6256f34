// Posts entered by hand (DOMAIN.md section 4): the TikTok link a person pastes, read for its
// Video ID.
#pragma once
#include <string>
#include <string_view>

namespace sr {

// What a pasted post link says.
struct PostLink {
    std::string video_id;  // the 19 digits of the TikTok Video ID; "" when refused
    std::string handle;    // the account in the link ("maya.glow" from "/@maya.glow/"), "" when none
    std::string error;     // why no Video ID could be read, for a person; "" when read
    bool ok() const { return error.empty(); }
};
// Reads "https://www.tiktok.com/@handle/video/7312345678901234567" (with or without the
// scheme or "www.", with any query string or fragment; "/photo/" posts too) or a bare 19-digit
// Video ID. Short links (vm.tiktok.com, vt.tiktok.com, tiktok.com/t/...) only redirect to the
// post, which cannot be followed offline: refused, saying to paste the full link. So is a link
// that is not TikTok's, or that holds no Video ID. Never throws.
PostLink parse_post_link(std::string_view text);

// The host of an http(s) link, lower-cased ("" when the text has no scheme).
std::string link_host(std::string_view link);
// tiktok.com or one of its subdomains.
bool tiktok_host(const std::string& host);

}  // namespace sr
