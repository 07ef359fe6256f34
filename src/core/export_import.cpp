#include "export_import.hpp"

#include <nlohmann/json.hpp>

#include "csv.hpp"
#include "format.hpp"
#include "import_cells.hpp"

namespace sr {

const FieldMapping& FieldMappings::of(ExportFamily f) const {
    static const FieldMapping none;
    switch (f) {
        case ExportFamily::videos: return videos;
        case ExportFamily::creators: return creators;
        case ExportFamily::paid: return paid;
        default: return none;
    }
}

FieldMapping& FieldMappings::of(ExportFamily f) {
    return f == ExportFamily::creators ? creators : f == ExportFamily::paid ? paid : videos;
}

FieldMappings field_mappings_from_json(std::string_view text, std::vector<std::string>& errors) {
    FieldMappings out;
    const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        errors.push_back("not a JSON object");
        return out;
    }
    const size_t before = errors.size();
    const std::pair<const char*, ExportFamily> sections[] = {
        {"videos", ExportFamily::videos}, {"creators", ExportFamily::creators}, {"paid", ExportFamily::paid}};
    for (const auto& [name, family] : sections) {
        auto it = j.find(name);
        if (it == j.end()) continue;
        const ExportFields& fields = *family_fields(family);
        if (!it->is_object()) {
            errors.push_back(std::string(name) + ": not an object of fields and headers");
            continue;
        }
        for (auto f = it->begin(); f != it->end(); ++f) {
            bool known = false;
            for (size_t i = 0; i < fields.size(); ++i) known = known || fields.key(i) == f.key();
            if (!known) {
                std::string keys;
                for (size_t i = 0; i < fields.size(); ++i) keys += (i ? ", " : "") + fields.key(i);
                std::string what = family_name(family);  // "Creator list" -> "creator list"
                what[0] = cells::lower_char(what[0]);
                errors.push_back(std::string(name) + ": \"" + f.key() + "\" is not a field of a " + what + " (" + keys + ")");
            } else if (!f->is_string()) {
                errors.push_back(std::string(name) + ": \"" + f.key() + "\" is not a header as text");
            } else {
                out.of(family)[f.key()] = f->get<std::string>();
            }
        }
    }
    if (errors.size() != before) out = FieldMappings{};
    return out;
}

const ExportFields* family_fields(ExportFamily f) {
    switch (f) {
        case ExportFamily::videos: return &video_export_fields();
        case ExportFamily::creators: return &creator_list_fields();
        case ExportFamily::paid: return &paid_export_fields();
        default: return nullptr;
    }
}

bool family_headers(ExportFamily f, const std::vector<std::string>& headers, std::string* missing,
                    const ColumnMapping& orders_mapping, const FieldMappings& mappings) {
    switch (f) {
        case ExportFamily::orders: {
            const ColumnMatch om = match_columns(headers, orders_mapping);
            if (om.column[static_cast<size_t>(OrderField::order_id)] >= 0) return true;
            if (missing) *missing = "no \"" + std::string(order_field_header(OrderField::order_id)) + "\" column";
            return false;
        }
        case ExportFamily::videos: return video_headers(headers, missing, mappings.videos);
        case ExportFamily::creators: return creator_list_headers(headers, missing, mappings.creators);
        case ExportFamily::paid: return paid_headers(headers, missing, mappings.paid);
        default: return false;
    }
}

FamilyGuess detect_family(const std::vector<std::string>& headers, const ColumnMapping& orders_mapping,
                          const FieldMappings& mappings) {
    FamilyGuess g;
    // In this order: a paid report before video performance, since GMV Max creative data has a
    // Video ID too (docs/rules.md, "Which export a file is").
    const ExportFamily order[] = {ExportFamily::orders, ExportFamily::paid, ExportFamily::videos, ExportFamily::creators};
    std::string lacks[4];
    for (size_t i = 0; i < 4; ++i) {
        if (family_headers(order[i], headers, &lacks[i], orders_mapping, mappings)) {
            g.family = order[i];
            return g;
        }
    }
    g.tried = "tried affiliate orders (" + lacks[0] + "), paid report (" + lacks[1] + "), video performance (" + lacks[2] +
              "), creator list (" + lacks[3] + ")";
    return g;
}

const char* family_name(ExportFamily f) {
    switch (f) {
        case ExportFamily::orders: return "Affiliate orders";
        case ExportFamily::videos: return "Video performance";
        case ExportFamily::creators: return "Creator list";
        case ExportFamily::paid: return "Paid report";
        default: return "Unknown";
    }
}

bool ExportImport::ok() const { return refusal().empty(); }

std::string ExportImport::refusal() const {
    switch (family) {
        case ExportFamily::orders: return orders.refused;
        case ExportFamily::videos: return videos.refused;
        case ExportFamily::creators: return creators.refused;
        case ExportFamily::paid: return paid.refused;
        default: return refused.empty() ? "the file is empty: no header row" : refused;
    }
}

