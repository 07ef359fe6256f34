// Settings: every threshold, tier bound and target, currency, week start, program start,
// budgets and Spark Code defaults. Edited as a draft, saved through Store::update_settings.
// Below them, Storage: whether the browser keeps the data for good, and the recovery points,
// each restorable (undoably) after a confirmation; and Sync: the team's CouchDB database, where
// the program is shared with the team (platform/sync.hpp).
#pragma once
#include <string>

#include "core/store.hpp"
#include "form_fields.hpp"
#include "platform/storage.hpp"
#include "platform/sync.hpp"
#include "view.hpp"

namespace sr::ui {

class SettingsView : public View {
public:
    SettingsView(Store& store, Persistence& persistence, Sync& sync)
        : store_(store), persistence_(persistence), sync_(sync) {}
    const char* title() const override { return "Settings"; }
    const char* screen() const override { return "settings"; }
    void draw(Context& ctx) override;
    bool close_dialog() override;

private:
    void load();
    void check();
    void save();
    void draw_reset_popup();
    void draw_storage();
    void draw_restore_popup();
    void draw_form(Context& ctx);
    void draw_sync();
    void draw_sync_section();
    bool read_only_ = false;

    Store& store_;
    Persistence& persistence_;
    Sync& sync_;
    // Sync: what to connect to, as typed (the password is kept in this browser once connected).
    std::string sync_url_, sync_user_, sync_password_;
    bool sync_typed_ = false;
    std::string sync_problem_;
    Settings draft_;
    std::string start_text_;  // the program start as typed
    uint64_t loaded_revision_ = UINT64_MAX;
    bool dirty_ = false;
    FieldErrors errors_;
    std::string notice_;
    bool want_reset_ = false;
    bool reset_open_ = false;
    // Storage: the list is read again when the screen is shown and after each save.
    int last_drawn_frame_ = -2;
    uint64_t listed_revision_ = UINT64_MAX;
    int64_t restore_id_ = 0;  // the recovery point waiting for confirmation
    std::string restore_when_;
    bool want_restore_ = false;
    bool restore_open_ = false;
};

}  // namespace sr::ui
