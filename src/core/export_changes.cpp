#include "export_changes.hpp"

#include <algorithm>
#include <unordered_map>

namespace sr {

namespace {
template <class T> void replace_by_id(std::vector<T>& list, const std::vector<T>& updated) {
    std::unordered_map<Id, size_t> index;
    index.reserve(list.size());
    for (size_t i = 0; i < list.size(); ++i) index.emplace(list[i].id, i);
    for (const T& x : updated)
        if (auto it = index.find(x.id); it != index.end()) list[it->second] = x;
}
}  // namespace

void apply_export_changes(Program& p, const ExportChanges& c) {
    replace_by_id(p.creators, c.updated_creators);
    replace_by_id(p.posts, c.updated_posts);
    replace_by_id(p.spark_codes, c.updated_spark_codes);
    for (const Creator& x : c.new_creators) {
        p.creators.push_back(x);
        p.next_id = std::max(p.next_id, x.id + 1);
    }
    for (const Post& x : c.new_posts) {
        p.posts.push_back(x);
        p.next_id = std::max(p.next_id, x.id + 1);
    }
}

Id first_free_id(const Program& p) {
    const bool ranged = p.id_limit > p.id_floor;
    Id max_id = ranged ? p.id_floor - 1 : 0;
    auto see = [&max_id, &p, ranged](Id id) {
        if (!ranged || (id >= p.id_floor && id < p.id_limit)) max_id = std::max(max_id, id);
    };
    for (const auto& x : p.creators) see(x.id);
    for (const auto& x : p.products) see(x.id);
    for (const auto& x : p.samples) see(x.id);
    for (const auto& x : p.briefs) see(x.id);
    for (const auto& x : p.posts) see(x.id);
    for (const auto& x : p.spark_codes) see(x.id);
    for (const auto& c : p.creators)
        for (const auto& i : c.compliance) see(i.id);
    if (ranged && (p.next_id < p.id_floor || p.next_id >= p.id_limit)) return max_id + 1;
    return std::max(p.next_id, max_id + 1);
}

}  // namespace sr
