#include "backup.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include "creators.hpp"
#include "format.hpp"
#include "json_check.hpp"
#include "post_fee.hpp"
#include "enums.hpp"

namespace sr {

using nlohmann::json;

std::string LoadResult::summary(size_t max_items) const {
    if (problems.empty()) return "";
    std::string out;
    for (size_t i = 0; i < problems.size() && i < max_items; ++i) {
        if (i) out += "; ";
        out += problems[i].to_string();
    }
    if (problems.size() > max_items) out += " (and " + std::to_string(problems.size() - max_items) + " more)";
    return out;
}

namespace {

// Every record type lists its fields once, in visit(); the writer and the reader below both
// walk that list, so the two directions cannot drift apart.
constexpr bool kRequired = true;

template <class V> void visit(TierTarget& t, V& v) {
    v("min_active", t.min_active);
    v("max_active", t.max_active);
}

template <class V> void visit(Settings& s, V& v) {
    v("program_name", s.program_name);
    v("currency", s.currency);
    v("week_start", s.week_start);
    v("program_start", s.program_start);
    v("monthly_budget", s.monthly_budget);
    v("program_floor", s.program_floor);
    v("tier2_min_followers", s.tier2_min_followers);
    v("tier3_min_followers", s.tier3_min_followers);
    v("tier_targets", s.tier_targets);
    v("conversion_flag", s.conversion_flag);
    v("revenue_per_post_multiple", s.revenue_per_post_multiple);
    v("output_flag", s.output_flag);
    v("output_replace", s.output_replace);
    v("output_replace_weeks", s.output_replace_weeks);
    v("hook_hold_flag", s.hook_hold_flag);
    v("min_clicks", s.min_clicks);
    v("min_views", s.min_views);
    v("sample_followup_days", s.sample_followup_days);
    v("spark_default_days", s.spark_default_days);
    v("spark_min_days", s.spark_min_days);
    v("spark_max_days", s.spark_max_days);
    v("spark_expiry_alert_days", s.spark_expiry_alert_days);
    v("spark_verify_alert_days", s.spark_verify_alert_days);
    v("spark_receive_alert_days", s.spark_receive_alert_days);
    v("kill_ratio_of_organic", s.kill_ratio_of_organic);
    v("kill_floor", s.kill_floor);
    v("promotion_months", s.promotion_months);
    v("creator_code_min_followers", s.creator_code_min_followers);
    v("exclusivity_alert_days", s.exclusivity_alert_days);
    v("build_budget_min", s.build_budget_min);
    v("build_budget_max", s.build_budget_max);
    v("commission_band_min", s.commission_band_min);
    v("commission_band_max", s.commission_band_max);
    v("metrics_window_days", s.metrics_window_days);
    v("candidate_window_days", s.candidate_window_days);
    v("candidates_max", s.candidates_max);
    v("hook_window_days", s.hook_window_days);
    v("coordinator_monthly_cost", s.coordinator_monthly_cost);
    v("margin_ranking_size", s.margin_ranking_size);
    v("user_name", s.user_name);
    v("ad_codes", s.ad_codes);
}

template <class V> void visit(TierChange& t, V& v) {
    v("date", t.date, kRequired);
    v("from", t.from);
    v("to", t.to);
    v("reason", t.reason);
}

template <class V> void visit(ComplianceIncident& c, V& v) {
    v("id", c.id, kRequired);
    v("date", c.date, kRequired);
    v("kind", c.kind);
    v("note", c.note);
    v("resolved", c.resolved);
    v("post_id", c.post_id);
}

template <class V> void visit(Exclusivity& e, V& v) {
    v("start", e.start, kRequired);
    v("end", e.end, kRequired);
    v("category", e.category);
}

template <class V> void visit(CreatorCode& c, V& v) {
    v("code", c.code);
    v("scans", c.scans);
    v("uses", c.uses);
    v("estimated_earnings", c.estimated_earnings);
    v("age_18_plus", c.age_18_plus);
}

template <class V> void visit(ListedGmv& x, V& v) {
    v("gmv", x.gmv);
    v("video_gmv", x.video_gmv);
    v("live_gmv", x.live_gmv);
    v("card_gmv", x.card_gmv);
    v("as_of", x.as_of);
}

template <class V> void visit(Creator& c, V& v) {
    v("id", c.id, kRequired);
    v("handle", c.handle, kRequired);
    v("display_name", c.display_name);
    v("followers", c.followers);
    v("categories", c.categories);
    v("contact", c.contact);
    v("status", c.status);
    v("pinned_tier", c.pinned_tier);
    v("commission_rate", c.commission_rate);
    v("flat_fee", c.flat_fee);
    v("agreed_posts_per_month", c.agreed_posts_per_month);
    v("exclusivity", c.exclusivity);
    v("compliance", c.compliance);
    v("creator_code", c.creator_code);
    v("notes", c.notes);
    v("tier_history", c.tier_history);
    v("listed", c.listed);
}

template <class V> void visit(Product& x, V& v) {
    v("id", x.id, kRequired);
    v("sku", x.sku);
    v("name", x.name);
    v("price", x.price);
    v("unit_cost", x.unit_cost);
    v("shipping_subsidy", x.shipping_subsidy);
    v("usual_discount", x.usual_discount);
    v("commission_rate", x.commission_rate);
}

template <class V> void visit(Sample& x, V& v) {
    v("id", x.id, kRequired);
    v("creator_id", x.creator_id, kRequired);
    v("product_id", x.product_id);
    v("requested", x.requested);
    v("shipped", x.shipped);
    v("delivered", x.delivered);
    v("cost", x.cost);
    v("status", x.status);
}

template <class V> void visit(Brief& x, V& v) {
    v("id", x.id, kRequired);
    v("title", x.title);
    v("product_id", x.product_id);
    v("hook", x.hook);
    v("custom_angle", x.custom_angle);
    v("opening_line", x.opening_line);
    v("product_truths", x.product_truths);
    v("proof", x.proof);
    v("proof_detail", x.proof_detail);
    v("call_to_action", x.call_to_action);
    v("do_not_say", x.do_not_say);
    v("due", x.due);
    v("creator_ids", x.creator_ids);
    v("request_spark_code", x.request_spark_code);
    v("spark_days_wanted", x.spark_days_wanted);
}

template <class V> void visit(Post& x, V& v) {
    v("id", x.id, kRequired);
    v("creator_id", x.creator_id, kRequired);
    v("product_id", x.product_id);
    v("brief_id", x.brief_id);
    v("sample_id", x.sample_id);
    v("tiktok_ref", x.tiktok_ref);
    v("published", x.published);
    v("hook", x.hook);
    v("views", x.views);
    v("hold_rate_3s", x.hold_rate_3s);
    v("clicks", x.clicks);
    v("product_impressions", x.product_impressions);
    v("likes", x.likes);
    v("comments", x.comments);
    v("shares", x.shares);
    v("completion_rate", x.completion_rate);
    v("orders", x.orders);
    v("units", x.units);
    v("gmv", x.gmv);
    v("refunded", x.refunded);
    v("buyers", x.buyers);
    v("repeat_buyers_60d", x.repeat_buyers_60d);
    v("commission", x.commission);
    v("creator_fee", x.creator_fee);
    v("fee_by_hand", x.fee_by_hand);
    v("source", x.source);
    v("compliance_passed", x.compliance_passed);
}

template <class V> void visit(PaidRound& x, V& v) {
    v("date", x.date, kRequired);
    v("spend", x.spend);
    v("impressions", x.impressions);
    v("clicks", x.clicks);
    v("orders", x.orders);
    v("gmv", x.gmv);
    v("view_rate_2s", x.view_rate_2s);
    v("view_rate_6s", x.view_rate_6s);
}

template <class V> void visit(SparkEvent& x, V& v) {
    v("date", x.date, kRequired);
    v("what", x.what);
}

template <class V> void visit(SparkCode& x, V& v) {
    v("id", x.id, kRequired);
    v("code", x.code);
    v("creator_id", x.creator_id, kRequired);
    v("post_id", x.post_id);
    v("product_id", x.product_id);
    v("requested", x.requested);
    v("received", x.received);
    v("auth_start", x.auth_start);
    v("duration_days", x.duration_days);
    v("campaign_start", x.campaign_start);
    v("campaign_end", x.campaign_end);
    v("renewal_owner", x.renewal_owner);
    v("status", x.status);
    v("verified_in_ads_manager", x.verified_in_ads_manager);
    v("replaces_id", x.replaces_id);
    v("rounds", x.rounds);
    v("history", x.history);
}

template <class V> void visit(AdCode& x, V& v) {
    v("ad_name", x.ad_name, kRequired);
    v("spark_code_id", x.spark_code_id, kRequired);
}

template <class V> void visit(ReviewMark& x, V& v) {
    v("action", x.action, kRequired);
    v("state", x.state);
    v("numbers", x.numbers);
    v("until", x.until);
    v("by", x.by);
    v("on", x.on, kRequired);
    v("title", x.title);
}

template <class V> void visit(Program& p, V& v) {
    v("settings", p.settings);
    v("creators", p.creators);
    v("products", p.products);
    v("samples", p.samples);
    v("briefs", p.briefs);
    v("posts", p.posts);
    v("spark_codes", p.spark_codes);
    v("next_id", p.next_id);
    v("imported_orders", p.imported_orders);
    v("order_lines", p.order_lines);
    v("review_marks", p.review_marks);
}

// Where the order lines go in a document nlohmann writes (they are written apart).
const char* const kLinesMark = "\x01order lines\x01";

// ------------------------------------------------------------------ order lines (version 2)
// The lines by column (docs/format.md, "order_lines"): a million lines are a dozen JSON values,
// not a dozen million, so a backup reads fast and small. Each column is one string: keys one
// per text line, numbers separated by commas, the status one letter per line.
namespace lines_json {

// A whole number in decimal, appended (std::to_string makes a string per value: a million lines
// write six million of them).
void put_int(std::string& out, long long v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<size_t>(r.ptr - buf));
}

// A money amount as short as it reads back: "23.4" for 23.40 when it is a whole number of
// cents, else 17 significant digits.
void put_number(std::string& out, double v) {
    const double c = std::round(v * 100.0);
    if (std::fabs(c) < 9e15 && c / 100.0 == v) {
        const long long n = static_cast<long long>(c);
        const long long a = n < 0 ? -n : n, whole = a / 100, frac = a % 100;
        if (n < 0) out += '-';
        put_int(out, whole);
        if (frac != 0) {
            out += '.';
            out += static_cast<char>('0' + frac / 10);
            if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
        }
        return;
    }
    char buf[40];
    const int len = std::snprintf(buf, sizeof buf, "%.17g", v);
    out.append(buf, static_cast<size_t>(len));
}

constexpr const char kStatusLetters[] = "upsif";  // unknown, pending, settled, ineligible, frozen

// The columns in the order json objects keep keys (sorted), so both writers give one text.
constexpr const char* kColumns[] = {"actual_commission", "amount",  "est_commission", "keys",
                                    "place",             "places",  "product",        "products",
                                    "quantity",          "samples", "status",         "time"};
constexpr size_t kColumnCount = sizeof(kColumns) / sizeof(kColumns[0]);

json place_json(const OrderLines::Place& p) {
    json o = json::object();
    o["content_id"] = p.content_id;
    o["content_type"] = p.content_type;
    o["creator_id"] = p.creator_id;
    o["kind"] = content_kind_name(p.kind);
    o["post_id"] = p.post_id;
    return o;
}

std::string json_text(std::string_view s) { return json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace); }

// Writes up to `budget` more entries of the object (column `col`, entry `at`); true once done.
bool write(const OrderLines& l, std::string& out, size_t& col, size_t& at, size_t budget) {
    const size_t n = l.size();
    while (col < kColumnCount && budget > 0) {
        const std::string_view name = kColumns[col];
        if (at == 0) {
            out += col == 0 ? "{\"" : ",\"";
            out += name;
            out += "\":";
        }
        if (name == "places" || name == "products") {
            out += '[';
            const size_t count = name == "places" ? l.places() : l.products();
            for (size_t i = 0; i < count; ++i) {
                if (i) out += ',';
                out += name == "places" ? place_json(l.place_at(i)).dump(-1, ' ', false, json::error_handler_t::replace)
                                        : json_text(l.product_at(i));
            }
            out += ']';
            budget -= std::min(budget, count);
        } else {
            if (at == 0) out += '"';
            if (name == "keys") {
                // One JSON string of the keys, each ended by a line break ("\n" in the text).
                // A key of digits and such is written as it is; one with anything JSON
                // escapes goes through the JSON writer.
                for (; at < n && budget > 0; ++at, --budget) {
                    const std::string_view k = l.key(at);
                    bool plain = true;
                    for (const char c : k) plain = plain && c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
                    if (plain) {
                        out += k;
                    } else {
                        const std::string q = json_text(k);
                        out.append(q, 1, q.size() - 2);
                    }
                    out += "\\n";
                }
            } else if (name == "status") {
                for (; at < n && budget > 0; ++at, --budget) {
                    const char c = kStatusLetters[static_cast<int>(l.status(at))];
                    out += l.refunded(at) ? static_cast<char>(c - 'a' + 'A') : c;
                }
            } else if (name == "samples") {
                // The lines that are samples, by index (few).
                for (; at < n && budget > 0; ++at, --budget)
                    if (l.sample(at)) {
                        if (out.back() != '"') out += ',';
                        out += std::to_string(at);
                    }
            } else {
                // One loop per column, the column chosen once.
                auto each = [&](auto&& put) {
                    for (; at < n && budget > 0; ++at, --budget) {
                        if (at) out += ',';
                        put(at);
                    }
                };
                if (name == "actual_commission")
                    each([&](size_t i) {
                        if (const double v = l.actual_commission(i); !std::isnan(v)) put_number(out, v);
                    });
                else if (name == "amount") each([&](size_t i) { put_number(out, l.amount(i)); });
                else if (name == "est_commission") each([&](size_t i) { put_number(out, l.est_commission(i)); });
                else if (name == "place") each([&](size_t i) { put_int(out, l.place_of(i)); });
                else if (name == "product") each([&](size_t i) { put_int(out, l.product_of(i)); });
                else if (name == "quantity") each([&](size_t i) { put_int(out, l.quantity(i)); });
                else if (name == "time") each([&](size_t i) { put_int(out, l.get_time(i)); });
            }
            if (at < n) return false;
            out += '"';
        }
        ++col;
        at = 0;
    }
    if (col == kColumnCount) {
        out += '}';
        ++col;
    }
    return col > kColumnCount;
}

std::string text(const OrderLines& l) {
    std::string out;
    size_t col = 0, at = 0;
    while (!write(l, out, col, at, SIZE_MAX)) {}
    return out;
}

// The entries of a comma-separated column, each handed to `each(index, text)`; false (with
// `why`) when the count is not `n`.
template <class F> bool split(std::string_view s, size_t n, char sep, F&& each, std::string& why) {
    size_t i = 0, b = 0;
    if (n == 0) {
        if (!s.empty()) return why = "holds values but there are no lines", false;
        return true;
    }
    for (size_t k = 0; k <= s.size(); ++k)
        if (k == s.size() || s[k] == sep) {
            if (i == n) return why = "holds more values than there are lines", false;
            if (!each(i, s.substr(b, k - b))) return false;
            ++i;
            b = k + 1;
        }
    if (i != n) return why = "holds " + std::to_string(i) + " values for " + std::to_string(n) + " lines", false;
    return true;
}

bool read_double(std::string_view t, double& out) {
    if (t.empty() || t.size() > 30) return false;
    uint64_t m = 0;
    int frac = -1, digits = 0;
    bool plain = true;
    size_t i = t[0] == '-' ? 1 : 0;
    if (i == t.size()) return false;
    for (; i < t.size(); ++i) {
        const char c = t[i];
        if (c >= '0' && c <= '9') {
            m = m * 10 + static_cast<uint64_t>(c - '0');
            if (m) ++digits;
            if (frac >= 0) ++frac;
        } else if (c == '.' && frac < 0) {
            frac = 0;
        } else {
            plain = false;
            break;
        }
    }
    if (plain && digits <= 15 && frac <= 22) {
        static constexpr double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                         1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
        out = static_cast<double>(m) / p10[frac < 0 ? 0 : frac];
        if (t[0] == '-') out = -out;
        return true;
    }
    const std::string z(t);
    char* end = nullptr;
    out = std::strtod(z.c_str(), &end);
    return end == z.c_str() + z.size() && std::isfinite(out);
}

bool read_int(std::string_view t, int64_t& out) {
    if (t.empty() || t.size() > 18) return false;
    size_t i = t[0] == '-' ? 1 : 0;
    if (i == t.size()) return false;
    int64_t v = 0;
    for (; i < t.size(); ++i) {
        if (t[i] < '0' || t[i] > '9') return false;
        v = v * 10 + (t[i] - '0');
    }
    out = t[0] == '-' ? -v : v;
    return true;
}

// Reads the object `j` (at `path`) into `l`; problems go to `fail`.
template <class Fail> void read(const json& j, OrderLines& l, Fail&& fail) {
    if (!j.is_object()) return fail("", "expected an object of columns");
    auto str = [&](const char* name, std::string_view& out) {
        auto it = j.find(name);
        if (it == j.end()) return fail(std::string(".") + name, "is required"), false;
        if (!it->is_string()) return fail(std::string(".") + name, "expected a string"), false;
        out = it->get_ref<const std::string&>();
        return true;
    };
    std::string_view keys, status, amount, est, actual, quantity, product, time, samples;
    auto pl = j.find("places");
    auto pr = j.find("products");
    if (pl == j.end() || !pl->is_array()) return fail(".places", "expected a list");
    if (pr == j.end() || !pr->is_array()) return fail(".products", "expected a list");
    if (!str("keys", keys) || !str("status", status) || !str("amount", amount) || !str("est_commission", est) ||
        !str("actual_commission", actual) || !str("quantity", quantity) || !str("product", product) ||
        !str("time", time) || !str("samples", samples))
        return;
    std::vector<uint32_t> place_of;  // the file's place index -> ours
    OrderLines out;
    for (size_t i = 0; i < pl->size(); ++i) {
        const json& x = (*pl)[i];
        const std::string at = ".places[" + std::to_string(i) + "]";
        if (!x.is_object()) return fail(at, "expected an object");
        OrderLines::Place p;
        auto get_id = [&](const char* k, Id& v) {
            auto it = x.find(k);
            if (it == x.end() || !it->is_number_integer()) return fail(at + "." + k, "expected a whole number"), false;
            v = it->get<Id>();
            return true;
        };
        auto get_str = [&](const char* k, std::string& v) {
            auto it = x.find(k);
            if (it == x.end()) return true;
            if (!it->is_string()) return fail(at + "." + k, "expected a string"), false;
            v = it->get<std::string>();
            return true;
        };
        std::string kind;
        if (!get_id("creator_id", p.creator_id) || !get_id("post_id", p.post_id) || !get_str("content_type", p.content_type) ||
            !get_str("content_id", p.content_id) || !get_str("kind", kind))
            return;
        bool known = false;
        for (int k = 0; k < kContentKindCount; ++k)
            if (kind == content_kind_name(static_cast<ContentKind>(k))) p.kind = static_cast<ContentKind>(k), known = true;
        if (!known) return fail(at + ".kind", "'" + kind + "' is not one of video, live, showcase, other");
        place_of.push_back(out.place_index(p));
    }
    std::vector<uint32_t> product_of;
    for (size_t i = 0; i < pr->size(); ++i) {
        if (!(*pr)[i].is_string()) return fail(".products[" + std::to_string(i) + "]", "expected a string");
        product_of.push_back(out.product_index((*pr)[i].get_ref<const std::string&>()));
    }
    // Keys: each ended by a line break.
    std::vector<std::string_view> key_list;
    for (size_t b = 0, k = 0; k < keys.size(); ++k)
        if (keys[k] == '\n') key_list.push_back(keys.substr(b, k - b)), b = k + 1;
    if (!keys.empty() && keys.back() != '\n') return fail(".keys", "the last key has no line break after it");
    const size_t n = key_list.size();
    if (status.size() != n)
        return fail(".status", "holds " + std::to_string(status.size()) + " letters for " + std::to_string(n) + " lines");
    std::vector<double> amounts(n), ests(n), actuals(n, std::nan(""));
    std::vector<int64_t> quantities(n), times(n), places(n), products(n);
    std::vector<bool> sample(n, false);
    std::string why;
    auto column = [&](const char* name, std::string_view s, auto&& each) {
        if (!split(s, n, ',', each, why)) {
            fail(std::string(".") + name, why.empty() ? "holds a value that is not a number" : why);
            return false;
        }
        return true;
    };
    auto dbl = [&](std::vector<double>& v, bool empty_ok) {
        return [&v, empty_ok, &why](size_t i, std::string_view t) {
            if (t.empty() && empty_ok) return true;
            if (!read_double(t, v[i])) return why = "value " + std::to_string(i) + " \"" + std::string(t.substr(0, 30)) + "\" is not a number", false;
            return true;
        };
    };
    auto whole = [&](std::vector<int64_t>& v, int64_t lo, int64_t hi) {
        return [&v, lo, hi, &why](size_t i, std::string_view t) {
            if (!read_int(t, v[i]) || v[i] < lo || v[i] > hi)
                return why = "value " + std::to_string(i) + " \"" + std::string(t.substr(0, 30)) + "\" is not a whole number from " +
                             std::to_string(lo) + " to " + std::to_string(hi),
                       false;
            return true;
        };
    };
    if (!column("amount", amount, dbl(amounts, false)) || !column("est_commission", est, dbl(ests, false)) ||
        !column("actual_commission", actual, dbl(actuals, true)) ||
        !column("quantity", quantity, whole(quantities, 0, 1'000'000'000)) ||
        !column("time", time, whole(times, -1'000'000'000'000LL, 1'000'000'000'000LL)) ||
        !column("product", product, whole(products, 0, static_cast<int64_t>(product_of.size()) - 1)))
        return;
    {
        auto it = j.find("place");
        if (it == j.end() || !it->is_string()) return fail(".place", "expected a string");
        if (!column("place", it->get_ref<const std::string&>(), whole(places, 0, static_cast<int64_t>(place_of.size()) - 1)))
            return;
    }
    if (!samples.empty()) {
        size_t b = 0;
        for (size_t k = 0; k <= samples.size(); ++k)
            if (k == samples.size() || samples[k] == ',') {
                int64_t i = 0;
                if (!read_int(samples.substr(b, k - b), i) || i < 0 || static_cast<size_t>(i) >= n)
                    return fail(".samples", "\"" + std::string(samples.substr(b, std::min<size_t>(30, k - b))) + "\" is not a line");
                sample[static_cast<size_t>(i)] = true;
                b = k + 1;
            }
    }
    size_t key_bytes = keys.size();
    out.reserve(n, key_bytes);
    OrderLine f;
    for (size_t i = 0; i < n; ++i) {
        const char c = status[i];
        const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        const char* at = std::strchr(kStatusLetters, lower);
        if (!at || !*at) return fail(".status", std::string("letter ") + std::to_string(i) + " '" + c + "' is not one of u, p, s, i, f");
        f.status = static_cast<OrderStatus>(at - kStatusLetters);
        f.refunded = c != lower;
        f.sample = sample[i];
        f.quantity = quantities[i];
        f.amount = amounts[i];
        f.est_commission = ests[i];
        f.actual_commission.reset();
        if (!std::isnan(actuals[i])) f.actual_commission = actuals[i];
        f.time = times[i];
        out.push_back(key_list[i], place_of[static_cast<size_t>(places[i])], product_of[static_cast<size_t>(products[i])], f);
    }
    l = std::move(out);
}

}  // namespace lines_json

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};
template <class T> struct is_vector : std::false_type {};
template <class T> struct is_vector<std::vector<T>> : std::true_type {};

// ------------------------------------------------------------------ writer
struct Writer {
    json& out;

