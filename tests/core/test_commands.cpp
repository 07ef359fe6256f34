#include <doctest/doctest.h>

#include "builders.hpp"
#include "core/backup.hpp"
#include "core/store.hpp"

using namespace sr;
using namespace sr::test;

static bool names(const CommandResult& r, const std::string& field) {
    for (const FieldError& e : r.errors)
        if (e.field == field) return true;
    return false;
}

TEST_CASE("every entity's command names the field and the reason when it refuses") {
    Store store;
    const Id c = store.add_creator([] { Creator x; x.handle = "maker"; return x; }()).id;
    Product bad;
    bad.sku = " ";
    bad.price = -1;
    CommandResult r = store.add_product(bad);
    CHECK(names(r, "sku"));
    CHECK(names(r, "name"));
    CHECK(names(r, "price"));
    Product ok;
    ok.sku = "SER-30";
    ok.name = "Serum";
    ok.price = 30;
    const Id prod = store.add_product(ok).id;
    ok.sku = "ser-30";
    r = store.add_product(ok);
    REQUIRE(names(r, "sku"));
    CHECK(r.errors[0].message == "SKU ser-30 is already used by \"Serum\".");

    Sample s;
    s.creator_id = 777;
    s.product_id = prod;
    s.status = SampleStatus::delivered;
    r = store.add_sample(s);
    CHECK(names(r, "creator_id"));
    CHECK(names(r, "delivered"));

    Post post;
    post.creator_id = c;
    post.product_id = prod;
    post.hold_rate_3s = 1.5;
    post.gmv = 10;
    post.refunded = 20;
    r = store.add_post(post);
    CHECK(names(r, "hold_rate_3s"));
    CHECK(names(r, "refunded"));

    SparkCode code;
    code.creator_id = c;
    code.duration_days = 400;
    r = store.add_spark_code(code);
    CHECK(names(r, "duration_days"));
    CHECK(r.errors[0].message == "A Spark Code is valid 7 to 365 days (this one: 400).");

    ComplianceIncident inc;
    CHECK(names(store.add_incident(c, inc), "kind"));

    Settings st;
    st.tier3_min_followers = 50000;
    CHECK(names(store.update_settings(st), "tier3_min_followers"));
    CHECK(store.program().products.size() == 1);
}

TEST_CASE("a post's creator must exist and its sample must be that creator's") {
    Store store;
    const Id a = store.add_creator([] { Creator x; x.handle = "a"; return x; }()).id;
    const Id b = store.add_creator([] { Creator x; x.handle = "b"; return x; }()).id;
    Product pr;
    pr.sku = "P";
    pr.name = "P";
    const Id prod = store.add_product(pr).id;
    Sample s;
    s.creator_id = a;
    s.product_id = prod;
    const Id sid = store.add_sample(s).id;
    Post post;
    post.creator_id = b;
    post.sample_id = sid;
    CHECK(names(store.add_post(post), "sample_id"));
    post.creator_id = 12345;
    CHECK(names(store.add_post(post), "creator_id"));
    post.creator_id = a;
    post.tiktok_ref = "https://www.tiktok.com/@a/video/1";
    REQUIRE(store.add_post(post).ok);
    CHECK(names(store.add_post(post), "tiktok_ref"));  // the same TikTok post twice
}

TEST_CASE("removing a record that others point at is refused with what points at it") {
    Store store;
    const Id a = store.add_creator([] { Creator x; x.handle = "a"; return x; }()).id;
    Product pr;
    pr.sku = "P";
    pr.name = "Serum";
    const Id prod = store.add_product(pr).id;
    Post post;
    post.creator_id = a;
    post.product_id = prod;
    const Id pid = store.add_post(post).id;
    const CommandResult r = store.remove_product(prod);
    REQUIRE_FALSE(r.ok);
    CHECK(r.errors[0].message == "Serum is still used by 1 post, 0 samples, 0 briefs and 0 Spark Codes.");
    REQUIRE(store.request_spark_code(a, pid, d(2026, 11, 1), 30, "Dana").ok);
    CHECK_FALSE(store.remove_post(pid).ok);
}

