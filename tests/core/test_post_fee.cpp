// The deal on posts (docs/rules.md, "The deal on posts"): a creator's flat fee per content
// piece is each of the creator's posts' creator fee unless set by hand, so margin, spend against
// the budget and commission-to-revenue count it. And the post commands a person uses by hand.
#include <doctest/doctest.h>

#include <string>

#include "builders.hpp"
#include "core/backup.hpp"
#include "core/metrics.hpp"
#include "core/orders_import.hpp"
#include "core/rules.hpp"
#include "core/store.hpp"

using namespace sr;
using namespace sr::test;

namespace {

// @linh.nguyen (Linh Nguyễn), tier 2 (150,000 followers): 15 % commission and 400 per content piece.
// The serum: price 30, unit cost 8, shipping subsidy 2 and usual discount 3 per order.
struct Deal {
    Program p;
    Id linh = 0, serum = 0;
    Deal() {
        p.settings.program_start = d(2026, 11, 1);
        linh = add_creator(p, "linh.nguyen", 150000);
        creator(p, linh).display_name = "Linh Nguyễn 🌿";
        creator(p, linh).flat_fee = 400;
        serum = add_product(p, 30, 8, 2, 3);
    }
    // 100 orders of one unit for 3,000 GMV, 120 refunded, 450 commission, published 2026-11-10.
    Post post(const char* video) const {
        Post x;
        x.creator_id = linh;
        x.product_id = serum;
        x.tiktok_ref = video;
        x.published = d(2026, 11, 10);
        x.views = 40000;
        x.hold_rate_3s = 0.31;
        x.clicks = 2000;
        x.orders = 100;
        x.units = 100;
        x.gmv = 3000;
        x.refunded = 120;
        x.buyers = 95;
        x.repeat_buyers_60d = 9;
        x.commission = 450;
        return x;
    }
};

const Post& post_of(const Store& s, Id id) { return *s.find_post(id); }

}  // namespace

TEST_CASE("a creator's fee per content piece lands on a post added by hand, and margin, budget and commission-to-revenue count it") {
    Deal f;
    Store store(f.p);
    Post x = f.post("7312345678901234567");
    x.creator_fee = 0;  // what a person leaves empty: the deal decides
    const CommandResult r = store.add_post(x);
    REQUIRE(r.ok);
    CHECK(post_of(store, r.id).creator_fee == 400);
    CHECK_FALSE(post_of(store, r.id).fee_by_hand);

    // Margin = 3,000 GMV - 120 refunds - 8 x 100 units - 450 commission - 400 fee
    //          - 2 x 100 shipping - 3 x 100 discounts = 730 (1,130 without the fee).
    const MarginBook m = compute_margins(store.program());
    CHECK(m.post_margin(r.id) == doctest::Approx(730));
    CHECK(m.creator_margin(f.linh) == doctest::Approx(730));

    // Commission-to-revenue = (450 + 400) / 3,000 = 28.33 %, inside tier 2's 10 % - 40 %.
    const CreatorMetrics cm = metrics_for_creator(store.program(), f.linh, d(2026, 11, 20));
    const MetricResult ctr = cm.get(Metric::commission_to_revenue);
    REQUIRE(ctr.value);
    CHECK(*ctr.value == doctest::Approx(850.0 / 3000.0));
    CHECK_FALSE(ctr.flagged);

    // Spend against the budget: the fee in program month 1 (2026-11-01 .. 11-30), by publish date.
    const std::vector<BudgetMonth> months = budget_by_month(store.program(), d(2026, 11, 20));
    REQUIRE(months.size() == 1);
    CHECK(months[0].fees == doctest::Approx(400));
    CHECK(months[0].actual() == doctest::Approx(400));
}

