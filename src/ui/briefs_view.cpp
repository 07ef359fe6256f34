#include "briefs_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "core/enums.hpp"
#include "core/format.hpp"
#include "core/share.hpp"
#include "core/validate.hpp"
#include "platform/platform.hpp"
#include "platform/share.hpp"
#include "probe.hpp"
#include "style.hpp"

namespace sr::ui {

namespace {

enum Column { col_title, col_product, col_due, col_assigned, col_errors, col_warnings, col_count };

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string product_label(const Program& p, Id id) {
    for (const Product& x : p.products)
        if (x.id == id) return x.name + " (" + x.sku + ")";
    return "";
}

// The width of a caption column, so the five parts read as one form.
float caption_w() { return em(7.5f); }

// A caption on the left of a field on the same line.
void side_caption(const char* text) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::SameLine(caption_w());
}

// "1  Hook angle", in the accent colour, with the part's error / warning count on the right.
void part_heading(const char* number, const char* name, const BriefCheck& check,
                  std::initializer_list<const char*> fields, const char* help = nullptr) {
    size_t errs = 0, warns = 0;
    for (const BriefIssue& i : check.issues)
        for (const char* f : fields)
            if (i.field == f) (i.severity == Severity::error ? errs : warns)++;
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    ImGui::Text("%s  %s", number, name);
    ImGui::PopStyleColor();
    if (errs || warns) {
        ImGui::SameLine();
        if (errs) ImGui::TextColored(palette().error, "%s", count_words(errs, "error", "errors").c_str());
        else ImGui::TextColored(palette().warning, "%s", count_words(warns, "warning", "warnings").c_str());
    } else {
        ImGui::SameLine();
        ImGui::TextColored(palette().ok, "ok");
    }
    if (help) {
        ImGui::SameLine(0, em(1));
        ImGui::TextDisabled("%s", help);
    }
    ImGui::Separator();
}

}  // namespace

bool BriefsView::close_dialog() {
    if (!delete_open_) return false;
    delete_open_ = false;
    return true;
}

void BriefsView::draw(Context& ctx) {
    if (ctx.nav.current().screen == "brief") draw_builder(ctx);
    else draw_list(ctx);
}

// ------------------------------------------------------------------ the list

void BriefsView::rebuild_rows() {
    const Program& p = store_.program();
    const std::string needle = lower(filter_);
    rows_.clear();
    for (size_t i = 0; i < p.briefs.size(); ++i) {
        const Brief& b = p.briefs[i];
        if (!needle.empty() && lower(b.title + " " + product_label(p, b.product_id)).find(needle) == std::string::npos)
            continue;
        rows_.push_back(i);
    }
    // The checks are computed once per rebuild, not per comparison.
    std::unordered_map<Id, std::pair<size_t, size_t>> counts;
    if (sort_column_ == col_errors || sort_column_ == col_warnings)
        for (size_t i : rows_) {
            const BriefCheck c = check_brief(p.briefs[i], p);
            counts[p.briefs[i].id] = {c.errors(), c.warnings()};
        }
    const int col = sort_column_;
    const bool asc = sort_ascending_;
    std::sort(rows_.begin(), rows_.end(), [&](size_t a, size_t b) {
        const Brief& x = p.briefs[a];
        const Brief& y = p.briefs[b];
        int d = 0;
        switch (col) {
            case col_title: d = lower(x.title).compare(lower(y.title)); break;
            case col_product: d = lower(product_label(p, x.product_id)).compare(lower(product_label(p, y.product_id))); break;
            case col_due: {
                const int dx = x.due ? x.due->days : INT32_MAX, dy = y.due ? y.due->days : INT32_MAX;
                d = dx < dy ? -1 : dx > dy;
                break;
            }
            case col_assigned: d = static_cast<int>(x.creator_ids.size()) - static_cast<int>(y.creator_ids.size()); break;
            case col_errors: d = static_cast<int>(counts[x.id].first) - static_cast<int>(counts[y.id].first); break;
            case col_warnings: d = static_cast<int>(counts[x.id].second) - static_cast<int>(counts[y.id].second); break;
            default: break;
        }
        if (d == 0) return x.id < y.id;
        return asc ? d < 0 : d > 0;
    });
    rows_revision_ = store_.revision();
    rows_dirty_ = false;
}

