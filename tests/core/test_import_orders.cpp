// TikTok Shop affiliate-orders import (docs/rules.md, sections 4 and 7, "Orders import").
#include <doctest/doctest.h>

#include <string>

#include "builders.hpp"
#include "core/backup.hpp"
#include "core/orders_import.hpp"
#include "core/store.hpp"

using namespace sr;
using namespace sr::test;

namespace {

const char* kHeader =
    "Order ID,Product ID,Product Name,SKU ID,Price,Payment Amount,Currency,Quantity,Order Status,Creator Username,"
    "Content Type,Content ID,Standard commission rate,Est. Commission Base,Est. standard commission payment,"
    "Actual Commission Base,Actual Commission Payment,Time Created,Fully returned or refunded\n";

// Six rows: two orders on @glow.daily's post, one sample, one order on a post the program does
// not know yet (refunded), one order for a creator not on the roster, one broken row.
const char* kRows =
    "5001,P1,\"Serum, 30 ml\",S1,25.00,25.00,USD,1,Settled,glow.daily,Video,7301234567890123456,10%,25.00,2.50,25.00,2.50,2026/11/02 10:00:00,No\n"
    "5002,P1,\"Serum, 30 ml\",S1,25.00,50.00,USD,2,Pending,@Glow.Daily,Video,7301234567890123456,10%,50.00,5.00,,,2026/11/03 11:00:00,No\n"
    "5003,P1,\"Serum, 30 ml\",S1,25.00,0.00,USD,1,Settled,glow.daily,Video,7301234567890123456,10%,0,0,0,0,2026/11/03 12:00:00,No\n"
    "5004,P1,\"Serum, 30 ml\",S1,25.00,25.00,USD,1,Settled,glow.daily,Video,7309999999999999999,10%,25.00,2.50,25.00,2.50,2026/11/04 09:00:00,Yes\n"
    "5005,P1,\"Serum, 30 ml\",S1,25.00,25.00,USD,1,Settled,stranger,Video,7300000000000000001,10%,25.00,2.50,25.00,2.50,2026/11/04 09:30:00,No\n"
    "5006,P1,\"Serum, 30 ml\",S1,25.00,abc,USD,1,Settled,glow.daily,Video,7301234567890123456,10%,25.00,2.50,25.00,2.50,2026/11/05 09:00:00,No\n";

struct Fixture {
    Program p;
    Id creator = 0;
    Id product = 0;
    Id post = 0;
    Fixture() {
        creator = add_creator(p, "glow.daily", 20000);
        product = add_product(p, 25);
        p.products.back().sku = "S1";
        Post& x = add_post(p, creator, d(2026, 11, 1), 5000, 200, 0, 0);
        x.tiktok_ref = "https://www.tiktok.com/@glow.daily/video/7301234567890123456?lang=en";
        post = x.id;
    }
};

const Post* post_by_ref(const Program& p, const std::string& ref) {
    for (const Post& x : p.posts)
        if (x.tiktok_ref == ref) return &x;
    return nullptr;
}

const Post& post_by_id(const Program& p, Id id) {
    for (const Post& x : p.posts)
        if (x.id == id) return x;
    return p.posts.front();
}

}  // namespace

TEST_CASE("orders fill their post's orders, units, GMV, commission and buyers") {
    Fixture f;
    const OrdersImport r = import_orders_csv(f.p, std::string(kHeader) + kRows);
    REQUIRE_MESSAGE(r.ok(), r.refused);
    CHECK(r.rows == 6);
    CHECK(r.imported == 3);  // 5001, 5002, 5004
    CHECK(r.orders == 3);
    apply_orders(f.p, r.changes);
    const Post& x = post_by_id(f.p, f.post);
    CHECK(x.orders == 2);
    CHECK(x.units == 3);          // 1 + 2
    CHECK(x.gmv == doctest::Approx(75));
    CHECK(x.commission == doctest::Approx(7.5));  // actual 2.50, then the estimate 5.00 where actual is empty
    CHECK(x.buyers == 2);
    CHECK(x.refunded == 0);
}

