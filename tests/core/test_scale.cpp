// Large programs: the sliced backup writer the app saves with, and the generated orders export
// the benchmarks import (docs/rules.md, section 7).
#include <doctest/doctest.h>

#include <string>

#include "core/backup.hpp"
#include "core/generate.hpp"
#include "core/orders_import.hpp"
#include "core/sample.hpp"

using namespace sr;

TEST_CASE("a backup written a slice at a time is the same text as one written at once") {
    Program p = make_sample_program(Date::from_ymd(2026, 11, 22));
    p.imported_orders = {"5001/S1", "5002", "5003/S1"};
    const std::string whole = program_to_json(p);
    for (size_t slice : {size_t{1}, size_t{7}, size_t{100000}}) {
        ProgramJsonWriter w(p);
        int steps = 1;
        while (!w.step(slice)) ++steps;
        CHECK(w.text() == whole);
        if (slice == 1) CHECK(steps > 10);  // the work really was cut up
    }
    // The writer works from a copy: a change made while it writes does not reach the text.
    ProgramJsonWriter w(p);
    w.step(3);
    p.creators.clear();
    while (!w.step(50)) {
    }
    CHECK(w.text() == whole);
    CHECK(program_from_json(w.text()).ok());
}

TEST_CASE("a generated week of affiliate orders imports onto the generated program, and a second time adds nothing") {
    const Date today = Date::from_ymd(2026, 11, 23);
    Program p = generate_program(60, 600, today, 3);
    std::string csv;
    generate_orders_csv(p, 5000, today.plus_days(-7), 3, [&csv](std::string_view s) { csv.append(s); });
    std::string again;
    generate_orders_csv(p, 5000, today.plus_days(-7), 3, [&again](std::string_view s) { again.append(s); });
    CHECK(csv == again);  // deterministic

    const OrdersImport first = import_orders_csv(p, csv);
    REQUIRE_MESSAGE(first.ok(), first.refused);
    CHECK(first.rows == 5000);
    CHECK(first.problem_count == 0);
    CHECK(first.posts_created == 0);   // every Content ID is one of the program's posts
    CHECK(first.duplicates > 0);       // lines exported twice count once
    CHECK(first.samples > 0);
    CHECK(first.refunded > 0);
    CHECK(first.unmatched_count > 0);  // LIVE orders and creators not on the roster
    CHECK(first.unmatched_count < 200);
    CHECK(first.imported + first.duplicates + first.samples + first.unmatched_count == first.rows);
    // Fed a few kilobytes at a time with the file's size known up front (as the Data screen
    // does, which sizes the tables from the first rows), the import is the same.
    OrdersImporter fed(p, 0);
    fed.expect_bytes(csv.size());
    for (size_t at = 0; at < csv.size(); at += 4096) fed.feed(std::string_view(csv).substr(at, 4096));
    const OrdersImport chunked = fed.finish();
    CHECK(chunked.summary() == first.summary());
    CHECK(chunked.changes.new_keys() == first.changes.new_keys());
    CHECK(chunked.changes.updated_posts.size() == first.changes.updated_posts.size());
    CHECK(chunked.gmv == first.gmv);
    apply_orders(p, first.changes);
    const OrdersImport second = import_orders_csv(p, csv);
    CHECK(second.imported == 0);
    CHECK(second.orders == 0);
    CHECK(second.changes.empty());
}
