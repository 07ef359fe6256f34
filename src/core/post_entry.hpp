// Posts entered by hand (DOMAIN.md section 4): the TikTok link a person pastes, read for its
// Video ID, and the post form's text read into a Post. The value rules (refunds within GMV,
// repeat buyers within buyers, ...) are validate_post()'s, which the Store applies on saving;
// this file only reads text, naming the field when it cannot.
#pragma once
#include <string>
#include <string_view>

#include "creators.hpp"
#include "model.hpp"

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

// The post form's fields as typed. Numbers take what input.hpp reads ("1,240", "$1,234.50");
// the hold rate is a percentage ("32" or "32 %"); an empty number is 0, an empty date none.
struct PostEntry {
    std::string link;  // the post's link or its Video ID; "" for none yet
    std::string published;  // YYYY-MM-DD
    std::string views, hold_rate_3s, clicks, orders, units, buyers, repeat_buyers_60d;
    std::string gmv, refunded, commission, creator_fee;
};
// The form filled from a post, to edit it.
PostEntry post_entry_of(const Post& post);
// Reads the form into `post` (its other fields are kept) and returns what could not be read,
// by the Post field's name ("tiktok_ref", "published", "views", ...), the names
// validate_post() uses. A link is kept as its Video ID; a link left as the post already had
// it is kept as it was, so a post recorded from an unreadable link can still be edited.
Errors read_post_entry(const PostEntry& entry, Post& post);

}  // namespace sr