TEST_CASE("a fee set by hand stays when the creator's fee changes; the others follow it in the same undo step") {
    Deal f;
    Store store(f.p);
    const Id deal = store.add_post(f.post("7312345678901234567")).id;
    Post own = f.post("7312345678901234568");
    own.fee_by_hand = true;
    own.creator_fee = 250;  // agreed apart for this video
    const Id by_hand = store.add_post(own).id;
    REQUIRE(deal);
    REQUIRE(by_hand);
    CHECK(post_of(store, by_hand).creator_fee == 250);

    // 400 -> 600 per piece.
    Creator c = *store.find_creator(f.linh);
    c.flat_fee = 600;
    REQUIRE(store.update_creator(c).ok);
    CHECK(post_of(store, deal).creator_fee == 600);
    CHECK(post_of(store, by_hand).creator_fee == 250);
    // The deal's post: 1,130 - 600 = 530; the one by hand: 1,130 - 250 = 880.
    MarginBook m = compute_margins(store.program());
    CHECK(m.post_margin(deal) == doctest::Approx(530));
    CHECK(m.post_margin(by_hand) == doctest::Approx(880));

    // One undo takes back the creator's fee and the post's together.
    CHECK(store.undo_label() == "Edit @linh.nguyen");
    REQUIRE(store.undo());
    CHECK(store.find_creator(f.linh)->flat_fee == 400);
    CHECK(post_of(store, deal).creator_fee == 400);
    CHECK(post_of(store, by_hand).creator_fee == 250);
    REQUIRE(store.redo());
    CHECK(post_of(store, deal).creator_fee == 600);

    // Back to the deal: the post by hand takes the creator's 600.
    Post back = post_of(store, by_hand);
    back.fee_by_hand = false;
    REQUIRE(store.update_post(back).ok);
    CHECK(post_of(store, by_hand).creator_fee == 600);
    // A fee typed on a post not by hand is the deal's all the same.
    Post typed = post_of(store, deal);
    typed.creator_fee = 90;
    REQUIRE(store.update_post(typed).ok);
    CHECK(post_of(store, deal).creator_fee == 600);

    // A creator without a fee (tier 1, commission only): its posts carry none.
    c = *store.find_creator(f.linh);
    c.flat_fee = 0;
    REQUIRE(store.update_creator(c).ok);
    CHECK(post_of(store, deal).creator_fee == 0);
    CHECK(post_of(store, by_hand).creator_fee == 0);
}

TEST_CASE("a post made by the orders import carries its creator's fee per content piece") {
    Deal f;
    f.p.products.back().sku = "SER-30";
    const std::string file =
        "Order ID,Product ID,Product Name,SKU ID,Price,Payment Amount,Currency,Quantity,Order Status,Creator Username,"
        "Content Type,Content ID,Standard commission rate,Est. Commission Base,Est. standard commission payment,"
        "Actual Commission Base,Actual Commission Payment,Time Created,Fully returned or refunded\n"
        "5801,P1,Serum 30 ml,SER-30,30.00,30.00,USD,1,Settled,linh.nguyen,Video,7312345678901234567,15%,30.00,4.50,30.00,"
        "4.50,2026/11/12 10:00:00,No\n";
    Store store(f.p);
    OrdersImport imp = import_orders_csv(store.program(), file, {}, store.revision());
    REQUIRE(imp.refused.empty());
    REQUIRE(imp.changes.new_posts.size() == 1);
    REQUIRE(store.import_orders(std::move(imp.changes)).ok);
    REQUIRE(store.program().posts.size() == 1);
    const Post& x = store.program().posts[0];
    CHECK(x.gmv == doctest::Approx(30));
    CHECK(x.creator_fee == 400);
    CHECK_FALSE(x.fee_by_hand);
    REQUIRE(store.undo());
    CHECK(store.program().posts.empty());
}

