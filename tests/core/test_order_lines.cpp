// Order lines kept as records: a later export updates what changed, LIVE and showcase sales
// count for their creator, backups of version 1 migrate (docs/rules.md, "Order lines").
#include <doctest/doctest.h>

#include <string>

#include "builders.hpp"
#include "core/backup.hpp"
#include "core/metrics.hpp"
#include "core/orders_import.hpp"
#include "core/store.hpp"

using namespace sr;
using namespace sr::test;

namespace {

const char* kHeader =
    "Order ID,SKU ID,Product ID,Payment Amount,Currency,Quantity,Order Status,Creator Username,Content Type,"
    "Content ID,Est. standard commission payment,Actual Commission Payment,Time Created,Fully returned or refunded\n";

// A week's export: two video orders on Thảo's post, one LIVE order and one showcase order of
// hers, an order of a creator not on the roster.
const char* kWeek1 =
    "6001,SKU-A,P-A,40.00,USD,1,Pending,thao.nguyen.beauty,Video,7301111111111111111,4.00,/,2026-11-02 10:00:00,No\n"
    "6002,SKU-A,P-A,80.00,USD,2,Settled,thao.nguyen.beauty,Video,7301111111111111111,8.00,8.00,2026-11-03 11:30:00,No\n"
    "6003,SKU-A,P-A,60.00,USD,1,Pending,thao.nguyen.beauty,LIVE,/,6.00,/,2026-11-04 20:15:00,No\n"
    "6004,SKU-B,P-B,25.00,USD,1,Frozen,thao.nguyen.beauty,Showcase,/,2.50,/,2026-11-05 09:00:00,No\n"
    "6005,SKU-A,P-A,40.00,USD,1,Pending,không.có.tên,Video,7309999999999999999,4.00,/,2026-11-05 09:30:00,No\n";

// The next week's export overlaps it: 6001 settled with a smaller actual commission (3.60),
// 6002 refunded and so Ineligible, 6003 the same, 6004 settled (2.50), and a new order 6006
// on the post.
const char* kWeek2 =
    "6001,SKU-A,P-A,40.00,USD,1,Settled,thao.nguyen.beauty,Video,7301111111111111111,4.00,3.60,2026-11-02 10:00:00,No\n"
    "6002,SKU-A,P-A,80.00,USD,2,Ineligible,thao.nguyen.beauty,Video,7301111111111111111,8.00,8.00,2026-11-03 11:30:00,Yes\n"
    "6003,SKU-A,P-A,60.00,USD,1,Pending,thao.nguyen.beauty,LIVE,/,6.00,/,2026-11-04 20:15:00,No\n"
    "6004,SKU-B,P-B,25.00,USD,1,Settled,thao.nguyen.beauty,Showcase,/,2.50,2.50,2026-11-05 09:00:00,No\n"
    "6006,SKU-A,P-A,30.00,USD,1,Pending,thao.nguyen.beauty,Video,7301111111111111111,3.00,/,2026-11-09 08:00:00,No\n";

struct Shop {
    Program p;
    Id thao = 0, post = 0;
    Shop() {
        thao = add_creator(p, "thao.nguyen.beauty", 50000);
        creator(p, thao).display_name = "Thảo Nguyễn 🌸";
        Post& x = add_post(p, thao, d(2026, 11, 1), 8000, 300, 0, 0);
        x.tiktok_ref = "https://www.tiktok.com/@thao.nguyen.beauty/video/7301111111111111111";
        post = x.id;
    }
    OrdersImport import(const std::string& rows) const { return import_orders_csv(p, std::string(kHeader) + rows); }
    const Post& the_post() const {
        for (const Post& x : p.posts)
            if (x.id == post) return x;
        return p.posts.front();
    }
};

}  // namespace

