#include "docs.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <unordered_set>

namespace sr {

using nlohmann::json;

DocDigest digest_of(const RecordHash& h) { return {h.a, h.b, 0}; }

DocDigest digest_of(std::string_view s) {
    uint64_t a = 1469598103934665603ull;  // FNV-1a
    uint64_t b = 0x9e3779b97f4a7c15ull;   // a multiply-xorshift of 8 bytes at a time
    for (unsigned char c : s) {
        a ^= c;
        a *= 1099511628211ull;
    }
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        uint64_t w = 0;
        for (int k = 0; k < 8; ++k) w |= static_cast<uint64_t>(static_cast<unsigned char>(s[i + k])) << (8 * k);
        b ^= w * 0xff51afd7ed558ccdull;
        b = (b << 31) | (b >> 33);
        b *= 0xc4ceb9fe1a85ec53ull;
    }
    for (; i < s.size(); ++i) {
        b ^= static_cast<unsigned char>(s[i]);
        b *= 0x100000001b3ull;
        b ^= b >> 29;
    }
    return {a, b, s.size()};
}

std::string doc_id(const char* kind, Id id) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%016lld", static_cast<long long>(id));
    return std::string(kind) + ":" + buf;
}

std::string orders_doc_id(size_t block) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%06zu", block);
    return std::string("orders:") + buf;
}

std::string block_doc_id(const char* kind, size_t block) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%06zu", block);
    return std::string(kind) + ":" + buf;
}

