// The program as one document per record (docs.hpp): the documents carry the backup's JSON,
// read back to the same program, and a save after a command writes what the command touched.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "core/backup.hpp"
#include "core/docs.hpp"
#include "core/orders_import.hpp"
#include "core/sample.hpp"
#include "core/store.hpp"
#include "builders.hpp"

using namespace sr;
using sr::test::d;

namespace {

Program read_back(const std::vector<Doc>& docs) {
    ProgramDocsReader r;
    for (const Doc& x : docs) REQUIRE_MESSAGE(r.add(x.id, x.json), x.id);
    LoadResult l = r.finish();
    REQUIRE_MESSAGE(l.ok(), l.summary());
    return *l.program;
}

DocIndex index_of(const Program& p) {
    ProgramDocsDiff diff(p, DocIndex{});
    while (!diff.step(7)) {
    }
    return diff.index();
}

struct Save {
    std::vector<std::string> put;
    std::vector<std::string> removed;
    size_t bytes = 0;
};

// What a save of `now` writes over what `stored` holds; `stored` becomes what is then stored.
Save save(DocIndex& stored, const Program& now) {
    ProgramDocsDiff diff(now, stored);
    while (!diff.step(3)) {
    }
    Save s;
    for (const Doc& x : diff.put()) s.put.push_back(x.id);
    std::sort(s.put.begin(), s.put.end());
    s.removed = diff.removed();
    s.bytes = diff.put_bytes();
    stored = std::move(diff.index());
    return s;
}

Program people_program() {
    Program p;
    sr::test::add_creator(p, "nguyenthuha.beauty", 182000);
    sr::test::add_creator(p, "somchai.review", 48000);
    sr::test::add_creator(p, "xiaolin_makeup", 9000);
    p.creators[0].display_name = "Nguyễn Thu Hà 🌸";
    p.creators[1].display_name = "สมชาย ใจดี";
    p.creators[2].display_name = "小林 · 美妆分享 ✨";
    const Id product = sr::test::add_product(p);
    Post x;
    x.id = p.next_id++;
    x.creator_id = p.creators[0].id;
    x.product_id = product;
    x.tiktok_ref = "https://www.tiktok.com/@nguyenthuha.beauty/video/7301234567890123456";
    x.published = d(2026, 11, 18);
    x.views = 48210;
    x.gmv = 1234.5;
    p.posts.push_back(x);
    p.imported_orders = {"576461234567890123|7301234567890123456|1"};
    p.review_marks.push_back({"spark_expiry/1/7/code", MarkState::done, "3 days left", std::nullopt, "Hà", d(2026, 11, 23), "Renew"});
    return p;
}

}  // namespace

TEST_CASE("each document holds its record's backup JSON, and the documents read back to the same program") {
    const Program p = make_sample_program(d(2026, 11, 22));
    const std::string backup = program_to_json(p);
    const std::vector<Doc> docs = program_docs(p);
    // One document per record, plus the program, the settings and the review marks.
    const size_t records = p.creators.size() + p.products.size() + p.samples.size() + p.briefs.size() + p.posts.size() +
                           p.spark_codes.size();
    const size_t order_blocks = (p.imported_orders.size() + kOrderBlock - 1) / kOrderBlock;
    CHECK(docs.size() == records + 3 + order_blocks);
    for (const Doc& x : docs) {
        if (x.id == "program" || x.id.rfind("orders:", 0) == 0) continue;
        CHECK_MESSAGE(backup.find(x.json) != std::string::npos, x.id);
    }
    CHECK(program_to_json(read_back(docs)) == backup);
}

TEST_CASE("names in Vietnamese, Thai and Chinese, and emoji, come back as they were") {
    const Program p = people_program();
    const Program back = read_back(program_docs(p));
    CHECK(back.creators[0].display_name == "Nguyễn Thu Hà 🌸");
    CHECK(back.creators[1].display_name == "สมชาย ใจดี");
    CHECK(back.creators[2].display_name == "小林 · 美妆分享 ✨");
    CHECK(back.review_marks.at(0).by == "Hà");
    CHECK(program_to_json(back) == program_to_json(p));
}

