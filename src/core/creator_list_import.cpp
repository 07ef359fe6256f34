#include "creator_list_import.hpp"

#include <unordered_map>

#include "creators.hpp"
#include "export_fields.hpp"
#include "format.hpp"
#include "import_cells.hpp"

namespace sr {

using namespace cells;

namespace {

using F = CreatorListField;
constexpr size_t at(F f) { return static_cast<size_t>(f); }

const ExportFields& list_fields() {
    static const ExportFields f("creators", {"creator_username", "followers", "gmv", "live_gmv", "video_gmv", "card_gmv",
                                             "orders", "videos", "lives", "est_commission"});
    return f;
}

// A TikTok username: at most 24 letters, digits, '_' and '.', nothing else (no spaces: a display
// name is not a handle), as validate_creator() takes it.
bool handle_like(std::string_view h) {
    if (h.empty() || h.size() > 24) return false;
    for (char c : h)
        if (!(is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.')) return false;
    return true;
}

}  // namespace

const ExportFields& creator_list_fields() { return list_fields(); }

bool creator_list_headers(const std::vector<std::string>& headers, std::string* missing, const FieldMapping& mapping) {
    const ExportFields::Match m = list_fields().match(headers, mapping);
    const bool user = m.has(at(F::creator_username));
    const bool numbers = m.has(at(F::followers)) || m.has(at(F::gmv)) || m.has(at(F::live_gmv)) ||
                         m.has(at(F::video_gmv)) || m.has(at(F::card_gmv));
    if (user && numbers) return true;
    if (missing)
        *missing = !user && !numbers ? "no \"Creator username\" column and no followers or GMV column"
                   : !user           ? "no \"Creator username\" column"
                                     : "no \"Affiliate followers\" or \"Affiliate GMV\" column";
    return false;
}

std::string CreatorListImport::summary() const {
    if (!ok()) return "Refused: " + refused;
    std::string s = "Creator list, " + fmt_int(creators) + (creators == 1 ? " creator: " : " creators: ");
    s += fmt_int(to_add) + " to add as prospects, ";
    s += fmt_int(followers_updated) + " followers updated, ";
    s += fmt_int(unchanged) + " unchanged";
    if (problem_count > 0) s += ", " + fmt_int(problem_count) + (problem_count == 1 ? " row refused" : " rows refused");
    if (skipped > 0) s += ", " + fmt_int(skipped) + (skipped == 1 ? " row skipped" : " rows skipped");
    return s;
}

struct CreatorListImporter::Impl {
    const Program program;
    const ExportFields& fields = list_fields();
    const MoneyRules money{program.settings.currency};
    CreatorListImport result;
    bool have_header = false;
    ExportFields::Match match;
    size_t header_columns = 0;
    FieldCells cells;
    std::unordered_map<std::string, size_t> creator_by_handle;  // handle key -> index in program.creators
    std::unordered_map<std::string, bool> seen;
    Id next_id;
    std::optional<Date> today;
    FieldMapping mapping;

    Impl(const Program& p, uint64_t revision, std::optional<Date> t, FieldMapping m)
        : program(p), next_id(first_free_id(p)), today(t), mapping(std::move(m)) {
        result.changes.base_revision = revision;
        for (size_t i = 0; i < program.creators.size(); ++i) creator_by_handle.emplace(handle_key(program.creators[i].handle), i);
    }

    void problem(int64_t row, std::string_view who, std::string reason) { result.problem(row, who, std::move(reason)); }

    bool on_header(const std::vector<std::string_view>& row) {
        std::vector<std::string> headers;
        for (std::string_view h : row) headers.emplace_back(trim_view(h));
        match = fields.match(headers, mapping);
        header_columns = headers.size();
        have_header = true;
        result.languages = match.languages;
        std::string missing;
        if (!creator_list_headers(headers, &missing, mapping)) {
            result.refused = "the file has " + missing + ": it is not a creator list export";
            return false;
        }
        return true;
    }

    bool money_cell(F f, std::optional<double>& out, int64_t r, std::string_view who) {
        const std::string_view v = cells[at(f)];
        if (v.empty()) return true;
        double x = 0;
        std::string why;
        if (!parse_amount(v, x, why, money)) {
            problem(r, who, fields.usual(at(f)) + " " + in_quotes(v) + " " + why);
            return false;
        }
        out = cents(x);
        return true;
    }

    void row(int64_t r, const std::vector<std::string_view>& in) {
        ++result.rows;
        cells.take(match, in);
        const std::string_view user = cells[at(F::creator_username)];
        if (std::string why = not_a_row(fields, in, result.rows, user); !why.empty()) return result.skip(r, why);
        if (in.size() < header_columns)
            return problem(r, user, "has " + std::to_string(in.size()) + " columns; the header has " + std::to_string(header_columns));
        const std::string handle = normalize_handle(user);
        if (handle.empty()) return problem(r, user, "no Creator username");
        if (!handle_like(handle))
            return problem(r, user, "Creator username " + in_quotes(user) +
                                        " is not a TikTok username (at most 24 letters, digits, _ and .)");
        CreatorListEntry e;
        e.row = r;
        e.handle = handle;
        if (const std::string_view f = cells[at(F::followers)]; !f.empty()) {
            int64_t n = 0;
            if (!parse_whole(f, n)) return problem(r, user, fields.usual(at(F::followers)) + " " + in_quotes(f) + " is not a whole number");
            e.followers = n;
        }
        if (!money_cell(F::gmv, e.gmv, r, user) || !money_cell(F::video_gmv, e.video_gmv, r, user) ||
            !money_cell(F::live_gmv, e.live_gmv, r, user) || !money_cell(F::card_gmv, e.card_gmv, r, user))
            return;
        const std::string key = handle_key(handle);
        if (seen.count(key)) {
            ++result.repeated;
            return;
        }
        seen.emplace(key, true);
        ++result.creators;
        if (auto it = creator_by_handle.find(key); it != creator_by_handle.end()) {
            const Creator& c = program.creators[it->second];
            e.creator_id = c.id;
            e.followers_before = c.followers;
            if (e.followers && *e.followers != c.followers) {
                e.action = CreatorListEntry::Action::update_followers;
                Creator u = c;
                u.followers = *e.followers;
                result.changes.updated_creators.push_back(std::move(u));
                ++result.followers_updated;
            } else {
                e.action = CreatorListEntry::Action::unchanged;
                ++result.unchanged;
            }
        } else {
            e.action = CreatorListEntry::Action::add;
            Creator c;
            c.id = next_id++;
            c.handle = handle;
            c.followers = e.followers.value_or(0);
            c.status = CreatorStatus::prospect;
            // What the list says the prospect sells, kept with the day (a roster creator's GMV is
            // the program's own orders: the list's is not kept for them).
            if (e.gmv || e.video_gmv || e.live_gmv || e.card_gmv) c.listed = ListedGmv{e.gmv, e.video_gmv, e.live_gmv, e.card_gmv, today};
            result.changes.new_creators.push_back(std::move(c));
            ++result.to_add;
        }
        result.entries.push_back(std::move(e));
    }

    CreatorListImport finish() {
        if (result.refused.empty() && !have_header) result.refused = "the file is empty: no header row";
        if (result.refused.empty() && result.rows == 0)
            result.refused = "the file has its header row and no rows under it: no creators to import";
        if (!result.refused.empty()) {
            CreatorListImport refused;
            refused.refused = std::move(result.refused);
            refused.languages = std::move(result.languages);
            refused.changes.base_revision = result.changes.base_revision;
            return refused;
        }
        return std::move(result);
    }
};

CreatorListImporter::CreatorListImporter(const Program& program, uint64_t revision, std::optional<Date> today,
                                         FieldMapping mapping)
    : impl_(std::make_unique<Impl>(program, revision, today, std::move(mapping))) {}
CreatorListImporter::~CreatorListImporter() = default;

bool CreatorListImporter::feed_row(int64_t row, const std::vector<std::string_view>& cells) {
    Impl& m = *impl_;
    if (!m.result.refused.empty()) return false;
    if (!m.have_header) return m.on_header(cells);
    m.row(row, cells);
    return true;
}
void CreatorListImporter::refuse(std::string reason) {
    if (impl_->result.refused.empty()) impl_->result.refused = std::move(reason);
}
int64_t CreatorListImporter::rows_read() const { return impl_->result.rows; }
CreatorListImport CreatorListImporter::finish() { return impl_->finish(); }

}  // namespace sr
