#include "roster_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/enums.hpp"
#include "core/format.hpp"
#include "core/metrics.hpp"
#include "core/rules.hpp"
#include "core/status_moves.hpp"
#include "core/validate.hpp"
#include "form_fields.hpp"
#include "probe.hpp"
#include "style.hpp"
#include "table_util.hpp"

namespace sr::ui {

namespace {

enum Column { col_handle, col_name, col_followers, col_tier, col_status, col_deal, col_select, col_count };

const char* const* const kStatusLabels = creator_status_labels();
const char* kTierFilter[] = {"All tiers", "1 nano/micro", "2 mid", "3 top partner"};
const char* kFlagFilter[] = {"Any flags", "Flagged", "Not flagged"};
const char* kTierPin[] = {"From followers", "1 nano/micro (pinned)", "2 mid (pinned)", "3 top partner (pinned)"};

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::vector<std::string> split_list(const char* text) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        size_t b = cur.find_first_not_of(' '), e = cur.find_last_not_of(' ');
        if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
        cur.clear();
    };
    for (const char* p = text; *p; ++p) {
        if (*p == ',') flush();
        else cur.push_back(*p);
    }
    flush();
    return out;
}

}  // namespace

RosterView::RosterView(Store& store) : store_(store) {
    using csv::Cell;
    auto creator = [this](size_t r) -> const Creator& { return store_.program().creators[r]; };
    columns_ = {
        {"##select", col_select, 0, ImGuiTableColumnFlags_NoSort, ColumnKind::text, nullptr, 1.6f},
        // Handles are exported as stored, without the "@", so no spreadsheet takes them for a formula.
        {"Handle", col_handle, 1.4f, ImGuiTableColumnFlags_DefaultSort, ColumnKind::text,
         [=](size_t r) { return Cell::text(creator(r).handle); }},
        {"Name", col_name, 1.3f, 0, ColumnKind::text, [=](size_t r) { return Cell::text(creator(r).display_name); }},
        {"Followers", col_followers, 0.9f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::number,
         [=](size_t r) { return Cell::integer(creator(r).followers); }},
        {"Tier", col_tier, 1.7f, 0, ColumnKind::text,
         [=](size_t r) { return Cell::text(tier_name(effective_tier(creator(r), store_.program().settings))); }},
        {"Status", col_status, 0.8f, 0, ColumnKind::text,
         [=](size_t r) { return Cell::text(kStatusLabels[static_cast<int>(creator(r).status)]); }},
        {"Deal", col_deal, 1.4f, 0, ColumnKind::text,
         [=](size_t r) { return Cell::text(deal_summary(creator(r), store_.program().settings)); }},
    };
}

void RosterView::select(Id id) {
    if (const Creator* c = store_.find_creator(id)) load_form(*c);
}

void RosterView::draw(Context& ctx) {
    if (ctx.today != today_) {
        today_ = ctx.today;
        rows_dirty_ = true;
    }
    draw_targets();
    const float avail_w = ImGui::GetContentRegionAvail().x;
    const float avail_h = ImGui::GetContentRegionAvail().y;
    const bool side_by_side = avail_w > em(48);
    const float form_w = side_by_side ? std::min(em(22), avail_w * 0.4f) : avail_w;

    draw_filters();
    draw_bulk_bar();
    const float table_h = side_by_side ? ImGui::GetContentRegionAvail().y : std::max(em(12), avail_h * 0.45f);

    if (side_by_side) {
        ImGui::BeginChild("##roster-left", ImVec2(avail_w - form_w - ImGui::GetStyle().ItemSpacing.x, table_h));
        draw_table(table_h);
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("##creator-form", ImVec2(form_w, table_h), true);
        draw_form();
        ImGui::EndChild();
    } else {
        draw_table(table_h);
        ImGui::BeginChild("##creator-form", ImVec2(0, 0), true);
        draw_form();
        ImGui::EndChild();
    }
    if (open_) {
        ctx.nav.go("creator", open_);
        open_ = 0;
    }
}