namespace {

constexpr const char* kLines = "lines";
constexpr const char* kLinePlaces = "line_places";
constexpr const char* kLineProducts = "line_products";

template <class T> bool in_id_order(const std::vector<T>& v) {
    for (size_t i = 1; i < v.size(); ++i)
        if (v[i - 1].id >= v[i].id) return false;
    return true;
}

template <class T> json ids_of(const std::vector<T>& v) {
    json a = json::array();
    for (const T& x : v) a.push_back(x.id);
    return a;
}

std::string meta_json(const Program& p) {
    json m = json::object();
    m["format"] = "spark-roster";
    m["version"] = kBackupVersion;
    m["next_id"] = p.next_id;
    json order = json::object();
    if (!in_id_order(p.creators)) order["creators"] = ids_of(p.creators);
    if (!in_id_order(p.products)) order["products"] = ids_of(p.products);
    if (!in_id_order(p.samples)) order["samples"] = ids_of(p.samples);
    if (!in_id_order(p.briefs)) order["briefs"] = ids_of(p.briefs);
    if (!in_id_order(p.posts)) order["posts"] = ids_of(p.posts);
    if (!in_id_order(p.spark_codes)) order["spark_codes"] = ids_of(p.spark_codes);
    if (!order.empty()) m["order"] = order;
    return m.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The document kinds of records with ids, in the order the diff walks them.
constexpr const char* kCreator = "creator";
constexpr const char* kProduct = "product";
constexpr const char* kSample = "sample";
constexpr const char* kBrief = "brief";
constexpr const char* kPost = "post";
constexpr const char* kSparkCode = "spark_code";

}  // namespace

std::vector<Doc> program_docs(const Program& p) {
    ProgramDocsDiff d(p, DocIndex{});
    while (!d.step(1u << 20)) {
    }
    return std::move(d.put());
}

ProgramDocsDiff::ProgramDocsDiff(Program snapshot, const DocIndex& stored) : p_(std::move(snapshot)), stored_(stored) {
    next_.reserve(stored.size() + 16);
}

void ProgramDocsDiff::offer(std::string id, std::string text) {
    const DocDigest d = digest_of(text);
    auto it = stored_.find(id);
    next_[id] = d;
    if (it == stored_.end() || it->second != d) put_.push_back({std::move(id), std::move(text)});
}

// A record is compared by its hash (record_hash: no text written); only a record that differs
// is written out.
template <class T> void ProgramDocsDiff::offer_record(std::string id, const T& x) {
    const DocDigest d = digest_of(record_hash(x));
    auto it = stored_.find(id);
    const bool changed = it == stored_.end() || it->second != d;
    next_[id] = d;
    if (changed) put_.push_back({std::move(id), record_json(x)});
}

bool ProgramDocsDiff::release(size_t records) {
    auto trim = [&records](auto& v) {
        for (; records > 0 && !v.empty(); --records) v.pop_back();
        return v.empty();
    };
    if (!trim(p_.posts) || !trim(p_.creators) || !trim(p_.samples) || !trim(p_.spark_codes) || !trim(p_.products) ||
        !trim(p_.briefs) || !trim(put_) || !trim(removed_))
        return false;
    for (; records > 0 && !next_.empty(); --records) next_.erase(next_.begin());
    if (!next_.empty()) return false;
    p_ = Program{};
    return true;
}

size_t ProgramDocsDiff::put_bytes() const {
    size_t n = 0;
    for (const Doc& d : put_) n += d.id.size() + d.json.size();
    return n;
}

bool ProgramDocsDiff::step(size_t records) {
    auto list = [&](const auto& v, const char* kind) {
        for (; index_ < v.size() && records > 0; ++index_, --records) offer_record(doc_id(kind, v[index_].id), v[index_]);
        return index_ >= v.size();
    };
    while (part_ < kParts && records > 0) {
        bool finished = true;
        switch (part_) {
            case 0: offer("program", meta_json(p_)); --records; break;
            case 1: offer_record("settings", p_.settings); --records; break;
            case 2: finished = list(p_.creators, kCreator); break;
            case 3: finished = list(p_.products, kProduct); break;
            case 4: finished = list(p_.samples, kSample); break;
            case 5: finished = list(p_.briefs, kBrief); break;
            case 6: finished = list(p_.posts, kPost); break;
            case 7: finished = list(p_.spark_codes, kSparkCode); break;
            case 8: offer_record("review_marks", p_.review_marks); --records; break;
            case 9: {
                const auto& keys = p_.imported_orders;
                const size_t blocks = (keys.size() + kOrderBlock - 1) / kOrderBlock;
                for (; index_ < blocks && records > 0; ++index_) {
                    const size_t from = index_ * kOrderBlock, to = std::min(keys.size(), from + kOrderBlock);
                    records -= std::min(records, to - from);
                    std::string id = orders_doc_id(index_);
                    const DocDigest d = digest_of(record_hash(keys, from, to));
                    auto it = stored_.find(id);
                    const bool changed = it == stored_.end() || it->second != d;
                    next_[id] = d;
                    if (changed)
                        put_.push_back({std::move(id), record_json(std::vector<std::string>(keys.begin() + static_cast<std::ptrdiff_t>(from),
                                                                                            keys.begin() + static_cast<std::ptrdiff_t>(to)))});
                }
                finished = index_ >= blocks;
                break;
            }
            case 10:
            case 11:
            case 12: {
                // The order lines' places, products and lines, a block a document.
                const OrderLines& l = p_.order_lines;
                const char* kind = part_ == 10 ? kLinePlaces : part_ == 11 ? kLineProducts : kLines;
                const size_t count = part_ == 10 ? l.places() : part_ == 11 ? l.products() : l.size();
                const size_t blocks = (count + kLineBlock - 1) / kLineBlock;
                for (; index_ < blocks && records > 0; ++index_) {
                    const size_t from = index_ * kLineBlock, to = std::min(count, from + kLineBlock);
                    // A line costs about what a record does to compare; a block a few hundred.
                    records -= std::min(records, std::max<size_t>(1, (to - from) / 16));
                    std::string id = block_doc_id(kind, index_);
                    const RecordHash h = part_ == 10   ? order_places_hash(l, from, to)
                                         : part_ == 11 ? order_products_hash(l, from, to)
                                                       : order_lines_hash(l, from, to);
                    const DocDigest d = digest_of(h);
                    auto it = stored_.find(id);
                    const bool changed = it == stored_.end() || it->second != d;
                    next_[id] = d;
                    if (changed)
                        put_.push_back({std::move(id), part_ == 10   ? order_places_json(l, from, to)
                                                       : part_ == 11 ? order_products_json(l, from, to)
                                                                     : order_lines_block_json(l, from, to)});
                }
                finished = index_ >= blocks;
                break;
            }
        }
        if (!finished) return false;
        ++part_;
        index_ = 0;
    }
    if (done() && removed_.empty()) {
        for (const auto& [id, d] : stored_)
            if (!next_.count(id)) removed_.push_back(id);
        std::sort(removed_.begin(), removed_.end());
    }
    return done();
}

// ------------------------------------------------------------------ reading
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The id part of "creator:0000000000000012", or -1.
int64_t number_after(std::string_view id, size_t at) {
    if (id.size() <= at || id.size() - at > 18) return -1;
    int64_t n = 0;
    for (size_t i = at; i < id.size(); ++i) {
        if (id[i] < '0' || id[i] > '9') return -1;
        n = n * 10 + (id[i] - '0');
    }
    return n;
}

template <class T>
bool read_record(std::string_view id, std::string_view text, size_t prefix, std::vector<T>& into, std::vector<Problem>& problems,
                 DocIndex& index) {
    T x{};
    if (!record_from_json(text, std::string(id), x, problems)) return false;
    if (number_after(id, prefix) != x.id) {
        problems.push_back({std::string(id) + ".id", "the record's id " + std::to_string(x.id) + " is not its document's"});
        return false;
    }
    index[std::string(id)] = digest_of(record_hash(x));
    into.push_back(std::move(x));
    return true;
}

template <class T> void sort_by_id(std::vector<T>& v) {
    std::sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.id < b.id; });
}

