#include "file_reading.hpp"

#include <algorithm>
#include <cstdio>

#include "backup.hpp"
#include "format.hpp"
#include "import_cells.hpp"

namespace sr {

std::string fmt_bytes(uint64_t n) {
    char buf[32];
    if (n < 1024) std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(n));
    else if (n < (1ull << 20)) std::snprintf(buf, sizeof buf, "%.0f KB", static_cast<double>(n) / 1024.0);
    else if (n < (1ull << 30)) std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(n) / (1 << 20));
    else std::snprintf(buf, sizeof buf, "%.2f GB", static_cast<double>(n) / (1 << 30));
    return buf;
}

namespace {

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && cells::iequals(s.substr(s.size() - suffix.size()), suffix);
}

}  // namespace

struct FileReading::Impl {
    std::string name;
    uint64_t size = 0;
    std::optional<Program> program;  // the program the export is read against (until the importer has it)
    uint64_t revision = 0;
    ReadingSetup setup;
    State state = State::reading;
    Kind kind = Kind::unknown;
    std::string message;

    uint64_t next_offset = 0;  // the next byte to ask for (a CSV, a backup)
    uint64_t consumed = 0;     // bytes handed to the parser
    bool in_flight = false;
    uint64_t in_flight_offset = 0;
    std::optional<uint64_t> ignore_offset;  // a piece of an earlier pass, still on its way
    std::optional<std::string> ready;       // the piece that arrived last, parsed after work
    std::string work;                       // the piece being parsed, from work_pos
    size_t work_pos = 0;

    std::string json;  // a backup's text
    std::optional<Program> backup;
    std::unique_ptr<ExportImporter> importer;  // a CSV export
    std::unique_ptr<ExportXlsxImport> xlsx;    // an .xlsx: read by the ranges it asks for
    ExportImport result;
    std::vector<std::string> headers;
    std::string tried;

    void refuse(std::string m) {
        drop();
        state = State::refused;
        message = std::move(m);
    }

    void drop() {
        ready.reset();
        std::string().swap(work);
        work_pos = 0;
        std::string().swap(json);
        importer.reset();
        xlsx.reset();
        program.reset();
    }

    void too_big_backup() {
        refuse(name + " is " + fmt_bytes(size) + "; a backup can be at most " + fmt_bytes(setup.max_backup_bytes) +
               ". Nothing was changed.");
    }

    // The first pass, or another one over the same file.
    void begin(const Program& p, uint64_t rev, ReadingSetup s) {
        if (in_flight) ignore_offset = in_flight_offset;
        in_flight = false;
        drop();
        program = p;
        revision = rev;
        setup = std::move(s);
        state = State::reading;
        message.clear();
        result = ExportImport{};
        headers.clear();
        tried.clear();
        backup.reset();
        next_offset = 0;
        consumed = 0;
        if (kind == Kind::csv || kind == Kind::xlsx) start_export();
    }

    void start_export() {
        if (kind == Kind::xlsx) {
            xlsx = std::make_unique<ExportXlsxImport>(*program, revision, setup.orders_mapping, setup.options, size,
                                                      setup.xlsx_limits);
            xlsx->map_fields(setup.field_mappings);
        } else {
            importer = std::make_unique<ExportImporter>(*program, revision, setup.orders_mapping, setup.options);
            importer->map_fields(setup.field_mappings);
            importer->expect_bytes(size);
        }
    }

    std::optional<Request> next_request() {
        if (state != State::reading || in_flight || ready) return std::nullopt;  // one piece waiting at most
        Request q;
        if (kind == Kind::xlsx) {
            // An .xlsx is read where its reader asks: the zip's directory at the end first.
            const xlsx::Range r = xlsx ? xlsx->need() : xlsx::Range{};
            if (r.length == 0) return std::nullopt;
            q = {r.offset, r.length};
        } else {
            if (next_offset >= size) return std::nullopt;
            const uint64_t want = kind == Kind::unknown ? setup.sniff_bytes : setup.chunk_bytes;
            q = {next_offset, static_cast<uint32_t>(std::min<uint64_t>(std::max<uint64_t>(want, 1), size - next_offset))};
            next_offset += q.length;
        }
        in_flight = true;
        in_flight_offset = q.offset;
        return q;
    }

    void arrived(uint64_t offset, std::string_view bytes, const std::string& error) {
        if (ignore_offset && *ignore_offset == offset) {
            ignore_offset.reset();
            return;
        }
        if (state != State::reading || !in_flight || offset != in_flight_offset) return;
        in_flight = false;
        if (!error.empty()) return refuse("Could not read " + name + ": " + error + ". Nothing was changed.");
        ready = std::string(bytes);
    }