TEST_CASE("a 100 % discount order is counted as a sample, never as GMV or an order") {
    Fixture f;
    const OrdersImport r = import_orders_csv(f.p, std::string(kHeader) + kRows);
    REQUIRE(r.ok());
    CHECK(r.samples == 1);  // 5003: payment 0, price 25
    CHECK(r.gmv == doctest::Approx(100));  // 25 + 50 + 25; the sample adds nothing
    apply_orders(f.p, r.changes);
    CHECK(post_by_id(f.p, f.post).orders == 2);
}

TEST_CASE("an order for a known creator's unknown post creates the post") {
    Fixture f;
    const OrdersImport r = import_orders_csv(f.p, std::string(kHeader) + kRows);
    REQUIRE(r.ok());
    CHECK(r.posts_created == 1);
    CHECK(r.posts_updated == 1);
    apply_orders(f.p, r.changes);
    const Post* made = post_by_ref(f.p, "7309999999999999999");
    REQUIRE(made);
    CHECK(made->creator_id == f.creator);
    CHECK(made->product_id == f.product);  // SKU ID S1
    CHECK(made->published == d(2026, 11, 4));
    CHECK(made->orders == 1);
    CHECK(made->gmv == doctest::Approx(25));
    CHECK(made->refunded == doctest::Approx(25));  // fully returned or refunded: Yes
    CHECK(made->commission == doctest::Approx(2.5));
    CHECK(program_from_json(program_to_json(f.p)).ok());
}

TEST_CASE("orders of creators not on the roster are listed as unmatched, with the reason") {
    Fixture f;
    const OrdersImport r = import_orders_csv(f.p, std::string(kHeader) + kRows);
    REQUIRE(r.ok());
    REQUIRE(r.unmatched.size() == 1);
    CHECK(r.unmatched[0].order_id == "5005");
    CHECK(r.unmatched[0].row == 6);
    CHECK(r.unmatched[0].reason == "no creator @stranger on the roster");
}

TEST_CASE("a row with an error is listed with its row number and reason") {
    Fixture f;
    const OrdersImport r = import_orders_csv(f.p, std::string(kHeader) + kRows);
    REQUIRE(r.ok());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].row == 7);  // the header is row 1
    CHECK(r.problems[0].order_id == "5006");
    CHECK(r.problems[0].reason == "Payment Amount \"abc\" is not a number");
}

TEST_CASE("re-importing the same orders file adds nothing") {
    Fixture f;
    const std::string file = std::string(kHeader) + kRows;
    apply_orders(f.p, import_orders_csv(f.p, file).changes);
    const std::string before = program_to_json(f.p);
    const OrdersImport again = import_orders_csv(f.p, file);
    REQUIRE(again.ok());
    CHECK(again.imported == 0);
    CHECK(again.samples == 0);
    CHECK(again.unchanged == 4);  // three orders and the sample, known and the same again
    CHECK(again.updated == 0);
    CHECK(again.duplicates == 0);
    CHECK(again.changes.updated_posts.empty());
    CHECK(again.changes.new_posts.empty());
    CHECK(again.changes.new_keys().empty());
    apply_orders(f.p, again.changes);
    CHECK(program_to_json(f.p) == before);
}

TEST_CASE("the remembered order ids survive a backup, so re-importing after a reload adds nothing") {
    Fixture f;
    const std::string file = std::string(kHeader) + kRows;
    apply_orders(f.p, import_orders_csv(f.p, file).changes);
    LoadResult back = program_from_json(program_to_json(f.p));
    REQUIRE(back.ok());
    CHECK(back.program->order_lines.size() == 4);
    CHECK(import_orders_csv(*back.program, file).imported == 0);
}

TEST_CASE("the same order line twice in one file counts once") {
    Fixture f;
    const std::string row =
        "7001,P1,Serum,S1,25,25,USD,1,Settled,glow.daily,Video,7301234567890123456,10%,25,2.5,25,2.5,2026-11-02,No\n";
    const OrdersImport r = import_orders_csv(f.p, std::string(kHeader) + row + row);
    CHECK(r.imported == 1);
    CHECK(r.duplicates == 1);
}

