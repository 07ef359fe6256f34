// Reading a picked file a piece at a time (docs/rules.md, "Reading a file"): the same result
// whatever the size of the pieces, a cancel that leaves the program as it was, a refusal that
// names its reason, the mapping screen for an orders file whose columns are renamed.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "builders.hpp"
#include "csv_rows.hpp"
#include "core/backup.hpp"
#include "core/file_reading.hpp"
#include "core/store.hpp"
#include "xlsx_writer.hpp"

using namespace sr;
using namespace sr::test;

namespace {

const std::vector<std::string> kOrders = {"Order ID", "SKU ID", "Price", "Payment Amount", "Quantity", "Currency",
                                          "Order Status", "Creator Username", "Content Type", "Content ID",
                                          "Actual Commission Payment", "Time Created", "Fully returned or refunded"};
const char* kTramVideo = "7301234567890123456";

// Trâm (Vietnamese) has a post on the roster; Fah (Thai) has none yet.
struct Shop {
    Program p;
    Id tram, fah;
    Shop() {
        p.settings.currency = "USD";
        tram = add_creator(p, "ngoctram.beauty", 20000);
        creator(p, tram).display_name = "Ngọc Trâm 🌞";
        fah = add_creator(p, "nongfah.review", 30000);
        creator(p, fah).display_name = "น้องฟ้า รีวิว";
        Post& a = add_post(p, tram, d(2026, 11, 1), 5000, 200, 0, 0);
        a.tiktok_ref = std::string("https://www.tiktok.com/@ngoctram.beauty/video/") + kTramVideo;
    }
};

// Three orders on Trâm's video (25.00, 2 x 19.90 = 39.80, 12.50 fully refunded) and one
// showcase order of Fah's (15.00), dates day first, "/" for a commission not yet paid.
std::vector<std::vector<std::string>> order_rows() {
    return {
        {"577000000000000001", "1729384756102938475", "25.00", "25.00", "1", "USD", "Settled", "ngoctram.beauty",
         "Video", kTramVideo, "2.50", "13/11/2026 10:00:00", "No"},
        {"577000000000000002", "1729384756102938476", "19.90", "39.80", "2", "USD", "Pending", "ngoctram.beauty",
         "Video", kTramVideo, "/", "14/11/2026 21:15:00", "No"},
        {"577000000000000003", "1729384756102938475", "12.50", "12.50", "1", "USD", "Ineligible", "ngoctram.beauty",
         "Video", kTramVideo, "/", "15/11/2026 08:30:00", "Yes"},
        {"577000000000000004", "1729384756102938477", "15.00", "15.00", "1", "USD", "Settled", "nongfah.review",
         "Showcase", "/", "1.50", "16/11/2026 12:00:00", "No"},
    };
}

std::string orders_csv(const std::vector<std::string>& header = kOrders) {
    std::string s = csv_line(header);
    for (const auto& r : order_rows()) s += csv_line(r);
    return s;
}

std::string orders_xlsx() {
    std::vector<std::vector<XCell>> sheet;
    sheet.emplace_back();
    for (const std::string& h : kOrders) sheet.back().push_back({h});
    for (const auto& r : order_rows()) {
        sheet.emplace_back();
        for (const std::string& v : r) sheet.back().push_back({v});
    }
    return xlsx_file(sheet);
}

FileReading::State read(FileReading& r, std::string_view file, size_t step = 256u << 10) {
    read_whole(r, file, step);
    return r.state();
}

}  // namespace

