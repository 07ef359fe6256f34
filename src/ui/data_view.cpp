#include "data_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/backup.hpp"
#include "core/creators.hpp"
#include "core/format.hpp"
#include "core/sample.hpp"
#include "core/video_import.hpp"
#include "form_fields.hpp"
#include "platform/platform.hpp"
#include "probe.hpp"
#include "style.hpp"

namespace sr::ui {

namespace {

const char* kMappingKey = "spark-roster.orders-mapping";
// The columns the user mapped for the other exports, one mapping each (FieldMappings).
const char* kVideoMappingKey = "spark-roster.videos-mapping";
const char* kCreatorsMappingKey = "spark-roster.creators-mapping";
const char* kPaidMappingKey = "spark-roster.paid-mapping";

const char* field_mapping_key(ExportFamily f) {
    return f == ExportFamily::creators ? kCreatorsMappingKey : f == ExportFamily::paid ? kPaidMappingKey : kVideoMappingKey;
}

FieldMappings remembered_field_mappings() {
    FieldMappings m;
    for (ExportFamily f : {ExportFamily::videos, ExportFamily::creators, ExportFamily::paid})
        m.of(f) = field_mapping_from_json(platform::local_get(field_mapping_key(f)));
    return m;
}

// A mapping screen's chooser of the file's column for a field (`choice`: its index, -1 none).
// Returns what it shows: the header, "(column 3, no header)" or "(not in this file)".
std::string column_combo(const char* id, int& choice, const std::vector<std::string>& headers) {
    auto label = [&headers](size_t h) {
        return headers[h].empty() ? "(column " + std::to_string(h + 1) + ", no header)" : headers[h];
    };
    const std::string preview =
        choice >= 0 && static_cast<size_t>(choice) < headers.size() ? label(static_cast<size_t>(choice)) : "(not in this file)";
    if (ImGui::BeginCombo(id, preview.c_str())) {
        if (ImGui::Selectable("(not in this file)", choice < 0)) choice = -1;
        for (size_t h = 0; h < headers.size(); ++h) {
            ImGui::PushID(static_cast<int>(h));
            if (ImGui::Selectable(label(h).c_str(), choice == static_cast<int>(h))) choice = static_cast<int>(h);
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    return preview;
}

// "video performance", "a creator list", "a paid report": what a file is read as.
const char* read_as(ExportFamily f) {
    return f == ExportFamily::creators ? "a creator list" : f == ExportFamily::paid ? "a paid report" : "video performance";
}
// How dates such as 03/04/2026 are read when a file does not say: the user's answer, kept.
const char* kDateOrderKey = "spark-roster.date-order";

OrdersImportOptions import_options(Date today) {
    OrdersImportOptions o;
    if (platform::local_get(kDateOrderKey) == "month_first") o.date_order = DateOrder::month_first;
    o.today = today;  // dates a paid report that has no day column
    return o;
}

const char* date_order_name(DateOrder d) { return d == DateOrder::month_first ? "month_first" : "day_first"; }

const char* date_order_from_name(DateOrderFrom f) {
    switch (f) {
        case DateOrderFrom::file: return "file";
        case DateOrderFrom::option: return "option";
        case DateOrderFrom::conflict: return "conflict";
        default: return "none";
    }
}
constexpr uint32_t kSniffBytes = 64u << 10;  // enough to tell a backup from a CSV
constexpr size_t kSliceBytes = 256u << 10;   // a CSV is parsed in slices of this size ...
constexpr int kFrameBudgetMs = 30;           // ... for about this long per frame
constexpr int kXlsxFrameBudgetMs = 38;       // an .xlsx, whose pieces take a few ms: a frame stays under 50 ms

std::string count_of(size_t n, const char* one, const char* many) {
    return fmt_int(static_cast<int64_t>(n)) + " " + (n == 1 ? one : many);
}

// "36 creators, 14 products, 40 samples, 6 briefs, 120 posts and 15 Spark Codes"
std::string program_counts(const Program& p) {
    return count_of(p.creators.size(), "creator", "creators") + ", " + count_of(p.products.size(), "product", "products") +
           ", " + count_of(p.samples.size(), "sample", "samples") + ", " + count_of(p.briefs.size(), "brief", "briefs") +
           ", " + count_of(p.posts.size(), "post", "posts") + " and " +
           count_of(p.spark_codes.size(), "Spark Code", "Spark Codes");
}

constexpr float kColumnEm = 46;  // the width text and rules are kept to

// The heading of a part of the screen, in the accent colour with a rule under it.
void heading(const char* text) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = std::min(ImGui::GetContentRegionAvail().x, em(kColumnEm));
    ImGui::GetWindowDrawList()->AddLine(p, ImVec2(p.x + w, p.y), ImGui::GetColorU32(ImGuiCol_Separator));
    ImGui::Dummy(ImVec2(w, ImGui::GetStyle().ItemSpacing.y * 0.5f));
}

void wrapped(const std::string& text) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + em(kColumnEm));
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
}

void muted(const std::string& text, const std::string& tag = "") {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    wrapped(text);
    ImGui::PopStyleColor();
    if (!tag.empty()) probe_tag(tag, text);
}

// What a field of an orders file is needed for, on the mapping screen.
const char* field_need(OrderField f) {
    switch (f) {
        case OrderField::order_id:
        case OrderField::creator_username: return "required";
        case OrderField::payment_amount: return "required, or Price and Quantity";
        case OrderField::price:
        case OrderField::quantity: return "required without Payment Amount";
        default: return "optional";
    }
}

bool field_needed(OrderField f) {
    return order_field_always_required(f) || f == OrderField::payment_amount || f == OrderField::price ||
           f == OrderField::quantity;
}

}  // namespace

ColumnMapping remembered_mapping() { return mapping_from_json(platform::local_get(kMappingKey)); }

