#include "merge.hpp"

#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "creators.hpp"
#include "format.hpp"

namespace sr {

namespace {

using nlohmann::json;

enum Kind { kCreator, kProduct, kSample, kBrief, kPost, kSpark, kKinds };
constexpr const char* kKindName[kKinds] = {"creator", "product", "sample", "brief", "post", "Spark Code"};
constexpr const char* kKindKey[kKinds] = {"creators", "products", "samples", "briefs", "posts", "spark_codes"};

struct Entry {
    Kind kind;
    size_t index;  // in the incoming program's list of that kind
    Id id;
    std::vector<Id> refs;
    MergeAction action = MergeAction::added;
    bool unchanged = false;
    std::string label;
    std::string reason;
};

std::vector<Id> refs_of(const Creator&) { return {}; }
std::vector<Id> refs_of(const Product&) { return {}; }
std::vector<Id> refs_of(const Sample& x) { return {x.creator_id, x.product_id}; }
std::vector<Id> refs_of(const Brief& x) {
    std::vector<Id> r = x.creator_ids;
    r.push_back(x.product_id);
    return r;
}
std::vector<Id> refs_of(const Post& x) { return {x.creator_id, x.product_id, x.brief_id, x.sample_id}; }
std::vector<Id> refs_of(const SparkCode& x) { return {x.creator_id, x.post_id, x.product_id, x.replaces_id}; }

std::string label_of(const Creator& x) { return "@" + x.handle; }
std::string label_of(const Product& x) { return x.name.empty() ? x.sku : x.name; }
std::string label_of(const Sample& x) { return "sample " + std::to_string(x.id); }
std::string label_of(const Brief& x) { return x.title.empty() ? "brief " + std::to_string(x.id) : x.title; }
std::string label_of(const Post& x) { return x.tiktok_ref.empty() ? "post " + std::to_string(x.id) : x.tiktok_ref; }
std::string label_of(const SparkCode& x) { return "Spark Code " + std::to_string(x.id); }

template <class T> void collect(const std::vector<T>& v, Kind k, std::vector<Entry>& out) {
    for (size_t i = 0; i < v.size(); ++i) out.push_back({k, i, v[i].id, refs_of(v[i]), MergeAction::added, false, label_of(v[i]), ""});
}

template <class T> void place(std::vector<T>& into, const std::vector<T>& from, const std::vector<const Entry*>& entries,
                              std::unordered_map<Id, size_t>& where) {
    for (const Entry* e : entries) {
        const T& x = from[e->index];
        auto it = where.find(x.id);
        if (it != where.end()) into[it->second] = x;
        else {
            where.emplace(x.id, into.size());
            into.push_back(x);
        }
    }
}

template <class T> void index_ids(const std::vector<T>& v, std::unordered_map<Id, size_t>& where) {
    for (size_t i = 0; i < v.size(); ++i) where.emplace(v[i].id, i);
}

}  // namespace

std::string MergePreview::summary() const {
    std::string s = fmt_int(static_cast<int64_t>(added)) + " added, " + fmt_int(static_cast<int64_t>(updated)) + " updated, " +
                    fmt_int(static_cast<int64_t>(conflicts)) + " in conflict";
    if (conflicts) s += " (kept as they are here)";
    s += ", " + fmt_int(static_cast<int64_t>(unchanged)) + " unchanged";
    if (!problems.empty()) s += "; cannot merge: " + problems.front().to_string();
    return s;
}

MergePreview preview_merge(const Program& current, const Program& incoming, uint64_t base_revision) {
    MergePreview m;
    m.base_revision = base_revision;

    // Where each id lives now, and each record as JSON to compare with the backup's.
    struct Here {
        Kind kind;
        size_t index;
    };
    std::unordered_map<Id, Here> here;
    auto index_here = [&here](const auto& v, Kind k) {
        for (size_t i = 0; i < v.size(); ++i) here.emplace(v[i].id, Here{k, i});
    };
    index_here(current.creators, kCreator);
    index_here(current.products, kProduct);
    index_here(current.samples, kSample);
    index_here(current.briefs, kBrief);
    index_here(current.posts, kPost);
    index_here(current.spark_codes, kSpark);
    const json cur = json::parse(program_to_json(current), nullptr, false);
    const json inc = json::parse(program_to_json(incoming), nullptr, false);

    std::unordered_map<std::string, Id> handle_here;
    for (const Creator& c : current.creators) handle_here.emplace(handle_key(c.handle), c.id);

    std::vector<Entry> entries;
    collect(incoming.creators, kCreator, entries);
    collect(incoming.products, kProduct, entries);
    collect(incoming.samples, kSample, entries);
    collect(incoming.briefs, kBrief, entries);
    collect(incoming.posts, kPost, entries);
    collect(incoming.spark_codes, kSpark, entries);

    std::unordered_set<Id> in_conflict;
    for (Entry& e : entries) {
        auto it = here.find(e.id);
        if (it != here.end() && it->second.kind != e.kind) {
            e.action = MergeAction::conflict;
            e.reason = "id " + std::to_string(e.id) + " is a " + kKindName[it->second.kind] + " here and a " +
                       kKindName[e.kind] + " in the backup";
        } else if (it != here.end()) {
            e.action = MergeAction::updated;
            e.unchanged = cur[kKindKey[e.kind]][it->second.index] == inc[kKindKey[e.kind]][e.index];
        }
        if (e.kind == kCreator && e.action != MergeAction::conflict) {
            auto h = handle_here.find(handle_key(incoming.creators[e.index].handle));
            if (h != handle_here.end() && h->second != e.id) {
                e.action = MergeAction::conflict;
                e.reason = e.label + " is already creator " + std::to_string(h->second) + " here";
            }
        }
        if (e.action == MergeAction::conflict) in_conflict.insert(e.id);
    }
    // A record that points at a conflicting one cannot come in either.
    for (bool changed = true; changed;) {
        changed = false;
        for (Entry& e : entries) {
            if (e.action == MergeAction::conflict) continue;
            for (Id r : e.refs)
                if (r != 0 && in_conflict.count(r)) {
                    e.action = MergeAction::conflict;
                    e.unchanged = false;
                    e.reason = "points at " + std::to_string(r) + ", which is in conflict";
                    in_conflict.insert(e.id);
                    changed = true;
                    break;
                }
        }
    }

    std::vector<const Entry*> taken[kKinds];
    for (const Entry& e : entries) {
        if (e.unchanged) {
            ++m.unchanged;
            continue;
        }
        if (e.action == MergeAction::added) ++m.added;
        else if (e.action == MergeAction::updated) ++m.updated;
        else ++m.conflicts;
        m.items.push_back({e.action, kKindName[e.kind], e.id, e.label, e.reason});
        if (e.action != MergeAction::conflict) taken[e.kind].push_back(&e);
    }
    m.settings_differ = cur["settings"] != inc["settings"];

    Program merged = current;
    {
        std::unordered_map<Id, size_t> where;
        index_ids(merged.creators, where);
        place(merged.creators, incoming.creators, taken[kCreator], where);
        where.clear();
        index_ids(merged.products, where);
        place(merged.products, incoming.products, taken[kProduct], where);
        where.clear();
        index_ids(merged.samples, where);
        place(merged.samples, incoming.samples, taken[kSample], where);
        where.clear();
        index_ids(merged.briefs, where);
        place(merged.briefs, incoming.briefs, taken[kBrief], where);
        where.clear();
        index_ids(merged.posts, where);
        place(merged.posts, incoming.posts, taken[kPost], where);
        where.clear();
        index_ids(merged.spark_codes, where);
        place(merged.spark_codes, incoming.spark_codes, taken[kSpark], where);
    }
    merged.next_id = std::max(current.next_id, incoming.next_id);
    std::unordered_set<std::string> keys(current.imported_orders.begin(), current.imported_orders.end());
    for (const std::string& k : incoming.imported_orders)
        if (keys.insert(k).second) {
            merged.imported_orders.push_back(k);
            ++m.orders_added;
        }
    // Order lines: the union by key; a line both have keeps the current program's figures.
    {
        std::unordered_set<std::string_view> line_keys;
        line_keys.reserve(current.order_lines.size());
        for (size_t i = 0; i < current.order_lines.size(); ++i) line_keys.insert(current.order_lines.key(i));
        OrderLines added;
        for (size_t i = 0; i < incoming.order_lines.size(); ++i) {
            const std::string_view k = incoming.order_lines.key(i);
            if (line_keys.count(k)) continue;
            line_keys.insert(k);
            added.push_back(incoming.order_lines.get(i));
            ++m.orders_added;
        }
        merged.order_lines.append(added);
    }
    // The weekly review's marks: one per action, the later of the two (the current one on a tie).
    {
        std::unordered_map<std::string, size_t> at;
        for (size_t i = 0; i < merged.review_marks.size(); ++i) at.emplace(merged.review_marks[i].action, i);
        for (const ReviewMark& x : incoming.review_marks) {
            auto it = at.find(x.action);
            if (it == at.end()) {
                at.emplace(x.action, merged.review_marks.size());
                merged.review_marks.push_back(x);
            } else if (merged.review_marks[it->second].on < x.on) {
                merged.review_marks[it->second] = x;
            }
        }
    }

    // The merged program must hold together as a backup would: ids, references, handles.
    LoadResult check = program_from_json(program_to_json(merged));
    if (!check.ok()) m.problems = std::move(check.problems);
    else m.merged = std::move(*check.program);
    return m;
}

std::string export_program_json(const Program& p, const ExportOptions& options) {
    if (!options.redact_spark_codes) return program_to_json(p, options.pretty);
    Program copy = p;
    for (SparkCode& c : copy.spark_codes) c.code.clear();
    return program_to_json(copy, options.pretty);
}

}  // namespace sr
