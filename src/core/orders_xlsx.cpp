#include "orders_xlsx.hpp"

namespace sr {

OrdersFileKind orders_file_kind(std::string_view head) {
    if (xlsx::looks_like_zip(head)) return OrdersFileKind::xlsx;
    if (xlsx::looks_like_ole(head)) return OrdersFileKind::old_excel;
    return OrdersFileKind::csv;
}

OrdersXlsxImport::OrdersXlsxImport(const Program& program, uint64_t revision, ColumnMapping mapping,
                                   OrdersImportOptions options, uint64_t file_size, xlsx::Limits limits)
    : importer_(program, revision, std::move(mapping), options),
      reader_(file_size, [this](const xlsx::Row& r) { return importer_.feed_row(r.row, r.cells, reader_.bytes_read()); },
              limits) {
    importer_.expect_bytes(file_size);
    if (reader_.failed()) importer_.refuse(reader_.error());
}

bool OrdersXlsxImport::give(std::string_view bytes) {
    if (!reader_.give(bytes)) {
        if (reader_.failed()) importer_.refuse(reader_.error());
        return false;
    }
    return true;
}

OrdersImport OrdersXlsxImport::finish() {
    if (reader_.failed()) importer_.refuse(reader_.error());
    else if (!reader_.done() && importer_.columns() && importer_.columns()->ok() && reader_.need().length)
        importer_.refuse("the file was not read to its end");
    return importer_.finish();
}

OrdersImport import_orders_xlsx(const Program& program, std::string_view file, const ColumnMapping& mapping,
                                uint64_t revision, const OrdersImportOptions& options, const xlsx::Limits& limits) {
    OrdersXlsxImport imp(program, revision, mapping, options, file.size(), limits);
    for (xlsx::Range r = imp.need(); r.length > 0; r = imp.need()) {
        if (r.offset > file.size() || file.size() - r.offset < r.length) break;
        if (!imp.give(file.substr(static_cast<size_t>(r.offset), r.length))) break;
    }
    return imp.finish();
}

}  // namespace sr