// Active creators per tier against the program's targets (docs/rules.md, section 1).
void RosterView::draw_targets() {
    std::string all;
    bool first = true;
    for (const TierRoster& t : roster_vs_targets(store_.program())) {
        if (!first) {
            ImGui::SameLine();
            ImGui::TextDisabled("|");
            ImGui::SameLine();
        }
        first = false;
        const std::string line = std::string("Tier ") + tier_name(t.tier) + ": " + std::to_string(t.active) +
                                 " active (target " + std::to_string(t.target_min) + "-" +
                                 std::to_string(t.target_max) + ")";
        if (t.gap() != 0) ImGui::TextColored(palette().warning, "%s", line.c_str());
        else ImGui::TextUnformatted(line.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", t.summary().c_str());
        all += (all.empty() ? "" : "; ") + t.summary();
    }
    probe_tag("tier targets", all);
}

// Ticked rows: set their status in one step (undoable as one).
void RosterView::draw_bulk_bar() {
    // Forget ticks on creators that are gone (deleted, or undone away).
    for (auto it = selected_.begin(); it != selected_.end();) {
        if (store_.find_creator(*it)) ++it;
        else it = selected_.erase(it);
    }
    if (ImGui::Button("Tick all shown")) {
        const Program& p = store_.program();
        for (size_t i : rows_) selected_.insert(p.creators[i].id);
    }
    if (selected_.empty()) return;
    ImGui::SameLine();
    ImGui::Text("%zu ticked: set status to", selected_.size());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(8));
    ImGui::Combo("##bulk-status", &bulk_status_, kStatusLabels, enum_count<CreatorStatus>());
    probe_tag("Bulk status");
    // Who can make the move (docs/rules.md, "Status moves"), listed before anything changes.
    const CreatorStatus to = static_cast<CreatorStatus>(bulk_status_);
    std::vector<Id> movable;
    std::string cannot;
    size_t stuck = 0;
    for (Id id : selected_) {
        const Creator* c = store_.find_creator(id);
        if (move_allowed(c->status, to)) {
            movable.push_back(id);
            continue;
        }
        ++stuck;
        const std::string can = allowed_moves_text(c->status);
        cannot += (cannot.empty() ? "" : "; ") + ("@" + c->handle + " is " + lower(status_label(c->status))) +
                  (can.empty() ? " (final)" : " (can move to " + can + ")");
    }
    auto apply = [&](const std::vector<Id>& ids) {
        const CommandResult r = store_.set_creators_status(ids, to);
        bulk_error_.clear();
        if (r.ok) {
            notice_ = std::to_string(ids.size()) + " creators set to " + kStatusLabels[bulk_status_] + ". Undo puts them back.";
            selected_.clear();
            return true;
        }
        for (const FieldError& e : r.errors) bulk_error_ += (bulk_error_.empty() ? "" : "\n") + e.message;
        return false;
    };
    ImGui::SameLine();
    if (ImGui::Button("Apply to ticked") && apply(std::vector<Id>(selected_.begin(), selected_.end()))) return;
    ImGui::SameLine();
    if (ImGui::Button("Clear ticks")) {
        selected_.clear();
        bulk_error_.clear();
        return;
    }
    if (stuck) {
        const std::string line = std::to_string(stuck) + " of " + std::to_string(selected_.size()) + " cannot become " +
                                 lower(kStatusLabels[bulk_status_]) + ": " + cannot + ".";
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(palette().warning, "%s", line.c_str());
        ImGui::PopTextWrapPos();
        probe_tag("bulk:cannot", line);
        if (!movable.empty()) {
            const std::string label = "Apply to the " + std::to_string(movable.size()) + " that can";
            if (ImGui::Button(label.c_str()) && apply(movable)) return;
            probe_tag("Apply to those that can");
        }
    }
    if (!bulk_error_.empty()) message_line(palette().error, bulk_error_, "bulk:error");
}

