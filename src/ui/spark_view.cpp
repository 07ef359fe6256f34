#include "spark_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "core/enums.hpp"
#include "core/format.hpp"
#include "core/metrics.hpp"
#include "core/validate.hpp"
#include "form_fields.hpp"
#include "probe.hpp"
#include "spark_parts.hpp"
#include "style.hpp"
#include "table_util.hpp"

// Spark Codes, the screen: the board by status, alerts and Spark Ad candidates, and the helpers
// the screen's other files share (spark_parts.hpp). The selected code's panel is in
// spark_panel.cpp, the dialogs in spark_dialogs.cpp.
namespace sr::ui {

namespace spark_parts {

// "#1234••••••=": the start and the last character, the rest hidden.
std::string masked(const std::string& code) {
    if (code.empty()) return "(no code yet)";
    const size_t keep = code.size() >= 10 ? 5 : 1;
    std::string out = code.substr(0, keep);
    for (int i = 0; i < 6; ++i) out += "\xE2\x80\xA2";  // U+2022 bullet
    if (code.size() > keep + 1) out += code.back();
    return out;
}

std::string date_or(const std::optional<Date>& d, const char* none) { return d ? d->to_string() : none; }

// A short text input with its caption above, tagged for tests by the caption.
bool text_field(const char* cap, const char* id, char* buf, size_t size, float width, const char* hint) {
    ImGui::BeginGroup();
    caption(cap);
    ImGui::SetNextItemWidth(width);
    const bool enter = hint ? ImGui::InputTextWithHint(id, hint, buf, size, ImGuiInputTextFlags_EnterReturnsTrue)
                            : ImGui::InputText(id, buf, size, ImGuiInputTextFlags_EnterReturnsTrue);
    probe_tag(cap);
    ImGui::EndGroup();
    return enter;
}

const Creator* creator_of(const Program& p, Id id) {
    for (const Creator& c : p.creators)
        if (c.id == id) return &c;
    return nullptr;
}
const Post* post_of(const Program& p, Id id) {
    for (const Post& x : p.posts)
        if (x.id == id) return &x;
    return nullptr;
}

std::string handle_of(const Program& p, Id id) {
    const Creator* c = creator_of(p, id);
    return c ? "@" + c->handle : "—";
}

std::string post_label(const Program& p, Id id) {
    const Post* x = post_of(p, id);
    if (!x) return id ? "post " + std::to_string(id) : "—";
    std::string s = "post " + std::to_string(x->id);
    if (x->published) s += " · " + x->published->to_string();
    return s;
}

// Days to expiry in colour: red once expired, amber inside the alert window.
void days_left_text(const SparkCode& c, Date today, const Settings& s) {
    const auto left = spark_days_left(c, today);
    if (!left) {
        ImGui::TextDisabled("—");
        return;
    }
    char buf[48];
    if (*left < 0) std::snprintf(buf, sizeof buf, "%d d ago", -*left);
    else if (*left == 0) std::snprintf(buf, sizeof buf, "expires today");
    else std::snprintf(buf, sizeof buf, "%d d", *left);
    switch (spark_expiry_state(c, today, s)) {
        case ExpiryState::past: ImGui::TextColored(palette().error, "%s", buf); break;
        case ExpiryState::soon: ImGui::TextColored(palette().warning, "%s", buf); break;
        case ExpiryState::ok: ImGui::TextUnformatted(buf); break;
        default: ImGui::TextDisabled("%s", buf); break;
    }
}

void wrapped_error(const std::map<std::string, std::string>& errors, const char* field, float w) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    field_error(errors, field);
    ImGui::PopTextWrapPos();
}

void section(const char* title) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    ImGui::TextUnformatted(title);
    ImGui::PopStyleColor();
    ImGui::Separator();
}

csv::Cell handle_cell(const Program& p, Id id) {
    const Creator* c = creator_of(p, id);
    return c ? csv::Cell::text(c->handle) : csv::Cell::none();
}

}  // namespace spark_parts

using namespace spark_parts;

