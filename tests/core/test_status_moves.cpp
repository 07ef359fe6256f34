// Status moves (docs/rules.md, sections 1 and 2): creators and samples move only as the rules say,
// a refusal names the moves allowed, and a stored status is never a move.
#include <doctest/doctest.h>

#include "builders.hpp"
#include "core/backup.hpp"
#include "core/enums.hpp"
#include "core/generate.hpp"
#include "core/sample.hpp"
#include "core/status_moves.hpp"
#include "core/store.hpp"
#include "core/rules.hpp"
#include "core/validate.hpp"

using namespace sr;
using namespace sr::test;

namespace {

Creator named(const std::string& handle, CreatorStatus status) {
    Creator c;
    c.handle = handle;
    c.followers = 20000;
    c.status = status;
    return c;
}

std::string status_error(const CommandResult& r) {
    for (const FieldError& e : r.errors)
        if (e.field == "status") return e.message;
    return "";
}

}  // namespace

TEST_CASE("creator status moves forward, skipping steps, and back only from paused to active") {
    using S = CreatorStatus;
    CHECK(move_allowed(S::prospect, S::contacted));
    CHECK(move_allowed(S::prospect, S::active));    // signed directly
    CHECK(move_allowed(S::contacted, S::ended));    // never signed
    CHECK(move_allowed(S::active, S::paused));
    CHECK(move_allowed(S::paused, S::active));      // the one move back
    CHECK(move_allowed(S::paused, S::ended));
    CHECK(move_allowed(S::active, S::active));      // no change is no move
    CHECK_FALSE(move_allowed(S::active, S::seeded));
    CHECK_FALSE(move_allowed(S::seeded, S::prospect));
    CHECK_FALSE(move_allowed(S::ended, S::active));
    CHECK(allowed_moves(S::active) == std::vector<S>{S::paused, S::ended});
    CHECK(allowed_moves(S::paused) == std::vector<S>{S::active, S::ended});
    CHECK(allowed_moves(S::ended).empty());
    CHECK(move_refusal(S::active, S::contacted) ==
          "A creator cannot move from active back to contacted. From active: paused or ended.");
    CHECK(move_refusal(S::ended, S::active) == "A creator that is ended stays ended: the status cannot change.");
    CHECK(move_refusal(S::prospect, S::active).empty());
}

TEST_CASE("sample status moves along requested to posted or no_post, declined from requested, cancelled before delivery") {
    using S = SampleStatus;
    CHECK(move_allowed(S::requested, S::approved));
    CHECK(move_allowed(S::requested, S::shipped));  // approved on the way
    CHECK(move_allowed(S::requested, S::declined));
    CHECK(move_allowed(S::shipped, S::cancelled));
    CHECK(move_allowed(S::delivered, S::posted));
    CHECK(move_allowed(S::delivered, S::no_post));
    CHECK(move_allowed(S::no_post, S::posted));     // a late post
    CHECK_FALSE(move_allowed(S::approved, S::declined));
    CHECK_FALSE(move_allowed(S::delivered, S::cancelled));
    CHECK_FALSE(move_allowed(S::shipped, S::approved));
    CHECK_FALSE(move_allowed(S::posted, S::no_post));
    CHECK_FALSE(move_allowed(S::cancelled, S::requested));
    CHECK(allowed_moves(S::requested) ==
          std::vector<S>{S::approved, S::shipped, S::delivered, S::posted, S::no_post, S::declined, S::cancelled});
    CHECK(allowed_moves(S::shipped) == std::vector<S>{S::delivered, S::posted, S::no_post, S::cancelled});
    CHECK(allowed_moves(S::delivered) == std::vector<S>{S::posted, S::no_post});
    CHECK(move_refusal(S::delivered, S::cancelled) ==
          "A sample cannot move from delivered to cancelled. From delivered: posted or no post.");
    CHECK(move_refusal(S::posted, S::no_post) == "A sample that is posted stays posted: the status cannot change.");
}

TEST_CASE("an illegal creator move is refused by the store on the status field, naming the allowed moves") {
    Store store;
    const Id id = store.add_creator(named("glow", CreatorStatus::active)).id;  // a new record: any status
    REQUIRE(id);
    Creator c = *store.find_creator(id);
    c.status = CreatorStatus::contacted;
    const auto rev = store.revision();
    const CommandResult r = store.update_creator(c);
    CHECK_FALSE(r.ok);
    CHECK(status_error(r) == "A creator cannot move from active back to contacted. From active: paused or ended.");
    CHECK(store.revision() == rev);
    CHECK(store.find_creator(id)->status == CreatorStatus::active);
    c.status = CreatorStatus::paused;
    REQUIRE(store.update_creator(c).ok);
    c.status = CreatorStatus::active;
    CHECK(store.update_creator(c).ok);
    // Other fields still save when the status stays.
    c.notes = "renewed";
    CHECK(store.update_creator(c).ok);
}

