// Paid reports (docs/rules.md, "Paid reports"): GMV Max creative data and the Ads Manager report
// become paid rounds of the Spark Code running the post they promote. Numbers worked out by hand.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "builders.hpp"
#include "csv_rows.hpp"
#include "core/backup.hpp"
#include "core/export_import.hpp"
#include "core/file_reading.hpp"
#include "core/metrics.hpp"
#include "core/store.hpp"
#include "xlsx_writer.hpp"

using namespace sr;
using namespace sr::test;

namespace {

// GMV Max "Creative data", as the issue lists its columns.
const std::vector<std::string> kCreative = {
    "Campaign name", "Campaign ID", "Product ID", "Creative type", "Video title", "Video ID", "TikTok account",
    "Time posted", "Status", "Authorization type", "Cost", "SKU orders", "Cost per order", "Gross revenue", "ROI",
    "Product ad impressions", "Product ad clicks", "Product ad click rate", "Ad conversion rate",
    "2-second ad video view rate", "6-second ad video view rate", "25% ad video view rate", "50% ad video view rate",
    "75% ad video view rate", "100% ad video view rate", "Currency"};

// The Ads Manager report.
const std::vector<std::string> kAdsManager = {
    "By Day", "Campaign name", "Ad group name", "Ad name", "Ad ID", "Currency", "Cost", "Impressions", "Reach", "CPM",
    "Clicks (destination)", "CTR (destination)", "Conversions", "Video views", "2-second video views",
    "6-second video views", "Average play time per video view", "Complete payment", "Complete payment ROAS",
    "Total complete payment value"};

const char* kTramVideo = "7301234567890123456";
const char* kFahVideo = "7309876543210987654";

// Trâm's post runs as a Spark Ad: its code went live on 2026-11-10 for 30 days, after an
// earlier code of October expired. Fah's post has a code received, not yet live.
struct Shop {
    Program p;
    Id tram, fah, product, tram_post, fah_post, live_code, old_code, fah_code;
    Shop() {
        p.settings.currency = "USD";
        tram = add_creator(p, "ngoctram.beauty", 20000);
        creator(p, tram).display_name = "Ngọc Trâm 🌞";
        fah = add_creator(p, "nongfah.review", 30000);
        creator(p, fah).display_name = "น้องฟ้า รีวิว";
        product = add_product(p, 34, 8, 2, 3);
        Post& a = add_post(p, tram, d(2026, 11, 1), 5000, 200, 37, 900, product);
        a.tiktok_ref = std::string("https://www.tiktok.com/@ngoctram.beauty/video/") + kTramVideo;
        tram_post = a.id;
        Post& b = add_post(p, fah, d(2026, 11, 2), 100, 10, 4, 80, product);
        b.tiktok_ref = kFahVideo;
        fah_post = b.id;
        old_code = code("#SPARK+tramOCT2026", tram, tram_post, d(2026, 10, 1), SparkStatus::expired);
        live_code = code("#SPARK+ngoctram30", tram, tram_post, d(2026, 11, 10), SparkStatus::live);
        fah_code = code("#SPARK+nongfah001", fah, fah_post, d(2026, 11, 15), SparkStatus::received);
    }
    Id code(const std::string& text, Id who, Id post, Date start, SparkStatus status) {
        SparkCode c;
        c.id = p.next_id++;
        c.code = text;
        c.creator_id = who;
        c.post_id = post;
        c.product_id = product;
        c.received = start;
        c.auth_start = start;
        c.duration_days = 30;
        c.status = status;
        p.spark_codes.push_back(c);
        return c.id;
    }
    const SparkCode& find(Id id) const {
        for (const SparkCode& c : p.spark_codes)
            if (c.id == id) return c;
        return p.spark_codes.front();
    }
};

std::string csv_of(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    std::string s = csv_line(header);
    for (const auto& r : rows) s += csv_line(r);
    return s;
}

std::vector<std::vector<std::string>> creative_rows() {
    auto tram = [](const char* product, const char* cost, const char* orders, const char* revenue, const char* impressions,
                   const char* clicks, const char* v2, const char* v6) {
        return row_of(kCreative, {{"Campaign name", "GMV Max – Kem chống nắng"}, {"Video ID", kTramVideo},
                                  {"Product ID", product}, {"TikTok account", "ngoctram.beauty"}, {"Cost", cost},
                                  {"SKU orders", orders}, {"Gross revenue", revenue},
                                  {"Product ad impressions", impressions}, {"Product ad clicks", clicks},
                                  {"2-second ad video view rate", v2}, {"6-second ad video view rate", v6},
                                  {"Currency", "USD"}});
    };
    std::vector<std::string> descriptions;
    for (const std::string& h : kCreative) descriptions.push_back("The " + h + " of the creative");
    return {
        descriptions,
        tram("1729384756102938475", "$120.00", "6", "$204.00", "10,000", "250", "30.00%", "12.00%"),
        tram("1729384756102938999", "$30.00", "1", "$34.00", "5,000", "50", "24%", "9%"),
        row_of(kCreative, {{"Video ID", kFahVideo}, {"Cost", "40"}, {"Currency", "USD"}}),
        row_of(kCreative, {{"Video ID", "7399999999999999999"}, {"Cost", "15.00"}, {"Currency", "USD"}}),
        row_of(kCreative, {{"Video ID", "7388888888888888888"}, {"Cost", "--"}, {"Currency", "USD"}}),
        {"Total of 5 results"},
    };
}

std::vector<std::vector<std::string>> ads_rows(const char* second_day_cost = "60.00") {
    const std::string named = "Spark | #SPARK+ngoctram30 | Ngọc Trâm 🌞";
    auto ad = [&](const char* day, const std::string& name, const char* cost, const char* impressions, const char* clicks,
                  const char* payments, const char* value, const char* v2, const char* v6) {
        return row_of(kAdsManager, {{"By Day", day}, {"Campaign name", "Spark Q4"}, {"Ad name", name},
                                    {"Ad ID", "1790000000000000001"}, {"Currency", "USD"}, {"Cost", cost},
                                    {"Impressions", impressions}, {"Clicks (destination)", clicks},
                                    {"Complete payment", payments}, {"Total complete payment value", value},
                                    {"2-second video views", v2}, {"6-second video views", v6}});
    };
    return {
        ad("21/11/2026", named, "50.00", "8,000", "160", "3", "102.00", "2,400", "800"),
        ad("21/11/2026", std::string("Retarget ") + kTramVideo, "25.00", "2,000", "40", "1", "34.00", "600", "200"),
        ad("22/11/2026", named, second_day_cost, "10,000", "150", "2", "68.00", "2,000", "500"),
        ad("22/11/2026", "Brand awareness Q4", "80.00", "50,000", "300", "0", "0", "9,000", "2,000"),
    };
}

OrdersImportOptions on(Date today) {
    OrdersImportOptions o;
    o.today = today;
    return o;
}

}  // namespace