void RosterView::draw_filters() {
    if (filter_box("##filter", filter_, "Filter: handle, name, category", 16, focus_filter_)) rows_dirty_ = true;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(9));
    if (ImGui::Combo("##tier-filter", &tier_filter_, kTierFilter, IM_ARRAYSIZE(kTierFilter))) rows_dirty_ = true;
    probe_tag("Tier filter");
    ImGui::SameLine();
    if (status_filter("##status-filter", status_filter_, kStatusLabels, enum_count<CreatorStatus>(), 8)) rows_dirty_ = true;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(8));
    if (ImGui::Combo("##flag-filter", &flag_filter_, kFlagFilter, IM_ARRAYSIZE(kFlagFilter))) rows_dirty_ = true;
    probe_tag("Flag filter");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Creators with a metric flag this week (see Performance for the reasons)");
    ImGui::SameLine();
    if (store_.revision() != rows_revision_ || rows_dirty_) rebuild_rows();
    const std::string count = fmt_int(static_cast<int64_t>(rows_.size())) + " of " +
                              fmt_int(static_cast<int64_t>(store_.program().creators.size())) + " creators";
    ImGui::TextDisabled("%s", count.c_str());
    probe_tag("roster count", count);
    ImGui::SameLine();
    export_button("roster", columns_, rows_, store_.program().settings.currency, today_);
}

void RosterView::rebuild_rows() {
    const Program& p = store_.program();
    flagged_.clear();
    if (flag_filter_ != 0)
        for (const CreatorMetrics& m : creator_metrics(p, today_))
            if (m.any_flag()) flagged_.insert(m.creator_id);
    const std::string needle = lower(filter_);
    rows_.clear();
    rows_.reserve(p.creators.size());
    for (size_t i = 0; i < p.creators.size(); ++i) {
        const Creator& c = p.creators[i];
        if (tier_filter_ != 0 && effective_tier(c, p.settings) != tier_filter_) continue;
        if (status_filter_ != 0 && static_cast<int>(c.status) != status_filter_ - 1) continue;
        if (flag_filter_ == 1 && !flagged_.count(c.id)) continue;
        if (flag_filter_ == 2 && flagged_.count(c.id)) continue;
        if (!needle.empty()) {
            const std::string hay = lower(c.handle + " " + c.display_name + " " + join(c.categories));
            if (hay.find(needle) == std::string::npos) continue;
        }
        rows_.push_back(i);
    }
    sort_rows(
        rows_, sort_,
        [&](size_t a, size_t b, int col) {
            const Creator& x = p.creators[a];
            const Creator& y = p.creators[b];
            switch (col) {
                case col_handle: return lower(x.handle).compare(lower(y.handle));
                case col_name: return lower(x.display_name).compare(lower(y.display_name));
                case col_followers: return cmp3(x.followers, y.followers);
                case col_tier: return cmp3(effective_tier(x, p.settings), effective_tier(y, p.settings));
                case col_status: return cmp3(static_cast<int>(x.status), static_cast<int>(y.status));
                case col_deal: {
                    const int d = cmp3(x.flat_fee, y.flat_fee);
                    return d ? d : cmp3(x.commission_rate, y.commission_rate);
                }
                default: return 0;
            }
        },
        [&](size_t a, size_t b) { return p.creators[a].id < p.creators[b].id; });  // ties: a stable order
    rows_revision_ = store_.revision();
    rows_dirty_ = false;
}