void BriefsView::draw_list(Context& ctx) {
    const Program& p = store_.program();
    if (primary_button("New brief")) {
        load(ctx, 0);
        ctx.nav.go("brief", 0);
    }
    ImGui::SameLine();
    if (focus_filter_) {
        ImGui::SetKeyboardFocusHere();
        focus_filter_ = false;
    }
    ImGui::SetNextItemWidth(em(16));
    if (input_string("##brief-filter", filter_, "Filter: title or product")) rows_dirty_ = true;
    probe_tag("Filter");
    ImGui::SameLine();
    if (rows_dirty_ || rows_revision_ != store_.revision()) rebuild_rows();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s of %s briefs", fmt_int(static_cast<int64_t>(rows_.size())).c_str(),
                        fmt_int(static_cast<int64_t>(p.briefs.size())).c_str());
    if (!list_notice_.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(palette().ok, "%s", list_notice_.c_str());
        probe_tag("notice", list_notice_);
    }

    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("briefs", col_count, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_DefaultSort, 2.2f, col_title);
    ImGui::TableSetupColumn("Product", 0, 2.0f, col_product);
    ImGui::TableSetupColumn("Due", 0, 0.8f, col_due);
    ImGui::TableSetupColumn("Assigned", 0, 0.7f, col_assigned);
    ImGui::TableSetupColumn("Errors", ImGuiTableColumnFlags_PreferSortDescending, 0.6f, col_errors);
    ImGui::TableSetupColumn("Warnings", ImGuiTableColumnFlags_PreferSortDescending, 0.7f, col_warnings);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
        if (specs->SpecsDirty && specs->SpecsCount > 0) {
            sort_column_ = static_cast<int>(specs->Specs[0].ColumnUserID);
            sort_ascending_ = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
            rebuild_rows();
            specs->SpecsDirty = false;
        }
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const Brief& b = p.briefs[rows_[static_cast<size_t>(r)]];
            const BriefCheck check = check_brief(b, p);
            ImGui::PushID(static_cast<int>(b.id));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(col_title);
            const std::string title = b.title.empty() ? "(untitled)" : b.title;
            if (ImGui::Selectable(title.c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
                ctx.nav.go("brief", b.id);
            ImGui::TableSetColumnIndex(col_product);
            const std::string prod = product_label(p, b.product_id);
            if (prod.empty()) ImGui::TextDisabled("no product");
            else ImGui::TextUnformatted(prod.c_str());
            ImGui::TableSetColumnIndex(col_due);
            if (b.due) {
                const bool late = *b.due < ctx.today;
                if (late) ImGui::TextColored(palette().warning, "%s", b.due->to_string().c_str());
                else ImGui::TextUnformatted(b.due->to_string().c_str());
            } else {
                ImGui::TextDisabled("-");
            }
            ImGui::TableSetColumnIndex(col_assigned);
            ImGui::Text("%zu", b.creator_ids.size());
            ImGui::TableSetColumnIndex(col_errors);
            if (check.errors()) ImGui::TextColored(palette().error, "%zu", check.errors());
            else ImGui::TextColored(palette().ok, "0");
            ImGui::TableSetColumnIndex(col_warnings);
            if (check.warnings()) ImGui::TextColored(palette().warning, "%zu", check.warnings());
            else ImGui::TextDisabled("0");
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

// ------------------------------------------------------------------ the builder

void BriefsView::load(Context& ctx, Id id) {
    loaded_ = true;
    dirty_ = false;
    save_errors_.clear();
    due_error_.clear();
    notice_ = std::move(next_notice_);
    next_notice_.clear();
    loaded_revision_ = store_.revision();
    if (id == 0) {
        draft_ = Brief{};
        draft_.spark_days_wanted = store_.program().settings.spark_default_days;
        draft_.product_truths = {""};
        draft_.do_not_say = {""};
        loaded_id_ = 0;
    } else if (const Brief* b = store_.find_brief(id)) {
        draft_ = *b;
        loaded_id_ = id;
    } else {
        loaded_ = false;
        list_notice_ = "That brief no longer exists.";
        ctx.nav.go("briefs");
        return;
    }
    due_text_ = draft_.due ? draft_.due->to_string() : "";
}

void BriefsView::draw_builder(Context& ctx) {
    const Id route_id = ctx.nav.current().id;
    if (!loaded_ || route_id != loaded_id_) load(ctx, route_id);
    else if (!dirty_ && loaded_id_ && loaded_revision_ != store_.revision()) load(ctx, route_id);  // undo, redo
    if (!loaded_) return;
    if (loaded_id_ && !store_.find_brief(loaded_id_)) {  // removed under us (undo of its creation)
        loaded_ = false;
        ctx.nav.go("briefs");
        return;
    }

    const BriefCheck check = check_brief(draft_, store_.program());
    today_ = ctx.today;
    draw_header(ctx, check);

    const float avail_w = ImGui::GetContentRegionAvail().x;
    const float avail_h = ImGui::GetContentRegionAvail().y;
    const bool side_by_side = avail_w > em(50);
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float parts_w = side_by_side ? std::max(em(28), avail_w * 0.56f) : avail_w;
    ImGui::BeginChild("##brief-parts", ImVec2(parts_w, side_by_side ? avail_h : 0), true);
    draw_parts(check);
    if (!side_by_side) draw_side(ctx, check);
    ImGui::EndChild();
    if (side_by_side) {
        ImGui::SameLine(0, gap);
        ImGui::BeginChild("##brief-side", ImVec2(0, avail_h), true);
        draw_side(ctx, check);
        ImGui::EndChild();
    }
    draw_delete_popup(ctx);
}

void BriefsView::draw_header(Context& ctx, const BriefCheck& check) {
    const Program& p = store_.program();
    // On a wide screen the header is one row; on a narrow one (a phone) it flows onto more rows,
    // and the fields take the whole width.
    const bool narrow = ImGui::GetContentRegionAvail().x < em(46);
    const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    auto flow = [&](float next_w) {
        if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + next_w <= right_edge) ImGui::SameLine();
    };
    if (ImGui::Button("< Briefs")) ctx.nav.go("briefs");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(loaded_id_ ? "Brief" : "New brief");
    if (!narrow) ImGui::SameLine();

    // Title, product and due date on one line.
    ImGui::SetNextItemWidth(narrow ? -FLT_MIN : em(16));
    if (input_string("##title", draft_.title, "Title, e.g. Serum launch")) dirty_ = true;
    probe_tag("Title", draft_.title);
    if (!narrow) ImGui::SameLine();
    ImGui::SetNextItemWidth(narrow ? -FLT_MIN : em(15));
    const std::string prod = product_label(p, draft_.product_id);
    if (ImGui::BeginCombo("##brief-product", prod.empty() ? "Choose the product" : prod.c_str())) {
        for (const Product& x : p.products) {
            ImGui::PushID(static_cast<int>(x.id));
            if (ImGui::Selectable((x.name + " (" + x.sku + ")").c_str(), draft_.product_id == x.id)) {
                draft_.product_id = x.id;
                dirty_ = true;
            }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    probe_tag("Product");
    if (!narrow) ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Due");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(7));
    if (input_string("##due", due_text_, "YYYY-MM-DD")) {
        dirty_ = true;
        const std::string t = trim(due_text_);
        due_error_.clear();
        if (t.empty()) draft_.due.reset();
        else if (auto d = Date::parse(t)) draft_.due = *d;
        else due_error_ = "Use a date like 2025-03-01, or leave it empty.";
    }
    probe_tag("Due");

    // The actions, on the right of the same row.
    const ImGuiStyle& st = ImGui::GetStyle();
    const float buttons_w = ImGui::CalcTextSize("Save brief").x + ImGui::CalcTextSize("Duplicate brief").x +
                            ImGui::CalcTextSize("Delete").x + st.FramePadding.x * 6 + st.ItemSpacing.x * 2;
    const auto button_w = [&](const char* label) { return ImGui::CalcTextSize(label).x + st.FramePadding.x * 2; };
    if (narrow) flow(button_w("Save brief"));
    else ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - buttons_w));
    if (primary_button("Save brief")) save(ctx);
    ImGui::BeginDisabled(loaded_id_ == 0);
    flow(button_w("Duplicate brief"));
    if (ImGui::Button("Duplicate brief")) duplicate(ctx);
    flow(button_w("Delete"));
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    if (ImGui::Button("Delete")) want_delete_ = true;
    ImGui::PopStyleColor();
    ImGui::EndDisabled();

    // Sharing: the saved brief, once it has no errors; and the brief as text for chat apps.
    const bool can_share = loaded_id_ != 0 && !dirty_ && check.errors() == 0 && due_error_.empty();
    flow(button_w("Share"));
    ImGui::BeginDisabled(!can_share || share_state_ == ShareState::making);
    if (primary_button("Share")) share(ctx);
    ImGui::EndDisabled();
    if (!can_share && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", check.errors() ? "Fix the errors first: they block sharing."
                                               : "Save the brief first: the link carries the saved brief.");
    flow(button_w("Copy as text"));
    if (ImGui::Button("Copy as text")) {
        platform::clipboard_set(brief_to_markdown(draft_, p));
        notice_ = "Copied the brief and its checklist as text.";
    }

    // Where the brief stands, then the issues of the header fields, on one line.
    const size_t n = check.errors() + (due_error_.empty() ? 0 : 1);
    const std::string status = n == 0 ? "Ready to share" : "Fix " + count_words(n, "error", "errors") + " before sharing";
    ImGui::TextColored(n == 0 ? palette().ok : palette().error, "%s", status.c_str());
    probe_tag("brief:share-status", status);
    if (check.warnings()) {
        ImGui::SameLine();
        ImGui::TextColored(palette().warning, "(%s)", count_words(check.warnings(), "warning", "warnings").c_str());
    }
    ImGui::SameLine();
    const std::string save_state = dirty_ ? "Unsaved changes" : (notice_.empty() ? "Saved" : notice_);
    if (dirty_) ImGui::TextColored(palette().warning, "%s", save_state.c_str());
    else ImGui::TextColored(notice_.empty() ? palette().muted : palette().ok, "%s", save_state.c_str());
    probe_tag("brief:save-state", save_state);
    for (const BriefIssue& i : check.issues) {
        const char* part = i.field == "title" ? "title" : i.field == "product_id" ? "product" : i.field == "due" ? "due" : nullptr;
        if (!part) continue;
        const bool err = i.severity == Severity::error;
        const std::string tag = std::string("brief:") + (err ? "error:" : "warning:") + part;
        ImGui::SameLine(0, em(1));
        ImGui::TextColored(err ? palette().error : palette().warning, "%s", i.message.c_str());
        probe_tag(tag, i.message);
    }
    if (!due_error_.empty()) {
        ImGui::SameLine(0, em(1));
        ImGui::TextColored(palette().error, "%s", due_error_.c_str());
        probe_tag("error:due", due_error_);
    }
    for (const auto& [field, why] : save_errors_) {
        ImGui::TextColored(palette().error, "%s", why.c_str());
        probe_tag("error:" + field, why);
    }
    draw_share_panel();
}

// The share link of the saved brief: made by the browser (compressed, base64url) between frames.
void BriefsView::share(Context& ctx) {
    (void)ctx;
    const Program& p = store_.program();
    share_id_ = loaded_id_;
    share_revision_ = store_.revision();
    share_link_.clear();
    const Errors problems = brief_share_problems(p, loaded_id_);
    if (!problems.empty()) {
        share_state_ = ShareState::failed;
        share_message_ = "This brief cannot be shared yet: " + problems.front().field + ": " + problems.front().message;
        return;
    }
    share_state_ = ShareState::making;
    share_message_ = "Making the link…";
    const int gen = ++share_generation_;
    platform::share_compress(brief_share_json(p, loaded_id_), [this, gen](bool ok, const std::string& result) {
        if (gen != share_generation_) return;
        if (!ok) {
            share_state_ = ShareState::failed;
            share_message_ = result;
            return;
        }
        share_state_ = ShareState::ready;
        share_link_ = brief_share_link(platform::page_url(), result);
        share_message_.clear();
    });
}

void BriefsView::draw_share_panel() {
    if (share_state_ == ShareState::none) return;
    // A link shows the brief as it was saved: an edit (or another brief) makes it stale.
    if (share_id_ != loaded_id_ || dirty_ || share_revision_ != store_.revision()) {
        share_state_ = ShareState::none;
        ++share_generation_;
        return;
    }
    if (share_state_ == ShareState::making) {
        ImGui::TextDisabled("%s", share_message_.c_str());
        return;
    }
    if (share_state_ == ShareState::failed) {
        message_line(palette().error, share_message_, "brief:share-error");
        return;
    }
    ImGui::Spacing();
    const std::string length = "Share link, " + fmt_int(static_cast<int64_t>(share_link_.size())) +
                               " characters: it carries this brief alone, never the roster.";
    ImGui::TextUnformatted(length.c_str());
    probe_tag("brief:share-length", length);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(share_link_.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    probe_tag("brief:share-link", share_link_);
    if (primary_button("Copy link")) {
        platform::clipboard_set(share_link_);
        notice_ = "Copied the share link.";
    }
    ImGui::SameLine();
    if (ImGui::Button("Close link")) share_state_ = ShareState::none;
}

// The issues of one part, right under it: the message, and what to write instead.
void BriefsView::draw_issues(const BriefCheck& check, std::initializer_list<const char*> fields, const char* part) {
    for (const BriefIssue& i : check.issues) {
        bool mine = false;
        for (const char* f : fields) mine |= i.field == f;
        if (!mine) continue;
        const bool err = i.severity == Severity::error;
        std::string text = (err ? "Error: " : "Warning: ") + i.message;
        if (!i.suggestion.empty()) {
            text += " Try: " + i.suggestion;
            if (text.back() != '.') text += ".";
        }
        ImGui::PushStyleColor(ImGuiCol_Text, err ? palette().error : palette().warning);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        probe_tag(std::string("brief:") + (err ? "error:" : "warning:") + part, text);
    }
}

// An editable list of short lines (product truths, what not to say): one field per line with
// its Remove button, and an Add button under them.
bool BriefsView::draw_list_field(const char* what, const char* add_label, std::vector<std::string>& list,
                                 const char* hint) {
    bool changed = false;
    int remove = -1;
    ImGui::PushID(what);  // two lists in one window: keep their fields' ids apart
    const float remove_w = ImGui::CalcTextSize("Remove").x + ImGui::GetStyle().FramePadding.x * 2;
    for (size_t i = 0; i < list.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const std::string cap = std::string(what) + " " + std::to_string(i + 1);
        side_caption(cap.c_str());
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - remove_w - ImGui::GetStyle().ItemSpacing.x);
        changed |= input_string("##line", list[i], hint);
        probe_tag(cap);
        ImGui::SameLine();
        if (ImGui::Button("Remove")) remove = static_cast<int>(i);
        probe_tag("Remove " + cap);
        ImGui::PopID();
    }
    if (remove >= 0) {
        list.erase(list.begin() + remove);
        changed = true;
    }
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + caption_w() - ImGui::GetStyle().WindowPadding.x);
    if (ImGui::Button(add_label)) {
        list.emplace_back();
        changed = true;
    }
    ImGui::PopID();
    return changed;
}