TEST_CASE("GMV Max creative data becomes a paid round of the code live on the import day, its products' rows summed") {
    Shop shop;
    const ExportImport r = import_export_csv(shop.p, csv_of(kCreative, creative_rows()), {}, 0, on(d(2026, 11, 20)));
    REQUIRE(r.ok());
    CHECK(r.family == ExportFamily::paid);
    CHECK(r.found() == "Paid report (GMV Max creative data), 7 rows");
    // The descriptions under the header and the totals row are skipped; "--" is no cost.
    CHECK(r.summary() == "Paid report (GMV Max creative data), 7 rows: 1 round on 1 Spark Code (1 new, 0 replaced), "
                         "2 ads not placed, 1 row refused, 2 rows skipped");
    const PaidImport& x = r.paid;
    REQUIRE(x.unplaced.size() == 2);
    CHECK(x.unplaced[0].name == std::string("video ") + kFahVideo);
    CHECK(x.unplaced[0].reason == "its post has no Spark Code that went live");
    CHECK(x.unplaced[0].cost == 40);
    CHECK(x.unplaced[1].reason == "no post has this video");
    REQUIRE(x.problems.size() == 1);
    CHECK(x.problems[0].reason == "has no Cost");  // "--" is no value, never $0

    REQUIRE(x.changes.updated_spark_codes.size() == 1);
    const SparkCode& c = x.changes.updated_spark_codes[0];
    CHECK(c.id == shop.live_code);  // authorized 2026-11-10 to 2026-12-10: live on the 20th
    REQUIRE(c.rounds.size() == 1);
    const PaidRound& round = c.rounds[0];
    CHECK(round.date == d(2026, 11, 20));
    // The video's two product rows: $120 + $30, 6 + 1 orders, $204 + $34, 10,000 + 5,000
    // impressions, 250 + 50 clicks.
    CHECK(round.spend == 150);
    CHECK(round.orders == 7);
    CHECK(round.gmv == 238);
    CHECK(round.impressions == 15000);
    CHECK(round.clicks == 300);
    // The view rates weighted by impressions: (30 % x 10,000 + 24 % x 5,000) / 15,000 = 28 %;
    // (12 % x 10,000 + 9 % x 5,000) / 15,000 = 11 %.
    REQUIRE(round.view_rate_2s);
    CHECK(*round.view_rate_2s == doctest::Approx(0.28));
    REQUIRE(round.view_rate_6s);
    CHECK(*round.view_rate_6s == doctest::Approx(0.11));

    // Imported again on the same day: the same round, nothing to change.
    Program after = shop.p;
    apply_export(after, r);
    const ExportImport again = import_export_csv(after, csv_of(kCreative, creative_rows()), {}, 0, on(d(2026, 11, 20)));
    REQUIRE(again.ok());
    CHECK(again.paid.rounds_unchanged == 1);
    CHECK(again.paid.changes.empty());

    // A day in October is the earlier code's.
    const ExportImport october = import_export_csv(shop.p, csv_of(kCreative, creative_rows()), {}, 0, on(d(2026, 10, 15)));
    REQUIRE(october.paid.changes.updated_spark_codes.size() == 1);
    CHECK(october.paid.changes.updated_spark_codes[0].id == shop.old_code);

    // Without the day of import, a report with no day column cannot be dated.
    const ExportImport undated = import_export_csv(shop.p, csv_of(kCreative, creative_rows()));
    CHECK_FALSE(undated.ok());
    CHECK(undated.refusal() == "the report has no day column: say which day its rounds are dated");
}