    template <class T> static json value(const T& x) {
        if constexpr (std::is_enum_v<T>) {
            return std::string(name_of(x));
        } else if constexpr (std::is_same_v<T, Date>) {
            return x.to_string();
        } else if constexpr (std::is_same_v<T, std::string> || std::is_arithmetic_v<T>) {
            return x;
        } else if constexpr (is_vector<T>::value) {
            json a = json::array();
            for (const auto& e : x) a.push_back(value(e));
            return a;
        } else {
            json o = json::object();
            Writer w{o};
            visit(const_cast<T&>(x), w);
            return o;
        }
    }

    template <class T> void operator()(const char* key, const T& x, bool = false) {
        if constexpr (std::is_same_v<T, OrderLines>) {
            out[key] = kLinesMark;  // written by lines_json (program_to_json puts it in)
        } else if constexpr (is_optional<T>::value) {
            if (x) out[key] = value(*x);
        } else if constexpr (std::is_array_v<T>) {
            json a = json::array();
            for (const auto& e : x) a.push_back(value(e));
            out[key] = a;
        } else {
            out[key] = value(x);
        }
    }
};

// ------------------------------------------------------------------ reader
// Where a value sits in the document ("$.posts[3].gmv"), spelled out only for a problem: a
// large backup has millions of values, and building each one's path up front cost more than
// reading the value.
struct Path {
    const Path* parent = nullptr;
    const char* key = nullptr;  // ".key", or "[index]" when null
    size_t index = 0;
    std::string str() const {
        std::string s = parent ? parent->str() : std::string();
        if (key) {
            if (parent) s += '.';
            s += key;
        } else {
            s += '[' + std::to_string(index) + ']';
        }
        return s;
    }
};

struct Reader {
    const json& in;
    const Path& path;
    std::vector<Problem>& problems;