// Under the angle: which angle has earned the most a post for this product over the hook-angle
// window, with "Use it" when the draft uses another.
void BriefsView::draw_winning_angle() {
    const Program& p = store_.program();
    if (!draft_.product_id) return;
    if (angles_product_ != draft_.product_id || angles_revision_ != store_.revision() || !(angles_day_ == today_)) {
        angles_ = product_hook_angles(p, draft_.product_id, today_);
        angles_product_ = draft_.product_id;
        angles_revision_ = store_.revision();
        angles_day_ = today_;
    }
    const std::string window = "last " + std::to_string(p.settings.hook_window_days) + " days";
    const std::string line = angles_.winner ? "Winning angle for this product (" + window + "): " + angles_.winner_reason
                                            : "No winning angle for this product yet (" + window + "): " + angles_.winner_reason;
    ImGui::PushTextWrapPos(0.0f);
    if (angles_.winner) ImGui::TextColored(palette().ok, "%s", line.c_str());
    else ImGui::TextDisabled("%s", line.c_str());
    ImGui::PopTextWrapPos();
    probe_tag("brief:winning-angle", line);
    if (angles_.winner && *angles_.winner != draft_.hook) {
        if (ImGui::SmallButton("Use the winning angle")) {
            draft_.hook = *angles_.winner;
            dirty_ = true;
        }
    }
}