TEST_CASE("documents in any order read back to the same program") {
    const Program p = make_sample_program(d(2026, 11, 22));
    std::vector<Doc> docs = program_docs(p);
    std::reverse(docs.begin(), docs.end());
    CHECK(program_to_json(read_back(docs)) == program_to_json(p));
}

TEST_CASE("documents read a page at a time, in slices of any size, and checked a step at a time read back to the same program") {
    const Program p = people_program();
    const std::vector<Doc> docs = program_docs(p);
    // Two pages, "id\ntext\n" for each document, split after the third document.
    std::string first, second;
    for (size_t i = 0; i < docs.size(); ++i) (i < 3 ? first : second) += docs[i].id + "\n" + docs[i].json + "\n";
    ProgramDocsReader r;
    size_t at = 0, calls = 0;
    while (!r.add_page(first, at, 2)) ++calls;
    CHECK(calls == 1);  // 3 documents, 2 at a time: the page ends on the second call
    at = 0;
    while (!r.add_page(second, at, 1)) {
    }
    size_t steps = 1;
    while (!r.finish_step()) ++steps;
    // Kinds sorted (two steps), order keys, order lines, the program's digest, then the backup's
    // checks in 8 parts (ProgramCheck), the last of which ends the read.
    CHECK(steps == 13);
    LoadResult l = r.result();
    REQUIRE_MESSAGE(l.ok(), l.summary());
    CHECK(program_to_json(*l.program) == program_to_json(p));
    CHECK(l.program->creators.at(0).display_name == "Nguyễn Thu Hà 🌸");
    CHECK(r.index() == index_of(p));  // every document read, as the next save compares them
}

TEST_CASE("a comparison's copy of the program is freed a slice at a time") {
    const Program p = people_program();
    ProgramDocsDiff diff(p, DocIndex{});
    while (!diff.step(7)) {
    }
    const size_t docs = diff.index().size();
    // Records, then the documents to write, then the index: every one of them once.
    const size_t records = p.creators.size() + p.products.size() + p.samples.size() + p.briefs.size() + p.posts.size() +
                           p.spark_codes.size();
    const size_t total = records + diff.put().size() + docs;
    size_t calls = 1;
    while (!diff.release(1)) ++calls;
    CHECK(calls == total);  // one thing freed a call; the last call frees the last and says so
    CHECK(diff.put().empty());
    CHECK(diff.index().empty());
}

TEST_CASE("a page cut short in a document's id is refused, naming the page") {
    const std::vector<Doc> docs = program_docs(people_program());
    std::string page;
    for (const Doc& x : docs) page += x.id + "\n" + x.json + "\n";
    page += "creator:00000000";  // the start of one more document's id, and nothing after it
    ProgramDocsReader r;
    size_t at = 0;
    while (!r.add_page(page, at, 1000)) {
    }
    LoadResult l = r.finish();
    REQUIRE_FALSE(l.ok());
    CHECK(l.problems.at(0).to_string() == "page: a document is cut short");
}

TEST_CASE("a list not in id order keeps its order through the documents") {
    Program p = people_program();
    std::swap(p.creators[0], p.creators[2]);
    const std::vector<Doc> docs = program_docs(p);
    const Program back = read_back(docs);
    REQUIRE(back.creators.size() == 3);
    CHECK(back.creators[0].handle == "xiaolin_makeup");
    CHECK(back.creators[2].handle == "nguyenthuha.beauty");
    CHECK(program_to_json(back) == program_to_json(p));
}

TEST_CASE("after one edit the save writes that creator's document only") {
    Store store(make_sample_program(d(2026, 11, 22)));
    DocIndex stored = index_of(store.program());
    CHECK(save(stored, store.program()).put.empty());  // nothing changed, nothing written

    Creator c = store.program().creators.at(1);
    c.notes = "Prefers voice notes; ship to the Đà Nẵng address";
    REQUIRE(store.update_creator(c));
    const Save s = save(stored, store.program());
    CHECK(s.put == std::vector<std::string>{doc_id("creator", c.id)});
    CHECK(s.removed.empty());
    CHECK(s.bytes == doc_id("creator", c.id).size() + record_json(c).size());

    // Undo puts the old text back: the same document is written again, nothing else.
    REQUIRE(store.undo());
    CHECK(save(stored, store.program()).put == std::vector<std::string>{doc_id("creator", c.id)});
}