void remember_mapping(const ColumnMapping& m) { platform::local_set(kMappingKey, mapping_to_json(m)); }

namespace {
nlohmann::json orders_json(const OrdersImport& r, const std::string& error) {
    using nlohmann::json;
    json j;
    j["ok"] = r.ok() && error.empty();
    j["refused"] = r.ok() ? json(nullptr) : json(r.refused);
    j["error"] = error.empty() ? json(nullptr) : json(error);
    j["rows"] = r.rows;
    j["imported"] = r.imported;
    j["orders"] = r.orders;
    j["updated"] = r.updated;
    j["unchanged"] = r.unchanged;
    j["duplicates"] = r.duplicates;
    j["samples"] = r.samples;
    j["gmv"] = r.gmv;
    j["posts_updated"] = r.posts_updated;
    j["posts_created"] = r.posts_created;
    j["refused_count"] = r.problem_count;
    j["unmatched_count"] = r.unmatched_count;
    json rows = json::array();
    for (const RowProblem& p : r.problems)
        rows.push_back({{"row", p.row}, {"line", p.line}, {"order_id", p.order_id}, {"reason", p.reason}});
    j["refused_rows"] = std::move(rows);
    json un = json::array();
    for (const UnmatchedOrder& u : r.unmatched)
        un.push_back({{"row", u.row},
                      {"order_id", u.order_id},
                      {"creator", u.creator_username},
                      {"content_id", u.content_id},
                      {"amount", u.amount},
                      {"reason", u.reason}});
    j["unmatched"] = std::move(un);
    j["skipped"] = r.skipped;
    json skipped = json::array();
    for (const RowProblem& p : r.skipped_rows) skipped.push_back({{"row", p.row}, {"line", p.line}, {"reason", p.reason}});
    j["skipped_rows"] = std::move(skipped);
    j["dates"] = {{"order", date_order_name(r.dates.order)},
                  {"from", date_order_from_name(r.dates.from)},
                  {"either_way", r.dates.either_way}};
    return j;
}

const char* family_key(ExportFamily f) {
    switch (f) {
        case ExportFamily::orders: return "orders";
        case ExportFamily::videos: return "videos";
        case ExportFamily::creators: return "creators";
        case ExportFamily::paid: return "paid";
        default: return "none";
    }
}

nlohmann::json rows_json(const std::vector<RowProblem>& list) {
    nlohmann::json rows = nlohmann::json::array();
    for (const RowProblem& p : list) rows.push_back({{"row", p.row}, {"reason", p.reason}});
    return rows;
}
}  // namespace