TEST_CASE("two SKUs of one order are two lines but one order") {
    Fixture f;
    const OrdersImport r = import_orders_csv(
        f.p, std::string(kHeader) +
                 "7001,P1,Serum,S1,25,25,USD,1,Settled,glow.daily,Video,7301234567890123456,10%,25,2.5,25,2.5,2026-11-02,No\n"
                 "7001,P2,Toner,S2,10,10,USD,1,Settled,glow.daily,Video,7301234567890123456,10%,10,1,10,1,2026-11-02,No\n");
    REQUIRE(r.ok());
    CHECK(r.imported == 2);
    CHECK(r.orders == 1);
    Program p = f.p;
    apply_orders(p, r.changes);
    CHECK(post_by_id(p, f.post).orders == 1);
    CHECK(post_by_id(p, f.post).units == 2);
    CHECK(post_by_id(p, f.post).gmv == doctest::Approx(35));
}

TEST_CASE("a sample line in an order does not stop the order's paid line from counting as an order") {
    Fixture f;
    const OrdersImport r = import_orders_csv(
        f.p, std::string(kHeader) +
                 "7001,P2,Toner,S2,10,0,USD,1,Settled,glow.daily,Video,7301234567890123456,10%,0,0,0,0,2026-11-02,No\n"
                 "7001,P1,Serum,S1,25,25,USD,1,Settled,glow.daily,Video,7301234567890123456,10%,25,2.5,25,2.5,2026-11-02,No\n");
    REQUIRE(r.ok());
    CHECK(r.samples == 1);
    CHECK(r.orders == 1);
    CHECK(r.imported == 1);
    CHECK(r.gmv == doctest::Approx(25));
}

TEST_CASE("a post first seen in a file is the first creator's: another creator's order on it is that creator's, on no post") {
    Fixture f;
    add_creator(f.p, "other.one", 20000);
    const OrdersImport r = import_orders_csv(
        f.p, std::string(kHeader) +
                 "7001,P1,Serum,S1,25,25,USD,1,Settled,glow.daily,Video,7305555555555555555,10%,25,2.5,25,2.5,2026-11-02,No\n"
                 "7002,P1,Serum,S1,25,25,USD,1,Settled,other.one,Video,7305555555555555555,10%,25,2.5,25,2.5,2026-11-02,No\n");
    REQUIRE(r.ok());
    CHECK(r.posts_created == 1);
    CHECK(r.orders == 2);
    CHECK(r.off_post == 1);
    CHECK(r.unmatched.empty());
    REQUIRE(r.changes.new_lines.size() == 2);
    CHECK(r.changes.new_lines.key(1) == "7002/S1");
    CHECK(r.changes.new_lines.post_id(1) == 0);
    CHECK(r.changes.new_lines.creator_id(1) != f.creator);
    REQUIRE(r.changes.new_posts.size() == 1);
    CHECK(r.changes.new_posts[0].creator_id == f.creator);
    CHECK(r.changes.new_posts[0].gmv == doctest::Approx(25));
}

TEST_CASE("a file missing a required column is refused whole, naming the column") {
    Fixture f;
    const std::string no_user =
        "Order ID,Payment Amount,Content ID\n5001,25.00,7301234567890123456\n";
    const OrdersImport r = import_orders_csv(f.p, no_user);
    REQUIRE_FALSE(r.ok());
    CHECK(r.refused.find("\"Creator Username\"") != std::string::npos);
    CHECK(r.changes.empty());
    CHECK(r.imported == 0);

    const OrdersImport no_amount = import_orders_csv(f.p, "Order ID,Creator Username\n1,glow.daily\n");
    REQUIRE_FALSE(no_amount.ok());
    CHECK(no_amount.refused.find("\"Payment Amount\"") != std::string::npos);
    // Price and Quantity stand in for Payment Amount.
    CHECK(import_orders_csv(f.p, "Order ID,Creator Username,Price,Quantity,Content ID\n1,glow.daily,25,2,7301234567890123456\n")
              .gmv == doctest::Approx(50));
}

