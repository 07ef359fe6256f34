// Screens and the routes between them. Each screen is a View with its own state and a draw();
// views read the Store and change it only through its commands.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/model.hpp"
#include "core/store.hpp"

namespace sr::ui {

// A place in the app, as in the URL hash: "#/roster", "#/creator/12", "#/spark/40".
struct Route {
    std::string screen = "review";  // review, roster, creator, products, samples, briefs, brief,
                                    // performance, spark, data, settings
    Id id = 0;                      // the record, for screens about one
    std::string payload;            // "shared" and "reply": the link's payload ("#brief=<payload>")
    std::string query;              // after a '?': "day=2026-12-20" (the weekly review's day)
    bool operator==(const Route& o) const {
        return screen == o.screen && id == o.id && payload == o.payload && query == o.query;
    }
    bool operator!=(const Route& o) const { return !(*this == o); }
};

Route parse_route(std::string_view hash);  // unknown or malformed: the home screen; "#/review?day=..." keeps the query
std::string route_hash(const Route& r);    // "#/creator/12"

class Nav {
public:
    const Route& current() const { return current_; }
    // Goes to a place; the browser's back button returns here.
    void go(Route r) { pending_ = std::move(r); has_pending_ = true; }
    void go(const char* screen, Id id = 0) { go(Route{screen, id, {}, {}}); }
    // Used by the App: a move requested this frame, taken between frames.
    bool take_pending(Route& out) {
        if (!has_pending_) return false;
        out = pending_;
        has_pending_ = false;
        return true;
    }
    void set_current(Route r) { current_ = std::move(r); }

private:
    Route current_;
    Route pending_;
    bool has_pending_ = false;
};

// What every view can reach.
struct Context {
    Store& store;
    Nav& nav;
    Date today;  // the local date, refreshed every frame
    // The stored program is in. Only the shared brief is drawn before (it needs nothing stored);
    // nothing may change the program until then (the stored one would replace the change).
    bool loaded = true;
};

class View {
public:
    virtual ~View() = default;
    virtual const char* title() const = 0;    // the tab's label
    virtual const char* screen() const = 0;   // its route name
    virtual void draw(Context& ctx) = 0;
    // Ctrl/Cmd+F: put the keyboard in this screen's filter, if it has one.
    virtual void focus_filter() {}
    // Escape: close this screen's dialog if one is open; true if it did.
    virtual bool close_dialog() { return false; }
    // False for screens about one record (a creator): reached by links, not shown as a tab.
    virtual bool in_tabs() const { return true; }
};

}  // namespace sr::ui
