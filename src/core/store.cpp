#include "store.hpp"

#include <algorithm>
#include <iterator>
#include <memory>
#include <unordered_map>
#include <utility>

#include "enums.hpp"
#include "format.hpp"
#include "post_fee.hpp"
#include "rules.hpp"
#include "spark.hpp"
#include "status_moves.hpp"
#include "validate.hpp"

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
    keep_id_range();
    next_revision();
    if (tx_) tx_->steps.push_back(std::move(cmd));
    else push_undo(std::move(cmd));
}

void Store::push_undo(Command cmd) {
    redo_.clear();
    undo_.push_back(std::move(cmd));
    if (undo_.size() > kMaxUndo) undo_.erase(undo_.begin());
}

CommandResult Store::refuse(Errors e) {
    CommandResult r = CommandResult::refused(std::move(e));
    if (tx_ && !tx_->refusal) tx_->refusal = r;
    return r;
}

CommandResult Store::transaction(std::string label, const std::function<CommandResult(Store&)>& body) {
    if (read_only_) return refuse_read_only();
    if (tx_) {  // joins the open transaction, which takes everything back on a refusal
        CommandResult r = body(*this);
        if (!r.ok && !tx_->refusal) tx_->refusal = r;
        return r;
    }
    Transaction tx;
    const uint64_t revision_before = revision_;
    const Id next_id_before = program_.next_id;  // an undone add keeps its id used; a rollback does not
    std::vector<Command> redo_before = std::move(redo_);
    redo_.clear();
    auto roll_back = [&] {
        for (auto it = tx.steps.rbegin(); it != tx.steps.rend(); ++it) it->revert(program_);
        program_.next_id = next_id_before;
        revision_ = revision_before;
        redo_ = std::move(redo_before);
    };
    tx_ = &tx;
    CommandResult r;
    try {
        r = body(*this);
    } catch (...) {
        tx_ = nullptr;
        roll_back();
        throw;
    }
    tx_ = nullptr;
    if (r.ok && tx.refusal) r = *tx.refusal;
    if (!r.ok) {
        roll_back();
        return r;
    }
    if (tx.steps.empty()) {  // nothing changed: no undo step, and redo is still there
        redo_ = std::move(redo_before);
        return r;
    }
    auto steps = std::make_shared<std::vector<Command>>(std::move(tx.steps));
    push_undo({std::move(label),
               [steps](Program& p) {
                   for (Command& c : *steps) c.apply(p);
               },
               [steps](Program& p) {
                   for (auto it = steps->rbegin(); it != steps->rend(); ++it) it->revert(p);
               }});
    return r;
}

CommandResult Store::undo() {
    if (read_only_) return refuse_read_only();
    if (tx_) return refuse({{"undo", "Undo is not available inside a transaction."}});
    if (undo_.empty()) return refuse({{"undo", "Nothing to undo."}});
    Command cmd = std::move(undo_.back());
    undo_.pop_back();
    cmd.revert(program_);
    keep_id_range();
    next_revision();
    redo_.push_back(std::move(cmd));
    return CommandResult::done(0);
}

CommandResult Store::redo() {
    if (read_only_) return refuse_read_only();
    if (tx_) return refuse({{"redo", "Redo is not available inside a transaction."}});
    if (redo_.empty()) return refuse({{"redo", "Nothing to redo."}});
    Command cmd = std::move(redo_.back());
    redo_.pop_back();
    cmd.apply(program_);
    keep_id_range();
    next_revision();
    undo_.push_back(std::move(cmd));
    return CommandResult::done(0);
}

void Store::reset(Program p) {
    program_ = std::move(p);
    keep_id_range();
    undo_.clear();
    redo_.clear();
    next_revision();
}

void Store::apply_remote(Program p) {
    program_ = std::move(p);
    keep_id_range();
    next_revision();
}

void Store::use_id_range(Id floor, Id limit) {
    id_floor_ = floor;
    id_limit_ = limit;
    keep_id_range();
}

// A whole program put in place (a backup, a merge, a remote change) has no range of its own,
// and its next_id may be another browser's: the range is put back and next_id brought into it.
void Store::keep_id_range() {
    program_.id_floor = id_floor_;
    program_.id_limit = id_limit_;
    if (id_limit_ > id_floor_ && (program_.next_id < id_floor_ || program_.next_id >= id_limit_))
        program_.next_id = first_free_id(program_);
}

CommandResult Store::add_creator(Creator c) {
    if (read_only_) return refuse_read_only();
    c.handle = normalize_handle(c.handle);
    c.id = 0;
    Errors errs = validate_creator(c, program_);
    if (c.pinned_tier != 0) errs.push_back({"tier", kPinWithReason});
    if (!errs.empty()) return refuse(std::move(errs));
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
    if (read_only_) return refuse_read_only();
    c.handle = normalize_handle(c.handle);
    Creator* old = by_id(program_.creators, c.id);
    if (!old) return refuse({{"id", "No creator with id " + std::to_string(c.id) + "."}});
    Errors errs = validate_creator(c, program_);
    if (std::string why = move_refusal(old->status, c.status); !why.empty()) errs.push_back({"status", std::move(why)});
    if (c.pinned_tier != old->pinned_tier || c.tier_history.size() != old->tier_history.size())
        errs.push_back({"tier", kPinWithReason});
    if (!errs.empty()) return refuse(std::move(errs));
    const Creator before = *old;
    const Id id = c.id;
    // The creator's posts whose fee is not by hand follow a new flat fee, in the same step
    // (docs/rules.md, "The deal on posts"): the post ids with the fee each had.
    std::vector<std::pair<Id, double>> fees;
    for (const Post& x : program_.posts)
        if (x.creator_id == id && !x.fee_by_hand && x.creator_fee != c.flat_fee) fees.emplace_back(x.id, x.creator_fee);
    const double fee = c.flat_fee;
    run({"Edit @" + c.handle,
         [c, fees, fee](Program& p) {
             if (Creator* x = by_id(p.creators, c.id)) *x = c;
             for (const auto& f : fees)
                 if (Post* x = by_id(p.posts, f.first)) x->creator_fee = fee;
         },
         [before, fees](Program& p) {
             if (Creator* x = by_id(p.creators, before.id)) *x = before;
             for (const auto& f : fees)
                 if (Post* x = by_id(p.posts, f.first)) x->creator_fee = f.second;
         }});
    return CommandResult::done(id);
}