// Puts `v` in the order of the ids listed (every record once), else notes a problem.
template <class T> void apply_order(std::vector<T>& v, const json& ids, const char* name, std::vector<Problem>& problems) {
    const std::string path = std::string("program.order.") + name;
    if (!ids.is_array() || ids.size() != v.size()) {
        problems.push_back({path, "expected the " + std::to_string(v.size()) + " ids of the stored records"});
        return;
    }
    std::unordered_map<Id, size_t> at;
    at.reserve(v.size());
    for (size_t i = 0; i < v.size(); ++i) at.emplace(v[i].id, i);
    std::vector<T> out;
    out.reserve(v.size());
    std::unordered_set<Id> seen;
    for (const json& j : ids) {
        auto it = j.is_number_integer() ? at.find(j.get<Id>()) : at.end();
        if (it == at.end() || !seen.insert(it->first).second) {
            problems.push_back({path, "lists " + j.dump() + ", which is not one stored record"});
            return;
        }
        out.push_back(std::move(v[it->second]));
    }
    v = std::move(out);
}

// "$.posts[3].creator_id" of the assembled program as its document: "post:<id>.creator_id".
std::string doc_path(const Program& p, const std::string& path) {
    auto name = [&](const auto& v, const char* kind, const std::string& rest) -> std::string {
        const size_t close = rest.find(']');
        if (rest.empty() || rest[0] != '[' || close == std::string::npos) return path;
        const size_t i = static_cast<size_t>(std::strtoull(rest.c_str() + 1, nullptr, 10));
        if (i >= v.size()) return path;
        return doc_id(kind, v[i].id) + rest.substr(close + 1);
    };
    const std::string lists[] = {"$.creators", "$.products", "$.samples", "$.briefs", "$.posts", "$.spark_codes"};
    for (const std::string& l : lists) {
        if (path.compare(0, l.size(), l) != 0 || path.size() == l.size() || path[l.size()] != '[') continue;
        const std::string rest = path.substr(l.size());
        if (l == lists[0]) return name(p.creators, kCreator, rest);
        if (l == lists[1]) return name(p.products, kProduct, rest);
        if (l == lists[2]) return name(p.samples, kSample, rest);
        if (l == lists[3]) return name(p.briefs, kBrief, rest);
        if (l == lists[4]) return name(p.posts, kPost, rest);
        return name(p.spark_codes, kSparkCode, rest);
    }
    if (path.compare(0, 10, "$.settings") == 0) return "settings" + path.substr(10);
    if (path.compare(0, 14, "$.review_marks") == 0) return "review_marks" + path.substr(14);
    if (path.compare(0, 9, "$.next_id") == 0) return "program.next_id" + path.substr(9);
    return path;
}

}  // namespace

DocIndex ProgramDocsReader::index_unread() const {
    DocIndex out;
    for (const std::string& id : seen_) out[id] = DocDigest{0, 0, SIZE_MAX};  // no text digests to this
    return out;
}