    void fail(const Path& p, std::string msg) {
        if (problems.size() < 200) problems.push_back({p.str(), std::move(msg)});
    }

    template <class T> void read(const json& j, const Path& p, T& x) {
        if constexpr (std::is_same_v<T, bool>) {
            if (!j.is_boolean()) return fail(p, "expected true or false");
            x = j.get<bool>();
        } else if constexpr (std::is_enum_v<T>) {
            if (!j.is_string()) return fail(p, "expected a string");
            auto e = enum_from<T>(j.get_ref<const std::string&>());
            if (!e) {
                std::string allowed;
                for (int i = 0; i < enum_count<T>(); ++i)
                    allowed += (i ? ", " : "") + std::string(name_of(static_cast<T>(i)));
                return fail(p, "'" + j.get<std::string>() + "' is not one of " + allowed);
            }
            x = *e;
        } else if constexpr (std::is_integral_v<T>) {
            if (!j.is_number()) return fail(p, "expected a whole number");
            if (j.is_number_float()) {
                const double d = j.get<double>();
                if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9.0e15)
                    return fail(p, "expected a whole number");
                x = static_cast<T>(d);
                return;
            }
            if (j.is_number_unsigned()) {
                const auto u = j.get<uint64_t>();
                if (u > static_cast<uint64_t>(std::numeric_limits<T>::max())) return fail(p, "number is too large");
                x = static_cast<T>(u);
                return;
            }
            const auto i = j.get<int64_t>();
            if (i < static_cast<int64_t>(std::numeric_limits<T>::min()) ||
                i > static_cast<int64_t>(std::numeric_limits<T>::max()))
                return fail(p, "number is out of range");
            x = static_cast<T>(i);
        } else if constexpr (std::is_floating_point_v<T>) {
            if (!j.is_number()) return fail(p, "expected a number");
            const double d = j.get<double>();
            if (!std::isfinite(d)) return fail(p, "number is out of range");
            x = d;
        } else if constexpr (std::is_same_v<T, std::string>) {
            if (!j.is_string()) return fail(p, "expected a string");
            x = j.get_ref<const std::string&>();
        } else if constexpr (std::is_same_v<T, Date>) {
            if (!j.is_string()) return fail(p, "expected a date as \"YYYY-MM-DD\"");
            auto d = Date::parse(j.get_ref<const std::string&>());
            if (!d) return fail(p, "'" + j.get<std::string>() + "' is not a date as YYYY-MM-DD");
            x = *d;
        } else if constexpr (is_optional<T>::value) {
            typename T::value_type v{};
            const size_t before = problems.size();
            read(j, p, v);
            if (problems.size() == before) x = std::move(v);
        } else if constexpr (is_vector<T>::value) {
            if (!j.is_array()) return fail(p, "expected a list");
            x.clear();
            x.reserve(j.size());
            for (size_t i = 0; i < j.size(); ++i) {
                typename T::value_type v{};
                read(j[i], Path{&p, nullptr, i}, v);
                x.push_back(std::move(v));
            }
        } else {
            if (!j.is_object()) return fail(p, "expected an object");
            Reader sub{j, p, problems};
            visit(x, sub);
        }
    }

