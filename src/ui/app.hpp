// The whole window: top bar with the screens, banner, the current screen, and the status line.
#pragma once
#include <functional>
#include <memory>
#include <vector>

#include "core/store.hpp"
#include "platform/storage.hpp"
#include "platform/sync.hpp"
#include "view.hpp"

namespace sr::ui {

class RosterView;
class DataView;
class SettingsView;

class App {
public:
    App(Store& store, Persistence& persistence, Sync& sync);
    ~App();
    void draw();
    // Asks the host to switch themes (fonts and style are rebuilt between frames).
    std::function<void(bool dark)> on_theme_change;
    Nav& nav() { return nav_; }
    // A file is being imported: keep drawing frames until it is read.
    bool busy() const;
    // The URL hash is not the one the screen shows (set by a link, the back button, a script):
    // the next frame follows it.
    bool location_changed() const;

private:
    void draw_top_bar();
    void draw_status_line();
    void handle_shortcuts();
    void follow_location();
    View* current_view();

    Store& store_;
    Persistence& persistence_;
    Sync& sync_;
    Nav nav_;
    std::vector<std::unique_ptr<View>> views_;  // in tab order; the first is home
    RosterView* roster_ = nullptr;
    DataView* data_ = nullptr;
    SettingsView* settings_ = nullptr;
    std::string last_hash_;
};

}  // namespace sr::ui
