#include "spark_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "core/enums.hpp"
#include "core/format.hpp"
#include "core/metrics.hpp"
#include "core/spark.hpp"
#include "core/input.hpp"
#include "core/validate.hpp"
#include "form_fields.hpp"
#include "platform/platform.hpp"
#include "probe.hpp"
#include "spark_parts.hpp"
#include "style.hpp"
#include "table_util.hpp"

// Spark Codes: the selected code's panel (who and what, the code, dates, the go-live checks with
// campaign and renewal owner, the kill rule, paid rounds, extend or replace, history).
namespace sr::ui {

using namespace spark_parts;

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
                            "code not verified within %d days, a requested code not received within %d days. After the first paid round, a conversion under %s, or "
                            "under %s of the post's organic conversion, suggests killing the ad.",
                            s.spark_expiry_alert_days, s.spark_verify_alert_days, s.spark_receive_alert_days,
                            fmt_rate(s.kill_floor).c_str(),
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
    if (spark_transition_allowed(c.status, SparkStatus::expired)) {
        // By hand: the authorization ran out, or the creator withdrew it before the expiry.
        ImGui::SameLine();
        if (ImGui::SmallButton("Set expired")) report(store_.expire_spark_code(c.id, ctx.today), "Set the code expired.");
        if (ImGui::IsItemHovered()) {
            const auto left = spark_days_left(c, ctx.today);
            ImGui::SetTooltip("%s", left && *left < 0 ? "Past its expiry: mark it expired (extend or replace it after)."
                                                      : "Mark the code expired now: extend or replace it later.");
        }
    }
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
        if (const Post* post = post_of(p, c.post_id)) {
            // The baseline the verdict compares with: the post less every paid round run on it.
            const OrganicBaseline b = organic_baseline(*post, p);
            std::string base = "Organic baseline: " +
                               (b.conversion ? fmt_rate(*b.conversion) : std::string("none (no organic clicks)")) +
                               " = " + fmt_int(b.orders) + " orders / " + fmt_int(b.clicks) + " clicks";
            base += b.paid_excluded ? ", the post's numbers less its paid rounds' " + fmt_int(b.paid_orders) +
                                          " orders and " + fmt_int(b.paid_clicks) + " clicks"
                                    : " (the post's numbers; they do not hold the paid rounds)";
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled("%s", base.c_str());
            ImGui::PopTextWrapPos();
            probe_tag("organic baseline", base);
        }
    }
    {
        // The code's own margin on its paid rounds: the figure for extend or kill.
        const MarginParts m = spark_code_margin(c, p);
        const std::string& cur = p.settings.currency;
        const std::string line = "Margin of its paid rounds: " + fmt_money(m.margin(), cur);
        const std::string parts = "GMV " + fmt_money(m.gmv, cur) + " - goods " + fmt_money(m.goods, cur) +
                                  " - commission " + fmt_money(m.commission, cur) + " - shipping and discounts " +
                                  fmt_money(m.shipping + m.discounts, cur) + " - spend " + fmt_money(m.ad_spend, cur);
        if (m.margin() < 0) ImGui::TextColored(palette().error, "%s", line.c_str());
        else ImGui::TextUnformatted(line.c_str());
        probe_tag("code margin", line);
        if (!c.rounds.empty()) {
            ImGui::SameLine();
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled("= %s", parts.c_str());
            ImGui::PopTextWrapPos();
        }
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
        if (!read_date(form_.campaign_start, start, why, false)) errors_["campaign_start"] = why;
        if (!read_date(form_.campaign_end, end, why, false)) errors_["campaign_end"] = why;
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
            const RoundRatios q = round_ratios(r);
            const std::string n = std::to_string(i + 1);
            ImGui::TableSetColumnIndex(rc_ctr);
            const std::string ctr = q.ctr ? fmt_rate(*q.ctr) : "—";
            ImGui::TextUnformatted(ctr.c_str());
            probe_tag("round " + n + " CTR", ctr);
            ImGui::TableSetColumnIndex(rc_cpa);
            const std::string cpa = q.cpa ? fmt_money(*q.cpa, cur) : "—";
            ImGui::TextUnformatted(cpa.c_str());
            probe_tag("round " + n + " CPA", cpa);
            ImGui::TableSetColumnIndex(rc_roas);
            char roas[32] = "—";
            if (q.roas) std::snprintf(roas, sizeof roas, "%.2f", *q.roas);
            ImGui::TextUnformatted(roas);
            probe_tag("round " + n + " ROAS", roas);
            for (const auto& [col, rate, what] : {std::tuple{rc_view2, r.view_rate_2s, " 2 s views"},
                                                  std::tuple{rc_view6, r.view_rate_6s, " 6 s views"}}) {
                ImGui::TableSetColumnIndex(col);
                const std::string v = rate ? fmt_rate(*rate) : "—";
                ImGui::TextUnformatted(v.c_str());
                if (ImGui::IsItemHovered())
                    ImGui::SetTooltip("Share of the ad's impressions watched this long, from a paid report: the nearest "
                                      "figure the exports give to the 3-second hold.");
                probe_tag("round " + n + what, v);
            }
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
        if (!read_date(form_.round_date, d, why, true)) errors_["date"] = why;
        else r.date = *d;
        if (!read_amount(form_.spend, r.spend, why, "Spend")) errors_["spend"] = why;
        if (!read_count(form_.impressions, r.impressions, why, "Impressions")) errors_["impressions"] = why;
        if (!read_count(form_.clicks, r.clicks, why, "Clicks")) errors_["clicks"] = why;
        if (!read_count(form_.orders, r.orders, why, "Orders")) errors_["orders"] = why;
        if (!read_amount(form_.gmv, r.gmv, why, "GMV")) errors_["gmv"] = why;
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
        if (!read_date(form_.extend_from, from, why, true)) {
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
            wrapped_error(errors_, "new_days", w);
        }
    });
    ImGui::TextDisabled("Lengths run %d to %d days.", s.spark_min_days, s.spark_max_days);
    if (ImGui::Button("Replace")) {
        errors_.clear();
        std::optional<Date> gen;
        std::string why;
        if (!read_date(form_.new_generated, gen, why, true)) {
            errors_["new_generated"] = why;
        } else {
            CommandResult r = store_.replace_spark_code(c.id, form_.new_code, *gen, form_.new_days, ctx.today);
            report(r, "Recorded the new code.");
            // The new code's length is refused under its own field, not under the extension's.
            if (auto it = errors_.find("duration_days"); it != errors_.end()) {
                errors_["new_days"] = it->second;
                errors_.erase(it);
            }
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

}  // namespace sr::ui