    template <class T> void operator()(const char* key, T& x, bool required = false) {
        const Path p{&path, key, 0};
        auto it = in.find(key);
        if constexpr (std::is_same_v<T, OrderLines>) {
            // Absent in a version-1 backup: no lines (its keys are in imported_orders).
            if (it == in.end() || it->is_null()) return;
            const std::string at = p.str();
            lines_json::read(*it, x, [&](const std::string& sub, std::string msg) {
                if (problems.size() < 200) problems.push_back({at + sub, std::move(msg)});
            });
        } else {
            if (it == in.end() || (it->is_null() && !required)) {
                if (required) fail(p, "is required");
                return;
            }
            if constexpr (std::is_array_v<T>) {
                constexpr size_t n = std::extent_v<T>;
                if (!it->is_array() || it->size() != n) return fail(p, "expected a list of " + std::to_string(n));
                for (size_t i = 0; i < n; ++i) read((*it)[i], Path{&p, nullptr, i}, x[i]);
            } else {
                read(*it, p, x);
            }
        }
    }
};

template <class T>
void check_ids(const std::vector<T>& v, const char* name, std::unordered_set<Id>& seen, std::vector<Problem>& problems) {
    for (size_t i = 0; i < v.size(); ++i) {
        auto p = [&] { return std::string("$.") + name + "[" + std::to_string(i) + "].id"; };
        if (v[i].id <= 0) problems.push_back({p(), "ids are whole numbers of 1 or more"});
        else if (!seen.insert(v[i].id).second)
            problems.push_back({p(), "id " + std::to_string(v[i].id) + " is used by another record"});
    }
}