TEST_CASE("a backup from before fee_by_hand reads its posts as following the deal; a fee by hand is kept") {
    // A version-1 backup as the app wrote it before the flag: the post imported with no fee.
    const char* old = R"({"format": "spark-roster", "version": 1, "next_id": 4,
        "creators": [{"id": 1, "handle": "somchai.th", "display_name": "สมชาย ใจดี", "followers": 180000, "flat_fee": 400}],
        "posts": [{"id": 2, "creator_id": 1, "tiktok_ref": "7312345678901234567", "gmv": 500, "creator_fee": 0},
                  {"id": 3, "creator_id": 1, "tiktok_ref": "7312345678901234568", "gmv": 500, "creator_fee": 0}]})";
    LoadResult r = program_from_json(old);
    REQUIRE(r.ok());
    CHECK_FALSE(r.program->posts[0].fee_by_hand);
    CHECK(r.program->posts[0].creator_fee == 400);
    CHECK(r.program->posts[1].creator_fee == 400);

    // Written and read back: the flag and a fee by hand survive.
    Program p = *r.program;
    p.posts[1].fee_by_hand = true;
    p.posts[1].creator_fee = 150;
    const std::string text = program_to_json(p);
    CHECK(text.find("\"fee_by_hand\":true") != std::string::npos);
    LoadResult again = program_from_json(text);
    REQUIRE(again.ok());
    CHECK(again.program->posts[0].creator_fee == 400);
    CHECK_FALSE(again.program->posts[0].fee_by_hand);
    CHECK(again.program->posts[1].creator_fee == 150);
    CHECK(again.program->posts[1].fee_by_hand);
}

TEST_CASE("a post added, edited and removed by hand is one undo step each, and refused in a read-only tab") {
    Deal f;
    Store store(f.p);
    const Id id = store.add_post(f.post("7312345678901234567")).id;
    REQUIRE(id);
    CHECK(store.undo_label() == "Add post");
    Post edited = post_of(store, id);
    edited.views = 52000;
    edited.published = d(2026, 11, 11);
    REQUIRE(store.update_post(edited).ok);
    CHECK(store.undo_label() == "Edit post");
    REQUIRE(store.undo());
    CHECK(post_of(store, id).views == 40000);
    CHECK(*post_of(store, id).published == d(2026, 11, 10));
    REQUIRE(store.redo());
    CHECK(post_of(store, id).views == 52000);
    REQUIRE(store.remove_post(id).ok);
    CHECK(store.find_post(id) == nullptr);
    REQUIRE(store.undo());
    REQUIRE(store.find_post(id));
    CHECK(post_of(store, id).views == 52000);

    // A second tab: nothing it tries on a post changes anything.
    const std::string before = program_to_json(store.program());
    const uint64_t rev = store.revision();
    store.set_read_only(true);
    Post more = post_of(store, id);
    more.views = 99000;
    for (const CommandResult& r : {store.add_post(f.post("7312345678901234569")), store.update_post(more), store.remove_post(id)}) {
        CHECK_FALSE(r.ok);
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].field == "read_only");
        CHECK(r.errors[0].message == Store::kReadOnly);
    }
    CHECK(store.revision() == rev);
    CHECK(program_to_json(store.program()) == before);
}

TEST_CASE("an edit refused by the post's rules names each field and changes nothing") {
    Deal f;
    Store store(f.p);
    const Id id = store.add_post(f.post("7312345678901234567")).id;
    REQUIRE(id);
    const uint64_t rev = store.revision();
    Post x = post_of(store, id);
    x.refunded = 3000.01;       // more than the 3,000 GMV
    x.repeat_buyers_60d = 96;   // more than the 95 buyers
    x.hold_rate_3s = 1.2;       // 120 %
    const CommandResult r = store.update_post(x);
    CHECK_FALSE(r.ok);
    auto message = [&](const char* field) {
        for (const FieldError& e : r.errors)
            if (e.field == field) return e.message;
        return std::string();
    };
    CHECK(message("refunded") == "Refunds cannot exceed GMV.");
    CHECK(message("repeat_buyers_60d") == "Repeat buyers cannot exceed buyers.");
    CHECK(message("hold_rate_3s") == "3-second hold rate must be between 0 % and 100 %.");
    CHECK(r.errors.size() == 3);
    CHECK(store.revision() == rev);
    CHECK(post_of(store, id).refunded == 120);
    CHECK(post_of(store, id).repeat_buyers_60d == 9);
}
