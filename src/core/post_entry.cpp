#include "post_entry.hpp"

#include <cctype>
#include <type_traits>
#include <vector>

#include "import_cells.hpp"
#include "input.hpp"
#include "validate.hpp"

namespace sr {

using cells::all_digits;

namespace {

constexpr size_t kVideoIdDigits = 19;

std::string digits_count(size_t n) { return std::to_string(n) + (n == 1 ? " digit" : " digits"); }

// The path of a link split at '/', without its query string or fragment.
std::vector<std::string_view> path_parts(std::string_view link) {
    const size_t scheme = link.find("://");
    link.remove_prefix(scheme == std::string_view::npos ? 0 : scheme + 3);
    const size_t end = link.find_first_of("?#");
    if (end != std::string_view::npos) link = link.substr(0, end);
    std::vector<std::string_view> parts;
    size_t at = link.find('/');  // the host comes first
    while (at != std::string_view::npos) {
        const size_t next = link.find('/', at + 1);
        std::string_view part = link.substr(at + 1, next == std::string_view::npos ? std::string_view::npos : next - at - 1);
        if (!part.empty()) parts.push_back(part);
        at = next;
    }
    return parts;
}

}  // namespace

std::string link_host(std::string_view link) {
    std::string s(link);
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const size_t p = s.find("://");
    if (p == std::string::npos) return "";
    s = s.substr(p + 3);
    const size_t end = s.find_first_of("/?#");
    if (end != std::string::npos) s.resize(end);
    const size_t at = s.rfind('@');
    if (at != std::string::npos) s = s.substr(at + 1);
    const size_t colon = s.find(':');
    if (colon != std::string::npos) s.resize(colon);
    return s;
}

bool tiktok_host(const std::string& host) {
    const std::string t = "tiktok.com";
    return host == t || (host.size() > t.size() && host.compare(host.size() - t.size() - 1, t.size() + 1, "." + t) == 0);
}

PostLink parse_post_link(std::string_view text) {
    PostLink out;
    auto refuse = [&](std::string why) {
        out = PostLink{};
        out.error = std::move(why);
        return out;
    };
    const std::string t = trim(text);
    if (t.empty()) return refuse("Paste the post's link, or its Video ID.");
    if (all_digits(t)) {
        if (t.size() != kVideoIdDigits)
            return refuse("A TikTok Video ID has 19 digits (this one has " + digits_count(t.size()) + ").");
        out.video_id = t;
        return out;
    }
    if (t.find_first_of(" \t\r\n") != std::string::npos) return refuse("The link has a space in it: paste the link alone.");
    const std::string link = t.find("://") == std::string::npos ? "https://" + t : t;
    std::string scheme = link.substr(0, link.find("://"));
    for (char& ch : scheme) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const std::string host = link_host(link);
    if ((scheme != "https" && scheme != "http") || host.empty())
        return refuse("This is not a link: paste the post's link, or its Video ID.");
    if (!tiktok_host(host)) return refuse("This is not a TikTok link (" + host + "): paste the post's link from TikTok.");
    const std::vector<std::string_view> parts = path_parts(link);
    if (host == "vm.tiktok.com" || host == "vt.tiktok.com" || (!parts.empty() && parts[0] == "t"))
        return refuse("A short link (" + host + "/...) only leads to the post, and cannot be followed offline: open it, "
                      "then paste the full link (tiktok.com/@handle/video/...) or the Video ID.");
    for (size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].size() > 1 && parts[i][0] == '@') out.handle = std::string(parts[i].substr(1));
        if (parts[i] != "video" && parts[i] != "photo") continue;
        const std::string_view id = i + 1 < parts.size() ? parts[i + 1] : std::string_view();
        if (!all_digits(id)) return refuse("The link has no Video ID after /" + std::string(parts[i]) + "/: paste the post's own link.");
        if (id.size() != kVideoIdDigits)
            return refuse("The link's Video ID has " + digits_count(id.size()) +
                          "; a TikTok Video ID has 19: check that the link was copied whole.");
        out.video_id = std::string(id);
        return out;
    }
    return refuse("The link holds no Video ID (.../video/ and 19 digits): paste the post's own link, not a profile's.");
}

PostEntry post_entry_of(const Post& x) {
    PostEntry e;
    e.link = x.tiktok_ref;
    e.published = x.published ? x.published->to_string() : "";
    e.views = std::to_string(x.views);
    e.hold_rate_3s = percent_text(x.hold_rate_3s);
    e.clicks = std::to_string(x.clicks);
    e.orders = std::to_string(x.orders);
    e.units = std::to_string(x.units);
    e.buyers = std::to_string(x.buyers);
    e.repeat_buyers_60d = std::to_string(x.repeat_buyers_60d);
    e.gmv = number_text(x.gmv);
    e.refunded = number_text(x.refunded);
    e.commission = number_text(x.commission);
    e.creator_fee = number_text(x.creator_fee);
    return e;
}

Errors read_post_entry(const PostEntry& in, Post& post) {
    Errors e;
    const std::string link = trim(in.link);
    if (link.empty()) post.tiktok_ref.clear();
    else if (link != trim(post.tiktok_ref)) {
        const PostLink l = parse_post_link(link);
        if (l.ok()) post.tiktok_ref = l.video_id;
        else e.push_back({"tiktok_ref", l.error});
    }

    const std::string date = trim(in.published);
    const bool date_shape = date.size() == 10 && date[4] == '-' && date[7] == '-';
    if (date.empty()) post.published.reset();
    else if (auto d = Date::parse(date)) post.published = *d;
    else if (date_shape) e.push_back({"published", "'" + date + "' is not a real date."});
    else e.push_back({"published", "'" + date + "' is not a date: write it as YYYY-MM-DD."});

    auto read = [&](const char* field, const std::string& text, auto parse, auto& out, const char* what) {
        const std::string t = trim(text);
        if (t.empty()) out = 0;
        else if (auto v = parse(t)) out = static_cast<std::remove_reference_t<decltype(out)>>(*v);
        else e.push_back({field, "'" + t + "' is not " + what + "."});
    };
    const auto whole = parse_whole;
    const auto amount = parse_number;
    const auto percent = parse_percent;
    read("views", in.views, whole, post.views, "a whole number");
    read("hold_rate_3s", in.hold_rate_3s, percent, post.hold_rate_3s, "a percentage");
    read("clicks", in.clicks, whole, post.clicks, "a whole number");
    read("orders", in.orders, whole, post.orders, "a whole number");
    read("units", in.units, whole, post.units, "a whole number");
    read("buyers", in.buyers, whole, post.buyers, "a whole number");
    read("repeat_buyers_60d", in.repeat_buyers_60d, whole, post.repeat_buyers_60d, "a whole number");
    read("gmv", in.gmv, amount, post.gmv, "an amount");
    read("refunded", in.refunded, amount, post.refunded, "an amount");
    read("commission", in.commission, amount, post.commission, "an amount");
    read("creator_fee", in.creator_fee, amount, post.creator_fee, "an amount");
    return e;
}

}  // namespace sr