TEST_CASE("a CSV row with an unclosed quote refuses the whole file with its line") {
    Fixture f;
    const std::string file = std::string(kHeader) +
                             "5001,P1,\"Serum, 30 ml\",S1,25.00,25.00,USD,1,Settled,glow.daily,Video,7301234567890123456,10%,25,2.5,25,2.5,2026-11-02,No\n"
                             "5002,P1,\"Serum, 30 ml,S1,25.00,25.00,USD,1,Settled,glow.daily,Video,7301234567890123456,10%,25,2.5,25,2.5,2026-11-02,No\n";
    const OrdersImport r = import_orders_csv(f.p, file);
    REQUIRE_FALSE(r.ok());
    CHECK(r.refused.find("line 3") != std::string::npos);
    CHECK(r.changes.empty());
    CHECK(r.imported == 0);
}

TEST_CASE("invalid UTF-8 refuses the whole orders file with row and column") {
    Fixture f;
    const OrdersImport r = import_orders_csv(f.p, "Order ID,Creator Username,Payment Amount\n1,glow.daily,25\n2,gl\xFFw,25\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.refused.find("row 3, column 2") != std::string::npos);
    CHECK(r.changes.empty());
}

TEST_CASE("a file cut off in the middle of its last row is refused as truncated") {
    Fixture f;
    const std::string whole = std::string(kHeader) + kRows;
    const OrdersImport r = import_orders_csv(f.p, whole.substr(0, whole.size() - 60));
    REQUIRE_FALSE(r.ok());
    CHECK(r.refused.find("truncated") != std::string::npos);
    CHECK(import_orders_csv(f.p, "").refused.find("empty") != std::string::npos);
}

TEST_CASE("a byte-order mark, CRLF line ends and header case or spacing change nothing") {
    Fixture f;
    const std::string lf = std::string(kHeader) + kRows;
    std::string crlf;
    for (char c : lf) {
        if (c == '\n') crlf += '\r';
        crlf += c;
    }
    std::string shouty = lf;
    shouty.replace(0, 8, "ORDER  id");
    const OrdersImport a = import_orders_csv(f.p, lf);
    for (const std::string& variant : {"\xEF\xBB\xBF" + lf, crlf, "\xEF\xBB\xBF" + crlf, shouty}) {
        const OrdersImport b = import_orders_csv(f.p, variant);
        REQUIRE_MESSAGE(b.ok(), b.refused);
        CHECK(b.imported == a.imported);
        CHECK(b.samples == a.samples);
        CHECK(b.gmv == doctest::Approx(a.gmv));
        CHECK(b.unmatched_count == a.unmatched_count);
        CHECK(b.problem_count == a.problem_count);
    }
}

TEST_CASE("columns can be reordered, missing, or mapped to other header names") {
    Fixture f;
    const std::string file =
        "Buyer paid,Affiliate,Order No.,Video\n25.00,glow.daily,9001,7301234567890123456\n";
    CHECK_FALSE(import_orders_csv(f.p, file).ok());
    ColumnMapping m;
    m[OrderField::payment_amount] = "Buyer paid";
    m[OrderField::creator_username] = "affiliate";
    m[OrderField::order_id] = "order no";
    m[OrderField::content_id] = "Video";
    const OrdersImport r = import_orders_csv(f.p, file, m);
    REQUIRE_MESSAGE(r.ok(), r.refused);
    CHECK(r.imported == 1);
    CHECK(r.gmv == doctest::Approx(25));
}

TEST_CASE("a column mapping is kept as JSON and read back") {
    ColumnMapping m;
    m[OrderField::order_id] = "Order No.";
    m[OrderField::sku_id] = "-";
    const std::string j = mapping_to_json(m);
    CHECK(j == R"({"order_id":"Order No.","sku_id":"-"})");
    const ColumnMapping back = mapping_from_json(j);
    CHECK(back.headers == m.headers);
    CHECK(mapping_from_json("not json").headers == ColumnMapping{}.headers);
    CHECK(mapping_from_json(R"({"order_id":5,"nope":"x"})").headers == ColumnMapping{}.headers);
}

TEST_CASE("the header row is available for the mapping screen before the rest is read") {
    Fixture f;
    OrdersImporter imp(f.p, 0);
    CHECK_FALSE(imp.columns().has_value());
    imp.feed(kHeader);
    REQUIRE(imp.columns().has_value());
    CHECK(imp.columns()->ok());
    CHECK(imp.columns()->column[static_cast<int>(OrderField::time_created)] == 17);
}

TEST_CASE("an orders file fed in small chunks gives the same result as whole") {
    Fixture f;
    const std::string file = std::string(kHeader) + kRows;
    const OrdersImport whole = import_orders_csv(f.p, file);
    OrdersImporter imp(f.p, 0);
    for (size_t i = 0; i < file.size(); i += 13) imp.feed(std::string_view(file).substr(i, 13));
    CHECK(imp.bytes_read() == file.size());
    const OrdersImport chunked = imp.finish();
    CHECK(chunked.summary() == whole.summary());
    CHECK(chunked.changes.new_keys() == whole.changes.new_keys());
}

TEST_CASE("the rows read so far are counted while a file is fed, for the progress line") {
    Fixture f;
    const std::string rows = kRows;
    const size_t second_end = rows.find('\n', rows.find('\n') + 1) + 1;  // the first two rows
    OrdersImporter imp(f.p, 0);
    imp.feed(kHeader);
    CHECK(imp.rows_read() == 0);  // the header is not a data row
    imp.feed(std::string_view(rows).substr(0, second_end));
    CHECK(imp.rows_read() == 2);
    imp.feed(std::string_view(rows).substr(second_end));
    CHECK(imp.rows_read() == 6);
    CHECK(imp.finish().rows == 6);
}

TEST_CASE("a currency other than the program's is refused row by row") {
    Fixture f;
    const OrdersImport r =
        import_orders_csv(f.p, "Order ID,Creator Username,Payment Amount,Currency,Content ID\n1,glow.daily,25,EUR,7301234567890123456\n");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].reason == "currency \"EUR\" is not the program's USD");
}

