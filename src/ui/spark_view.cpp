#include "spark_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/enums.hpp"
#include "core/format.hpp"
#include "core/metrics.hpp"
#include "core/validate.hpp"
#include "form_fields.hpp"
#include "platform/platform.hpp"
#include "probe.hpp"
#include "style.hpp"
#include "table_util.hpp"

namespace sr::ui {

namespace {

// The board's groups, in the order a code moves through them.
enum Group { g_requested, g_received, g_verified, g_live, g_expired, g_ended, g_count };
const char* kGroupNames[] = {"Requested", "Received", "Verified", "Live", "Expired", "Revoked or killed"};

int group_of(SparkStatus s) {
    switch (s) {
        case SparkStatus::requested: return g_requested;
        case SparkStatus::received: return g_received;
        case SparkStatus::verified: return g_verified;
        case SparkStatus::live: return g_live;
        case SparkStatus::expired: return g_expired;
        default: return g_ended;
    }
}

enum BoardColumn { bc_code, bc_creator, bc_post, bc_status, bc_expiry, bc_days, bc_owner, bc_count };
enum CandColumn { cc_conversion, cc_creator, cc_post, cc_clicks, cc_views, cc_gmv, cc_margin, cc_code, cc_count };
enum RoundColumn { rc_n, rc_date, rc_spend, rc_impr, rc_clicks, rc_orders, rc_conv, rc_gmv, rc_count };

// "#1234••••••=": the start and the last character, the rest hidden.
std::string masked(const std::string& code) {
    if (code.empty()) return "(no code yet)";
    const size_t keep = code.size() >= 10 ? 5 : 1;
    std::string out = code.substr(0, keep);
    for (int i = 0; i < 6; ++i) out += "\xE2\x80\xA2";  // U+2022 bullet
    if (code.size() > keep + 1) out += code.back();
    return out;
}

std::string date_or(const std::optional<Date>& d, const char* none = "—") { return d ? d->to_string() : none; }

// Whole numbers as people type them: "2,000" is 2000.
bool parse_whole(const char* text, int64_t& out, std::string& why, const char* what) {
    std::string t = trim(text);
    if (t.empty()) {
        out = 0;
        return true;
    }
    int64_t v = 0;
    for (char ch : t) {
        if (ch == ',' || ch == '_' || ch == ' ') continue;
        if (ch < '0' || ch > '9' || v > INT64_MAX / 10 - 9) {
            why = std::string(what) + " must be a whole number of 0 or more ('" + t + "' is not).";
            return false;
        }
        v = v * 10 + (ch - '0');
    }
    out = v;
    return true;
}

bool parse_amount(const char* text, double& out, std::string& why, const char* what) {
    std::string t;
    for (const char* p = text; *p; ++p)
        if (*p != ',' && *p != ' ' && *p != '$') t.push_back(*p);
    if (t.empty()) {
        out = 0;
        return true;
    }
    char* end = nullptr;
    const double v = std::strtod(t.c_str(), &end);
    if (!end || *end || !std::isfinite(v) || v < 0) {
        why = std::string(what) + " must be an amount of 0 or more ('" + trim(text) + "' is not).";
        return false;
    }
    out = std::round(v * 100.0) / 100.0;
    return true;
}

bool parse_date(const char* text, std::optional<Date>& out, std::string& why, bool required) {
    const std::string t = trim(text);
    if (t.empty()) {
        out.reset();
        if (required) why = "A date is required (YYYY-MM-DD).";
        return !required;
    }
    out = Date::parse(t);
    if (!out) why = "'" + t + "' is not a date: write it as YYYY-MM-DD.";
    return out.has_value();
}

// A short text input with its caption above, tagged for tests by the caption.
bool text_field(const char* cap, const char* id, char* buf, size_t size, float width, const char* hint = nullptr) {
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
    const bool running = c.status == SparkStatus::received || c.status == SparkStatus::verified ||
                         c.status == SparkStatus::live;
    char buf[48];
    if (*left < 0) std::snprintf(buf, sizeof buf, "%d d ago", -*left);
    else if (*left == 0) std::snprintf(buf, sizeof buf, "expires today");
    else std::snprintf(buf, sizeof buf, "%d d", *left);
    if (!running) ImGui::TextDisabled("%s", buf);
    else if (*left < 0) ImGui::TextColored(palette().error, "%s", buf);
    else if (*left <= s.spark_expiry_alert_days) ImGui::TextColored(palette().warning, "%s", buf);
    else ImGui::TextUnformatted(buf);
}

// Fields side by side, each in its own group starting on the same line, so captions line up
// (SameLine would push a caption down to the previous field's text baseline).
template <class F> void field_row(int n, F&& draw) {
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float w = (ImGui::GetContentRegionAvail().x - gap * static_cast<float>(n - 1)) / static_cast<float>(n);
    const ImVec2 start = ImGui::GetCursorPos();
    float bottom = start.y;
    for (int i = 0; i < n; ++i) {
        ImGui::SetCursorPos(ImVec2(start.x + static_cast<float>(i) * (w + gap), start.y));
        ImGui::BeginGroup();
        draw(i, w);
        ImGui::EndGroup();
        bottom = std::max(bottom, ImGui::GetCursorPosY());
    }
    ImGui::SetCursorPos(ImVec2(start.x, bottom));
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

}  // namespace

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

// ------------------------------------------------------------------ the selected code
std::string SparkView::panel_fields() const {
    return std::string(form_.campaign_start) + "|" + form_.campaign_end + "|" + form_.owner;
}

void SparkView::load_panel(const SparkCode& c, Date today, bool record_fields_only) {
    copy_to(form_.campaign_start, c.campaign_start ? c.campaign_start->to_string() : "");
    copy_to(form_.campaign_end, c.campaign_end ? c.campaign_end->to_string() : "");
    copy_to(form_.owner, c.renewal_owner);
    form_.loaded = panel_fields();
    if (record_fields_only) return;
    const Settings& s = store_.program().settings;
    copy_to(form_.extend_from, today.to_string());
    form_.extend_days = c.duration_days > 0 ? c.duration_days : s.spark_default_days;
    form_.new_code[0] = 0;
    copy_to(form_.new_generated, today.to_string());
    form_.new_days = s.spark_default_days;
    copy_to(form_.round_date, today.to_string());
    form_.spend[0] = form_.impressions[0] = form_.clicks[0] = form_.orders[0] = form_.gmv[0] = 0;
    errors_.clear();
    refused_.clear();
}

void SparkView::report(const CommandResult& r, const std::string& done_text) {
    errors_.clear();
    refused_.clear();
    notice_.clear();
    if (!r.ok) {
        for (const FieldError& e : r.errors) {
            errors_.emplace(e.field, e.message);
            refused_.push_back(e.message);
        }
        return;
    }
    notice_ = done_text;
    for (const FieldError& w : r.warnings) notice_ += " Note: " + w.message;
}

void SparkView::code_text(const SparkCode& c, const char* tag) {
    const bool shown = revealed_.count(c.id) > 0;
    const std::string text = shown ? c.code : masked(c.code);
    ImGui::TextUnformatted(text.c_str());
    probe_tag(tag, text);
}

void SparkView::draw_panel(Context& ctx) {
    const Program& p = store_.program();
    const SparkCode* cp = selected_ ? store_.find_spark_code(selected_) : nullptr;
    if (!cp) {
        ImGui::TextDisabled("Select a code on the board to see its checks, rounds and history.");
        section("How a code goes live");
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted("requested -> received -> verified -> live -> expired; revoked or killed from any state.");
        ImGui::TextUnformatted("A code goes live only when all four hold:");
        const char* rules[] = {"1. it was verified in Ads Manager (it works),", "2. the post passed compliance review,",
                               "3. the authorization covers the whole campaign (expiry on or after the campaign end),",
                               "4. one named person owns renewal."};
        for (const char* r : rules) ImGui::BulletText("%s", r);
        const Settings& s = p.settings;
        ImGui::TextDisabled("Alerts: a live code within %d days of expiry, a campaign that outlasts its code, a received "
                            "code not verified within %d days. After the first paid round, a conversion under %s, or "
                            "under %s of the post's organic conversion, suggests killing the ad.",
                            s.spark_expiry_alert_days, s.spark_verify_alert_days, fmt_rate(s.kill_floor).c_str(),
                            fmt_rate(s.kill_ratio_of_organic).c_str());
        ImGui::PopTextWrapPos();
        if (!notice_.empty()) {
            ImGui::TextColored(palette().ok, "%s", notice_.c_str());
            probe_tag("notice", notice_);
        }
        return;
    }
    const SparkCode c = *cp;  // a copy: a command below may move the record
    if (form_for_ != c.id) {
        load_panel(c, ctx.today, false);
        form_for_ = c.id;
        form_revision_ = store_.revision();
    } else if (form_revision_ != store_.revision()) {
        // Changed by a command (or undo): take the record's values unless the user is editing them.
        if (panel_fields() == form_.loaded) load_panel(c, ctx.today, true);
        form_revision_ = store_.revision();
    }

    // Who and what.
    const Creator* cr = creator_of(p, c.creator_id);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    ImGui::Text("Spark Code %lld", static_cast<long long>(c.id));
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::Text("· %s", std::string(name_of(c.status)).c_str());
    probe_tag("status", std::string(name_of(c.status)));
    ImGui::SameLine();
    if (cr) {
        if (ImGui::SmallButton(("@" + cr->handle + "##creator-link").c_str())) ctx.nav.go("creator", cr->id);
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%s", post_label(p, c.post_id).c_str());
    if (const Post* post = post_of(p, c.post_id); post && !post->tiktok_ref.empty()) {
        ImGui::TextDisabled("%s", post->tiktok_ref.c_str());
    }

    // The code, masked until revealed.
    code_text(c, "code");
    ImGui::SameLine();
    const bool shown = revealed_.count(c.id) > 0;
    if (ImGui::SmallButton(shown ? "Hide" : "Reveal")) {
        if (shown) revealed_.erase(c.id);
        else revealed_.insert(c.id);
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(c.code.empty());
    if (ImGui::SmallButton("Copy")) {
        platform::clipboard_set(c.code);
        notice_ = "Copied the code to the clipboard.";
    }
    ImGui::EndDisabled();
    const bool ended = c.status == SparkStatus::revoked || c.status == SparkStatus::killed;
    if (!ended) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        if (ImGui::SmallButton("Revoke")) {
            want_confirm_ = Confirm::revoke;
            confirm_reason_[0] = 0;
        }
        ImGui::SameLine();
        if (ImGui::SmallButton("Kill")) {
            want_confirm_ = Confirm::kill;
            const KillVerdict k = kill_verdict(c, p);
            copy_to(confirm_reason_, k.kill ? k.reason : "");
        }
        ImGui::PopStyleColor();
    }

    // Dates.
    const auto expiry = spark_expiry(c);
    days_left_text(c, ctx.today, p.settings);
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("· expires %s · received %s · authorized from %s for %d days", date_or(expiry).c_str(),
                        date_or(c.received).c_str(), date_or(c.auth_start).c_str(), c.duration_days);
    ImGui::PopTextWrapPos();
    if (c.replaces_id) {
        if (ImGui::SmallButton(("Replaces code " + std::to_string(c.replaces_id)).c_str())) ctx.nav.go("spark", c.replaces_id);
    }
    for (const SparkCode& o : p.spark_codes)
        if (o.replaces_id == c.id) {
            ImGui::SameLine();
            if (ImGui::SmallButton(("Replaced by code " + std::to_string(o.id)).c_str())) ctx.nav.go("spark", o.id);
        }

    draw_checks(ctx, c);

    // The kill rule, once there is a paid round.
    if (!c.rounds.empty()) {
        const KillVerdict k = kill_verdict(c, p);
        std::string line;
        if (k.kill) line = "Kill suggested: " + k.reason + ".";
        else if (k.evaluated) line = "Keep running: " + k.reason + ".";
        else line = "Too early to judge: " + k.reason + ".";
        ImGui::PushStyleColor(ImGuiCol_Text, k.kill ? palette().error : (k.evaluated ? palette().ok : palette().muted));
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(line.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        probe_tag("kill verdict", line);
    }

    if (!notice_.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(palette().ok, "%s", notice_.c_str());
        ImGui::PopTextWrapPos();
        probe_tag("notice", notice_);
    }

    ImGui::Spacing();
    if (ImGui::BeginTabBar("##spark-tabs")) {
        const bool rounds_open = ImGui::BeginTabItem("Paid rounds");
        probe_tag("Paid rounds");
        if (rounds_open) {
            draw_rounds(ctx, c);
            ImGui::EndTabItem();
        }
        const bool renew_open = ImGui::BeginTabItem("Extend or replace");
        probe_tag("Extend or replace");
        if (renew_open) {
            draw_extend_replace(ctx, c);
            ImGui::EndTabItem();
        }
        const bool history_open = ImGui::BeginTabItem("History");
        probe_tag("History");
        if (history_open) {
            draw_history(c);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
}

void SparkView::draw_checks(Context& ctx, const SparkCode& c) {
    const Program& p = store_.program();
    section("Go-live checks");
    const std::vector<GoLiveCheck> checks = go_live_checks(c, p);
    const std::vector<GoLiveCheck>& checks_now = checks;
    int failing = 0;
    for (const GoLiveCheck& k : checks) {
        ImGui::PushID(k.number);
        failing += !k.ok;
        const std::string text = std::to_string(k.number) + ". " + k.name + (k.ok ? ": passes" : ": fails, " + k.reason);
        // The fix for the first two sits at the right of their line; the other two are the fields below.
        const char* fix = nullptr;
        const Post* post = post_of(p, c.post_id);
        if (!k.ok && k.number == 1 && c.status == SparkStatus::received) fix = "Mark verified";
        if (!k.ok && k.number == 2 && post) fix = "Post passed review";
        const float right = ImGui::GetWindowContentRegionMax().x;
        const float fix_w = fix ? ImGui::CalcTextSize(fix).x + ImGui::GetStyle().FramePadding.x * 2 : 0.0f;
        const float line_y = ImGui::GetCursorPosY();
        ImGui::PushStyleColor(ImGuiCol_Text, k.ok ? palette().ok : palette().error);
        ImGui::TextUnformatted(k.ok ? "PASS" : "FAIL");
        ImGui::PopStyleColor();
        ImGui::SameLine(em(2.8f));
        ImGui::PushTextWrapPos(fix ? right - fix_w - ImGui::GetStyle().ItemSpacing.x : 0.0f);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        probe_tag("check:" + std::to_string(k.number), text);
        if (fix) {
            const float after_y = ImGui::GetCursorPosY();
            ImGui::SetCursorPos(ImVec2(right - fix_w, line_y));
            if (ImGui::SmallButton(fix)) {
                if (k.number == 1) {
                    report(store_.verify_spark_code(c.id, ctx.today), "Verified in Ads Manager.");
                } else {
                    Post x = *post;
                    x.compliance_passed = true;
                    report(store_.update_post(x), "Post " + std::to_string(x.id) + " passed compliance review.");
                }
            }
            ImGui::SetCursorPosY(std::max(after_y, ImGui::GetCursorPosY()));
        }
        ImGui::PopID();
    }

    // Campaign and renewal owner: checks 3 and 4.
    bool enter = false;
    field_row(3, [&](int i, float w) {
        if (i == 0) {
            enter |= text_field("Campaign start", "##cstart", form_.campaign_start, sizeof form_.campaign_start, w, "YYYY-MM-DD");
            wrapped_error(errors_, "campaign_start", w);
        } else if (i == 1) {
            enter |= text_field("Campaign end", "##cend", form_.campaign_end, sizeof form_.campaign_end, w, "YYYY-MM-DD");
            wrapped_error(errors_, "campaign_end", w);
        } else {
            enter |= text_field("Renewal owner", "##owner", form_.owner, sizeof form_.owner, w, "a named person");
            wrapped_error(errors_, "renewal_owner", w);
        }
    });

    const bool edited = panel_fields() != form_.loaded;
    if (ImGui::Button("Save campaign") || (enter && edited)) {
        errors_.clear();
        refused_.clear();
        notice_.clear();
        std::optional<Date> start, end;
        std::string why;
        if (!parse_date(form_.campaign_start, start, why, false)) errors_["campaign_start"] = why;
        if (!parse_date(form_.campaign_end, end, why, false)) errors_["campaign_end"] = why;
        if (start && end && *end < *start) errors_["campaign_end"] = "The campaign cannot end before it starts.";
        if (errors_.empty()) {
            SparkCode x = c;
            x.campaign_start = start;
            x.campaign_end = end;
            x.renewal_owner = trim(form_.owner);
            CommandResult r = store_.update_spark_code(x);
            report(r, "Saved the campaign and renewal owner.");
            if (r.ok) {
                load_panel(*store_.find_spark_code(c.id), ctx.today, true);
                form_revision_ = store_.revision();
            }
        }
    }
    if (edited) {
        ImGui::SameLine();
        ImGui::TextDisabled("not saved yet");
    }

    ImGui::Spacing();
    const bool can = failing == 0 && c.status == SparkStatus::verified;
    if (c.status == SparkStatus::received || c.status == SparkStatus::verified) {
        // Never disabled: a refusal says why in words, which a greyed-out button cannot.
        if (can ? primary_button("Go live") : ImGui::Button("Go live")) {
            CommandResult r = store_.go_live(c.id, ctx.today);
            report(r, "The code is live.");
        }
        ImGui::SameLine();
        if (failing) ImGui::TextColored(palette().warning, "%d of 4 checks fail", failing);
        else if (c.status != SparkStatus::verified)
            ImGui::TextDisabled("the code is %s", std::string(name_of(c.status)).c_str());
        else ImGui::TextColored(palette().ok, "all four checks pass");
    }
    if (!refused_.empty()) {
        // Failing checks by name (their reasons are in the list above), anything else in full.
        std::string named, other;
        for (const auto& [field, message] : errors_) {
            bool is_check = false;
            for (const GoLiveCheck& k : checks_now)
                if (field == "go_live." + std::to_string(k.number)) {
                    named += (named.empty() ? "" : ", ") + ("check " + std::to_string(k.number) + " (" + k.name + ")");
                    is_check = true;
                }
            if (!is_check) other += " " + message;
        }
        const std::string all = named.empty() ? "Refused:" + other : "Go-live refused: " + named + " failing." + other;
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(all.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        probe_tag("refused", all);
    }
}

void SparkView::draw_rounds(Context& ctx, const SparkCode& c) {
    const Program& p = store_.program();
    const std::string& cur = p.settings.currency;
    if (c.rounds.empty()) {
        ImGui::TextDisabled("No paid round yet.");
    } else {
        std::vector<size_t> rows(c.rounds.size());
        for (size_t i = 0; i < rows.size(); ++i) rows[i] = i;
        ImGui::TextDisabled("%s", count_words(c.rounds.size(), "paid round", "paid rounds").c_str());
        export_button_right("spark-code-" + std::to_string(c.id) + "-rounds", round_columns_, rows, cur, ctx.today, true);
    }
    if (!c.rounds.empty() &&
        ImGui::BeginTable("rounds", rc_count,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp |
                              ImGuiTableFlags_ScrollY,
                          ImVec2(0, std::min(em(7), ImGui::GetFrameHeight() * (c.rounds.size() + 1.5f))))) {
        setup_columns(round_columns_, "spark-rounds");
        for (size_t i = 0; i < c.rounds.size(); ++i) {
            const PaidRound& r = c.rounds[i];
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(rc_n);
            ImGui::Text("%zu", i + 1);
            ImGui::TableSetColumnIndex(rc_date);
            ImGui::TextUnformatted(r.date.to_string().c_str());
            ImGui::TableSetColumnIndex(rc_spend);
            ImGui::TextUnformatted(fmt_money(r.spend, cur).c_str());
            ImGui::TableSetColumnIndex(rc_impr);
            ImGui::TextUnformatted(fmt_int(r.impressions).c_str());
            ImGui::TableSetColumnIndex(rc_clicks);
            ImGui::TextUnformatted(fmt_int(r.clicks).c_str());
            ImGui::TableSetColumnIndex(rc_orders);
            ImGui::TextUnformatted(fmt_int(r.orders).c_str());
            ImGui::TableSetColumnIndex(rc_conv);
            ImGui::TextUnformatted(r.clicks ? fmt_rate(static_cast<double>(r.orders) / static_cast<double>(r.clicks)).c_str() : "—");
            ImGui::TableSetColumnIndex(rc_gmv);
            ImGui::TextUnformatted(fmt_money(r.gmv, cur).c_str());
        }
        ImGui::EndTable();
    }

    // A new round: six short fields, three to a row.
    struct F { const char* cap; const char* id; char* buf; size_t size; const char* field; };
    const F fields[] = {
        {"Round date", "##rdate", form_.round_date, sizeof form_.round_date, "date"},
        {"Spend", "##rspend", form_.spend, sizeof form_.spend, "spend"},
        {"Impressions", "##rimpr", form_.impressions, sizeof form_.impressions, "impressions"},
        {"Clicks", "##rclicks", form_.clicks, sizeof form_.clicks, "clicks"},
        {"Orders", "##rorders", form_.orders, sizeof form_.orders, "orders"},
        {"GMV", "##rgmv", form_.gmv, sizeof form_.gmv, "gmv"},
    };
    bool enter = false;
    for (int row = 0; row < 2; ++row)
        field_row(3, [&](int i, float w) {
            const F& f = fields[row * 3 + i];
            enter |= text_field(f.cap, f.id, f.buf, f.size, w);
            wrapped_error(errors_, f.field, w);
        });
    const bool can_add = c.status == SparkStatus::live || c.status == SparkStatus::expired || c.status == SparkStatus::killed;
    if (ImGui::Button("Add round") || (enter && can_add)) {
        errors_.clear();
        refused_.clear();
        notice_.clear();
        const size_t round_number = c.rounds.size() + 1;
        PaidRound r;
        std::optional<Date> d;
        std::string why;
        if (!parse_date(form_.round_date, d, why, true)) errors_["date"] = why;
        else r.date = *d;
        if (!parse_amount(form_.spend, r.spend, why, "Spend")) errors_["spend"] = why;
        if (!parse_whole(form_.impressions, r.impressions, why, "Impressions")) errors_["impressions"] = why;
        if (!parse_whole(form_.clicks, r.clicks, why, "Clicks")) errors_["clicks"] = why;
        if (!parse_whole(form_.orders, r.orders, why, "Orders")) errors_["orders"] = why;
        if (!parse_amount(form_.gmv, r.gmv, why, "GMV")) errors_["gmv"] = why;
        if (errors_.empty() && r.orders > r.clicks) errors_["orders"] = "More orders than clicks: check the numbers.";
        if (errors_.empty()) {
            CommandResult res = store_.add_paid_round(c.id, r);
            report(res, "Added paid round " + std::to_string(round_number) + ".");
            if (res.ok) form_.spend[0] = form_.impressions[0] = form_.clicks[0] = form_.orders[0] = form_.gmv[0] = 0;
        }
    }
    if (!can_add) {
        ImGui::SameLine();
        ImGui::TextDisabled("rounds start once the code is live");
    }
}

void SparkView::draw_extend_replace(Context& ctx, const SparkCode& c) {
    const Settings& s = store_.program().settings;
    ImGui::TextWrapped("Extended: the creator keeps the same code and sets a new length; the expiry is worked out "
                       "from the new start.");
    field_row(2, [&](int i, float w) {
        if (i == 0) {
            text_field("Extend from", "##extfrom", form_.extend_from, sizeof form_.extend_from, w, "YYYY-MM-DD");
            wrapped_error(errors_, "extend_from", w);
        } else {
            caption("New length (days)");
            ImGui::SetNextItemWidth(w);
            ImGui::InputInt("##extdays", &form_.extend_days, 0);
            probe_tag("New length (days)");
            wrapped_error(errors_, "duration_days", w);
        }
    });
    if (ImGui::Button("Extend")) {
        errors_.clear();
        std::optional<Date> from;
        std::string why;
        if (!parse_date(form_.extend_from, from, why, true)) {
            errors_["extend_from"] = why;
        } else {
            CommandResult r = store_.extend_spark_code(c.id, *from, form_.extend_days, ctx.today);
            const SparkCode* after = store_.find_spark_code(c.id);
            report(r, "Extended: expires " + date_or(after ? spark_expiry(*after) : std::nullopt) + ".");
        }
    }

    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextWrapped("Replaced: the creator sent a new code; it gets its own record, linked to this one, which "
                       "stays in the history as expired.");
    text_field("New code", "##newcode", form_.new_code, sizeof form_.new_code, -FLT_MIN, "#...");
    field_error(errors_, "code");
    field_row(2, [&](int i, float w) {
        if (i == 0) {
            text_field("New code generated", "##newgen", form_.new_generated, sizeof form_.new_generated, w, "YYYY-MM-DD");
            wrapped_error(errors_, "new_generated", w);
        } else {
            caption("New code length (days)");
            ImGui::SetNextItemWidth(w);
            ImGui::InputInt("##newdays", &form_.new_days, 0);
            probe_tag("New code length (days)");
        }
    });
    ImGui::TextDisabled("Lengths run %d to %d days.", s.spark_min_days, s.spark_max_days);
    if (ImGui::Button("Replace")) {
        errors_.clear();
        std::optional<Date> gen;
        std::string why;
        if (!parse_date(form_.new_generated, gen, why, true)) {
            errors_["new_generated"] = why;
        } else {
            CommandResult r = store_.replace_spark_code(c.id, form_.new_code, *gen, form_.new_days, ctx.today);
            report(r, "Recorded the new code.");
            if (r.ok) {
                revealed_.erase(r.id);
                ctx.nav.go("spark", r.id);
            }
        }
    }
}

void SparkView::draw_history(const SparkCode& c) {
    if (c.history.empty()) ImGui::TextDisabled("Nothing recorded yet.");
    for (auto it = c.history.rbegin(); it != c.history.rend(); ++it) {
        ImGui::TextDisabled("%s", it->date.to_string().c_str());
        ImGui::SameLine(em(6));
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(it->what.c_str());
        ImGui::PopTextWrapPos();
    }
}

// ------------------------------------------------------------------ dialogs
void SparkView::draw_receive_dialog(Context& ctx) {
    const Program& p = store_.program();
    const char* name = "Record a received code##dlg";
    if (want_receive_) {
        ImGui::OpenPopup(name);
        want_receive_ = false;
    }
    ImGui::SetNextWindowSize(ImVec2(em(26), 0));
    const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(name, nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings)) return;
    dialog_open_ = true;
    ReceiveForm& f = receive_;
    ImGui::TextWrapped("What the creator sent back: the post, the code, its length and the day it was generated. "
                       "The expiry is worked out, never typed.");
    const float w = -FLT_MIN;
    text_field("Creator handle", "##rhandle", f.handle, sizeof f.handle, w, "@handle");
    const std::string key = lower(normalize_handle(f.handle));
    const Creator* who = nullptr;
    if (!key.empty())
        for (const Creator& c : p.creators)
            if (handle_key(c.handle) == key) who = &c;
    if (who) ImGui::TextDisabled("%s · %s", who->display_name.c_str(), tier_name(effective_tier(*who, p.settings)));
    else if (!key.empty()) ImGui::TextColored(palette().warning, "No creator with that handle on the roster.");
    field_error(f.errors, "creator_id");

    caption("Post");
    ImGui::SetNextItemWidth(w);
    if (who && f.post_id) {
        const Post* x = post_of(p, f.post_id);
        if (!x || x->creator_id != who->id) f.post_id = 0;
    }
    const std::string preview = f.post_id ? post_label(p, f.post_id) : (who ? "Choose a post" : "Type a handle first");
    if (ImGui::BeginCombo("##rpost", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (who) {
            for (const Post& x : p.posts) {
                if (x.creator_id != who->id) continue;
                ImGui::PushID(static_cast<int>(x.id));
                std::string label = post_label(p, x.id);
                if (!x.tiktok_ref.empty()) label += " · " + x.tiktok_ref;
                if (ImGui::Selectable(label.c_str(), f.post_id == x.id)) f.post_id = x.id;
                probe_tag("post:" + std::to_string(x.id));
                ImGui::PopID();
            }
        }
        ImGui::EndCombo();
    }
    probe_tag("Post");
    field_error(f.errors, "post_id");

    text_field("Code", "##rcode", f.code, sizeof f.code, w, "#...");
    field_error(f.errors, "code");
    field_row(2, [&](int i, float w) {
        if (i == 0) {
            caption("Authorization days");
            ImGui::SetNextItemWidth(w);
            ImGui::InputInt("##rdays", &f.days, 0);
            probe_tag("Authorization days");
            wrapped_error(f.errors, "duration_days", w);
        } else {
            text_field("Generated on", "##rgen", f.generated, sizeof f.generated, w, "YYYY-MM-DD");
            wrapped_error(f.errors, "generated", w);
        }
    });
    if (auto g = Date::parse(trim(f.generated)))
        ImGui::TextDisabled("Expires %s.", g->plus_days(f.days).to_string().c_str());

    ImGui::Spacing();
    if (primary_button("Record code")) {
        f.errors.clear();
        SparkHandoff h;
        std::string why;
        std::optional<Date> gen;
        if (!who) f.errors["creator_id"] = key.empty() ? "Type the creator's handle." : "No creator with that handle.";
        if (!f.post_id) f.errors["post_id"] = "Choose the post the code is for.";
        if (!parse_date(f.generated, gen, why, true)) f.errors["generated"] = why;
        if (f.errors.empty()) {
            h.creator_id = who->id;
            h.post_id = f.post_id;
            h.code = f.code;
            h.duration_days = f.days;
            h.generated = *gen;
            CommandResult r = store_.receive_spark_code(h, ctx.today);
            if (!r.ok) {
                for (const FieldError& e : r.errors) f.errors.emplace(e.field, e.message);
                if (f.errors.count("status")) f.errors["post_id"] = f.errors["status"];
            } else {
                report(r, "Recorded the code from @" + who->handle + ".");
                form_for_ = 0;  // load the new record's panel fresh
                ctx.nav.go("spark", r.id);
                ImGui::CloseCurrentPopup();
            }
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || close_requested_) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void SparkView::draw_confirm_dialog(Context& ctx) {
    const char* name = "Confirm##spark";
    if (want_confirm_ != Confirm::none && !ImGui::IsPopupOpen(name)) ImGui::OpenPopup(name);
    ImGui::SetNextWindowSize(ImVec2(em(24), 0));
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(name, nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings)) {
        want_confirm_ = Confirm::none;
        return;
    }
    dialog_open_ = true;
    const SparkCode* c = selected_ ? store_.find_spark_code(selected_) : nullptr;
    const bool kill = want_confirm_ == Confirm::kill;
    if (!c || want_confirm_ == Confirm::none) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const std::string who = handle_of(store_.program(), c->creator_id);
    if (kill)
        ImGui::TextWrapped("Kill the Spark Ad of %s? The code is marked killed and stops counting as valid. "
                           "Undo (Ctrl+Z) brings it back.", who.c_str());
    else
        ImGui::TextWrapped("Revoke the Spark Code of %s? It can no longer run an ad. Undo (Ctrl+Z) brings it back.",
                           who.c_str());
    caption("Reason");
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputText("##confirm-reason", confirm_reason_, sizeof confirm_reason_);
    probe_tag("Reason");
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    const bool yes = ImGui::Button(kill ? "Kill Spark Ad" : "Revoke code");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    const bool no = ImGui::Button("Keep it") || close_requested_;
    if (yes) {
        CommandResult r = kill ? store_.kill_spark_code(c->id, ctx.today, confirm_reason_)
                               : store_.revoke_spark_code(c->id, ctx.today, confirm_reason_);
        report(r, std::string(kill ? "Killed" : "Revoked") + " the code of " + who + ". Undo brings it back.");
    }
    if (yes || no) {
        want_confirm_ = Confirm::none;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace sr::ui