// Checks that need the whole program: unique ids, references, creator rules (ProgramCheck).
void check_program(Program& p, std::vector<Problem>& problems) {
    ProgramCheck check(p, problems);
    while (!check.step()) {
    }
}

// Backups nest a few levels (program, list, record, list, record). Far deeper input is refused
// before it is parsed: each level costs the parser an allocation per byte of input, so a file
// of brackets would take many times its size in memory.
constexpr size_t kMaxDepth = 64;

// The text with each byte that is not part of well-formed UTF-8 written as "\xHH", so a
// message quoting a hostile file is itself valid text (for the screen and for JSON).
std::string printable_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    const auto* b = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    for (size_t i = 0; i < n;) {
        const unsigned char c = b[i];
        size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
        if (c < 0x80) len = 1;
        else if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c >= 0xE0 && c <= 0xEF) len = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        else if (c >= 0xF0 && c <= 0xF4) len = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        bool ok = len > 0 && i + len <= n;
        for (size_t k = 1; ok && k < len; ++k)
            ok = b[i + k] >= (k == 1 ? lo : 0x80) && b[i + k] <= (k == 1 ? hi : 0xBF);
        if (ok) {
            out.append(s.substr(i, len));
            i += len;
        } else {
            static const char* hex = "0123456789ABCDEF";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
            ++i;
        }
    }
    return out;
}

std::string syntax_message(std::string_view text) {
    const JsonSyntax e = json_syntax(text);
    return e.message.empty() ? "not valid JSON" : printable_utf8(e.message);
}

}  // namespace

std::string program_to_json(const Program& p, bool pretty) {
    json doc = json::object();
    doc["format"] = "spark-roster";
    doc["version"] = kBackupVersion;
    Writer w{doc};
    visit(const_cast<Program&>(p), w);
    std::string text = doc.dump(pretty ? 2 : -1, ' ', false, json::error_handler_t::replace);
    const std::string mark = json(kLinesMark).dump();
    for (const char* key : {"\"order_lines\":", "\"order_lines\": "}) {
        const size_t at = text.find(std::string(key) + mark);
        if (at == std::string::npos) continue;
        text.replace(at + std::strlen(key), mark.size(), lines_json::text(p.order_lines));
        break;
    }
    return text;
}

std::optional<Problem> backup_size_problem(size_t bytes) {
    if (bytes <= kMaxBackupBytes) return std::nullopt;
    auto mb = [](size_t b) {
        const size_t tenths = (b + 50'000) / 100'000;  // MB with one decimal, rounded
        std::string s = fmt_int(static_cast<int64_t>(tenths / 10));
        if (tenths % 10) s += "." + std::to_string(tenths % 10);
        return s + " MB";
    };
    return Problem{"$", "the file is " + mb(bytes) + " (" + fmt_int(static_cast<int64_t>(bytes)) +
                            " bytes); a backup can be at most " + mb(kMaxBackupBytes) + " (" +
                            fmt_int(static_cast<int64_t>(kMaxBackupBytes)) + " bytes)"};
}

ProgramJsonWriter::ProgramJsonWriter(Program snapshot) : p_(std::move(snapshot)) { out_.reserve(1 << 16); }

bool ProgramJsonWriter::step(size_t records) {
    // The keys in the order json objects keep them (sorted), so the text is program_to_json's.
    auto dump = [this](const json& j) { out_ += j.dump(-1, ' ', false, json::error_handler_t::replace); };
    auto list = [&](const auto& v) {
        if (index_ == 0) out_ += '[';
        for (; index_ < v.size() && records > 0; ++index_, --records) {
            if (index_ > 0) out_ += ',';
            dump(Writer::value(v[index_]));
        }
        if (index_ < v.size()) return false;
        out_ += ']';
        return true;
    };
    while (part_ < kParts && records > 0) {
        if (index_ == 0 && !(part_ == 5 && lines_col_ > 0)) {
            static const char* const keys[kParts] = {"briefs",      "creators", "format",   "imported_orders",
                                                     "next_id",     "order_lines", "posts", "products",
                                                     "review_marks", "samples", "settings", "spark_codes",
                                                     "version"};
            out_ += part_ == 0 ? "{" : ",";
            dump(json(keys[part_]));
            out_ += ':';
        }
        bool finished = true;
        switch (part_) {
            case 0: finished = list(p_.briefs); break;
            case 1: finished = list(p_.creators); break;
            case 2: dump(json("spark-roster")); break;
            case 3: finished = list(p_.imported_orders); break;
            case 4: dump(json(p_.next_id)); break;
            case 5: {
                // A record is taken as eight lines' values.
                size_t budget = records * 8, col = lines_col_;
                finished = lines_json::write(p_.order_lines, out_, col, index_, budget);
                lines_col_ = col;
                if (!finished) return false;  // index_ and lines_col_ say where it goes on
                break;
            }
            case 6: finished = list(p_.posts); break;
            case 7: finished = list(p_.products); break;
            case 8: finished = list(p_.review_marks); break;
            case 9: finished = list(p_.samples); break;
            case 10: dump(Writer::value(p_.settings)); break;
            case 11: finished = list(p_.spark_codes); break;
            case 12: dump(json(kBackupVersion)); break;
        }
        if (!finished) return false;
        ++part_;
        index_ = 0;
        if (part_ == kParts) out_ += '}';
    }
    return done();
}

LoadResult program_from_json(std::string_view text) {
    LoadResult r;
    if (auto too_big = backup_size_problem(text.size())) {
        r.problems.push_back(*too_big);
        return r;
    }
    if (json_depth(text, kMaxDepth) > kMaxDepth) {
        r.problems.push_back({"$", "nested more than " + std::to_string(kMaxDepth) +
                                       " levels deep: this is not a Spark Roster backup"});
        return r;
    }
    json doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded()) {
        r.problems.push_back({"$", "not valid JSON (the file may be truncated or not a backup): " + syntax_message(text)});
        return r;
    }
    if (!doc.is_object()) {
        r.problems.push_back({"$", "expected an object with \"format\": \"spark-roster\""});
        return r;
    }
    auto fmt = doc.find("format");
    if (fmt == doc.end() || !fmt->is_string() || fmt->get<std::string>() != "spark-roster") {
        r.problems.push_back({"$.format", "expected \"spark-roster\": this is not a Spark Roster backup"});
        return r;
    }
    auto ver = doc.find("version");
    if (ver == doc.end() || !ver->is_number_integer()) {
        r.problems.push_back({"$.version", "expected a whole version number"});
        return r;
    }
    const int64_t version = ver->get<int64_t>();
    if (version > kBackupVersion) {
        r.problems.push_back({"$.version", "this backup is version " + std::to_string(version) +
                                               "; this app reads versions up to " + std::to_string(kBackupVersion) +
                                               ". Open it with a newer Spark Roster."});
        return r;
    }
    if (version < 1) {
        r.problems.push_back({"$.version", "version " + std::to_string(version) + " does not exist"});
        return r;
    }
    Program p;
    const Path root{nullptr, "$", 0};
    Reader rd{doc, root, r.problems};
    visit(p, rd);
    if (r.problems.empty()) check_program(p, r.problems);
    // A post without "fee_by_hand" (a backup from before it) reads as following its creator's
    // fee per piece, and gets it (docs/rules.md, "The deal on posts").
    if (r.problems.empty()) settle_post_fees(p);
    if (r.problems.empty()) r.program = std::move(p);
    return r;
}

