#include "app/glyphs.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text.hpp"
#include "ui/probe.hpp"

#ifndef SR_FONT_UNICODES
#error "SR_FONT_UNICODES (CMakeLists.txt): the code points the embedded UI font is cut down to"
#endif

extern "C" unsigned char* sr_glyph_raster(const char* text, double em_px);  // web/glyphs.js

namespace sr::app::glyphs {

namespace {

struct Range {
    char32_t first, last;
};

// What the UI's own labels use (Latin-1, Latin Extended-A, punctuation, currency signs,
// arrows): always in the atlas, so an English screen never waits for a rebuild.
constexpr Range kAlways[] = {{0x0020, 0x00FF}, {0x0100, 0x017F}, {0x2010, 0x2027}, {0x20A0, 0x20BF}, {0x2190, 0x21FF}};

// The glyph drawn for a code point no font has: a rectangle (U+25A1 WHITE SQUARE). Outside the
// embedded font's ranges, so it is always this drawing.
constexpr char32_t kBox = 0x25A1;
// Clusters drawn whole get code points of their own from the private use area, in the text
// handed to Dear ImGui's drawing only.
constexpr char32_t kClusterFirst = 0xE000, kClusterLast = 0xF8FF;

// A glyph drawn by the browser (web/glyphs.js), in device pixels.
struct Raster {
    int w = 0, h = 0;        // ink box; 0 when there is no ink (a space, a joiner)
    int left = 0, top = 0;   // the ink's top-left from the pen on the baseline
    float advance = 0;
    bool coloured = false;   // a colour glyph (emoji): not tinted by the text colour
    bool missing = false;    // no font has it
    std::vector<unsigned char> rgba;
};

struct Cluster {
    std::string text;
    bool missing = false;  // a part of it has no glyph: drawn code point by code point
};

// A line drawn cut short (draw_fitted): where, and the whole text, for its tooltip.
struct CutText {
    const ImDrawList* draw_list;
    ImRect rect;
    std::string text;
};

struct State {
    std::string font_file;
    float font_px = 0;
    float em_px = 0;         // the pixels to the em of the UI font at font_px
    float ascent_px = 0;     // its baseline from the top of the line, as Dear ImGui places it
    std::vector<Range> embedded;             // SR_FONT_UNICODES
    std::set<char32_t> known;                // every code point beyond ASCII drawn so far
    std::set<char32_t> font_lacks;           // in SR_FONT_UNICODES but not in the font file
    std::unordered_map<char32_t, Raster> rasters;  // browser glyphs at font_px, by code point
    std::unordered_map<std::string, char32_t> cluster_ids;  // cluster text -> private-use code point
    std::vector<Cluster> clusters;           // by code point - kClusterFirst
    std::set<char32_t> wanted;               // drawn, not in the atlas yet
    std::set<std::string> wanted_clusters;
    std::set<char32_t> missing;              // drawn in this frame without a glyph of their own
    std::unordered_map<char32_t, uint64_t> drawn;  // code point -> last frame it was drawn in
    uint64_t frame = 0;
    ImVector<ImWchar> ranges;                // the atlas's font ranges (must outlive its build)
    std::string rewritten;                   // RenderText's text with clusters put in
    std::vector<CutText> cut;                // this frame's lines drawn cut short with "…"
    std::vector<CutText> shown_cut;          // the last finished frame's
};

State& st() {
    static State s;
    return s;
}

bool in_ranges(const std::vector<Range>& rs, char32_t cp) {
    for (const Range& r : rs)
        if (cp >= r.first && cp <= r.last) return true;
    return false;
}

// "U+0020-007E,U+2116,..." as fontTools takes it.
std::vector<Range> parse_unicodes(const char* spec) {
    std::vector<Range> out;
    const char* p = spec;
    while (*p) {
        while (*p == ',' || *p == ' ') ++p;
        if (p[0] == 'U' && p[1] == '+') p += 2;
        char* end = nullptr;
        const unsigned long a = std::strtoul(p, &end, 16);
        if (end == p) break;
        unsigned long b = a;
        p = end;
        if (*p == '-') {
            b = std::strtoul(p + 1, &end, 16);
            p = end;
        }
        out.push_back({static_cast<char32_t>(a), static_cast<char32_t>(b)});
    }
    return out;
}

bool from_font(char32_t cp) {
    const State& s = st();
    return in_ranges(s.embedded, cp) && cp != kBox && !s.font_lacks.count(cp);
}

// The font's units per em, ascender and descender (head and hhea tables), which set how Dear
// ImGui sizes it: its pixel size is the ascender-to-descender height, not the em.
struct Metrics {
    int units_per_em = 1000, ascender = 800, descender = -200;
};
Metrics read_metrics(const char* path) {
    Metrics m;
    FILE* f = std::fopen(path, "rb");
    if (!f) return m;
    std::vector<unsigned char> head(12 + 16 * 64);
    const size_t n = std::fread(head.data(), 1, head.size(), f);
    auto u16 = [](const unsigned char* p) { return static_cast<int>(p[0] << 8 | p[1]); };
    auto u32 = [](const unsigned char* p) {
        return static_cast<uint32_t>(p[0]) << 24 | static_cast<uint32_t>(p[1]) << 16 | static_cast<uint32_t>(p[2]) << 8 | p[3];
    };
    auto read_at = [&](uint32_t offset, unsigned char* out, size_t len) {
        return std::fseek(f, static_cast<long>(offset), SEEK_SET) == 0 && std::fread(out, 1, len, f) == len;
    };
    const int tables = n >= 12 ? u16(&head[4]) : 0;
    for (int i = 0; i < tables && 12 + 16 * static_cast<size_t>(i + 1) <= n; ++i) {
        const unsigned char* rec = &head[12 + 16 * i];
        unsigned char t[8];
        if (std::memcmp(rec, "head", 4) == 0 && read_at(u32(rec + 8) + 18, t, 2)) m.units_per_em = u16(t);
        if (std::memcmp(rec, "hhea", 4) == 0 && read_at(u32(rec + 8) + 4, t, 4)) {
            m.ascender = static_cast<int16_t>(u16(t));
            m.descender = static_cast<int16_t>(u16(t + 2));
        }
    }
    std::fclose(f);
    return m;
}

// The browser's drawing of one code point or cluster at the current size (cached).
Raster& raster(char32_t id, const std::string& text) {
    State& s = st();
    auto it = s.rasters.find(id);
    if (it != s.rasters.end()) return it->second;
    Raster& r = s.rasters[id];
    unsigned char* p = sr_glyph_raster(text.c_str(), s.em_px);
    if (!p) {
        r.missing = true;
        return r;
    }
    int32_t h[6];
    std::memcpy(h, p, sizeof h);
    r.w = h[0];
    r.h = h[1];
    r.left = h[2];
    r.top = h[3];
    r.advance = std::round(static_cast<float>(h[4]) / 64.0f);  // whole pixels, as the UI font's
    r.coloured = (h[5] & 1) != 0;
    r.missing = (h[5] & 2) != 0;
    if (r.w > 0 && r.h > 0) r.rgba.assign(p + 24, p + 24 + static_cast<size_t>(r.w) * r.h * 4);
    std::free(p);
    return r;
}

std::string utf8(char32_t cp) {
    std::string out;
    text::append_utf8(out, cp);
    return out;
}

// A glyph of the atlas's own drawing (browser glyphs, clusters, the box) and its rectangle.
struct Custom {
    int rect;
    const Raster* raster;
    char32_t id;
};

void rebuild() {
    State& s = st();
    ImGuiIO& io = ImGui::GetIO();
    for (;;) {
        io.Fonts->Clear();
        ImFontConfig cfg;
        cfg.OversampleH = 2;
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        ImFontGlyphRangesBuilder rb;
        for (const Range& r : kAlways)
            for (char32_t c = r.first; c <= r.last; ++c) rb.AddChar(static_cast<ImWchar>(c));
        for (char32_t c : s.known)
            if (from_font(c)) rb.AddChar(static_cast<ImWchar>(c));
        s.ranges.clear();
        rb.BuildRanges(&s.ranges);
        ImFont* font = io.Fonts->AddFontFromFileTTF(s.font_file.c_str(), s.font_px, &cfg, s.ranges.Data);
        if (!font) font = io.Fonts->AddFontDefault();
        font->FallbackChar = static_cast<ImWchar>(kBox);

        std::vector<Custom> custom;
        auto add = [&](char32_t id, const Raster& r) {
            // An empty glyph (a space, a joiner) still needs a rectangle: one transparent pixel.
            const int w = std::max(r.w, 1), h = std::max(r.h, 1);
            const ImVec2 offset(static_cast<float>(r.left), s.ascent_px + static_cast<float>(r.top));
            custom.push_back({io.Fonts->AddCustomRectFontGlyph(font, static_cast<ImWchar>(id), w, h, r.advance, offset), &r, id});
        };
        for (char32_t c : s.known) {
            if (from_font(c) || c == kBox) continue;
            const Raster& r = raster(c, utf8(c));
            if (!r.missing) add(c, r);
        }
        // Clusters: drawn whole when each of their code points has a glyph.
        for (const std::string& t : s.wanted_clusters) {
            if (s.cluster_ids.count(t)) continue;
            const char32_t id = kClusterFirst + static_cast<char32_t>(s.clusters.size());
            if (id > kClusterLast) {  // out of code points: drawn code point by code point
                s.cluster_ids.emplace(t, 0);
                continue;
            }
            s.cluster_ids.emplace(t, id);
            s.clusters.push_back({t, false});
        }
        s.wanted_clusters.clear();
        for (size_t i = 0; i < s.clusters.size(); ++i) {
            Cluster& cl = s.clusters[i];
            if (cl.missing) continue;
            const char32_t id = kClusterFirst + static_cast<char32_t>(i);
            const char* p = cl.text.data();
            const char* end = p + cl.text.size();
            while (p < end && !cl.missing) {
                char32_t c;
                p += text::decode_utf8(p, end, c);
                if (c >= 0x80 && !from_font(c) && raster(c, utf8(c)).missing) cl.missing = true;
            }
            if (cl.missing) continue;
            const Raster& r = raster(id, cl.text);
            if (r.missing) cl.missing = true;
            else add(id, r);
        }
        // The box for what no font has: an outline on the baseline, about the size of a capital.
        Raster box;
        const float em = s.em_px;
        box.w = std::max(3, static_cast<int>(std::lround(em * 0.55f)));
        box.h = std::max(4, static_cast<int>(std::lround(em * 0.72f)));
        box.left = static_cast<int>(std::lround(em * 0.1f));
        box.top = -box.h;
        box.advance = static_cast<float>(box.w + 2 * box.left);
        const int stroke = std::max(1, static_cast<int>(std::lround(em / 14.0f)));
        box.rgba.assign(static_cast<size_t>(box.w) * box.h * 4, 0);
        for (int y = 0; y < box.h; ++y)
            for (int x = 0; x < box.w; ++x)
                if (x < stroke || y < stroke || x >= box.w - stroke || y >= box.h - stroke) {
                    unsigned char* px = &box.rgba[(static_cast<size_t>(y) * box.w + x) * 4];
                    px[0] = px[1] = px[2] = px[3] = 255;
                }
        add(kBox, box);

        io.Fonts->Build();
        // Code points in the font's ranges that the file does not have after all: from the browser.
        bool again = false;
        for (char32_t c : s.known)
            if (from_font(c) && !font->FindGlyphNoFallback(static_cast<ImWchar>(c))) {
                s.font_lacks.insert(c);
                again = true;
            }
        if (again) continue;

        unsigned char* pixels = nullptr;
        int tex_w = 0, tex_h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &tex_w, &tex_h);
        for (const Custom& c : custom) {
            const ImFontAtlasCustomRect* rect = io.Fonts->GetCustomRectByIndex(c.rect);
            const Raster& r = *c.raster;
            for (int y = 0; y < r.h && y < rect->Height; ++y)
                std::memcpy(pixels + (static_cast<size_t>(rect->Y + y) * tex_w + rect->X) * 4,
                            r.rgba.data() + static_cast<size_t>(y) * r.w * 4, static_cast<size_t>(std::min<int>(r.w, rect->Width)) * 4);
            if (r.coloured)
                if (auto* g = const_cast<ImFontGlyph*>(font->FindGlyphNoFallback(static_cast<ImWchar>(c.id)))) g->Colored = 1;
        }
        break;
    }
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

// Notes a code point drawn now; false when the atlas has no glyph of its own for it.
bool note(const ImFont* font, char32_t cp) {
    State& s = st();
    s.drawn[cp] = s.frame;
    if (cp != kBox && cp >= kClusterFirst && cp <= kClusterLast) {
        s.missing.insert(cp);  // private use: the app's own code points for clusters, never drawn as such
        return false;
    }
    if (font->FindGlyphNoFallback(static_cast<ImWchar>(cp))) return true;
    s.missing.insert(cp);
    if (!s.known.count(cp)) s.wanted.insert(cp);
    return false;
}

}  // namespace

void build(const char* font_file, float font_px) {
    State& s = st();
    if (s.embedded.empty()) s.embedded = parse_unicodes(SR_FONT_UNICODES);
    if (font_file != s.font_file || font_px != s.font_px) {
        s.rasters.clear();  // drawn at another size
        for (Cluster& c : s.clusters) c.missing = false;
    }
    s.font_file = font_file;
    s.font_px = font_px;
    const Metrics m = read_metrics(font_file);
    const float scale = font_px / static_cast<float>(m.ascender - m.descender);  // stb_truetype's ScaleForPixelHeight
    s.em_px = static_cast<float>(m.units_per_em) * scale;
    s.ascent_px = std::floor(static_cast<float>(m.ascender) * scale + 1.0f);  // as Dear ImGui rounds it
    rebuild();
}

void begin_frame() {
    State& s = st();
    ++s.frame;
    s.missing.clear();
    s.shown_cut.swap(s.cut);
    s.cut.clear();
}

std::string cut_json(double k) {
    nlohmann::json out = nlohmann::json::array();
    for (const CutText& c : st().shown_cut)
        out.push_back({{"text", c.text}, {"x", c.rect.Min.x * k}, {"y", c.rect.Min.y * k},
                       {"width", c.rect.GetWidth() * k}, {"height", c.rect.GetHeight() * k}});
    return out.dump();
}

void show_cut_text() {
    State& s = st();
    ImGuiContext& g = *ImGui::GetCurrentContext();
    if (s.cut.empty() || !g.HoveredWindow || ImGui::IsAnyMouseDown() || g.ActiveId) return;
    // A tooltip of the frame's own (a widget's help) wins.
    if (ImGuiWindow* t = ImGui::FindWindowByName("##Tooltip_00"); t && t->LastFrameActive == g.FrameCount) return;
    const ImVec2 m = ImGui::GetIO().MousePos;
    for (const CutText& c : s.cut) {
        if (c.draw_list != g.HoveredWindow->DrawList || !c.rect.Contains(m)) continue;
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
        ImGui::TextUnformatted(c.text.c_str());
        sr::ui::probe_tag("tooltip:cut", c.text);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
        return;
    }
}

bool update() {
    State& s = st();
    if (s.wanted.empty() && s.wanted_clusters.empty()) return false;
    s.known.insert(s.wanted.begin(), s.wanted.end());
    s.wanted.clear();
    rebuild();
    return true;
}

std::string missing_json() {
    nlohmann::json out = nlohmann::json::array();
    for (char32_t c : st().missing) out.push_back(static_cast<uint32_t>(c));
    return out.dump();
}

std::string info_json(const char* utf8_text) {
    const State& s = st();
    const ImFont* font = ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
    nlohmann::json out = nlohmann::json::array();
    const char* p = utf8_text ? utf8_text : "";
    const char* end = p + std::strlen(p);
    while (p < end) {
        char32_t c;
        p += text::decode_utf8(p, end, c);
        nlohmann::json g = {{"codepoint", static_cast<uint32_t>(c)}};
        char hex[16];
        std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
        g["hex"] = hex;
        const bool in_atlas = font && font->FindGlyphNoFallback(static_cast<ImWchar>(c));
        auto r = s.rasters.find(c);
        if (c < 0x80 || (from_font(c) && in_atlas)) g["glyph"] = "font";
        else if (r != s.rasters.end() && r->second.missing) g["glyph"] = "none";
        else if (in_atlas) g["glyph"] = "browser";
        else g["glyph"] = "pending";
        if (c < 0x80) {
            g["drawn"] = nullptr;
        } else {
            auto d = s.drawn.find(c);
            g["drawn"] = d != s.drawn.end() && d->second == s.frame;
        }
        out.push_back(g);
    }
    return out.dump();
}

}  // namespace sr::app::glyphs

