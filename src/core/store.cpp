#include "store.hpp"

#include <algorithm>
#include <memory>
#include <utility>

namespace sr {

namespace {

template <class T> T* by_id(std::vector<T>& v, Id id) {
    for (T& x : v)
        if (x.id == id) return &x;
    return nullptr;
}

// Removed records with the positions they held, so a revert puts them back in order.
template <class T> using Removed = std::vector<std::pair<size_t, T>>;

template <class T, class Pred> Removed<T> remove_where(std::vector<T>& v, Pred pred) {
    Removed<T> out;
    std::vector<T> kept;
    kept.reserve(v.size());
    for (size_t i = 0; i < v.size(); ++i) {
        if (pred(v[i])) out.emplace_back(i, std::move(v[i]));
        else kept.push_back(std::move(v[i]));
    }
    v = std::move(kept);
    return out;
}

template <class T> void restore(std::vector<T>& v, const Removed<T>& removed) {
    for (const auto& [index, item] : removed) v.insert(v.begin() + static_cast<long>(std::min(index, v.size())), item);
}

template <class T> void erase_id(std::vector<T>& v, Id id) {
    v.erase(std::remove_if(v.begin(), v.end(), [id](const T& x) { return x.id == id; }), v.end());
}

}  // namespace

const Creator* Store::find_creator(Id id) const {
    for (const Creator& c : program_.creators)
        if (c.id == id) return &c;
    return nullptr;
}

void Store::run(Command cmd) {
    cmd.apply(program_);
    ++revision_;
    redo_.clear();
    undo_.push_back(std::move(cmd));
    if (undo_.size() > kMaxUndo) undo_.erase(undo_.begin());
}

bool Store::undo() {
    if (undo_.empty()) return false;
    Command cmd = std::move(undo_.back());
    undo_.pop_back();
    cmd.revert(program_);
    ++revision_;
    redo_.push_back(std::move(cmd));
    return true;
}

bool Store::redo() {
    if (redo_.empty()) return false;
    Command cmd = std::move(redo_.back());
    redo_.pop_back();
    cmd.apply(program_);
    ++revision_;
    undo_.push_back(std::move(cmd));
    return true;
}

void Store::reset(Program p) {
    program_ = std::move(p);
    undo_.clear();
    redo_.clear();
    ++revision_;
}

CommandResult Store::add_creator(Creator c) {
    c.handle = normalize_handle(c.handle);
    c.id = 0;
    Errors errs = validate_creator(c, program_);
    if (!errs.empty()) return CommandResult::refused(std::move(errs));
    c.id = program_.next_id;
    const Id id = c.id;
    run({"Add @" + c.handle,
         [c](Program& p) {
             p.creators.push_back(c);
             p.next_id = std::max(p.next_id, c.id + 1);
         },
         [id](Program& p) { erase_id(p.creators, id); }});
    return CommandResult::done(id);
}

CommandResult Store::update_creator(Creator c) {
    c.handle = normalize_handle(c.handle);
    Creator* old = by_id(program_.creators, c.id);
    if (!old) return CommandResult::refused({{"id", "No creator with id " + std::to_string(c.id) + "."}});
    Errors errs = validate_creator(c, program_);
    if (!errs.empty()) return CommandResult::refused(std::move(errs));
    const Creator before = *old;
    const Id id = c.id;
    run({"Edit @" + c.handle,
         [c](Program& p) {
             if (Creator* x = by_id(p.creators, c.id)) *x = c;
         },
         [before](Program& p) {
             if (Creator* x = by_id(p.creators, before.id)) *x = before;
         }});
    return CommandResult::done(id);
}

CreatorFootprint Store::creator_footprint(Id id) const {
    CreatorFootprint f;
    for (const Post& x : program_.posts) f.posts += x.creator_id == id;
    for (const Sample& x : program_.samples) f.samples += x.creator_id == id;
    for (const SparkCode& x : program_.spark_codes) f.spark_codes += x.creator_id == id;
    return f;
}

CommandResult Store::remove_creator(Id id) {
    const Creator* c = find_creator(id);
    if (!c) return CommandResult::refused({{"id", "No creator with id " + std::to_string(id) + "."}});
    struct Taken {
        Removed<Creator> creators;
        Removed<Post> posts;
        Removed<Sample> samples;
        Removed<SparkCode> codes;
        std::vector<std::pair<Id, std::vector<Id>>> brief_assignments;
    };
    auto taken = std::make_shared<Taken>();
    run({"Remove @" + c->handle,
         [id, taken](Program& p) {
             auto mine = [id](const auto& x) { return x.creator_id == id; };
             taken->creators = remove_where(p.creators, [id](const Creator& x) { return x.id == id; });
             taken->posts = remove_where(p.posts, mine);
             taken->samples = remove_where(p.samples, mine);
             taken->codes = remove_where(p.spark_codes, mine);
             taken->brief_assignments.clear();
             for (Brief& b : p.briefs) {
                 if (std::find(b.creator_ids.begin(), b.creator_ids.end(), id) == b.creator_ids.end()) continue;
                 taken->brief_assignments.emplace_back(b.id, b.creator_ids);
                 b.creator_ids.erase(std::remove(b.creator_ids.begin(), b.creator_ids.end(), id), b.creator_ids.end());
             }
         },
         [taken](Program& p) {
             restore(p.creators, taken->creators);
             restore(p.posts, taken->posts);
             restore(p.samples, taken->samples);
             restore(p.spark_codes, taken->codes);
             for (const auto& [brief_id, ids] : taken->brief_assignments)
                 if (Brief* b = by_id(p.briefs, brief_id)) b->creator_ids = ids;
         }});
    return CommandResult::done(id);
}

void Store::replace_program(Program next, std::string label) {
    auto before = std::make_shared<Program>(program_);
    auto after = std::make_shared<Program>(std::move(next));
    run({std::move(label), [after](Program& p) { p = *after; }, [before](Program& p) { p = *before; }});
}

}  // namespace sr
