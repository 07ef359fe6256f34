// Text as it is drawn: UTF-8 code points, and the clusters a person reads as one character (a
// letter with its marks, "ที่", an emoji with its modifiers, a flag), so the UI can draw a
// cluster whole. Plain C++, no ImGui.
#pragma once
#include <cstddef>
#include <string>

namespace sr::text {

// Decodes the code point starting at p (p < end) into cp and returns its length in bytes. A
// byte that does not start well-formed UTF-8 (overlong, surrogate, above U+10FFFF, cut short)
// gives U+FFFD and a length of 1.
size_t decode_utf8(const char* p, const char* end, char32_t& cp);
void append_utf8(std::string& out, char32_t cp);

bool is_mark(char32_t cp);               // general category M (Mn, Mc, Me), Unicode 14
bool is_regional_indicator(char32_t cp); // U+1F1E6..1F1FF, two make a flag
bool is_pictographic(char32_t cp);       // emoji and pictographs (about Extended_Pictographic)
// A code point that belongs to the character before it: marks, the zero-width (non-)joiner,
// variation selectors, emoji skin tones, tag characters, Thai and Lao SARA AM.
bool extends_cluster(char32_t cp);

// Length in bytes of the cluster that starts at p (p < end): a code point with the code points
// that extend it, two regional indicators, or an emoji zero-width-joiner sequence. A simplified
// UAX #29 grapheme cluster: no Hangul jamo sequences, no prepended characters.
size_t cluster_length(const char* p, const char* end);

}  // namespace sr::text
