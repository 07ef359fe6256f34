// Conflicts: records two browsers changed before either saw the other's change (sync,
// platform/sync.hpp). Each is shown with its versions side by side, the fields where they
// differ, and a button to keep each version; the version kept replaces the others everywhere.
// A tab only while there are conflicts.
#pragma once
#include "platform/sync.hpp"
#include "view.hpp"

namespace sr::ui {

class ConflictsView : public View {
public:
    explicit ConflictsView(Sync& sync) : sync_(sync) {}
    const char* title() const override { return "Conflicts"; }
    const char* screen() const override { return "conflicts"; }
    void draw(Context& ctx) override;
    bool in_tabs() const override { return !sync_.state().conflicts.empty(); }

private:
    Sync& sync_;
};

}  // namespace sr::ui
