#include "orders_import.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "creators.hpp"
#include "csv.hpp"
#include "export_changes.hpp"
#include "export_fields.hpp"
#include "export_words.hpp"
#include "format.hpp"
#include "import_cells.hpp"
#include "post_fee.hpp"

namespace sr {

namespace {

// The fields' keys in saved mappings and in the word files (assets/headers/orders.*.json),
// which hold their headers.
constexpr const char* kFieldKeys[kOrderFieldCount] = {
    "order_id",         "product_id",   "product_name",    "sku_id",      "price",
    "payment_amount",   "currency",     "quantity",        "order_status", "creator_username",
    "content_type",     "content_id",   "commission_rate", "est_commission_base", "est_commission",
    "actual_commission_base", "actual_commission", "time_created", "fully_refunded",
};

constexpr size_t kKeepListed = 1000;

using namespace cells;

// The day (days since 1970) of a time from TimeReader.
int32_t day_of(int64_t t) { return static_cast<int32_t>(t >= 0 ? t / 86400 : (t - 86399) / 86400); }

// Whether an id holds a line break. Eight bytes at a time, looking for any control character
// (a byte below 0x20) first: ids have none, so nearly every id is two or three words.
bool has_line_break(std::string_view s) {
    const char* p = s.data();
    size_t n = s.size();
    uint64_t w;
    constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    for (; n >= 8; p += 8, n -= 8) {
        std::memcpy(&w, p, 8);
        // Whether a byte of w is below 0x20 (the usual "has a byte less than n" test; a false
        // alarm only sends the word to the exact check).
        if (((w - kOnes * 0x20) & ~w & kHigh) != 0)
            for (int k = 0; k < 8; ++k)
                if (p[k] == '\n' || p[k] == '\r') return true;
    }
    for (; n > 0; ++p, --n)
        if (*p == '\n' || *p == '\r') return true;
    return false;
}

bool same(std::string_view a, std::string_view b);  // below

// Time Created as seconds since 1970 in the shop's time, read day first (`day_first`) and month
// first (`month_first`) for a year-last date (the file decides which at the end); the same for
// a year-first one. 0 when there is no such date. The time of day after it ("10:05:09",
// "2:22 PM", "T10:05") is optional. The dates read are kept with their days (64 of them, by
// their digits): an export spans days or weeks, so most rows read only their time of day.
class TimeReader {
    static bool is_separator(char c) { return c == '-' || c == '/' || c == '.'; }

public:
    void read(std::string_view s, int64_t& day_first, int64_t& month_first) {
        day_first = month_first = 0;
        if (s.size() < 8 || !is_digit(s[0])) return;
        // The date runs to the first space or 'T'; the two forms nearly every export uses,
        // "2026-11-20 08:19:27" and "20/11/2026 08:19:27", are known by their separators.
        size_t i = 0;
        if (s.size() >= 11 && (s[10] == ' ' || s[10] == 'T') &&
            ((is_separator(s[4]) && s[7] == s[4]) || (is_separator(s[2]) && s[5] == s[2])))
            i = 10;
        else
            while (i < s.size() && s[i] != ' ' && s[i] != 'T') ++i;
        const std::string_view date = s.substr(0, i);
        // Its slot by the digits that vary most (the day and month at either end).
        const auto at = [&date](size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(date[k])); };
        const size_t n = date.size();
        Day& day = days_[(at(n - 1) * 7u + at(n > 1 ? n - 2 : 0) * 3u + at(0) + at(n > 1 ? 1 : 0) * 5u) % kDays];
        if (!same(date, day.text)) {
            day.text.assign(date);
            day.a = day.b = kNone;
            if (const auto d = read_day(s)) {
                const auto a = civil(d->year, d->year_first ? d->first : d->second, d->year_first ? d->second : d->first);
                const auto b = d->year_first ? a : civil(d->year, d->first, d->second);
                if (a) day.a = a->days;
                if (b) day.b = b->days;
            }
        }
        if (day.a == kNone && day.b == kNone) return;
        int hms[3] = {0, 0, 0};
        if (i == 10 && s.size() == 19 && s[13] == ':' && s[16] == ':' && is_digit(s[11]) && is_digit(s[12]) && is_digit(s[14]) &&
            is_digit(s[15]) && is_digit(s[17]) && is_digit(s[18])) {
            // "HH:MM:SS" ending the cell, the usual time of day.
            hms[0] = (s[11] - '0') * 10 + (s[12] - '0');
            hms[1] = (s[14] - '0') * 10 + (s[15] - '0');
            hms[2] = (s[17] - '0') * 10 + (s[18] - '0');
            i = 19;
        }
        while (i < s.size() && (s[i] == ' ' || s[i] == 'T')) ++i;
        for (int k = 0; k < 3 && i < s.size() && is_digit(s[i]); ++k) {
            int v = 0, n = 0;
            while (i < s.size() && is_digit(s[i]) && n < 2) v = v * 10 + (s[i++] - '0'), ++n;
            hms[k] = v;
            if (i < s.size() && s[i] == ':') ++i;
            else break;
        }
        while (i < s.size() && s[i] == ' ') ++i;
        if (i + 1 < s.size() && (s[i + 1] == 'M' || s[i + 1] == 'm')) {
            const bool pm = s[i] == 'P' || s[i] == 'p';
            if (hms[0] == 12) hms[0] = 0;
            if (pm) hms[0] += 12;
        }
        if (hms[0] > 23 || hms[1] > 59 || hms[2] > 60) hms[0] = hms[1] = hms[2] = 0;
        if (day.a != kNone) day_first = line_time_from(day.a, hms[0], hms[1], hms[2]);
        if (day.b != kNone) month_first = line_time_from(day.b, hms[0], hms[1], hms[2]);
    }

private:
    static constexpr int32_t kNone = INT32_MIN;
    static constexpr unsigned kDays = 64;
    struct Day {
        std::string text;            // the date text ("" matches none: a date has 8 bytes or more)
        int32_t a = kNone, b = kNone;  // its days read day first and month first
    };
    Day days_[kDays];
};

// Whether the machine keeps a word's first byte lowest (x86, ARM and WebAssembly do).
inline bool little_endian() {
    const uint16_t one = 1;
    unsigned char first;
    std::memcpy(&first, &one, 1);
    return first == 1;
}

// A hash of a string read eight bytes at a time (order ids and content ids are about 20 bytes:
// byte-at-a-time hashing was a measurable part of the import).
uint64_t hash_bytes(std::string_view s) {
    const char* p = s.data();
    size_t n = s.size();
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xFF51AFD7ED558CCDULL);
    uint64_t w;
    for (; n >= 8; p += 8, n -= 8) {
        std::memcpy(&w, p, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
    }
    if (n > 0) {
        // The last bytes: a string of eight or more reads its last word (and drops the bytes
        // already hashed) rather than copying a few bytes one by one.
        if (s.size() >= 8) {
            std::memcpy(&w, s.data() + s.size() - 8, 8);
            w = little_endian() ? w >> (8 * (8 - n)) : w << (8 * (8 - n));
        } else {
            w = 0;
            std::memcpy(&w, p, n);
        }
        h = (h ^ w) * 0x94D049BB133111EBULL;
    }
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 32);
}

// The 32-bit tag a string table keeps for a key: the hash's top half, never 0 (0 marks an empty
// slot).
uint32_t key_tag(std::string_view s) { return static_cast<uint32_t>(hash_bytes(s) >> 32) | 1u; }