std::string ExportImport::found() const {
    switch (family) {
        case ExportFamily::orders: return tried.empty() ? "Affiliate orders" : "Not a known export";
        case ExportFamily::videos: return "Video performance, " + fmt_int(videos.videos) + (videos.videos == 1 ? " video" : " videos");
        case ExportFamily::creators:
            return "Creator list, " + fmt_int(creators.creators) + (creators.creators == 1 ? " creator" : " creators");
        case ExportFamily::paid:
            return std::string("Paid report (") + (paid.by_day ? "Ads Manager" : "GMV Max creative data") + "), " +
                   fmt_int(paid.rows) + (paid.rows == 1 ? " row" : " rows");
        default: return "Not a known export";
    }
}

std::string ExportImport::summary() const {
    if (!ok()) return "Refused: " + refusal();
    switch (family) {
        case ExportFamily::orders: return "Affiliate orders: " + orders.summary();
        case ExportFamily::videos: return videos.summary();
        case ExportFamily::creators: return creators.summary();
        case ExportFamily::paid: return paid.summary();
        default: return "Refused: " + refusal();
    }
}

struct ExportImporter::Impl {
    std::optional<Program> program;  // until the header row says which importer takes it
    uint64_t revision;
    ColumnMapping mapping;
    OrdersImportOptions options;
    FieldMappings mappings;
    std::vector<std::string> header_row;  // trimmed
    ExportFamily family = ExportFamily::none;
    std::string tried, refused;
    std::unique_ptr<OrdersImporter> orders;
    std::unique_ptr<VideoImporter> videos;
    std::unique_ptr<CreatorListImporter> creators;
    std::unique_ptr<PaidImporter> paid;
    csv::Reader reader;
    std::string pending;       // a CSV's bytes up to its header row, for the orders importer
    bool handoff = false;      // the header said orders: the CSV goes to the orders importer whole
    bool handed = false;
    bool rows_mode = false;
    uint64_t expected = 0, other_bytes = 0;

    Impl(const Program& p, uint64_t r, ColumnMapping m, OrdersImportOptions o)
        : program(p), revision(r), mapping(std::move(m)), options(o),
          reader([this](const csv::Record& rec) { return on_record(rec); }, 1 << 20, csv::kDetectSeparator) {}

    void decide(const std::vector<std::string_view>& cells) {
        std::vector<std::string> headers;
        headers.reserve(cells.size());
        for (std::string_view h : cells) headers.emplace_back(cells::trim_view(h));
        const FamilyGuess g = detect_family(headers, mapping, mappings);
        header_row = headers;
        family = g.family == ExportFamily::none ? ExportFamily::orders : g.family;
        tried = g.tried;
        switch (family) {
            case ExportFamily::videos: videos = std::make_unique<VideoImporter>(*program, revision, options, mappings.videos); break;
            case ExportFamily::creators: creators = std::make_unique<CreatorListImporter>(*program, revision, options.today, mappings.creators); break;
            case ExportFamily::paid: paid = std::make_unique<PaidImporter>(*program, revision, options, mappings.paid); break;
            default:
                orders = std::make_unique<OrdersImporter>(*program, revision, mapping, options);
                if (expected) orders->expect_bytes(expected);
        }
        program.reset();
    }

    bool to_family(int64_t row, const std::vector<std::string_view>& cells, uint64_t bytes) {
        if (videos) return videos->feed_row(row, cells);
        if (creators) return creators->feed_row(row, cells);
        if (paid) return paid->feed_row(row, cells);
        return orders->feed_row(row, cells, bytes);
    }

    bool on_record(const csv::Record& r) {
        if (family == ExportFamily::none) {
            decide(r.fields);
            if (orders) {
                handoff = true;
                return false;  // the orders importer reads the CSV itself, from its first byte
            }
        }
        return to_family(r.row, r.fields, reader.bytes_read());
    }
};

ExportImporter::ExportImporter(const Program& program, uint64_t revision, ColumnMapping orders_mapping,
                               OrdersImportOptions options)
    : impl_(std::make_unique<Impl>(program, revision, std::move(orders_mapping), options)) {}
ExportImporter::~ExportImporter() = default;

void ExportImporter::map_fields(FieldMappings mappings) { impl_->mappings = std::move(mappings); }

void ExportImporter::expect_bytes(uint64_t total) {
    impl_->expected = total;
    if (impl_->orders) impl_->orders->expect_bytes(total);
}

bool ExportImporter::feed(std::string_view bytes) {
    Impl& m = *impl_;
    if (m.handed) return m.orders->feed(bytes);
    if (!m.refused.empty()) return false;
    if (m.family == ExportFamily::none) m.pending.append(bytes);
    const bool go = m.reader.feed(bytes);
    if (m.handoff) {
        m.handoff = false;
        m.handed = true;
        const bool ok = m.orders->feed(m.pending);
        std::string().swap(m.pending);
        return ok;
    }
    if (m.family != ExportFamily::none) std::string().swap(m.pending);
    if (m.reader.failed()) {
        m.refused = m.reader.error().message;
        return false;
    }
    return go;
}

bool ExportImporter::feed_row(int64_t row, const std::vector<std::string_view>& cells, uint64_t bytes_read) {
    Impl& m = *impl_;
    m.rows_mode = true;
    m.other_bytes = bytes_read;
    if (!m.refused.empty()) return false;
    if (m.family == ExportFamily::none) m.decide(cells);
    return m.to_family(row, cells, bytes_read);
}

