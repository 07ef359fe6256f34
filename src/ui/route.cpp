#include <cstdlib>
#include <utility>

#include "view.hpp"

namespace sr::ui {

Route parse_route(std::string_view h) {
    Route r;
    if (!h.empty() && h[0] == '#') h.remove_prefix(1);
    if (!h.empty() && h[0] == '/') h.remove_prefix(1);
    if (h.empty()) return r;
    // Share links: "#brief=<payload>" opens a shared brief, "#reply=<payload>" a creator's reply.
    for (auto [prefix, screen] : {std::pair<std::string_view, const char*>{"brief=", "shared"}, {"reply=", "reply"}})
        if (h.substr(0, prefix.size()) == prefix) {
            r.screen = screen;
            r.payload = std::string(h.substr(prefix.size()));
            return r;
        }
    // "#/review?day=2026-12-20": what follows a '?' is kept for the screen to read.
    if (const size_t q = h.find('?'); q != std::string_view::npos) {
        r.query = std::string(h.substr(q + 1));
        h = h.substr(0, q);
    }
    const size_t slash = h.find('/');
    std::string screen(h.substr(0, slash));
    static const char* known[] = {"review", "roster", "creator", "products", "samples", "briefs",
                                  "brief", "performance", "spark", "data", "settings", "conflicts"};
    bool ok = false;
    for (const char* k : known) ok |= screen == k;
    if (!ok) return Route{};
    r.screen = screen;
    if (slash != std::string_view::npos) {
        std::string_view rest = h.substr(slash + 1);
        Id id = 0;
        // Ids have up to 16 digits (a synced browser's range reaches 2^53: docs/rules.md, "Teams").
        bool digits = !rest.empty() && rest.size() <= 16;
        for (char c : rest) {
            if (c < '0' || c > '9') {
                digits = false;
                break;
            }
            id = id * 10 + (c - '0');
        }
        if (digits) r.id = id;
    }
    return r;
}

std::string route_hash(const Route& r) {
    if (r.screen == "shared") return "#brief=" + r.payload;
    if (r.screen == "reply") return "#reply=" + r.payload;
    std::string h = "#/" + r.screen;
    if (r.id) h += "/" + std::to_string(r.id);
    if (!r.query.empty()) h += "?" + r.query;
    return h;
}

}  // namespace sr::ui
