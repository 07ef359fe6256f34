// The browser app: GLFW + WebGL2 window, HiDPI canvas, render-on-input loop, page API.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <deque>
#include <memory>
#include <utility>
#include <vector>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>

#include "app/glyphs.hpp"
#include "core/backup.hpp"
#include "core/orders_import.hpp"
#include "core/store.hpp"
#include "platform/platform.hpp"
#include "platform/storage.hpp"
#include "ui/app.hpp"
#include "ui/data_view.hpp"
#include "ui/probe.hpp"
#include "ui/style.hpp"

extern "C" void sr_page_ready();
extern "C" void sr_page_live();  // web/page.js: the module takes calls from the page now
extern "C" void sr_keyboard_init();                                 // web/keyboard.js
extern "C" void sr_keyboard_show(double x, double y, double w, double h, int touch);  // CSS pixels
extern "C" void sr_keyboard_hide();

namespace {

constexpr float kFontCssPx = 16.0f;  // base text size in CSS pixels

struct Host {
    GLFWwindow* window = nullptr;
    sr::Store store;
    sr::Persistence persistence{store};
    sr::Sync sync{persistence};
    sr::ui::App app{store, persistence, sync};
    int fb_w = 0, fb_h = 0;      // canvas backing store, device pixels
    double dpr = 0;              // devicePixelRatio the fonts were built for
    bool dark = false;
    bool theme_dirty = false;
    int wake_frames = 2;         // frames still to draw before going idle
    bool enter_activates = false; // Enter went down outside a text field: it activates the focused control
    uint64_t frames = 0;         // frames drawn, for the idle check
    uint64_t last_draw_hash = 0; // what the last frame drew (draw_hash), to tell when the screen has settled
    int unsettled = 0;           // frames in a row that drew something other than the frame before
    double last_frame_ms = 0;    // CPU time of the last frame drawn
    double max_frame_ms = 0;     // the longest since the page API last asked
    uint64_t drawn_revision = UINT64_MAX;
    std::string last_status;
    std::unique_ptr<sr::ExportImporter> api_orders;  // the page API's importCsv in progress
    bool touch_layout = false;   // a narrow screen: the style's touch sizes
};

// Touch (web/keyboard.js forwards the canvas's touches here instead of to GLFW): a finger that
// moves scrolls the window under it (ImGui 1.86 has no touch scrolling), a finger lifted
// without moving is a tap, delivered as a mouse click over the next frames. A finger lifted
// while moving fast leaves the list moving: momentum, slowed by friction until it stops
// (docs/rules.md, "Touch scrolling and zoom").
struct Touch {
    bool active = false;    // the last pointer input was a touch (else the mouse)
    bool down = false;      // a finger is on the screen
    bool dragging = false;  // it moved past the tap threshold: scrolling
    ImVec2 start, pos;      // device pixels
    ImVec2 scroll;          // finger movement not yet applied to a window
    ImGuiID window = 0;     // the window the drag scrolls
    int tap_stage = 0;      // 1 hover, 2 press, 3 release, 4 leave
    ImVec2 tap;
    ImGuiID keyboard_for = 0;  // the text field the page's hidden text field was put over
    ImVec2 keyboard_at;        // where that field was then
    ImGuiID follow_id = 0;     // the field last scrolled into view, and the canvas height then
    int follow_h = 0;
    // Where the finger was lately (the browser's event times, ms): its speed when it lifts.
    struct Sample {
        double t;
        ImVec2 p;
    };
    std::deque<Sample> samples;
    bool flinging = false;     // the list keeps moving after the finger lifted
    ImVec2 fling_v;            // its speed, device pixels a second, the way the finger went
    ImVec2 scroll_rest;        // the part of a pixel not scrolled yet (scroll positions are whole pixels)
    bool stopped_fling = false;  // this finger landed on a moving list: it stops it and taps nothing
};
Touch g_touch;

Host* g = nullptr;

void deliver_input();

void rebuild_fonts_and_style() {
    const float scale = static_cast<float>(g->dpr);
    // The embedded UI font (cut down to SR_FONT_UNICODES at build time) and, for every other
    // script drawn so far, the browser's fonts (src/app/glyphs.cpp).
    sr::app::glyphs::build("/fonts/ui.ttf", std::round(kFontCssPx * scale));
    ImGui::GetIO().FontGlobalScale = 1.0f;
    sr::ui::apply_theme(g->dark, scale, g->touch_layout);
}

// The canvas backing store's size for its CSS size and devicePixelRatio, in device pixels.
struct CanvasSize {
    double css_w = 0, css_h = 0, dpr = 1;
    int w = 1, h = 1;
};
CanvasSize canvas_size_now() {
    CanvasSize c;
    emscripten_get_element_css_size("#canvas", &c.css_w, &c.css_h);
    c.dpr = emscripten_get_device_pixel_ratio();
    c.w = std::max(1, static_cast<int>(std::lround(c.css_w * c.dpr)));
    c.h = std::max(1, static_cast<int>(std::lround(c.css_h * c.dpr)));
    return c;
}

// The window was resized or moved to a screen of another pixel ratio, and the next frame has
// not caught up yet (the browser may send its resize event a frame later).
bool canvas_size_stale() {
    const CanvasSize c = canvas_size_now();
    return c.w != g->fb_w || c.h != g->fb_h || c.dpr != g->dpr;
}

// Keeps the canvas backing store at CSS size x devicePixelRatio; fonts follow the ratio.
bool sync_canvas_size() {
    const CanvasSize now = canvas_size_now();
    const double css_w = now.css_w, dpr = now.dpr;
    const int w = now.w, h = now.h;
    bool changed = false;
    if (w != g->fb_w || h != g->fb_h) {
        emscripten_set_canvas_element_size("#canvas", w, h);
        g->fb_w = w;
        g->fb_h = h;
        changed = true;
    }
    const bool touch_layout = css_w < 600;  // a phone, or a narrow window: one column, thumb-sized targets
    if (dpr != g->dpr || touch_layout != g->touch_layout) {
        g->dpr = dpr;
        g->touch_layout = touch_layout;
        rebuild_fonts_and_style();
        changed = true;
    }
    return changed;
}

// Mouse state from touch: a pending tap is a hover, a press and a release on three frames (a
// widget sees the pointer over it before the press); a finger on the screen is a pointer
// without a button, so nothing is pressed by scrolling.
void apply_touch_to_mouse() {
    if (!g_touch.active) return;
    ImGuiIO& io = ImGui::GetIO();
    if (g_touch.tap_stage) {
        io.MousePos = g_touch.tap;
        io.MouseDown[0] = g_touch.tap_stage == 2;
        if (g_touch.tap_stage == 4) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // no hover left behind
        g_touch.tap_stage = g_touch.tap_stage == 4 ? 0 : g_touch.tap_stage + 1;
    } else if (g_touch.down) {
        io.MousePos = g_touch.pos;
        io.MouseDown[0] = false;
    } else {
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        io.MouseDown[0] = false;
    }
}

// Touch momentum (docs/rules.md, "Touch scrolling and zoom"), in font heights and seconds: the finger's
// speed over its last 100 ms when it lifts; at least 12 font heights a second to keep moving,
// at most 400; friction divides the speed by e every 0.325 s (a flick at speed v travels
// v x 0.325 s further); it stops below 1.5 font heights a second, at the end of the list, or
// when a finger, the wheel or the mouse comes down.
constexpr double kFlingSampleMs = 100;
constexpr float kFlingMinFonts = 12, kFlingMaxFonts = 400, kFlingStopFonts = 1.5f;
constexpr float kFlingTau = 0.325f;

// The window under a point (device pixels), from the last frame's layout: the innermost child
// (children come after their parents).
ImGuiWindow* window_at(ImVec2 p) {
    ImGuiContext& c = *ImGui::GetCurrentContext();
    for (int i = c.Windows.Size - 1; i >= 0; --i) {
        ImGuiWindow* w = c.Windows[i];
        if (!w->WasActive || w->Hidden) continue;
        if (w->OuterRectClipped.Contains(p)) return w;
    }
    return nullptr;
}

// The window a drag over `w` scrolls on an axis (0 x, 1 y): `w` or the nearest of its parents
// that can scroll that way.
ImGuiWindow* scroll_target(ImGuiWindow* w, size_t axis) {
    for (ImGuiWindow* v = w; v; v = v->ParentWindow)
        if (v->ScrollMax[axis] > 0 && !(v->Flags & ImGuiWindowFlags_NoScrollWithMouse)) return v;
    return nullptr;
}

// The finger's speed (device pixels a second) over the last kFlingSampleMs before it lifted:
// from where it was that long before (between two samples, in proportion) to where it lifted.
// A finger held still that long before lifting has no speed.
ImVec2 finger_velocity() {
    const auto& s = g_touch.samples;
    if (s.size() < 2) return ImVec2(0, 0);
    const Touch::Sample end = s.back();
    const double from_t = end.t - kFlingSampleMs;
    Touch::Sample from = s.front();
    for (size_t i = 1; i < s.size(); ++i) {
        if (s[i].t < from_t) continue;
        const Touch::Sample a = s[i - 1], b = s[i];
        if (a.t < from_t && b.t > a.t) {
            const float k = static_cast<float>((from_t - a.t) / (b.t - a.t));
            from = {from_t, ImVec2(a.p.x + (b.p.x - a.p.x) * k, a.p.y + (b.p.y - a.p.y) * k)};
        } else {
            from = a.t < from_t ? b : a;
        }
        break;
    }
    const double dt = (end.t - from.t) / 1000.0;
    if (dt <= 0) return ImVec2(0, 0);
    return ImVec2(static_cast<float>((end.p.x - from.p.x) / dt), static_cast<float>((end.p.y - from.p.y) / dt));
}

void stop_fling() {
    g_touch.flinging = false;
    g_touch.fling_v = ImVec2(0, 0);
    g_touch.scroll_rest = ImVec2(0, 0);
}

// The finger lifted after a drag: the list keeps its speed if it was moving fast enough.
void start_fling() {
    const float font = ImGui::GetFontSize() > 0 ? ImGui::GetFontSize() : kFontCssPx * static_cast<float>(g->dpr);
    ImVec2 v = finger_velocity();
    const float speed = std::sqrt(v.x * v.x + v.y * v.y);
    if (speed < kFlingMinFonts * font) return stop_fling();
    if (speed > kFlingMaxFonts * font) v = ImVec2(v.x * kFlingMaxFonts * font / speed, v.y * kFlingMaxFonts * font / speed);
    g_touch.flinging = true;
    g_touch.fling_v = v;
}

// One frame of momentum: the distance the list moves in this frame's time (ImGui's DeltaTime,
// at most 1/20 s, so a frame late after a pause does not jump), added to the finger movement
// apply_touch_scroll applies.
void advance_fling() {
    if (!g_touch.flinging) return;
    const float dt = std::clamp(ImGui::GetIO().DeltaTime, 0.0f, 0.05f);
    const float k = std::exp(-dt / kFlingTau);
    g_touch.scroll.x += g_touch.fling_v.x * kFlingTau * (1 - k);
    g_touch.scroll.y += g_touch.fling_v.y * kFlingTau * (1 - k);
    g_touch.fling_v = ImVec2(g_touch.fling_v.x * k, g_touch.fling_v.y * k);
    const float font = ImGui::GetFontSize();
    if (std::sqrt(g_touch.fling_v.x * g_touch.fling_v.x + g_touch.fling_v.y * g_touch.fling_v.y) < kFlingStopFonts * font)
        stop_fling();
}

// Moves the dragged window (or the nearest of its parents that can scroll) with the finger, or
// with its momentum; momentum stops on an axis at the end of the list. Dear ImGui keeps scroll
// positions in whole pixels: the part of a pixel left over is carried to the next frame, so a
// slow glide is not lost to rounding.
void apply_touch_scroll() {
    advance_fling();
    if (g_touch.scroll.x == 0 && g_touch.scroll.y == 0) return;
    ImGuiWindow* w = ImGui::FindWindowByID(g_touch.window);
    const ImVec2 d = g_touch.scroll;
    g_touch.scroll = ImVec2(0, 0);
    if (!w) return stop_fling();
    for (size_t axis = 0; axis < 2; ++axis) {
        if (d[axis] == 0) continue;
        ImGuiWindow* v = scroll_target(w, axis);
        if (!v) {
            g_touch.fling_v[axis] = 0;
            continue;
        }
        const float want = v->Scroll[axis] - d[axis] + g_touch.scroll_rest[axis];
        const float to = std::clamp(std::round(want), 0.0f, v->ScrollMax[axis]);
        g_touch.scroll_rest[axis] = to == std::round(want) ? want - to : 0.0f;
        if (axis == 0) ImGui::SetScrollX(v, to);
        else ImGui::SetScrollY(v, to);
        if (to != std::round(want)) g_touch.fling_v[axis] = 0;  // the end of the list
    }
    if (g_touch.flinging && g_touch.fling_v.x == 0 && g_touch.fling_v.y == 0) stop_fling();
}

// While a text field is active, the page's hidden text field takes the keyboard's focus
// (web/keyboard.js): on a phone it opens the on-screen keyboard, and with any keyboard it is
// what an input method (Vietnamese Telex, Thai, Pinyin, dead keys) composes into: the browser
// gives finished text to an editable element only, never to a canvas. It is kept over the field
// (the input method's candidate window opens there). After a tap, the field is also scrolled
// above the on-screen keyboard when the visible area shrinks (keyboard.js resizes the canvas to
// the visual viewport).
void follow_text_input() {
    const ImGuiIO& io = ImGui::GetIO();
    ImGuiContext& c = *ImGui::GetCurrentContext();
    // A text field being edited (io.WantTextInput lags a frame behind: on the frame a press
    // moves from a field to a button, it still says a field wants text).
    const bool editing = io.WantTextInput && c.ActiveId != 0 && c.InputTextState.ID == c.ActiveId;
    if (!editing) {
        if (g_touch.keyboard_for) sr_keyboard_hide();
        g_touch.keyboard_for = 0;
        g_touch.follow_id = 0;
        return;
    }
    const auto r = sr::ui::probe_active_rect();
    if (!r) return;
    const double k = 1.0 / g->dpr;
    if (c.ActiveId != g_touch.keyboard_for || r->x != g_touch.keyboard_at.x || r->y != g_touch.keyboard_at.y) {
        g_touch.keyboard_for = c.ActiveId;
        g_touch.keyboard_at = ImVec2(r->x, r->y);
        sr_keyboard_show(r->x * k, r->y * k, r->w * k, r->h * k, g_touch.active ? 1 : 0);
    }
    if (!g_touch.active) return;
    // Keep the field inside the part of its scrolling window that shows (above the keyboard),
    // with a line of room around it.
    // Only when the field was just activated or the canvas changed size (the keyboard opened):
    // a finger scrolling the page while a field is active is not pulled back.
    if (c.ActiveId == g_touch.follow_id && g->fb_h == g_touch.follow_h) return;
    g_touch.follow_id = c.ActiveId;
    g_touch.follow_h = g->fb_h;
    ImGuiWindow* v = c.ActiveIdWindow;
    while (v && v->ScrollMax.y <= 0) v = v->ParentWindow;
    if (!v) return;
    const float pad = ImGui::GetFontSize();
    const float view_bottom = std::min(static_cast<float>(g->fb_h), v->InnerRect.Max.y);
    const float view_top = std::max(0.0f, v->InnerRect.Min.y);
    float shift = 0;
    if (r->y + r->h + pad > view_bottom) shift = r->y + r->h + pad - view_bottom;
    else if (r->y - pad < view_top) shift = r->y - pad - view_top;
    if (shift == 0) return;
    const float to = std::clamp(v->Scroll.y + shift, 0.0f, v->ScrollMax.y);
    if (to != v->Scroll.y) {
        ImGui::SetScrollY(v, to);
        g->wake_frames = std::max(g->wake_frames, 2);
    }
}

// A fingerprint of what a frame drew: its vertices, indices and draw commands. A screen has
// settled when two frames in a row draw the same (a popup or a window that sizes itself to
// its content takes its place a frame or two after the input that opened it).
uint64_t draw_hash(const ImDrawData* d) {
    uint64_t h = 0x9E3779B97F4A7C15ull;
    auto mix = [&h](const void* data, size_t bytes) {
        const unsigned char* p = static_cast<const unsigned char*>(data);
        size_t i = 0;
        for (; i + 8 <= bytes; i += 8) {
            uint64_t w;
            std::memcpy(&w, p + i, 8);
            h = (h ^ w) * 0x100000001B3ull;
            h ^= h >> 29;
        }
        for (; i < bytes; ++i) h = (h ^ p[i]) * 0x100000001B3ull;
    };
    if (!d) return h;
    for (int n = 0; n < d->CmdListsCount; ++n) {
        const ImDrawList* l = d->CmdLists[n];
        mix(l->VtxBuffer.Data, static_cast<size_t>(l->VtxBuffer.Size) * sizeof(ImDrawVert));
        mix(l->IdxBuffer.Data, static_cast<size_t>(l->IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& c : l->CmdBuffer) {
            mix(&c.ClipRect, sizeof(c.ClipRect));
            mix(&c.ElemCount, sizeof(c.ElemCount));
            mix(&c.IdxOffset, sizeof(c.IdxOffset));
        }
    }
    return h;
}

// Frames a screen may take to settle before the app stops drawing anyway (something that
// changes every frame without an input would otherwise keep an idle tab busy).
constexpr int kMaxUnsettledFrames = 8;

void frame() {
    if (sync_canvas_size()) g->wake_frames = std::max(g->wake_frames, 2);
    if (g->theme_dirty) {
        g->theme_dirty = false;
        sr::ui::apply_theme(g->dark, static_cast<float>(g->dpr), g->touch_layout);
        g->wake_frames = std::max(g->wake_frames, 2);
    }
    g->persistence.tick();
    // The tab that writes syncs with the team's server, when one is set (Settings, Sync): from
    // when its program has loaded, or from when it takes over from a writer tab that closed.
    if (g->persistence.loaded() && !g->persistence.read_only()) g->sync.start();
    // Draw only when something changed: input, data, save status, or a held mouse button.
    const std::string status = g->persistence.status().text;
    if (status != g->last_status || g->store.revision() != g->drawn_revision) g->wake_frames = std::max(g->wake_frames, 2);
    if (g->app.busy()) g->wake_frames = std::max(g->wake_frames, 2);  // a file is being read, chunk by chunk
    if (g->app.location_changed()) g->wake_frames = std::max(g->wake_frames, 2);  // hash set without an event
    const ImGuiIO& io = ImGui::GetIO();
    const bool mouse_held = io.MouseDown[0] || io.MouseDown[1] || io.MouseDown[2];
    if (g_touch.tap_stage || g_touch.flinging || g_touch.scroll.x != 0 || g_touch.scroll.y != 0) g->wake_frames = std::max(g->wake_frames, 2);
    if (g->wake_frames <= 0 && !mouse_held) return;
    if (g->wake_frames > 0) --g->wake_frames;
    g->last_status = status;
    g->drawn_revision = g->store.revision();

    const double frame_start = emscripten_get_now();
    {
        // Enter activates the control that has the keyboard's focus (a button, a check box, a
        // combo's item) as Space does, as in later Dear ImGui versions; 1.86 gives it to text
        // fields only. Not when it was pressed in a text field: that Enter submits the form.
        ImGuiIO& kio = ImGui::GetIO();
        const bool was_down = kio.KeysDown[GLFW_KEY_ENTER] || kio.KeysDown[GLFW_KEY_KP_ENTER];
        deliver_input();
        const bool down = kio.KeysDown[GLFW_KEY_ENTER] || kio.KeysDown[GLFW_KEY_KP_ENTER];
        if (down && !was_down) g->enter_activates = !kio.WantTextInput;
        if (!down) g->enter_activates = false;
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // The GLFW port reports sizes in canvas pixels already; keep ImGui in device pixels.
    ImGuiIO& wio = ImGui::GetIO();
    wio.DisplaySize = ImVec2(static_cast<float>(g->fb_w), static_cast<float>(g->fb_h));
    wio.DisplayFramebufferScale = ImVec2(1, 1);
    apply_touch_to_mouse();
    if (g->enter_activates) wio.NavInputs[ImGuiNavInput_Activate] = 1.0f;
    sr::app::glyphs::begin_frame();
    ImGui::NewFrame();
    apply_touch_scroll();
    sr::ui::probe_begin_frame();
    g->app.draw();
    sr::app::glyphs::show_cut_text();
    ImGui::Render();
    if (sr::app::glyphs::update()) {
        // The frame drew text the atlas lacked; the atlas now has it. This frame was laid out
        // with the old one: not shown, drawn again.
        g->wake_frames = std::max(g->wake_frames, 2);
        return;
    }
    follow_text_input();
    const uint64_t hash = draw_hash(ImGui::GetDrawData());
    if (hash != g->last_draw_hash && g->unsettled < kMaxUnsettledFrames) {
        ++g->unsettled;
        g->wake_frames = std::max(g->wake_frames, 1);  // draw once more: it may not have settled
    } else if (hash == g->last_draw_hash) {
        g->unsettled = 0;
    }
    g->last_draw_hash = hash;

    glViewport(0, 0, g->fb_w, g->fb_h);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ++g->frames;
    // The CPU time of this frame (UI and draw calls), for the page API's frameTime().
    const double ms = emscripten_get_now() - frame_start;
    g->last_frame_ms = ms;
    g->max_frame_ms = std::max(g->max_frame_ms, ms);

    // Map ImGui's cursor onto the canvas (the GLFW port has no cursor shapes here).
    static ImGuiMouseCursor last_cursor = ImGuiMouseCursor_Arrow;
    const ImGuiMouseCursor cur = ImGui::GetMouseCursor();
    if (cur != last_cursor) {
        last_cursor = cur;
        const char* css = "default";
        switch (cur) {
            case ImGuiMouseCursor_TextInput: css = "text"; break;
            case ImGuiMouseCursor_Hand: css = "pointer"; break;
            case ImGuiMouseCursor_ResizeEW: css = "ew-resize"; break;
            case ImGuiMouseCursor_ResizeNS: css = "ns-resize"; break;
            case ImGuiMouseCursor_NotAllowed: css = "not-allowed"; break;
            default: break;
        }
        sr::platform::set_cursor(css);
    }
}

// Dear ImGui 1.86 reads keys as "held now" once per frame, and a text field takes a frame's
// typed characters before its editing keys. So input that arrives faster than frames (a quick
// tap, Ctrl+V, or typing right after Backspace) is queued here and handed over frame by frame:
// a frame takes events in order until one would change a key already changed in that frame,
// or a character follows an editing key (Backspace, arrows, Enter...).
struct InputEvent {
    bool is_char;
    int key, scancode, action, mods;
    unsigned int codepoint;
};
std::deque<InputEvent> g_input;

void key_callback(GLFWwindow*, int key, int scancode, int action, int mods) {
    if (action == GLFW_REPEAT) return;  // ImGui makes its own repeats from how long a key is held
    g_input.push_back({false, key, scancode, action, mods, 0});
}

void char_callback(GLFWwindow*, unsigned int c) { g_input.push_back({true, 0, 0, 0, 0, c}); }

bool is_modifier(int key) {
    return key == GLFW_KEY_LEFT_CONTROL || key == GLFW_KEY_RIGHT_CONTROL || key == GLFW_KEY_LEFT_SHIFT ||
           key == GLFW_KEY_RIGHT_SHIFT || key == GLFW_KEY_LEFT_ALT || key == GLFW_KEY_RIGHT_ALT ||
           key == GLFW_KEY_LEFT_SUPER || key == GLFW_KEY_RIGHT_SUPER;
}

void deliver_input() {
    std::vector<int> changed;
    bool editing_key = false;
    while (!g_input.empty()) {
        const InputEvent e = g_input.front();
        if (e.is_char) {
            if (editing_key) break;
            ImGui_ImplGlfw_CharCallback(g->window, e.codepoint);
        } else {
            if (std::find(changed.begin(), changed.end(), e.key) != changed.end()) break;
            changed.push_back(e.key);
            if (e.action == GLFW_PRESS && e.key >= 256 && !is_modifier(e.key)) editing_key = true;
            ImGui_ImplGlfw_KeyCallback(g->window, e.key, e.scancode, e.action, e.mods);
        }
        g_input.pop_front();
    }
    if (!g_input.empty()) g->wake_frames = std::max(g->wake_frames, 2);
}

const char* get_clipboard(void*) {
    static std::string text;
    text = sr::platform::clipboard_get();
    return text.c_str();
}

void set_clipboard(void*, const char* text) { sr::platform::clipboard_set(text ? text : ""); }

}  // namespace

// ---------------------------------------------------------------- page API (web/api.js)
extern "C" {

EMSCRIPTEN_KEEPALIVE void sr_wake() {
    if (g) g->wake_frames = std::max(g->wake_frames, 3);
}

// Touches on the canvas, in CSS pixels from its top-left corner, at the browser's event time in
// ms (web/keyboard.js). phase: 0 start, 1 move, 2 end, 3 cancel (a second finger: the browser's
// pinch-zoom).
EMSCRIPTEN_KEEPALIVE void sr_touch(int phase, double x, double y, double t) {
    if (!g) return;
    const ImVec2 p(static_cast<float>(x * g->dpr), static_cast<float>(y * g->dpr));
    g_touch.active = true;
    const float threshold = kFontCssPx * 0.6f * static_cast<float>(g->dpr);  // about 10 CSS px
    auto sample = [&] {
        g_touch.samples.push_back({t, p});
        // Enough to know where the finger was kFlingSampleMs before the latest.
        while (g_touch.samples.size() > 2 && g_touch.samples[1].t < t - kFlingSampleMs) g_touch.samples.pop_front();
    };
    if (phase == 0) {
        // A finger on a moving list stops it there, and that touch is not a tap.
        g_touch.stopped_fling = g_touch.flinging;
        stop_fling();
        g_touch.down = true;
        g_touch.dragging = false;
        g_touch.start = g_touch.pos = p;
        g_touch.scroll = ImVec2(0, 0);
        g_touch.samples.clear();
        sample();
        // The window under the finger, from the last frame's layout.
        ImGuiWindow* w = window_at(p);
        g_touch.window = w ? w->ID : 0;
    } else if (phase == 1 && g_touch.down) {
        // Once it is a drag, the content follows the finger from where it came down.
        if (!g_touch.dragging && (std::fabs(p.x - g_touch.start.x) > threshold || std::fabs(p.y - g_touch.start.y) > threshold)) {
            g_touch.dragging = true;
            g_touch.pos = g_touch.start;
        }
        if (g_touch.dragging) {
            g_touch.scroll.x += p.x - g_touch.pos.x;
            g_touch.scroll.y += p.y - g_touch.pos.y;
        }
        g_touch.pos = p;
        sample();
    } else if (phase == 2 && g_touch.down) {
        g_touch.down = false;
        sample();
        if (g_touch.dragging) {
            g_touch.scroll.x += p.x - g_touch.pos.x;
            g_touch.scroll.y += p.y - g_touch.pos.y;
            g_touch.pos = p;
            start_fling();
        } else if (!g_touch.stopped_fling) {
            g_touch.tap = g_touch.start;
            g_touch.tap_stage = 1;
        }
        g_touch.dragging = false;
        g_touch.stopped_fling = false;
    } else if (phase == 3) {
        g_touch.down = g_touch.dragging = g_touch.stopped_fling = false;
        stop_fling();
    }
    sr_wake();
}

// The mouse wheel or a trackpad over the canvas (web/keyboard.js), as the browser reports it:
// positive = right / down, in CSS pixels (mode 0), lines (1) or pages (2). A wheel notch is
// 100 CSS pixels in Chromium (its "three lines"): it scrolls three of the app's lines, a line
// delta one line each, a page delta the height of the canvas less a line; a trackpad's small
// pixel deltas scroll smoothly by as much. Dear ImGui scrolls 5 font heights per wheel unit
// (ImGui::UpdateMouseWheel in 1.86) with positive = up / left, hence the conversion.
EMSCRIPTEN_KEEPALIVE void sr_wheel(double dx, double dy, int mode) {
    if (!g || !ImGui::GetCurrentContext()) return;
    ImGuiIO& io = ImGui::GetIO();
    const double font = kFontCssPx * g->dpr;                            // device pixels
    const double line = ImGui::GetTextLineHeightWithSpacing() > 0 ? ImGui::GetTextLineHeightWithSpacing() : font * 1.3;
    auto lines = [&](double d) {
        if (mode == 1) return d;
        if (mode == 2) return d * std::max(1.0, g->fb_h / line - 1);
        return d * 3.0 / 100.0;
    };
    const double unit = 5 * (ImGui::GetFontSize() > 0 ? ImGui::GetFontSize() : font);
    io.MouseWheel -= static_cast<float>(lines(dy) * line / unit);
    io.MouseWheelH -= static_cast<float>(lines(dx) * line / unit);
    g_touch.active = false;
    stop_fling();
    sr_wake();
}

// A mouse button went down on the canvas: the pointer is a mouse again (no on-screen keyboard).
EMSCRIPTEN_KEEPALIVE void sr_pointer_mouse() {
    g_touch.active = false;
    stop_fling();
}

// Text and editing keys from the page's hidden input (the on-screen keyboard), queued like the
// hardware keyboard's (a GLFW key code and modifiers, pressed and released).
EMSCRIPTEN_KEEPALIVE void sr_text_char(unsigned int codepoint) {
    g_input.push_back({true, 0, 0, 0, 0, codepoint});
    sr_wake();
}

// The modifiers held are pressed before the key and released after it: Dear ImGui reads them
// from the modifier keys' own state (deliver_input gives a key's press and release to separate
// frames, so the field sees Ctrl or Shift down when the key is pressed).
EMSCRIPTEN_KEEPALIVE void sr_text_key(int key, int mods) {
    static constexpr std::pair<int, int> kMods[] = {{GLFW_MOD_SHIFT, GLFW_KEY_LEFT_SHIFT},
                                                    {GLFW_MOD_CONTROL, GLFW_KEY_LEFT_CONTROL},
                                                    {GLFW_MOD_ALT, GLFW_KEY_LEFT_ALT},
                                                    {GLFW_MOD_SUPER, GLFW_KEY_LEFT_SUPER}};
    for (const auto& [bit, mod_key] : kMods)
        if (mods & bit) g_input.push_back({false, mod_key, 0, GLFW_PRESS, mods, 0});
    g_input.push_back({false, key, 0, GLFW_PRESS, mods, 0});
    g_input.push_back({false, key, 0, GLFW_RELEASE, mods, 0});
    for (const auto& [bit, mod_key] : kMods)
        if (mods & bit) g_input.push_back({false, mod_key, 0, GLFW_RELEASE, 0, 0});
    sr_wake();
}

// The on-screen keyboard was closed by the person (the hidden input lost the focus).
EMSCRIPTEN_KEEPALIVE void sr_keyboard_closed() {
    if (ImGui::GetCurrentContext()) ImGui::ClearActiveID();
    g_touch.keyboard_for = 0;
    sr_wake();
}

EMSCRIPTEN_KEEPALIVE void sr_flush() {
    if (g) g->persistence.flush();  // a save being written in slices is finished now
}

EMSCRIPTEN_KEEPALIVE const char* sr_api_export() {
    static std::string text;
    text = sr::program_to_json(g->store.program(), true);
    return text.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* sr_api_import(const char* text) {
    static std::string out;
    nlohmann::json r;
    if (!g->persistence.loaded()) {
        r = {{"ok", false}, {"error", "the stored program has not loaded yet"}};
    } else if (g->persistence.read_only()) {
        r = {{"ok", false}, {"error", "this tab is read-only: the program is open for editing in another tab"}};
    } else {
        sr::LoadResult lr = sr::program_from_json(text ? text : "");
        if (lr.ok()) {
            g->store.replace_program(std::move(*lr.program), "Import backup");
            g->persistence.allow_overwrite();
            g->persistence.tick();
            r = {{"ok", true}, {"error", nullptr}};
        } else {
            r = {{"ok", false}, {"error", lr.summary(5)}};
        }
    }
    sr_wake();
    out = r.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);  // never throws on odd bytes
    return out.c_str();
}

// importCsv (web/api.js): begin with a mapping (JSON, or null for the one remembered from the
// last import), feed the file a few megabytes at a time, then finish: the export, of any family
// (known by its header row, as on the Data screen), is applied as one undoable step and its
// summary returned.
EMSCRIPTEN_KEEPALIVE const char* sr_api_csv_begin(const char* mapping_json) {
    static std::string out;
    g->api_orders.reset();
    if (!g->persistence.loaded()) {
        out = R"({"ok":false,"error":"the stored program has not loaded yet"})";
    } else if (g->persistence.read_only()) {
        out = R"({"ok":false,"error":"this tab is read-only: the program is open for editing in another tab"})";
    } else {
        const sr::ColumnMapping m = mapping_json ? sr::mapping_from_json(mapping_json) : sr::ui::remembered_mapping();
        g->api_orders = std::make_unique<sr::ExportImporter>(g->store.program(), g->store.revision(), m,
                                                             sr::ui::remembered_import_options(sr::platform::today_local()));
        out = R"({"ok":true,"error":null})";
    }
    return out.c_str();
}

// 1 while the importer takes more bytes; 0 once the file is refused (finish says why).
EMSCRIPTEN_KEEPALIVE int sr_api_csv_feed(const char* data, int size) {
    if (!g->api_orders) return 0;
    return g->api_orders->feed(std::string_view(data, static_cast<size_t>(size))) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE const char* sr_api_csv_finish() {
    static std::string out;
    if (!g->api_orders) {
        out = R"({"ok":false,"refused":null,"error":"no import was begun"})";
        return out.c_str();
    }
    sr::ExportImport r = g->api_orders->finish();
    g->api_orders.reset();
    std::string error;
    if (r.ok()) {
        sr::CommandResult c = sr::CommandResult::done(0);
        if (r.family == sr::ExportFamily::orders && !r.orders.changes.empty()) {
            c = g->store.import_orders(std::move(r.orders.changes), "Import orders");
        } else if (const sr::ExportChanges* x = r.export_changes(); x && !x->empty()) {
            c = g->store.import_export(*x, std::string("Import ") + sr::family_name(r.family));
        }
        if (!c.ok) error = c.errors.empty() ? "the import was refused" : c.errors.front().message;
        g->persistence.tick();
    }
    sr_wake();
    out = sr::ui::export_import_json(r, error);
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* sr_api_widget_rect(const char* label) {
    static std::string out;
    auto rect = sr::ui::probe_find(label ? label : "");
    if (!rect) return "null";
    nlohmann::json r = {{"x", rect->x}, {"y", rect->y}, {"w", rect->w}, {"h", rect->h}, {"text", rect->text}};
    out = r.dump();
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* sr_api_save_state() {
    static std::string out;
    const sr::SaveStatus s = g->persistence.status();
    out = nlohmann::json{{"state", s.name()}, {"text", s.text}, {"revision", g->store.revision()}}.dump();
    return out.c_str();
}

// What the app still has to do for the input and changes so far, for the page API's idle()
// (web/api.js, which decides from it): {"frames": frames still to draw (the screen has not
// settled, or a change or save state is not drawn yet), "input": queued key and text events,
// "save": the save state, "busy": a file being read, "touch": a tap or scroll not yet applied
// or a list still moving after a flick,
// "frame": frames drawn so far}.
EMSCRIPTEN_KEEPALIVE const char* sr_api_idle() {
    static std::string out;
    const sr::SaveStatus s = g->persistence.status();
    const bool undrawn = g->store.revision() != g->drawn_revision || s.text != g->last_status || canvas_size_stale() ||
                         g->app.location_changed();
    const bool touch = g_touch.tap_stage != 0 || g_touch.flinging || g_touch.scroll.x != 0 || g_touch.scroll.y != 0;
    const int frames = std::max(g->wake_frames, undrawn ? 1 : 0);
    out = nlohmann::json{{"frames", frames},     {"input", g_input.size()}, {"save", s.name()},
                         {"busy", g->app.busy()}, {"touch", touch},          {"frame", g->frames}}.dump();
    return out.c_str();
}

// The scrolling of what a finger or the wheel at (x, y) (CSS pixels from the canvas's corner)
// moves, in the last frame's layout, in CSS pixels: {"window", "x", "max_x", "y", "max_y",
// "momentum": a flick's momentum is moving it}, or null where nothing scrolls.
EMSCRIPTEN_KEEPALIVE const char* sr_api_scroll_at(double x, double y) {
    static std::string out;
    ImGuiWindow* w = window_at(ImVec2(static_cast<float>(x * g->dpr), static_cast<float>(y * g->dpr)));
    ImGuiWindow* vy = scroll_target(w, 1);
    ImGuiWindow* v = vy ? vy : scroll_target(w, 0);
    if (!v) return "null";
    const double k = 1.0 / g->dpr;
    bool momentum = false;
    if (g_touch.flinging)
        for (ImGuiWindow* t = ImGui::FindWindowByID(g_touch.window); t; t = t->ParentWindow) momentum = momentum || t == v;
    out = nlohmann::json{{"window", v->Name},          {"x", v->Scroll.x * k}, {"max_x", v->ScrollMax.x * k},
                         {"y", v->Scroll.y * k},       {"max_y", v->ScrollMax.y * k}, {"momentum", momentum}}
              .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return out.c_str();
}

// Code points the last frame drew without a glyph (drawn as a box), as a JSON array.
EMSCRIPTEN_KEEPALIVE const char* sr_api_missing_glyphs() {
    static std::string out;
    out = sr::app::glyphs::missing_json();
    return out.c_str();
}

// The lines the last frame drew cut short with "…", with the whole text and where (CSS pixels).
EMSCRIPTEN_KEEPALIVE const char* sr_api_cut_texts() {
    static std::string out;
    out = sr::app::glyphs::cut_json(1.0 / g->dpr);
    return out.c_str();
}

// For each code point of the text: where its glyph comes from and whether the last frame drew it.
EMSCRIPTEN_KEEPALIVE const char* sr_api_glyph_info(const char* text) {
    static std::string out;
    out = sr::app::glyphs::info_json(text);
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE double sr_api_frame_count() { return g ? static_cast<double>(g->frames) : 0; }

// {"last": ms, "max": ms}: CPU time of the last frame and the longest since the last call.
EMSCRIPTEN_KEEPALIVE const char* sr_api_frame_time() {
    static std::string out;
    out = nlohmann::json{{"last", g->last_frame_ms}, {"max", g->max_frame_ms}}.dump();
    g->max_frame_ms = 0;
    return out.c_str();
}

}

int main() {
    sr_keyboard_init();  // before GLFW: its listeners must see the hidden input's keys last
    if (!glfwInit()) {
        std::fprintf(stderr, "GLFW could not start\n");
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    // Dear ImGui draws flat triangles: no depth or stencil buffer, and an opaque canvas (every
    // frame clears it to the theme's background). Less for the browser to allocate, clear and
    // composite with each frame: a phone's canvas at devicePixelRatio 3 is about 3 million pixels.
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    glfwWindowHint(GLFW_ALPHA_BITS, 0);
    GLFWwindow* window = glfwCreateWindow(1280, 800, "Spark Roster", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "WebGL 2 is not available\n");
        return 1;
    }
    glfwMakeContextCurrent(window);

    g = new Host();
    g->window = window;
    g->dark = sr::platform::prefers_dark();

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layout is the app's, not a file's
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigInputTextCursorBlink = false;  // a blinking caret would keep an idle tab drawing
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    glfwSetKeyCallback(window, key_callback);    // replace the backend's: deliver_input() calls them
    glfwSetCharCallback(window, char_callback);
    // After the backend's init, which installs GLFW's clipboard (a no-op in the browser).
    io.SetClipboardTextFn = set_clipboard;
    io.GetClipboardTextFn = get_clipboard;
    ImGui_ImplOpenGL3_Init("#version 300 es");
    sync_canvas_size();

    g->app.on_theme_change = [](bool dark) {
        g->dark = dark;
        g->theme_dirty = true;
    };
    g->persistence.start([] {
        sr_wake();
        sr_page_ready();
    });
    sr_page_live();  // calls the page made while the module was starting are delivered now
    emscripten_set_main_loop(frame, 0, true);
    return 0;
}
