#include "app.hpp"

#include <imgui.h>

#include "core/format.hpp"
#include "platform/platform.hpp"
#include "briefs_view.hpp"
#include "creator_view.hpp"
#include "data_view.hpp"
#include "performance_view.hpp"
#include "probe.hpp"
#include "review_view.hpp"
#include "products_view.hpp"
#include "roster_view.hpp"
#include "samples_view.hpp"
#include "conflicts_view.hpp"
#include "settings_view.hpp"
#include "shared_brief_view.hpp"
#include "spark_view.hpp"
#include "style.hpp"

namespace sr::ui {

App::App(Store& store, Persistence& persistence, Sync& sync)
    : store_(store), persistence_(persistence), sync_(sync) {
    // Screens, in the order of their tabs. The first one is home.
    auto roster = std::make_unique<RosterView>(store);
    roster_ = roster.get();
    views_.push_back(std::move(roster));
    views_.push_back(std::make_unique<ProductsView>(store));
    views_.push_back(std::make_unique<SamplesView>(store));
    auto briefs = std::make_unique<BriefsView>(store);
    auto brief = std::make_unique<BriefView>(*briefs);
    views_.push_back(std::move(briefs));
    views_.push_back(std::move(brief));
    views_.push_back(std::make_unique<SparkView>(store));
    views_.push_back(std::make_unique<CreatorView>(store));
    views_.push_back(std::make_unique<PerformanceView>(store));
    auto data = std::make_unique<DataView>(store, persistence);
    data_ = data.get();
    views_.push_back(std::move(data));  // just before Settings
    auto settings = std::make_unique<SettingsView>(store, persistence, sync);
    settings_ = settings.get();
    views_.push_back(std::move(settings));
    views_.push_back(std::make_unique<ConflictsView>(sync));  // the last tab, while there are conflicts
    auto shared = std::make_unique<SharedBriefView>(store);  // "#brief=...": reached by share links
    // A share link's brief is read from the start (its decompression takes a moment), so the
    // first frame can show it.
    const Route first = parse_route(platform::hash_get());
    if (first.screen == "shared") shared->open(first.payload);
    views_.push_back(std::move(shared));
    views_.push_back(std::make_unique<ReplyView>(store));        // "#reply=..."
    views_.insert(views_.begin(), std::make_unique<ReviewView>(store));  // home: the first tab
}

App::~App() = default;

bool App::busy() const { return data_ && data_->busy(); }

bool App::location_changed() const { return persistence_.loaded() && platform::hash_get() != last_hash_; }

View* App::current_view() {
    const std::string& screen = nav_.current().screen;
    for (auto& v : views_)
        if (screen == v->screen()) return v.get();
    return views_.front().get();
}

// Keeps the screen and the URL hash in step: links and the browser's back and forward buttons
// move between screens, and a reload keeps the place.
void App::follow_location() {
    Route next;
    if (nav_.take_pending(next)) {
        const std::string h = route_hash(next);
        if (h != last_hash_) platform::hash_push(h);
        last_hash_ = h;
        nav_.set_current(next);
    } else {
        const std::string h = platform::hash_get();
        if (h != last_hash_) {
            last_hash_ = h;
            nav_.set_current(parse_route(h));
        }
    }
    // A creator link opens the creator in the roster's form until a creator screen exists.
    if (nav_.current().screen == "creator") {
        bool has_creator_screen = false;
        for (auto& v : views_) has_creator_screen |= std::string(v->screen()) == "creator";
        if (!has_creator_screen) {
            roster_->select(nav_.current().id);
            nav_.set_current(Route{"roster", 0, {}, {}});
        }
    }
}

void App::draw() {
    if (data_->take_show_request()) nav_.go(data_->screen());  // a file was dropped on another screen
    // A shared brief needs nothing stored: it is drawn while the stored program is still loading,
    // so a phone opening a share link sees it sooner (docs/rules.md, "Opening a shared brief").
    const bool early_brief = !persistence_.loaded() && parse_route(platform::hash_get()).screen == "shared";
    if (persistence_.loaded() || early_brief) follow_location();
    Context ctx{store_, nav_, platform::today_local(), persistence_.loaded()};
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Spark Roster", nullptr, flags);
    handle_shortcuts();
    // A creator opening a shared brief sees the brief alone, not the program's screens.
    if (nav_.current().screen == "shared") {
        ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
        ImGui::TextUnformatted("Spark Roster brief");
        ImGui::PopStyleColor();
        ImGui::Separator();
    } else {
        draw_top_bar();
    }
    if (!persistence_.banner().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(persistence_.banner().c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        probe_tag("banner", persistence_.banner());
    }
    // The status line is a separator and a line of text (no button): its height, not a frame's,
    // which on a touch screen is twice as tall and left a blank band under it.
    const float status_h = ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y * 2;
    ImGui::BeginChild("##view", ImVec2(0, -status_h), false, ImGuiWindowFlags_NoScrollbar);
    // A read-only tab (another tab is the writer, or a read-only member of the team's program)
    // shows everything and changes nothing. The Data and Settings screens handle it themselves:
    // export still works on the one, and sync (opening the team's program, stopping) on the other.
    ImGui::BeginDisabled(persistence_.read_only() && current_view() != data_ && current_view() != settings_);
    if (persistence_.loaded() || (early_brief && nav_.current().screen == "shared")) current_view()->draw(ctx);
    else ImGui::TextDisabled("Loading your program…");
    ImGui::EndDisabled();
    ImGui::EndChild();
    draw_status_line();
    ImGui::End();
}

void App::draw_top_bar() {
    const Program& p = store_.program();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    ImGui::TextUnformatted("Spark Roster");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    ImGui::TextUnformatted(p.settings.program_name.c_str());

    // Right-aligned: undo, redo, theme.
    const char* theme_label = theme_is_dark() ? "Light theme" : "Dark theme";
    const ImGuiStyle& st = ImGui::GetStyle();
    const float w = ImGui::CalcTextSize("Undo").x + ImGui::CalcTextSize("Redo").x + ImGui::CalcTextSize(theme_label).x +
                    st.FramePadding.x * 6 + st.ItemSpacing.x * 2;
    if (ImGui::GetContentRegionAvail().x > ImGui::CalcTextSize(p.settings.program_name.c_str()).x + w + em(10))
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - w);
    ImGui::BeginDisabled(!store_.can_undo() || persistence_.read_only());
    if (ImGui::Button("Undo")) store_.undo();
    if (store_.can_undo() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("Undo: %s (Ctrl+Z)", store_.undo_label().c_str());
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!store_.can_redo() || persistence_.read_only());
    if (ImGui::Button("Redo")) store_.redo();
    if (store_.can_redo() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("Redo: %s (Ctrl+Shift+Z)", store_.redo_label().c_str());
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(theme_label) && on_theme_change) on_theme_change(!theme_is_dark());

    // The screens, as tabs; the current one is marked.
    if (views_.size() > 1) {
        View* cur = current_view();
        for (size_t i = 0; i < views_.size(); ++i) {
            View* v = views_[i].get();
            if (!v->in_tabs()) continue;
            // Tabs wrap onto more rows on a narrow screen (a phone).
            const float tab_w = ImGui::CalcTextSize(v->title()).x + st.FramePadding.x * 2;
            if (i && ImGui::GetItemRectMax().x + st.ItemSpacing.x + tab_w <= ImGui::GetWindowContentRegionMax().x +
                                                                              ImGui::GetWindowPos().x)
                ImGui::SameLine();
            const bool here = v == cur;
            if (here) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_Header));
            if (ImGui::Button(v->title())) nav_.go(v->screen());
            if (here) ImGui::PopStyleColor();
        }
    }
    ImGui::Separator();
}