TEST_CASE("add, update and remove of every record can be undone and redone") {
    Store store;
    const Id a = store.add_creator([] { Creator x; x.handle = "a"; return x; }()).id;
    Product pr;
    pr.sku = "P";
    pr.name = "P";
    const Id prod = store.add_product(pr).id;
    Brief b;
    b.title = "Draft";
    b.product_id = prod;
    const Id bid = store.add_brief(b).id;  // a draft with brief errors still saves
    REQUIRE(bid);
    Brief edit = *store.find_brief(bid);
    edit.title = "Final";
    REQUIRE(store.update_brief(edit).ok);
    REQUIRE(store.remove_brief(bid).ok);
    CHECK(store.find_brief(bid) == nullptr);
    CHECK(store.undo());
    CHECK(store.find_brief(bid)->title == "Final");
    CHECK(store.undo());
    CHECK(store.find_brief(bid)->title == "Draft");
    CHECK(store.redo());
    CHECK(store.find_brief(bid)->title == "Final");
    ComplianceIncident inc;
    inc.date = d(2026, 11, 1);
    inc.kind = "missing disclosure";
    const Id iid = store.add_incident(a, inc).id;
    CHECK(store.find_creator(a)->compliance.size() == 1);
    CHECK(store.undo());
    CHECK(store.find_creator(a)->compliance.empty());
    CHECK(store.redo());
    CHECK(store.find_creator(a)->compliance[0].id == iid);
    Settings st = store.program().settings;
    st.conversion_flag = 0.02;
    REQUIRE(store.update_settings(st).ok);
    CHECK(store.undo());
    CHECK(store.program().settings.conversion_flag == 0.01);
}

TEST_CASE("a tier is pinned only with its reason: adding or editing a creator cannot pin one past the tier history") {
    Store store;
    Creator x;
    x.handle = "ngoc.tram";
    x.display_name = "Ngọc Trâm ✨";
    x.followers = 4000;
    x.pinned_tier = 2;
    CHECK(names(store.add_creator(x), "tier"));
    CHECK(store.program().creators.empty());
    x.pinned_tier = 0;
    const Id a = store.add_creator(x).id;
    REQUIRE(a);
    Creator edit = *store.find_creator(a);
    edit.pinned_tier = 3;
    CHECK(names(store.update_creator(edit), "tier"));
    edit.pinned_tier = 0;
    edit.tier_history.push_back({d(2026, 11, 23), 1, 3, "typed into a backup"});
    CHECK(names(store.update_creator(edit), "tier"));
    CHECK(store.find_creator(a)->pinned_tier == 0);
    CHECK(store.find_creator(a)->tier_history.empty());
    // Through the tier change, in one step with an edit, as the roster form saves it.
    edit = *store.find_creator(a);
    edit.display_name = "Ngọc Trâm ✨ 小红";
    REQUIRE(store.transaction("Edit @ngoc.tram", [&](Store& s) {
                   CommandResult r = s.update_creator(edit);
                   return r.ok ? s.change_tier(a, 2, d(2026, 11, 23), "launch partner") : r;
               }).ok);
    const Creator& c = *store.find_creator(a);
    CHECK(c.display_name == "Ngọc Trâm ✨ 小红");
    CHECK(c.pinned_tier == 2);
    REQUIRE(c.tier_history.size() == 1);
    CHECK(c.tier_history[0].from == 1);  // 4,000 followers: tier 1 by followers
    CHECK(c.tier_history[0].reason == "launch partner");
    REQUIRE(store.undo());
    CHECK(store.find_creator(a)->display_name == "Ngọc Trâm ✨");
    CHECK(store.find_creator(a)->tier_history.empty());
}

TEST_CASE("a confirmed tier change lands in the tier history with its date and reason") {
    Store store;
    const Id a = store.add_creator([] { Creator x; x.handle = "a"; x.followers = 60000; return x; }()).id;
    CHECK(names(store.change_tier(a, 2, d(2026, 11, 23), ""), "reason"));
    REQUIRE(store.change_tier(a, 2, d(2026, 11, 23), "exclusive launch").ok);
    const Creator& c = *store.find_creator(a);
    CHECK(c.pinned_tier == 2);
    REQUIRE(c.tier_history.size() == 1);
    CHECK(c.tier_history[0].from == 1);
    CHECK(c.tier_history[0].to == 2);
    CHECK(c.tier_history[0].date == d(2026, 11, 23));
    CHECK(c.tier_history[0].reason == "exclusive launch");
    // Without a suggestion there is nothing to confirm.
    CHECK_FALSE(store.confirm_promotion(a, d(2026, 11, 23)).ok);
}

