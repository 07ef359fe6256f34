#include "paid_import.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "format.hpp"
#include "import_cells.hpp"
#include "spark.hpp"

namespace sr {

using namespace cells;

namespace {

using F = PaidField;
constexpr size_t at(F f) { return static_cast<size_t>(f); }

const ExportFields& paid_fields() {
    static const ExportFields f("paid", {"video_id", "ad_name", "ad_id", "campaign", "account", "day", "cost",
                                         "impressions", "clicks", "orders", "gross_revenue", "view_rate_2s",
                                         "view_rate_6s", "views_2s", "views_6s", "currency"});
    return f;
}

// The first run of 15 or more digits in a text (a video id inside an ad's name), or "".
std::string_view digit_run(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        if (!is_digit(s[i])) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < s.size() && is_digit(s[j])) ++j;
        if (j - i >= 15) return s.substr(i, j - i);
        i = j;
    }
    return {};
}

bool went_live(const SparkCode& c) {
    return c.status == SparkStatus::live || c.status == SparkStatus::expired || c.status == SparkStatus::killed;
}

// One code's round of one day, summed over the rows that give it.
struct Sum {
    double spend = 0, gmv = 0;
    int64_t impressions = 0, clicks = 0, orders = 0;
    // View rates weighted by each row's impressions (a row without impressions counts once).
    double v2 = 0, v2_weight = 0, v6 = 0, v6_weight = 0;
};

bool same_round(const PaidRound& a, const PaidRound& b) {
    auto same_rate = [](const std::optional<double>& x, const std::optional<double>& y) {
        return x.has_value() == y.has_value() && (!x || std::fabs(*x - *y) < 1e-9);
    };
    return a.date == b.date && cents(a.spend) == cents(b.spend) && a.impressions == b.impressions && a.clicks == b.clicks &&
           a.orders == b.orders && cents(a.gmv) == cents(b.gmv) && same_rate(a.view_rate_2s, b.view_rate_2s) &&
           same_rate(a.view_rate_6s, b.view_rate_6s);
}

}  // namespace

const ExportFields& paid_export_fields() { return paid_fields(); }

bool paid_headers(const std::vector<std::string>& headers, std::string* missing, const FieldMapping& mapping) {
    const ExportFields::Match m = paid_fields().match(headers, mapping);
    const bool cost = m.has(at(F::cost));
    const bool which = m.has(at(F::video_id)) || m.has(at(F::ad_name));
    if (cost && which) return true;
    if (missing)
        *missing = !cost && !which ? "no \"Cost\" column and no \"Video ID\" or \"Ad name\" column"
                   : !cost         ? "no \"Cost\" column"
                                   : "no \"Video ID\", \"Post ID\" or \"Ad name\" column";
    return false;
}

bool merge_ad_codes_json(std::string_view text, const Program& program, Settings& settings, std::vector<std::string>& errors) {
    const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        errors.push_back("not a JSON object");
        return false;
    }
    auto ads = j.find("ad_codes");
    if (ads == j.end()) return true;
    if (!ads->is_object()) {
        errors.push_back("\"ad_codes\" is not an object of ad names and Spark Codes");
        return false;
    }
    std::vector<AdCode> found;
    for (auto it = ads->begin(); it != ads->end(); ++it) {
        const std::string name(trim_view(it.key()));
        const SparkCode* code = nullptr;
        for (const SparkCode& c : program.spark_codes)
            if ((it->is_string() && trim_view(c.code) == trim_view(it->get_ref<const std::string&>()) && !c.code.empty()) ||
                (it->is_number_integer() && c.id == it->get<Id>()))
                code = &c;
        if (name.empty()) errors.push_back("ad_codes: an ad name is empty");
        else if (!code) errors.push_back("ad_codes: \"" + name + "\": no Spark Code of the program is " + it->dump());
        else found.push_back({name, code->id});
    }
    if (!errors.empty()) return false;
    for (const AdCode& a : found) {
        auto at = std::find_if(settings.ad_codes.begin(), settings.ad_codes.end(), [&](const AdCode& x) { return x.ad_name == a.ad_name; });
        if (at != settings.ad_codes.end()) at->spark_code_id = a.spark_code_id;
        else settings.ad_codes.push_back(a);
    }
    return true;
}