std::string orders_import_json(const OrdersImport& r, const std::string& error) {
    return orders_json(r, error).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

OrdersImportOptions remembered_import_options(Date today) { return import_options(today); }

std::string export_import_json(const ExportImport& r, const std::string& error) {
    using nlohmann::json;
    json j;
    if (r.family == ExportFamily::orders || r.family == ExportFamily::none) {
        j = orders_json(r.orders, error);
        if (r.family == ExportFamily::none) j["refused"] = r.refusal();
    } else {
        j["error"] = error.empty() ? json(nullptr) : json(error);
        j["refused"] = r.ok() ? json(nullptr) : json(r.refusal());
    }
    j["ok"] = r.ok() && error.empty();
    j["family"] = family_key(r.family);
    j["found"] = r.found();
    j["summary"] = r.summary();
    j["tried"] = r.tried.empty() ? json(nullptr) : json(r.tried);
    if (r.family == ExportFamily::videos) {
        const VideoImport& v = r.videos;
        j["rows"] = v.rows;
        j["videos"] = v.videos;
        j["posts_updated"] = v.posts_updated;
        j["posts_created"] = v.posts_created;
        j["posts_unchanged"] = v.posts_unchanged;
        json un = json::array();
        for (const UnknownCreator& u : v.unknown_creators) un.push_back({{"creator", u.username}, {"videos", u.videos}, {"row", u.first_row}});
        j["unknown_creators"] = std::move(un);
        j["refused_rows"] = rows_json(v.problems);
    } else if (r.family == ExportFamily::creators) {
        const CreatorListImport& c = r.creators;
        j["rows"] = c.rows;
        j["creators"] = c.creators;
        j["to_add"] = c.to_add;
        j["followers_updated"] = c.followers_updated;
        j["unchanged"] = c.unchanged;
        j["refused_rows"] = rows_json(c.problems);
    } else if (r.family == ExportFamily::paid) {
        const PaidImport& p = r.paid;
        j["rows"] = p.rows;
        j["rows_placed"] = p.rows_placed;
        j["rounds"] = p.rounds;
        j["rounds_new"] = p.rounds_new;
        j["rounds_replaced"] = p.rounds_replaced;
        j["rounds_unchanged"] = p.rounds_unchanged;
        j["codes"] = p.codes;
        j["cost"] = p.cost;
        json un = json::array();
        for (const UnplacedAd& u : p.unplaced)
            un.push_back({{"name", u.name}, {"reason", u.reason}, {"rows", u.rows}, {"cost", u.cost}, {"by_name", u.by_name}});
        j["unplaced"] = std::move(un);
        j["refused_rows"] = rows_json(p.problems);
    }
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

DataView::DataView(Store& store, Persistence& persistence) : store_(store), persistence_(persistence) {
    choice_.fill(-1);
    platform::files_set_receiver(this);
}

DataView::~DataView() {
    platform::files_set_receiver(nullptr);
    close_file();
}

bool DataView::take_show_request() {
    const bool r = show_request_;
    show_request_ = false;
    return r;
}

bool DataView::close_dialog() {
    if (!confirm_open_) return false;
    confirm_open_ = false;
    confirm_ = Confirm::none;
    return true;
}

bool DataView::can_change() const { return persistence_.loaded() && !persistence_.read_only(); }

// ------------------------------------------------------------------ reading a file
// The reading itself is the core's (core/file_reading.hpp): this screen asks the browser for the
// pieces it wants, gives it a few milliseconds a frame, and shows where it ended.
ReadingSetup DataView::reading_setup(const ColumnMapping& mapping) const {
    ReadingSetup s;
    s.orders_mapping = mapping;
    s.options = import_options(today_);
    s.field_mappings = remembered_field_mappings();
    s.chunk_bytes = kChunkBytes;
    s.sniff_bytes = kSniffBytes;
    s.xlsx_limits.piece_bytes = kXlsxPieceBytes;
    return s;
}

void DataView::file_opened(int file, const std::string& name, uint64_t size) {
    show_request_ = true;
    close_file();  // a new file takes the place of one still open
    backup_.reset();
    result_ = OrdersImport{};
    notice_.clear();
    error_.clear();
    stage_ = Stage::home;
    if (!can_change()) {
        platform::files_close(file);
        error_ = persistence_.read_only()
                     ? name + " was not imported: this tab is read-only, the program is open for editing in another tab."
                     : name + " was not imported: the program has not finished loading. Try again in a moment.";
        return;
    }
    file_ = file;
    name_ = name;
    mapping_ = remembered_mapping();
    reading_ = std::make_unique<FileReading>(name, size, store_.program(), store_.revision(), reading_setup(mapping_));
    if (reading_->state() == FileReading::State::refused) return fail(reading_->message());
    stage_ = Stage::reading;
}

void DataView::file_chunk(int file, uint64_t offset, std::string_view bytes, const std::string& error) {
    if (file != file_ || !reading_) return;
    reading_->arrived(offset, bytes, error);
}

void DataView::request_next() {
    if (!reading_) return;
    if (auto q = reading_->next_request()) platform::files_read(file_, q->offset, q->length);
}

// Each frame: parse what arrived for a few milliseconds (a CSV in slices, so a frame stays
// short), keeping the next piece on its way meanwhile.
void DataView::pump() {
    if (stage_ != Stage::reading || !reading_) return;
    const auto start = std::chrono::steady_clock::now();
    const auto budget = std::chrono::milliseconds(reading_->kind() == FileReading::Kind::xlsx ? kXlsxFrameBudgetMs : kFrameBudgetMs);
    request_next();
    while (reading_->step(kSliceBytes)) {
        request_next();
        if (std::chrono::steady_clock::now() - start > budget) break;
    }
    request_next();
    if (reading_->done()) finish_reading();
}

// Where the reading ended: a backup to preview, an export's summary or preview, the mapping
// screen, or the reason it was refused.
void DataView::finish_reading() {
    FileReading& r = *reading_;
    switch (r.state()) {
        case FileReading::State::reading: return;
        case FileReading::State::refused: return fail(r.message());
        case FileReading::State::cancelled: return done(r.message());
        case FileReading::State::backup:
            backup_ = *r.backup();
            close_file();
            stage_ = Stage::backup;
            return;
        case FileReading::State::mapping:
            map_family_ = ExportFamily::orders;
            field_choice_.clear();
            tried_ = r.tried();
            headers_ = r.headers();
            choice_ = r.mapping_choices();
            stage_ = Stage::mapping;
            return;
        case FileReading::State::exports: break;
    }
    ExportImport read = std::move(r.result());
    tried_ = read.tried;
    if (read.family == ExportFamily::orders) {
        result_ = std::move(read.orders);
        headers_ = result_.columns.headers;
        stage_ = Stage::summary;  // the file stays open: the mapping can still change
        return;
    }
    export_ = std::move(read);
    creator_order_.clear();
    stage_ = Stage::exports;
}

// Reads the open file again from its start with this mapping (and the program as it is now).
void DataView::start_orders(const ColumnMapping& mapping) {
    mapping_ = mapping;
    if (reading_) reading_->restart(store_.program(), store_.revision(), reading_setup(mapping));
    result_ = OrdersImport{};
    export_ = ExportImport{};
    tried_.clear();
}

void DataView::close_file() {
    if (file_) platform::files_close(file_);
    file_ = 0;
    reading_.reset();
}

void DataView::fail(std::string message) {
    close_file();
    backup_.reset();
    result_ = OrdersImport{};
    export_ = ExportImport{};
    stage_ = Stage::home;
    error_ = std::move(message);
    notice_.clear();
}

void DataView::done(std::string message) {
    close_file();
    backup_.reset();
    result_ = OrdersImport{};
    export_ = ExportImport{};
    stage_ = Stage::home;
    notice_ = std::move(message);
    error_.clear();
}

// ------------------------------------------------------------------ drawing
void DataView::draw(Context& ctx) {
    today_ = ctx.today;
    if (stage_ != Stage::home && !can_change())
        fail(name_ + " was not imported: this tab became read-only (the program is open for editing in another tab).");
    pump();
    ImGui::BeginChild("##data", ImVec2(0, 0));
    draw_messages();
    switch (stage_) {
        case Stage::home: draw_home(ctx); break;
        case Stage::reading: draw_reading(); break;
        case Stage::backup: draw_backup(); break;
        case Stage::merge: draw_merge(); break;
        case Stage::mapping: draw_mapping(); break;
        case Stage::summary: draw_summary(); break;
        case Stage::exports: draw_export(ctx); break;
    }
    draw_confirm(ctx);
    ImGui::EndChild();
}

// The outcome of the last action, on a line kept for it so nothing below moves when it appears.
void DataView::draw_messages() {
    if (error_.empty() && notice_.empty()) ImGui::Dummy(ImVec2(em(1), ImGui::GetTextLineHeight()));
    if (!error_.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + em(kColumnEm));
        message_line(palette().error, error_, "data:error");
        ImGui::PopTextWrapPos();
    }
    if (!notice_.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + em(kColumnEm));
        message_line(palette().ok, notice_, "data:notice");
        ImGui::PopTextWrapPos();
    }
}