void BriefsView::draw_parts(const BriefCheck& check) {
    bool changed = false;
    const float field_w = -FLT_MIN;

    // 1. Hook angle
    part_heading("1", "Hook angle", check, {"custom_angle", "opening_line"});
    side_caption("Angle");
    ImGui::SetNextItemWidth(em(12));
    const int hook = static_cast<int>(draft_.hook);
    if (ImGui::BeginCombo("##hook", hook_angle_label(draft_.hook))) {
        for (int i = 0; i < enum_count<HookAngle>(); ++i)
            if (ImGui::Selectable(hook_angle_label(static_cast<HookAngle>(i)), i == hook)) {
                draft_.hook = static_cast<HookAngle>(i);
                changed = true;
            }
        ImGui::EndCombo();
    }
    probe_tag("Hook angle");
    if (draft_.hook != HookAngle::custom) {
        ImGui::SameLine();
        ImGui::TextDisabled("e.g. \"%s\"", hook_angle_example(draft_.hook));
        probe_tag("brief:hook-example", hook_angle_example(draft_.hook));
    } else {
        side_caption("Custom angle");
        ImGui::SetNextItemWidth(field_w);
        changed |= input_string("##custom_angle", draft_.custom_angle, "the angle in a few words");
        probe_tag("Custom angle");
    }
    draw_winning_angle();
    side_caption("Opening line");
    ImGui::SetNextItemWidth(field_w);
    changed |= input_string("##opening_line", draft_.opening_line, "optional: a line to start from, not a script");
    probe_tag("Opening line");
    draw_issues(check, {"custom_angle", "opening_line"}, "hook");

    // 2. Product truth
    part_heading("2", "Product truth", check, {"product_truths"}, "one or two attributes that link the hook to the product");
    changed |= draw_list_field("Truth", "Add product truth", draft_.product_truths, "e.g. fragrance-free");
    draw_issues(check, {"product_truths"}, "truths");

    // 3. Proof element
    part_heading("3", "Proof element", check, {"proof_detail"});
    side_caption("Proof");
    ImGui::SetNextItemWidth(em(12));
    const int proof = static_cast<int>(draft_.proof);
    if (ImGui::BeginCombo("##proof", proof_label(draft_.proof))) {
        for (int i = 0; i < enum_count<ProofKind>(); ++i)
            if (ImGui::Selectable(proof_label(static_cast<ProofKind>(i)), i == proof)) {
                draft_.proof = static_cast<ProofKind>(i);
                changed = true;
            }
        ImGui::EndCombo();
    }
    probe_tag("Proof element");
    side_caption("What to show");
    ImGui::SetNextItemWidth(field_w);
    changed |= input_string("##proof_detail", draft_.proof_detail, "e.g. same lighting, day 1 and day 14");
    probe_tag("What to show");
    draw_issues(check, {"proof_detail"}, "proof");

    // 4. Call to action
    part_heading("4", "Call to action", check, {"call_to_action"});
    side_caption("Call to action");
    ImGui::SetNextItemWidth(field_w);
    changed |= input_string("##cta", draft_.call_to_action, "e.g. grab it from my TikTok Shop");
    probe_tag("Call to action");
    draw_issues(check, {"call_to_action"}, "cta");

    // 5. What not to say
    part_heading("5", "What not to say", check, {"do_not_say"}, "unsupported claims, competitors, policy language");
    changed |= draw_list_field("Do not say", "Add do-not-say line", draft_.do_not_say, "e.g. cures acne");
    draw_issues(check, {"do_not_say"}, "dont");

    if (changed) dirty_ = true;
}