TEST_CASE("adding a record writes its document and the program's next id") {
    Store store(people_program());
    DocIndex stored = index_of(store.program());
    Product x;
    x.sku = "SERUM-30";
    x.name = "Vitamin C serum 30 ml";
    x.price = 24.9;
    CommandResult r = store.add_product(x);
    REQUIRE(r);
    CHECK(save(stored, store.program()).put == std::vector<std::string>{doc_id("product", r.id), "program"});
}

TEST_CASE("removing a creator deletes the documents of the records it takes and writes the briefs it leaves") {
    Store store(make_sample_program(d(2026, 11, 22)));
    DocIndex stored = index_of(store.program());
    const Program& p = store.program();
    // The creator with the most records hanging off it.
    Id who = 0;
    size_t most = 0;
    for (const Creator& c : p.creators) {
        const CreatorFootprint f = store.creator_footprint(c.id);
        if (f.posts + f.samples + f.spark_codes > most) most = f.posts + f.samples + f.spark_codes, who = c.id;
    }
    REQUIRE(most > 0);
    std::vector<std::string> gone{doc_id("creator", who)};
    for (const Post& x : p.posts) if (x.creator_id == who) gone.push_back(doc_id("post", x.id));
    for (const Sample& x : p.samples) if (x.creator_id == who) gone.push_back(doc_id("sample", x.id));
    for (const SparkCode& x : p.spark_codes) if (x.creator_id == who) gone.push_back(doc_id("spark_code", x.id));
    std::vector<std::string> briefs;
    for (const Brief& b : p.briefs)
        if (std::find(b.creator_ids.begin(), b.creator_ids.end(), who) != b.creator_ids.end()) briefs.push_back(doc_id("brief", b.id));
    std::sort(gone.begin(), gone.end());
    std::sort(briefs.begin(), briefs.end());

    REQUIRE(store.remove_creator(who));
    const Save s = save(stored, store.program());
    CHECK(s.removed == gone);
    CHECK(s.put == briefs);
    CHECK(program_to_json(read_back(program_docs(store.program()))) == program_to_json(store.program()));

    // Undone, the same documents come back, and nothing is deleted.
    REQUIRE(store.undo());
    const Save back = save(stored, store.program());
    std::vector<std::string> all = gone;
    all.insert(all.end(), briefs.begin(), briefs.end());
    std::sort(all.begin(), all.end());
    CHECK(back.put == all);
    CHECK(back.removed.empty());
}

TEST_CASE("a version-1 program's imported order keys are stored in blocks and read back") {
    Program p = people_program();
    p.imported_orders.clear();
    for (int i = 0; i < 2500; ++i) p.imported_orders.push_back("57646" + std::to_string(1000000 + i) + "/SKU-" + std::to_string(i % 7));
    const std::vector<Doc> docs = program_docs(p);
    // 2,500 keys, 1,000 to a block: blocks 0, 1 and 2 (500).
    CHECK(std::count_if(docs.begin(), docs.end(), [](const Doc& x) { return x.id.rfind("orders:", 0) == 0; }) == 3);
    CHECK(read_back(docs).imported_orders == p.imported_orders);
}

namespace {

// An order line of Hà's post (`i` makes its key), or of her LIVE when `live`.
OrderLine hà_line(const Program& p, int i, const std::string& product, bool live = false) {
    OrderLine l;
    l.key = "57646" + std::to_string(1000000 + i) + "/" + product;
    l.creator_id = p.creators[0].id;
    l.post_id = live ? 0 : p.posts[0].id;
    l.kind = live ? ContentKind::live : ContentKind::video;
    l.content_type = live ? "LIVE" : "Video";
    l.content_id = live ? "" : "7301234567890123456";
    l.product_id = product;
    l.quantity = 1 + i % 3;
    l.amount = 19.9 * static_cast<double>(l.quantity);
    l.status = OrderStatus::pending;
    l.est_commission = 1.99 * static_cast<double>(l.quantity);
    if (i % 5 == 0) l.actual_commission = 1.8;
    l.time = line_time_from(d(2026, 11, 18).days, 10, i % 60, 0);
    return l;
}

}  // namespace

