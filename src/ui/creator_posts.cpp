#include "creator_posts.hpp"

#include <imgui.h>

#include <algorithm>
#include <climits>
#include <functional>

#include "core/briefs.hpp"
#include "core/creators.hpp"
#include "core/enums.hpp"
#include "core/format.hpp"
#include "core/input.hpp"
#include "core/metrics.hpp"
#include "core/orders_import.hpp"
#include "core/post_fee.hpp"
#include "core/post_metrics.hpp"
#include "core/status_moves.hpp"
#include "core/validate.hpp"
#include "form_fields.hpp"
#include "probe.hpp"
#include "spark_parts.hpp"
#include "style.hpp"

namespace sr::ui {

namespace {

enum PostColumn { pc_published, pc_video, pc_views, pc_clicks, pc_orders, pc_conv, pc_gmv, pc_fee, pc_margin, pc_source, pc_count };

// What a post is called on screen: its Video ID (the number TikTok's exports know it by, as
// the orders import reads it from a link), else its reference as recorded (a short link from a
// Spark Code reply), else its id.
std::string video_of(const Post& x) {
    const std::string ref = trim(x.tiktok_ref);
    if (ref.empty()) return "post " + std::to_string(x.id);
    const PostLink l = parse_post_link(ref);
    if (l.ok()) return l.video_id;
    const std::string digits = content_id_of(ref);
    if (digits == ref || ref.find("/video/") != std::string::npos || ref.find("/photo/") != std::string::npos) return digits;
    return ref;
}

double conversion_of(const Post& x) { return x.clicks ? static_cast<double>(x.orders) / static_cast<double>(x.clicks) : -1.0; }

const Product* product_of(const Program& p, Id id) {
    for (const Product& x : p.products)
        if (x.id == id) return &x;
    return nullptr;
}
std::string product_label(const Program& p, Id id) {
    if (id == 0) return "none";
    const Product* x = product_of(p, id);
    return x ? x->name + " (" + x->sku + ")" : "product " + std::to_string(id);
}
std::string brief_label(const Program& p, Id id) {
    if (id == 0) return "none";
    for (const Brief& b : p.briefs)
        if (b.id == id) return b.title.empty() ? "brief " + std::to_string(id) : b.title;
    return "brief " + std::to_string(id);
}
std::string sample_label(const Program& p, Id id) {
    if (id == 0) return "none";
    for (const Sample& s : p.samples)
        if (s.id == id) {
            const Product* x = product_of(p, s.product_id);
            std::string out = (x ? x->name : "sample " + std::to_string(id)) + " · " + status_label(s.status);
            if (s.delivered) out += " " + s.delivered->to_string();
            return out;
        }
    return "sample " + std::to_string(id);
}

// The form's fields in the order they are drawn: the Post field a refusal names, the tag
// ("post:<key>") and the caption.
struct FieldInfo {
    const char* field;
    const char* key;
    const char* caption;
};
constexpr FieldInfo kFields[] = {
    {"tiktok_ref", "link", "TikTok link or Video ID"},
    {"published", "published", "Publish date"},
    {"product_id", "product", "Product"},
    {"brief_id", "brief", "Brief"},
    {"sample_id", "sample", "Sample"},
    {"hook", "hook", "Hook used"},
    {"source", "source", "Source"},
    {"compliance_passed", "compliance", "Compliance"},
    {"views", "views", "Views"},
    {"hold_rate_3s", "hold_rate_3s", "3-second hold (%)"},
    {"clicks", "clicks", "Product-link clicks"},
    {"orders", "orders", "Orders"},
    {"units", "units", "Units"},
    {"gmv", "gmv", "GMV"},
    {"refunded", "refunded", "Refunded"},
    {"buyers", "buyers", "Buyers"},
    {"repeat_buyers_60d", "repeat_buyers_60d", "Repeat buyers (60 days)"},
    {"commission", "commission", "Commission"},
    {"creator_fee", "creator_fee", "Creator fee"},
};

bool form_field(const std::string& field) {
    for (const FieldInfo& f : kFields)
        if (field == f.field) return true;
    return false;
}

}  // namespace

CreatorPosts::CreatorPosts(Store& store) : store_(store) {
    using csv::Cell;
    auto post = [this](size_t r) -> const Post& { return store_.program().posts[r]; };
    columns_ = {
        {"Published", pc_published, 1.1f, ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending,
         ColumnKind::text, [=](size_t r) {
             const Post& x = post(r);
             return x.published ? Cell::text(x.published->to_string()) : Cell::none();
         }},
        {"Video", pc_video, 1.0f, 0, ColumnKind::text, [=](size_t r) { return Cell::text(video_of(post(r))); }},
        {"Views", pc_views, 0.9f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::number,
         [=](size_t r) { return Cell::integer(post(r).views); }},
        {"Clicks", pc_clicks, 0.7f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::number,
         [=](size_t r) { return Cell::integer(post(r).clicks); }},
        {"Orders", pc_orders, 0.7f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::number,
         [=](size_t r) { return Cell::integer(post(r).orders); }},
        {"Conv.", pc_conv, 0.7f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::percent, [=](size_t r) {
             const Post& x = post(r);
             return x.clicks ? Cell::number(conversion_of(x) * 100.0, 4) : Cell::none();
         }},
        {"GMV", pc_gmv, 1.0f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
         [=](size_t r) { return Cell::money(post(r).gmv); }},
        {"Fee", pc_fee, 0.9f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money,
         [=](size_t r) { return Cell::money(post(r).creator_fee); }},
        {"Margin", pc_margin, 1.0f, ImGuiTableColumnFlags_PreferSortDescending, ColumnKind::money, [=](size_t r) {
             auto it = margins_.find(post(r).id);
             return it == margins_.end() ? Cell::none() : Cell::money(it->second);
         }},
        {"Source", pc_source, 0.6f, 0, ColumnKind::text, [=](size_t r) { return Cell::text(std::string(name_of(post(r).source))); }},
    };
}

bool CreatorPosts::close_dialog() {
    if (remove_.close()) return true;
    if (!form_.open) return false;
    form_ = Form{};
    return true;
}

void CreatorPosts::refresh(const Creator& c) {
    if (!dirty_ && revision_ == store_.revision() && creator_ == c.id) return;
    const Program& p = store_.program();
    if (revision_ != store_.revision() || creator_ != c.id) {
        const MarginBook book = compute_margins(p);
        margins_.clear();
        for (const Post& x : p.posts)
            if (x.creator_id == c.id) margins_[x.id] = book.post_margin(x.id);
    }
    rows_.clear();
    for (size_t i = 0; i < p.posts.size(); ++i)
        if (p.posts[i].creator_id == c.id) rows_.push_back(i);
    auto margin = [&](const Post& x) {
        auto it = margins_.find(x.id);
        return it == margins_.end() ? 0.0 : it->second;
    };
    sort_rows(
        rows_, sort_,
        [&](size_t ia, size_t ib, int col) {
            const Post& a = p.posts[ia];
            const Post& b = p.posts[ib];
            switch (col) {
                case pc_published: return cmp3(a.published ? a.published->days : INT32_MIN, b.published ? b.published->days : INT32_MIN);
                case pc_video: return video_of(a).compare(video_of(b));
                case pc_views: return cmp3(a.views, b.views);
                case pc_clicks: return cmp3(a.clicks, b.clicks);
                case pc_orders: return cmp3(a.orders, b.orders);
                case pc_conv: return cmp3(conversion_of(a), conversion_of(b));
                case pc_gmv: return cmp3(a.gmv, b.gmv);
                case pc_fee: return cmp3(a.creator_fee, b.creator_fee);
                case pc_margin: return cmp3(margin(a), margin(b));
                case pc_source: return cmp3(static_cast<int>(a.source), static_cast<int>(b.source));
                default: return 0;
            }
        },
        [&](size_t a, size_t b) { return p.posts[a].id < p.posts[b].id; });
    dirty_ = false;
    revision_ = store_.revision();
    creator_ = c.id;
}

void CreatorPosts::draw(Context& ctx, const Creator& c) {
    const Program& p = store_.program();
    if (creator_ != c.id) {  // another creator: its own editor
        form_ = Form{};
        notice_.clear();
    }
    if (form_.open && form_.editing && !store_.find_post(form_.editing)) form_ = Form{};  // removed, or undone
    refresh(c);
    const size_t n = rows_.size();

    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    ImGui::TextUnformatted("Posts");
    ImGui::PopStyleColor();
    probe_tag("Posts", "Posts");
    ImGui::SameLine();
    ImGui::TextDisabled("%s", count_words(n, "post", "posts").c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("New post")) open_new(c);
    if (n) export_button_right(c.handle + "-posts", columns_, rows_, p.settings.currency, ctx.today, true);
    ImGui::Separator();

    if (n == 0) ImGui::TextDisabled("No posts yet: New post adds one from its TikTok link.");
    else {
        const float rows_h = ImGui::GetFrameHeightWithSpacing() * (static_cast<float>(n) + 1.3f);
        // Open, the editor comes first: the table shows a few rows above it. Closed, the
        // table takes the rest of the column.
        const float h = form_.open ? std::min(rows_h, em(11))
                                   : std::min(rows_h, std::max(em(8), ImGui::GetContentRegionAvail().y));
        draw_table(ctx, c, h);
    }
    if (!notice_.empty()) message_line(palette().ok, notice_, "post:notice");
    if (form_.open) draw_editor(ctx, c);
}

void CreatorPosts::draw_table(Context& ctx, const Creator& c, float height) {
    const Program& p = store_.program();
    const std::string& cur = p.settings.currency;
    if (!ImGui::BeginTable("creator-posts", pc_count, kDataTableFlags, ImVec2(0, height))) return;
    setup_columns(columns_, "creator-posts");
    if (take_sort(sort_)) {
        dirty_ = true;
        refresh(c);
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const Post& x = p.posts[rows_[static_cast<size_t>(r)]];
            ImGui::PushID(static_cast<int>(x.id));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(pc_published);
            const bool selected = form_.open && form_.editing == x.id;
            const std::string date = x.published ? x.published->to_string() : "no date";
            if (!x.published) ImGui::PushStyleColor(ImGuiCol_Text, palette().warning);
            if (ImGui::Selectable((date + "##post").c_str(), selected,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
                open_post(x);
            if (!x.published) ImGui::PopStyleColor();
            const std::string video = video_of(x);
            auto m = margins_.find(x.id);
            probe_tag("post row:" + video, date + " · " + fmt_int(x.views) + " views · " + fmt_money(x.gmv, cur) + " GMV · fee " +
                                               fmt_money(x.creator_fee, cur) + " · margin " +
                                               (m != margins_.end() ? fmt_money(m->second, cur) : std::string("—")));
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s", x.published ? "Edit this post" : "No publish date yet: click to set it");
            ImGui::TableSetColumnIndex(pc_video);
            ImGui::TextUnformatted(video.c_str());
            if (ImGui::IsItemHovered()) {
                // The reference, and the video's numbers from the video performance export.
                std::string tip = x.tiktok_ref;
                if (x.product_impressions || x.likes || x.comments || x.shares || x.completion_rate > 0) {
                    tip += (tip.empty() ? "" : "\n") + std::string("Product impressions ") + fmt_int(x.product_impressions) +
                           " · likes " + fmt_int(x.likes) + " · comments " + fmt_int(x.comments) + " · shares " +
                           fmt_int(x.shares);
                    if (x.completion_rate > 0) tip += " · completion " + fmt_rate(x.completion_rate);
                }
                if (!tip.empty()) ImGui::SetTooltip("%s", tip.c_str());
            }
            ImGui::TableSetColumnIndex(pc_views);
            right_aligned(fmt_int(x.views));
            ImGui::TableSetColumnIndex(pc_clicks);
            right_aligned(fmt_int(x.clicks));
            ImGui::TableSetColumnIndex(pc_orders);
            right_aligned(fmt_int(x.orders));
            ImGui::TableSetColumnIndex(pc_conv);
            if (x.clicks) {
                const std::string t = fmt_rate(conversion_of(x));
                if (post_conversion_flagged(x, p.settings)) ImGui::TextColored(palette().warning, "%s", t.c_str());
                else ImGui::TextUnformatted(t.c_str());
            } else {
                ImGui::TextDisabled("—");
            }
            ImGui::TableSetColumnIndex(pc_gmv);
            right_aligned(fmt_money(x.gmv, cur));
            ImGui::TableSetColumnIndex(pc_fee);
            right_aligned(fmt_money(x.creator_fee, cur));
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", x.fee_by_hand ? "Set by hand for this post" : "The creator's fee per post");
            ImGui::TableSetColumnIndex(pc_margin);
            if (m != margins_.end()) {
                if (m->second < 0) ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
                right_aligned(fmt_money(m->second, cur));
                if (m->second < 0) ImGui::PopStyleColor();
            }
            ImGui::TableSetColumnIndex(pc_source);
            ImGui::TextUnformatted(std::string(name_of(x.source)).c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    (void)ctx;
}

void CreatorPosts::open_new(const Creator& c) {
    form_ = Form{};
    form_.open = true;
    form_.focus_link = true;
    form_.scroll_to = 3;
    // What the creator is usually sent: its only product or brief, chosen already.
    const Program& p = store_.program();
    Id only_brief = 0;
    int briefs = 0;
    for (const Brief& b : p.briefs)
        if (std::find(b.creator_ids.begin(), b.creator_ids.end(), c.id) != b.creator_ids.end()) {
            only_brief = b.id;
            ++briefs;
        }
    if (briefs == 1) {
        form_.brief_id = only_brief;
        for (const Brief& b : p.briefs)
            if (b.id == only_brief) {
                form_.product_id = b.product_id;
                form_.hook = b.hook;
            }
    }
    form_.entry.creator_fee = number_text(c.flat_fee);
    notice_.clear();
}

void CreatorPosts::open_post(const Post& x) {
    form_ = Form{};
    form_.open = true;
    form_.editing = x.id;
    form_.scroll_to = 3;
    form_.entry = post_entry_of(x);
    form_.product_id = x.product_id;
    form_.brief_id = x.brief_id;
    form_.sample_id = x.sample_id;
    form_.hook = x.hook;
    form_.source = x.source;
    form_.compliance_passed = x.compliance_passed;
    form_.fee_by_hand = x.fee_by_hand;
    notice_.clear();
}

void CreatorPosts::submit(const Creator& c) {
    form_.errors.clear();
    notice_.clear();
    form_.scroll_to = 3;  // what it says, and the buttons, stay in view
    Post x;
    if (form_.editing) {
        const Post* old = store_.find_post(form_.editing);
        if (!old) {
            form_ = Form{};
            return;
        }
        x = *old;
    } else {
        x.creator_id = c.id;
    }
    Errors errs = read_post_entry(form_.entry, x);
    if (!form_.editing && trim(form_.entry.link).empty()) errs.push_back({"tiktok_ref", parse_post_link("").error});
    x.product_id = form_.product_id;
    x.brief_id = form_.brief_id;
    x.sample_id = form_.sample_id;
    x.hook = form_.hook;
    x.source = form_.source;
    x.compliance_passed = form_.compliance_passed;
    x.fee_by_hand = form_.fee_by_hand;
    for (const FieldError& e : errs) form_.errors.emplace(e.field, e.message);
    if (!errs.empty()) {  // what was read is judged too, so every refusal shows at once
        for (const FieldError& e : validate_post(x, store_.program())) form_.errors.emplace(e.field, e.message);
        return;
    }
    const bool adding = form_.editing == 0;
    const CommandResult r = adding ? store_.add_post(x) : store_.update_post(x);
    if (!r.ok) {
        for (const FieldError& e : r.errors) form_.errors.emplace(e.field, e.message);
        return;
    }
    const Post* saved = store_.find_post(r.id);
    if (!saved) return;
    open_post(*saved);  // the stored numbers, as the table shows them
    form_.scroll_to = 3;
    notice_ = (adding ? "Added post " : "Saved post ") + video_of(*saved) + ". Undo (Ctrl+Z) takes it back.";
}

void CreatorPosts::remove_post(const Creator&) {
    const Post* x = store_.find_post(form_.editing);
    if (!x) return;
    const std::string video = video_of(*x);
    const CommandResult r = store_.remove_post(x->id);
    if (r.ok) {
        form_ = Form{};
        notice_ = "Removed post " + video + ". Undo brings it back.";
    } else {
        for (const FieldError& e : r.errors) form_.errors[e.field] = e.message;
    }
}

void CreatorPosts::draw_editor(Context& ctx, const Creator& c) {
    const Program& p = store_.program();
    const std::string& cur = p.settings.currency;
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    if (form_.editing) {
        const Post* x = store_.find_post(form_.editing);
        ImGui::Text("Edit post %s", x ? video_of(*x).c_str() : "");
    } else {
        ImGui::TextUnformatted("New post");
    }
    ImGui::PopStyleColor();
    probe_tag("post:editor", form_.editing ? "edit" : "new");
    if (form_.editing) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Show in Performance")) ctx.nav.go("performance", form_.editing);
    }
    ImGui::Separator();

    bool enter = false;
    const ImGuiInputTextFlags ef = ImGuiInputTextFlags_EnterReturnsTrue;
    auto error_under = [&](const FieldInfo& f, float w) {
        auto it = form_.errors.find(f.field);
        if (it == form_.errors.end()) return;
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
        ImGui::TextUnformatted(it->second.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        probe_tag(std::string("error:post:") + f.key, it->second);
    };
    auto text_cell = [&](const FieldInfo& f, std::string& value, const char* hint, float w) {
        caption(f.caption);
        ImGui::SetNextItemWidth(w);
        if (std::string(f.key) == "link" && form_.focus_link) {
            ImGui::SetKeyboardFocusHere();
            form_.focus_link = false;
        }
        enter |= input_string((std::string("##post-") + f.key).c_str(), value, hint, ef);
        probe_tag(std::string("post:") + f.key, value);
        error_under(f, w);
    };
    // A combo of (id, label) choices; `none` first.
    auto combo_cell = [&](const FieldInfo& f, Id& value, const std::string& current,
                          const std::vector<std::pair<Id, std::string>>& choices, float w,
                          const std::function<void(Id)>& chosen = {}) {
        caption(f.caption);
        ImGui::SetNextItemWidth(w);
        if (ImGui::BeginCombo((std::string("##post-") + f.key).c_str(), current.c_str())) {
            if (ImGui::Selectable((std::string("none##") + f.key).c_str(), value == 0)) value = 0;
            for (const auto& [id, label] : choices) {
                ImGui::PushID(static_cast<int>(id));
                if (ImGui::Selectable(label.c_str(), value == id)) {
                    value = id;
                    if (chosen) chosen(id);
                }
                ImGui::PopID();
            }
            ImGui::EndCombo();
        }
        probe_tag(std::string("post:") + f.key, current);
        error_under(f, w);
    };

    // The choices: every product; the creator's briefs and samples (and whatever the post
    // names already).
    std::vector<std::pair<Id, std::string>> products, briefs, samples;
    for (const Product& x : p.products) products.emplace_back(x.id, x.name + " (" + x.sku + ")");
    for (const Brief& b : p.briefs)
        if (b.id == form_.brief_id || std::find(b.creator_ids.begin(), b.creator_ids.end(), c.id) != b.creator_ids.end())
            briefs.emplace_back(b.id, brief_label(p, b.id));
    for (const Sample& s : p.samples)
        if (s.creator_id == c.id || s.id == form_.sample_id) samples.emplace_back(s.id, sample_label(p, s.id));

    auto cell = [&](size_t i, float w) {
        const FieldInfo& f = kFields[i];
        const std::string key = f.key;
        if (key == "link") {
            text_cell(f, form_.entry.link, "tiktok.com/@handle/video/...", w);
            const PostLink l = parse_post_link(form_.entry.link);
            if (l.ok() && !l.handle.empty() && handle_key(l.handle) != handle_key(c.handle)) {
                const std::string warn = "This link is @" + l.handle + "'s post, not @" + c.handle + "'s.";
                ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
                ImGui::TextColored(palette().warning, "%s", warn.c_str());
                ImGui::PopTextWrapPos();
                probe_tag("warning:post:link", warn);
            }
        } else if (key == "published") {
            text_cell(f, form_.entry.published, "no date: YYYY-MM-DD", w);
        } else if (key == "product") {
            combo_cell(f, form_.product_id, product_label(p, form_.product_id), products, w);
        } else if (key == "brief") {
            combo_cell(f, form_.brief_id, brief_label(p, form_.brief_id), briefs, w, [&](Id id) {
                for (const Brief& b : p.briefs)
                    if (b.id == id) {
                        form_.hook = b.hook;  // the angle the brief asked for, unless changed
                        if (form_.product_id == 0) form_.product_id = b.product_id;
                    }
            });
        } else if (key == "sample") {
            combo_cell(f, form_.sample_id, sample_label(p, form_.sample_id), samples, w, [&](Id id) {
                for (const Sample& s : p.samples)
                    if (s.id == id && form_.product_id == 0) form_.product_id = s.product_id;
            });
        } else if (key == "hook") {
            caption(f.caption);
            ImGui::SetNextItemWidth(w);
            if (ImGui::BeginCombo("##post-hook", hook_angle_label(form_.hook))) {
                for (int h = 0; h < enum_count<HookAngle>(); ++h)
                    if (ImGui::Selectable(hook_angle_label(static_cast<HookAngle>(h)), h == static_cast<int>(form_.hook)))
                        form_.hook = static_cast<HookAngle>(h);
                ImGui::EndCombo();
            }
            probe_tag("post:hook", hook_angle_label(form_.hook));
        } else if (key == "source") {
            caption(f.caption);
            int src = static_cast<int>(form_.source);
            ImGui::RadioButton("organic", &src, static_cast<int>(PostSource::organic));
            ImGui::SameLine();
            ImGui::RadioButton("spark", &src, static_cast<int>(PostSource::spark));
            form_.source = static_cast<PostSource>(src);
            probe_tag("post:source", std::string(name_of(form_.source)));
        } else if (key == "compliance") {
            caption(f.caption);
            check_box("passed##post-compliance", &form_.compliance_passed);
            probe_tag("post:compliance", form_.compliance_passed ? "passed" : "not passed");
        } else if (key == "creator_fee") {
            caption(f.caption);
            const float box = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("by hand").x;
            const float field_w = std::max(em(4), w - box - ImGui::GetStyle().ItemSpacing.x);
            ImGui::SetNextItemWidth(field_w);
            if (form_.fee_by_hand) {
                enter |= input_string("##post-creator_fee", form_.entry.creator_fee, nullptr, ef);
                probe_tag("post:creator_fee", form_.entry.creator_fee);
            } else {
                // The deal's fee, shown; it follows the creator's fee per post.
                std::string deal = number_text(c.flat_fee);
                ImGui::BeginDisabled();
                input_string("##post-creator_fee-deal", deal, nullptr, ImGuiInputTextFlags_ReadOnly);
                ImGui::EndDisabled();
                probe_tag("post:creator_fee", deal);
                if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
                    ImGui::SetTooltip("The creator's fee per post (%s); tick \"by hand\" to set this post's own.",
                                      fmt_money(c.flat_fee, cur).c_str());
            }
            ImGui::SameLine();
            if (check_box("by hand##post-fee", &form_.fee_by_hand) && form_.fee_by_hand && form_.editing == 0)
                form_.entry.creator_fee = number_text(c.flat_fee);
            probe_tag("post:fee_by_hand", form_.fee_by_hand ? "by hand" : "the deal");
            error_under(f, w);
        } else {
            std::string* value = nullptr;
            const char* hint = "0";
            PostEntry& e = form_.entry;
            if (key == "views") value = &e.views;
            else if (key == "hold_rate_3s") value = &e.hold_rate_3s, hint = "e.g. 32";
            else if (key == "clicks") value = &e.clicks;
            else if (key == "orders") value = &e.orders;
            else if (key == "units") value = &e.units, hint = "= orders";
            else if (key == "gmv") value = &e.gmv, hint = "0.00";
            else if (key == "refunded") value = &e.refunded, hint = "0.00";
            else if (key == "buyers") value = &e.buyers;
            else if (key == "repeat_buyers_60d") value = &e.repeat_buyers_60d;
            else if (key == "commission") value = &e.commission, hint = "0.00";
            if (value) text_cell(f, *value, hint, w);
        }
    };
    const size_t count = sizeof kFields / sizeof kFields[0];
    const int per_row = std::clamp(static_cast<int>(ImGui::GetContentRegionAvail().x / em(10)), 1, 4);
    // The link on a line of its own: it is long, and what a new post starts from.
    spark_parts::field_row(1, [&](int, float w) { cell(0, w); });
    for (size_t at = 1; at < count; at += static_cast<size_t>(per_row))
        spark_parts::field_row(per_row, [&](int i, float w) {
            if (at + static_cast<size_t>(i) < count) cell(at + static_cast<size_t>(i), w);
        });

    ImGui::Spacing();
    if (primary_button(form_.editing ? "Save post" : "Add post", ImVec2(em(7), 0)) || enter) submit(c);
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
        form_ = Form{};
        return;
    }
    if (form_.editing) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        if (ImGui::Button("Remove this post")) remove_.open();
        ImGui::PopStyleColor();
    }
    if (form_.scroll_to > 0) {  // the buttons at the bottom of the column, the editor above them
        ImGui::SetScrollHereY(1.0f);
        --form_.scroll_to;
    }
    // Refusals that are not about one field (a read-only tab, Spark Codes still on the post).
    std::string other;
    for (const auto& [field, why] : form_.errors)
        if (!form_field(field)) other += (other.empty() ? "" : " ") + why;
    if (!other.empty()) message_line(palette().error, other, "error:post:form");

    const Post* x = store_.find_post(form_.editing);
    const bool yes = remove_.draw("Remove post?", "Remove post", [&]() -> std::string {
        if (!x) return "";
        return "Remove post " + video_of(*x) + " (" + (x->published ? x->published->to_string() : std::string("no date")) + ", " +
               fmt_money(x->gmv, cur) + " GMV) from @" + c.handle + "? Undo (Ctrl+Z) brings it back.";
    });
    if (yes) remove_post(c);
}

}  // namespace sr::ui