void BriefsView::draw_side(Context& ctx, const BriefCheck& check) {
    const Program& p = store_.program();
    bool changed = false;

    // Assigned creators: a filtered multi-select over the roster.
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    ImGui::Text("Assigned creators (%zu)", draft_.creator_ids.size());
    ImGui::PopStyleColor();
    probe_tag("brief:assigned", std::to_string(draft_.creator_ids.size()));
    ImGui::Separator();
    if (focus_filter_) {
        ImGui::SetKeyboardFocusHere();
        focus_filter_ = false;
    }
    ImGui::SetNextItemWidth(em(12));
    input_string("##creator-filter", creator_filter_, "Filter creators");
    probe_tag("Creator filter");
    ImGui::SameLine();
    check_box("Assigned only", &assigned_only_);
    const std::unordered_set<Id> assigned(draft_.creator_ids.begin(), draft_.creator_ids.end());
    std::vector<const Creator*> shown;
    const std::string needle = lower(creator_filter_);
    for (const Creator& c : p.creators) {
        if (assigned_only_ && !assigned.count(c.id)) continue;
        if (!needle.empty() && lower(c.handle + " " + c.display_name).find(needle) == std::string::npos) continue;
        shown.push_back(&c);
    }
    std::sort(shown.begin(), shown.end(), [](const Creator* a, const Creator* b) {
        const int d = lower(a->handle).compare(lower(b->handle));
        return d != 0 ? d < 0 : a->id < b->id;
    });
    ImGui::BeginChild("##brief-creators", ImVec2(0, em(9.5f)), true);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(shown.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Creator& c = *shown[static_cast<size_t>(i)];
            ImGui::PushID(static_cast<int>(c.id));
            bool on = assigned.count(c.id) > 0;
            const std::string label = "@" + c.handle;
            if (check_box(label.c_str(), &on)) {
                if (on) draft_.creator_ids.push_back(c.id);
                else draft_.creator_ids.erase(std::remove(draft_.creator_ids.begin(), draft_.creator_ids.end(), c.id),
                                              draft_.creator_ids.end());
                changed = true;
            }
            ImGui::SameLine();
            ImGui::TextDisabled("%s, %s", c.display_name.c_str(), tier_name(effective_tier(c, p.settings)));
            ImGui::PopID();
        }
    if (shown.empty()) ImGui::TextDisabled("No creator matches.");
    ImGui::EndChild();
    draw_issues(check, {"creator_ids"}, "creators");

    // The Spark Code request.
    ImGui::Spacing();
    changed |= check_box("Request a Spark Code", &draft_.request_spark_code);
    if (draft_.request_spark_code) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("for");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(em(5));
        changed |= ImGui::InputInt("##spark_days", &draft_.spark_days_wanted, 0, 0);
        probe_tag("Spark days");
        ImGui::SameLine();
        ImGui::Text("days (%d-%d)", p.settings.spark_min_days, p.settings.spark_max_days);
    }
    draw_issues(check, {"spark_days_wanted"}, "spark");

    // The checklist the creator will tick, as it reads now.
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    ImGui::TextUnformatted("Checklist preview");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextDisabled("what the creator ticks before posting");
    ImGui::Separator();
    const std::vector<ChecklistItem> items = brief_checklist(draft_, p);
    ImGui::BeginChild("##brief-checklist", ImVec2(0, 0), false);
    std::string last_part;
    for (const ChecklistItem& it : items) {
        if (it.part != last_part) {
            ImGui::TextDisabled("%s", it.part.c_str());
            last_part = it.part;
        }
        ImGui::Bullet();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(it.text.c_str());
        ImGui::PopTextWrapPos();
        probe_tag("checklist:" + it.id, it.text);
    }
    ImGui::EndChild();
    if (changed) dirty_ = true;
    (void)ctx;
}