// ---- the wrap of ImFont::RenderText (-Wl,--wrap in CMakeLists.txt): every string Dear ImGui draws
#define SR_RENDER_TEXT _ZNK6ImFont10RenderTextEP10ImDrawListf6ImVec2jRK6ImVec4PKcS7_fb
#define SR_CAT2(a, b) a##b
#define SR_CAT(a, b) SR_CAT2(a, b)
extern "C" void SR_CAT(__real_, SR_RENDER_TEXT)(const ImFont* font, ImDrawList* draw_list, float size, ImVec2 pos,
                                                 ImU32 col, const ImVec4& clip_rect, const char* text_begin,
                                                 const char* text_end, float wrap_width, bool cpu_fine_clip);

namespace {

// Draws one line of text (`draw_begin`..`draw_end`, the text with its clusters put in place;
// `text_begin`..`text_end` as the program holds it) and, when it runs past the right edge of
// its clip rectangle, only what fits and then "…", noting it for show_cut_text(). Left as it
// is: wrapped or multi-line text, text scrolled to the left (a text field being edited, a
// table scrolled sideways), the text field being edited, and text wholly outside the rectangle.
void draw_fitted(const ImFont* font, ImDrawList* draw_list, float size, ImVec2 pos, ImU32 col, const ImVec4& clip_rect,
                 const char* draw_begin, const char* draw_end, const char* text_begin, const char* text_end,
                 float wrap_width, bool cpu_fine_clip) {
    using namespace sr::app::glyphs;
    auto real = [&](const char* b, const char* e, ImVec2 at) {
        SR_CAT(__real_, SR_RENDER_TEXT)(font, draw_list, size, at, col, clip_rect, b, e, wrap_width, cpu_fine_clip);
    };
    const float room = clip_rect.z - pos.x;
    const bool plain_line = wrap_width <= 0 && pos.x >= clip_rect.x - 0.5f && room > 0 &&
                            pos.y < clip_rect.w && pos.y + size > clip_rect.y &&
                            std::memchr(draw_begin, '\n', static_cast<size_t>(draw_end - draw_begin)) == nullptr;
    if (!plain_line) return real(draw_begin, draw_end, pos);
    const float width = font->CalcTextSizeA(size, FLT_MAX, 0.0f, draw_begin, draw_end).x;
    if (width <= room + 0.5f) return real(draw_begin, draw_end, pos);
    if (const auto active = sr::ui::probe_active_rect();
        active && pos.x >= active->x && pos.x <= active->x + active->w && pos.y >= active->y && pos.y <= active->y + active->h)
        return real(draw_begin, draw_end, pos);

    static const char kEllipsis[] = "\xE2\x80\xA6";  // U+2026
    const float dots = font->CalcTextSizeA(size, FLT_MAX, 0.0f, kEllipsis, kEllipsis + 3).x;
    // Whole clusters (a letter with its marks stays whole) while they fit with the "…".
    const char* cut = draw_begin;
    float used = 0;
    while (cut < draw_end) {
        const size_t n = sr::text::cluster_length(cut, draw_end);
        const float w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, cut, cut + n).x;
        if (used + w + dots > room) break;
        used += w;
        cut += n;
    }
    while (cut > draw_begin && cut[-1] == ' ') --cut;  // "Ngọc Trâm…", not "Ngọc …"
    used = font->CalcTextSizeA(size, FLT_MAX, 0.0f, draw_begin, cut).x;
    real(draw_begin, cut, pos);
    real(kEllipsis, kEllipsis + 3, ImVec2(pos.x + used, pos.y));
    State& s = st();
    if (s.cut.size() < 4096) {
        const ImRect r(ImMax(ImVec2(pos.x, pos.y), ImVec2(clip_rect.x, clip_rect.y)),
                       ImMin(ImVec2(clip_rect.z, pos.y + size), ImVec2(clip_rect.z, clip_rect.w)));
        s.cut.push_back({draw_list, r, std::string(text_begin, text_end)});
    }
}

}  // namespace

