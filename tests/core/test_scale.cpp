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

TEST_CASE("a large export that holds its lines twice counts them once, however its size was guessed") {
    // 5,000 generated lines, then the same rows again under the one header: the second time
    // every line is one the file already had. Read 4 KB at a time with the file said to be a
    // quarter of its size (the tables sized from the first rows are too small and grow) and with
    // no size at all: the lines of the first half are still found at the end.
    const Date today = Date::from_ymd(2026, 11, 23);
    const Program p = generate_program(60, 600, today, 5);
    std::string csv;
    generate_orders_csv(p, 5000, today.plus_days(-7), 5, [&csv](std::string_view s) { csv.append(s); });
    const OrdersImport once = import_orders_csv(p, csv);
    REQUIRE_MESSAGE(once.ok(), once.refused);
    REQUIRE(once.problem_count == 0);
    const std::string twice = csv + csv.substr(csv.find('\n') + 1);
    for (uint64_t said : {uint64_t{0}, uint64_t{twice.size() / 4}}) {
        OrdersImporter imp(p, 0);
        if (said) imp.expect_bytes(said);
        for (size_t at = 0; at < twice.size(); at += 4096) imp.feed(std::string_view(twice).substr(at, 4096));
        const OrdersImport r = imp.finish();
        REQUIRE_MESSAGE(r.ok(), r.refused);
        CHECK(r.rows == 10000);
        CHECK(r.imported == once.imported);  // the second half adds no line...
        CHECK(r.orders == once.orders);
        CHECK(r.samples == once.samples);
        CHECK(r.gmv == once.gmv);            // ...and no money
        CHECK(r.commission == once.commission);
        // Each row of the second half that the first half kept (a line, a sample, a duplicate)
        // is a duplicate; a row of a creator not on the roster is unmatched again.
        CHECK(r.duplicates == once.duplicates + once.imported + once.samples + once.duplicates);
        CHECK(r.unmatched_count == 2 * once.unmatched_count);
        CHECK(r.changes.new_keys() == once.changes.new_keys());
    }
}