void ExportImporter::refuse(std::string reason) {
    Impl& m = *impl_;
    if (m.orders) m.orders->refuse(reason);
    if (m.videos) m.videos->refuse(reason);
    if (m.creators) m.creators->refuse(reason);
    if (m.paid) m.paid->refuse(reason);
    if (m.refused.empty()) m.refused = std::move(reason);
}

uint64_t ExportImporter::bytes_read() const {
    const Impl& m = *impl_;
    if (m.handed) return m.orders->bytes_read();
    return m.rows_mode ? m.other_bytes : m.reader.bytes_read();
}

int64_t ExportImporter::rows_read() const {
    const Impl& m = *impl_;
    if (m.orders) return m.orders->rows_read();
    if (m.videos) return m.videos->rows_read();
    if (m.creators) return m.creators->rows_read();
    if (m.paid) return m.paid->rows_read();
    return 0;
}

ExportFamily ExportImporter::family() const { return impl_->family; }
const std::string& ExportImporter::tried() const { return impl_->tried; }

const std::optional<ColumnMatch>& ExportImporter::order_columns() const {
    static const std::optional<ColumnMatch> none;
    return impl_->orders ? impl_->orders->columns() : none;
}

ExportImport ExportImporter::finish() {
    Impl& m = *impl_;
    if (!m.rows_mode && !m.handed && m.refused.empty()) {
        m.reader.finish();
        if (m.handoff) {  // the header was the file's last line
            m.handoff = false;
            m.handed = true;
            m.orders->feed(m.pending);
        } else if (m.reader.failed()) {
            m.refused = m.reader.error().message;
        }
    }
    ExportImport out;
    out.family = m.family;
    out.tried = m.tried;
    out.refused = m.refused;
    out.headers = m.header_row;
    if (m.orders) {
        if (!m.refused.empty()) m.orders->refuse(m.refused);
        out.orders = m.orders->finish();
    } else if (m.videos) {
        if (!m.refused.empty()) m.videos->refuse(m.refused);
        out.videos = m.videos->finish();
    } else if (m.creators) {
        if (!m.refused.empty()) m.creators->refuse(m.refused);
        out.creators = m.creators->finish();
    } else if (m.paid) {
        if (!m.refused.empty()) m.paid->refuse(m.refused);
        out.paid = m.paid->finish();
    }
    return out;
}

ExportXlsxImport::ExportXlsxImport(const Program& program, uint64_t revision, ColumnMapping orders_mapping,
                                   OrdersImportOptions options, uint64_t file_size, xlsx::Limits limits)
    : importer_(program, revision, std::move(orders_mapping), options),
      reader_(file_size, [this](const xlsx::Row& r) { return importer_.feed_row(r.row, r.cells, reader_.bytes_read()); },
              limits) {
    importer_.expect_bytes(file_size);
    if (reader_.failed()) importer_.refuse(reader_.error());
}

bool ExportXlsxImport::give(std::string_view bytes) {
    if (!reader_.give(bytes)) {
        if (reader_.failed()) importer_.refuse(reader_.error());
        return false;
    }
    return true;
}

ExportImport ExportXlsxImport::finish() {
    if (reader_.failed()) importer_.refuse(reader_.error());
    else if (!reader_.done() && importer_.family() != ExportFamily::none && reader_.need().length) {
        // Stopped early: a refusal the importer holds, unless it stopped for none.
        const auto& cols = importer_.order_columns();
        if (importer_.family() != ExportFamily::orders || (cols && cols->ok())) importer_.refuse("the file was not read to its end");
    }
    return importer_.finish();
}

ExportImport import_export_csv(const Program& program, std::string_view csv, const ColumnMapping& mapping,
                               uint64_t revision, const OrdersImportOptions& options) {
    ExportImporter imp(program, revision, mapping, options);
    imp.expect_bytes(csv.size());
    imp.feed(csv);
    return imp.finish();
}

ExportImport import_export_xlsx(const Program& program, std::string_view file, const ColumnMapping& mapping,
                                uint64_t revision, const OrdersImportOptions& options) {
    ExportXlsxImport imp(program, revision, mapping, options, file.size());
    for (xlsx::Range r = imp.need(); r.length > 0; r = imp.need()) {
        if (r.offset > file.size() || file.size() - r.offset < r.length) break;
        if (!imp.give(file.substr(static_cast<size_t>(r.offset), r.length))) break;
    }
    return imp.finish();
}

const ExportChanges* ExportImport::export_changes() const {
    switch (family) {
        case ExportFamily::videos: return &videos.changes;
        case ExportFamily::creators: return &creators.changes;
        case ExportFamily::paid: return &paid.changes;
        default: return nullptr;
    }
}

void apply_export(Program& p, const ExportImport& r) {
    if (!r.ok()) return;
    if (r.family == ExportFamily::orders) apply_orders(p, r.orders.changes);
    else if (const ExportChanges* c = r.export_changes()) apply_export_changes(p, *c);
}

}  // namespace sr