bool ProgramDocsReader::add(std::string_view id, std::string_view text) {
    seen_.emplace_back(id);
    const size_t before = problems_.size();
    bool ok = true;
    auto kind = [&](std::string_view k) { return starts_with(id, k) && id.size() > k.size() && id[k.size()] == ':'; };
    if (id == "program") {
        json m = json::parse(text.begin(), text.end(), nullptr, false);
        if (!m.is_object() || m.value("format", json()) != "spark-roster") {
            problems_.push_back({"program", "expected \"format\": \"spark-roster\": these are not a Spark Roster program's documents"});
            ok = false;
        } else if (!m.contains("version") || !m["version"].is_number_integer() || m["version"].get<int64_t>() < 1 ||
                   m["version"].get<int64_t>() > kBackupVersion) {
            problems_.push_back({"program.version", "this app reads versions 1 to " + std::to_string(kBackupVersion)});
            ok = false;
        } else if (!m.contains("next_id") || !m["next_id"].is_number_integer() || m["next_id"].get<int64_t>() < 1) {
            problems_.push_back({"program.next_id", "expected a whole number of 1 or more"});
            ok = false;
        } else {
            p_.next_id = m["next_id"].get<Id>();
            if (m.contains("order")) order_json_ = m["order"].dump();
            have_meta_ = true;
        }
    } else if (id == "settings") {
        if ((ok = record_from_json(text, "settings", p_.settings, problems_))) index_["settings"] = digest_of(record_hash(p_.settings));
    } else if (id == "review_marks") {
        if ((ok = record_from_json(text, "review_marks", p_.review_marks, problems_)))
            index_["review_marks"] = digest_of(record_hash(p_.review_marks));
    } else if (kind(kCreator)) {
        ok = read_record(id, text, 8, p_.creators, problems_, index_);
    } else if (kind(kProduct)) {
        ok = read_record(id, text, 8, p_.products, problems_, index_);
    } else if (kind(kSample)) {
        ok = read_record(id, text, 7, p_.samples, problems_, index_);
    } else if (kind(kBrief)) {
        ok = read_record(id, text, 6, p_.briefs, problems_, index_);
    } else if (kind(kPost)) {
        ok = read_record(id, text, 5, p_.posts, problems_, index_);
    } else if (kind(kSparkCode)) {
        ok = read_record(id, text, 11, p_.spark_codes, problems_, index_);
    } else if (kind(kLines) || kind(kLinePlaces) || kind(kLineProducts)) {
        const int which = kind(kLines) ? 0 : kind(kLinePlaces) ? 1 : 2;
        const size_t at = std::string_view(which == 0 ? kLines : which == 1 ? kLinePlaces : kLineProducts).size() + 1;
        const int64_t block = number_after(id, at);
        if (block < 0) {
            problems_.push_back({std::string(id), "not a block number"});
            ok = false;
        } else {
            line_blocks_[which].push_back({static_cast<size_t>(block), {std::string(id), std::string(text)}});
        }
    } else if (kind("orders")) {
        const int64_t block = number_after(id, 7);
        std::vector<std::string> keys;
        if (block < 0) {
            problems_.push_back({std::string(id), "not a block number"});
            ok = false;
        } else if ((ok = record_from_json(text, std::string(id), keys, problems_))) {
            index_[std::string(id)] = digest_of(record_hash(keys, 0, keys.size()));
            order_blocks_.emplace_back(static_cast<size_t>(block), std::move(keys));
        }
    } else {
        problems_.push_back({std::string(id), "not a document of a Spark Roster program"});
        ok = false;
    }
    return ok && problems_.size() == before;
}

bool ProgramDocsReader::add_page(std::string_view page, size_t& at, size_t count) {
    for (; count > 0 && at < page.size(); --count) {
        const size_t id_end = page.find('\n', at);
        if (id_end == std::string_view::npos) {
            problems_.push_back({"page", "a document is cut short"});
            at = page.size();
            break;
        }
        size_t text_end = page.find('\n', id_end + 1);
        if (text_end == std::string_view::npos) text_end = page.size();
        add(page.substr(at, id_end - at), page.substr(id_end + 1, text_end - id_end - 1));
        at = text_end + 1;
    }
    if (at > page.size()) at = page.size();
    return at >= page.size();
}

LoadResult ProgramDocsReader::finish() {
    while (!finish_step()) {
    }
    return result();
}

