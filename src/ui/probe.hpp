// Where each labelled widget was drawn in the last frame, so the page API can tell tests
// where to click. Fed by Dear ImGui's item hooks; labels are the text before any "##".
#pragma once
#include <optional>
#include <string>

namespace sr::ui {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;  // framebuffer pixels
    std::string text;                  // what it shows, for tags that carry text
};

void probe_begin_frame();
// Records the last item under a name of our choosing (for fields whose label is drawn apart).
void probe_tag(const std::string& name, const std::string& text = "");
std::optional<Rect> probe_find(const std::string& label);
// The rectangle of the active widget (the text field being typed into) in the last frame.
std::optional<Rect> probe_active_rect();

}  // namespace sr::ui