TEST_CASE("a later, overlapping export updates its known lines: status, refund and commission, each total by the difference") {
    Shop s;
    const OrdersImport first = s.import(kWeek1);
    REQUIRE_MESSAGE(first.ok(), first.refused);
    CHECK(first.imported == 4);
    CHECK(first.off_post == 2);
    CHECK(first.unmatched_count == 1);  // only the creator not on the roster
    // Settled: 8.00; expected (Pending, Frozen): 4.00 + 6.00 + 2.50 = 12.50.
    CHECK(first.commission_settled == doctest::Approx(8.0));
    CHECK(first.commission_expected == doctest::Approx(12.5));
    apply_orders(s.p, first.changes);
    // The post: 2 orders, 3 units, GMV 40 + 80 = 120, commission 4 + 8 = 12.
    CHECK(s.the_post().orders == 2);
    CHECK(s.the_post().units == 3);
    CHECK(s.the_post().gmv == doctest::Approx(120));
    CHECK(s.the_post().commission == doctest::Approx(12));
    CHECK(s.the_post().refunded == 0);

    const OrdersImport second = s.import(kWeek2);
    REQUIRE_MESSAGE(second.ok(), second.refused);
    CHECK(second.imported == 1);   // 6006
    CHECK(second.updated == 3);    // 6001, 6002, 6004
    CHECK(second.unchanged == 1);  // 6003
    CHECK(second.status_changed == 3);
    CHECK(second.refund_changed == 1);
    // 6001: 4.00 -> 3.60; 6002: 8.00 -> 0 (Ineligible); 6004: its 2.50 now paid (an actual payment).
    CHECK(second.commission_changed == 3);
    CHECK(second.summary().rfind(
              "1 new line (1 order), 3 updated (3 status, 1 refund, 3 commission), 1 unchanged, 0 duplicates", 0) == 0);
    apply_orders(s.p, second.changes);
    // The post by hand: 3 orders (6006 new), units 3 + 1 = 4, GMV 120 + 30 = 150, refunded 80
    // (6002), commission 12 - 0.40 (6001) - 8 (6002) + 3 (6006) = 6.60.
    const Post& x = s.the_post();
    CHECK(x.orders == 3);
    CHECK(x.units == 4);
    CHECK(x.gmv == doctest::Approx(150));
    CHECK(x.refunded == doctest::Approx(80));
    CHECK(x.commission == doctest::Approx(6.6));

    // The lines' own figures, by content kind.
    const auto sales = line_sales(s.p);
    const CreatorLineSales& t = sales.at(s.thao);
    const LineSales& video = t.by_kind[static_cast<int>(ContentKind::video)];
    CHECK(video.orders == 3);
    CHECK(video.gmv == doctest::Approx(150));
    CHECK(video.refunded == doctest::Approx(80));
    CHECK(video.commission == doctest::Approx(6.6));
    CHECK(video.commission_settled == doctest::Approx(3.6));   // 6001 settled; 6002 ineligible
    CHECK(video.commission_expected == doctest::Approx(3.0));  // 6006 pending
    // Off the post: LIVE 60 (6.00 expected) and showcase 25 (2.50 settled).
    CHECK(t.off_post.orders == 2);
    CHECK(t.off_post.gmv == doctest::Approx(85));
    CHECK(t.off_post.commission == doctest::Approx(8.5));
    CHECK(t.off_post.commission_expected == doctest::Approx(6.0));
    CHECK(t.off_post.commission_settled == doctest::Approx(2.5));
}

TEST_CASE("the same export twice: the second time changes nothing") {
    Shop s;
    apply_orders(s.p, s.import(kWeek1).changes);
    const std::string before = program_to_json(s.p);
    const OrdersImport again = s.import(kWeek1);
    REQUIRE(again.ok());
    CHECK(again.imported == 0);
    CHECK(again.updated == 0);
    CHECK(again.unchanged == 4);
    CHECK(again.unmatched_count == 1);
    CHECK(again.changes.empty());
    apply_orders(s.p, again.changes);
    CHECK(program_to_json(s.p) == before);
}

TEST_CASE("LIVE and showcase lines count for the creator on the roster, split by content type") {
    Shop s;
    apply_orders(s.p, s.import(kWeek1).changes);
    const auto sales = line_sales(s.p);
    REQUIRE(sales.count(s.thao));
    const CreatorLineSales& t = sales.at(s.thao);
    const LineSales& live = t.by_kind[static_cast<int>(ContentKind::live)];
    const LineSales& showcase = t.by_kind[static_cast<int>(ContentKind::showcase)];
    CHECK(live.orders == 1);
    CHECK(live.gmv == doctest::Approx(60));
    CHECK(live.commission == doctest::Approx(6));
    CHECK(showcase.orders == 1);
    CHECK(showcase.gmv == doctest::Approx(25));
    CHECK(showcase.commission_expected == doctest::Approx(2.5));  // Frozen: expected, not paid
    // The post is not given the LIVE or showcase money.
    CHECK(s.the_post().gmv == doctest::Approx(120));
    // The creator not on the roster stays unmatched and is not kept.
    for (size_t i = 0; i < s.p.order_lines.size(); ++i) CHECK(s.p.order_lines.key(i).substr(0, 4) != "6005");
}