CommandResult Store::set_creators_status(const std::vector<Id>& ids, CreatorStatus status) {
    if (read_only_) return refuse_read_only();
    std::vector<std::pair<Id, CreatorStatus>> before;
    Errors refused;  // one line per creator that cannot make the move, naming what it can do
    for (Id id : ids) {
        const Creator* c = find_creator(id);
        if (!c) return refuse({{"id", "No creator with id " + std::to_string(id) + "."}});
        if (std::string why = move_refusal(c->status, status); !why.empty())
            refused.push_back({"status", "@" + c->handle + ": " + std::move(why)});
        else if (c->status != status) before.emplace_back(id, c->status);
    }
    if (!refused.empty()) return refuse(std::move(refused));
    if (before.empty()) return CommandResult::done(0);  // nothing to change: no undo step
    const std::string label = "Set " + std::to_string(before.size()) + " creators to " + std::string(name_of(status));
    run({label,
         [before, status](Program& p) {
             for (const auto& [id, old] : before)
                 if (Creator* x = by_id(p.creators, id)) x->status = status;
         },
         [before](Program& p) {
             for (const auto& [id, old] : before)
                 if (Creator* x = by_id(p.creators, id)) x->status = old;
         }});
    return CommandResult::done(0);
}

CreatorFootprint Store::creator_footprint(Id id) const {
    CreatorFootprint f;
    for (const Post& x : program_.posts) f.posts += x.creator_id == id;
    for (const Sample& x : program_.samples) f.samples += x.creator_id == id;
    for (const SparkCode& x : program_.spark_codes) f.spark_codes += x.creator_id == id;
    return f;
}