extern "C" void SR_CAT(__wrap_, SR_RENDER_TEXT)(const ImFont* font, ImDrawList* draw_list, float size, ImVec2 pos,
                                                 ImU32 col, const ImVec4& clip_rect, const char* text_begin,
                                                 const char* text_end, float wrap_width, bool cpu_fine_clip) {
    using namespace sr::app::glyphs;
    if (!text_end) text_end = text_begin + std::strlen(text_begin);
    const char* p = text_begin;
    while (p < text_end && static_cast<unsigned char>(*p) < 0x80) ++p;
    if (p == text_end) {  // ASCII: always in the atlas
        draw_fitted(font, draw_list, size, pos, col, clip_rect, text_begin, text_end, text_begin, text_end, wrap_width,
                    cpu_fine_clip);
        return;
    }
    State& s = st();
    std::string& out = s.rewritten;
    out.clear();
    const char* copied = text_begin;  // text before this is in `out`
    if (p > text_begin) --p;          // the ASCII letter before may take marks
    while (p < text_end) {
        if (static_cast<unsigned char>(*p) < 0x80 && (p + 1 == text_end || static_cast<unsigned char>(p[1]) < 0x80)) {
            ++p;
            continue;
        }
        const size_t n = sr::text::cluster_length(p, text_end);
        int count = 0;
        char32_t only = 0;
        for (const char* q = p; q < p + n; ++count) {
            char32_t c;
            q += sr::text::decode_utf8(q, text_end, c);
            only = c;
            if (c >= 0x80) note(font, c);
        }
        if (count > 1) {
            // Drawn whole once its glyph is in the atlas (each of its code points has a glyph).
            const std::string key(p, n);
            auto it = s.cluster_ids.find(key);
            if (it == s.cluster_ids.end()) {
                s.wanted_clusters.insert(key);
            } else if (it->second && font->FindGlyphNoFallback(static_cast<ImWchar>(it->second))) {
                out.append(copied, p);
                sr::text::append_utf8(out, it->second);
                copied = p + n;
            }
        } else if (count == 1 && only >= kClusterFirst && only <= kClusterLast && only != kBox) {
            out.append(copied, p);  // a private-use character of the data: the box
            sr::text::append_utf8(out, kBox);
            copied = p + n;
        }
        p += n;
    }
    if (copied == text_begin) {
        draw_fitted(font, draw_list, size, pos, col, clip_rect, text_begin, text_end, text_begin, text_end, wrap_width,
                    cpu_fine_clip);
        return;
    }
    out.append(copied, text_end);
    draw_fitted(font, draw_list, size, pos, col, clip_rect, out.data(), out.data() + out.size(), text_begin, text_end,
                wrap_width, cpu_fine_clip);
}