std::string PaidImport::summary() const {
    if (!ok()) return "Refused: " + refused;
    std::string s = std::string("Paid report (") + (by_day ? "Ads Manager" : "GMV Max creative data") + "), " +
                    fmt_int(rows) + (rows == 1 ? " row: " : " rows: ");
    s += fmt_int(rounds) + (rounds == 1 ? " round on " : " rounds on ") + fmt_int(codes) +
         (codes == 1 ? " Spark Code (" : " Spark Codes (") + fmt_int(rounds_new) + " new, " + fmt_int(rounds_replaced) +
         " replaced)";
    const auto n = static_cast<int64_t>(unplaced.size());
    s += ", " + fmt_int(n) + (n == 1 ? " ad not placed" : " ads not placed");
    if (rounds_unchanged > 0) s += ", " + fmt_int(rounds_unchanged) + " unchanged";
    if (problem_count > 0) s += ", " + fmt_int(problem_count) + (problem_count == 1 ? " row refused" : " rows refused");
    if (skipped > 0) s += ", " + fmt_int(skipped) + (skipped == 1 ? " row skipped" : " rows skipped");
    return s;
}

struct PaidImporter::Impl {
    const Program program;
    const ExportFields& fields = paid_fields();
    const MoneyRules money{program.settings.currency};
    OrdersImportOptions options;
    PaidImport result;
    bool have_header = false;
    ExportFields::Match match;
    size_t header_columns = 0;
    FieldCells cells;
    DayVote vote;

    std::unordered_map<std::string, Id> post_by_key;                // content id -> post id
    std::unordered_map<Id, std::vector<size_t>> codes_of_post;      // post id -> codes that went live
    std::vector<std::pair<std::string, size_t>> code_texts;         // a code's text (8+ characters) -> index
    std::unordered_map<std::string, size_t> unplaced_index;         // name -> index in result.unplaced
    std::unordered_map<std::string, size_t> code_by_ad;             // an ad name the user placed -> code index
    // Rows read, waiting for the file's date order: code index, the day's text (or none: the
    // day of import), and the numbers.
    struct Pending {
        size_t code;
        std::optional<DayText> day;
        Sum sum;
    };
    std::vector<Pending> pending;

    FieldMapping mapping;

    Impl(const Program& p, uint64_t revision, OrdersImportOptions o, FieldMapping m)
        : program(p), options(o), mapping(std::move(m)) {
        result.changes.base_revision = revision;
        for (const Post& x : program.posts) {
            const std::string id = content_id_of(x.tiktok_ref);
            if (!id.empty()) post_by_key.emplace(id, x.id);
        }
        for (size_t i = 0; i < program.spark_codes.size(); ++i) {
            const SparkCode& c = program.spark_codes[i];
            if (!went_live(c)) continue;
            if (c.post_id) codes_of_post[c.post_id].push_back(i);
            const std::string text(trim_view(c.code));
            if (text.size() >= 8) code_texts.emplace_back(text, i);
        }
        std::unordered_map<Id, size_t> code_index;
        for (size_t i = 0; i < program.spark_codes.size(); ++i) code_index.emplace(program.spark_codes[i].id, i);
        for (const AdCode& a : program.settings.ad_codes)
            if (auto it = code_index.find(a.spark_code_id); it != code_index.end())
                code_by_ad.emplace(std::string(trim_view(a.ad_name)), it->second);
    }

    std::string bad(F f, std::string_view v, const std::string& why) const {
        return fields.usual(at(f)) + " " + in_quotes(v) + " " + why;
    }

    bool on_header(const std::vector<std::string_view>& row) {
        std::vector<std::string> headers;
        for (std::string_view h : row) headers.emplace_back(trim_view(h));
        match = fields.match(headers, mapping);
        header_columns = headers.size();
        have_header = true;
        result.languages = match.languages;
        for (size_t f = 0; f < fields.size(); ++f)
            if (match.has(f)) result.fields_read.push_back(fields.usual(f));
        std::string missing;
        if (!paid_headers(headers, &missing, mapping)) {
            result.refused = "the file has " + missing + ": it is not a paid report";
            return false;
        }
        result.by_day = match.has(at(F::day));
        if (!result.by_day) {
            if (!options.today) {
                result.refused = "the report has no day column: say which day its rounds are dated";
                return false;
            }
            result.undated_day = *options.today;
        }
        return true;
    }

    void unplaced(int64_t r, const std::string& name, std::string reason, double cost, bool by_name = false) {
        auto [it, added] = unplaced_index.emplace(name + "\n" + reason, result.unplaced.size());
        if (added) result.unplaced.push_back({by_name ? name : clip(name, 100), std::move(reason), 0, 0, r, by_name});
        UnplacedAd& u = result.unplaced[it->second];
        ++u.rows;
        u.cost = cents(u.cost + cost);
    }

    // Of a post's codes that went live: the one authorized on `day`, else the last to go live.
    std::optional<size_t> code_for(Id post, std::optional<Date> day) const {
        auto it = codes_of_post.find(post);
        if (it == codes_of_post.end()) return std::nullopt;
        std::optional<size_t> best;
        for (size_t i : it->second) {
            const SparkCode& c = program.spark_codes[i];
            const auto end = spark_expiry(c);
            if (day && c.auth_start && *c.auth_start <= *day && end && *day < *end) return i;
            if (!best || program.spark_codes[*best].auth_start < c.auth_start) best = i;
        }
        return best;
    }

