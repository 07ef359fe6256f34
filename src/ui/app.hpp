// The whole window: top bar, banner, the current view, and the status line.
#pragma once
#include <functional>

#include "core/store.hpp"
#include "platform/storage.hpp"
#include "roster_view.hpp"

namespace sr::ui {

class App {
public:
    App(Store& store, Persistence& persistence) : store_(store), persistence_(persistence), roster_(store) {}
    void draw();
    // Asks the host to switch themes (fonts and style are rebuilt between frames).
    std::function<void(bool dark)> on_theme_change;

private:
    void draw_top_bar();
    void draw_status_line();
    void handle_shortcuts();

    Store& store_;
    Persistence& persistence_;
    RosterView roster_;
};

}  // namespace sr::ui