TEST_CASE("an Ads Manager .xlsx gives a round per code and day, the ad found by the code or the video id in its name") {
    Shop shop;
    std::vector<std::vector<XCell>> sheet;
    sheet.emplace_back();
    for (const std::string& h : kAdsManager) sheet.back().push_back({h});
    for (const auto& r : ads_rows()) {
        sheet.emplace_back();
        for (const std::string& v : r) sheet.back().push_back({v});
    }
    const ExportImport r = import_export_xlsx(shop.p, xlsx_file(sheet), {}, 0, on(d(2026, 11, 25)));
    REQUIRE(r.ok());
    CHECK(r.summary() == "Paid report (Ads Manager), 4 rows: 2 rounds on 1 Spark Code (2 new, 0 replaced), 1 ad not placed");
    CHECK(r.paid.dates.order == DateOrder::day_first);  // 21/11: a day over 12 decides
    REQUIRE(r.paid.unplaced.size() == 1);
    CHECK(r.paid.unplaced[0].name == "Brand awareness Q4");
    CHECK(r.paid.unplaced[0].reason == "its name holds neither a post's video id nor a Spark Code that went live");
    REQUIRE(r.paid.changes.updated_spark_codes.size() == 1);
    const SparkCode& c = r.paid.changes.updated_spark_codes[0];
    CHECK(c.id == shop.live_code);
    REQUIRE(c.rounds.size() == 2);
    // 21/11: the ad named after the code and the one naming the video, summed: $50 + $25,
    // 8,000 + 2,000 impressions, 160 + 40 clicks, 3 + 1 payments of $102 + $34; 2-second views
    // (2,400 + 600) / 10,000 = 30 %, 6-second (800 + 200) / 10,000 = 10 %.
    CHECK(c.rounds[0].date == d(2026, 11, 21));
    CHECK(c.rounds[0].spend == 75);
    CHECK(c.rounds[0].impressions == 10000);
    CHECK(c.rounds[0].clicks == 200);
    CHECK(c.rounds[0].orders == 4);
    CHECK(c.rounds[0].gmv == 136);
    CHECK(*c.rounds[0].view_rate_2s == doctest::Approx(0.30));
    CHECK(*c.rounds[0].view_rate_6s == doctest::Approx(0.10));
    // 22/11: 2,000 / 10,000 = 20 % and 500 / 10,000 = 5 %.
    CHECK(c.rounds[1].date == d(2026, 11, 22));
    CHECK(c.rounds[1].spend == 60);
    CHECK(*c.rounds[1].view_rate_2s == doctest::Approx(0.20));
    CHECK(*c.rounds[1].view_rate_6s == doctest::Approx(0.05));

    // Through the Store: one undo step. The code's own margin then reads the rounds:
    // GMV 136 + 68 = 204; goods 8 x 6 orders = 48; commission 15 % x 204 = 30.60; shipping and
    // discount (2 + 3) x 6 = 30; spend 75 + 60 = 135: 204 - 48 - 30.60 - 30 - 135 = -39.60.
    Store store(shop.p);
    ExportImport live = import_export_xlsx(store.program(), xlsx_file(sheet), {}, store.revision(), on(d(2026, 11, 25)));
    REQUIRE(store.import_export(live.paid.changes, "Import paid report").ok);
    const SparkCode* stored = store.find_spark_code(shop.live_code);
    REQUIRE(stored);
    CHECK(stored->rounds.size() == 2);
    CHECK(spark_code_margin(*stored, store.program()).margin() == doctest::Approx(-39.60));

    // A later report with the 22nd's cost corrected: that round is replaced, the 21st's kept.
    const ExportImport fixed =
        import_export_csv(store.program(), csv_of(kAdsManager, ads_rows("65.00")), {}, store.revision(), on(d(2026, 11, 26)));
    REQUIRE(fixed.ok());
    CHECK(fixed.summary() == "Paid report (Ads Manager), 4 rows: 2 rounds on 1 Spark Code (0 new, 1 replaced), "
                             "1 ad not placed, 1 unchanged");
    REQUIRE(store.import_export(fixed.paid.changes, "Import paid report").ok);
    CHECK(store.find_spark_code(shop.live_code)->rounds.size() == 2);
    CHECK(store.find_spark_code(shop.live_code)->rounds[1].spend == 65);
    REQUIRE(store.undo());
    CHECK(store.find_spark_code(shop.live_code)->rounds[1].spend == 60);
    REQUIRE(store.undo());
    CHECK(store.find_spark_code(shop.live_code)->rounds.empty());
}