TEST_CASE("a bulk status change with an illegal move is refused whole, listing each creator that cannot move") {
    Store store;
    const Id a = store.add_creator(named("alpha", CreatorStatus::prospect)).id;
    const Id b = store.add_creator(named("beta", CreatorStatus::ended)).id;
    const Id c = store.add_creator(named("gamma", CreatorStatus::active)).id;
    const auto rev = store.revision();
    const CommandResult r = store.set_creators_status({a, b, c}, CreatorStatus::seeded);
    CHECK_FALSE(r.ok);
    REQUIRE(r.errors.size() == 2);
    CHECK(r.errors[0].field == "status");
    CHECK(r.errors[0].message == "@beta: A creator that is ended stays ended: the status cannot change.");
    CHECK(r.errors[1].message == "@gamma: A creator cannot move from active back to seeded. From active: paused or ended.");
    CHECK(store.revision() == rev);
    CHECK(store.find_creator(a)->status == CreatorStatus::prospect);
    // The ones that can move, as one step.
    REQUIRE(store.set_creators_status({a}, CreatorStatus::seeded).ok);
    CHECK(store.find_creator(a)->status == CreatorStatus::seeded);
}

TEST_CASE("an illegal sample move is refused by the store; adding a sample with any status is not a move") {
    Store store;
    const Id cr = store.add_creator(named("glow", CreatorStatus::active)).id;
    Product pr;
    pr.sku = "S1";
    pr.name = "Serum";
    const Id prod = store.add_product(pr).id;
    Sample s;
    s.creator_id = cr;
    s.product_id = prod;
    s.requested = d(2026, 11, 1);
    s.shipped = d(2026, 11, 2);
    s.delivered = d(2026, 11, 4);
    s.status = SampleStatus::delivered;
    const Id id = store.add_sample(s).id;
    REQUIRE(id);
    s = *store.find_sample(id);
    s.status = SampleStatus::cancelled;
    const CommandResult r = store.update_sample(s);
    CHECK_FALSE(r.ok);
    CHECK(status_error(r) == "A sample cannot move from delivered to cancelled. From delivered: posted or no post.");
    s.status = SampleStatus::no_post;
    REQUIRE(store.update_sample(s).ok);
    s.status = SampleStatus::posted;
    CHECK(store.update_sample(s).ok);  // posted late
}

TEST_CASE("declined and cancelled samples were never delivered: not counted, not followed up, no delivery date") {
    Program p;
    const Id c = add_creator(p, "glow", 20000);
    const Id prod = add_product(p);
    Sample s;
    s.id = p.next_id++;
    s.creator_id = c;
    s.product_id = prod;
    s.requested = d(2026, 10, 1);
    s.status = SampleStatus::declined;
    CHECK(validate_sample(s, p).empty());
    s.shipped = d(2026, 10, 2);
    CHECK_FALSE(validate_sample(s, p).empty());
    s.status = SampleStatus::cancelled;
    CHECK(validate_sample(s, p).empty());  // shipped, then cancelled before delivery
    s.delivered = d(2026, 10, 4);
    CHECK_FALSE(validate_sample(s, p).empty());
    // Stored that way anyway (an old backup, a hand-edited file): still loads, never counts.
    p.samples.push_back(s);
    CHECK_FALSE(sample_delivered(p.samples[0]));
    CHECK(posting_rate(p).delivered == 0);
    CHECK(sample_followups(p, d(2026, 12, 1)).empty());
    CHECK(program_from_json(program_to_json(p)).ok());
}

TEST_CASE("backups with any status load: a stored status is not a move") {
    for (int i = 0; i < enum_count<SampleStatus>(); ++i) {
        const std::string name(name_of(static_cast<SampleStatus>(i)));
        const LoadResult r = program_from_json(
            R"({"format":"spark-roster","version":1,"creators":[{"id":1,"handle":"a","status":"ended"}],)"
            R"("samples":[{"id":2,"creator_id":1,"status":")" + name + R"("}]})");
        CHECK_MESSAGE(r.ok(), name);
    }
    for (int i = 0; i < enum_count<CreatorStatus>(); ++i) {
        const std::string name(name_of(static_cast<CreatorStatus>(i)));
        CHECK(program_from_json(R"({"format":"spark-roster","version":1,"creators":[{"id":1,"handle":"a","status":")" +
                                name + R"("}]})")
                  .ok());
    }
}

TEST_CASE("the sample program and the generator make records that pass the record checks") {
    const Program sample = make_sample_program(d(2026, 11, 22));
    for (const Sample& s : sample.samples) CHECK(validate_sample(s, sample).empty());
    const Program gen = generate_program(60, 300, d(2026, 11, 22));
    for (const Sample& s : gen.samples) CHECK(validate_sample(s, gen).empty());
    CHECK(program_from_json(program_to_json(gen)).ok());
}