TEST_CASE("a LIVE or showcase sale counts in its creator's, its product's and the program's contribution margin") {
    Shop s;
    // SKU-A costs 8 a unit, with 2 of shipping subsidy and 3 of discount an order; the showcase
    // line's SKU-B is no product's SKU, its Product ID P-B is (5 a unit, 1 of shipping).
    const Id a = add_product(s.p, 30, 8, 2, 3);
    product(s.p, a).sku = "SKU-A";
    const Id b = add_product(s.p, 25, 5, 1, 0);
    product(s.p, b).sku = "P-B";
    apply_orders(s.p, s.import(kWeek1).changes);
    const MarginBook m = compute_margins(s.p);
    // The post (no product): 40 + 80 GMV less 4 + 8 commission.
    CHECK(m.post_margin(s.post) == doctest::Approx(108));
    // LIVE 6003: 60 - 8 goods - 6 commission - 2 shipping - 3 discount = 41.
    CHECK(m.product_margin(a) == doctest::Approx(41));
    // Showcase 6004: 25 - 5 goods - 2.50 commission - 1 shipping = 16.50.
    CHECK(m.product_margin(b) == doctest::Approx(16.5));
    CHECK(m.creator_margin(s.thao) == doctest::Approx(108 + 41 + 16.5));
    CHECK(m.creator.at(s.thao).gmv == doctest::Approx(120 + 60 + 25));
    CHECK(m.program.margin() == doctest::Approx(165.5));
    // A refund next week takes the amount back: 60 refunded leaves the LIVE line at
    // -8 - 6 - 2 - 3 = -19 (the commission estimate stays until TikTok says otherwise).
    apply_orders(s.p, s.import("6003,SKU-A,P-A,60.00,USD,1,Pending,thao.nguyen.beauty,LIVE,/,6.00,/,2026-11-04 20:15:00,Yes\n").changes);
    CHECK(compute_margins(s.p).product_margin(a) == doctest::Approx(-19));
}

TEST_CASE("an Ineligible line earns no commission, in Vietnamese too") {
    Shop s;
    const std::string rows =
        "6101,SKU-A,P-A,40.00,USD,1,Ineligible,thao.nguyen.beauty,Video,7301111111111111111,4.00,4.00,2026-11-02 10:00:00,Yes\n"
        "6102,SKU-A,P-A,50.00,USD,1,Không đủ điều kiện,thao.nguyen.beauty,LIVE,/,5.00,/,2026-11-02 11:00:00,Có\n"
        "6103,SKU-A,P-A,30.00,USD,1,Bị đóng băng,thao.nguyen.beauty,Video,7301111111111111111,3.00,/,2026-11-02 12:00:00,Không\n";
    const OrdersImport r = s.import(rows);
    REQUIRE_MESSAGE(r.ok(), r.refused);
    // 6101 and 6102 earn nothing; 6103 (Frozen) 3.00 expected.
    CHECK(r.commission == doctest::Approx(3));
    CHECK(r.commission_settled == 0);
    CHECK(r.commission_expected == doctest::Approx(3));
    apply_orders(s.p, r.changes);
    CHECK(s.the_post().commission == doctest::Approx(3));
    CHECK(s.the_post().refunded == doctest::Approx(40));
    CHECK(s.p.order_lines.status(0) == OrderStatus::ineligible);
    CHECK(s.p.order_lines.status(1) == OrderStatus::ineligible);
    CHECK(s.p.order_lines.status(2) == OrderStatus::frozen);
    const LineSales live = line_sales(s.p).at(s.thao).by_kind[static_cast<int>(ContentKind::live)];
    CHECK(live.commission == 0);
    CHECK(live.refunded == doctest::Approx(50));
}

TEST_CASE("a post's figures typed by hand stay: a re-imported line changes them by its difference only") {
    Shop s;
    apply_orders(s.p, s.import(kWeek1).changes);
    // Someone corrects the post by hand: 5 orders, GMV 300, commission 20 (orders outside the export).
    for (Post& x : s.p.posts)
        if (x.id == s.post) x.orders = 5, x.gmv = 300, x.commission = 20;
    apply_orders(s.p, s.import(kWeek2).changes);
    // 6006 adds an order and 30; the updates move commission by -0.40 - 8 + 3 and refunds by 80.
    CHECK(s.the_post().orders == 6);
    CHECK(s.the_post().gmv == doctest::Approx(330));
    CHECK(s.the_post().commission == doctest::Approx(14.6));
    CHECK(s.the_post().refunded == doctest::Approx(80));
}