// Equality of two strings eight bytes at a time: the keys compared are ids of about 20 bytes,
// and WebAssembly's memcmp goes byte by byte.
bool same(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    const char* p = a.data();
    const char* q = b.data();
    size_t n = a.size();
    uint64_t x, y;
    for (; n >= 8; p += 8, q += 8, n -= 8) {
        std::memcpy(&x, p, 8);
        std::memcpy(&y, q, 8);
        if (x != y) return false;
    }
    if (n > 0 && a.size() >= 8) {
        // The last word, overlapping the one before it.
        std::memcpy(&x, a.data() + a.size() - 8, 8);
        std::memcpy(&y, b.data() + b.size() - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        // A short word ("Settled", "Video"): its first four bytes and its last four.
        uint32_t u, v;
        std::memcpy(&u, p, 4);
        std::memcpy(&v, q, 4);
        if (u != v) return false;
        std::memcpy(&u, p + n - 4, 4);
        std::memcpy(&v, q + n - 4, 4);
        return u == v;
    }
    for (; n > 0; ++p, ++q, --n)
        if (*p != *q) return false;
    return true;
}

// String keys held elsewhere (the program's own strings, or this import's arena) to a value,
// found by a string_view without making a std::string. Open addressing with linear probing over
// 8-byte slots: a 32-bit tag of the hash and the index of the entry (key and value side by side,
// in the order they were added). A slot's home is the tag's top bits, so the table grows
// without touching the keys, and a key that is absent costs one cache miss in a table of a
// million (the key itself is read only when the tags agree).
template <class V> class ViewMap {
public:
    // Where a key is, or where it would go: find() and then, if it was absent, insert() at the
    // same place without probing again.
    struct Probe {
        uint32_t tag = 0;
        size_t slot = 0;
        uint32_t entry = kNone;
        bool found() const { return entry != kNone; }
    };

    // Asks the processor for the slot where a key with this tag would start: a row asks for
    // its order's and its post's early, and the lookups a few hundred instructions later find
    // them in cache. (A no-op where there is no prefetch, as in WebAssembly.)
    void prefetch(uint32_t tag) const {
        if (!slots_.empty()) __builtin_prefetch(&slots_[home(tag)]);
    }
    Probe probe(std::string_view s) const { return probe(s, key_tag(s)); }
    Probe probe(std::string_view s, uint32_t tag) const {
        Probe p;
        p.tag = tag;
        if (slots_.empty()) return p;
        for (size_t i = home(p.tag);; i = (i + 1) & mask_) {
            const Slot& x = slots_[i];
            if (x.tag == 0) {
                p.slot = i;
                return p;
            }
            if (x.tag == p.tag && same(entries_[x.entry].key(), s)) {
                p.slot = i;
                p.entry = x.entry;
                return p;
            }
        }
    }
    V* find(std::string_view s) {
        const Probe p = probe(s);
        return p.found() ? &value(p.entry) : nullptr;
    }

    // Adds `s` (absent, as `p` found it; nothing inserted since) with its value. `s` must stay
    // where it is for as long as the map is used.
    void insert(const Probe& p, std::string_view s, V v = V{}) {
        const uint32_t entry = static_cast<uint32_t>(entries_.size());
        entries_.push_back({s.data(), static_cast<uint32_t>(s.size()), std::move(v)});
        if (entries_.size() * 2 > slots_.size()) {
            grow(entries_.size());  // places every entry, the new one included
        } else {
            slots_[p.slot] = {p.tag, entry};
        }
    }
    // Adds `s` unless present; an existing key keeps its value.
    void insert(std::string_view s, V v = V{}) {
        const Probe p = probe(s);
        if (!p.found()) insert(p, s, std::move(v));
    }

    // Room for n entries without growing.
    void reserve(size_t n) {
        entries_.reserve(n);
        if (n * 2 > slots_.size()) grow(n);
    }
    // Entries by index, 0 to size() - 1, in the order they were added.
    V& value(uint32_t entry) { return entries_[entry].value; }
    std::string_view key(uint32_t entry) const { return entries_[entry].key(); }
    size_t size() const { return entries_.size(); }

private:
    static constexpr uint32_t kNone = 0xFFFFFFFFu;
    struct Slot {
        uint32_t tag = 0;
        uint32_t entry = 0;
    };
    size_t home(uint32_t tag) const { return static_cast<size_t>(tag >> shift_); }
    // At least twice `want` slots, every entry placed again.
    void grow(size_t want) {
        size_t n = slots_.empty() ? 1024 : slots_.size();
        while (want * 2 > n) n *= 2;
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(n, Slot{});
        mask_ = n - 1;
        shift_ = 32;
        while ((size_t{1} << (32 - shift_)) < n) --shift_;
        size_t placed = 0;
        for (const Slot& x : old)
            if (x.tag != 0) place(x), ++placed;
        // An entry just added is not in the old slots.
        for (size_t e = placed; e < entries_.size(); ++e)
            place({key_tag(entries_[e].key()), static_cast<uint32_t>(e)});
    }
    void place(const Slot& x) {
        for (size_t i = home(x.tag);; i = (i + 1) & mask_)
            if (slots_[i].tag == 0) {
                slots_[i] = x;
                return;
            }
    }
    // The key as its bytes and size side by side (16 bytes an entry of a small value, not 24:
    // a table of a million orders is a million of them).
    struct Entry {
        const char* data;
        uint32_t size;
        V value;
        std::string_view key() const { return std::string_view(data, size); }
    };
    std::vector<Slot> slots_;
    std::vector<Entry> entries_;
    size_t mask_ = 0;
    int shift_ = 32;
};

// The order lines imported so far (the program's, then this file's), grouped by order: one probe
// finds an order and every line of it, so a new order costs one cache miss in a table of a
// million, not one for its line and one for the order.
class OrderBook {
public:
    // Where a line found is: a line of the program (its index), a key a version-1 program
    // remembered, or a line earlier in this file.
    static constexpr int32_t kLegacy = -1, kThisFile = -2, kAbsent = -3;
    struct Found {
        ViewMap<uint32_t>::Probe order;
        bool line = false;   // this very line is in
        bool counted = false;  // the order is in, as an order (a line of it that is not a sample)
        int32_t at = kAbsent;  // where the line is (above)
        uint32_t index = 0;    // the line's entry, for set_at
    };
    void set_at(uint32_t index, int32_t at) { lines_[index].at = at; }
    // `line` is "order_id" or "order_id/sku"; `order_id` its first part.
    void prefetch(uint32_t tag) const { orders_.prefetch(tag); }
    // `tag` is key_tag(order_id).
    Found find(std::string_view order_id, uint32_t tag, std::string_view line) {
        Found f{orders_.probe(order_id, tag)};
        if (!f.order.found()) return f;
        for (uint32_t i = orders_.value(f.order.entry); i != kEnd; i = lines_[i].next) {
            f.counted = f.counted || lines_[i].counted;
            if (!f.line && same(lines_[i].key(), line)) f.line = true, f.at = lines_[i].at, f.index = i;
        }
        return f;
    }
    // Adds a line that `f` did not find (nothing added since). `line` must stay where it is.
    void add(const Found& f, std::string_view line, size_t order_id_size, bool counted, int32_t at = kThisFile) {
        const uint32_t i = static_cast<uint32_t>(lines_.size());
        if (f.order.found()) {
            uint32_t& head = orders_.value(f.order.entry);
            lines_.push_back({line.data(), static_cast<uint32_t>(line.size()), head, at, counted});
            head = i;
        } else {
            lines_.push_back({line.data(), static_cast<uint32_t>(line.size()), kEnd, at, counted});
            orders_.insert(f.order, line.substr(0, order_id_size), i);
        }
    }
    void reserve(size_t lines) {
        orders_.reserve(lines);
        lines_.reserve(lines);
    }
    // A line the program already holds: its index in the program's lines (counted: not a
    // sample), or kLegacy for a key alone.
    void add(std::string_view line, int32_t at, bool counted) {
        const std::string_view order_id = line.substr(0, line.find('/'));
        add(line, order_id, key_tag(order_id), at, counted);
    }
    // The same, with the order id and its tag already worked out.
    void add(std::string_view line, std::string_view order_id, uint32_t tag, int32_t at, bool counted) {
        const Found f = find(order_id, tag, line);
        if (!f.line) add(f, line, order_id.size(), counted, at);
    }
    // Adds the program's lines, the slot of each order asked for a few lines ahead (a million
    // lines are a million lookups in a table too large for the cache).
    void add_all(const OrderLines& lines) {
        constexpr size_t kAhead = 8;
        const size_t n = lines.size();
        reserve(n);
        std::string_view ids[kAhead];
        uint32_t tags[kAhead];
        auto order_of = [&lines](size_t i) {
            const std::string_view k = lines.key(i);
            return k.substr(0, k.find('/'));
        };
        for (size_t i = 0; i < n + kAhead; ++i) {
            if (i >= kAhead) {
                const size_t j = i - kAhead;
                add(lines.key(j), ids[j % kAhead], tags[j % kAhead], static_cast<int32_t>(j), !lines.sample(j));
            }
            if (i < n) {
                ids[i % kAhead] = order_of(i);
                tags[i % kAhead] = key_tag(ids[i % kAhead]);
                prefetch(tags[i % kAhead]);
            }
        }
    }

private:
    static constexpr uint32_t kEnd = 0xFFFFFFFFu;
    struct Line {  // 24 bytes (the key as bytes and size)
        const char* data;
        uint32_t size;
        uint32_t next;  // the order's line before this one, or kEnd
        int32_t at;     // Found::at
        bool counted;
        std::string_view key() const { return std::string_view(data, size); }
    };
    ViewMap<uint32_t> orders_;  // order id -> its newest line
    std::vector<Line> lines_;
};

// Strings kept one after another in large blocks that never move: a million order keys cost a
// few allocations instead of one each.
class Arena {
public:
    std::string_view keep(std::string_view s) {
        if (static_cast<size_t>(end_ - next_) < s.size()) {
            const size_t n = std::max<size_t>(kBlock, s.size());
            blocks_.emplace_back(new char[n]);
            next_ = blocks_.back().get();
            end_ = next_ + n;
        }
        char* at = next_;
        if (!s.empty()) std::memcpy(at, s.data(), s.size());
        next_ += s.size();
        return std::string_view(at, s.size());
    }

private:
    static constexpr size_t kBlock = 1 << 20;
    std::vector<std::unique_ptr<char[]>> blocks_;  // each block's bytes stay where they are
    char* next_ = nullptr;  // the free bytes of the last block
    char* end_ = nullptr;
};


}  // namespace