TEST_CASE("a file read in pieces of any size gives what one piece gives") {
    Shop shop;
    const std::string csv = orders_csv();
    FileReading whole("affiliate_orders_20261120.csv", csv.size(), shop.p, 0);
    REQUIRE(read(whole, csv) == FileReading::State::exports);
    const ExportImport& one = whole.result();
    REQUIRE(one.family == ExportFamily::orders);
    // Four lines, four orders. GMV: 25.00 + 39.80 + 12.50 + 15.00 = 92.30, of which the 12.50
    // line is refunded.
    CHECK(one.orders.rows == 4);
    CHECK(one.orders.orders == 4);
    CHECK(one.orders.gmv == doctest::Approx(92.30));
    CHECK(one.orders.refunded == doctest::Approx(12.50));
    const std::string summary = one.orders.summary();

    for (uint32_t chunk : {1u, 3u, 7u, 64u, 1000u}) {
        for (size_t step : {size_t(1), size_t(5), size_t(4096)}) {
            CAPTURE(chunk);
            CAPTURE(step);
            ReadingSetup s;
            s.chunk_bytes = chunk;
            FileReading r("affiliate_orders_20261120.csv", csv.size(), shop.p, 0, s);
            REQUIRE(read(r, csv, step) == FileReading::State::exports);
            CHECK(r.result().orders.summary() == summary);
            CHECK(r.result().orders.gmv == doctest::Approx(92.30));
            CHECK(r.progress() == 1.0);
        }
    }
    // A file its name does not tell is known by its first bytes, whatever the pieces after.
    for (uint32_t chunk : {2u, 11u}) {
        ReadingSetup s;
        s.chunk_bytes = chunk;
        s.sniff_bytes = 64;
        FileReading r("download", csv.size(), shop.p, 0, s);
        REQUIRE(read(r, csv) == FileReading::State::exports);
        CHECK(r.kind() == FileReading::Kind::csv);
        CHECK(r.result().orders.summary() == summary);
    }
    // The same rows in a workbook, its sheet inflated 16 bytes or a megabyte at a time.
    const std::string xlsx = orders_xlsx();
    for (uint32_t piece : {16u, 1u << 20}) {
        CAPTURE(piece);
        ReadingSetup s;
        s.xlsx_limits.piece_bytes = piece;
        FileReading r("affiliate_orders_20261120.xlsx", xlsx.size(), shop.p, 0, s);
        REQUIRE(read(r, xlsx) == FileReading::State::exports);
        CHECK(r.kind() == FileReading::Kind::xlsx);
        CHECK(r.result().orders.summary() == summary);
        CHECK(r.result().orders.gmv == doctest::Approx(92.30));
    }
}

TEST_CASE("the progress of a reading is the share of the file parsed, with its rows") {
    Shop shop;
    const std::string csv = orders_csv();
    ReadingSetup s;
    s.chunk_bytes = static_cast<uint32_t>(csv.size() / 2 + 1);  // two pieces
    FileReading r("orders.csv", csv.size(), shop.p, 0, s);
    auto q = r.next_request();
    REQUIRE(q);
    CHECK(q->offset == 0);
    CHECK(q->length == s.chunk_bytes);
    CHECK_FALSE(r.next_request());  // one piece on its way at a time
    r.arrived(q->offset, std::string_view(csv).substr(0, q->length));
    while (r.step(1 << 20)) {
    }
    CHECK(r.state() == FileReading::State::reading);
    CHECK(r.bytes_done() == s.chunk_bytes);
    CHECK(r.progress() == doctest::Approx(static_cast<double>(s.chunk_bytes) / static_cast<double>(csv.size())));
    // The header and the lines wholly in the first half are read: "... · 2 rows · 50 %" or so.
    CHECK(r.progress_line().find(" of " + fmt_bytes(csv.size()) + " · ") != std::string::npos);
    CHECK(r.rows() >= 1);
    q = r.next_request();
    REQUIRE(q);
    CHECK(q->offset == s.chunk_bytes);
    r.arrived(q->offset, std::string_view(csv).substr(q->offset, q->length));
    while (r.step(1 << 20)) {
    }
    CHECK(r.state() == FileReading::State::exports);
    CHECK(r.rows() == 0);  // done: the importer is gone, the result holds the rows
    CHECK(r.result().orders.rows == 4);
}

TEST_CASE("cancelling a reading halfway changes nothing and drops the pieces still on their way") {
    Shop shop;
    Store store(shop.p);
    const std::string before = program_to_json(store.program());
    const uint64_t revision = store.revision();
    const std::string csv = orders_csv();
    ReadingSetup s;
    s.chunk_bytes = 100;
    FileReading r("affiliate_orders_20261120.csv", csv.size(), store.program(), store.revision(), s);
    auto q = r.next_request();
    r.arrived(q->offset, std::string_view(csv).substr(0, q->length));
    r.step(1 << 20);
    q = r.next_request();  // the second piece is on its way when the user cancels
    REQUIRE(q);
    r.cancel();
    CHECK(r.state() == FileReading::State::cancelled);
    CHECK(r.message() == "The import of affiliate_orders_20261120.csv was cancelled. Nothing was changed.");
    r.arrived(q->offset, std::string_view(csv).substr(q->offset, q->length));
    CHECK_FALSE(r.step(1 << 20));
    CHECK_FALSE(r.next_request());
    CHECK(r.state() == FileReading::State::cancelled);
    CHECK(r.result().orders.changes.empty());
    CHECK(r.result().orders.rows == 0);
    CHECK(store.revision() == revision);
    CHECK(program_to_json(store.program()) == before);
}