void DataView::draw_home(Context& ctx) {
    heading("Export a backup");
    wrapped("The whole program as one JSON file: keep it as a backup, or open it in another browser. "
            "Everything stays on this computer until you share the file.");
    check_box("Blank the Spark Codes", &blank_codes_);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Every Spark Code record stays, with its code left empty: safe to share with someone who "
                          "must not run ads with them.");
    if (primary_button("Download backup")) {
        ExportOptions o;
        o.pretty = true;
        o.redact_spark_codes = blank_codes_;
        const std::string file = "spark-roster-" + ctx.today.to_string() + ".json";
        const std::string data = export_program_json(store_.program(), o);
        platform::download(file, "application/json", data);
        notice_ = "Downloaded " + file + " (" + fmt_bytes(data.size()) + ")" +
                  (blank_codes_ ? ", with the Spark Codes blanked." : ".");
        error_.clear();
    }

    heading("Import a file");
    wrapped("A Spark Roster backup (.json), or a TikTok Shop export (.xlsx or .csv): affiliate orders, video performance, "
            "the creator list or a paid report, each known by its columns, in English or the shop's language. Choose one, or drop it anywhere on this page. Nothing changes until you have seen what the file holds and confirmed.");
    ImGui::BeginDisabled(!can_change());
    if (ImGui::Button("Import a file…")) platform::files_pick();
    ImGui::EndDisabled();
    if (persistence_.read_only())
        muted("This tab is read-only: the program is open for editing in another tab. Export works here; import "
              "there.");
    if (!saved_mapping_) {
        // The kinds of file read with a mapping the user set ("Orders and creator list files").
        std::vector<std::string> kinds;
        const std::string orders = platform::local_get(kMappingKey);
        if (!orders.empty() && orders != "{}") kinds.push_back("orders");
        for (ExportFamily f : {ExportFamily::videos, ExportFamily::creators, ExportFamily::paid}) {
            const std::string m = platform::local_get(field_mapping_key(f));
            if (!m.empty() && m != "{}")
                kinds.push_back(f == ExportFamily::videos ? "video performance" : f == ExportFamily::creators ? "creator list" : "paid report");
        }
        std::string list;
        for (size_t i = 0; i < kinds.size(); ++i)
            list += (i == 0 ? "" : i + 1 == kinds.size() ? " and " : ", ") + kinds[i];
        if (!list.empty()) list[0] = static_cast<char>(list[0] - 'a' + 'A');
        saved_mapping_ = list;
    }
    if (!saved_mapping_->empty()) {
        ImGui::AlignTextToFramePadding();
        const std::string line = *saved_mapping_ + " files are read with the column mapping you set last time.";
        ImGui::TextDisabled("%s", line.c_str());
        probe_tag("data:mappings", line);
        ImGui::SameLine();
        if (ImGui::SmallButton("Forget the mapping")) {
            platform::local_set(kMappingKey, "");
            for (ExportFamily f : {ExportFamily::videos, ExportFamily::creators, ExportFamily::paid})
                platform::local_set(field_mapping_key(f), "");
            saved_mapping_.reset();
            notice_ = "The column mapping is forgotten: files are read by their usual headers.";
            error_.clear();
        }
    }

    heading("Start over");
    wrapped("Replace the program with the sample one (36 creators with their products, samples, briefs, posts "
            "and Spark Codes), for a demo, or with an empty one. Undo brings your program back.");
    ImGui::BeginDisabled(!can_change());
    if (ImGui::Button("Load the sample program")) confirm_ = Confirm::sample;
    ImGui::SameLine();
    if (ImGui::Button("Start an empty program")) confirm_ = Confirm::empty;
    ImGui::EndDisabled();
}

void DataView::draw_reading() {
    heading(("Reading " + name_).c_str());
    const float frac = reading_ ? static_cast<float>(reading_->progress()) : 0.0f;
    char pct[16];
    std::snprintf(pct, sizeof pct, "%d %%", static_cast<int>(frac * 100.0f));
    ImGui::ProgressBar(frac, ImVec2(em(30), 0), pct);
    const std::string line = reading_ ? reading_->progress_line() : std::string();
    ImGui::TextUnformatted(line.c_str());
    probe_tag("data:progress", line);
    if (ImGui::Button("Cancel") && reading_) {
        reading_->cancel();
        done(reading_->message());
    }
}

void DataView::draw_backup() {
    heading(("Backup " + name_).c_str());
    const Program& b = *backup_;
    const std::string holds = "\"" + b.settings.program_name + "\": " + program_counts(b) + ".";
    wrapped(holds);
    probe_tag("backup:holds", holds);
    ImGui::Spacing();
    if (primary_button("Replace my program")) confirm_ = Confirm::replace;
    ImGui::SameLine();
    if (ImGui::Button("Merge by id")) {
        preview_ = preview_merge(store_.program(), b, store_.revision());
        stage_ = Stage::merge;
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) done("Nothing was imported from " + name_ + ".");
    ImGui::Spacing();
    muted("Replace: the backup becomes your program, settings included. Merge by id: records only in the backup "
          "are added, records in both take the backup's version, records only here stay; your settings are "
          "kept. You see what a merge does before it is applied.");
}

