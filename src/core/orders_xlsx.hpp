// An affiliate-orders export saved as .xlsx: the first sheet's rows (xlsx.hpp) go to the same
// OrdersImporter a CSV's records go to, with the same checks and the same summary.
//
//     OrdersXlsxImport imp(store.program(), store.revision(), mapping, options, file_size);
//     for (xlsx::Range r = imp.need(); r.length; r = imp.need()) imp.give(read(r.offset, r.length));
//     OrdersImport result = imp.finish();
//
// The file is read by ranges (its zip directory is at the end): a caller reads each range the
// reader asks for, from disk or from the browser's File, and gives it back.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "orders_import.hpp"
#include "xlsx.hpp"

namespace sr {

// What an orders file is, from its first bytes: an .xlsx (a zip), an OLE file (an old .xls or a
// password-protected workbook, refused with xlsx::kOleMessage), or text read as CSV.
enum class OrdersFileKind { csv, xlsx, old_excel };
OrdersFileKind orders_file_kind(std::string_view head);

class OrdersXlsxImport {
public:
    OrdersXlsxImport(const Program& program, uint64_t revision, ColumnMapping mapping, OrdersImportOptions options,
                     uint64_t file_size, xlsx::Limits limits = {});

    // The range of the file wanted next (length 0: nothing more; call finish()).
    xlsx::Range need() const { return reader_.need(); }
    // Its bytes. Returns false once the file is refused (finish() says why).
    bool give(std::string_view bytes);
    uint64_t bytes_read() const { return reader_.bytes_read(); }
    int64_t rows_read() const { return importer_.rows_read(); }
    const std::optional<ColumnMatch>& columns() const { return importer_.columns(); }
    OrdersImport finish();

private:
    OrdersImporter importer_;
    xlsx::Reader reader_;
};

// All at once (tests, the fuzzer): a whole .xlsx file held in memory.
OrdersImport import_orders_xlsx(const Program& program, std::string_view file, const ColumnMapping& mapping = {},
                                uint64_t revision = 0, const OrdersImportOptions& options = {},
                                const xlsx::Limits& limits = {});

}  // namespace sr