void RosterView::draw_table(float height) {
    const Program& p = store_.program();
    if (!ImGui::BeginTable("roster", col_count, kDataTableFlags, ImVec2(0, height - ImGui::GetStyle().ItemSpacing.y))) return;
    setup_columns(columns_, "roster");
    if (take_sort(sort_)) rebuild_rows();

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const Creator& c = p.creators[rows_[static_cast<size_t>(r)]];
            ImGui::PushID(static_cast<int>(c.id));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(1);
            const std::string label = "@" + c.handle;
            if (ImGui::Selectable(label.c_str(), form_.editing == c.id,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
                load_form(c);
            }
            if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) open_ = c.id;
            // After the row's selectable, which spans every column, so the tick box gets the click.
            ImGui::TableSetColumnIndex(0);
            bool ticked = selected_.count(c.id) != 0;
            ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0, 0));  // a text-high box: rows stay one line
            if (check_box("##tick", &ticked)) {
                if (ticked) selected_.insert(c.id);
                else selected_.erase(c.id);
            }
            ImGui::PopStyleVar();
            probe_tag("select @" + c.handle);
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(c.display_name.c_str());
            ImGui::TableSetColumnIndex(3);
            const std::string f = fmt_int(c.followers);
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetColumnWidth() - ImGui::CalcTextSize(f.c_str()).x -
                                 ImGui::GetStyle().CellPadding.x);
            ImGui::TextUnformatted(f.c_str());
            ImGui::TableSetColumnIndex(4);
            const int tier = effective_tier(c, p.settings);
            ImGui::TextUnformatted(tier_name(tier));
            if (c.pinned_tier) {
                ImGui::SameLine();
                ImGui::TextDisabled("pinned");
            } else if (below_floor(c, p.settings)) {
                ImGui::SameLine();
                ImGui::TextColored(palette().warning, "below floor");
                if (ImGui::IsItemHovered())
                    ImGui::SetTooltip("Under %s followers: below the program floor.",
                                      fmt_int(p.settings.program_floor).c_str());
            }
            ImGui::TableSetColumnIndex(5);
            ImGui::TextUnformatted(kStatusLabels[static_cast<int>(c.status)]);
            ImGui::TableSetColumnIndex(6);
            ImGui::TextUnformatted(deal_summary(c, p.settings).c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

void RosterView::clear_form() {
    form_ = Form{};
}

void RosterView::load_form(const Creator& c) {
    form_ = Form{};
    form_.editing = c.id;
    copy_to(form_.handle, c.handle);
    copy_to(form_.display_name, c.display_name);
    copy_to(form_.followers, std::to_string(c.followers));
    copy_to(form_.categories, join(c.categories));
    copy_to(form_.contact, c.contact);
    form_.status = static_cast<int>(c.status);
    form_.tier_pin = c.pinned_tier;
    form_.commission_pct = static_cast<float>(c.commission_rate * 100.0);
    form_.flat_fee = static_cast<float>(c.flat_fee);
    form_.agreed_posts = c.agreed_posts_per_month;
    notice_.clear();
}

void RosterView::submit() {
    form_.errors.clear();
    notice_.clear();
    Creator c;
    if (form_.editing) {
        const Creator* existing = store_.find_creator(form_.editing);
        if (!existing) {
            clear_form();
            return;
        }
        c = *existing;
    }
    c.handle = form_.handle;
    c.display_name = form_.display_name;
    std::string why;
    int64_t followers = 0;
    if (!parse_follower_count(form_.followers, followers, why)) form_.errors["followers"] = why;
    c.followers = followers;
    c.categories = split_list(form_.categories);
    c.contact = form_.contact;
    c.status = static_cast<CreatorStatus>(form_.status);
    // The record keeps its pin here; a new pin goes through change_tier below, with its reason.
    const int saved_pin = c.pinned_tier;
    const bool repin = form_.tier_pin != saved_pin;
    c.commission_rate = std::round(static_cast<double>(form_.commission_pct) * 100.0) / 10000.0;
    c.flat_fee = std::round(static_cast<double>(form_.flat_fee) * 100.0) / 100.0;
    c.agreed_posts_per_month = form_.agreed_posts;

    // Field rules first, so every refused field shows its reason at once.
    Errors errs = validate_creator(c, store_.program());
    for (const FieldError& e : errs) form_.errors.emplace(e.field, e.message);
    if (repin && trim(form_.tier_reason).empty())
        form_.errors.emplace("reason", "Say why the tier is pinned: it lands in the tier history.");
    if (!form_.errors.empty()) return;

    const bool adding = form_.editing == 0;
    const int pin = form_.tier_pin;
    const std::string reason = form_.tier_reason;
    const Date today = today_;
    // The record and its tier change are one step: undone together, or refused together.
    CommandResult r = store_.transaction(adding ? "Add @" + normalize_handle(c.handle) : "Edit @" + normalize_handle(c.handle),
                                         [&](Store& s) {
                                             CommandResult x = adding ? s.add_creator(c) : s.update_creator(c);
                                             if (!x.ok || !repin) return x;
                                             const Id id = adding ? x.id : c.id;
                                             CommandResult t = s.change_tier(id, pin, today, reason);
                                             return t.ok ? x : t;
                                         });
    if (!r.ok) {
        for (const FieldError& e : r.errors) form_.errors.emplace(e.field, e.message);
        return;
    }
    const std::string handle = normalize_handle(c.handle);
    if (adding) {
        clear_form();
        notice_ = "Added @" + handle + ".";
    } else {
        form_.tier_reason[0] = 0;
        notice_ = "Saved @" + handle + ".";
    }
}

void RosterView::draw_form() {
    const bool editing = form_.editing != 0;
    const Creator* current = editing ? store_.find_creator(form_.editing) : nullptr;
    if (editing && !current) clear_form();  // removed (or undone) under us

    ImGui::TextUnformatted(form_.editing ? "Edit creator" : "New creator");
    ImGui::Separator();
    const float w = -FLT_MIN;
    bool enter = false;
    const ImGuiInputTextFlags ef = ImGuiInputTextFlags_EnterReturnsTrue;

    caption("Handle");
    ImGui::SetNextItemWidth(w);
    enter |= ImGui::InputTextWithHint("##handle", "@handle", form_.handle, sizeof form_.handle, ef);
    probe_tag("Handle");
    field_error(form_.errors, "handle");

    caption("Display name");
    ImGui::SetNextItemWidth(w);
    enter |= ImGui::InputText("##display_name", form_.display_name, sizeof form_.display_name, ef);
    probe_tag("Display name");

    // Short fields two to a row, so the whole form fits a laptop screen.
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const bool two_up = ImGui::GetContentRegionAvail().x > em(16);
    const float half = two_up ? (ImGui::GetContentRegionAvail().x - gap) * 0.5f : -FLT_MIN;
    auto pair = [&](auto&& left, auto&& right) {
        if (!two_up) {
            left();
            right();
            return;
        }
        // Placed by hand rather than with SameLine, which would push the right caption down
        // to the left field's text baseline.
        const ImVec2 start = ImGui::GetCursorPos();
        ImGui::BeginGroup();
        left();
        ImGui::EndGroup();
        const float left_bottom = ImGui::GetCursorPosY();
        ImGui::SetCursorPos(ImVec2(start.x + half + gap, start.y));
        ImGui::BeginGroup();
        right();
        ImGui::EndGroup();
        ImGui::SetCursorPos(ImVec2(start.x, std::max(left_bottom, ImGui::GetCursorPosY())));
    };
    pair(
        [&] {
            caption("Followers");
            ImGui::SetNextItemWidth(half);
            enter |= ImGui::InputText("##followers", form_.followers, sizeof form_.followers, ef);
            probe_tag("Followers");
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + half);
            field_error(form_.errors, "followers");
            ImGui::PopTextWrapPos();
        },
        [&] {
            caption("Tier");
            ImGui::SetNextItemWidth(half);
            ImGui::Combo("##tier_pin", &form_.tier_pin, kTierPin, IM_ARRAYSIZE(kTierPin));
            probe_tag("Tier");
            field_error(form_.errors, "tier");
        });
    if (form_.tier_pin != (current ? current->pinned_tier : 0)) {
        caption(form_.tier_pin ? "Why this tier" : "Why it follows followers again");
        ImGui::SetNextItemWidth(w);
        enter |= ImGui::InputTextWithHint("##tier_reason", "lands in the tier history", form_.tier_reason,
                                          sizeof form_.tier_reason, ef);
        probe_tag("Tier reason");
        field_error(form_.errors, "reason");
    }
    {
        int64_t n = 0;
        std::string why;
        if (parse_follower_count(form_.followers, n, why)) {
            const Settings& s = store_.program().settings;
            const int tier = form_.tier_pin ? form_.tier_pin : tier_for_followers(n, s);
            if (!form_.tier_pin && n < s.program_floor)
                ImGui::TextColored(palette().warning, "Tier %s: below the %s-follower program floor.", tier_name(tier),
                                   fmt_int(s.program_floor).c_str());
            else
                ImGui::TextDisabled("Tier %s%s", tier_name(tier), form_.tier_pin ? " (pinned)" : " by followers");
        }
    }
    pair(
        [&] {
            caption("Status");
            ImGui::SetNextItemWidth(half);
            ImGui::Combo("##status", &form_.status, kStatusLabels, enum_count<CreatorStatus>());
            probe_tag("Status");
            if (current && ImGui::IsItemHovered()) {
                const std::string can = allowed_moves_text(current->status);
                ImGui::SetTooltip("From %s: %s", lower(status_label(current->status)).c_str(),
                                  can.empty() ? "final, it does not change" : ("can move to " + can).c_str());
            }
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + half);
            field_error(form_.errors, "status");
            ImGui::PopTextWrapPos();
        },
        [&] {
            caption("Posts / month");
            ImGui::SetNextItemWidth(half);
            ImGui::InputInt("##agreed", &form_.agreed_posts, 0);
            probe_tag("Agreed posts per month");
            field_error(form_.errors, "agreed_posts_per_month");
        });
    pair(
        [&] {
            caption("Commission %");
            ImGui::SetNextItemWidth(half);
            ImGui::InputFloat("##commission", &form_.commission_pct, 0.0f, 0.0f, "%.1f");
            probe_tag("Commission %");
            field_error(form_.errors, "commission_rate");
        },
        [&] {
            caption("Fee per post");
            ImGui::SetNextItemWidth(half);
            ImGui::InputFloat("##flat_fee", &form_.flat_fee, 0.0f, 0.0f, "%.2f");
            probe_tag("Fee per post");
            field_error(form_.errors, "flat_fee");
        });

    caption("Categories (comma separated)");
    ImGui::SetNextItemWidth(w);
    enter |= ImGui::InputText("##categories", form_.categories, sizeof form_.categories, ef);
    probe_tag("Categories");

    caption("Contact");
    ImGui::SetNextItemWidth(w);
    enter |= ImGui::InputText("##contact", form_.contact, sizeof form_.contact, ef);
    probe_tag("Contact");

    ImGui::Spacing();
    if (primary_button(editing ? "Save changes" : "Add creator", ImVec2(em(8), 0)) || enter) submit();
    if (editing) {
        ImGui::SameLine();
        if (ImGui::Button("Open")) open_ = form_.editing;
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) clear_form();
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        if (ImGui::Button("Delete")) delete_.open();
        ImGui::PopStyleColor();
    }
    if (!notice_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette().ok);
        ImGui::TextUnformatted(notice_.c_str());
        ImGui::PopStyleColor();
        probe_tag("notice", notice_);
    }
    draw_delete_popup();
}

void RosterView::draw_delete_popup() {
    const Creator* c = store_.find_creator(form_.editing);
    const bool yes = delete_.draw("Delete creator?", "Delete creator", [&]() -> std::string {
        if (!c) return "";
        const CreatorFootprint f = store_.creator_footprint(c->id);
        return "Delete @" + c->handle + "? Their " + std::to_string(f.posts) + " posts, " + std::to_string(f.samples) +
               " samples and " + std::to_string(f.spark_codes) +
               " Spark Codes go with them. Undo (Ctrl+Z) brings everything back.";
    });
    if (yes && c) {
        const std::string handle = c->handle;
        if (store_.remove_creator(c->id).ok) {
            clear_form();
            notice_ = "Deleted @" + handle + ". Undo brings it back.";
        }
    }
}

}  // namespace sr::ui