TEST_CASE("a paid report's bad rows are refused with the reason, and a Vietnamese header is read") {
    Shop shop;
    const std::vector<std::string> header = {"Theo ngày", "Tên quảng cáo", "ID quảng cáo", "Tiền tệ", "Chi phí",
                                             "Lượt hiển thị", "Lượt nhấp (đích)", "Thanh toán hoàn tất",
                                             "Tổng giá trị thanh toán hoàn tất"};
    const std::string ad = "Spark #SPARK+ngoctram30";
    const std::vector<std::vector<std::string>> rows = {
        {"2026-11-21", ad, "1", "VND", "1.200.000", "8000", "160", "3", "102"},  // another currency
        {"2026-11-21", ad, "1", "USD", "abc", "8000", "160", "3", "102"},        // cost not a number
        {"", ad, "1", "USD", "10", "8000", "160", "3", "102"},                   // no day
        {"2026-11-22", ad, "1", "USD", "12.50", "1.000", "20", "1", "34"},       // fine
        {"Tổng", "", "", "", "22.50", "", "", "", ""},
    };
    std::string text = csv_line(header);
    for (const auto& r : rows) text += csv_line(r);
    const ExportImport r = import_export_csv(shop.p, text, {}, 0, on(d(2026, 11, 25)));
    REQUIRE(r.ok());
    CHECK(r.paid.languages == std::vector<std::string>{"vi"});
    REQUIRE(r.paid.problems.size() == 3);
    CHECK(r.paid.problems[0].reason == "is in VND, not the program's USD");
    CHECK(r.paid.problems[1].reason == "Cost \"abc\" is not a number");
    CHECK(r.paid.problems[2].reason == "has no day (By Day)");
    CHECK(r.paid.skipped == 1);
    REQUIRE(r.paid.changes.updated_spark_codes.size() == 1);
    const SparkCode& c = r.paid.changes.updated_spark_codes[0];
    REQUIRE(c.rounds.size() == 1);
    CHECK(c.rounds[0].date == d(2026, 11, 22));
    CHECK(c.rounds[0].spend == 12.5);
    CHECK(c.rounds[0].impressions == 1000);

    // Only headers, no rows: refused whole.
    const ExportImport empty = import_export_csv(shop.p, csv_line(header), {}, 0, on(d(2026, 11, 25)));
    CHECK(empty.refusal() == "the file has its header row and no rows under it: no paid rounds to import");
}