    bool count(F f, int64_t& out, int64_t r, std::string_view who) {
        const std::string_view v = cells[at(f)];
        if (v.empty()) return true;
        if (!parse_whole(v, out)) {
            result.problem(r, who, bad(f, v, "is not a whole number"));
            return false;
        }
        return true;
    }
    bool amount(F f, double& out, int64_t r, std::string_view who) {
        const std::string_view v = cells[at(f)];
        if (v.empty()) return true;
        std::string why;
        if (!parse_amount(v, out, why, money)) {
            result.problem(r, who, bad(f, v, why));
            return false;
        }
        return true;
    }
    bool rate(F f, std::optional<double>& out, int64_t r, std::string_view who) {
        const std::string_view v = cells[at(f)];
        if (v.empty()) return true;
        double x = 0;
        std::string why;
        if (!parse_rate(v, x, why)) {
            result.problem(r, who, bad(f, v, why));
            return false;
        }
        out = x;
        return true;
    }

    void row(int64_t r, const std::vector<std::string_view>& in) {
        ++result.rows;
        cells.take(match, in);
        const std::string_view id = cells[at(F::video_id)], ad = cells[at(F::ad_name)];
        const std::string_view who = !id.empty() ? id : !ad.empty() ? ad : cells[at(F::ad_id)];
        // An ad's name is often words: the column descriptions show in the Cost column instead.
        if (std::string why = not_a_row(fields, in, result.rows, cells.raw[at(F::cost)]); !why.empty()) return result.skip(r, why);
        if (in.size() < header_columns)
            return result.problem(r, who, "has " + std::to_string(in.size()) + " columns; the header has " +
                                              std::to_string(header_columns));
        if (const std::string_view cur = cells[at(F::currency)]; !cur.empty() && !iequals(cur, money.currency))
            return result.problem(r, who, "is in " + std::string(cur) + ", not the program's " + money.currency);
        if (cells[at(F::cost)].empty()) return result.problem(r, who, "has no Cost");

        Sum s;
        std::optional<double> v2, v6;
        int64_t views2 = -1, views6 = -1;
        if (!amount(F::cost, s.spend, r, who) || !amount(F::gross_revenue, s.gmv, r, who) ||
            !count(F::impressions, s.impressions, r, who) || !count(F::clicks, s.clicks, r, who) ||
            !count(F::orders, s.orders, r, who) || !rate(F::view_rate_2s, v2, r, who) || !rate(F::view_rate_6s, v6, r, who) ||
            !count(F::views_2s, views2, r, who) || !count(F::views_6s, views6, r, who))
            return;
        // Ads Manager gives the views; a rate is views over impressions.
        if (!v2 && views2 >= 0 && s.impressions > 0) v2 = std::min(1.0, static_cast<double>(views2) / static_cast<double>(s.impressions));
        if (!v6 && views6 >= 0 && s.impressions > 0) v6 = std::min(1.0, static_cast<double>(views6) / static_cast<double>(s.impressions));
        const double w = s.impressions > 0 ? static_cast<double>(s.impressions) : 1.0;
        if (v2) s.v2 = *v2 * w, s.v2_weight = w;
        if (v6) s.v6 = *v6 * w, s.v6_weight = w;

        std::optional<DayText> day;
        if (result.by_day) {
            const std::string_view d = cells[at(F::day)];
            if (d.empty()) return result.problem(r, who, "has no day (By Day)");
            day = read_day(d);
            if (!day) return result.problem(r, who, bad(F::day, d, "is not a date"));
            vote.note(d);
        }
        // A day is only known once the file's date order is; a year-first day is known now.
        std::optional<Date> known;
        if (!day) known.emplace(result.undated_day);
        else if (day->year_first) known = civil(day->year, day->first, day->second);

        // Which Spark Code: by the video, else by the ad's name.
        std::optional<size_t> code;
        std::string name;
        if (!id.empty()) {
            if (rounded_number(id))
                return result.problem(r, id, bad(F::video_id, id, "is a number a spreadsheet rounded, its last digits lost: import the file as downloaded"));
            if (!all_digits(id)) return result.problem(r, id, bad(F::video_id, id, "is not a video id (digits)"));
            name = "video " + std::string(id);
            auto p = post_by_key.find(std::string(id));
            if (p == post_by_key.end()) return unplaced(r, name, "no post has this video", s.spend);
            code = code_for(p->second, known);
            if (!code) return unplaced(r, name, "its post has no Spark Code that went live", s.spend);
        } else {
            name = !ad.empty() ? std::string(ad) : "ad " + std::string(cells[at(F::ad_id)]);
            // The user's choice for this name first, then what the name itself says.
            if (auto m = code_by_ad.find(name); !ad.empty() && m != code_by_ad.end()) code = m->second;
            if (const std::string_view v = digit_run(ad); !code && !v.empty()) {
                if (auto p = post_by_key.find(std::string(v)); p != post_by_key.end()) code = code_for(p->second, known);
            }
            if (!code)
                for (const auto& [text, i] : code_texts)
                    if (ad.find(text) != std::string_view::npos) {
                        code = i;
                        break;
                    }
            if (!code)
                return unplaced(r, name, "its name holds neither a post's video id nor a Spark Code that went live", s.spend,
                                !ad.empty());
        }
        pending.push_back({*code, day, s});
        ++result.rows_placed;
        result.cost = cents(result.cost + s.spend);
    }

