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
#include "form_fields.hpp"
#include "platform/platform.hpp"
#include "probe.hpp"
#include "style.hpp"

namespace sr::ui {

namespace {

const char* kMappingKey = "spark-roster.orders-mapping";
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

// "812 KB", "4.2 MB", "1.30 GB"
std::string fmt_bytes(uint64_t n) {
    char buf[32];
    if (n < 1024) std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(n));
    else if (n < (1ull << 20)) std::snprintf(buf, sizeof buf, "%.0f KB", static_cast<double>(n) / 1024.0);
    else if (n < (1ull << 30)) std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(n) / (1 << 20));
    else std::snprintf(buf, sizeof buf, "%.2f GB", static_cast<double>(n) / (1 << 30));
    return buf;
}

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

bool ends_with_ci(const std::string& s, const char* suffix) {
    const size_t n = std::char_traits<char>::length(suffix);
    if (s.size() < n) return false;
    for (size_t i = 0; i < n; ++i) {
        char c = s[s.size() - n + i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != suffix[i]) return false;
    }
    return true;
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

std::string orders_import_json(const OrdersImport& r, const std::string& error) {
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
    size_ = size;
    // By its name first; an .xlsx is still checked by its first bytes (an old .xls renamed).
    kind_ = ends_with_ci(name, ".json") ? Kind::backup : ends_with_ci(name, ".csv") ? Kind::orders : Kind::unknown;
    if (size == 0) return fail(name + " is empty. Nothing was changed.");
    if (kind_ == Kind::backup && size > kMaxBackupBytes)
        return fail(name + " is " + fmt_bytes(size) + "; a backup can be at most " + fmt_bytes(kMaxBackupBytes) +
                    ". Nothing was changed.");
    if (kind_ == Kind::backup) json_.reserve(static_cast<size_t>(size));
    if (kind_ == Kind::orders) start_orders(remembered_mapping());
    stage_ = Stage::reading;
}

void DataView::file_chunk(int file, uint64_t offset, std::string_view bytes, const std::string& error) {
    if (file != file_) return;
    if (ignore_offset_ && *ignore_offset_ == offset) {
        ignore_offset_.reset();
        return;
    }
    if (!in_flight_ || offset != in_flight_offset_) return;
    in_flight_ = false;
    if (!error.empty()) read_error_ = error;
    else ready_ = std::string(bytes);
}

void DataView::request_next() {
    if (in_flight_ || ready_) return;  // one chunk waiting at most
    if (kind_ == Kind::xlsx) {
        // An .xlsx is read where its reader asks: the zip's directory at the end first.
        const xlsx::Range r = xlsx_ ? xlsx_->need() : xlsx::Range{};
        if (r.length == 0) return;
        in_flight_ = true;
        in_flight_offset_ = r.offset;
        platform::files_read(file_, r.offset, r.length);
        return;
    }
    if (next_offset_ >= size_) return;
    const uint64_t want = kind_ == Kind::unknown ? kSniffBytes : kChunkBytes;
    const uint32_t len = static_cast<uint32_t>(std::min<uint64_t>(want, size_ - next_offset_));
    in_flight_ = true;
    in_flight_offset_ = next_offset_;
    next_offset_ += len;
    platform::files_read(file_, in_flight_offset_, len);
}

// Each frame: parse what arrived for a few milliseconds (a CSV in slices, so a frame stays
// short), keeping the next chunk on its way meanwhile.
void DataView::pump() {
    if (stage_ != Stage::reading) return;
    if (!read_error_.empty()) return fail("Could not read " + name_ + ": " + read_error_ + ". Nothing was changed.");
    const auto start = std::chrono::steady_clock::now();
    if (kind_ == Kind::xlsx) {
        // One piece a frame: each range the reader asks for depends on the last one read.
        if (ready_) {
            const std::string piece = std::move(*ready_);
            ready_.reset();
            if (!xlsx_->give(piece)) return orders_refused();
        }
        consumed_ = xlsx_->bytes_read();
        if (xlsx_->need().length == 0 && !in_flight_) return finish_reading();
        return request_next();
    }
    for (;;) {
        if (work_pos_ >= work_.size()) {
            if (!ready_) break;
            work_ = std::move(*ready_);
            ready_.reset();
            work_pos_ = 0;
            if (kind_ != Kind::unknown) request_next();  // read the next while this one is parsed
        }
        const size_t left = work_.size() - work_pos_;
        const size_t n = kind_ == Kind::orders ? std::min<size_t>(kSliceBytes, left) : left;
        const std::string_view piece = std::string_view(work_).substr(work_pos_, n);
        work_pos_ += n;
        consume(piece);
        if (stage_ != Stage::reading) return;
        if (std::chrono::steady_clock::now() - start > std::chrono::milliseconds(kFrameBudgetMs)) break;
    }
    if (work_pos_ >= work_.size() && !ready_ && !in_flight_ && consumed_ >= size_) return finish_reading();
    request_next();
}

void DataView::consume(std::string_view bytes) {
    if (kind_ == Kind::unknown) {
        // Told apart by the first character: a backup is a JSON object, an orders export a
        // header row of comma-separated names.
        size_t i = 0;
        if (bytes.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
        while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) ++i;
        const std::string_view first_line = bytes.substr(i, bytes.find('\n', i) - i);
        if (i < bytes.size() && bytes[i] == '{') {
            kind_ = Kind::backup;
            if (size_ > kMaxBackupBytes)
                return fail(name_ + " is " + fmt_bytes(size_) + "; a backup can be at most " + fmt_bytes(kMaxBackupBytes) +
                            ". Nothing was changed.");
            json_.reserve(static_cast<size_t>(size_));
        } else if (xlsx::looks_like_ole(bytes)) {
            return fail(name_ + " was refused: " + xlsx::kOleMessage + ". Nothing was changed.");
        } else if (xlsx::looks_like_zip(bytes)) {
            kind_ = Kind::xlsx;
            start_orders(remembered_mapping());
            return;
        } else if (first_line.find_first_of(",\t;") != std::string_view::npos) {  // the separators the importer reads
            kind_ = Kind::orders;
            mapping_ = remembered_mapping();
            importer_ = std::make_unique<ExportImporter>(store_.program(), store_.revision(), mapping_, import_options(today_));
            importer_->expect_bytes(size_);
        } else {
            return fail(name_ + " is neither a Spark Roster backup (a JSON file) nor a TikTok Shop orders export "
                                "(an .xlsx workbook, or a CSV file with a header row). Nothing was changed.");
        }
    }
    consumed_ += bytes.size();
    if (kind_ == Kind::backup) {
        json_.append(bytes.data(), bytes.size());
        return;
    }
    if (!importer_->feed(bytes)) orders_refused();
}

// The importer stopped: a header without a required column goes to the mapping screen; anything
// else (invalid UTF-8, an unclosed quote, a damaged workbook) is reported by finish().
void DataView::orders_refused() {
    {
        const auto& cols = xlsx_ ? xlsx_->order_columns() : importer_->order_columns();
        if (cols && !cols->ok()) {
            tried_ = xlsx_ ? xlsx_->tried() : importer_->tried();
            headers_ = cols->headers;
            choice_ = cols->column;
            // A field the mapping sends elsewhere falls back to its usual header when the file has it.
            for (int f = 0; f < kOrderFieldCount; ++f) {
                if (choice_[f] >= 0) continue;
                const std::string usual = header_key(order_field_header(static_cast<OrderField>(f)));
                for (size_t h = 0; h < headers_.size(); ++h)
                    if (header_key(headers_[h]) == usual) choice_[f] = static_cast<int>(h);
            }
            importer_.reset();
            xlsx_.reset();
            stage_ = Stage::mapping;
            return;
        }
        finish_reading();
    }
}

void DataView::finish_reading() {
    if (kind_ == Kind::backup) {
        LoadResult lr = program_from_json(json_);
        std::string().swap(json_);
        close_file();
        if (!lr.ok()) return fail(name_ + " was refused: " + lr.summary(3) + ". Nothing was changed.");
        backup_ = std::move(lr.program);
        stage_ = Stage::backup;
        return;
    }
    ExportImport read = xlsx_ ? xlsx_->finish() : importer_->finish();
    if (read.family == ExportFamily::videos || read.family == ExportFamily::creators || read.family == ExportFamily::paid) {
        importer_.reset();
        xlsx_.reset();
        export_ = std::move(read);
        if (!export_.ok()) return fail(name_ + " (" + export_.found() + ") was refused: " + export_.refusal() + ". Nothing was changed.");
        creator_order_.clear();
        stage_ = Stage::exports;
        return;
    }
    tried_ = read.tried;
    result_ = std::move(read.orders);
    importer_.reset();
    xlsx_.reset();
    headers_ = result_.columns.headers;
    if (!result_.ok()) return fail(name_ + " was refused: " + result_.refused + ". Nothing was changed.");
    stage_ = Stage::summary;  // the file stays open: the mapping can still change
}

void DataView::start_orders(const ColumnMapping& mapping) {
    mapping_ = mapping;
    if (kind_ == Kind::xlsx) {
        xlsx::Limits limits;
        limits.piece_bytes = kXlsxPieceBytes;
        xlsx_ = std::make_unique<ExportXlsxImport>(store_.program(), store_.revision(), mapping, import_options(today_), size_, limits);
    } else {
        importer_ = std::make_unique<ExportImporter>(store_.program(), store_.revision(), mapping, import_options(today_));
        importer_->expect_bytes(size_);
    }
    result_ = OrdersImport{};
    export_ = ExportImport{};
    tried_.clear();
    if (in_flight_) ignore_offset_ = in_flight_offset_;  // a chunk of the previous pass still on its way
    in_flight_ = false;
    ready_.reset();
    std::string().swap(work_);
    work_pos_ = 0;
    next_offset_ = 0;
    consumed_ = 0;
}

void DataView::close_file() {
    if (file_) platform::files_close(file_);
    file_ = 0;
    in_flight_ = false;
    ignore_offset_.reset();
    ready_.reset();
    std::string().swap(work_);
    work_pos_ = 0;
    read_error_.clear();
    next_offset_ = 0;
    consumed_ = 0;
    importer_.reset();
    xlsx_.reset();
    std::string().swap(json_);
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
    wrapped("A Spark Roster backup (.json), or a TikTok Shop export (.xlsx or .csv): affiliate orders, video performance "
            "or the creator list, each known by its columns. Choose one, or drop it anywhere on this page. Nothing changes until you have seen what the file holds and confirmed.");
    ImGui::BeginDisabled(!can_change());
    if (ImGui::Button("Import a file…")) platform::files_pick();
    ImGui::EndDisabled();
    if (persistence_.read_only())
        muted("This tab is read-only: the program is open for editing in another tab. Export works here; import "
              "there.");
    if (!saved_mapping_) saved_mapping_ = platform::local_get(kMappingKey);
    if (!saved_mapping_->empty() && *saved_mapping_ != "{}") {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("Orders files are read with the column mapping you set last time.");
        ImGui::SameLine();
        if (ImGui::SmallButton("Forget the mapping")) {
            platform::local_set(kMappingKey, "");
            saved_mapping_.reset();
            notice_ = "The column mapping is forgotten: orders files are read by their usual headers.";
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
    const float frac = size_ ? static_cast<float>(static_cast<double>(consumed_) / static_cast<double>(size_)) : 0.0f;
    char pct[16];
    std::snprintf(pct, sizeof pct, "%d %%", static_cast<int>(frac * 100.0f));
    ImGui::ProgressBar(frac, ImVec2(em(30), 0), pct);
    std::string line = fmt_bytes(consumed_) + " of " + fmt_bytes(size_);
    if (kind_ == Kind::orders && importer_)
        line += " · " + count_of(static_cast<size_t>(importer_->rows_read()), "row", "rows");
    if (kind_ == Kind::xlsx && xlsx_) line += " · " + count_of(static_cast<size_t>(xlsx_->rows_read()), "row", "rows");
    line += " · " + std::string(pct);
    ImGui::TextUnformatted(line.c_str());
    probe_tag("data:progress", line);
    if (ImGui::Button("Cancel")) done("The import of " + name_ + " was cancelled. Nothing was changed.");
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
    if (!tried_.empty())
        message_line(palette().warning,
                     "These columns are not those of an export Spark Roster knows (" + tried_ +
                         "). Map them as affiliate orders, or import another file.",
                     "mapping:tried");
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
            const int c = choice_[f];
            const std::string preview = c >= 0 && static_cast<size_t>(c) < headers_.size()
                                            ? (headers_[static_cast<size_t>(c)].empty()
                                                   ? "(column " + std::to_string(c + 1) + ", no header)"
                                                   : headers_[static_cast<size_t>(c)])
                                            : "(not in this file)";
            if (ImGui::BeginCombo("##column", preview.c_str())) {
                if (ImGui::Selectable("(not in this file)", c < 0)) choice_[f] = -1;
                for (size_t h = 0; h < headers_.size(); ++h) {
                    ImGui::PushID(static_cast<int>(h));
                    const std::string label =
                        headers_[h].empty() ? "(column " + std::to_string(h + 1) + ", no header)" : headers_[h];
                    if (ImGui::Selectable(label.c_str(), c == static_cast<int>(h))) choice_[f] = static_cast<int>(h);
                    ImGui::PopID();
                }
                ImGui::EndCombo();
            }
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