// ------------------------------------------------------------------ one record at a time
namespace {

// Walks a record as Writer does, mixing each value into two hashes: a tag for what the value is
// (so an absent optional, an empty list and a zero differ), then its bytes.
struct Hasher {
    uint64_t a = 0x243f6a8885a308d3ull, b = 0x13198a2e03707344ull;

    void mix(uint64_t w) {
        a ^= w;
        a *= 0x100000001b3ull;
        a ^= a >> 32;
        b += w * 0x9e3779b97f4a7c15ull;
        b = (b << 27) | (b >> 37);
        b *= 0xff51afd7ed558ccdull;
    }
    void bytes(const std::string& s) {
        mix(0x5u ^ (static_cast<uint64_t>(s.size()) << 8));
        size_t i = 0;
        for (; i + 8 <= s.size(); i += 8) {
            uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            mix(w);
        }
        uint64_t w = 0;
        for (size_t k = 0; i < s.size(); ++i, ++k) w |= static_cast<uint64_t>(static_cast<unsigned char>(s[i])) << (8 * k);
        mix(w);
    }

    template <class T> void value(const T& x) {
        if constexpr (std::is_enum_v<T>) {
            mix(0x1u ^ (static_cast<uint64_t>(x) << 8));
        } else if constexpr (std::is_same_v<T, Date>) {
            mix(0x2u ^ (static_cast<uint64_t>(static_cast<uint32_t>(x.days)) << 8));
        } else if constexpr (std::is_same_v<T, std::string>) {
            bytes(x);
        } else if constexpr (std::is_same_v<T, bool>) {
            mix(x ? 0x21u : 0x20u);
        } else if constexpr (std::is_floating_point_v<T>) {
            uint64_t w;
            const double d = x;
            std::memcpy(&w, &d, 8);
            mix(0x3u);
            mix(w);
        } else if constexpr (std::is_arithmetic_v<T>) {
            mix(0x4u);
            mix(static_cast<uint64_t>(static_cast<int64_t>(x)));
        } else if constexpr (is_vector<T>::value) {
            mix(0x6u ^ (static_cast<uint64_t>(x.size()) << 8));
            for (const auto& e : x) value(e);
        } else {
            mix(0x7u);
            visit(const_cast<T&>(x), *this);
            mix(0x8u);
        }
    }

    template <class T> void operator()(const char*, const T& x, bool = false) {
        if constexpr (is_optional<T>::value) {
            if (x) {
                mix(0x9u);
                value(*x);
            } else {
                mix(0xau);
            }
        } else if constexpr (std::is_array_v<T>) {
            mix(0xbu ^ (static_cast<uint64_t>(std::extent_v<T>) << 8));
            for (const auto& e : x) value(e);
        } else {
            value(x);
        }
    }
};

template <class T> RecordHash one_hash(const T& x) {
    Hasher h;
    h.value(x);
    return {h.a, h.b};
}

template <class T> std::string one_json(const T& x) {
    return Writer::value(x).dump(-1, ' ', false, json::error_handler_t::replace);
}

template <class T>
bool one_from_json(std::string_view text, const std::string& path, T& x, std::vector<Problem>& problems) {
    const size_t before = problems.size();
    if (json_depth(text, kMaxDepth) > kMaxDepth) {
        problems.push_back({path, "nested more than " + std::to_string(kMaxDepth) + " levels deep"});
        return false;
    }
    json doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded()) {
        problems.push_back({path, "not valid JSON: " + syntax_message(text)});
        return false;
    }
    // The root's name is the whole path: Path prints its key as given.
    const Path root{nullptr, path.c_str(), 0};
    Reader rd{doc, root, problems};
    rd.read(doc, root, x);
    return problems.size() == before;
}

}  // namespace

std::string record_json(const Settings& x) { return one_json(x); }
std::string record_json(const Creator& x) { return one_json(x); }
std::string record_json(const Product& x) { return one_json(x); }
std::string record_json(const Sample& x) { return one_json(x); }
std::string record_json(const Brief& x) { return one_json(x); }
std::string record_json(const Post& x) { return one_json(x); }
std::string record_json(const SparkCode& x) { return one_json(x); }
std::string record_json(const std::vector<ReviewMark>& x) { return one_json(x); }
std::string record_json(const std::vector<std::string>& x) { return one_json(x); }

bool record_from_json(std::string_view t, const std::string& path, Settings& x, std::vector<Problem>& pr) { return one_from_json(t, path, x, pr); }
bool record_from_json(std::string_view t, const std::string& path, Creator& x, std::vector<Problem>& pr) { return one_from_json(t, path, x, pr); }
bool record_from_json(std::string_view t, const std::string& path, Product& x, std::vector<Problem>& pr) { return one_from_json(t, path, x, pr); }
bool record_from_json(std::string_view t, const std::string& path, Sample& x, std::vector<Problem>& pr) { return one_from_json(t, path, x, pr); }
bool record_from_json(std::string_view t, const std::string& path, Brief& x, std::vector<Problem>& pr) { return one_from_json(t, path, x, pr); }
bool record_from_json(std::string_view t, const std::string& path, Post& x, std::vector<Problem>& pr) { return one_from_json(t, path, x, pr); }
bool record_from_json(std::string_view t, const std::string& path, SparkCode& x, std::vector<Problem>& pr) { return one_from_json(t, path, x, pr); }
bool record_from_json(std::string_view t, const std::string& path, std::vector<ReviewMark>& x, std::vector<Problem>& pr) { return one_from_json(t, path, x, pr); }
bool record_from_json(std::string_view t, const std::string& path, std::vector<std::string>& x, std::vector<Problem>& pr) { return one_from_json(t, path, x, pr); }