    PaidImport finish() {
        if (result.refused.empty() && !have_header) result.refused = "the file is empty: no header row";
        if (result.refused.empty() && result.rows == 0)
            result.refused = "the file has its header row and no rows under it: no paid rounds to import";
        if (!result.refused.empty()) {
            PaidImport refused;
            refused.refused = std::move(result.refused);
            refused.languages = std::move(result.languages);
            refused.changes.base_revision = result.changes.base_revision;
            return refused;
        }
        result.dates = vote.decide(options.date_order);
        // Each code's rounds by day, summed over their rows.
        std::map<size_t, std::map<Date, Sum>> by_code;
        for (const Pending& x : pending) {
            const std::optional<Date> d = x.day ? day_in(*x.day, result.dates.order) : std::optional<Date>(result.undated_day);
            if (!d) continue;  // a day the decided order cannot read (a conflict): left out, as the orders import does
            Sum& t = by_code[x.code][*d];
            t.spend += x.sum.spend, t.gmv += x.sum.gmv;
            t.impressions += x.sum.impressions, t.clicks += x.sum.clicks, t.orders += x.sum.orders;
            t.v2 += x.sum.v2, t.v2_weight += x.sum.v2_weight, t.v6 += x.sum.v6, t.v6_weight += x.sum.v6_weight;
        }
        const std::string& cur = program.settings.currency;
        for (const auto& [i, days] : by_code) {
            SparkCode c = program.spark_codes[i];
            bool changed = false;
            for (const auto& entry : days) {
                const Date d = entry.first;  // named, not bound: a lambda below takes it
                const Sum& t = entry.second;
                ++result.rounds;
                PaidRound round;
                round.date = d;
                round.spend = cents(t.spend);
                round.gmv = cents(t.gmv);
                round.impressions = t.impressions, round.clicks = t.clicks, round.orders = t.orders;
                if (t.v2_weight > 0) round.view_rate_2s = t.v2 / t.v2_weight;
                if (t.v6_weight > 0) round.view_rate_6s = t.v6 / t.v6_weight;
                auto same_day = std::find_if(c.rounds.begin(), c.rounds.end(), [&](const PaidRound& x) { return x.date == d; });
                if (same_day != c.rounds.end() && same_round(*same_day, round)) {
                    ++result.rounds_unchanged;
                    continue;
                }
                const bool replacing = same_day != c.rounds.end();
                if (replacing) *same_day = round, ++result.rounds_replaced;
                else c.rounds.push_back(round), ++result.rounds_new;
                c.history.push_back({d, std::string(replacing ? "paid round replaced" : "paid round") +
                                            " from a paid report: spend " + fmt_money(round.spend, cur) + ", " +
                                            fmt_int(round.clicks) + " clicks, " + fmt_int(round.orders) + " orders"});
                changed = true;
            }
            if (!changed) continue;
            std::sort(c.rounds.begin(), c.rounds.end(), [](const PaidRound& a, const PaidRound& b) { return a.date < b.date; });
            result.changes.updated_spark_codes.push_back(std::move(c));
        }
        result.codes = static_cast<int64_t>(result.changes.updated_spark_codes.size());
        return std::move(result);
    }
};

PaidImporter::PaidImporter(const Program& program, uint64_t revision, OrdersImportOptions options, FieldMapping mapping)
    : impl_(std::make_unique<Impl>(program, revision, options, std::move(mapping))) {}
PaidImporter::~PaidImporter() = default;

bool PaidImporter::feed_row(int64_t row, const std::vector<std::string_view>& cells) {
    Impl& m = *impl_;
    if (!m.result.refused.empty()) return false;
    if (!m.have_header) return m.on_header(cells);
    m.row(row, cells);
    return true;
}

void PaidImporter::refuse(std::string reason) {
    if (impl_->result.refused.empty()) impl_->result.refused = std::move(reason);
}
int64_t PaidImporter::rows_read() const { return impl_->result.rows; }
PaidImport PaidImporter::finish() { return impl_->finish(); }

}  // namespace sr