    // Told apart by the first bytes: a backup is a JSON object, an .xlsx a zip, an old .xls an
    // OLE file, an export a header row of separated names.
    void sniff(std::string_view bytes) {
        size_t i = 0;
        if (bytes.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
        while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) ++i;
        const std::string_view first_line = bytes.substr(i, bytes.find('\n', i) - i);
        if (i < bytes.size() && bytes[i] == '{') {
            kind = Kind::backup;
            if (size > setup.max_backup_bytes) return too_big_backup();
            json.reserve(static_cast<size_t>(size));
        } else if (xlsx::looks_like_ole(bytes)) {
            refuse(name + " was refused: " + xlsx::kOleMessage + ". Nothing was changed.");
        } else if (xlsx::looks_like_zip(bytes)) {
            // Read again by the ranges the workbook's reader asks for.
            kind = Kind::xlsx;
            ready.reset();
            next_offset = 0;
            consumed = 0;
            start_export();
        } else if (first_line.find_first_of(",\t;") != std::string_view::npos) {  // the separators the importer reads
            kind = Kind::csv;
            start_export();
        } else {
            refuse(name + " is neither a Spark Roster backup (a JSON file) nor a TikTok Shop export (an .xlsx "
                          "workbook, or a CSV file with a header row). Nothing was changed.");
        }
    }

    void consume(std::string_view bytes) {
        if (kind == Kind::unknown) {
            sniff(bytes);
            if (state != State::reading || kind == Kind::xlsx) return;
        }
        consumed += bytes.size();
        if (kind == Kind::backup) {
            json.append(bytes.data(), bytes.size());
            return;
        }
        if (!importer->feed(bytes)) export_stopped();
    }

    const std::optional<ColumnMatch>& order_columns() const { return xlsx ? xlsx->order_columns() : importer->order_columns(); }

    // The importer stopped: a header without a required orders column goes to the mapping;
    // anything else (invalid UTF-8, an unclosed quote, a damaged workbook) is reported by finish().
    void export_stopped() {
        const auto& cols = order_columns();
        if (cols && !cols->ok()) {
            tried = xlsx ? xlsx->tried() : importer->tried();
            headers = cols->headers;
            result.orders.columns = *cols;
            importer.reset();
            xlsx.reset();
            state = State::mapping;
            return;
        }
        finish();
    }

    void finish() {
        if (kind == Kind::backup) {
            LoadResult lr = program_from_json(json);
            std::string().swap(json);
            if (!lr.ok()) return refuse(name + " was refused: " + lr.summary(3) + ". Nothing was changed.");
            backup = std::move(lr.program);
            drop();
            state = State::backup;
            return;
        }
        ExportImport read = xlsx ? xlsx->finish() : importer->finish();
        importer.reset();
        xlsx.reset();
        program.reset();
        tried = read.tried;
        headers = read.family == ExportFamily::orders ? read.orders.columns.headers : read.headers;
        result = std::move(read);
        if (!result.ok()) {
            state = State::refused;
            message = result.family == ExportFamily::orders || result.family == ExportFamily::none
                          ? name + " was refused: " + result.refusal() + ". Nothing was changed."
                          : name + " (" + result.found() + ") was refused: " + result.refusal() + ". Nothing was changed.";
            return;
        }
        state = State::exports;
    }

    bool step(size_t max_bytes) {
        if (state != State::reading) return false;
        max_bytes = std::max<size_t>(max_bytes, 1);
        if (kind == Kind::xlsx) {
            // One piece a step: each range the reader asks for depends on the last one read.
            if (ready) {
                const std::string piece = std::move(*ready);
                ready.reset();
                if (!xlsx->give(piece)) {
                    export_stopped();
                    return false;
                }
            }
            consumed = xlsx->bytes_read();
            if (xlsx->need().length == 0 && !in_flight) finish();
            return false;
        }
        if (work_pos >= work.size()) {
            if (!ready) return false;
            work = std::move(*ready);
            ready.reset();
            work_pos = 0;
        }
        // The first piece of a file its name does not tell is looked at whole.
        const size_t left = work.size() - work_pos;
        const size_t n = kind == Kind::unknown ? left : std::min(max_bytes, left);
        const std::string_view piece = std::string_view(work).substr(work_pos, n);
        work_pos += n;
        consume(piece);
        if (state != State::reading) return false;
        if (kind == Kind::xlsx) return false;  // the sniffed piece told: read again by ranges
        if (work_pos >= work.size() && !ready && !in_flight && consumed >= size) {
            finish();
            return false;
        }
        return work_pos < work.size() || ready.has_value();
    }
};