RecordHash record_hash(const Settings& x) { return one_hash(x); }
RecordHash record_hash(const Creator& x) { return one_hash(x); }
RecordHash record_hash(const Product& x) { return one_hash(x); }
RecordHash record_hash(const Sample& x) { return one_hash(x); }
RecordHash record_hash(const Brief& x) { return one_hash(x); }
RecordHash record_hash(const Post& x) { return one_hash(x); }
RecordHash record_hash(const SparkCode& x) { return one_hash(x); }
RecordHash record_hash(const std::vector<ReviewMark>& x) { return one_hash(x); }
RecordHash record_hash(const std::vector<std::string>& keys, size_t from, size_t to) {
    Hasher h;
    h.mix(0x6u ^ (static_cast<uint64_t>(to - from) << 8));
    for (size_t i = from; i < to; ++i) h.bytes(keys[i]);
    return {h.a, h.b};
}

// The checks of check_program, a part per step; each part is a pass over one or two lists.
ProgramCheck::ProgramCheck(Program& p, std::vector<Problem>& problems) : p_(p), problems_(problems) {}

bool ProgramCheck::step() {
    Program& p = p_;
    std::vector<Problem>& problems = problems_;
    auto id_set = [](const auto& records) {
        IdSet out;
        out.reserve(records.size());
        for (const auto& x : records) out.insert(x.id);
        return out;
    };
    auto ref = [&](const IdSet& in, Id id, bool required, const char* list, size_t i, const std::string& field, const char* what) {
        if (id == 0 && !required) return;
        if (!in.count(id))
            problems.push_back({std::string("$.") + list + "[" + std::to_string(i) + "]." + field,
                                "no " + std::string(what) + " has id " + std::to_string(id)});
    };
    switch (part_++) {
        case 0:
            ids_.reserve(p.creators.size() + p.products.size() + p.samples.size() + p.briefs.size() + p.posts.size() +
                         p.spark_codes.size());
            check_ids(p.creators, "creators", ids_, problems);
            check_ids(p.products, "products", ids_, problems);
            check_ids(p.samples, "samples", ids_, problems);
            check_ids(p.briefs, "briefs", ids_, problems);
            return false;
        case 1:
            check_ids(p.posts, "posts", ids_, problems);
            check_ids(p.spark_codes, "spark_codes", ids_, problems);
            // Lookups by id: a reference's path is spelled out only when it is broken.
            return !problems.empty();
        case 2:
            creators_ = id_set(p.creators);
            products_ = id_set(p.products);
            briefs_ = id_set(p.briefs);
            samples_ = id_set(p.samples);
            codes_ = id_set(p.spark_codes);
            return false;
        case 3:
            posts_ = id_set(p.posts);
            return false;
        case 4: {
            const Program none;  // field rules alone; uniqueness is checked against earlier records below
            std::unordered_map<std::string, size_t> first_with_handle;
            first_with_handle.reserve(p.creators.size());
            for (size_t i = 0; i < p.creators.size(); ++i) {
                Creator& c = p.creators[i];
                c.handle = normalize_handle(c.handle);
                auto at = [i] { return "$.creators[" + std::to_string(i) + "]."; };
                for (const FieldError& e : validate_creator(c, none)) problems.push_back({at() + e.field, e.message});
                auto [it, fresh] = first_with_handle.emplace(handle_key(c.handle), i);
                if (!fresh && !c.handle.empty())
                    problems.push_back({at() + "handle", "@" + c.handle + " is already used by $.creators[" + std::to_string(it->second) + "]"});
            }
            return false;
        }
        case 5:
            for (size_t i = 0; i < p.samples.size(); ++i) {
                ref(creators_, p.samples[i].creator_id, true, "samples", i, "creator_id", "creator");
                ref(products_, p.samples[i].product_id, false, "samples", i, "product_id", "product");
            }
            for (size_t i = 0; i < p.briefs.size(); ++i) {
                ref(products_, p.briefs[i].product_id, false, "briefs", i, "product_id", "product");
                for (size_t k = 0; k < p.briefs[i].creator_ids.size(); ++k)
                    ref(creators_, p.briefs[i].creator_ids[k], true, "briefs", i, "creator_ids[" + std::to_string(k) + "]", "creator");
            }
            return false;
        case 6:
            for (size_t i = 0; i < p.posts.size(); ++i) {
                ref(creators_, p.posts[i].creator_id, true, "posts", i, "creator_id", "creator");
                ref(products_, p.posts[i].product_id, false, "posts", i, "product_id", "product");
                ref(briefs_, p.posts[i].brief_id, false, "posts", i, "brief_id", "brief");
                ref(samples_, p.posts[i].sample_id, false, "posts", i, "sample_id", "sample");
            }
            return false;
        case 7: {
            for (size_t i = 0; i < p.spark_codes.size(); ++i) {
                ref(creators_, p.spark_codes[i].creator_id, true, "spark_codes", i, "creator_id", "creator");
                ref(posts_, p.spark_codes[i].post_id, false, "spark_codes", i, "post_id", "post");
                ref(products_, p.spark_codes[i].product_id, false, "spark_codes", i, "product_id", "product");
                ref(codes_, p.spark_codes[i].replaces_id, false, "spark_codes", i, "replaces_id", "Spark Code");
            }
            std::unordered_map<std::string, size_t> first_mark;
            for (size_t i = 0; i < p.review_marks.size(); ++i) {
                const ReviewMark& m = p.review_marks[i];
                auto at = [i](const char* field) { return "$.review_marks[" + std::to_string(i) + "]." + field; };
                if (m.action.empty()) problems.push_back({at("action"), "names no action"});
                else if (auto [it, fresh] = first_mark.emplace(m.action, i); !fresh)
                    problems.push_back({at("action"), "the action is already marked by $.review_marks[" + std::to_string(it->second) + "]"});
                if (m.state == MarkState::snoozed && !m.until) problems.push_back({at("until"), "a snoozed action needs the day it comes back"});
            }
            Id max_id = 0;
            for (Id id : ids_) max_id = std::max(max_id, id);
            if (p.next_id <= max_id) p.next_id = max_id + 1;
            return true;
        }
        default:
            return true;
    }
}

void check_assembled_program(Program& p, std::vector<Problem>& problems) { check_program(p, problems); }

// ------------------------------------------------------------------ order lines in blocks
// The backup's columns (lines_json) cut into blocks of lines, places and products (docs.hpp),
// the lines naming places and products by their index in the whole, so a block reads back by
// joining the blocks' columns end to end and reading them as the backup's one object.
namespace {

constexpr const char* kBlockColumns[] = {"actual_commission", "amount", "est_commission", "keys", "place",
                                         "product",           "quantity", "samples",      "status", "time"};

void put_double_bits(Hasher& h, double v) {
    uint64_t w;
    std::memcpy(&w, &v, 8);
    h.mix(w);
}

}  // namespace