const char* order_field_key(OrderField f) { return kFieldKeys[static_cast<int>(f)]; }
bool order_field_always_required(OrderField f) { return f == OrderField::order_id || f == OrderField::creator_username; }

std::string header_key(std::string_view header) {
    std::string k;
    k.reserve(header.size());
    size_t i = 0;
    for (char c; next_key_char(header, i, c);) k.push_back(c);
    return k;
}

namespace {

// The export's words in every language (assets/headers/orders.*.json) as keys, read once.
struct OrderWords {
    struct Name {
        std::string key;
        std::string language;
    };
    std::array<std::vector<Name>, kOrderFieldCount> headers;
    std::array<std::string, kOrderFieldCount> usual;  // the English header (the key without one)
    std::vector<std::string> ineligible, yes, no;      // Order Status, Fully returned or refunded
    std::vector<std::string> pending, settled, frozen;  // Order Status
    std::vector<std::string> live, showcase, video;     // Content Type
    std::vector<std::string> total;                    // a totals row's first word
};

const OrderWords& order_words() {
    static const OrderWords words = [] {
        OrderWords w;
        auto keys = [](const std::vector<std::string>& texts, std::vector<std::string>& out) {
            for (const std::string& t : texts) out.push_back(header_key(t));
        };
        for (const ExportWords* file : export_words_of("orders")) {
            for (int f = 0; f < kOrderFieldCount; ++f) {
                auto it = file->headers.find(kFieldKeys[f]);
                if (it == file->headers.end()) continue;
                for (const std::string& h : it->second) w.headers[f].push_back({header_key(h), file->language});
                if (w.usual[f].empty() && file->language == "en" && !it->second.empty()) w.usual[f] = it->second.front();
            }
            auto values = [&](const char* field, const char* value) -> const std::vector<std::string>& {
                static const std::vector<std::string> none;
                auto f = file->values.find(field);
                if (f == file->values.end()) return none;
                auto v = f->second.find(value);
                return v == f->second.end() ? none : v->second;
            };
            keys(values("order_status", "ineligible"), w.ineligible);
            keys(values("order_status", "pending"), w.pending);
            keys(values("order_status", "settled"), w.settled);
            keys(values("order_status", "frozen"), w.frozen);
            keys(values("content_type", "live"), w.live);
            keys(values("content_type", "showcase"), w.showcase);
            keys(values("content_type", "video"), w.video);
            keys(values("fully_refunded", "yes"), w.yes);
            keys(values("fully_refunded", "no"), w.no);
            if (auto it = file->rows.find("total"); it != file->rows.end()) keys(it->second, w.total);
        }
        for (int f = 0; f < kOrderFieldCount; ++f)
            if (w.usual[f].empty()) w.usual[f] = kFieldKeys[f];
        return w;
    }();
    return words;
}

// Yes / no for "Fully returned or refunded", in any language of the word files; a cell with
// nothing in it (or only punctuation, as "-") is no.
bool parse_flag(std::string_view s, bool& out, const OrderWords& words) {
    size_t i = 0;
    char c;
    if (!next_key_char(s, i, c) || key_is_any(s, words.no)) {
        out = false;
        return true;
    }
    if (key_is_any(s, words.yes)) {
        out = true;
        return true;
    }
    return false;
}

// Order Status in any language of the word files; a word none of them has is `unknown` (the
// line is kept and earns its commission, as a line with no status does).
OrderStatus parse_status(std::string_view s, const OrderWords& words) {
    if (key_is_any(s, words.ineligible)) return OrderStatus::ineligible;
    if (key_is_any(s, words.settled)) return OrderStatus::settled;
    if (key_is_any(s, words.pending)) return OrderStatus::pending;
    if (key_is_any(s, words.frozen)) return OrderStatus::frozen;
    return OrderStatus::unknown;
}

// What sold a line, from Content Type: a text holding "live" (any case) or a LIVE word is a
// LIVE; a showcase / product-card word is the showcase; a video word, or no type with a
// Content ID, is a video; anything else is other.
ContentKind parse_kind(std::string_view type, bool has_content_id, const OrderWords& words) {
    if (type.empty()) return has_content_id ? ContentKind::video : ContentKind::other;
    if (icontains(type, "live") || key_is_any(type, words.live)) return ContentKind::live;
    if (key_is_any(type, words.showcase) || icontains(type, "showcase") || icontains(type, "product card"))
        return ContentKind::showcase;
    if (key_is_any(type, words.video) || icontains(type, "video")) return ContentKind::video;
    return ContentKind::other;
}

}  // namespace

const char* order_field_header(OrderField f) { return order_words().usual[static_cast<size_t>(f)].c_str(); }