bool ProgramDocsReader::finish_step() {
    LoadResult& r = result_;
    switch (finish_part_++) {
        case 0:
            r.problems = std::move(problems_);
            if (!have_meta_ && r.problems.empty()) r.problems.push_back({"program", "is missing: these are not a whole program's documents"});
            sort_by_id(p_.creators);
            sort_by_id(p_.products);
            sort_by_id(p_.samples);
            sort_by_id(p_.briefs);
            return false;
        case 1:
            sort_by_id(p_.posts);
            sort_by_id(p_.spark_codes);
            return false;
        case 2:
            if (!order_json_.empty() && r.problems.empty()) {
                const json order = json::parse(order_json_, nullptr, false);
                if (!order.is_object()) {
                    r.problems.push_back({"program.order", "expected an object"});
                } else {
                    if (order.contains("creators")) apply_order(p_.creators, order["creators"], "creators", r.problems);
                    if (order.contains("products")) apply_order(p_.products, order["products"], "products", r.problems);
                    if (order.contains("samples")) apply_order(p_.samples, order["samples"], "samples", r.problems);
                    if (order.contains("briefs")) apply_order(p_.briefs, order["briefs"], "briefs", r.problems);
                    if (order.contains("posts")) apply_order(p_.posts, order["posts"], "posts", r.problems);
                    if (order.contains("spark_codes")) apply_order(p_.spark_codes, order["spark_codes"], "spark_codes", r.problems);
                }
            }
            std::sort(order_blocks_.begin(), order_blocks_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
            for (size_t i = 0; i < order_blocks_.size() && r.problems.empty(); ++i) {
                if (order_blocks_[i].first != i) {
                    r.problems.push_back({orders_doc_id(i), "is missing: the imported order keys are not whole"});
                    break;
                }
                if (i + 1 < order_blocks_.size() && order_blocks_[i].second.size() != kOrderBlock) {
                    r.problems.push_back({orders_doc_id(i), "holds " + std::to_string(order_blocks_[i].second.size()) + " keys, not " +
                                                                 std::to_string(kOrderBlock) + ": the imported order keys are not whole"});
                    break;
                }
                for (std::string& k : order_blocks_[i].second) p_.imported_orders.push_back(std::move(k));
            }
            return false;
        case 3:
            if (r.problems.empty()) {
                // The order lines: every block in its place, joined and read as the backup's columns.
                std::vector<std::pair<std::string, std::string>> docs[3];
                for (int k = 0; k < 3 && r.problems.empty(); ++k) {
                    auto& v = line_blocks_[k];
                    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
                    for (size_t i = 0; i < v.size(); ++i) {
                        if (v[i].first != i) {
                            r.problems.push_back({block_doc_id(k == 0 ? kLines : k == 1 ? kLinePlaces : kLineProducts, i),
                                                  "is missing: the order lines are not whole"});
                            break;
                        }
                        docs[k].push_back(std::move(v[i].second));
                    }
                    v.clear();
                }
                if (r.problems.empty() && order_lines_from_blocks(docs[0], docs[1], docs[2], kLineBlock, p_.order_lines, r.problems)) {
                    const OrderLines& l = p_.order_lines;
                    for (int k = 0; k < 3; ++k) {
                        const size_t count = k == 0 ? l.size() : k == 1 ? l.places() : l.products();
                        for (size_t from = 0, b = 0; from < count; from += kLineBlock, ++b) {
                            const size_t to = std::min(count, from + kLineBlock);
                            index_[block_doc_id(k == 0 ? kLines : k == 1 ? kLinePlaces : kLineProducts, b)] =
                                digest_of(k == 0 ? order_lines_hash(l, from, to) : k == 1 ? order_places_hash(l, from, to) : order_products_hash(l, from, to));
                        }
                    }
                }
            }
            return false;
        case 4:
            if (r.problems.empty()) {
                index_["program"] = digest_of(meta_json(p_));  // as a save would write it
                check_ = std::make_unique<ProgramCheck>(p_, r.problems);
            }
            return false;
        case 5:
            // The backup's checks over the whole (check_assembled_program), a part per step.
            if (check_ && !check_->step()) {
                --finish_part_;
                return false;
            }
            check_.reset();
            for (Problem& x : r.problems) x.path = doc_path(p_, x.path);
            if (r.problems.empty()) r.program = std::move(p_);
            return true;
        default:
            return true;
    }
}

}  // namespace sr
