#include "samples_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "core/enums.hpp"
#include "core/format.hpp"
#include "core/input.hpp"
#include "core/rules.hpp"
#include "core/status_moves.hpp"
#include "core/validate.hpp"
#include "probe.hpp"
#include "style.hpp"
#include "table_util.hpp"

namespace sr::ui {

namespace {

enum Column { col_creator, col_product, col_requested, col_shipped, col_delivered, col_cost, col_status, col_count };
enum RateColumn { rcol_creator, rcol_delivered, rcol_posted, rcol_rate, rcol_count };

const char* const* const kStatusLabels = sample_status_labels();

std::string date_text(const std::optional<Date>& d) { return d ? d->to_string() : ""; }

int cmp_date(const std::optional<Date>& a, const std::optional<Date>& b) {
    const int x = a ? a->days : INT32_MIN, y = b ? b->days : INT32_MIN;
    return x < y ? -1 : x > y;
}

const Creator* creator_of(const Program& p, Id id) {
    for (const Creator& c : p.creators)
        if (c.id == id) return &c;
    return nullptr;
}
const Product* product_of(const Program& p, Id id) {
    for (const Product& x : p.products)
        if (x.id == id) return &x;
    return nullptr;
}

std::string handle_of(const Program& p, Id id) {
    const Creator* c = creator_of(p, id);
    return c ? "@" + c->handle : "(no creator)";
}
std::string product_name(const Program& p, Id id) {
    const Product* x = product_of(p, id);
    return x ? x->name : "(no product)";
}

std::string rate_text(const PostingRate& r) {
    auto v = r.rate();
    return v ? fmt_percent(*v) : "-";
}

csv::Cell date_cell(const std::optional<Date>& d) { return d ? csv::Cell::text(d->to_string()) : csv::Cell::none(); }

}  // namespace

SamplesView::SamplesView(Store& store) : store_(store) {
    using csv::Cell;
    auto sample = [this](size_t r) -> const Sample& { return store_.program().samples[r]; };
    columns_ = {
        // The creator's handle as stored, without the "@".
        {"Creator", col_creator, 1.3f, ImGuiTableColumnFlags_DefaultSort, ColumnKind::text, [=](size_t r) {
             const Creator* c = creator_of(store_.program(), sample(r).creator_id);
             return c ? Cell::text(c->handle) : Cell::none();
         }},
        {"Product", col_product, 1.8f, 0, ColumnKind::text, [=](size_t r) {
             const Product* x = product_of(store_.program(), sample(r).product_id);
             return x ? Cell::text(x->name) : Cell::none();
         }},
        {"Requested", col_requested, 0.9f, 0, ColumnKind::text, [=](size_t r) { return date_cell(sample(r).requested); }},
        {"Shipped", col_shipped, 0.9f, 0, ColumnKind::text, [=](size_t r) { return date_cell(sample(r).shipped); }},
        {"Delivered", col_delivered, 0.9f, 0, ColumnKind::text, [=](size_t r) { return date_cell(sample(r).delivered); }},
        {"Cost", col_cost, 0.6f, 0, ColumnKind::money, [=](size_t r) { return Cell::money(sample(r).cost); }},
        {"Status", col_status, 0.8f, 0, ColumnKind::text,
         [=](size_t r) { return Cell::text(kStatusLabels[static_cast<int>(sample(r).status)]); }},
    };
    auto rate = [this](size_t r) -> const CreatorRate& { return rates_[r]; };
    rate_columns_ = {
        {"Creator", rcol_creator, 1.5f, 0, ColumnKind::text, [=](size_t r) {
             const std::string& h = rate(r).handle;
             return Cell::text(!h.empty() && h[0] == '@' ? h.substr(1) : h);
         }},
        {"Delivered", rcol_delivered, 0.8f, 0, ColumnKind::number, [=](size_t r) { return Cell::integer(rate(r).rate.delivered); }},
        {"Posted", rcol_posted, 0.7f, 0, ColumnKind::number, [=](size_t r) { return Cell::integer(rate(r).rate.posted); }},
        {"Rate", rcol_rate, 0.7f, ImGuiTableColumnFlags_DefaultSort, ColumnKind::percent, [=](size_t r) {
             const auto v = rate(r).rate.rate();
             return v ? Cell::number(*v * 100.0, 4) : Cell::none();
         }},
    };
}

void SamplesView::refresh(Date today) {
    if (derived_revision_ == store_.revision() && derived_today_ == today) return;
    const Program& p = store_.program();
    overall_ = posting_rate(p);
    followups_ = sample_followups(p, today);
    std::unordered_map<Id, bool> seen;
    rates_.clear();
    for (const Sample& s : p.samples) {
        if (!s.delivered || seen[s.creator_id]) continue;
        seen[s.creator_id] = true;
        rates_.push_back({s.creator_id, handle_of(p, s.creator_id), posting_rate(p, s.creator_id)});
    }
    derived_revision_ = store_.revision();
    derived_today_ = today;
    rates_dirty_ = true;
}

void SamplesView::draw(Context& ctx) {
    refresh(ctx.today);
    const Program& p = store_.program();

    // The posting rate, with the industry's reality beside it.
    {
        std::string line = "Posting rate: " + rate_text(overall_);
        if (overall_.delivered)
            line += " (" + fmt_int(overall_.posted) + " of " + fmt_int(overall_.delivered) +
                    " delivered samples led to a post)";
        else
            line += " (no sample delivered yet)";
        ImGui::TextUnformatted(line.c_str());
        probe_tag("samples:posting-rate", line);
        ImGui::SameLine();
        const std::string typical = "Industry reality: " + typical_posting_rate_text() + " of delivered samples lead to a post.";
        ImGui::TextDisabled("%s", typical.c_str());
    }

    if (filter_box("##sample-filter", filter_, "Filter: creator or product", 14, focus_filter_)) rows_dirty_ = true;
    ImGui::SameLine();
    if (status_filter("##sample-status-filter", status_filter_, kStatusLabels, enum_count<SampleStatus>(), 8))
        rows_dirty_ = true;
    ImGui::SameLine();
    if (store_.revision() != rows_revision_ || rows_dirty_) rebuild_rows();
    ImGui::TextDisabled("%s of %s samples", fmt_int(static_cast<int64_t>(rows_.size())).c_str(),
                        fmt_int(static_cast<int64_t>(p.samples.size())).c_str());
    ImGui::SameLine();
    export_button("samples", columns_, rows_, p.settings.currency, ctx.today);

    const float avail_w = ImGui::GetContentRegionAvail().x;
    const float avail_h = ImGui::GetContentRegionAvail().y;
    const bool side_by_side = avail_w > em(52);
    const float form_w = side_by_side ? std::min(em(20), avail_w * 0.35f) : avail_w;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float left_w = side_by_side ? avail_w - form_w - gap : avail_w;

    ImGui::BeginChild("##samples-left", ImVec2(left_w, side_by_side ? avail_h : avail_h * 0.7f));
    const float table_h = std::max(em(8), ImGui::GetContentRegionAvail().y * 0.55f);
    draw_table(table_h);
    const float lower_h = ImGui::GetContentRegionAvail().y;
    const float half = (ImGui::GetContentRegionAvail().x - gap) * 0.5f;
    ImGui::BeginChild("##followups", ImVec2(half, lower_h), true);
    draw_followups(ctx, lower_h);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##rates", ImVec2(0, lower_h), true);
    draw_rates(ctx, lower_h);
    ImGui::EndChild();
    ImGui::EndChild();
    if (side_by_side) ImGui::SameLine();
    ImGui::BeginChild("##sample-form", ImVec2(side_by_side ? form_w : 0, side_by_side ? avail_h : 0), true);
    draw_form(ctx);
    ImGui::EndChild();
}

void SamplesView::rebuild_rows() {
    const Program& p = store_.program();
    const std::string needle = lower(filter_);
    std::unordered_map<Id, std::string> handles, products;
    for (const Creator& c : p.creators) handles[c.id] = lower(c.handle);
    for (const Product& x : p.products) products[x.id] = lower(x.name + " " + x.sku);
    rows_.clear();
    for (size_t i = 0; i < p.samples.size(); ++i) {
        const Sample& s = p.samples[i];
        if (status_filter_ && static_cast<int>(s.status) != status_filter_ - 1) continue;
        if (!needle.empty() && (handles[s.creator_id] + " " + products[s.product_id]).find(needle) == std::string::npos)
            continue;
        rows_.push_back(i);
    }
    sort_rows(
        rows_, sort_,
        [&](size_t a, size_t b, int col) {
            const Sample& x = p.samples[a];
            const Sample& y = p.samples[b];
            switch (col) {
                case col_creator: return handles[x.creator_id].compare(handles[y.creator_id]);
                case col_product: return products[x.product_id].compare(products[y.product_id]);
                case col_requested: return cmp_date(x.requested, y.requested);
                case col_shipped: return cmp_date(x.shipped, y.shipped);
                case col_delivered: return cmp_date(x.delivered, y.delivered);
                case col_cost: return cmp3(x.cost, y.cost);
                case col_status: return cmp3(static_cast<int>(x.status), static_cast<int>(y.status));
                default: return 0;
            }
        },
        [&](size_t a, size_t b) { return p.samples[a].id < p.samples[b].id; });
    rows_revision_ = store_.revision();
    rows_dirty_ = false;
}

void SamplesView::draw_table(float height) {
    const Program& p = store_.program();
    if (!ImGui::BeginTable("samples", col_count, kDataTableFlags, ImVec2(0, height))) return;
    setup_columns(columns_, "samples");
    if (take_sort(sort_)) rebuild_rows();
    std::unordered_map<Id, const Creator*> creators;
    std::unordered_map<Id, const Product*> products;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const Sample& s = p.samples[rows_[static_cast<size_t>(r)]];
            ImGui::PushID(static_cast<int>(s.id));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(col_creator);
            const std::string who = handle_of(p, s.creator_id);
            if (ImGui::Selectable(who.c_str(), form_.editing == s.id,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
                load_form(s);
            ImGui::TableSetColumnIndex(col_product);
            ImGui::TextUnformatted(product_name(p, s.product_id).c_str());
            ImGui::TableSetColumnIndex(col_requested);
            ImGui::TextUnformatted(date_text(s.requested).c_str());
            ImGui::TableSetColumnIndex(col_shipped);
            ImGui::TextUnformatted(date_text(s.shipped).c_str());
            ImGui::TableSetColumnIndex(col_delivered);
            ImGui::TextUnformatted(date_text(s.delivered).c_str());
            ImGui::TableSetColumnIndex(col_cost);
            ImGui::TextUnformatted(fmt_money(s.cost, p.settings.currency).c_str());
            ImGui::TableSetColumnIndex(col_status);
            const char* label = status_label(s.status);
            if (s.status == SampleStatus::no_post) ImGui::TextColored(palette().warning, "%s", label);
            else if (s.status == SampleStatus::posted) ImGui::TextColored(palette().ok, "%s", label);
            else if (s.status == SampleStatus::declined || s.status == SampleStatus::cancelled) ImGui::TextDisabled("%s", label);
            else ImGui::TextUnformatted(label);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

void SamplesView::draw_followups(Context& ctx, float) {
    const Program& p = store_.program();
    ImGui::Text("Follow-ups: delivered %d+ days ago, no post (%zu)", p.settings.sample_followup_days, followups_.size());
    probe_tag("samples:followups", std::to_string(followups_.size()));
    ImGui::Separator();
    if (followups_.empty()) {
        ImGui::TextDisabled("Nothing to chase: every delivered sample has a post or is recent.");
        return;
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(followups_.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const SampleFollowUp& f = followups_[static_cast<size_t>(i)];
            ImGui::PushID(static_cast<int>(f.sample_id));
            const std::string who = handle_of(p, f.creator_id);
            ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
            if (ImGui::SmallButton(who.c_str())) ctx.nav.go("creator", f.creator_id);
            ImGui::PopStyleColor();
            probe_tag("followup:" + std::to_string(i), who);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open %s", who.c_str());
            ImGui::SameLine();
            if (ImGui::SmallButton("Open sample"))
                if (const Sample* s = store_.find_sample(f.sample_id)) load_form(*s);
            ImGui::SameLine();
            if (ImGui::SmallButton("Close as no post"))
                if (const Sample* s = store_.find_sample(f.sample_id)) set_status(*s, SampleStatus::no_post, ctx.today);
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled("%s", f.message.c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopID();
        }
    }
}

void SamplesView::draw_rates(Context& ctx, float) {
    ImGui::TextUnformatted("Posting rate by creator");
    export_button_right("posting-rates", rate_columns_, rate_rows_, store_.program().settings.currency, ctx.today, true);
    ImGui::Separator();
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerV;
    if (!ImGui::BeginTable("posting-rates", rcol_count, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    setup_columns(rate_columns_, "posting-rates");
    if (take_sort(rate_sort_) || rates_dirty_) {
        rate_rows_.resize(rates_.size());
        for (size_t i = 0; i < rates_.size(); ++i) rate_rows_[i] = i;
        sort_rows(
            rate_rows_, rate_sort_,
            [&](size_t ia, size_t ib, int col) {
                const CreatorRate& a = rates_[ia];
                const CreatorRate& b = rates_[ib];
                switch (col) {
                    case rcol_creator: return lower(a.handle).compare(lower(b.handle));
                    case rcol_delivered: return cmp3(a.rate.delivered, b.rate.delivered);
                    case rcol_posted: return cmp3(a.rate.posted, b.rate.posted);
                    case rcol_rate: return cmp3(a.rate.rate().value_or(-1), b.rate.rate().value_or(-1));
                    default: return 0;
                }
            },
            [&](size_t a, size_t b) { return rates_[a].creator_id < rates_[b].creator_id; });
        rates_dirty_ = false;
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rate_rows_.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const CreatorRate& r = rates_[rate_rows_[static_cast<size_t>(i)]];
            ImGui::PushID(static_cast<int>(r.creator_id));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(rcol_creator);
            if (ImGui::Selectable(r.handle.c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
                ctx.nav.go("creator", r.creator_id);
            ImGui::TableSetColumnIndex(rcol_delivered);
            ImGui::Text("%d", r.rate.delivered);
            ImGui::TableSetColumnIndex(rcol_posted);
            ImGui::Text("%d", r.rate.posted);
            ImGui::TableSetColumnIndex(rcol_rate);
            if (posting_rate_vs_typical(r.rate) < 0) ImGui::TextColored(palette().warning, "%s", rate_text(r.rate).c_str());
            else ImGui::TextUnformatted(rate_text(r.rate).c_str());
            if (ImGui::IsItemHovered() && r.rate.rate())
                ImGui::SetTooltip("Programs usually see %s.", typical_posting_rate_text().c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

void SamplesView::load_form(const Sample& x) {
    form_ = Form{};
    form_.editing = x.id;
    form_.creator_id = x.creator_id;
    form_.product_id = x.product_id;
    form_.requested = date_text(x.requested);
    form_.shipped = date_text(x.shipped);
    form_.delivered = date_text(x.delivered);
    form_.cost = number_text(x.cost);
    form_.status = static_cast<int>(x.status);
    notice_.clear();
}

bool SamplesView::build(Sample& x) {
    form_.errors.clear();
    if (form_.editing)
        if (const Sample* existing = store_.find_sample(form_.editing)) x = *existing;
    x.creator_id = form_.creator_id;
    x.product_id = form_.product_id;
    auto date = [&](const std::string& text, const char* field, std::optional<Date>& out) {
        const std::string t = trim(text);
        if (t.empty()) out.reset();
        else if (auto d = Date::parse(t)) out = *d;
        else form_.errors[field] = "Use a date like 2025-03-01, or leave it empty.";
    };
    date(form_.requested, "requested", x.requested);
    date(form_.shipped, "shipped", x.shipped);
    date(form_.delivered, "delivered", x.delivered);
    if (trim(form_.cost).empty()) x.cost = 0;
    else if (auto v = parse_number(form_.cost)) x.cost = *v;
    else form_.errors["cost"] = "Cost is a number such as 12.50.";
    x.status = static_cast<SampleStatus>(form_.status);
    for (const FieldError& e : validate_sample(x, store_.program())) form_.errors.emplace(e.field, e.message);
    return form_.errors.empty();
}

void SamplesView::submit() {
    notice_.clear();
    Sample x;
    if (!build(x)) return;
    const bool adding = form_.editing == 0;
    CommandResult r = adding ? store_.add_sample(x) : store_.update_sample(x);
    if (!r.ok) {
        for (const FieldError& e : r.errors) form_.errors.emplace(e.field, e.message);
        return;
    }
    if (adding) {
        form_ = Form{};
        notice_ = "Added the sample.";
    } else {
        if (const Sample* s = store_.find_sample(r.id)) load_form(*s);
        notice_ = "Saved the sample.";
    }
}

// One click moves a sample along, filling the date the new status needs.
void SamplesView::set_status(const Sample& s, SampleStatus to, Date today) {
    Sample x = s;
    x.status = to;
    if ((to == SampleStatus::shipped || to == SampleStatus::delivered) && !x.shipped) x.shipped = today;
    if (to == SampleStatus::delivered && !x.delivered) x.delivered = today;
    if (to == SampleStatus::shipped && x.requested && *x.shipped < *x.requested) x.shipped = x.requested;
    CommandResult r = store_.update_sample(x);
    if (r.ok) {
        if (form_.editing == s.id)
            if (const Sample* cur = store_.find_sample(s.id)) load_form(*cur);
        notice_ = "Marked " + std::string(status_label(to)) + ".";
    } else {
        form_.errors.clear();
        for (const FieldError& e : r.errors) form_.errors.emplace(e.field, e.message);
        notice_.clear();
    }
}

void SamplesView::draw_form(Context& ctx) {
    const Program& p = store_.program();
    const bool editing = form_.editing != 0;
    const Sample* current = editing ? store_.find_sample(form_.editing) : nullptr;
    if (editing && !current) {
        form_ = Form{};
        current = nullptr;
    }
    ImGui::TextUnformatted(form_.editing ? "Edit sample" : "New sample");
    ImGui::Separator();

    caption("Creator");
    ImGui::SetNextItemWidth(-FLT_MIN);
    const std::string who = form_.creator_id ? handle_of(p, form_.creator_id) : "Choose a creator";
    if (ImGui::BeginCombo("##sample-creator", who.c_str(), ImGuiComboFlags_HeightLarge)) {
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(p.creators.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const Creator& c = p.creators[static_cast<size_t>(i)];
                ImGui::PushID(static_cast<int>(c.id));
                if (ImGui::Selectable(("@" + c.handle).c_str(), form_.creator_id == c.id)) form_.creator_id = c.id;
                ImGui::PopID();
            }
        ImGui::EndCombo();
    }
    probe_tag("Creator");
    field_error(form_.errors, "creator_id");

    caption("Product");
    ImGui::SetNextItemWidth(-FLT_MIN);
    const std::string what = form_.product_id ? product_name(p, form_.product_id) : "Choose a product";
    if (ImGui::BeginCombo("##sample-product", what.c_str())) {
        for (const Product& x : p.products) {
            ImGui::PushID(static_cast<int>(x.id));
            if (ImGui::Selectable((x.name + " (" + x.sku + ")").c_str(), form_.product_id == x.id))
                form_.product_id = x.id;
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    probe_tag("Product");
    field_error(form_.errors, "product_id");

    auto text_field = [&](const char* cap, const char* id, std::string& v, const char* field, const char* hint) {
        caption(cap);
        ImGui::SetNextItemWidth(-FLT_MIN);
        input_string(id, v, hint);
        probe_tag(cap);
        field_error(form_.errors, field);
    };
    text_field("Requested", "##requested", form_.requested, "requested", "YYYY-MM-DD");
    text_field("Shipped", "##shipped", form_.shipped, "shipped", "YYYY-MM-DD");
    text_field("Delivered", "##delivered", form_.delivered, "delivered", "YYYY-MM-DD");
    text_field("Cost", "##cost", form_.cost, "cost", "0.00");
    caption("Status");
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::Combo("##sample-status", &form_.status, kStatusLabels, enum_count<SampleStatus>());
    probe_tag("Status");
    field_error(form_.errors, "status");

    ImGui::Spacing();
    if (primary_button(editing ? "Save sample" : "Add sample", ImVec2(em(8), 0))) submit();
    if (editing) {
        ImGui::SameLine();
        if (ImGui::Button("New")) form_ = Form{};
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        if (ImGui::Button("Delete")) delete_.open();
        ImGui::PopStyleColor();
    }
    field_error(form_.errors, "id");
    if (!notice_.empty()) message_line(palette().ok, notice_, "notice");

    // The next step for this sample, one click each, through the Store.
    if (current) {
        ImGui::Spacing();
        ImGui::TextDisabled("Move it along");
        const SampleStatus st = current->status;
        if (st == SampleStatus::requested && ImGui::Button("Approve")) set_status(*current, SampleStatus::approved, ctx.today);
        if ((st == SampleStatus::requested || st == SampleStatus::approved) && ImGui::Button("Mark shipped today"))
            set_status(*current, SampleStatus::shipped, ctx.today);
        if (st == SampleStatus::shipped && ImGui::Button("Mark delivered today"))
            set_status(*current, SampleStatus::delivered, ctx.today);
        if (st == SampleStatus::delivered || st == SampleStatus::no_post)
            if (ImGui::Button("Mark posted")) set_status(*current, SampleStatus::posted, ctx.today);
        if (st == SampleStatus::delivered) {
            ImGui::SameLine();
            if (ImGui::Button("Close as no post")) set_status(*current, SampleStatus::no_post, ctx.today);
        }
        if (st == SampleStatus::requested) {
            ImGui::SameLine();
            if (ImGui::Button("Decline")) set_status(*current, SampleStatus::declined, ctx.today);
        }
        if (move_allowed(st, SampleStatus::cancelled) && st != SampleStatus::cancelled) {
            ImGui::SameLine();
            if (ImGui::Button("Cancel sample")) set_status(*current, SampleStatus::cancelled, ctx.today);
        }
        const std::string can = allowed_moves_text(st);
        ImGui::TextDisabled("%s", can.empty() ? "Its status is final." : ("From " + lower(status_label(st)) + ": " + can + ".").c_str());
        const PostingRate r = posting_rate(p, current->creator_id);
        ImGui::Spacing();
        ImGui::TextDisabled("%s posts from %d of %d delivered samples (%s).", handle_of(p, current->creator_id).c_str(),
                            r.posted, r.delivered, rate_text(r).c_str());
        ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
        if (ImGui::SmallButton("Open creator")) ctx.nav.go("creator", current->creator_id);
        ImGui::PopStyleColor();
    }
    draw_delete_popup();
}

void SamplesView::draw_delete_popup() {
    const Sample* s = store_.find_sample(form_.editing);
    const bool yes = delete_.draw("Delete sample?", "Delete sample", [&]() -> std::string {
        if (!s) return "";
        const Program& p = store_.program();
        return "Delete the " + product_name(p, s->product_id) + " sample for " + handle_of(p, s->creator_id) +
               "? Undo (Ctrl+Z) brings it back.";
    });
    if (yes && s) {
        CommandResult r = store_.remove_sample(s->id);
        if (r.ok) {
            form_ = Form{};
            notice_ = "Deleted the sample. Undo brings it back.";
        } else {
            for (const FieldError& e : r.errors) form_.errors[e.field] = e.message;
        }
    }
}

}  // namespace sr::ui