std::string order_lines_block_json(const OrderLines& l, size_t from, size_t to) {
    std::string out = "{";
    for (const char* name : kBlockColumns) {
        const std::string_view n = name;
        if (out.size() > 1) out += ',';
        out += '"';
        out += name;
        out += "\":\"";
        if (n == "keys") {
            std::string piece;
            for (size_t i = from; i < to; ++i) {
                piece += l.key(i);
                piece += '\n';
            }
            const std::string q = lines_json::json_text(piece);
            out.append(q, 1, q.size() - 2);
        } else if (n == "status") {
            for (size_t i = from; i < to; ++i) {
                const char c = lines_json::kStatusLetters[static_cast<int>(l.status(i))];
                out += l.refunded(i) ? static_cast<char>(c - 'a' + 'A') : c;
            }
        } else if (n == "samples") {
            bool first = true;
            for (size_t i = from; i < to; ++i)
                if (l.sample(i)) {
                    if (!first) out += ',';
                    first = false;
                    out += std::to_string(i);  // the line's index in the whole
                }
        } else {
            for (size_t i = from; i < to; ++i) {
                if (i > from) out += ',';
                if (n == "actual_commission") {
                    if (const double v = l.actual_commission(i); !std::isnan(v)) lines_json::put_number(out, v);
                } else if (n == "amount") {
                    lines_json::put_number(out, l.amount(i));
                } else if (n == "est_commission") {
                    lines_json::put_number(out, l.est_commission(i));
                } else if (n == "place") {
                    out += std::to_string(l.place_of(i));
                } else if (n == "product") {
                    out += std::to_string(l.product_of(i));
                } else if (n == "quantity") {
                    out += std::to_string(l.quantity(i));
                } else {
                    out += std::to_string(l.get_time(i));
                }
            }
        }
        out += '"';
    }
    out += '}';
    return out;
}

std::string order_places_json(const OrderLines& l, size_t from, size_t to) {
    std::string out = "[";
    for (size_t i = from; i < to; ++i) {
        if (i > from) out += ',';
        out += lines_json::place_json(l.place_at(i)).dump(-1, ' ', false, json::error_handler_t::replace);
    }
    return out + "]";
}

std::string order_products_json(const OrderLines& l, size_t from, size_t to) {
    std::string out = "[";
    for (size_t i = from; i < to; ++i) {
        if (i > from) out += ',';
        out += lines_json::json_text(l.product_at(i));
    }
    return out + "]";
}

RecordHash order_lines_hash(const OrderLines& l, size_t from, size_t to) {
    Hasher h;
    h.mix(0x6u ^ (static_cast<uint64_t>(to - from) << 8));
    for (size_t i = from; i < to; ++i) {
        const std::string_view k = l.key(i);
        h.bytes(std::string(k));
        h.mix(static_cast<uint64_t>(l.place_of(i)) | (static_cast<uint64_t>(l.product_of(i)) << 32));
        h.mix(static_cast<uint64_t>(l.quantity(i)));
        put_double_bits(h, l.amount(i));
        put_double_bits(h, l.est_commission(i));
        put_double_bits(h, l.actual_commission(i));
        h.mix(static_cast<uint64_t>(l.status(i)) | (l.refunded(i) ? 0x100u : 0u) | (l.sample(i) ? 0x200u : 0u));
        h.mix(static_cast<uint64_t>(l.get_time(i)));
    }
    return {h.a, h.b};
}

RecordHash order_places_hash(const OrderLines& l, size_t from, size_t to) {
    Hasher h;
    h.mix(0x7u ^ (static_cast<uint64_t>(to - from) << 8));
    for (size_t i = from; i < to; ++i) {
        const OrderLines::Place& p = l.place_at(i);
        h.mix(static_cast<uint64_t>(p.creator_id));
        h.mix(static_cast<uint64_t>(p.post_id));
        h.mix(static_cast<uint64_t>(p.kind));
        h.bytes(p.content_type);
        h.bytes(p.content_id);
    }
    return {h.a, h.b};
}

RecordHash order_products_hash(const OrderLines& l, size_t from, size_t to) {
    Hasher h;
    h.mix(0x8u ^ (static_cast<uint64_t>(to - from) << 8));
    for (size_t i = from; i < to; ++i) h.bytes(l.product_at(i));
    return {h.a, h.b};
}

bool order_lines_from_blocks(const std::vector<std::pair<std::string, std::string>>& lines,
                             const std::vector<std::pair<std::string, std::string>>& places,
                             const std::vector<std::pair<std::string, std::string>>& products, size_t block,
                             OrderLines& out, std::vector<Problem>& problems) {
    const size_t before = problems.size();
    json whole = json::object();
    std::string cols[std::size(kBlockColumns)];
    size_t total = 0;
    for (size_t b = 0; b < lines.size(); ++b) {
        const auto& [id, text] = lines[b];
        json j = json::parse(text.begin(), text.end(), nullptr, false);
        if (!j.is_object()) {
            problems.push_back({id, "expected an object of columns"});
            return false;
        }
        size_t n = 0;
        for (size_t c = 0; c < std::size(kBlockColumns); ++c) {
            auto it = j.find(kBlockColumns[c]);
            if (it == j.end() || !it->is_string()) {
                problems.push_back({id + "." + kBlockColumns[c], "expected a string"});
                return false;
            }
            const std::string& v = it->get_ref<const std::string&>();
            const std::string_view name = kBlockColumns[c];
            if (name == "keys") n = static_cast<size_t>(std::count(v.begin(), v.end(), '\n'));
        }
        if (n == 0 || (b + 1 < lines.size() && n != block) || n > block) {
            problems.push_back({id, "holds " + std::to_string(n) + " lines, not " + std::to_string(block) +
                                        ": the order lines are not whole"});
            return false;
        }
        for (size_t c = 0; c < std::size(kBlockColumns); ++c) {
            const std::string& v = j[kBlockColumns[c]].get_ref<const std::string&>();
            const std::string_view name = kBlockColumns[c];
            if (name == "keys" || name == "status") {
                if (name == "status" && v.size() != n) {
                    problems.push_back({id + ".status", "holds " + std::to_string(v.size()) + " letters for " + std::to_string(n) + " lines"});
                    return false;
                }
                cols[c] += v;
            } else if (name == "samples") {
                if (!v.empty()) {
                    if (!cols[c].empty()) cols[c] += ',';
                    cols[c] += v;
                }
            } else {
                const size_t values = static_cast<size_t>(std::count(v.begin(), v.end(), ',')) + 1;
                if (values != n) {
                    problems.push_back({id + "." + kBlockColumns[c], "holds " + std::to_string(values) + " values for " + std::to_string(n) + " lines"});
                    return false;
                }
                if (b) cols[c] += ',';
                cols[c] += v;
            }
        }
        total += n;
    }
    for (size_t c = 0; c < std::size(kBlockColumns); ++c) whole[kBlockColumns[c]] = std::move(cols[c]);
    auto list = [&](const std::vector<std::pair<std::string, std::string>>& docs, const char* key) {
        json all = json::array();
        for (size_t b = 0; b < docs.size(); ++b) {
            const auto& [id, text] = docs[b];
            json j = json::parse(text.begin(), text.end(), nullptr, false);
            if (!j.is_array() || j.empty() || j.size() > block || (b + 1 < docs.size() && j.size() != block)) {
                problems.push_back({id, b + 1 < docs.size() ? "expected a list of " + std::to_string(block) + ": the order lines are not whole"
                                                            : "expected a list of 1 to " + std::to_string(block)});
                return false;
            }
            for (json& x : j) all.push_back(std::move(x));
        }
        whole[key] = std::move(all);
        return true;
    };
    if (!list(places, "places") || !list(products, "products")) return false;
    if (total == 0 && whole["places"].empty() && whole["products"].empty()) {
        out.clear();
        return true;
    }
    OrderLines l;
    lines_json::read(whole, l, [&](const std::string& sub, std::string msg) {
        if (problems.size() < 200) problems.push_back({"lines" + sub, std::move(msg)});
    });
    if (problems.size() != before) return false;
    out = std::move(l);
    return true;
}

}  // namespace sr