SparkView::SparkView(Store& store) : store_(store) {
    using csv::Cell;
    auto code = [this](size_t r) -> const SparkCode& { return store_.program().spark_codes[r]; };
    board_columns_ = {
        // As on screen: masked unless revealed.
        {"Code", bc_code, 1.5f, ImGuiTableColumnFlags_NoHide, ColumnKind::text, [=](size_t r) {
             const SparkCode& c = code(r);
             return Cell::text(revealed_.count(c.id) ? c.code : masked(c.code));
         }},
        {"Creator", bc_creator, 1.4f, 0, ColumnKind::text,
         [=](size_t r) { return handle_cell(store_.program(), code(r).creator_id); }},
        {"Post", bc_post, 0.8f, 0, ColumnKind::number,
         [=](size_t r) { return code(r).post_id ? Cell::integer(code(r).post_id) : Cell::none(); }},
        {"Status", bc_status, 0.8f, 0, ColumnKind::text, [=](size_t r) { return Cell::text(std::string(name_of(code(r).status))); }},
        {"Expires", bc_expiry, 1.0f, 0, ColumnKind::text, [=](size_t r) {
             const auto e = spark_expiry(code(r));
             return e ? Cell::text(e->to_string()) : Cell::none();
         }},
        // Negative once expired.
        {"Days left", bc_days, 1.0f, ImGuiTableColumnFlags_DefaultSort, ColumnKind::number, [=](size_t r) {
             const auto left = spark_days_left(code(r), today_);
             return left ? Cell::integer(*left) : Cell::none();
         }},
        {"Renewal owner", bc_owner, 1.6f, 0, ColumnKind::text, [=](size_t r) { return Cell::text(code(r).renewal_owner); }},
    };
    // The selected code's paid rounds, in the order they were run.
    auto round = [this](size_t r) -> const PaidRound& { return store_.find_spark_code(selected_)->rounds[r]; };
    round_columns_ = {
        {"#", rc_n, 0.3f, 0, ColumnKind::number, [](size_t r) { return Cell::integer(static_cast<int64_t>(r) + 1); }},
        {"Date", rc_date, 1.1f, 0, ColumnKind::text, [=](size_t r) { return Cell::text(round(r).date.to_string()); }},
        {"Spend", rc_spend, 0.9f, 0, ColumnKind::money, [=](size_t r) { return Cell::money(round(r).spend); }},
        {"Impr.", rc_impr, 0.9f, 0, ColumnKind::number, [=](size_t r) { return Cell::integer(round(r).impressions); }},
        {"Clicks", rc_clicks, 0.8f, 0, ColumnKind::number, [=](size_t r) { return Cell::integer(round(r).clicks); }},
        {"Orders", rc_orders, 0.7f, 0, ColumnKind::number, [=](size_t r) { return Cell::integer(round(r).orders); }},
        {"Conv.", rc_conv, 0.7f, 0, ColumnKind::percent, [=](size_t r) {
             const PaidRound& x = round(r);
             return x.clicks ? Cell::number(static_cast<double>(x.orders) / static_cast<double>(x.clicks) * 100.0, 4)
                             : Cell::none();
         }},
        {"GMV", rc_gmv, 0.9f, 0, ColumnKind::money, [=](size_t r) { return Cell::money(round(r).gmv); }},
        // The round's ratios as the core works them out (round_ratios): none when dividing by 0.
        {"CTR", rc_ctr, 0.7f, 0, ColumnKind::percent, [=](size_t r) {
             const auto x = round_ratios(round(r)).ctr;
             return x ? Cell::number(*x * 100.0, 4) : Cell::none();
         }},
        {"CPA", rc_cpa, 0.8f, 0, ColumnKind::money, [=](size_t r) {
             const auto x = round_ratios(round(r)).cpa;
             return x ? Cell::money(*x) : Cell::none();
         }},
        {"ROAS", rc_roas, 0.7f, 0, ColumnKind::number, [=](size_t r) {
             const auto x = round_ratios(round(r)).roas;
             return x ? Cell::number(*x, 2) : Cell::none();
         }},
        // From a paid report: the nearest figures the exports give to the 3-second hold.
        {"2 s views", rc_view2, 0.8f, 0, ColumnKind::percent, [=](size_t r) {
             const auto& x = round(r).view_rate_2s;
             return x ? Cell::number(*x * 100.0, 4) : Cell::none();
         }},
        {"6 s views", rc_view6, 0.8f, 0, ColumnKind::percent, [=](size_t r) {
             const auto& x = round(r).view_rate_6s;
             return x ? Cell::number(*x * 100.0, 4) : Cell::none();
         }},
    };
    auto cand = [this](size_t r) -> const SparkCandidate& { return cands_[r]; };
    cand_columns_ = {
        {"Conversion", cc_conversion, 0.9f, ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending,
         ColumnKind::percent, [=](size_t r) { return Cell::number(cand(r).conversion * 100.0, 4); }},
        {"Creator", cc_creator, 1.3f, 0, ColumnKind::text,
         [=](size_t r) { return handle_cell(store_.program(), cand(r).creator_id); }},
        {"Post", cc_post, 0.8f, 0, ColumnKind::number, [=](size_t r) { return Cell::integer(cand(r).post_id); }},
        {"Clicks", cc_clicks, 0.7f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::number,
         [=](size_t r) { return Cell::integer(cand(r).clicks); }},
        {"Views", cc_views, 0.8f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::number,
         [=](size_t r) { return Cell::integer(cand(r).views); }},
        {"GMV", cc_gmv, 0.9f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
         [=](size_t r) { return Cell::money(cand(r).gmv); }},
        {"Margin", cc_margin, 0.9f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
         [=](size_t r) { return Cell::money(cand(r).margin); }},
        {"Code", cc_code, 1.0f, 0, ColumnKind::text,
         [=](size_t r) { return Cell::text(cand(r).valid_code ? "valid code" : "none"); }},
    };
}