TEST_CASE("order lines are stored in blocks of 2,000: an import writes the block it fills and the new ones, an update its line's block") {
    Program p = people_program();
    for (int i = 0; i < 4500; ++i) p.order_lines.push_back(hà_line(p, i, "SKU-SON-01"));
    Store store(p);
    DocIndex stored = index_of(store.program());
    // 4,500 lines: lines:000000 and 000001 full, 000002 with 500; one place, one product.
    CHECK(stored.count(block_doc_id("lines", 2)) == 1);
    CHECK(stored.count(block_doc_id("lines", 3)) == 0);
    CHECK(stored.count(block_doc_id("line_places", 0)) == 1);
    CHECK(stored.count(block_doc_id("line_products", 0)) == 1);

    // 1,200 new lines of the same post: block 2 goes from 500 to 1,700 lines; nothing else.
    OrdersChanges c;
    c.base_revision = store.revision();
    for (int i = 4500; i < 5700; ++i) c.new_lines.push_back(hà_line(store.program(), i, "SKU-SON-01"));
    REQUIRE(store.import_orders(std::move(c)));
    CHECK(save(stored, store.program()).put == std::vector<std::string>{block_doc_id("lines", 2)});
    CHECK(read_back(program_docs(store.program())).order_lines == store.program().order_lines);

    // Undone: block 2 is put back to its 500 lines.
    REQUIRE(store.undo());
    Save s = save(stored, store.program());
    CHECK(s.put == std::vector<std::string>{block_doc_id("lines", 2)});
    CHECK(s.removed.empty());

    // 2,000 lines of her LIVE, of a product named in Thai: block 2 fills (2,000), block 3 is new
    // (500), and the new place and product are written in their blocks.
    OrdersChanges live;
    live.base_revision = store.revision();
    for (int i = 4500; i < 6500; ++i) live.new_lines.push_back(hà_line(store.program(), i, "สบู่-01 🌿", true));
    REQUIRE(store.import_orders(std::move(live)));
    s = save(stored, store.program());
    CHECK(s.put == std::vector<std::string>{block_doc_id("line_places", 0), block_doc_id("line_products", 0), block_doc_id("lines", 2),
                                            block_doc_id("lines", 3)});
    const Program back = read_back(program_docs(store.program()));
    CHECK(back.order_lines == store.program().order_lines);
    CHECK(back.order_lines.get(6000).product_id == "สบู่-01 🌿");
    CHECK(back.order_lines.get(6000).kind == ContentKind::live);
    CHECK(program_to_json(back) == program_to_json(store.program()));

    // A later export settles line 10: its block alone is written.
    OrdersChanges later;
    later.base_revision = store.revision();
    OrderLine settled = store.program().order_lines.get(10);
    settled.status = OrderStatus::settled;
    settled.actual_commission = 3.6;
    later.updated_at.push_back(10);
    later.updated_lines.push_back(settled);
    REQUIRE(store.import_orders(std::move(later)));
    CHECK(save(stored, store.program()).put == std::vector<std::string>{block_doc_id("lines", 0)});
    CHECK(read_back(program_docs(store.program())).order_lines.get(10).status == OrderStatus::settled);
}

TEST_CASE("order lines whose blocks are not whole are refused, naming the block") {
    Program p = people_program();
    for (int i = 0; i < 4500; ++i) p.order_lines.push_back(hà_line(p, i, "SKU-SON-01"));
    const std::vector<Doc> docs = program_docs(p);
    SUBCASE("a block missing") {
        ProgramDocsReader r;
        for (const Doc& x : docs)
            if (x.id != block_doc_id("lines", 1)) r.add(x.id, x.json);
        const LoadResult l = r.finish();
        REQUIRE_FALSE(l.ok());
        CHECK(l.problems.at(0).path == "lines:000001");
        CHECK(l.problems.at(0).message == "is missing: the order lines are not whole");
    }
    SUBCASE("a column short of a value") {
        ProgramDocsReader r;
        for (const Doc& x : docs) {
            std::string text = x.json;
            if (x.id == block_doc_id("lines", 2)) {
                const size_t at = text.find("\"quantity\":\"") + 12;
                text.erase(at, text.find(',', at) + 1 - at);  // the first value and its comma
            }
            r.add(x.id, text);
        }
        const LoadResult l = r.finish();
        REQUIRE_FALSE(l.ok());
        CHECK(l.problems.at(0).path == "lines:000002.quantity");
        CHECK(l.problems.at(0).message == "holds 499 values for 500 lines");
    }
}

