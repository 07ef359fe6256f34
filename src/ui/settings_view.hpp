// Settings: every threshold, tier bound and target, currency, week start, program start,
// budgets and Spark Code defaults. Edited as a draft, saved through Store::update_settings.
#pragma once
#include <string>

#include "core/store.hpp"
#include "form_fields.hpp"
#include "view.hpp"

namespace sr::ui {

class SettingsView : public View {
public:
    explicit SettingsView(Store& store) : store_(store) {}
    const char* title() const override { return "Settings"; }
    const char* screen() const override { return "settings"; }
    void draw(Context& ctx) override;
    bool close_dialog() override;

private:
    void load();
    void check();
    void save();
    void draw_reset_popup();

    Store& store_;
    Settings draft_;
    std::string start_text_;  // the program start as typed
    uint64_t loaded_revision_ = UINT64_MAX;
    bool dirty_ = false;
    FieldErrors errors_;
    std::string notice_;
    bool want_reset_ = false;
    bool reset_open_ = false;
};

}  // namespace sr::ui