// ------------------------------------------------------------------ the screen
void SparkView::draw(Context& ctx) {
    const Program& p = store_.program();
    const Id route_id = ctx.nav.current().id;
    selected_ = route_id && store_.find_spark_code(route_id) ? route_id : 0;

    const float avail_w = ImGui::GetContentRegionAvail().x;
    const float avail_h = ImGui::GetContentRegionAvail().y;
    const bool two_up = avail_w > em(50);
    const float right_w = two_up ? std::max(em(30), avail_w * 0.44f) : avail_w;
    const float left_w = two_up ? avail_w - right_w - ImGui::GetStyle().ItemSpacing.x : avail_w;

    ImGui::BeginChild("##spark-left", ImVec2(left_w, two_up ? avail_h : avail_h * 0.6f), false);
    if (primary_button("Record a received code")) {
        receive_ = ReceiveForm{};
        receive_.days = p.settings.spark_default_days;
        copy_to(receive_.generated, ctx.today.to_string());
        want_receive_ = true;
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%zu codes", p.spark_codes.size());
    export_button_right("spark-codes", board_columns_, codes_shown_, p.settings.currency, ctx.today);
    const float left_h = ImGui::GetContentRegionAvail().y;
    // The board as tall as its rows, up to a little over half the column.
    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
    const float board_h = (static_cast<float>(rows_.size()) + 1.3f) * row_h;
    draw_board(ctx, std::clamp(board_h, em(8), std::max(em(8), left_h * 0.55f)));
    draw_alerts(ctx, std::max(em(4), left_h * 0.17f));
    draw_candidates(ctx);
    ImGui::EndChild();

    if (two_up) ImGui::SameLine();
    ImGui::BeginChild("##spark-panel", ImVec2(right_w, 0), true);
    draw_panel(ctx);
    ImGui::EndChild();

    dialog_open_ = false;
    draw_receive_dialog(ctx);
    draw_confirm_dialog(ctx);
    close_requested_ = false;
}

bool SparkView::close_dialog() {
    if (!dialog_open_) return false;
    close_requested_ = true;
    return true;
}

// ------------------------------------------------------------------ the board
void SparkView::rebuild_board(Date today) {
    const Program& p = store_.program();
    rows_.clear();
    std::vector<size_t> idx(p.spark_codes.size());
    for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    const int col = sort_.column;
    const bool asc = sort_.ascending;
    std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
        const SparkCode& x = p.spark_codes[a];
        const SparkCode& y = p.spark_codes[b];
        const int gx = group_of(x.status), gy = group_of(y.status);
        if (gx != gy) return gx < gy;  // grouped by status whatever the sort
        int d = 0;
        switch (col) {
            case bc_code: d = x.code.compare(y.code); break;
            case bc_creator: d = lower(handle_of(p, x.creator_id)).compare(lower(handle_of(p, y.creator_id))); break;
            case bc_post: d = cmp3(x.post_id, y.post_id); break;
            case bc_status: d = cmp3(static_cast<int>(x.status), static_cast<int>(y.status)); break;
            case bc_expiry:
            case bc_days: {
                // No expiry yet sorts last.
                const auto ex = spark_expiry(x), ey = spark_expiry(y);
                if (ex && ey) d = cmp3(ex->days, ey->days);
                else d = ex ? -1 : (ey ? 1 : 0);
                break;
            }
            case bc_owner: d = lower(x.renewal_owner).compare(lower(y.renewal_owner)); break;
            default: break;
        }
        if (d == 0) return x.id < y.id;
        return asc ? d < 0 : d > 0;
    });
    codes_shown_ = idx;
    int last_group = -1;
    for (size_t i : idx) {
        const int g = group_of(p.spark_codes[i].status);
        if (g != last_group) {
            rows_.push_back({g, 0, true});
            last_group = g;
        }
        rows_.push_back({g, i, false});
    }
    rows_revision_ = store_.revision();
    rows_day_ = today.days;
    today_ = today;
    rows_dirty_ = false;
}