TEST_CASE("an ad whose name names no post or code goes on the Spark Code the user chose for it, next time too") {
    Shop shop;
    Store store(shop.p);
    const std::string csv = csv_of(kAdsManager, ads_rows());
    const ExportImport first = import_export_csv(store.program(), csv, {}, store.revision());
    REQUIRE(first.ok());
    // "Brand awareness Q4" names neither a video id nor a code: not placed, and the user may
    // choose its code; the others are placed by their names.
    REQUIRE(first.paid.unplaced.size() == 1);
    CHECK(first.paid.unplaced[0].name == "Brand awareness Q4");
    CHECK(first.paid.unplaced[0].by_name);
    CHECK(first.paid.unplaced[0].cost == 80);

    REQUIRE(store.set_ad_code("  Brand awareness Q4 ", shop.live_code).ok);
    REQUIRE(store.program().settings.ad_codes.size() == 1);
    CHECK(store.program().settings.ad_codes[0].ad_name == "Brand awareness Q4");
    const ExportImport mapped = import_export_csv(store.program(), csv, {}, store.revision());
    REQUIRE(mapped.ok());
    CHECK(mapped.paid.unplaced.empty());
    REQUIRE(mapped.paid.changes.updated_spark_codes.size() == 1);
    const SparkCode& c = mapped.paid.changes.updated_spark_codes[0];
    CHECK(c.id == shop.live_code);
    REQUIRE(c.rounds.size() == 2);
    // 22/11: the named ad (60.00, 10,000 impressions, 150 clicks, 2 payments of 68.00, 2,000
    // 2-second views) and Brand awareness Q4 (80.00, 50,000, 300, 0, 0, 9,000): 140.00,
    // 60,000 impressions, 450 clicks, 2 orders, 68.00; 2-second rate (2,000 + 9,000) / 60,000.
    const PaidRound& day2 = c.rounds[1];
    CHECK(day2.date == d(2026, 11, 22));
    CHECK(day2.spend == 140);
    CHECK(day2.impressions == 60000);
    CHECK(day2.clicks == 450);
    CHECK(day2.orders == 2);
    CHECK(day2.gmv == 68);
    REQUIRE(day2.view_rate_2s);
    CHECK(*day2.view_rate_2s == doctest::Approx(11000.0 / 60000.0));

    // Kept in the backup, and undone like any change.
    const LoadResult back = program_from_json(program_to_json(store.program()));
    REQUIRE(back.ok());
    REQUIRE(back.program->settings.ad_codes.size() == 1);
    CHECK(back.program->settings.ad_codes[0].spark_code_id == shop.live_code);
    REQUIRE(store.undo().ok);
    CHECK(store.program().settings.ad_codes.empty());
    // A code that is not the program's is refused.
    CHECK_FALSE(store.set_ad_code("Brand awareness Q4", 9999).ok);
}