TEST_CASE("a refused file names the reason, and nothing is kept") {
    Shop shop;
    auto refused = [&](const std::string& name, const std::string& file, ReadingSetup s = {}) {
        FileReading r(name, file.size(), shop.p, 0, s);
        read(r, file);
        CHECK(r.state() == FileReading::State::refused);
        CHECK(r.result().orders.changes.empty());
        return r.message();
    };
    CHECK(refused("orders.csv", "") == "orders.csv is empty. Nothing was changed.");
    CHECK(refused("Affiliate orders.xlsx", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0')) ==
          std::string("Affiliate orders.xlsx was refused: ") + xlsx::kOleMessage + ". Nothing was changed.");
    CHECK(refused("notes.txt", "Danh sách nhà sáng tạo tháng 11\nngoctram.beauty\n") ==
          "notes.txt is neither a Spark Roster backup (a JSON file) nor a TikTok Shop export (an .xlsx workbook, or a "
          "CSV file with a header row). Nothing was changed.");
    CHECK(refused("orders.csv", csv_line(kOrders)) ==
          "orders.csv was refused: the file has its header row and no rows under it: no orders to import. Nothing was "
          "changed.");
    ReadingSetup small;
    small.max_backup_bytes = 10;
    CHECK(refused("spark-roster-2026-11-20.json", "{\"format\": \"spark-roster\"}", small) ==
          "spark-roster-2026-11-20.json is 26 bytes; a backup can be at most 10 bytes. Nothing was changed.");
    // A zip that is not a workbook: its reader's own words, and where.
    const std::string not_workbook = zip({{"hello.txt", "xin chào"}});
    const std::string m = refused("report.xlsx", not_workbook);
    CHECK(m.rfind("report.xlsx was refused: ", 0) == 0);
    CHECK(m.find("Nothing was changed.") != std::string::npos);
    // A piece that cannot be read.
    const std::string csv = orders_csv();
    FileReading r("orders.csv", csv.size(), shop.p, 0);
    auto q = r.next_request();
    r.arrived(q->offset, {}, "NotReadableError");
    CHECK(r.state() == FileReading::State::refused);
    CHECK(r.message() == "Could not read orders.csv: NotReadableError. Nothing was changed.");
}

TEST_CASE("an orders file with renamed columns stops for the mapping and is read again with it") {
    Shop shop;
    std::vector<std::string> header = kOrders;
    header[0] = "Mã đơn";       // not a name the dictionaries know for Order ID
    header[7] = "Người tạo";    // nor for Creator Username
    const std::string csv = orders_csv(header);
    FileReading r("don_hang.csv", csv.size(), shop.p, 0);
    REQUIRE(read(r, csv) == FileReading::State::mapping);
    CHECK(r.headers() == header);
    CHECK_FALSE(r.tried().empty());  // fits no export: what each one lacks
    const auto choice = r.mapping_choices();
    CHECK(choice[static_cast<size_t>(OrderField::order_id)] == -1);
    CHECK(choice[static_cast<size_t>(OrderField::price)] == 2);

    ReadingSetup s;
    s.orders_mapping.headers[static_cast<size_t>(OrderField::order_id)] = "Mã đơn";
    s.orders_mapping.headers[static_cast<size_t>(OrderField::creator_username)] = "Người tạo";
    r.restart(shop.p, 0, s);
    REQUIRE(read(r, csv) == FileReading::State::exports);
    CHECK(r.result().orders.orders == 4);
    CHECK(r.result().orders.gmv == doctest::Approx(92.30));
}

TEST_CASE("a backup is read whole and kept to preview; a damaged one is refused with where") {
    Shop shop;
    const std::string text = program_to_json(shop.p);
    ReadingSetup s;
    s.chunk_bytes = 500;
    FileReading r("spark-roster-2026-11-20.json", text.size(), Program{}, 0, s);
    REQUIRE(read(r, text) == FileReading::State::backup);
    REQUIRE(r.backup());
    CHECK(r.backup()->creators.size() == 2);
    CHECK(r.backup()->creators[0].display_name == "Ngọc Trâm 🌞");

    const std::string cut = text.substr(0, text.size() / 2);
    FileReading c("spark-roster-2026-11-20.json", cut.size(), Program{}, 0);
    REQUIRE(read(c, cut) == FileReading::State::refused);
    CHECK(c.message().rfind("spark-roster-2026-11-20.json was refused: ", 0) == 0);
    CHECK(c.message().find("not valid JSON") != std::string::npos);
}
