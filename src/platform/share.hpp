// Share links in the browser (web/share.js): compressing a brief for its link and opening one,
// the page's own address, and a creator's checklist ticks kept on this device only.
#pragma once
#include <functional>
#include <set>
#include <string>

namespace sr::platform {

// Called once, later (between frames), with ok and the result, or !ok and a message for people.
using ShareDone = std::function<void(bool ok, const std::string& result)>;
// Text -> deflate-raw -> base64url (the payload after "#brief=").
void share_compress(const std::string& text, ShareDone done);
// The reverse; refuses damaged, cut or oversized payloads with a message.
void share_decompress(const std::string& payload, ShareDone done);

// The page's address without its fragment ("https://example.com/app/").
std::string page_url();

// The ticked checklist items of a shared brief on this device (localStorage), by share key.
std::set<std::string> ticks_get(const std::string& brief_key);
bool ticks_set(const std::string& brief_key, const std::string& item_id, bool on);

}  // namespace sr::platform