void DataView::draw_merge() {
    if (preview_.base_revision != store_.revision() && backup_)
        preview_ = preview_merge(store_.program(), *backup_, store_.revision());
    heading(("Merge " + name_ + " into your program").c_str());
    const MergePreview& m = preview_;
    const std::string counts = fmt_int(static_cast<int64_t>(m.added)) + " added, " +
                               fmt_int(static_cast<int64_t>(m.updated)) + " updated, " +
                               fmt_int(static_cast<int64_t>(m.conflicts)) + " in conflict, " +
                               fmt_int(static_cast<int64_t>(m.unchanged)) + " unchanged";
    ImGui::TextUnformatted(counts.c_str());
    probe_tag("merge:counts", counts);
    if (m.conflicts)
        muted("A record in conflict is left out and yours is kept as it is.");
    if (m.orders_added)
        muted(count_of(m.orders_added, "remembered order line is", "remembered order lines are") +
              " added, so those orders are not imported twice.");
    const std::string settings = m.settings_differ ? "Your settings are kept; the backup's settings differ and are not taken."
                                                   : "Your settings are kept (the backup's are the same).";
    muted(settings, "merge:settings");
    for (size_t i = 0; i < m.problems.size() && i < 5; ++i)
        message_line(palette().error, "Cannot merge: " + m.problems[i].to_string(), i == 0 ? "merge:problem" : "");

    const bool nothing = m.added == 0 && m.updated == 0 && m.orders_added == 0;
    if (nothing && m.ok()) muted("Nothing to merge: everything in the backup is already here.");
    ImGui::Spacing();
    ImGui::BeginDisabled(!m.ok() || nothing);
    const bool apply = primary_button("Apply merge");
    ImGui::EndDisabled();
    if (apply) {
        CommandResult r = store_.apply_merge(preview_, "Merge " + name_);
        if (r.ok) return done("Merged " + name_ + ": " + counts + ". Undo (Ctrl+Z) takes the merge back.");
        error_ = r.errors.empty() ? "The merge was refused." : r.errors.front().message;
    }
    ImGui::SameLine();
    if (ImGui::Button("Back")) stage_ = Stage::backup;
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) return done("Nothing was imported from " + name_ + ".");

    if (m.items.empty()) return;
    ImGui::Spacing();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("merge items", 4, flags, ImVec2(std::min(ImGui::GetContentRegionAvail().x, em(56)), 0))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthFixed, em(6));
        ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthFixed, em(6));
        ImGui::TableSetupColumn("Record", ImGuiTableColumnFlags_WidthFixed, em(14));
        ImGui::TableSetupColumn("Why", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        ImGuiListClipper clip;
        clip.Begin(static_cast<int>(m.items.size()));
        while (clip.Step()) {
            for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
                const MergeItem& it = m.items[static_cast<size_t>(i)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                if (it.action == MergeAction::conflict) ImGui::TextColored(palette().error, "conflict");
                else if (it.action == MergeAction::added) ImGui::TextColored(palette().ok, "added");
                else ImGui::TextUnformatted("updated");
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(it.kind.c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%s (id %lld)", it.label.c_str(), static_cast<long long>(it.id));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(it.reason.c_str());
            }
        }
        ImGui::EndTable();
    }
}

void DataView::draw_mapping() {
    heading(("Columns of " + name_).c_str());
    if (!tried_.empty()) {
        message_line(palette().warning,
                     "These columns are not those of an export Spark Roster knows (" + tried_ +
                         "). Map them as one of these exports, or import another file.",
                     "mapping:tried");
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Map the columns as");
        const std::pair<const char*, ExportFamily> kinds[] = {{"affiliate orders", ExportFamily::orders},
                                                              {"video performance", ExportFamily::videos},
                                                              {"creator list", ExportFamily::creators},
                                                              {"paid report", ExportFamily::paid}};
        for (const auto& [label, f] : kinds) {
            ImGui::SameLine();
            if (ImGui::RadioButton(label, map_family_ == f) && map_family_ != f) {
                map_family_ = f;
                field_choice_.clear();
            }
        }
    }
    if (map_family_ != ExportFamily::orders) return draw_field_mapping(map_family_);
    wrapped("Some columns this import needs are not under their usual names. Pick the column of your file that "
            "holds each field; the mapping is remembered for your next import.");
    // The mapping the choices make: a header only where it differs from the usual one, "-" to
    // ignore a usual column the user turned off.
    ColumnMapping m;
    for (int f = 0; f < kOrderFieldCount; ++f) {
        const std::string usual = header_key(order_field_header(static_cast<OrderField>(f)));
        const int c = choice_[f];
        if (c >= 0 && static_cast<size_t>(c) < headers_.size()) {
            if (header_key(headers_[static_cast<size_t>(c)]) != usual) m.headers[f] = headers_[static_cast<size_t>(c)];
        } else {
            for (const std::string& h : headers_)
                if (header_key(h) == usual) m.headers[f] = "-";
        }
    }
    const ColumnMatch check = match_columns(headers_, m);
    if (!check.ok()) {
        std::string names;
        for (size_t i = 0; i < check.missing_required.size(); ++i)
            names += (i ? ", " : "") + check.missing_required[i];
        message_line(palette().error, "Still needed: " + names + ".", "mapping:missing");
    }
    ImGui::Spacing();
    ImGui::BeginDisabled(!check.ok());
    if (primary_button("Import with this mapping")) {
        remember_mapping(m);
        saved_mapping_.reset();
        start_orders(m);
        stage_ = Stage::reading;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) return done("Nothing was imported from " + name_ + ".");
    ImGui::Spacing();

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("mapping", 3, flags)) {
        ImGui::TableSetupColumn("Field", ImGuiTableColumnFlags_WidthFixed, em(15));
        ImGui::TableSetupColumn("Needed", ImGuiTableColumnFlags_WidthFixed, em(14));
        ImGui::TableSetupColumn("Column in this file", ImGuiTableColumnFlags_WidthFixed, em(16));
        ImGui::TableHeadersRow();
        for (int f = 0; f < kOrderFieldCount; ++f) {
            const OrderField field = static_cast<OrderField>(f);
            ImGui::PushID(f);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(order_field_header(field));
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            if (field_needed(field)) ImGui::TextColored(check.column[f] < 0 && order_field_always_required(field)
                                                            ? palette().error
                                                            : palette().warning,
                                                        "%s", field_need(field));
            else ImGui::TextDisabled("%s", field_need(field));
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-FLT_MIN);
            const std::string preview = column_combo("##column", choice_[f], headers_);
            probe_tag(std::string("map:") + order_field_key(field), preview);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (!check.unused_headers.empty()) {
        std::string names;
        for (size_t i = 0; i < check.unused_headers.size(); ++i) names += (i ? ", " : "") + check.unused_headers[i];
        muted("Columns not read: " + names + ".");
    }
}