void SparkView::draw_board(Context& ctx, float height) {
    const Program& p = store_.program();
    if (!ImGui::BeginTable("spark-board", bc_count, kDataTableFlags, ImVec2(0, height))) return;
    setup_columns(board_columns_, "spark-codes");
    if (take_sort(sort_)) rows_dirty_ = true;
    if (rows_dirty_ || rows_revision_ != store_.revision() || rows_day_ != ctx.today.days) rebuild_board(ctx.today);

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const BoardRow& row = rows_[static_cast<size_t>(r)];
            ImGui::TableNextRow();
            if (row.header) {
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(ImGuiCol_TableHeaderBg));
                ImGui::TableSetColumnIndex(0);
                int n = 0;
                for (size_t k = static_cast<size_t>(r) + 1; k < rows_.size() && !rows_[k].header; ++k) ++n;
                ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
                ImGui::Text("%s · %d", kGroupNames[row.group], n);
                ImGui::PopStyleColor();
                probe_tag(std::string("group:") + kGroupNames[row.group], std::to_string(n));
                continue;
            }
            const SparkCode& c = p.spark_codes[row.index];
            ImGui::PushID(static_cast<int>(c.id));
            ImGui::TableSetColumnIndex(bc_code);
            const std::string label = (revealed_.count(c.id) ? c.code : masked(c.code)) + "##row";
            if (ImGui::Selectable(label.c_str(), selected_ == c.id, ImGuiSelectableFlags_SpanAllColumns)) {
                ctx.nav.go("spark", c.id);
                notice_.clear();
            }
            probe_tag("code row " + std::to_string(c.id));
            ImGui::TableSetColumnIndex(bc_creator);
            ImGui::TextUnformatted(handle_of(p, c.creator_id).c_str());
            ImGui::TableSetColumnIndex(bc_post);
            ImGui::TextUnformatted(c.post_id ? ("post " + std::to_string(c.post_id)).c_str() : "—");
            if (ImGui::IsItemHovered() && c.post_id) ImGui::SetTooltip("%s", post_label(p, c.post_id).c_str());
            ImGui::TableSetColumnIndex(bc_status);
            ImGui::TextUnformatted(std::string(name_of(c.status)).c_str());
            ImGui::TableSetColumnIndex(bc_expiry);
            ImGui::TextUnformatted(date_or(spark_expiry(c)).c_str());
            ImGui::TableSetColumnIndex(bc_days);
            days_left_text(c, ctx.today, p.settings);
            ImGui::TableSetColumnIndex(bc_owner);
            if (c.renewal_owner.empty()) ImGui::TextColored(palette().warning, "nobody");
            else ImGui::TextUnformatted(c.renewal_owner.c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

// ------------------------------------------------------------------ alerts
void SparkView::draw_alerts(Context& ctx, float height) {
    const Program& p = store_.program();
    const std::vector<SparkAlert> alerts = spark_alerts(p, ctx.today);
    ImGui::Text("Alerts · %zu", alerts.size());
    ImGui::BeginChild("##spark-alerts", ImVec2(0, height), true);
    if (alerts.empty()) ImGui::TextDisabled("Nothing needs attention.");
    for (size_t i = 0; i < alerts.size(); ++i) {
        const SparkAlert& a = alerts[i];
        const bool bad = a.kind == SparkAlertKind::kill_suggested || a.kind == SparkAlertKind::expired_while_live ||
                         a.kind == SparkAlertKind::campaign_outlasts_code;
        ImGui::PushID(static_cast<int>(i));
        ImGui::PushStyleColor(ImGuiCol_Text, bad ? palette().error : palette().warning);
        std::string line = a.message;
        if (!a.owner.empty()) line += " (to " + a.owner + ")";
        ImGui::PushTextWrapPos(0.0f);
        if (ImGui::Selectable(("##alert" + std::to_string(i)).c_str(), selected_ == a.code_id, 0,
                              ImVec2(0, ImGui::CalcTextSize(line.c_str(), nullptr, false,
                                                            ImGui::GetContentRegionAvail().x).y))) {
            ctx.nav.go("spark", a.code_id);
            notice_.clear();
        }
        ImGui::SameLine(0, 0);
        ImGui::SetCursorPosX(ImGui::GetStyle().WindowPadding.x);
        ImGui::TextUnformatted(line.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        probe_tag("alert:" + std::to_string(i), line);
        ImGui::PopID();
    }
    ImGui::EndChild();
}

// ------------------------------------------------------------------ candidates
void SparkView::draw_candidates(Context& ctx) {
    const Program& p = store_.program();
    const Settings& s = p.settings;
    if (cands_revision_ != store_.revision() || cands_day_ != ctx.today.days) {
        cands_ = spark_candidates(p, ctx.today, 200);
        cands_revision_ = store_.revision();
        cands_day_ = ctx.today.days;
        cands_dirty_ = true;
    }
    ImGui::Text("Spark Ad candidates · %zu", cands_.size());
    probe_tag("candidates", std::to_string(cands_.size()));
    ImGui::SameLine();
    export_button("spark-candidates", cand_columns_, cand_order_, s.currency, ctx.today, true);
    ImGui::SameLine();
    ImGui::TextDisabled("by conversion, last %d days; under %s clicks or %s views: too little data", s.candidate_window_days,
                        fmt_int(s.min_clicks).c_str(), fmt_int(s.min_views).c_str());
    if (!ImGui::BeginTable("spark-candidates", cc_count, kDataTableFlags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    setup_columns(cand_columns_, "spark-candidates");
    if (take_sort(cand_sort_)) cands_dirty_ = true;
    if (cands_dirty_) {
        cand_order_.resize(cands_.size());
        for (size_t i = 0; i < cands_.size(); ++i) cand_order_[i] = i;
        sort_rows(
            cand_order_, cand_sort_,
            [&](size_t a, size_t b, int col) {
                const SparkCandidate& x = cands_[a];
                const SparkCandidate& y = cands_[b];
                switch (col) {
                    case cc_conversion: return cmp3(x.conversion, y.conversion);
                    case cc_creator: return lower(handle_of(p, x.creator_id)).compare(lower(handle_of(p, y.creator_id)));
                    case cc_post: return cmp3(x.post_id, y.post_id);
                    case cc_clicks: return cmp3(x.clicks, y.clicks);
                    case cc_views: return cmp3(x.views, y.views);
                    case cc_gmv: return cmp3(x.gmv, y.gmv);
                    case cc_margin: return cmp3(x.margin, y.margin);
                    case cc_code: return cmp3(x.valid_code, y.valid_code);
                    default: return 0;
                }
            },
            [&](size_t a, size_t b) { return cands_[a].post_id < cands_[b].post_id; });
        cands_dirty_ = false;
    }

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(cand_order_.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const SparkCandidate& c = cands_[cand_order_[static_cast<size_t>(r)]];
            ImGui::PushID(static_cast<int>(c.post_id));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(cc_conversion);
            ImGui::TextUnformatted(fmt_rate(c.conversion).c_str());
            ImGui::TableSetColumnIndex(cc_creator);
            ImGui::TextUnformatted(handle_of(p, c.creator_id).c_str());
            ImGui::TableSetColumnIndex(cc_post);
            ImGui::Text("post %lld", static_cast<long long>(c.post_id));
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s%s", post_label(p, c.post_id).c_str(),
                                  c.compliance_passed ? "" : "\nNot through compliance review yet.");
            ImGui::TableSetColumnIndex(cc_clicks);
            ImGui::TextUnformatted(fmt_int(c.clicks).c_str());
            ImGui::TableSetColumnIndex(cc_views);
            ImGui::TextUnformatted(fmt_int(c.views).c_str());
            ImGui::TableSetColumnIndex(cc_gmv);
            ImGui::TextUnformatted(fmt_money(c.gmv, p.settings.currency).c_str());
            ImGui::TableSetColumnIndex(cc_margin);
            const std::string m = fmt_money(c.margin, p.settings.currency);
            if (c.margin < 0) ImGui::TextColored(palette().error, "%s", m.c_str());
            else ImGui::TextUnformatted(m.c_str());
            ImGui::TableSetColumnIndex(cc_code);
            if (c.valid_code) {
                ImGui::TextColored(palette().ok, "valid code");
            } else if (ImGui::SmallButton("Request code")) {
                CommandResult res = store_.request_spark_code(c.creator_id, c.post_id, ctx.today,
                                                              p.settings.spark_default_days, "");
                report(res, "Requested a Spark Code from " + handle_of(p, c.creator_id) + ".");
                if (res.ok) ctx.nav.go("spark", res.id);
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace sr::ui
