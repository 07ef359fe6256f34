// What a program synced between browsers needs of the core (docs/rules.md, "Teams"): each
// browser gives ids from a range of its own, and a change from another browser leaves this
// browser's undo acting on its own changes.
#include <doctest/doctest.h>

#include "builders.hpp"
#include "core/backup.hpp"
#include "core/docs.hpp"
#include "core/orders_import.hpp"
#include "core/store.hpp"

using namespace sr;
using namespace sr::test;

static Creator named(const std::string& handle, int64_t followers = 8000) {
    Creator c;
    c.handle = handle;
    c.display_name = handle;
    c.followers = followers;
    return c;
}

TEST_CASE("two synced browsers adding creators offline never give the same id") {
    Program shared;
    add_creator(shared, "linh.nguyen", 12000);  // id 1, given before syncing
    Store a(shared), b(shared);
    a.use_id_range(sync_id_floor(3), sync_id_floor(4));
    b.use_id_range(sync_id_floor(7), sync_id_floor(8));
    CHECK(a.revision() == 0);  // choosing a range is not a change to save
    const Id a1 = a.add_creator(named("somchai.k")).id;
    const Id a2 = a.add_creator(named("trang_beauty")).id;
    const Id b1 = b.add_creator(named("putri.ayu")).id;
    CHECK(a1 == sync_id_floor(3));
    CHECK(a2 == sync_id_floor(3) + 1);
    CHECK(b1 == sync_id_floor(7));
    CHECK(sync_id_floor(kSyncSlots) == (Id{1} << 53));  // the top of the last range: exact in JavaScript

    // B receives A's program (A's next_id is in A's range): B keeps giving ids from its own.
    b.apply_remote(a.program());
    CHECK(b.program().creators.size() == 3);
    const Id b2 = b.add_creator(named("mei.lin")).id;
    CHECK(b2 == sync_id_floor(7));  // B's range has no id in this program yet
    const Id b3 = b.add_creator(named("ana.reyes")).id;
    CHECK(b3 == sync_id_floor(7) + 1);

    // A program read from a backup or documents (no range of its own) keeps the store's range.
    LoadResult r = program_from_json(program_to_json(b.program()));
    REQUIRE(r.ok());
    CHECK(r.program->next_id == sync_id_floor(7) + 2);  // a backup's next_id is past every id
    a.reset(std::move(*r.program));
    CHECK(a.add_creator(named("hoa.tran")).id == sync_id_floor(3) + 2);
}

TEST_CASE("an import in a synced browser gives its new posts ids from the browser's range") {
    Program p;
    const Id c = add_creator(p, "linh.nguyen", 12000);
    Store store(p);
    store.use_id_range(sync_id_floor(5), sync_id_floor(6));
    // A creator another browser added, with an id past this browser's range.
    Program other = store.program();
    Creator far = named("somchai.k");
    far.id = sync_id_floor(9);
    other.creators.push_back(far);
    other.next_id = sync_id_floor(9) + 1;
    store.apply_remote(other);
    const std::string csv =
        "Order ID,Creator Username,Content ID,Payment Amount,Order Status,Created Time\n"
        "5770001,linh.nguyen,7301000000000000001,23.40,Settled,2026-11-20 10:00:00\n"
        "5770002,somchai.k,7301000000000000002,19.90,Settled,2026-11-20 11:00:00\n";
    OrdersImport imp = import_orders_csv(store.program(), csv, {}, store.revision());
    REQUIRE(imp.refused.empty());
    REQUIRE(imp.changes.new_posts.size() == 2);
    CHECK(imp.changes.new_posts[0].id == sync_id_floor(5));
    CHECK(imp.changes.new_posts[1].id == sync_id_floor(5) + 1);
    (void)c;
}

TEST_CASE("a change from another browser keeps this browser's undo, which takes back only its own edit") {
    Program p;
    const Id linh = add_creator(p, "linh.nguyen", 12000);
    const Id som = add_creator(p, "somchai.k", 40000);
    Store store(p);
    Creator edited = *store.find_creator(linh);
    edited.notes = "Prefers skincare briefs in Vietnamese";
    REQUIRE(store.update_creator(edited));
    const uint64_t before_remote = store.revision();

    // Another browser changed somchai's followers meanwhile.
    Program remote = store.program();
    for (Creator& x : remote.creators)
        if (x.id == som) x.followers = 52000;
    store.apply_remote(remote);
    CHECK(store.revision() > before_remote);
    CHECK(store.find_creator(som)->followers == 52000);
    REQUIRE(store.can_undo());

    REQUIRE(store.undo());
    CHECK(store.find_creator(linh)->notes.empty());       // this browser's edit is taken back
    CHECK(store.find_creator(som)->followers == 52000);   // the other browser's stays
    REQUIRE(store.redo());
    CHECK(store.find_creator(linh)->notes == "Prefers skincare briefs in Vietnamese");
}