TEST_CASE("a re-import is one undoable step: undo puts the lines and the posts back") {
    Shop s;
    Store store(s.p);
    REQUIRE(store.import_orders(import_orders_csv(store.program(), std::string(kHeader) + kWeek1, {}, store.revision()).changes).ok);
    const std::string after_first = program_to_json(store.program());
    const OrdersImport second = import_orders_csv(store.program(), std::string(kHeader) + kWeek2, {}, store.revision());
    REQUIRE(store.import_orders(second.changes).ok);
    CHECK(store.program().order_lines.size() == 5);
    CHECK(store.program().order_lines.status(0) == OrderStatus::settled);
    REQUIRE(store.undo().ok);
    CHECK(program_to_json(store.program()) == after_first);
    REQUIRE(store.redo().ok);
    CHECK(store.program().order_lines.status(0) == OrderStatus::settled);
}

TEST_CASE("a version-1 backup still loads: its posts keep every number, its keys are known lines") {
    // A version-1 program as an earlier release saved it: the post's figures summed from two
    // orders, and the orders' keys alone.
    const std::string v1 = R"({"format":"spark-roster","version":1,"next_id":10,
        "creators":[{"id":1,"handle":"thao.nguyen.beauty","followers":50000,"status":"active"}],
        "posts":[{"id":2,"creator_id":1,"tiktok_ref":"7301111111111111111","published":"2026-11-01",
                  "orders":2,"units":3,"gmv":120.0,"refunded":0,"commission":12.0,"buyers":2}],
        "imported_orders":["6001/SKU-A","6002/SKU-A"]})";
    LoadResult r = program_from_json(v1);
    REQUIRE_MESSAGE(r.ok(), r.summary());
    Program p = *r.program;
    CHECK(p.posts[0].orders == 2);
    CHECK(p.posts[0].gmv == 120);
    CHECK(p.posts[0].commission == 12);
    CHECK(p.imported_orders.size() == 2);
    CHECK(p.order_lines.empty());
    // Saved again, it is version 2 and keeps the same numbers.
    LoadResult v2 = program_from_json(program_to_json(p));
    REQUIRE(v2.ok());
    CHECK(program_to_json(*v2.program) == program_to_json(p));
    CHECK(program_to_json(p).find("\"version\":2") != std::string::npos);

    // The first week again: 6001 and 6002 were counted by version 1, so they are kept as lines
    // and add nothing; the LIVE and showcase lines are new.
    const OrdersImport again = import_orders_csv(p, std::string(kHeader) + kWeek1);
    REQUIRE(again.ok());
    CHECK(again.adopted == 2);
    CHECK(again.imported == 2);
    CHECK(again.summary().find("2 known from an earlier version") != std::string::npos);
    apply_orders(p, again.changes);
    CHECK(p.posts[0].orders == 2);
    CHECK(p.posts[0].gmv == doctest::Approx(120));
    CHECK(p.posts[0].commission == doctest::Approx(12));
    // From then on they are compared: the second week updates them as for any line.
    const OrdersImport next = import_orders_csv(p, std::string(kHeader) + kWeek2);
    CHECK(next.updated == 3);
    CHECK(next.imported == 1);
    apply_orders(p, next.changes);
    CHECK(p.posts[0].gmv == doctest::Approx(150));
    CHECK(p.posts[0].commission == doctest::Approx(6.6));
}

TEST_CASE("order lines go through a backup unchanged, whole or written a slice at a time") {
    Shop s;
    apply_orders(s.p, s.import(kWeek1).changes);
    apply_orders(s.p, s.import(kWeek2).changes);
    const std::string text = program_to_json(s.p);
    LoadResult back = program_from_json(text);
    REQUIRE_MESSAGE(back.ok(), back.summary());
    CHECK(back.program->order_lines == s.p.order_lines);
    CHECK(program_to_json(*back.program) == text);
    ProgramJsonWriter w(s.p);
    while (!w.step(1)) {}
    CHECK(w.text() == text);
    // What each line said survives: the time, the product, a missing actual commission.
    const OrderLine l = back.program->order_lines.get(2);
    CHECK(l.key == "6003/SKU-A");
    CHECK(l.kind == ContentKind::live);
    CHECK(l.product_id == "P-A");
    CHECK_FALSE(l.actual_commission.has_value());
    CHECK(line_time_text(l.time) == "2026-11-04 20:15:00");
    // A broken column is refused, saying where.
    std::string bad = text;
    const size_t at = bad.find("\"status\":\"", bad.find("\"order_lines\""));
    REQUIRE(at != std::string::npos);
    bad[at + 10] = 'z';
    const LoadResult refused = program_from_json(bad);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.problems[0].path == "$.order_lines.status");
}
