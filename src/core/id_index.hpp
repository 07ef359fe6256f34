// Record ids to dense slots, for the lookups a computation over a whole program makes: one flat
// open-addressing table built once per call, where a std::unordered_map<Id, ...> allocates a
// node per entry (50,000 posts: 50,000 allocations, and as many cache misses per pass).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model.hpp"

namespace sr {

// Each distinct id gets a slot 0, 1, 2, ... in the order first inserted; values live in vectors
// indexed by slot beside it. Any Id value is a key, 0 and negative ones included.
class IdSlots {
public:
    static constexpr int32_t none = -1;

    explicit IdSlots(size_t expected = 0) { rehash(expected); }

    int32_t find(Id id) const {
        for (size_t i = hash(id) & mask_;; i = (i + 1) & mask_) {
            const int32_t s = table_[i];
            if (s == none || ids_[static_cast<size_t>(s)] == id) return s;
        }
    }
    bool contains(Id id) const { return find(id) != none; }

    // The id's slot; a new one (the size before the call) when the id had none.
    int32_t insert(Id id) {
        if ((ids_.size() + 1) * 2 > table_.size()) rehash(ids_.size() + 1);
        for (size_t i = hash(id) & mask_;; i = (i + 1) & mask_) {
            int32_t& s = table_[i];
            if (s == none) {
                s = static_cast<int32_t>(ids_.size());
                ids_.push_back(id);
                return s;
            }
            if (ids_[static_cast<size_t>(s)] == id) return s;
        }
    }

    size_t size() const { return ids_.size(); }
    Id id_at(int32_t slot) const { return ids_[static_cast<size_t>(slot)]; }

private:
    static size_t hash(Id id) {
        uint64_t x = static_cast<uint64_t>(id);  // splitmix64's finalizer: ids are often sequential
        x ^= x >> 30;
        x *= 0xbf58476d1ce4e5b9ULL;
        x ^= x >> 27;
        x *= 0x94d049bb133111ebULL;
        x ^= x >> 31;
        return static_cast<size_t>(x);
    }
    void rehash(size_t n) {
        size_t cap = 16;
        while (cap < 2 * n) cap *= 2;
        if (cap <= table_.size()) return;
        table_.assign(cap, none);
        mask_ = cap - 1;
        ids_.reserve(n);
        for (size_t k = 0; k < ids_.size(); ++k)
            for (size_t i = hash(ids_[k]) & mask_;; i = (i + 1) & mask_)
                if (table_[i] == none) {
                    table_[i] = static_cast<int32_t>(k);
                    break;
                }
    }

    std::vector<int32_t> table_;  // slot, or none
    std::vector<Id> ids_;         // by slot
    size_t mask_ = 0;
};

// The records of `v` by id: slots, and per slot the last record with that id (as assigning
// into a map in order would keep).
template <class T> struct RecordIndex {
    IdSlots slots;
    std::vector<const T*> at;
    explicit RecordIndex(const std::vector<T>& v) : slots(v.size()) {
        at.reserve(v.size());
        for (const T& x : v) {
            const size_t s = static_cast<size_t>(slots.insert(x.id));
            if (s == at.size()) at.push_back(&x);
            else at[s] = &x;
        }
    }
    const T* find(Id id) const {
        const int32_t s = slots.find(id);
        return s == IdSlots::none ? nullptr : at[static_cast<size_t>(s)];
    }
};

// Pointers to records, side by side in the order of their vector.
template <class T> struct RecordSpan {
    const T* const* first = nullptr;
    const T* const* last = nullptr;
    const T* const* begin() const { return first; }
    const T* const* end() const { return last; }
    bool empty() const { return first == last; }
    size_t size() const { return static_cast<size_t>(last - first); }
};

// The records of `v` that `keep` accepts, grouped by the id `key` gives (a post's creator, ...):
// one array holding each group's records side by side, in the order of `v`.
template <class T> struct RecordGroups {
    IdSlots keys;
    std::vector<size_t> start;  // by slot, and one past the last group
    std::vector<const T*> items;

    template <class Key, class Keep> RecordGroups(const std::vector<T>& v, size_t expected_keys, Key key, Keep keep)
        : keys(expected_keys) {
        std::vector<int32_t> slot(v.size(), IdSlots::none);
        std::vector<size_t> count;
        count.reserve(expected_keys);
        for (size_t i = 0; i < v.size(); ++i) {
            if (!keep(v[i])) continue;
            const int32_t s = keys.insert(key(v[i]));
            if (static_cast<size_t>(s) == count.size()) count.push_back(0);
            count[static_cast<size_t>(s)]++;
            slot[i] = s;
        }
        start.assign(count.size() + 1, 0);
        for (size_t k = 0; k < count.size(); ++k) start[k + 1] = start[k] + count[k];
        items.resize(start.back());
        std::vector<size_t> at(start.begin(), start.end() - 1);
        for (size_t i = 0; i < v.size(); ++i)
            if (slot[i] != IdSlots::none) items[at[static_cast<size_t>(slot[i])]++] = &v[i];
    }

    RecordSpan<T> of(Id id) const {
        const int32_t s = keys.find(id);
        if (s == IdSlots::none) return {};
        const T* const* base = items.data();
        return {base + start[static_cast<size_t>(s)], base + start[static_cast<size_t>(s) + 1]};
    }
};

}  // namespace sr