void BriefsView::save(Context& ctx) {
    save_errors_.clear();
    notice_.clear();
    if (!due_error_.empty()) return;  // shown under the due date
    Brief b = draft_;
    // Empty lines are dropped; the form keeps one to type into.
    auto tidy = [](std::vector<std::string>& v) {
        std::vector<std::string> out;
        for (const std::string& s : v)
            if (!trim(s).empty()) out.push_back(trim(s));
        v = std::move(out);
    };
    tidy(b.product_truths);
    tidy(b.do_not_say);
    b.title = trim(b.title);
    const bool adding = loaded_id_ == 0;
    CommandResult r = adding ? store_.add_brief(b) : store_.update_brief(b);
    if (!r.ok) {
        for (const FieldError& e : r.errors) save_errors_.emplace(e.field, e.message);
        return;
    }
    const Brief* saved = store_.find_brief(r.id);
    if (!saved) return;
    draft_ = *saved;
    if (draft_.product_truths.empty()) draft_.product_truths = {""};
    if (draft_.do_not_say.empty()) draft_.do_not_say = {""};
    loaded_id_ = r.id;
    loaded_revision_ = store_.revision();
    dirty_ = false;
    notice_ = adding ? "Brief added." : "Brief saved.";
    if (adding) ctx.nav.go("brief", r.id);
}

