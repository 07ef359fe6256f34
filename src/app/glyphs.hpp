// The UI's font atlas, for text in any script the program holds. Glyphs come from the embedded
// UI font (Latin with its diacritics, Greek, Cyrillic, Vietnamese: SR_FONT_UNICODES) where it
// has them, and from the browser's own fonts (Thai, CJK, emoji, any other script) otherwise,
// drawn through Canvas2D (web/glyphs.js) into the same atlas. A cluster (a letter with its
// marks, "ที่", an emoji with its modifiers) is drawn whole, shaped by the browser.
//
// What is needed is learnt from the text the app draws: every string Dear ImGui draws goes
// through ImFont::RenderText, which the link wraps (CMakeLists.txt) with a pass here that notes
// code points the atlas lacks and puts each cluster's own glyph in its place. A frame that drew
// something the atlas lacked is not shown: the atlas is rebuilt and the frame drawn again.
#pragma once
#include <string>

namespace sr::app::glyphs {

// Builds the atlas at this pixel size (the CSS size times devicePixelRatio) with the glyphs of
// everything drawn so far, and uploads it.
void build(const char* font_file, float font_px);

// Call before each frame.
void begin_frame();

// Text cut short: a line of text wider than the room its widget or table cell gives it is drawn
// up to what fits, then "…" (never cut without a sign); hovering it shows the whole text. Call
// after the frame's windows are drawn and before ImGui::Render: it opens that tooltip when the
// mouse is over such a text and nothing else shows a tooltip.
void show_cut_text();
// Page API: the lines the last frame drew cut short, as [{text, x, y, width, height}], their
// places scaled by `scale` (to CSS pixels).
std::string cut_json(double scale);

// Call after a frame is laid out (ImGui::Render): true when the frame drew text the atlas
// lacked. The atlas has then been rebuilt with it, and the frame, laid out with the old atlas,
// must not be shown: draw another.
bool update();

// Page API: the code points drawn in the last frame without a glyph of their own (no font has
// them: drawn as a box), as a JSON array of numbers.
std::string missing_json();

// Page API: for each code point of the text, where its glyph comes from ("font": the embedded UI
// font, "browser": the browser's fonts, "none": no font has it, "pending": not in the atlas yet)
// and whether the last frame drew it (null for ASCII, which is always in the atlas), alone or
// in a cluster drawn whole.
std::string info_json(const char* utf8);

}  // namespace sr::app::glyphs