TEST_CASE("new settings fields survive a backup round trip") {
    Program p;
    p.settings.commission_band_max[1] = 0.33;
    p.settings.coordinator_monthly_cost = 2500;
    LoadResult r = program_from_json(program_to_json(p));
    REQUIRE(r.ok());
    CHECK(r.program->settings.commission_band_max[1] == 0.33);
    CHECK(r.program->settings.coordinator_monthly_cost == 2500);
}

// ---------------------------------------------------------------- transactions
static Creator handle(const char* h) {
    Creator x;
    x.handle = h;
    return x;
}

TEST_CASE("a transaction is one undo step: undo takes it all back, redo puts it all back") {
    Store store;
    const Id a = store.add_creator(handle("a")).id;
    const uint64_t rev = store.revision();
    Id b = 0;
    const CommandResult r = store.transaction("Add b and a product", [&](Store& s) {
        b = s.add_creator(handle("b")).id;
        Product pr;
        pr.sku = "P";
        pr.name = "Serum";
        return s.add_product(pr);
    });
    REQUIRE(r.ok);
    CHECK(r.id == store.program().products[0].id);  // the body's result
    CHECK(store.find_creator(b));
    CHECK(store.revision() != rev);
    CHECK(store.undo_label() == "Add b and a product");
    REQUIRE(store.undo());
    CHECK(store.find_creator(a));
    CHECK_FALSE(store.find_creator(b));
    CHECK(store.program().products.empty());
    CHECK(store.undo_label() == "Add @a");  // the step before the transaction
    REQUIRE(store.redo());
    CHECK(store.find_creator(b)->handle == "b");
    CHECK(store.program().products.size() == 1);
    CHECK_FALSE(store.can_redo());
    // A transaction that changes nothing leaves no step.
    CHECK(store.transaction("Nothing", [](Store&) { return CommandResult::done(0); }).ok);
    CHECK(store.undo_label() == "Add b and a product");
}

TEST_CASE("a refused command inside a transaction changes nothing") {
    Store store;
    store.add_creator(handle("a"));
    store.add_creator(handle("z"));
    REQUIRE(store.undo());  // something to redo, which the rolled-back transaction must keep
    const uint64_t rev = store.revision();
    const Id next = store.program().next_id;
    const CommandResult r = store.transaction("Two creators", [&](Store& s) {
        s.add_creator(handle("b"));
        s.add_creator(handle("A"));  // refused: the handle is taken, ignoring case
        return CommandResult::done(0);  // the body ignores the refusal: the transaction does not
    });
    CHECK_FALSE(r.ok);
    CHECK(names(r, "handle"));
    CHECK(store.program().creators.size() == 1);
    CHECK(store.program().next_id == next);
    CHECK(store.revision() == rev);
    CHECK(store.undo_label() == "Add @a");
    CHECK(store.redo_label() == "Add @z");
    // The body's own refusal takes back what it did too; the revision never comes back to a
    // value the rolled-back commands used.
    const CommandResult own = store.transaction("Give up", [](Store& s) {
        s.add_creator(handle("c"));
        return CommandResult::refused({{"why", "changed my mind"}});
    });
    CHECK(names(own, "why"));
    CHECK(store.program().creators.size() == 1);
    CHECK(store.revision() == rev);
    store.add_creator(handle("d"));
    CHECK(store.revision() > rev + 1);
    // Undo is refused inside a transaction, and so the transaction is.
    const CommandResult undo_inside = store.transaction("Undo inside", [](Store& s) {
        s.add_creator(handle("e"));
        return s.undo();
    });
    CHECK(names(undo_inside, "undo"));
    CHECK(store.program().creators.size() == 2);
}