// The mapping screen for the columns of an export other than orders: a column per field of the
// export, remembered for the next such file. The columns are enough once the export's own test
// of a header row passes under them (family_headers: a Video ID or link; a Creator username with
// followers or GMV; a Cost with a Video ID or Ad name).
void DataView::draw_field_mapping(ExportFamily family) {
    const ExportFields& fields = *family_fields(family);
    const char* key = field_mapping_key(family);
    if (field_choice_.size() != fields.size())
        field_choice_ = fields.match(headers_, field_mapping_from_json(platform::local_get(key))).column;
    wrapped(std::string("Pick the column of your file that holds each field of ") + read_as(family) +
            (family == ExportFamily::videos   ? ": a Video ID or a Video link is needed"
             : family == ExportFamily::paid   ? ": a Cost, and a Video ID or an Ad name, are needed"
                                              : ": a Creator username, and followers or a GMV, are needed") +
            "; the others as the file has them. The mapping is remembered for your next import of such a file.");
    // The mapping the choices make: "-" for a field turned off that its usual header would find.
    const ExportFields::Match usual = fields.match(headers_);
    FieldMappings mappings;
    FieldMapping& m = mappings.of(family);
    for (size_t f = 0; f < fields.size(); ++f) {
        const int c = field_choice_[f];
        if (c >= 0 && static_cast<size_t>(c) < headers_.size()) m[fields.key(f)] = headers_[static_cast<size_t>(c)];
        else if (usual.has(f)) m[fields.key(f)] = "-";
    }
    std::string missing;
    const bool ok = family_headers(family, headers_, &missing, {}, mappings);
    if (!ok) message_line(palette().error, std::string("Not yet readable as ") + read_as(family) + ": " + missing + ".", "mapping:missing");
    ImGui::Spacing();
    ImGui::BeginDisabled(!ok);
    if (primary_button((std::string("Import as ") + read_as(family)).c_str())) {
        platform::local_set(key, field_mapping_to_json(m));
        saved_mapping_.reset();
        field_choice_.clear();
        start_orders(mapping_);
        stage_ = Stage::reading;
        ImGui::EndDisabled();
        return;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) return done("Nothing was imported from " + name_ + ".");
    ImGui::Spacing();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("field mapping", 2, flags)) return;
    ImGui::TableSetupColumn("Field", ImGuiTableColumnFlags_WidthFixed, em(15));
    ImGui::TableSetupColumn("Column in this file", ImGuiTableColumnFlags_WidthFixed, em(16));
    ImGui::TableHeadersRow();
    // Probe tags "vmap:<field>", "cmap:<field>", "pmap:<field>" (video, creator list, paid).
    const std::string tag = family == ExportFamily::videos ? "vmap:" : family == ExportFamily::creators ? "cmap:" : "pmap:";
    for (size_t f = 0; f < fields.size(); ++f) {
        ImGui::PushID(static_cast<int>(f));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(fields.usual(f).c_str());
        ImGui::TableNextColumn();
        ImGui::SetNextItemWidth(-FLT_MIN);
        const std::string preview = column_combo("##fcolumn", field_choice_[f], headers_);
        probe_tag(tag + fields.key(f), preview);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

// "Change column mapping" on a video, creator list or paid preview: the mapping screen for that
// export, from the columns it was read with.
void DataView::open_field_mapping() {
    map_family_ = export_.family;
    headers_ = export_.headers;
    tried_.clear();
    field_choice_.clear();
    stage_ = Stage::mapping;
}

namespace {
// "3 (3 status, 1 refund, 2 commission)": the known lines whose figures the file changes.
std::string updated_text(const OrdersImport& r) {
    std::string what;
    auto part = [&what](int64_t n, const char* name) {
        if (n > 0) what += (what.empty() ? "" : ", ") + fmt_int(n) + " " + name;
    };
    part(r.status_changed, "status");
    part(r.refund_changed, "refund");
    part(r.commission_changed, "commission");
    part(r.amount_changed, "amount");
    return fmt_int(r.updated) + (what.empty() ? "" : " (" + what + ")");
}
}  // namespace

// "Add this creator" on an unmatched order: the creator joins the roster as a prospect with the
// export's handle, and the file is read again so that their orders are placed.
void DataView::add_unmatched_creator(const std::string& username) {
    Creator c;
    c.handle = normalize_handle(username);
    c.display_name = c.handle;
    c.status = CreatorStatus::prospect;
    CommandResult res = store_.add_creator(c);
    if (!res.ok) {
        error_ = res.errors.empty() ? "The creator could not be added." : res.errors.front().message;
        return;
    }
    notice_ = "Added @" + c.handle + " as a prospect; " + name_ + " is read again to place their orders.";
    start_orders(mapping_);
    stage_ = Stage::reading;
}

void DataView::draw_summary() {
    const OrdersImport& r = result_;
    heading(("Affiliate orders in " + name_).c_str());
    const std::string sum = r.summary();
    probe_tag("orders:summary", sum);
    const std::string& cur = store_.program().settings.currency;
    auto line = [](const char* what, const std::string& value, const char* tag) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(what);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(value.c_str());
        probe_tag(tag, value);
    };
    if (ImGui::BeginTable("orders summary", 2, ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthFixed, em(16));
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthFixed, em(26));
        line("Rows read", fmt_int(r.rows), "orders:rows");
        line("New orders", fmt_int(r.orders) + " (" + count_of(static_cast<size_t>(r.imported), "line", "lines") + ")",
             "orders:imported");
        if (r.off_post > 0)
            line("  of which not on a post", fmt_int(r.off_post) + " lines (LIVE, showcase, other)", "orders:off post");
        line("Updated", updated_text(r), "orders:updated");
        line("Unchanged", fmt_int(r.unchanged) + " (imported before, the same again)", "orders:unchanged");
        if (r.adopted > 0)
            line("Known before", fmt_int(r.adopted) + " (counted by an earlier version: kept, nothing added)", "orders:adopted");
        line("Duplicates", fmt_int(r.duplicates) + " (repeated in this file)", "orders:duplicates");
        line("Samples", fmt_int(r.samples) + " (100 % discount: not GMV)", "orders:samples");
        line("Rows refused", fmt_int(r.problem_count), "orders:refused");
        line("Unmatched orders", fmt_int(r.unmatched_count), "orders:unmatched");
        line("Rows skipped", fmt_int(r.skipped) + " (column descriptions, totals, empty rows)", "orders:skipped");
        line("GMV added", fmt_money(r.gmv, cur) + " (refunded " + fmt_money(r.refunded, cur) + ")", "orders:gmv");
        line("Commission added", fmt_money(r.commission, cur), "orders:commission");
        line("Commission in the file", fmt_money(r.commission_settled, cur) + " settled, " +
                                           fmt_money(r.commission_expected, cur) + " expected (Pending, Frozen: not yet paid)",
             "orders:commission status");
        line("Posts", fmt_int(r.posts_updated) + " updated, " + fmt_int(r.posts_created) + " created", "orders:posts");
        ImGui::EndTable();
    }
    ImGui::Spacing();
    // Dates such as 03/04/2026 that nothing in the file decides: ask, keep the answer, read again.
    if (r.dates.from == DateOrderFrom::option || r.dates.from == DateOrderFrom::conflict) {
        const std::string q = r.dates.from == DateOrderFrom::conflict
            ? "This file's dates disagree: " + r.dates.day_first + " reads only day first, " + r.dates.month_first +
                  " only month first. They were read " +
                  (r.dates.order == DateOrder::month_first ? "month first." : "day first.")
            : "Nothing in this file says whether " + r.dates.either_way + " is day first or month first; it was read " +
                  (r.dates.order == DateOrder::month_first ? "month first" : "day first") + ". Read dates as:";
        message_line(palette().warning, q, "orders:dates");
        const DateOrder other = r.dates.order == DateOrder::month_first ? DateOrder::day_first : DateOrder::month_first;
        if (ImGui::Button(other == DateOrder::month_first ? "Month first (MM/DD/YYYY)" : "Day first (DD/MM/YYYY)")) {
            platform::local_set(kDateOrderKey, date_order_name(other));
            start_orders(mapping_);
            stage_ = Stage::reading;
            return;
        }
        ImGui::Spacing();
    }
    const bool stale = r.changes.base_revision != store_.revision();
    if (stale) {
        message_line(palette().warning, "The program changed since the file was read: read it again to import.");
        if (primary_button("Read the file again")) {
            start_orders(mapping_);
            stage_ = Stage::reading;
            return;
        }
    } else if (r.changes.empty()) {
        muted("Nothing to add or update: every line of this file is in the program as it is, or could not be placed.",
              "orders:nothing");
        if (primary_button("Close")) return done("Nothing was imported from " + name_ + ".");
    } else {
        std::string add = r.orders > 0 ? "Add " + count_of(static_cast<size_t>(r.orders), "order", "orders")
                          : r.updated > 0 ? std::string()
                          : r.imported > 0 ? "Add " + count_of(static_cast<size_t>(r.imported), "line", "lines")
                          : r.samples > 0 ? "Remember " + count_of(static_cast<size_t>(r.samples), "sample", "samples")
                                          : "Keep " + count_of(static_cast<size_t>(r.adopted), "line", "lines");
        if (r.updated > 0)
            add += (add.empty() ? "Update " : ", update ") + count_of(static_cast<size_t>(r.updated), "line", "lines");
        if (primary_button(add.c_str())) {
            CommandResult res = store_.import_orders(std::move(result_.changes), "Import orders from " + name_);
            if (res.ok) {
                return done("Imported " + name_ + ": " + sum + ". Undo (Ctrl+Z) takes the import back.");
            }
            error_ = res.errors.empty() ? "The import was refused." : res.errors.front().message;
        }
    }
    if (!r.changes.empty() || stale) {
        ImGui::SameLine();
        if (ImGui::Button("Discard")) return done("Nothing was imported from " + name_ + ".");
    }
    ImGui::SameLine();
    if (ImGui::Button("Change column mapping")) {
        map_family_ = ExportFamily::orders;
        headers_ = r.columns.headers;
        choice_ = r.columns.column;
        stage_ = Stage::mapping;
        return;
    }

    if (r.problems.empty() && r.unmatched.empty()) return;
    ImGui::Spacing();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingFixedFit;
    const ImVec2 size(std::min(ImGui::GetContentRegionAvail().x, em(60)), 0);
    if (ImGui::BeginTabBar("orders lists")) {
        if (!r.problems.empty() &&
            ImGui::BeginTabItem(("Rows refused (" + fmt_int(r.problem_count) + ")###refused").c_str())) {
            if (r.problem_count > static_cast<int64_t>(r.problems.size()))
                ImGui::TextDisabled("The first %zu are listed.", r.problems.size());
            if (ImGui::BeginTable("refused rows", 3, flags, size)) {
                ImGui::TableSetupScrollFreeze(0, 1);
                ImGui::TableSetupColumn("Row", ImGuiTableColumnFlags_WidthFixed, em(4));
                ImGui::TableSetupColumn("Order ID", ImGuiTableColumnFlags_WidthFixed, em(10));
                ImGui::TableSetupColumn("Reason", ImGuiTableColumnFlags_WidthStretch);
                ImGui::TableHeadersRow();
                ImGuiListClipper clip;
                clip.Begin(static_cast<int>(r.problems.size()));
                while (clip.Step()) {
                    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
                        const RowProblem& p = r.problems[static_cast<size_t>(i)];
                        ImGui::TableNextRow();
                        ImGui::TableNextColumn();
                        ImGui::Text("%lld", static_cast<long long>(p.row));
                        ImGui::TableNextColumn();
                        ImGui::TextUnformatted(p.order_id.c_str());
                        ImGui::TableNextColumn();
                        ImGui::TextUnformatted(p.reason.c_str());
                        if (i == 0) probe_tag("orders:first refused", "row " + std::to_string(p.row) + ": " + p.reason);
                    }
                }
                ImGui::EndTable();
            }
            ImGui::EndTabItem();
        }
        if (!r.unmatched.empty() &&
            ImGui::BeginTabItem(("Unmatched orders (" + fmt_int(r.unmatched_count) + ")###unmatched").c_str())) {
            ImGui::TextDisabled("Creators not on the roster: not added and not remembered. \"Add this creator\" adds them as a "
                                "prospect and reads the file again, placing their orders.");
            if (ImGui::BeginTable("unmatched orders", 6, flags, size)) {
                ImGui::TableSetupScrollFreeze(0, 1);
                ImGui::TableSetupColumn("Row", ImGuiTableColumnFlags_WidthFixed, em(4));
                ImGui::TableSetupColumn("Order ID", ImGuiTableColumnFlags_WidthFixed, em(9));
                ImGui::TableSetupColumn("Creator", ImGuiTableColumnFlags_WidthFixed, em(9));
                ImGui::TableSetupColumn("Amount", ImGuiTableColumnFlags_WidthFixed, em(6));
                ImGui::TableSetupColumn("Why", ImGuiTableColumnFlags_WidthStretch);
                ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, em(8));
                ImGui::TableHeadersRow();
                std::string add_handle;
                ImGuiListClipper clip;
                clip.Begin(static_cast<int>(r.unmatched.size()));
                while (clip.Step()) {
                    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
                        const UnmatchedOrder& u = r.unmatched[static_cast<size_t>(i)];
                        ImGui::TableNextRow();
                        ImGui::TableNextColumn();
                        ImGui::Text("%lld", static_cast<long long>(u.row));
                        ImGui::TableNextColumn();
                        ImGui::TextUnformatted(u.order_id.c_str());
                        ImGui::TableNextColumn();
                        ImGui::TextUnformatted(u.creator_username.c_str());
                        ImGui::TableNextColumn();
                        ImGui::TextUnformatted(fmt_money(u.amount, cur).c_str());
                        ImGui::TableNextColumn();
                        ImGui::TextUnformatted(u.reason.c_str());
                        ImGui::TableNextColumn();
                        if (!stale && ImGui::SmallButton(("Add this creator##" + std::to_string(i)).c_str()))
                            add_handle = u.creator_username;
                        if (i == 0) probe_tag("orders:first unmatched", u.creator_username + ": " + u.reason);
                    }
                }
                ImGui::EndTable();
                if (!add_handle.empty()) return add_unmatched_creator(add_handle);
            }
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
}