TEST_CASE("importing orders through the store is one undoable step") {
    Fixture f;
    Store store(f.p);
    const std::string before = program_to_json(store.program());
    const OrdersImport r = import_orders_csv(store.program(), std::string(kHeader) + kRows, {}, store.revision());
    REQUIRE(r.ok());
    CommandResult done = store.import_orders(r.changes);
    REQUIRE(done.ok);
    CHECK(store.program().posts.size() == 2);
    CHECK(store.undo_label() == "Import orders");
    REQUIRE(store.undo());
    CHECK(program_to_json(store.program()) == before);
    REQUIRE(store.redo());
    CHECK(post_by_id(store.program(), f.post).gmv == doctest::Approx(75));
    CHECK(store.program().order_lines.size() == 4);
    // Undone and redone once more, the same order keys are remembered: the file adds nothing.
    REQUIRE(store.undo());
    CHECK(program_to_json(store.program()) == before);
    REQUIRE(store.redo());
    CHECK(store.program().order_lines.size() == 4);
    CHECK(import_orders_csv(store.program(), std::string(kHeader) + kRows).imported == 0);
}

TEST_CASE("an import read before the program changed is refused, changing nothing") {
    Fixture f;
    Store store(f.p);
    const OrdersImport r = import_orders_csv(store.program(), std::string(kHeader) + kRows, {}, store.revision());
    Creator c;
    c.handle = "newcomer";
    REQUIRE(store.add_creator(c).ok);
    const std::string before = program_to_json(store.program());
    CHECK_FALSE(store.import_orders(r.changes).ok);
    CHECK(program_to_json(store.program()) == before);
}

TEST_CASE("posts with orders but no units get units before orders are added") {
    Fixture f;
    for (Post& x : f.p.posts) x.orders = 5, x.units = 0, x.gmv = 100;
    const OrdersImport r = import_orders_csv(f.p, std::string(kHeader) + kRows);
    apply_orders(f.p, r.changes);
    const Post& x = post_by_id(f.p, f.post);
    CHECK(x.orders == 7);
    CHECK(x.units == 8);  // 5 taken as units, then 1 + 2
    CHECK(program_from_json(program_to_json(f.p)).ok());
}

TEST_CASE("a post is found by the video id at the end of its link") {
    CHECK(content_id_of("https://www.tiktok.com/@a/video/7301234567890123456?lang=en") == "7301234567890123456");
    CHECK(content_id_of("7301234567890123456") == "7301234567890123456");
    CHECK(content_id_of("https://www.tiktok.com/@a/video/7301234567890123456/") == "7301234567890123456");
    CHECK(content_id_of(" 123 ") == "123");
    CHECK(content_id_of("") == "");
}