TEST_CASE("a read-only store refuses every command, undo and redo, and changes nothing") {
    Program p;
    const Id a = add_creator(p, "a", 40000);
    const Id prod = add_product(p);
    const Id pid = add_post(p, a, d(2026, 10, 30), 900, 30, 1, 30, prod).id;
    Store store(p);
    const Id code = store.request_spark_code(a, pid, d(2026, 11, 1), 30, "Dana").id;
    store.add_creator(handle("z"));
    REQUIRE(store.undo());  // one step to undo and one to redo
    const Program before = store.program();
    const uint64_t rev = store.revision();
    store.set_read_only(true);
    CHECK(store.read_only());
    CHECK_FALSE(store.can_undo());
    CHECK_FALSE(store.can_redo());

    std::vector<CommandResult> all;
    all.push_back(store.undo());
    all.push_back(store.redo());
    all.push_back(store.add_creator(handle("b")));
    all.push_back(store.update_creator(*store.find_creator(a)));
    all.push_back(store.set_creators_status({a}, CreatorStatus::ended));
    all.push_back(store.set_creators_status({}, CreatorStatus::ended));  // even one that changes nothing
    all.push_back(store.remove_creator(a));
    all.push_back(store.update_settings(store.program().settings));
    all.push_back(store.add_product(*store.find_product(prod)));
    all.push_back(store.update_product(*store.find_product(prod)));
    all.push_back(store.remove_product(prod));
    all.push_back(store.add_sample(Sample{}));
    all.push_back(store.update_sample(Sample{}));
    all.push_back(store.remove_sample(1));
    all.push_back(store.add_brief(Brief{}));
    all.push_back(store.update_brief(Brief{}));
    all.push_back(store.remove_brief(1));
    all.push_back(store.add_post(*store.find_post(pid)));
    all.push_back(store.update_post(*store.find_post(pid)));
    all.push_back(store.remove_post(pid));
    all.push_back(store.add_incident(a, ComplianceIncident{}));
    all.push_back(store.update_incident(a, ComplianceIncident{}));
    all.push_back(store.remove_incident(a, 1));
    all.push_back(store.change_tier(a, 2, d(2026, 11, 2), "launch"));
    all.push_back(store.confirm_promotion(a, d(2026, 11, 2)));
    all.push_back(store.set_creator_code(a, std::nullopt));
    all.push_back(store.add_spark_code(SparkCode{}));
    all.push_back(store.update_spark_code(SparkCode{}));
    all.push_back(store.remove_spark_code(code));
    all.push_back(store.request_spark_code(a, pid, d(2026, 11, 1), 30, "Dana"));
    SparkHandoff h;
    h.creator_id = a;
    h.post_id = pid;
    h.code = "#code";
    h.generated = d(2026, 11, 1);
    all.push_back(store.receive_spark_code(h, d(2026, 11, 2)));
    all.push_back(store.verify_spark_code(code, d(2026, 11, 2)));
    all.push_back(store.go_live(code, d(2026, 11, 2)));
    all.push_back(store.expire_spark_code(code, d(2026, 11, 2)));
    all.push_back(store.expire_due_codes(d(2026, 11, 2)));
    all.push_back(store.extend_spark_code(code, d(2026, 11, 2), 30, d(2026, 11, 2)));
    all.push_back(store.replace_spark_code(code, "#new", d(2026, 11, 2), 30, d(2026, 11, 2)));
    all.push_back(store.add_paid_round(code, PaidRound{}));
    all.push_back(store.kill_spark_code(code, d(2026, 11, 2), ""));
    all.push_back(store.revoke_spark_code(code, d(2026, 11, 2), ""));
    all.push_back(store.replace_program(Program{}));
    OrdersChanges orders;
    orders.base_revision = store.revision();
    OrderLine line;
    line.key = "order-1";
    orders.new_lines.push_back(line);
    all.push_back(store.import_orders(std::move(orders)));
    all.push_back(store.apply_merge(preview_merge(store.program(), store.program(), store.revision())));
    all.push_back(store.transaction("Anything", [](Store&) { return CommandResult::done(0); }));
    for (size_t i = 0; i < all.size(); ++i) {
        CAPTURE(i);
        CHECK_FALSE(all[i].ok);
        REQUIRE(all[i].errors.size() == 1);
        CHECK(all[i].errors[0].field == "read_only");
        CHECK(all[i].errors[0].message == "This tab is read-only: another tab is editing the program.");
    }
    CHECK(store.revision() == rev);
    CHECK(program_to_json(store.program()) == program_to_json(before));
    // Loading what the editing tab saved still works, and editing comes back with the flag.
    store.reset(before);
    store.set_read_only(false);
    CHECK(store.add_creator(handle("b")).ok);
}