std::string mapping_to_json(const ColumnMapping& m) {
    nlohmann::json j = nlohmann::json::object();
    for (int i = 0; i < kOrderFieldCount; ++i)
        if (!m.headers[i].empty()) j[kFieldKeys[i]] = m.headers[i];
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ColumnMapping mapping_from_json(std::string_view text) {
    ColumnMapping m;
    const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return m;
    for (int i = 0; i < kOrderFieldCount; ++i) {
        auto it = j.find(kFieldKeys[i]);
        if (it != j.end() && it->is_string()) m.headers[i] = it->get<std::string>();
    }
    return m;
}

ColumnMatch match_columns(const std::vector<std::string>& headers, const ColumnMapping& m) {
    ColumnMatch r;
    r.headers = headers;
    r.column.fill(-1);
    std::unordered_map<std::string, int> by_key;  // the first column with each key
    for (size_t i = 0; i < headers.size(); ++i) by_key.emplace(header_key(headers[i]), static_cast<int>(i));
    std::vector<bool> used(headers.size(), false);
    const OrderWords& words = order_words();
    std::vector<std::vector<std::string>> per_field;
    for (int f = 0; f < kOrderFieldCount; ++f) {
        const std::string& wanted = m.headers[f];
        if (wanted == "-") continue;
        int column = -1;
        if (!wanted.empty()) {
            auto it = by_key.find(header_key(wanted));
            if (it != by_key.end()) column = it->second;
        } else {
            // The field's header in any language: the leftmost column that has one.
            for (const OrderWords::Name& n : words.headers[f]) {
                auto it = by_key.find(n.key);
                if (it != by_key.end() && (column < 0 || it->second < column)) column = it->second;
            }
            if (column >= 0) {
                std::vector<std::string>& ls = per_field.emplace_back();  // every language with this header
                for (const OrderWords::Name& n : words.headers[f])
                    if (auto it = by_key.find(n.key); it != by_key.end() && it->second == column &&
                                                      std::find(ls.begin(), ls.end(), n.language) == ls.end())
                        ls.push_back(n.language);
            }
        }
        if (column < 0) continue;
        r.column[f] = column;
        used[static_cast<size_t>(column)] = true;
    }
    r.languages = recognized_languages(per_field);
    auto has = [&](OrderField f) { return r.column[static_cast<int>(f)] >= 0; };
    auto name = [&](OrderField f) {
        const std::string& mapped = m[f];
        return (mapped.empty() || mapped == "-") ? std::string(order_field_header(f)) : mapped;
    };
    if (!has(OrderField::order_id)) r.missing_required.push_back(name(OrderField::order_id));
    if (!has(OrderField::creator_username)) r.missing_required.push_back(name(OrderField::creator_username));
    if (!has(OrderField::payment_amount) && !(has(OrderField::price) && has(OrderField::quantity))) {
        r.missing_required.push_back(name(OrderField::payment_amount));
        if (!has(OrderField::price)) r.missing_required.push_back(name(OrderField::price) + " (or Payment Amount)");
        if (!has(OrderField::quantity)) r.missing_required.push_back(name(OrderField::quantity) + " (or Payment Amount)");
    }
    for (size_t i = 0; i < headers.size(); ++i)
        if (!used[i] && !headers[i].empty()) r.unused_headers.push_back(headers[i]);
    return r;
}

namespace {
// Whether every byte of s is a digit (true for ""): eight at a time, a byte being a digit when
// its high half is 3 both as it is and with 6 added (0x30-0x39; 0x3A and up carry to 4).
bool digits_only(std::string_view s) {
    constexpr uint64_t kHigh = 0xF0F0F0F0F0F0F0F0ULL, kThree = 0x3030303030303030ULL, kSix = 0x0606060606060606ULL;
    const char* p = s.data();
    size_t n = s.size();
    uint64_t w;
    for (; n >= 8; p += 8, n -= 8) {
        std::memcpy(&w, p, 8);
        // (A byte of 0xFA or more carries into the next one, and is itself no digit.)
        if ((w & kHigh) != kThree || ((w + kSix) & kHigh) != kThree) return false;
    }
    for (; n > 0; ++p, --n)
        if (!is_digit(*p)) return false;
    return true;
}

// content_id_of() as a view into `ref`.
std::string_view content_id_view(std::string_view ref) {
    ref = trim_view(ref);
    // The Content ID column holds the id alone: all digits, the reference itself.
    if (digits_only(ref)) return ref;
    for (size_t i = 0; i < ref.size(); ++i)
        if (ref[i] == '?' || ref[i] == '#') {
            ref = ref.substr(0, i);
            break;
        }
    while (!ref.empty() && ref.back() == '/') ref.remove_suffix(1);
    // Only a number that ends the reference (its last path part) is an id:
    // "/video/7301234567890123456" or the id alone. Anything else is the reference itself.
    size_t b = ref.size();
    while (b > 0 && is_digit(ref[b - 1])) --b;
    return b == ref.size() ? ref : ref.substr(b);
}
}  // namespace

std::string content_id_of(std::string_view ref) { return std::string(content_id_view(ref)); }

std::string OrdersImport::summary() const {
    if (!ok()) return "Refused: " + refused;
    std::string s = fmt_int(imported) + (imported == 1 ? " new line (" : " new lines (") + fmt_int(orders) +
                    (orders == 1 ? " order)" : " orders)");
    s += ", " + fmt_int(updated) + " updated";
    if (updated > 0) {
        std::string what;
        auto part = [&what](int64_t n, const char* name) {
            if (n > 0) what += (what.empty() ? "" : ", ") + fmt_int(n) + " " + name;
        };
        part(status_changed, "status");
        part(refund_changed, "refund");
        part(commission_changed, "commission");
        part(amount_changed, "amount");
        if (!what.empty()) s += " (" + what + ")";
    }
    s += ", " + fmt_int(unchanged) + " unchanged";
    if (adopted > 0) s += ", " + fmt_int(adopted) + " known from an earlier version";
    s += ", " + fmt_int(duplicates) + (duplicates == 1 ? " duplicate" : " duplicates");
    s += ", " + fmt_int(samples) + (samples == 1 ? " sample" : " samples");
    s += ", " + fmt_int(problem_count) + (problem_count == 1 ? " row refused" : " rows refused");
    s += ", " + fmt_int(unmatched_count) + " unmatched";
    if (skipped > 0) s += ", " + fmt_int(skipped) + (skipped == 1 ? " row skipped" : " rows skipped");
    const char* order = dates.order == DateOrder::day_first ? "day first" : "month first";
    if (dates.from == DateOrderFrom::option)
        s += ", dates such as " + dates.either_way + " read " + order + ": the file does not say which";
    if (dates.from == DateOrderFrom::conflict)
        s += ", dates read " + std::string(order) + " though " +
             (dates.order == DateOrder::day_first ? dates.month_first + " reads only month first"
                                                  : dates.day_first + " reads only day first");
    return s;
}

// ------------------------------------------------------------------ the importer
struct OrdersImporter::Impl {
    // A copy: the import may take many frames, and the program may change in between (the
    // store then refuses the result, see Store::import_orders).
    const Program program;
    const OrderWords& words = order_words();
    const MoneyRules money{program.settings.currency};
    ColumnMapping mapping;
    OrdersImportOptions options;
    OrdersImport result;
    std::optional<ColumnMatch> match;
    csv::Reader reader;
    uint64_t expected_bytes = 0;  // the file's size, 0 when not known
    uint64_t other_bytes = 0;     // of a file read by another reader (feed_row)
    bool sized = false;
    size_t header_columns = 0;
    bool last_row_short = false;
    int64_t last_row_columns = 0;

    // Order lines and orders seen: the program's (views into program.imported_orders) and this
    // file's (views into `arena`; each also goes to changes.new_order_keys as it is found, so
    // that the last frame of a large import does not make a million strings at once).
    OrderBook book;
    Arena arena;
    std::string key_text;                      // the row's line key (make_key), its bytes
    std::string_view line_key_;                // ...and the key, in it
    std::string user_key;                      // scratch for handle keys
    ViewMap<Id> creator_by_key;                // keys in `arena`
    std::unordered_map<std::string, Id> product_by_sku;

    // A post this file adds orders to: one of the program's or a new one. Its numbers are
    // summed here, in a small record beside the others (a row touches this, not a Post), and
    // written into the Post once, at the end.
    struct Target {
        int32_t existing = -1;  // index into program.posts, or -1
        int32_t fresh = -1;     // index into changes.new_posts, or -1
        Id creator = 0;
        std::string_view creator_key;  // its handle as the roster looks it up ("" when not there)
        bool touched = false;
        Id post_id = 0;
        uint32_t place = kNoPlace;  // in changes.new_lines, once a line is placed on it
        // The Product ID of its last line and that product's index in changes.new_lines: a
        // post's lines are nearly all of one product, found again without a lookup.
        std::string_view product;
        uint32_t product_code = 0;
        int64_t orders = 0, buyers = 0, units = 0;
        double gmv = 0, refunded = 0, commission = 0;
        // A new post's earliest order day (days since 1970), read day first [0] and month first [1].
        int32_t first_day[2] = {INT32_MAX, INT32_MAX};
    };
    static constexpr uint32_t kNoPlace = 0xFFFFFFFFu;
    ViewMap<Target> targets;                   // by content id; keys in `arena`
    ViewMap<uint32_t> product_codes;           // Product ID -> its index in changes.new_lines
    ViewMap<uint32_t> off_places;              // off_place()'s key -> its index in changes.new_lines
    std::string place_key;
    OrderLine line_;                           // the row being read, as a line
    TimeReader times_;
    int64_t alt_time_ = 0;                     // its Time Created read month first
    size_t alt_reserve_ = 0;                   // the lines the file is expected to hold
    // That of each new line, for a file read month first; left empty while every line's two
    // readings agree (a year-first file), and filled from the lines' times at the first that
    // does not.
    std::vector<int64_t> alt_new_;
    std::vector<uint32_t> touched;             // targets of program posts, in first-touch order
    Id next_id;

    Impl(Program&& moved, uint64_t revision, ColumnMapping m, OrdersImportOptions o)
        : program(std::move(moved)),
          mapping(std::move(m)),
          options(o),
          reader([this](const csv::Record& r) { return on_record(r); }, 1 << 20, csv::kDetectSeparator),
          next_id(first_free_id(program)) {
        const Program& p = program;
        result.changes.base_revision = revision;

        room_for_keys(64 << 10);  // the new lines' keys in a text of their own from the start (never in the string itself)
        const OrderLines& lines = program.order_lines;
        book.add_all(lines);
        for (const std::string& k : program.imported_orders) book.add(k, OrderBook::kLegacy, true);
        std::unordered_map<Id, std::string_view> key_of;
        for (const Creator& c : program.creators) {
            const std::string_view key = arena.keep(handle_key(c.handle));
            creator_by_key.insert(key, c.id);
            key_of.emplace(c.id, key);
        }
        for (size_t i = 0; i < program.posts.size(); ++i) {
            const std::string_view id = content_id_view(program.posts[i].tiktok_ref);
            if (id.empty()) continue;
            const auto at = targets.probe(id);
            if (at.found()) continue;  // the first post with this content id takes its orders
            Target t;
            t.existing = static_cast<int32_t>(i);
            t.creator = program.posts[i].creator_id;
            if (const auto k = key_of.find(t.creator); k != key_of.end()) t.creator_key = k->second;
            t.post_id = program.posts[i].id;
            // Kept side by side in the arena: a row reads its key from there, not from a Post.
            targets.insert(at, arena.keep(id), t);
        }
        for (const Product& x : p.products) {
            const std::string sku(trim_view(x.sku));
            if (!sku.empty()) product_by_sku.emplace(sku, x.id);
        }
    }

    void problem(const csv::Record& r, std::string_view order_id, std::string reason) {
        ++result.problem_count;
        if (result.problems.size() < kKeepListed)
            result.problems.push_back({r.row, r.line, clip(order_id, 100), std::move(reason)});
    }

    void unmatched(const csv::Record& r, std::string_view order_id, std::string_view user, std::string_view content,
                   double amount, std::string reason) {
        ++result.unmatched_count;
        if (result.unmatched.size() < kKeepListed)
            result.unmatched.push_back(
                {r.row, clip(order_id, 100), clip(user, 100), clip(content, 100), amount, std::move(reason)});
    }

    bool on_record(const csv::Record& r) {
        if (!match) {
            std::vector<std::string> headers;
            headers.reserve(r.fields.size());
            for (std::string_view h : r.fields) headers.emplace_back(trim_view(h));
            match = match_columns(headers, mapping);
            header_columns = headers.size();
            for (int f = 0; f < kOrderFieldCount; ++f)
                if (match->column[f] >= 0) read_fields[read_count++] = {static_cast<uint8_t>(f), match->column[f]};
            if (!match->ok()) {
                std::string names;
                for (size_t i = 0; i < match->missing_required.size(); ++i)
                    names += (i ? ", " : "") + in_quotes(match->missing_required[i]);
                result.refused = "the file has no " + names + " column" +
                                 (match->missing_required.size() > 1 ? "s" : "") +
                                 "; choose which of its columns to use in the column mapping";
                return false;
            }
            return true;
        }
        ++result.rows;
        row(r);
        return true;
    }

    // This row's cell of each field, trimmed (empty when the field has no column or the row
    // is short): taken once per row.
    // A column of words ("Settled", "No") holds the same few row after row: what each of the
    // first few cells met meant is kept, so that most rows compare a short text or two instead
    // of every word of every language.
    struct WordMemo {
        struct Seen {
            std::string cell;
            bool ok;
            uint8_t value;
        };
        std::vector<Seen> seen;
        template <class Read, class T> bool read(std::string_view v, Read&& fresh, T& out) {
            for (const Seen& x : seen)
                if (same(v, x.cell)) return out = static_cast<T>(x.value), x.ok;
            T value{};
            const bool ok = fresh(v, value);
            if (seen.size() < 8) seen.push_back({std::string(v), ok, static_cast<uint8_t>(value)});
            out = value;
            return ok;
        }
    };
    WordMemo refund_words, status_words, kind_words;

    // A cell that says it has no value ("/", "--", "N/A", "<5") is taken as empty; `blanked`
    // marks which, for the reason when the field is required.
    // Only the fields the file has are read (read_fields: each with its column, from the
    // header); the others' cells stay empty.
    std::array<std::string_view, kOrderFieldCount> cells{};
    uint32_t blanked = 0;
    struct ReadField {
        uint8_t field;
        int column;
    };
    std::array<ReadField, kOrderFieldCount> read_fields{};
    int read_count = 0;
    void take_cells(const csv::Record& r) {
        blanked = 0;
        const size_t n = r.fields.size();
        for (int k = 0; k < read_count; ++k) {
            const ReadField x = read_fields[static_cast<size_t>(k)];
            std::string_view v = static_cast<size_t>(x.column) < n ? r.fields[static_cast<size_t>(x.column)] : std::string_view{};
            if (v.empty()) {
                cells[x.field] = v;
                continue;
            }
            // trim_view(), its test of the first and last bytes written out here (nearly every
            // cell has nothing to trim, and the call cost more than the test).
            const auto first = static_cast<unsigned char>(v.front()), last = static_cast<unsigned char>(v.back());
            if (!(first > ' ' && last > ' ' && first < 0xC2 && last < 0x80)) v = trim_around(v);
            if (!v.empty() && v.size() <= 6 && no_value(v)) {
                v = {};
                blanked |= 1u << x.field;
            }
            cells[x.field] = v;
        }
    }
    std::string_view cell(OrderField f) const { return cells[static_cast<size_t>(f)]; }
    bool has(OrderField f) const { return match->column[static_cast<int>(f)] >= 0; }
    // `Price "abc" is not a number`: the field's cell and what is wrong with it.
    std::string bad(OrderField f, const std::string& why) const {
        return std::string(order_field_header(f)) + " " + in_quotes(cell(f)) + " " + why;
    }
    // "no Payment Amount", or `no Payment Amount ("/" means no value)` for a placeholder.
    std::string missing(const csv::Record& r, OrderField f) const {
        std::string why = std::string("no ") + order_field_header(f);
        if (blanked & (1u << static_cast<int>(f)))
            why += " (" + in_quotes(trim_view(r.fields[static_cast<size_t>(match->column[static_cast<int>(f)])])) +
                   " means no value)";
        return why;
    }

    // The row's line key, "order id" or "order id/sku id" (a SKU ID with a '/' is left out), in
    // key_text: its bytes copied in place, the text made longer only for a longer key.
    std::string_view make_key(std::string_view order_id, std::string_view sku) {
        const bool with_sku = !sku.empty() && sku.find('/') == std::string_view::npos;
        const size_t n = order_id.size() + (with_sku ? 1 + sku.size() : 0);
        if (key_text.size() < n) key_text.resize(std::max(n, 2 * key_text.size()));
        char* p = key_text.data();
        std::memcpy(p, order_id.data(), order_id.size());
        if (with_sku) {
            p[order_id.size()] = '/';
            std::memcpy(p + order_id.size() + 1, sku.data(), sku.size());
        }
        return line_key_ = std::string_view(p, n);
    }

    // Whether a row's handle (handle_view) is the roster's key `key` (lower case): the same
    // bytes, as nearly every export writes it, or the same letters in another case.
    static bool same_handle(std::string_view handle, std::string_view key) {
        if (same(handle, key)) return true;
        if (handle.size() != key.size()) return false;
        for (size_t i = 0; i < key.size(); ++i)
            if (lower_char(handle[i]) != key[i]) return false;
        return true;
    }

    // A row that is not an order: the line of column descriptions Seller Center puts under the
    // header, its "Total of N results" at the end, or a row of empty cells a spreadsheet left.
    // Returns why (with the text that shows it), or nothing for a row to read as an order.
    std::optional<std::string> not_an_order(const csv::Record& r, std::string_view order_id) const {
        if (!order_id.empty() && is_digit(order_id[0])) return std::nullopt;  // an id: nearly every row
        std::string_view first = order_id;
        for (size_t i = 0; first.empty() && i < r.fields.size(); ++i) first = trim_view(r.fields[i]);
        if (first.empty()) return "an empty row";
        for (const std::string& word : words.total)
            if (key_is(first, word, true)) return "a totals row (" + in_quotes(first) + ")";
        if (result.rows == 1 && is_prose(order_id)) return "a row of column descriptions under the header (" + in_quotes(order_id) + ")";
        return std::nullopt;
    }

    // What the file's dates say about their order: the first value of each kind (DateReading).
    DayVote dates;
    void note_day(std::string_view v) {
        // Year first ("2026-11-13 ..."): nothing to decide, seen from two bytes.
        if (v.size() < 5 || !is_digit(v[0]) || (is_digit(v[3]) && !is_digit(v[4]))) return;
        dates.note(v);
    }

    // The order the file's dates are read in, and where it came from.
    DateReading read_dates() const { return dates.decide(options.date_order); }

    void skip(const csv::Record& r, std::string reason) {
        ++result.skipped;
        if (result.skipped_rows.size() < kKeepListed) result.skipped_rows.push_back({r.row, r.line, "", std::move(reason)});
    }

    void row(const csv::Record& r) {
        take_cells(r);
        using F = OrderField;
        const std::string_view order_id = cell(F::order_id);
        // (An id, starting with a digit as nearly every row's does, is an order: not asked.)
        if (auto why = !order_id.empty() && is_digit(order_id[0]) ? std::nullopt : not_an_order(r, order_id)) {
            last_row_short = false;  // a totals row may be short and still end the file
            return skip(r, std::move(*why));
        }
        last_row_short = r.fields.size() < header_columns;
        last_row_columns = static_cast<int64_t>(r.fields.size());
        note_day(cell(F::time_created));
        if (r.fields.size() < header_columns) {
            problem(r, order_id, "has " + std::to_string(r.fields.size()) + " columns; the header has " +
                                     std::to_string(header_columns));
            return;
        }
        if (order_id.empty()) return problem(r, order_id, missing(r, F::order_id));
        if (order_id.find('/') != std::string_view::npos) return problem(r, order_id, "Order ID " + in_quotes(order_id) + " holds a '/'");
        // A line's key is kept one to a text line (the backup's order_lines): ids hold no line break.
        for (F id : {F::order_id, F::sku_id})
            if (has_line_break(cell(id)))
                return problem(r, order_id, std::string(order_field_header(id)) + " " + in_quotes(cell(id)) + " holds a line break");
        for (F id : {F::order_id, F::sku_id, F::content_id, F::product_id})
            if (rounded_number(cell(id)))
                return problem(r, order_id, bad(id, "is a number a spreadsheet rounded, its last digits lost: import the file as downloaded"));
        const std::string_view user = cell(F::creator_username);
        const std::string_view handle = handle_view(user);
        if (handle.empty()) return problem(r, order_id, missing(r, F::creator_username));
        // The order's and the post's table slots are asked for now and read below.
        const uint32_t order_tag = key_tag(order_id);
        book.prefetch(order_tag);
        const std::string_view content = cell(F::content_id);
        const std::string_view content_key = content_id_view(content);
        const uint32_t content_tag = key_tag(content_key);
        targets.prefetch(content_tag);

        std::string why;
        int64_t quantity = 1;
        if (has(F::quantity) && !cell(F::quantity).empty()) {
            if (!parse_count(cell(F::quantity), quantity) || quantity < 1)
                return problem(r, order_id, "Quantity " + in_quotes(cell(F::quantity)) + " is not a whole number of 1 or more");
        }
        if (has(F::currency)) {
            const std::string_view cur = cell(F::currency);
            if (!cur.empty() && !iequals(cur, program.settings.currency))
                return problem(r, order_id, "currency " + in_quotes(cur) + " is not the program's " + program.settings.currency);
        }
        double price = 0;
        bool has_price = false;
        if (!cell(F::price).empty()) {
            if (!parse_amount(cell(F::price), price, why, money)) return problem(r, order_id, bad(F::price, why));
            has_price = true;
        }
        double payment = 0;
        if (has(F::payment_amount)) {
            if (cell(F::payment_amount).empty()) return problem(r, order_id, missing(r, F::payment_amount));
            if (has_price && same(cell(F::payment_amount), cell(F::price)))
                payment = price;  // written as the price (one unit, no discount): read once
            else if (!parse_amount(cell(F::payment_amount), payment, why, money))
                return problem(r, order_id, bad(F::payment_amount, why));
        } else {
            if (!has_price) return problem(r, order_id, missing(r, F::price) + " (and the file has no Payment Amount)");
            payment = price * static_cast<double>(quantity);
        }
        bool refunded = false;
        if (has(F::fully_refunded) && !refund_words.read(cell(F::fully_refunded), [this](std::string_view v, bool& out) {
                return parse_flag(v, out, words);
            }, refunded))
            return problem(r, order_id, "Fully returned or refunded " + in_quotes(cell(F::fully_refunded)) + " is not yes or no");
        // Commission: the estimate (Est. standard commission payment, else the commission base
        // times the standard rate) and the actual payment when written; what the line earns is
        // the actual payment, else the estimate, and nothing when Ineligible.
        OrderLine& line = line_;
        line.est_commission = 0;
        line.actual_commission.reset();
        {
            const bool has_actual = !cell(F::actual_commission).empty();
            if (has_actual) {
                double v = 0;
                if (!parse_amount(cell(F::actual_commission), v, why, money)) return problem(r, order_id, bad(F::actual_commission, why));
                line.actual_commission = v;
            }
            if (has_actual && same(cell(F::est_commission), cell(F::actual_commission))) {
                // The estimate written as the payment (a Settled line's, usually): read once.
                line.est_commission = *line.actual_commission;
            } else if (!cell(F::est_commission).empty()) {
                if (!parse_amount(cell(F::est_commission), line.est_commission, why, money)) {
                    if (!has_actual) return problem(r, order_id, bad(F::est_commission, why));
                    line.est_commission = *line.actual_commission;
                }
            } else if (!cell(F::commission_rate).empty()) {
                // No payment written: the commission base times the standard rate.
                const F base = cell(F::actual_commission_base).empty() ? F::est_commission_base : F::actual_commission_base;
                double amount = 0, rate = 0;
                if (!cell(base).empty()) {
                    if (!parse_amount(cell(base), amount, why, money)) {
                        if (!has_actual) return problem(r, order_id, bad(base, why));
                    } else if (!parse_rate(cell(F::commission_rate), rate, why)) {
                        if (!has_actual) return problem(r, order_id, bad(F::commission_rate, why));
                    } else {
                        line.est_commission = amount * rate;
                    }
                }
            } else if (has_actual) {
                line.est_commission = *line.actual_commission;
            }
            uint8_t status = 0;
            status_words.read(cell(F::order_status), [this](std::string_view v, uint8_t& out) {
                out = static_cast<uint8_t>(parse_status(v, words));
                return true;
            }, status);
            line.status = static_cast<OrderStatus>(status);
        }
        line.sample = payment == 0;
        const double commission = line.commission();
        const bool sample = line.sample;
        if (sample && !(has_price && price > 0))
            return problem(r, order_id, "Payment Amount is 0 and there is no Price above 0: neither an order nor a sample");
        line.quantity = quantity;
        line.amount = payment;
        line.refunded = refunded;
        // (A line of a version-1 key found again is kept from now on; it is no longer a key.)

        // Known lines: the same order line imported before (compared, and nothing more: its
        // place and its time stay), or earlier in this file (a duplicate).
        const std::string_view line_key = make_key(order_id, cell(F::sku_id));
        const OrderBook::Found seen = book.find(order_id, order_tag, line_key);
        if (seen.line && seen.at == OrderBook::kThisFile) {
            ++result.duplicates;
            return;
        }
        if (seen.line && seen.at >= 0) return known(static_cast<uint32_t>(seen.at), commission);
        times_.read(cell(F::time_created), line.time, alt_time_);

        ContentKind kind = content_key.empty() ? ContentKind::other : ContentKind::video;
        if (!cell(F::content_type).empty()) {
            uint8_t k = 0;
            kind_words.read(cell(F::content_type), [this](std::string_view v, uint8_t& out) {
                out = static_cast<uint8_t>(parse_kind(v, true, words));
                return true;
            }, k);
            kind = static_cast<ContentKind>(k);
        }
        // A video's post is looked up first: when it is the row's creator's (nearly every row),
        // the creator is known from it, without looking the handle up in the roster.
        ViewMap<Target>::Probe at;
        Id creator_id = 0;
        if (kind == ContentKind::video && !content_key.empty()) {
            at = targets.probe(content_key, content_tag);
            if (at.found()) {
                const Target& known_post = targets.value(at.entry);
                if (!known_post.creator_key.empty() && same_handle(handle, known_post.creator_key)) creator_id = known_post.creator;
            }
        }
        if (creator_id == 0) {
            // The roster's key of the handle (in user_key, which a new post keeps).
            user_key.assign(handle);
            for (char& ch : user_key) ch = lower_char(ch);
            if (const Id* c = creator_by_key.find(user_key)) creator_id = *c;
        }
        const Id* creator = creator_id != 0 ? &creator_id : nullptr;

        if (sample) {
            ++result.samples;
            // Kept as a line (it adds nothing), so that a later export of it is known.
            remember(seen, order_id.size(), false, off_place(creator ? *creator : 0, kind, content_key));
            return;
        }

        if (!creator)
            return unmatched(r, order_id, user, content, payment, "no creator @" + normalize_handle(user) + " on the roster");
        count_commission(line.status, commission);
        const bool legacy = seen.line;  // a version-1 program counted it already: kept, nothing added
        if (kind != ContentKind::video || content_key.empty()) {
            // A LIVE, showcase or other sale: counted for the creator from the line itself.
            remember(seen, order_id.size(), true, off_place(*creator, kind, content_key));
            if (legacy) return void(++result.adopted);
            return new_line(seen, commission, true);
        }

        Target* t;  // `at` is where its post is, or would go (probed above)
        if (at.found()) {
            t = &targets.value(at.entry);
            if (t->creator != *creator) {
                // Another creator's post: the sale is the ordering creator's, on no post.
                remember(seen, order_id.size(), true, off_place(*creator, ContentKind::other, content_key));
                if (legacy) return void(++result.adopted);
                return new_line(seen, commission, true);
            }
        } else {
            if (legacy) {
                remember(seen, order_id.size(), true, off_place(*creator, kind, content_key));
                return void(++result.adopted);
            }
            Post p;
            p.id = next_id++;
            p.creator_id = *creator;
            p.tiktok_ref = std::string(content_key);
            for (std::string_view code : {cell(F::sku_id), cell(F::product_id)}) {
                auto prod = product_by_sku.find(std::string(code));
                if (!code.empty() && prod != product_by_sku.end()) {
                    p.product_id = prod->second;
                    break;
                }
            }
            Target fresh;
            fresh.fresh = static_cast<int32_t>(result.changes.new_posts.size());
            fresh.creator = *creator;
            fresh.creator_key = arena.keep(user_key);
            fresh.post_id = p.id;
            fresh.touched = true;
            result.changes.new_posts.push_back(std::move(p));
            targets.insert(at, arena.keep(content_key), fresh);
            t = &targets.value(static_cast<uint32_t>(targets.size() - 1));
        }
        if (t->place == kNoPlace) {
            OrderLines::Place pl;
            pl.creator_id = t->creator;
            pl.post_id = t->post_id;
            pl.kind = ContentKind::video;
            pl.content_type = std::string(cell(F::content_type));
            pl.content_id = std::string(content_key);
            // New: one post (one content id) has one place, and a place on no post has no post id.
            t->place = result.changes.new_lines.add_place(std::move(pl));
        }
        remember(seen, order_id.size(), true, t->place, t);
        if (legacy) return void(++result.adopted);
        if (t->fresh >= 0) {
            // Its earliest order's day, read both ways until the file decides (at finish()).
            if (line.time != 0) t->first_day[0] = std::min(t->first_day[0], day_of(line.time));
            if (alt_time_ != 0) t->first_day[1] = std::min(t->first_day[1], day_of(alt_time_));
        } else {
            touch(*t, at.entry);
        }
        if (!seen.counted) {
            ++t->orders;
            ++t->buyers;
        }
        t->units += quantity;
        t->gmv += payment;
        if (refunded) t->refunded += payment;
        t->commission += commission;
        new_line(seen, commission, false);
    }

    // A target of a program post takes the post's numbers the first time a line reaches it.
    void touch(Target& t, uint32_t entry) {
        if (t.touched) return;
        const Post& p = program.posts[static_cast<size_t>(t.existing)];
        t.touched = true;
        t.orders = p.orders;
        t.buyers = p.buyers;
        t.units = p.units == 0 && p.orders > 0 ? p.orders : p.units;  // units were never filled in
        t.gmv = p.gmv;
        t.refunded = p.refunded;
        t.commission = p.commission;
        touched.push_back(entry);
    }

    // The summary's counts for a new line (its figures already in line_).
    void new_line(const OrderBook::Found& seen, double commission, bool off_post) {
        if (!seen.counted) ++result.orders;
        ++result.imported;
        if (off_post) ++result.off_post;
        result.gmv += line_.amount;
        if (line_.refunded) result.refunded += line_.amount;
        result.commission += commission;
    }

    void count_commission(OrderStatus s, double commission) {
        if (s == OrderStatus::settled) result.commission_settled += commission;
        else if (s != OrderStatus::ineligible) result.commission_expected += commission;
    }

    // A line of the program read again: unchanged, or its new figures kept and the difference
    // (new minus old) added to its post, so that what a person typed into the post stays.
    void known(uint32_t i, double commission) {
        const OrderLines& lines = program.order_lines;
        line_.time = lines.get_time(i);  // the day an order was made does not change
        if (lines.creator_id(i) != 0) count_commission(line_.status, commission);
        if (lines.same_figures(i, line_)) return void(++result.unchanged);
        ++result.updated;
        const OrderLine before = lines.get(i);
        const LineChange c = line_change(before, line_);
        result.status_changed += c.status;
        result.refund_changed += c.refund;
        result.commission_changed += c.commission;
        result.amount_changed += c.amount;
        OrderLine after = before;
        after.quantity = line_.quantity;
        after.amount = line_.amount;
        after.refunded = line_.refunded;
        after.sample = line_.sample;
        after.status = line_.status;
        after.est_commission = line_.est_commission;
        after.actual_commission = line_.actual_commission;
        result.changes.updated_at.push_back(i);
        result.changes.updated_lines.push_back(after);
        const double d_units = static_cast<double>(after.sample ? 0 : after.quantity) - static_cast<double>(before.sample ? 0 : before.quantity);
        const double d_gmv = (after.sample ? 0 : after.amount) - (before.sample ? 0 : before.amount);
        const double d_refund = (after.refunded && !after.sample ? after.amount : 0) - (before.refunded && !before.sample ? before.amount : 0);
        const double d_commission = after.commission() - before.commission();
        result.gmv += d_gmv;
        result.refunded += d_refund;
        result.commission += d_commission;
        if (before.post_id == 0) return;  // on no post: the creator's figures come from the line itself
        const auto at = targets.probe(before.content_id);
        if (!at.found()) return;
        Target& t = targets.value(at.entry);
        if (t.existing < 0 || program.posts[static_cast<size_t>(t.existing)].id != before.post_id) return;  // the post is gone
        touch(t, at.entry);
        t.units += static_cast<int64_t>(d_units);
        t.gmv += d_gmv;
        t.refunded += d_refund;
        t.commission += d_commission;
    }

    // The place of a line on no post, one per creator, kind, content type and content id.
    // Found by a key of those four made in place_key (no Place made for a row whose place is
    // known: a LIVE seller's rows are thousands of the same place).
    uint32_t off_place(Id creator, ContentKind kind, std::string_view content_key) {
        const std::string_view type = cell(OrderField::content_type);
        place_key.resize(sizeof creator + 1);
        std::memcpy(place_key.data(), &creator, sizeof creator);
        place_key[sizeof creator] = static_cast<char>(kind);
        place_key.append(type);
        place_key += '\0';
        place_key.append(content_key);
        const auto at = off_places.probe(place_key);
        if (at.found()) return off_places.value(at.entry);
        OrderLines::Place pl;
        pl.creator_id = creator;
        pl.kind = kind;
        pl.content_type = std::string(type);
        pl.content_id = std::string(content_key);
        // New: a place on no post already known is found by its key above, and a post's place
        // has the post's id (never 0).
        const uint32_t index = result.changes.new_lines.add_place(std::move(pl));
        off_places.insert(at, arena.keep(place_key), index);
        return index;
    }

    // The new lines' keys are where the book reads this file's (OrderBook keeps views): they
    // never move. When they need more room, the text that holds them is kept aside as it is
    // (old_keys) and the lines go on in a larger copy.
    std::vector<std::string> old_keys;
    void room_for_keys(size_t capacity) { old_keys.push_back(result.changes.new_lines.grow_keys(capacity)); }

    // Keeps the order line in `line_key` (absent, or a version-1 key, as `seen` found it) as one
    // this import adds, with the figures in line_; a sample's line does not make its order one
    // already counted.
    void remember(const OrderBook::Found& seen, size_t order_id_size, bool counted, uint32_t place, Target* post = nullptr) {
        OrderLines& lines = result.changes.new_lines;
        if (lines.key_room() < line_key_.size()) room_for_keys(2 * lines.keys_size() + line_key_.size());
        const std::string_view product = cell(OrderField::product_id);
        uint32_t code;
        if (post && !post->product.empty() && same(product, post->product)) {
            code = post->product_code;
        } else {
            const auto at = product_codes.probe(product);
            uint32_t entry = at.entry;
            if (at.found()) {
                code = product_codes.value(entry);
            } else {
                code = lines.product_index(product);
                entry = static_cast<uint32_t>(product_codes.size());
                product_codes.insert(at, arena.keep(product), code);
            }
            if (post) post->product = product_codes.key(entry), post->product_code = code;
        }
        lines.push_back(line_key_, place, code, line_);
        const std::string_view v = lines.key(lines.size() - 1);  // where the book finds it
        if (alt_time_ != line_.time || !alt_new_.empty()) {
            if (alt_new_.empty()) {
                alt_new_.reserve(alt_reserve_);
                for (size_t i = 0; i + 1 < lines.size(); ++i) alt_new_.push_back(lines.get_time(i));
            }
            alt_new_.push_back(alt_time_);
        }
        if (!seen.line) book.add(seen, v, order_id_size, counted);
        else book.set_at(seen.index, OrderBook::kThisFile);  // a version-1 key: in this file now
    }

    // A target's sums written into its post, rounded to the cent; a new post's day as well.
    static void settle(Post& p, const Target& t, DateOrder order) {
        if (t.fresh >= 0) {
            const int32_t day = t.first_day[order == DateOrder::day_first ? 0 : 1];
            if (day != INT32_MAX) p.published = Date{day};
        }
        p.orders = t.orders;
        p.buyers = t.buyers;
        p.units = t.units;
        p.gmv = cents(t.gmv);
        p.refunded = std::min(cents(t.refunded), p.gmv);
        p.commission = cents(t.commission);
    }

    // The tables sized for the whole file from its first thousand rows (a tenth more, in case
    // the rows grow longer).
    void size_tables(uint64_t bytes_read) {
        if (sized || expected_bytes == 0 || result.rows < 1000) return;
        sized = true;
        const double per_row = static_cast<double>(bytes_read) / static_cast<double>(result.rows);
        const auto rows = static_cast<size_t>(static_cast<double>(expected_bytes) / per_row * 1.1);
        book.reserve(rows + program.order_lines.size() + program.imported_orders.size());
        OrderLines& lines = result.changes.new_lines;
        lines.reserve(rows, 0);
        const size_t key_bytes = rows * (line_key_.size() + 4);
        if (lines.key_room() < key_bytes) room_for_keys(lines.keys_size() + key_bytes);
        alt_reserve_ = rows;
    }

    OrdersImport finish() {
        if (result.refused.empty() && !reader.failed()) reader.finish();
        if (reader.failed()) result.refused = reader.error().message;
        if (result.refused.empty() && !match) result.refused = "the file is empty: no header row";
        if (result.refused.empty() && result.rows == 0)
            result.refused = "the file has its header row and no rows under it: no orders to import";
        if (result.refused.empty() && last_row_short)
            result.refused = "the last row has " + std::to_string(last_row_columns) + " of " +
                             std::to_string(header_columns) + " columns: the file looks truncated";
        if (match) result.columns = *match;
        if (!result.refused.empty()) {
            // Refused whole: nothing counts.
            OrdersImport refused;
            refused.refused = std::move(result.refused);
            refused.columns = std::move(result.columns);
            refused.changes.base_revision = result.changes.base_revision;
            return refused;
        }
        result.dates = read_dates();
        if (result.dates.order == DateOrder::month_first)
            for (size_t i = 0; i < alt_new_.size(); ++i) result.changes.new_lines.set_time(i, alt_new_[i]);
        result.changes.updated_posts.reserve(touched.size());
        for (uint32_t i : touched) {
            const Target& t = targets.value(i);
            Post p = program.posts[static_cast<size_t>(t.existing)];
            settle(p, t, result.dates.order);
            result.changes.updated_posts.push_back(std::move(p));
        }
        for (uint32_t i = 0; i < targets.size(); ++i)
            if (const Target& t = targets.value(i); t.fresh >= 0)
                settle(result.changes.new_posts[static_cast<size_t>(t.fresh)], t, result.dates.order);
        result.gmv = cents(result.gmv);
        result.refunded = cents(result.refunded);
        result.commission = cents(result.commission);
        result.commission_settled = cents(result.commission_settled);
        result.commission_expected = cents(result.commission_expected);
        result.posts_updated = static_cast<int64_t>(result.changes.updated_posts.size());
        result.posts_created = static_cast<int64_t>(result.changes.new_posts.size());
        return std::move(result);
    }
};

OrdersImporter::OrdersImporter(const Program& program, uint64_t revision, ColumnMapping mapping,
                               OrdersImportOptions options)
    : impl_(std::make_unique<Impl>(Program(program), revision, std::move(mapping), options)) {}
OrdersImporter::OrdersImporter(Program&& program, uint64_t revision, ColumnMapping mapping, OrdersImportOptions options)
    : impl_(std::make_unique<Impl>(std::move(program), revision, std::move(mapping), options)) {}
OrdersImporter::~OrdersImporter() = default;

void OrdersImporter::expect_bytes(uint64_t total) { impl_->expected_bytes = total; }

bool OrdersImporter::feed(std::string_view bytes) {
    Impl& m = *impl_;
    if (!m.result.refused.empty()) return false;
    const bool go_on = m.reader.feed(bytes);
    m.size_tables(m.reader.bytes_read());
    return go_on;
}

bool OrdersImporter::feed_row(int64_t row, const std::vector<std::string_view>& cells, uint64_t bytes_read) {
    Impl& m = *impl_;
    if (!m.result.refused.empty()) return false;
    m.other_bytes = bytes_read;
    const csv::Record r{row, row, cells};
    const bool go_on = m.on_record(r);
    m.size_tables(bytes_read);
    return go_on && m.result.refused.empty();
}

void OrdersImporter::refuse(std::string reason) {
    if (impl_->result.refused.empty()) impl_->result.refused = std::move(reason);
}

uint64_t OrdersImporter::bytes_read() const { return impl_->reader.bytes_read() + impl_->other_bytes; }
int64_t OrdersImporter::rows_read() const { return impl_->result.rows; }
const std::optional<ColumnMatch>& OrdersImporter::columns() const { return impl_->match; }
OrdersImport OrdersImporter::finish() { return impl_->finish(); }

OrdersImport import_orders_csv(const Program& program, std::string_view csv, const ColumnMapping& mapping,
                               uint64_t revision, const OrdersImportOptions& options) {
    OrdersImporter imp(program, revision, mapping, options);
    imp.feed(csv);
    return imp.finish();
}

void apply_orders(Program& p, const OrdersChanges& c) {
    std::unordered_map<Id, size_t> index;
    index.reserve(p.posts.size());
    for (size_t i = 0; i < p.posts.size(); ++i) index.emplace(p.posts[i].id, i);
    for (const Post& x : c.updated_posts) {
        auto it = index.find(x.id);
        if (it != index.end()) p.posts[it->second] = x;
    }
    const size_t first_new = p.posts.size();
    for (const Post& x : c.new_posts) {
        p.posts.push_back(x);
        p.next_id = std::max(p.next_id, x.id + 1);
    }
    settle_post_fees(p, first_new);  // a new post carries its creator's fee per content piece
    for (size_t k = 0; k < c.updated_at.size(); ++k)
        if (c.updated_at[k] < p.order_lines.size()) p.order_lines.set_figures(c.updated_at[k], c.updated_lines.get(k));
    p.order_lines.append(c.new_lines);
}

std::vector<std::string> OrdersChanges::new_keys() const {
    std::vector<std::string> out;
    out.reserve(new_lines.size());
    for (size_t i = 0; i < new_lines.size(); ++i) out.emplace_back(new_lines.key(i));
    return out;
}

std::unordered_map<Id, CreatorLineSales> line_sales(const Program& p) {
    std::unordered_map<Id, CreatorLineSales> out;
    const OrderLines& l = p.order_lines;
    // An order counts once, for the creator and kind of its first line that is not a sample.
    std::unordered_map<std::string_view, bool> orders;
    orders.reserve(l.size());
    for (size_t i = 0; i < l.size(); ++i) {
        const Id c = l.creator_id(i);
        if (c == 0 || l.sample(i)) continue;
        CreatorLineSales& cs = out[c];
        const bool off = l.post_id(i) == 0;
        const std::string_view key = l.key(i);
        const bool first = orders.emplace(key.substr(0, key.find('/')), true).second;
        const double commission = l.commission(i);
        for (LineSales* s : {&cs.by_kind[static_cast<int>(l.kind(i))], off ? &cs.off_post : nullptr}) {
            if (!s) continue;
            ++s->lines;
            if (first) ++s->orders;
            s->units += l.quantity(i);
            s->gmv += l.amount(i);
            if (l.refunded(i)) s->refunded += l.amount(i);
            s->commission += commission;
            if (l.status(i) == OrderStatus::settled) s->commission_settled += commission;
            else if (l.status(i) != OrderStatus::ineligible) s->commission_expected += commission;
        }
    }
    for (auto& [id, cs] : out)
        for (LineSales* s : {&cs.by_kind[0], &cs.by_kind[1], &cs.by_kind[2], &cs.by_kind[3], &cs.off_post}) {
            s->gmv = cents(s->gmv);
            s->refunded = cents(s->refunded);
            s->commission = cents(s->commission);
            s->commission_settled = cents(s->commission_settled);
            s->commission_expected = cents(s->commission_expected);
        }
    return out;
}

}  // namespace sr