CommandResult Store::remove_creator(Id id) {
    if (read_only_) return refuse_read_only();
    const Creator* c = find_creator(id);
    if (!c) return refuse({{"id", "No creator with id " + std::to_string(id) + "."}});
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

CommandResult Store::mark_review_action(ReviewMark m) {
    if (read_only_) return refuse_read_only();
    m.action = trim(m.action);
    if (m.action.empty()) return refuse({{"action", "No action to mark."}});
    if (m.state == MarkState::snoozed) {
        if (!m.until) return refuse({{"until", "Say until when to snooze it."}});
        if (*m.until <= m.on)
            return refuse({{"until", "A snooze ends after the day it starts (" + m.on.to_string() + ")."}});
    } else {
        m.until.reset();
    }
    m.by = trim(program_.settings.user_name);
    std::optional<ReviewMark> before;
    for (const ReviewMark& x : program_.review_marks)
        if (x.action == m.action) before = x;
    const std::string what = m.title.empty() ? m.action : m.title;
    const std::string label = m.state == MarkState::done ? "Done: " + what : "Snooze until " + m.until->to_string() + ": " + what;
    auto put = [](Program& p, const std::string& action, const std::optional<ReviewMark>& mark) {
        auto& v = p.review_marks;
        auto it = std::find_if(v.begin(), v.end(), [&](const ReviewMark& x) { return x.action == action; });
        if (mark) {
            if (it != v.end()) *it = *mark;
            else v.push_back(*mark);
        } else if (it != v.end()) {
            v.erase(it);
        }
    };
    run({label, [m, put](Program& p) { put(p, m.action, m); },
         [action = m.action, before, put](Program& p) { put(p, action, before); }});
    return CommandResult::done(0);
}

CommandResult Store::clear_review_mark(const std::string& action) {
    if (read_only_) return refuse_read_only();
    const ReviewMark* found = nullptr;
    for (const ReviewMark& x : program_.review_marks)
        if (x.action == action) found = &x;
    if (!found) return refuse({{"action", "The action has no mark."}});
    const ReviewMark before = *found;
    run({"Back on the list: " + (before.title.empty() ? before.action : before.title),
         [action](Program& p) {
             auto& v = p.review_marks;
             v.erase(std::remove_if(v.begin(), v.end(), [&](const ReviewMark& x) { return x.action == action; }), v.end());
         },
         [before](Program& p) { p.review_marks.push_back(before); }});
    return CommandResult::done(0);
}

CommandResult Store::replace_program(Program next, std::string label) {
    if (read_only_) return refuse_read_only();
    settle_post_fees(next);  // a merged program's posts follow the fees of the creators it kept
    auto before = std::make_shared<Program>(program_);
    auto after = std::make_shared<Program>(std::move(next));
    run({std::move(label), [after](Program& p) { p = *after; }, [before](Program& p) { p = *before; }});
    return CommandResult::done(0);
}

CommandResult Store::import_orders(OrdersChanges&& c, std::string label) {
    if (read_only_) return refuse_read_only();
    if (c.base_revision != revision_)
        return refuse({{"orders", "The program changed while the file was being read; import it again."}});
    std::unordered_map<Id, size_t> index;
    index.reserve(program_.posts.size());
    for (size_t i = 0; i < program_.posts.size(); ++i) index.emplace(program_.posts[i].id, i);
    auto before = std::make_shared<std::vector<Post>>();
    before->reserve(c.updated_posts.size());
    for (const Post& x : c.updated_posts) {
        auto it = index.find(x.id);
        if (it == index.end()) return refuse({{"orders", "No post with id " + std::to_string(x.id) + "."}});
        before->push_back(program_.posts[it->second]);
    }
    for (const Post& x : c.new_posts)
        if (x.id < program_.next_id && index.count(x.id))
            return refuse({{"orders", "Id " + std::to_string(x.id) + " is already used."}});
    for (uint32_t at : c.updated_at)
        if (at >= program_.order_lines.size()) return refuse({{"orders", "No order line " + std::to_string(at) + "."}});
    // The lines' figures before the import, to put back on undo.
    auto old_lines = std::make_shared<OrderLines>();
    for (uint32_t at : c.updated_at) old_lines->push_back(program_.order_lines.get(at));
    auto after = std::make_shared<OrdersChanges>(std::move(c));
    const Id next_before = program_.next_id;
    const size_t lines_before = program_.order_lines.size(), places_before = program_.order_lines.places(),
                 products_before = program_.order_lines.products();
    run({std::move(label),
         // The new lines (a million for a large file) move into the program, and back out on
         // undo, rather than being kept twice.
         [after](Program& p) {
             OrderLines lines = std::move(after->new_lines);
             after->new_lines = OrderLines();
             apply_orders(p, *after);
             p.order_lines.append(std::move(lines));
         },
         [before, after, old_lines, next_before, lines_before, places_before, products_before](Program& p) {
             std::unordered_map<Id, const Post*> old;
             for (const Post& x : *before) old.emplace(x.id, &x);
             std::unordered_map<Id, bool> added;
             for (const Post& x : after->new_posts) added.emplace(x.id, true);
             std::vector<Post> kept;
             kept.reserve(p.posts.size());
             for (Post& x : p.posts) {
                 if (added.count(x.id)) continue;
                 auto it = old.find(x.id);
                 kept.push_back(it != old.end() ? *it->second : std::move(x));
             }
             p.posts = std::move(kept);
             after->new_lines = p.order_lines.tail(lines_before);
             p.order_lines.truncate(lines_before, places_before, products_before);
             for (size_t k = 0; k < after->updated_at.size(); ++k)
                 p.order_lines.set_figures(after->updated_at[k], old_lines->get(k));
             p.next_id = next_before;
         }});
    return CommandResult::done(0);
}

CommandResult Store::import_export(const ExportChanges& c, std::string label) {
    if (read_only_) return refuse_read_only();
    if (c.base_revision != revision_)
        return refuse({{"import", "The program changed while the file was being read; import it again."}});
    if (c.empty()) return refuse({{"import", "Nothing to import."}});
    std::unordered_map<Id, bool> used;
    auto before = std::make_shared<ExportChanges>();  // the records as they were
    {
        std::unordered_map<Id, const Creator*> creators;
        for (const Creator& x : program_.creators) creators.emplace(x.id, &x), used.emplace(x.id, true);
        std::unordered_map<Id, const Post*> posts;
        for (const Post& x : program_.posts) posts.emplace(x.id, &x), used.emplace(x.id, true);
        for (const Creator& x : c.updated_creators) {
            auto it = creators.find(x.id);
            if (it == creators.end()) return refuse({{"import", "No creator with id " + std::to_string(x.id) + "."}});
            before->updated_creators.push_back(*it->second);
        }
        for (const Post& x : c.updated_posts) {
            auto it = posts.find(x.id);
            if (it == posts.end()) return refuse({{"import", "No post with id " + std::to_string(x.id) + "."}});
            before->updated_posts.push_back(*it->second);
        }
        std::unordered_map<Id, const SparkCode*> codes;
        for (const SparkCode& x : program_.spark_codes) codes.emplace(x.id, &x);
        for (const SparkCode& x : c.updated_spark_codes) {
            auto it = codes.find(x.id);
            if (it == codes.end()) return refuse({{"import", "No Spark Code with id " + std::to_string(x.id) + "."}});
            before->updated_spark_codes.push_back(*it->second);
        }
    }
    // Whatever an importer made must be a record the backup takes back (docs/rules.md, section 7):
    // the record's own rules, checked against no roster. The importer found each handle missing
    // from this very revision, so scanning the roster again for every new creator would only
    // repeat that, at roster x file cost.
    static const Program no_roster;
    for (const Creator& x : c.new_creators) {
        if (used.count(x.id)) return refuse({{"import", "Id " + std::to_string(x.id) + " is already used."}});
        if (Errors e = validate_creator(x, no_roster); !e.empty())
            return refuse({{"import", "@" + x.handle + ": " + e.front().message}});
    }
    for (const SparkCode& x : c.updated_spark_codes)
        for (const PaidRound& r : x.rounds)
            if (Errors e = validate_paid_round(r); !e.empty())
                return refuse({{"import", "Spark Code " + x.code + ", round of " + r.date.to_string() + ": " + e.front().message}});
    for (const Post& x : c.new_posts)
        if (used.count(x.id)) return refuse({{"import", "Id " + std::to_string(x.id) + " is already used."}});
    auto after = std::make_shared<ExportChanges>(c);
    const Id next_before = program_.next_id;
    run({std::move(label), [after](Program& p) { apply_export_changes(p, *after); },
         [before, after, next_before](Program& p) {
             std::unordered_map<Id, bool> added;
             for (const Creator& x : after->new_creators) added.emplace(x.id, true);
             for (const Post& x : after->new_posts) added.emplace(x.id, true);
             p.creators.erase(std::remove_if(p.creators.begin(), p.creators.end(), [&](const Creator& x) { return added.count(x.id) > 0; }),
                              p.creators.end());
             p.posts.erase(std::remove_if(p.posts.begin(), p.posts.end(), [&](const Post& x) { return added.count(x.id) > 0; }),
                           p.posts.end());
             apply_export_changes(p, *before);
             p.next_id = next_before;
         }});
    return CommandResult::done(0);
}

CommandResult Store::apply_merge(const MergePreview& m, std::string label) {
    if (read_only_) return refuse_read_only();
    if (!m.ok()) {
        Errors e;
        for (const Problem& p : m.problems) e.push_back({p.path, p.message});
        if (e.empty()) e.push_back({"merge", "Nothing to merge."});
        return refuse(std::move(e));
    }
    if (m.base_revision != revision_)
        return refuse({{"merge", "The program changed since the merge was previewed; preview it again."}});
    replace_program(*m.merged, std::move(label));
    return CommandResult::done(0);
}

// ------------------------------------------------------------------ generic record commands
namespace {

template <class T> const T* cfind(const std::vector<T>& v, Id id) {
    for (const T& x : v)
        if (x.id == id) return &x;
    return nullptr;
}

Errors no_record(const char* what, Id id) { return {{"id", std::string("No ") + what + " with id " + std::to_string(id) + "."}}; }

}  // namespace

template <class T>
CommandResult Store::add_record(std::vector<T> Program::*list, T x, Errors errs, std::string label) {
    if (!errs.empty()) return refuse(std::move(errs));
    x.id = program_.next_id;
    const Id id = x.id;
    run({std::move(label),
         [list, x](Program& p) {
             (p.*list).push_back(x);
             p.next_id = std::max(p.next_id, x.id + 1);
         },
         [list, id](Program& p) { erase_id(p.*list, id); }});
    return CommandResult::done(id);
}

template <class T>
CommandResult Store::put_record(std::vector<T> Program::*list, T x, std::string label, Errors warnings) {
    T* old = by_id(program_.*list, x.id);
    if (!old) return refuse({{"id", "No record with id " + std::to_string(x.id) + "."}});
    const T before = *old;
    const Id id = x.id;
    run({std::move(label),
         [list, x](Program& p) {
             if (T* r = by_id(p.*list, x.id)) *r = x;
         },
         [list, before](Program& p) {
             if (T* r = by_id(p.*list, before.id)) *r = before;
         }});
    CommandResult res = CommandResult::done(id);
    res.warnings = std::move(warnings);
    return res;
}

template <class T> CommandResult Store::remove_record(std::vector<T> Program::*list, Id id, std::string label) {
    auto taken = std::make_shared<Removed<T>>();
    run({std::move(label),
         [list, id, taken](Program& p) { *taken = remove_where(p.*list, [id](const T& x) { return x.id == id; }); },
         [list, taken](Program& p) { restore(p.*list, *taken); }});
    return CommandResult::done(id);
}

const Product* Store::find_product(Id id) const { return cfind(program_.products, id); }
const Sample* Store::find_sample(Id id) const { return cfind(program_.samples, id); }
const Brief* Store::find_brief(Id id) const { return cfind(program_.briefs, id); }
const Post* Store::find_post(Id id) const { return cfind(program_.posts, id); }
const SparkCode* Store::find_spark_code(Id id) const { return cfind(program_.spark_codes, id); }

CommandResult Store::update_settings(Settings s) {
    if (read_only_) return refuse_read_only();
    Errors errs = validate_settings(s);
    if (!errs.empty()) return refuse(std::move(errs));
    const Settings before = program_.settings;
    run({"Edit settings", [s](Program& p) { p.settings = s; }, [before](Program& p) { p.settings = before; }});
    return CommandResult::done(0);
}

CommandResult Store::set_ad_code(std::string ad_name, Id spark_code_id) {
    if (read_only_) return refuse_read_only();
    ad_name = trim(ad_name);
    if (spark_code_id && !find_spark_code(spark_code_id)) return refuse(no_record("Spark Code", spark_code_id));
    Settings s = program_.settings;
    auto it = std::find_if(s.ad_codes.begin(), s.ad_codes.end(), [&](const AdCode& a) { return a.ad_name == ad_name; });
    if (spark_code_id == 0) {
        if (it == s.ad_codes.end()) return CommandResult::done(0);
        s.ad_codes.erase(it);
    } else if (it != s.ad_codes.end()) {
        if (it->spark_code_id == spark_code_id) return CommandResult::done(spark_code_id);
        it->spark_code_id = spark_code_id;
    } else {
        s.ad_codes.push_back({ad_name, spark_code_id});
    }
    Errors errs = validate_settings(s);
    if (!errs.empty()) return refuse(std::move(errs));
    const Settings before = program_.settings;
    run({spark_code_id ? "Place the ad " + ad_name + " on a Spark Code" : "Forget the Spark Code of the ad " + ad_name,
         [s](Program& p) { p.settings = s; }, [before](Program& p) { p.settings = before; }});
    return CommandResult::done(spark_code_id);
}

// ---- products
CommandResult Store::add_product(Product x) {
    if (read_only_) return refuse_read_only();
    x.id = 0;
    x.sku = trim(x.sku);
    Errors e = validate_product(x, program_);
    return add_record(&Program::products, x, std::move(e), "Add product " + x.sku);
}
CommandResult Store::update_product(Product x) {
    if (read_only_) return refuse_read_only();
    if (!find_product(x.id)) return refuse(no_record("product", x.id));
    x.sku = trim(x.sku);
    Errors e = validate_product(x, program_);
    if (!e.empty()) return refuse(std::move(e));
    return put_record(&Program::products, x, "Edit product " + x.sku);
}
CommandResult Store::remove_product(Id id) {
    if (read_only_) return refuse_read_only();
    const Product* x = find_product(id);
    if (!x) return refuse(no_record("product", id));
    size_t posts = 0, samples = 0, briefs = 0, codes = 0;
    for (const Post& r : program_.posts) posts += r.product_id == id;
    for (const Sample& r : program_.samples) samples += r.product_id == id;
    for (const Brief& r : program_.briefs) briefs += r.product_id == id;
    for (const SparkCode& r : program_.spark_codes) codes += r.product_id == id;
    if (posts + samples + briefs + codes)
        return refuse({{"id", x->name + " is still used by " + count_of(posts, "post", "posts") + ", " +
                                                  count_of(samples, "sample", "samples") + ", " +
                                                  count_of(briefs, "brief", "briefs") + " and " +
                                                  count_of(codes, "Spark Code", "Spark Codes") + "."}});
    return remove_record(&Program::products, id, "Remove product " + x->sku);
}

// ---- samples
CommandResult Store::add_sample(Sample x) {
    if (read_only_) return refuse_read_only();
    x.id = 0;
    Errors e = validate_sample(x, program_);
    return add_record(&Program::samples, x, std::move(e), "Add sample");
}
CommandResult Store::update_sample(Sample x) {
    if (read_only_) return refuse_read_only();
    const Sample* old = find_sample(x.id);
    if (!old) return refuse(no_record("sample", x.id));
    Errors e = validate_sample(x, program_);
    if (std::string why = move_refusal(old->status, x.status); !why.empty()) e.push_back({"status", std::move(why)});
    if (!e.empty()) return refuse(std::move(e));
    return put_record(&Program::samples, x, "Edit sample");
}
CommandResult Store::remove_sample(Id id) {
    if (read_only_) return refuse_read_only();
    if (!find_sample(id)) return refuse(no_record("sample", id));
    size_t posts = 0;
    for (const Post& r : program_.posts) posts += r.sample_id == id;
    if (posts) return refuse({{"id", "The sample led to " + count_of(posts, "post", "posts") + "; remove or relink those first."}});
    return remove_record(&Program::samples, id, "Remove sample");
}

// ---- briefs
CommandResult Store::add_brief(Brief x) {
    if (read_only_) return refuse_read_only();
    x.id = 0;
    Errors e = validate_brief(x, program_);
    return add_record(&Program::briefs, x, std::move(e), "Add brief " + x.title);
}
CommandResult Store::update_brief(Brief x) {
    if (read_only_) return refuse_read_only();
    if (!find_brief(x.id)) return refuse(no_record("brief", x.id));
    Errors e = validate_brief(x, program_);
    if (!e.empty()) return refuse(std::move(e));
    return put_record(&Program::briefs, x, "Edit brief " + x.title);
}
CommandResult Store::remove_brief(Id id) {
    if (read_only_) return refuse_read_only();
    const Brief* b = find_brief(id);
    if (!b) return refuse(no_record("brief", id));
    size_t posts = 0;
    for (const Post& r : program_.posts) posts += r.brief_id == id;
    if (posts) return refuse({{"id", "The brief is named by " + count_of(posts, "post", "posts") + "; relink those first."}});
    return remove_record(&Program::briefs, id, "Remove brief " + b->title);
}

// ---- posts
CommandResult Store::add_post(Post x) {
    if (read_only_) return refuse_read_only();
    x.id = 0;
    x.tiktok_ref = trim(x.tiktok_ref);
    x.creator_fee = deal_fee(x, program_);
    Errors e = validate_post(x, program_);
    return add_record(&Program::posts, x, std::move(e), "Add post");
}
CommandResult Store::update_post(Post x) {
    if (read_only_) return refuse_read_only();
    if (!find_post(x.id)) return refuse(no_record("post", x.id));
    x.tiktok_ref = trim(x.tiktok_ref);
    x.creator_fee = deal_fee(x, program_);  // moved to another creator: that creator's fee
    Errors e = validate_post(x, program_);
    if (!e.empty()) return refuse(std::move(e));
    return put_record(&Program::posts, x, "Edit post");
}
CommandResult Store::remove_post(Id id) {
    if (read_only_) return refuse_read_only();
    if (!find_post(id)) return refuse(no_record("post", id));
    size_t codes = 0;
    for (const SparkCode& r : program_.spark_codes) codes += r.post_id == id;
    if (codes) return refuse({{"id", "The post has " + count_of(codes, "Spark Code", "Spark Codes") + "; remove those first."}});
    size_t incidents = 0;
    for (const Creator& c : program_.creators)
        for (const ComplianceIncident& x : c.compliance) incidents += x.post_id == id;
    if (incidents)
        return refuse({{"id", "The post is named by " + count_of(incidents, "compliance incident", "compliance incidents") +
                                  "; unlink or remove those first."}});
    return remove_record(&Program::posts, id, "Remove post");
}

// ---- creator sub-records
CommandResult Store::add_incident(Id creator_id, ComplianceIncident x) {
    if (read_only_) return refuse_read_only();
    const Creator* c = find_creator(creator_id);
    if (!c) return refuse(no_record("creator", creator_id));
    Errors e = validate_incident(x);
    if (x.post_id) {
        const Post* post = find_post(x.post_id);
        if (!post) e.push_back({"post_id", "No post with id " + std::to_string(x.post_id) + "."});
        else if (post->creator_id != creator_id) e.push_back({"post_id", "That post belongs to another creator."});
    }
    if (!e.empty()) return refuse(std::move(e));
    Creator next = *c;
    x.id = program_.next_id;
    next.compliance.push_back(x);
    const Id id = x.id;
    const Creator before = *c;
    run({"Add compliance incident for @" + c->handle,
         [next](Program& p) {
             if (Creator* r = by_id(p.creators, next.id)) *r = next;
             p.next_id = std::max<Id>(p.next_id, next.compliance.back().id + 1);
         },
         [before](Program& p) {
             if (Creator* r = by_id(p.creators, before.id)) *r = before;
         }});
    return CommandResult::done(id);
}
CommandResult Store::update_incident(Id creator_id, ComplianceIncident x) {
    if (read_only_) return refuse_read_only();
    const Creator* c = find_creator(creator_id);
    if (!c) return refuse(no_record("creator", creator_id));
    Errors e = validate_incident(x);
    if (x.post_id) {
        const Post* post = find_post(x.post_id);
        if (!post) e.push_back({"post_id", "No post with id " + std::to_string(x.post_id) + "."});
        else if (post->creator_id != creator_id) e.push_back({"post_id", "That post belongs to another creator."});
    }
    if (!e.empty()) return refuse(std::move(e));
    Creator next = *c;
    ComplianceIncident* i = by_id(next.compliance, x.id);
    if (!i) return refuse(no_record("compliance incident", x.id));
    *i = x;
    CommandResult r = put_record(&Program::creators, next, "Edit compliance incident of @" + c->handle);
    r.id = x.id;
    return r;
}
CommandResult Store::remove_incident(Id creator_id, Id incident_id) {
    if (read_only_) return refuse_read_only();
    const Creator* c = find_creator(creator_id);
    if (!c) return refuse(no_record("creator", creator_id));
    Creator next = *c;
    if (!by_id(next.compliance, incident_id)) return refuse(no_record("compliance incident", incident_id));
    erase_id(next.compliance, incident_id);
    CommandResult r = put_record(&Program::creators, next, "Remove compliance incident of @" + c->handle);
    r.id = incident_id;
    return r;
}

CommandResult Store::change_tier(Id creator_id, int to, Date date, std::string reason) {
    if (read_only_) return refuse_read_only();
    const Creator* c = find_creator(creator_id);
    if (!c) return refuse(no_record("creator", creator_id));
    if (to < 0 || to > 3) return refuse({{"tier", "Tier must be 1, 2, 3, or follow followers."}});
    if (trim(reason).empty()) return refuse({{"reason", "Say why the tier changes: it lands in the tier history."}});
    const int from = effective_tier(*c, program_.settings);
    if (to == 0 && !c->pinned_tier) return refuse({{"tier", "@" + c->handle + " already follows followers."}});
    if (to != 0 && from == to && c->pinned_tier == to)
        return refuse({{"tier", "@" + c->handle + " is already tier " + std::to_string(to) + "."}});
    Creator next = *c;
    next.pinned_tier = to;
    const int now = effective_tier(next, program_.settings);  // to = 0: the tier from followers
    next.tier_history.push_back({date, from, now, trim(reason)});
    return put_record(&Program::creators, next, "Tier of @" + c->handle + " " + std::to_string(from) + " -> " + std::to_string(to));
}

CommandResult Store::confirm_promotion(Id creator_id, Date today) {
    if (read_only_) return refuse_read_only();
    const Creator* c = find_creator(creator_id);
    if (!c) return refuse(no_record("creator", creator_id));
    const PromotionCheck pc = promotion_check(program_, creator_id, today);
    if (!pc.suggested() || c->status != CreatorStatus::active)
        return refuse({{"tier", "No promotion is suggested for @" + c->handle + ": " + pc.reason + "."}});
    return change_tier(creator_id, pc.to, today, "Promotion: " + pc.reason);
}

CommandResult Store::set_creator_code(Id creator_id, std::optional<CreatorCode> code) {
    if (read_only_) return refuse_read_only();
    const Creator* c = find_creator(creator_id);
    if (!c) return refuse(no_record("creator", creator_id));
    Creator next = *c;
    next.creator_code = code;
    if (code) {
        next.creator_code->code = trim(code->code);
        const Eligibility e = creator_code_eligibility(next, program_.settings);
        if (!e.ok) {
            Errors errs;
            for (const std::string& r : e.reasons) errs.push_back({"creator_code", "Not eligible for a Creator Code: " + r + "."});
            return refuse(std::move(errs));
        }
        if (next.creator_code->scans < 0 || next.creator_code->uses < 0 || next.creator_code->estimated_earnings < 0)
            return refuse({{"creator_code", "Scans, uses and earnings cannot be negative."}});
        if (next.creator_code->uses > next.creator_code->scans && next.creator_code->scans > 0)
            return refuse({{"creator_code.uses", "Uses cannot exceed scans."}});
    }
    return put_record(&Program::creators, next, "Creator Code of @" + c->handle);
}

// ---- Spark Codes
namespace {

// An opaque string: never rejected for its look, only warned about.
Errors unusual_code(const std::string& code) {
    Errors w;
    bool space = false;
    for (char ch : code) space = space || ch == ' ' || ch == '\t' || ch == '\n';
    if (space) w.push_back({"code", "The code contains spaces: check that it was pasted whole."});
    if (code.size() < 16) w.push_back({"code", "The code is unusually short (" + std::to_string(code.size()) + " characters)."});
    if (code.size() > 200) w.push_back({"code", "The code is unusually long (" + std::to_string(code.size()) + " characters)."});
    if (!code.empty() && code[0] != '#') w.push_back({"code", "Spark Codes usually start with '#'."});
    return w;
}

void event(SparkCode& c, Date d, std::string what) { c.history.push_back({d, std::move(what)}); }

}  // namespace

CommandResult Store::add_spark_code(SparkCode x) {
    if (read_only_) return refuse_read_only();
    x.id = 0;
    x.code = trim(x.code);
    Errors e = validate_spark_code(x, program_);
    return add_record(&Program::spark_codes, x, std::move(e), "Add Spark Code");
}
CommandResult Store::update_spark_code(SparkCode x) {
    if (read_only_) return refuse_read_only();
    if (!find_spark_code(x.id)) return refuse(no_record("Spark Code", x.id));
    x.code = trim(x.code);
    Errors e = validate_spark_code(x, program_);
    if (!e.empty()) return refuse(std::move(e));
    return put_record(&Program::spark_codes, x, "Edit Spark Code", x.code.empty() ? Errors{} : unusual_code(x.code));
}
CommandResult Store::remove_spark_code(Id id) {
    if (read_only_) return refuse_read_only();
    if (!find_spark_code(id)) return refuse(no_record("Spark Code", id));
    for (const SparkCode& r : program_.spark_codes)
        if (r.replaces_id == id)
            return refuse({{"id", "Spark Code " + std::to_string(r.id) + " replaced this one; remove that first."}});
    return remove_record(&Program::spark_codes, id, "Remove Spark Code");
}

CommandResult Store::request_spark_code(Id creator_id, Id post_id, Date date, int days, std::string renewal_owner) {
    if (read_only_) return refuse_read_only();
    SparkCode x;
    x.creator_id = creator_id;
    x.post_id = post_id;
    if (const Post* post = find_post(post_id)) x.product_id = post->product_id;
    x.requested = date;
    x.duration_days = days;
    x.renewal_owner = trim(renewal_owner);
    x.status = SparkStatus::requested;
    event(x, date, "requested (" + std::to_string(days) + " days)");
    Errors e = validate_spark_code(x, program_);
    return add_record(&Program::spark_codes, x, std::move(e), "Request Spark Code");
}

CommandResult Store::receive_spark_code(SparkHandoff h, Date today) {
    if (read_only_) return refuse_read_only();
    const std::string code = trim(h.code);
    const SparkCode* existing = h.code_id ? find_spark_code(h.code_id) : nullptr;
    if (h.code_id && !existing) return refuse(no_record("Spark Code", h.code_id));
    if (!existing)
        for (const SparkCode& r : program_.spark_codes)
            if (r.status == SparkStatus::requested && r.creator_id == h.creator_id && r.post_id == h.post_id) {
                existing = &r;
                break;
            }
    if (code.empty()) return refuse({{"code", "The reply has no code in it."}});
    if (h.generated > today) return refuse({{"generated", "The code cannot be generated after today."}});
    SparkCode x = existing ? *existing : SparkCode{};
    if (existing && existing->status != SparkStatus::requested && existing->status != SparkStatus::received)
        return refuse({{"status", "This Spark Code is already " + std::string(name_of(existing->status)) +
                                                      ": extend or replace it instead."}});
    if (!existing) {
        x.creator_id = h.creator_id;
        x.post_id = h.post_id;
        if (const Post* post = find_post(h.post_id)) x.product_id = post->product_id;
        x.requested = h.generated;
    }
    x.code = code;
    x.received = today;
    x.auth_start = h.generated;
    x.duration_days = h.duration_days;
    x.status = SparkStatus::received;
    x.verified_in_ads_manager = false;
    event(x, today, "received: generated " + h.generated.to_string() + " for " + std::to_string(h.duration_days) +
                        " days, expires " + spark_expiry(x)->to_string());
    Errors e = validate_spark_code(x, program_);
    if (!e.empty()) return refuse(std::move(e));
    CommandResult r = existing ? put_record(&Program::spark_codes, x, "Receive Spark Code")
                               : add_record(&Program::spark_codes, x, {}, "Receive Spark Code");
    r.warnings = unusual_code(code);
    return r;
}

CommandResult Store::spark_status(Id id, SparkStatus to, Date date, std::string what) {
    if (read_only_) return refuse_read_only();
    const SparkCode* c = find_spark_code(id);
    if (!c) return refuse(no_record("Spark Code", id));
    if (!spark_transition_allowed(c->status, to))
        return refuse({{"status", "A " + std::string(name_of(c->status)) + " Spark Code cannot become " +
                                                      std::string(name_of(to)) + "."}});
    SparkCode x = *c;
    x.status = to;
    if (to == SparkStatus::verified) x.verified_in_ads_manager = true;
    event(x, date, std::move(what));
    return put_record(&Program::spark_codes, x, std::string("Spark Code ") + std::string(name_of(to)));
}

CommandResult Store::verify_spark_code(Id id, Date date) { return spark_status(id, SparkStatus::verified, date, "verified in Ads Manager"); }

CommandResult Store::go_live(Id id, Date date) {
    if (read_only_) return refuse_read_only();
    const SparkCode* c = find_spark_code(id);
    if (!c) return refuse(no_record("Spark Code", id));
    if (c->status != SparkStatus::verified)
        return refuse({{"status", "Only a verified code goes live (this one is " + std::string(name_of(c->status)) + ")."}});
    Errors errs;
    for (const GoLiveCheck& k : go_live_checks(*c, program_))
        if (!k.ok) errs.push_back({"go_live." + std::to_string(k.number), "Check " + std::to_string(k.number) + " (" + k.name + ") fails: " + k.reason + "."});
    if (auto left = spark_days_left(*c, date); left && *left < 0)
        errs.push_back({"auth_start", "The code expired " + spark_expiry(*c)->to_string() + "."});
    if (!errs.empty()) return refuse(std::move(errs));
    return spark_status(id, SparkStatus::live, date, "live");
}

CommandResult Store::expire_spark_code(Id id, Date date) { return spark_status(id, SparkStatus::expired, date, "expired"); }

CommandResult Store::expire_due_codes(Date today) {
    if (read_only_) return refuse_read_only();
    std::vector<SparkCode> changed;
    for (const SparkCode& c : program_.spark_codes) {
        if (c.status != SparkStatus::received && c.status != SparkStatus::verified && c.status != SparkStatus::live) continue;
        auto left = spark_days_left(c, today);
        if (!left || *left >= 0) continue;
        SparkCode x = c;
        x.status = SparkStatus::expired;
        event(x, today, "expired " + spark_expiry(c)->to_string());
        changed.push_back(x);
    }
    if (changed.empty()) return CommandResult::done(0);
    auto before = std::make_shared<std::vector<SparkCode>>();
    for (const SparkCode& x : changed) before->push_back(*find_spark_code(x.id));
    run({"Expire " + std::to_string(changed.size()) + " Spark Codes",
         [changed](Program& p) {
             for (const SparkCode& x : changed)
                 if (SparkCode* r = by_id(p.spark_codes, x.id)) *r = x;
         },
         [before](Program& p) {
             for (const SparkCode& x : *before)
                 if (SparkCode* r = by_id(p.spark_codes, x.id)) *r = x;
         }});
    return CommandResult::done(0);
}

CommandResult Store::extend_spark_code(Id id, Date auth_start, int duration_days, Date date) {
    if (read_only_) return refuse_read_only();
    const SparkCode* c = find_spark_code(id);
    if (!c) return refuse(no_record("Spark Code", id));
    if (c->status == SparkStatus::requested || c->status == SparkStatus::revoked || c->status == SparkStatus::killed)
        return refuse({{"status", "A " + std::string(name_of(c->status)) + " Spark Code cannot be extended."}});
    SparkCode x = *c;
    const auto old_expiry = spark_expiry(x);
    x.auth_start = auth_start;
    x.duration_days = duration_days;
    if (old_expiry && *spark_expiry(x) <= *old_expiry)
        return refuse({{"duration_days", "The new expiry (" + spark_expiry(x)->to_string() +
                                                             ") is not later than the old one (" + old_expiry->to_string() + ")."}});
    Errors e = validate_spark_code(x, program_);
    if (!e.empty()) return refuse(std::move(e));
    if (x.status == SparkStatus::expired) x.status = can_go_live(x, program_) ? SparkStatus::live : SparkStatus::verified;
    event(x, date, "extended: same code, expires " + spark_expiry(x)->to_string() +
                       (old_expiry ? " (was " + old_expiry->to_string() + ")" : ""));
    return put_record(&Program::spark_codes, x, "Extend Spark Code");
}

CommandResult Store::replace_spark_code(Id old_id, std::string code, Date generated, int duration_days, Date date) {
    if (read_only_) return refuse_read_only();
    const SparkCode* c = find_spark_code(old_id);
    if (!c) return refuse(no_record("Spark Code", old_id));
    if (c->status == SparkStatus::requested)
        return refuse({{"status", "A requested code has nothing to replace: receive it instead."}});
    SparkCode next = *c;
    next.id = program_.next_id;
    next.code = trim(code);
    next.replaces_id = old_id;
    next.received = date;
    next.requested = date;
    next.auth_start = generated;
    next.duration_days = duration_days;
    next.status = SparkStatus::received;
    next.verified_in_ads_manager = false;
    next.rounds.clear();
    next.history.clear();
    event(next, date, "received: replaces Spark Code " + std::to_string(old_id) + ", expires " + spark_expiry(next)->to_string());
    if (next.code.empty()) return refuse({{"code", "The new code is required."}});
    Errors e = validate_spark_code(next, program_);
    if (!e.empty()) return refuse(std::move(e));
    SparkCode old = *c;
    const SparkCode old_before = *c;
    if (old.status == SparkStatus::received || old.status == SparkStatus::verified || old.status == SparkStatus::live)
        old.status = SparkStatus::expired;
    event(old, date, "replaced by Spark Code " + std::to_string(next.id));
    run({"Replace Spark Code",
         [old, next](Program& p) {
             if (SparkCode* r = by_id(p.spark_codes, old.id)) *r = old;
             p.spark_codes.push_back(next);
             p.next_id = std::max(p.next_id, next.id + 1);
         },
         [old_before, id = next.id](Program& p) {
             erase_id(p.spark_codes, id);
             if (SparkCode* r = by_id(p.spark_codes, old_before.id)) *r = old_before;
         }});
    CommandResult r = CommandResult::done(next.id);
    r.warnings = unusual_code(next.code);
    return r;
}

CommandResult Store::add_paid_round(Id id, PaidRound round) {
    if (read_only_) return refuse_read_only();
    const SparkCode* c = find_spark_code(id);
    if (!c) return refuse(no_record("Spark Code", id));
    if (c->status != SparkStatus::live && c->status != SparkStatus::expired && c->status != SparkStatus::killed)
        return refuse({{"status", "Paid rounds belong to a code that has gone live (this one is " +
                                                      std::string(name_of(c->status)) + ")."}});
    Errors e = validate_paid_round(round);
    if (!e.empty()) return refuse(std::move(e));
    SparkCode x = *c;
    x.rounds.push_back(round);
    event(x, round.date, "paid round " + std::to_string(x.rounds.size()) + ": spend " + fmt_money(round.spend, program_.settings.currency) +
                             ", " + fmt_int(round.clicks) + " clicks, " + fmt_int(round.orders) + " orders");
    return put_record(&Program::spark_codes, x, "Add paid round");
}

CommandResult Store::kill_spark_code(Id id, Date date, std::string reason) {
    return spark_status(id, SparkStatus::killed, date, "killed" + (trim(reason).empty() ? "" : ": " + trim(reason)));
}
CommandResult Store::revoke_spark_code(Id id, Date date, std::string reason) {
    return spark_status(id, SparkStatus::revoked, date, "revoked" + (trim(reason).empty() ? "" : ": " + trim(reason)));
}

}  // namespace sr