TEST_CASE("a mapping file places ad names on codes by their text or id, and names a code the program lacks") {
    Shop shop;
    Settings s = shop.p.settings;
    std::vector<std::string> errors;
    REQUIRE(merge_ad_codes_json(R"({"order_id": "Mã đơn", "ad_codes": {"Brand awareness Q4": "#SPARK+ngoctram30",
                                   "Khuyến mãi 11.11 🔥": )" + std::to_string(shop.old_code) + "}}",
                                shop.p, s, errors));
    REQUIRE(s.ad_codes.size() == 2);
    CHECK(s.ad_codes[0].ad_name == "Brand awareness Q4");
    CHECK(s.ad_codes[0].spark_code_id == shop.live_code);
    CHECK(s.ad_codes[1].ad_name == "Khuyến mãi 11.11 🔥");
    CHECK(s.ad_codes[1].spark_code_id == shop.old_code);
    Settings t = shop.p.settings;
    CHECK_FALSE(merge_ad_codes_json(R"({"ad_codes": {"Brand awareness Q4": "#SPARK+nobody"}})", shop.p, t, errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == "ad_codes: \"Brand awareness Q4\": no Spark Code of the program is \"#SPARK+nobody\"");
    CHECK(t.ad_codes.empty());
}

TEST_CASE("a media buyer's own sheet is read as a paid report under the columns the user mapped") {
    Shop shop;
    // "Ngày chạy" (day run), "Clip", "Tiền chi" (money spent), "Hiển thị" (shown), "Đơn" (orders):
    // none of them a paid report's header, so the file fits no export.
    const std::string csv = csv_line({"Ngày chạy", "Clip", "Tiền chi", "Hiển thị", "Đơn"}) +
                            csv_line({"21/11/2026", kTramVideo, "$45.50", "9,000", "2"}) +
                            csv_line({"22/11/2026", kTramVideo, "$30.00", "6,000", "1"});
    FileReading plain("chi_tieu.csv", csv.size(), shop.p, 0);
    read_whole(plain, csv);
    REQUIRE(plain.state() == FileReading::State::mapping);
    CHECK(plain.tried().find("paid report (no \"Cost\" column and no \"Video ID\" or \"Ad name\" column)") !=
          std::string::npos);

    std::vector<std::string> errors;
    ReadingSetup s;
    s.field_mappings = field_mappings_from_json(
        R"({"paid": {"day": "Ngày chạy", "video_id": "Clip", "cost": "Tiền chi", "impressions": "Hiển thị", "orders": "Đơn"}})",
        errors);
    REQUIRE(errors.empty());
    FileReading mapped("chi_tieu.csv", csv.size(), shop.p, 0, s);
    read_whole(mapped, csv);
    INFO(mapped.message());
    REQUIRE(mapped.state() == FileReading::State::exports);
    const ExportImport& r = mapped.result();
    CHECK(r.family == ExportFamily::paid);
    CHECK(r.summary() == "Paid report (Ads Manager), 2 rows: 2 rounds on 1 Spark Code (2 new, 0 replaced), 0 ads not placed");
    REQUIRE(r.paid.changes.updated_spark_codes.size() == 1);
    const SparkCode& c = r.paid.changes.updated_spark_codes[0];
    CHECK(c.id == shop.live_code);  // live from 2026-11-10: both days are its
    REQUIRE(c.rounds.size() == 2);
    CHECK(c.rounds[0].date == d(2026, 11, 21));
    CHECK(c.rounds[0].spend == 45.5);
    CHECK(c.rounds[0].impressions == 9000);
    CHECK(c.rounds[0].orders == 2);
    CHECK(c.rounds[1].date == d(2026, 11, 22));
    CHECK(c.rounds[1].spend == 30);

    // A mapping names fields by the export's keys: another key is an error naming it, and the
    // mappings stay empty.
    errors.clear();
    const FieldMappings bad = field_mappings_from_json(R"({"paid": {"spend": "Tiền chi"}, "videos": ["Clip"]})", errors);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].rfind("videos: not an object", 0) == 0);
    CHECK(errors[1].rfind("paid: \"spend\" is not a field of a paid report (video_id, ad_name, ad_id, campaign", 0) == 0);
    CHECK(bad.paid.empty());
}