void App::draw_status_line() {
    ImGui::Separator();
    const SaveStatus s = persistence_.status();
    const Palette& pal = palette();
    const ImVec4 color = s.kind == SaveStatus::saved ? pal.ok
                         : (s.kind == SaveStatus::failed || s.kind == SaveStatus::blocked) ? pal.error
                                                                                            : pal.muted;
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(s.text.c_str());
    ImGui::PopStyleColor();
    probe_tag("save status", s.text);
    const SyncState& sync = sync_.state();
    if (sync.configured && !sync.text.empty()) {
        ImGui::SameLine();
        const ImVec4 c = sync.state == "synced" ? pal.ok : (sync.state == "failed" || sync.state == "join") ? pal.error : pal.muted;
        ImGui::TextColored(c, "· %s", sync.text.c_str());
        probe_tag("sync status", sync.text);
        if (!sync.conflicts.empty()) {
            ImGui::SameLine();
            const std::string n = "· " + std::to_string(sync.conflicts.size()) +
                                  (sync.conflicts.size() == 1 ? " conflict" : " conflicts");
            ImGui::TextColored(pal.warning, "%s", n.c_str());
            probe_tag("sync conflicts", n);
        }
    }
    if (nav_.current().screen == "shared") return;  // a creator reading a brief: not the program's figures
    const Program& p = store_.program();
    ImGui::SameLine();
    const std::string counts = "  " + count_of(p.creators.size(), "creator", "creators") + ", " +
                               count_of(p.posts.size(), "post", "posts") + ", " +
                               count_of(p.spark_codes.size(), "Spark Code", "Spark Codes");
    ImGui::TextDisabled("%s", counts.c_str());
}

void App::handle_shortcuts() {
    ImGuiIO& io = ImGui::GetIO();
    const bool mod = io.KeyCtrl || io.KeySuper;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) current_view()->close_dialog();
    if (mod && ImGui::IsKeyPressed('F', false)) current_view()->focus_filter();
    if (io.WantTextInput || persistence_.read_only()) return;  // a text field handles its own undo
    if (mod && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z), false)) {
        if (io.KeyShift) store_.redo();
        else store_.undo();
    }
    if (mod && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Y), false)) store_.redo();
}

}  // namespace sr::ui