void DataView::draw_confirm(Context& ctx) {
    static const char* kTitles[] = {"", "Replace your program?###data-confirm", "Load the sample program?###data-confirm",
                                    "Start an empty program?###data-confirm"};
    if (confirm_ != Confirm::none && !confirm_open_) {
        ImGui::OpenPopup(kTitles[static_cast<int>(confirm_)]);
        confirm_open_ = true;
    }
    if (confirm_ == Confirm::none) return;
    ImGui::SetNextWindowSize(ImVec2(em(28), 0));
    if (!ImGui::BeginPopupModal(kTitles[static_cast<int>(confirm_)], nullptr, ImGuiWindowFlags_NoResize)) {
        confirm_open_ = false;
        confirm_ = Confirm::none;
        return;
    }
    if (!confirm_open_) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        confirm_ = Confirm::none;
        return;
    }
    const std::string yours = "Your program (" + program_counts(store_.program()) + ")";
    std::string body, yes;
    switch (confirm_) {
        case Confirm::replace:
            body = yours + " is replaced by the backup " + name_ + " (" + program_counts(*backup_) + "), its settings included.";
            yes = "Replace";
            break;
        case Confirm::sample:
            body = yours + " is replaced by the sample program: 36 creators across the three tiers with their products, "
                           "samples, briefs, posts and Spark Codes.";
            yes = "Load sample";
            break;
        case Confirm::empty:
            body = yours + " is replaced by an empty program with the default settings.";
            yes = "Start empty";
            break;
        case Confirm::none: break;
    }
    body += " Undo (Ctrl+Z) brings your program back.";
    ImGui::TextWrapped("%s", body.c_str());
    probe_tag("confirm:text", body);
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    const bool go = ImGui::Button(yes.c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    const bool keep = ImGui::Button("Keep my program");
    if (go && can_change()) {
        switch (confirm_) {
            case Confirm::replace:
                store_.replace_program(*backup_, "Replace with " + name_);
                persistence_.allow_overwrite();
                done("Your program was replaced by " + name_ + ". Undo (Ctrl+Z) brings yours back.");
                break;
            case Confirm::sample:
                store_.replace_program(make_sample_program(ctx.today), "Load the sample program");
                persistence_.allow_overwrite();
                done("The sample program is loaded. Undo (Ctrl+Z) brings yours back.");
                break;
            case Confirm::empty:
                store_.replace_program(Program{}, "Start an empty program");
                persistence_.allow_overwrite();
                done("An empty program is started. Undo (Ctrl+Z) brings yours back.");
                break;
            case Confirm::none: break;
        }
    }
    if (go || keep) {
        confirm_open_ = false;
        confirm_ = Confirm::none;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace sr::ui