TEST_CASE("a marked review action writes the review marks' document; settings their own") {
    Store store(people_program());
    DocIndex stored = index_of(store.program());
    ReviewMark m;
    m.action = "sample_followup/2/9/no post";
    m.on = d(2026, 11, 23);
    m.title = "Follow up @somchai.review";
    REQUIRE(store.mark_review_action(m));
    CHECK(save(stored, store.program()).put == std::vector<std::string>{"review_marks"});
    Settings s = store.program().settings;
    s.user_name = "Thu Hà";
    REQUIRE(store.update_settings(s));
    CHECK(save(stored, store.program()).put == std::vector<std::string>{"settings"});
}

TEST_CASE("a document that does not read is named by its id, and no program is returned") {
    const std::vector<Doc> docs = program_docs(people_program());
    {
        ProgramDocsReader r;
        for (const Doc& x : docs) r.add(x.id, x.id == doc_id("creator", 1) ? R"({"id":1,"handle":"ok","followers":"many"})" : x.json);
        LoadResult l = r.finish();
        REQUIRE_FALSE(l.ok());
        CHECK(l.problems.at(0).path == "creator:0000000000000001.followers");
        CHECK(l.problems.at(0).message == "expected a whole number");
    }
    {  // a record under another record's document id
        ProgramDocsReader r;
        for (const Doc& x : docs) r.add(x.id == doc_id("creator", 1) ? doc_id("creator", 77) : x.id, x.json);
        LoadResult l = r.finish();
        REQUIRE_FALSE(l.ok());
        CHECK(l.problems.at(0).path == "creator:0000000000000077.id");
    }
    {  // without the program document it is not a whole program
        ProgramDocsReader r;
        for (const Doc& x : docs)
            if (x.id != "program") r.add(x.id, x.json);
        LoadResult l = r.finish();
        REQUIRE_FALSE(l.ok());
        CHECK(l.problems.at(0).path == "program");
    }
    {  // a post pointing at a creator that is not there: the backup's own reference check
        ProgramDocsReader r;
        for (const Doc& x : docs)
            if (x.id != doc_id("creator", 1)) r.add(x.id, x.json);
        LoadResult l = r.finish();
        REQUIRE_FALSE(l.ok());
        CHECK(l.problems.at(0).to_string() == "post:0000000000000005.creator_id: no creator has id 1");
    }
}

TEST_CASE("a missing block of order keys is refused rather than read as fewer keys") {
    Program p = people_program();
    p.imported_orders.clear();
    for (int i = 0; i < 2500; ++i) p.imported_orders.push_back("order-" + std::to_string(i));
    ProgramDocsReader r;
    for (const Doc& x : program_docs(p))
        if (x.id != orders_doc_id(1)) r.add(x.id, x.json);
    LoadResult l = r.finish();
    REQUIRE_FALSE(l.ok());
    CHECK(l.problems.at(0).path == orders_doc_id(1));
}

TEST_CASE("a program put over documents that did not read deletes every one of them it does not write") {
    std::vector<Doc> docs = program_docs(people_program());
    ProgramDocsReader r;
    for (const Doc& x : docs) r.add(x.id, x.id == doc_id("creator", 2) ? "{not json" : x.json);
    REQUIRE_FALSE(r.finish().ok());
    const DocIndex stored = r.index_unread();
    Program other;
    sr::test::add_creator(other, "fresh.start", 1000);
    ProgramDocsDiff d(other, stored);
    while (!d.step(100)) {
    }
    // Written: the program, the settings, the review marks and creator 1 (its text differs from
    // nothing known); deleted: every other stored document.
    std::vector<std::string> put;
    for (const Doc& x : d.put()) put.push_back(x.id);
    std::sort(put.begin(), put.end());
    CHECK(put == std::vector<std::string>{doc_id("creator", 1), "program", "review_marks", "settings"});
    CHECK(d.removed().size() == docs.size() - 4);
    CHECK(std::find(d.removed().begin(), d.removed().end(), doc_id("creator", 2)) != d.removed().end());
}