void BriefsView::duplicate(Context& ctx) {
    Brief copy = draft_;
    copy.id = 0;
    copy.title = trim(copy.title) + " (copy)";
    CommandResult r = store_.add_brief(copy);
    if (!r.ok) {
        save_errors_.clear();
        for (const FieldError& e : r.errors) save_errors_.emplace(e.field, e.message);
        return;
    }
    loaded_ = false;
    ctx.nav.go("brief", r.id);
    list_notice_.clear();
    next_notice_ = "Duplicated as \"" + copy.title + "\".";
}

void BriefsView::draw_delete_popup(Context& ctx) {
    if (want_delete_) {
        ImGui::OpenPopup("Delete brief?");
        want_delete_ = false;
        delete_open_ = true;
    }
    ImGui::SetNextWindowSize(ImVec2(em(24), 0));
    if (ImGui::BeginPopupModal("Delete brief?", nullptr, ImGuiWindowFlags_NoResize)) {
        const Brief* b = store_.find_brief(loaded_id_);
        if (!b || !delete_open_) {
            delete_open_ = false;
            ImGui::CloseCurrentPopup();
        } else {
            ImGui::TextWrapped("Delete the brief \"%s\"? Its %zu assigned creators lose it. Undo (Ctrl+Z) brings it back.",
                               b->title.c_str(), b->creator_ids.size());
            ImGui::Spacing();
            ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
            const bool yes = ImGui::Button("Delete brief");
            ImGui::PopStyleColor();
            ImGui::SameLine();
            if (ImGui::Button("Keep")) {
                delete_open_ = false;
                ImGui::CloseCurrentPopup();
            }
            if (yes) {
                const std::string title = b->title;
                CommandResult r = store_.remove_brief(b->id);
                if (r.ok) {
                    loaded_ = false;
                    list_notice_ = "Deleted \"" + title + "\". Undo brings it back.";
                    ctx.nav.go("briefs");
                } else {
                    save_errors_.clear();
                    for (const FieldError& e : r.errors) save_errors_.emplace(e.field, e.message);
                }
                delete_open_ = false;
                ImGui::CloseCurrentPopup();
            }
        }
        ImGui::EndPopup();
    } else {
        delete_open_ = false;
    }
}

}  // namespace sr::ui