FileReading::FileReading(std::string name, uint64_t size, const Program& program, uint64_t revision, ReadingSetup setup)
    : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    m.name = std::move(name);
    m.size = size;
    // By its name first; an .xlsx is still checked by its first bytes (an old .xls renamed).
    m.kind = ends_with_ci(m.name, ".json") ? Kind::backup : ends_with_ci(m.name, ".csv") ? Kind::csv : Kind::unknown;
    m.begin(program, revision, std::move(setup));
    if (size == 0) m.refuse(m.name + " is empty. Nothing was changed.");
    else if (m.kind == Kind::backup && size > m.setup.max_backup_bytes) m.too_big_backup();
    else if (m.kind == Kind::backup) m.json.reserve(static_cast<size_t>(size));
}

FileReading::~FileReading() = default;

std::optional<FileReading::Request> FileReading::next_request() { return impl_->next_request(); }
void FileReading::arrived(uint64_t offset, std::string_view bytes, const std::string& error) { impl_->arrived(offset, bytes, error); }
bool FileReading::step(size_t max_bytes) { return impl_->step(max_bytes); }

void FileReading::cancel() {
    Impl& m = *impl_;
    if (m.state == State::cancelled) return;
    if (m.in_flight) m.ignore_offset = m.in_flight_offset;
    m.in_flight = false;
    m.drop();
    m.backup.reset();
    m.result = ExportImport{};
    m.state = State::cancelled;
    m.message = "The import of " + m.name + " was cancelled. Nothing was changed.";
}

void FileReading::restart(const Program& program, uint64_t revision, ReadingSetup setup) {
    if (impl_->size == 0) return;
    impl_->begin(program, revision, std::move(setup));
}

FileReading::State FileReading::state() const { return impl_->state; }
FileReading::Kind FileReading::kind() const { return impl_->kind; }
const std::string& FileReading::name() const { return impl_->name; }
uint64_t FileReading::size() const { return impl_->size; }
uint64_t FileReading::bytes_done() const { return impl_->consumed; }

double FileReading::progress() const {
    const Impl& m = *impl_;
    if (m.state != State::reading) return m.state == State::cancelled || m.state == State::refused ? 0.0 : 1.0;
    return m.size ? std::min(1.0, static_cast<double>(m.consumed) / static_cast<double>(m.size)) : 0.0;
}

int64_t FileReading::rows() const {
    const Impl& m = *impl_;
    if (m.xlsx) return m.xlsx->rows_read();
    if (m.importer) return m.importer->rows_read();
    return 0;
}

std::string FileReading::progress_line() const {
    const Impl& m = *impl_;
    const int pct = static_cast<int>(progress() * 100.0);
    std::string line = fmt_bytes(m.consumed) + " of " + fmt_bytes(m.size);
    if (m.kind == Kind::csv || m.kind == Kind::xlsx) line += " · " + count_of(static_cast<size_t>(rows()), "row", "rows");
    return line + " · " + std::to_string(pct) + " %";
}

const std::string& FileReading::message() const { return impl_->message; }
const ReadingSetup& FileReading::setup() const { return impl_->setup; }
const Program* FileReading::backup() const { return impl_->backup ? &*impl_->backup : nullptr; }
const ExportImport& FileReading::result() const { return impl_->result; }
ExportImport& FileReading::result() { return impl_->result; }
const std::vector<std::string>& FileReading::headers() const { return impl_->headers; }
const std::string& FileReading::tried() const { return impl_->tried; }

std::array<int, kOrderFieldCount> FileReading::mapping_choices() const {
    const Impl& m = *impl_;
    std::array<int, kOrderFieldCount> choice;
    choice.fill(-1);
    const ColumnMatch& cols = m.result.orders.columns;
    if (cols.headers.size() == m.headers.size()) choice = cols.column;
    for (int f = 0; f < kOrderFieldCount; ++f) {
        if (choice[f] >= 0) continue;
        const std::string usual = header_key(order_field_header(static_cast<OrderField>(f)));
        for (size_t h = 0; h < m.headers.size(); ++h)
            if (header_key(m.headers[h]) == usual) choice[f] = static_cast<int>(h);
    }
    return choice;
}

void read_whole(FileReading& r, std::string_view file, size_t step_bytes) {
    int idle = 0;  // passes that neither asked nor finished: a reading that waits for nothing
    while (!r.done() && idle < 2) {
        const auto q = r.next_request();
        if (q) {
            if (q->offset > file.size() || file.size() - q->offset < q->length)
                r.arrived(q->offset, {}, "the file ends before byte " + std::to_string(q->offset + q->length));
            else
                r.arrived(q->offset, file.substr(static_cast<size_t>(q->offset), q->length));
        }
        while (r.step(step_bytes)) {
        }
        idle = q ? 0 : idle + 1;
    }
}

}  // namespace sr
