#include "video_import.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "creators.hpp"
#include "export_fields.hpp"
#include "format.hpp"
#include "import_cells.hpp"

namespace sr {

using namespace cells;

namespace {

using F = VideoField;

const ExportFields& video_fields() {
    static const ExportFields f("videos", {"video_id", "video_link", "creator", "post_date", "product_id", "views",
                                           "likes", "comments", "shares", "product_impressions", "product_clicks",
                                           "completion_rate", "est_commission", "est_flat_fee", "gmv"});
    return f;
}
constexpr size_t at(F f) { return static_cast<size_t>(f); }

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower_char(c);
    return out;
}

// The numbers a video's row sets on its post; a field the file lacks, or a cell with no value,
// leaves the post's number as it was.
struct Values {
    std::optional<int64_t> views, likes, comments, shares, impressions, clicks;
    std::optional<double> completion, flat_fee, commission;
};

void set_on(Post& p, const Values& v) {
    if (v.views) p.views = *v.views;
    if (v.likes) p.likes = *v.likes;
    if (v.comments) p.comments = *v.comments;
    if (v.shares) p.shares = *v.shares;
    if (v.impressions) p.product_impressions = *v.impressions;
    if (v.clicks) p.clicks = *v.clicks;
    if (v.completion) p.completion_rate = *v.completion;
    if (v.flat_fee) {
        // The flat fee TikTok paid for this video: the post's own, no longer following the
        // creator's fee per content piece (docs/rules.md, "The deal on posts").
        p.creator_fee = *v.flat_fee;
        p.fee_by_hand = true;
    }
}

bool same_numbers(const Post& a, const Post& b) {
    return a.views == b.views && a.likes == b.likes && a.comments == b.comments && a.shares == b.shares &&
           a.product_impressions == b.product_impressions && a.clicks == b.clicks &&
           a.completion_rate == b.completion_rate && a.creator_fee == b.creator_fee &&
           a.fee_by_hand == b.fee_by_hand;
}

}  // namespace

const ExportFields& video_export_fields() { return video_fields(); }

bool video_headers(const std::vector<std::string>& headers, std::string* missing, const FieldMapping& mapping) {
    const ExportFields::Match m = video_fields().match(headers, mapping);
    if (m.has(at(F::video_id)) || m.has(at(F::video_link))) return true;
    if (missing) *missing = "no \"Video ID\" or \"Video link\" column";
    return false;
}

std::string VideoImport::summary() const {
    if (!ok()) return "Refused: " + refused;
    std::string s = "Video performance, " + fmt_int(videos) + (videos == 1 ? " video: " : " videos: ");
    s += fmt_int(posts_updated) + (posts_updated == 1 ? " post updated, " : " posts updated, ");
    s += fmt_int(posts_created) + (posts_created == 1 ? " new post, " : " new posts, ");
    const auto unknown = static_cast<int64_t>(unknown_creators.size());
    s += fmt_int(unknown) + (unknown == 1 ? " unknown creator" : " unknown creators");
    if (posts_unchanged > 0) s += ", " + fmt_int(posts_unchanged) + " unchanged";
    if (problem_count > 0) s += ", " + fmt_int(problem_count) + (problem_count == 1 ? " row refused" : " rows refused");
    if (skipped > 0) s += ", " + fmt_int(skipped) + (skipped == 1 ? " row skipped" : " rows skipped");
    return s;
}

struct VideoImporter::Impl {
    const Program program;
    const ExportFields& fields = video_fields();
    const MoneyRules money{program.settings.currency};
    OrdersImportOptions options;
    FieldMapping mapping;
    VideoImport result;
    bool have_header = false;
    ExportFields::Match match;
    size_t header_columns = 0;
    FieldCells cells;

    std::unordered_map<std::string, Id> creator_by_handle, creator_by_name;
    std::unordered_map<Id, std::string> handle_of;
    std::unordered_map<std::string, size_t> post_by_key;   // content id -> index in program.posts
    std::unordered_map<std::string, size_t> new_by_key;    // content id -> index in new_posts
    std::unordered_map<std::string, Id> product_by_sku;
    std::unordered_map<std::string, bool> seen;            // videos read, by their key
    std::unordered_map<size_t, Post> updated;              // program.posts index -> new value
    std::vector<size_t> updated_order;
    std::vector<Post> new_posts;
    std::vector<std::optional<DayText>> new_days;
    std::unordered_map<std::string, size_t> unknown_index;
    Id next_id;
    DayVote vote;  // the dates' order, decided by the file as the orders import does

    Impl(const Program& p, uint64_t revision, OrdersImportOptions o) : program(p), options(o), next_id(first_free_id(p)) {
        result.changes.base_revision = revision;
        for (const Creator& c : program.creators) {
            creator_by_handle.emplace(handle_key(c.handle), c.id);
            if (!c.display_name.empty()) creator_by_name.emplace(lower(trim_view(c.display_name)), c.id);
            handle_of.emplace(c.id, c.handle);
        }
        for (size_t i = 0; i < program.posts.size(); ++i) {
            const std::string id = content_id_of(program.posts[i].tiktok_ref);
            if (!id.empty()) post_by_key.emplace(id, i);  // the first post with this id takes the video
        }
        for (const Product& x : program.products) {
            const std::string sku(trim_view(x.sku));
            if (!sku.empty()) product_by_sku.emplace(sku, x.id);
        }
    }

    void problem(int64_t row, std::string_view id, std::string reason) { result.problem(row, id, std::move(reason)); }
    std::string bad(F f, const char* why) const {
        return fields.usual(at(f)) + " " + in_quotes(cells[at(f)]) + " " + why;
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
        if (!video_headers(headers, &missing, mapping)) {
            result.refused = "the file has " + missing + ": it is not a video performance export";
            return false;
        }
        return true;
    }

    // A count field: true when read (or absent / no value), false with a problem.
    bool count(F f, std::optional<int64_t>& out, int64_t row, std::string_view id) {
        const std::string_view v = cells[at(f)];
        if (v.empty()) return true;
        int64_t n = 0;
        if (!parse_whole(v, n)) {
            problem(row, id, bad(f, "is not a whole number"));
            return false;
        }
        out = n;
        return true;
    }
    bool amount(F f, std::optional<double>& out, int64_t row, std::string_view id) {
        const std::string_view v = cells[at(f)];
        if (v.empty()) return true;
        double x = 0;
        std::string why;
        if (!parse_amount(v, x, why, money)) {
            problem(row, id, fields.usual(at(f)) + " " + in_quotes(v) + " " + why);
            return false;
        }
        out = x;
        return true;
    }

    void row(int64_t r, const std::vector<std::string_view>& fields_in) {
        ++result.rows;
        cells.take(match, fields_in);
        const std::string_view id = cells[at(F::video_id)], link = cells[at(F::video_link)];
        const std::string_view shown = id.empty() ? link : id;
        if (std::string why = not_a_row(fields, fields_in, result.rows, shown); !why.empty()) return result.skip(r, why);
        if (fields_in.size() < header_columns)
            return problem(r, shown, "has " + std::to_string(fields_in.size()) + " columns; the header has " +
                                         std::to_string(header_columns));
        if (id.empty() && link.empty()) return problem(r, shown, "no Video ID or Video link");
        if (rounded_number(id))
            return problem(r, id, bad(F::video_id, "is a number a spreadsheet rounded, its last digits lost: import the file as downloaded"));
        if (!id.empty() && !all_digits(id)) return problem(r, id, bad(F::video_id, "is not a video id (digits)"));
        const std::string link_key = link.empty() ? std::string() : content_id_of(link);
        const std::string key = !id.empty() ? std::string(id) : link_key;
        if (seen.count(key)) {
            ++result.repeated_rows;  // another product of the same video: its numbers again
            return;
        }

        Values v;
        if (!count(F::views, v.views, r, shown) || !count(F::likes, v.likes, r, shown) ||
            !count(F::comments, v.comments, r, shown) || !count(F::shares, v.shares, r, shown) ||
            !count(F::product_impressions, v.impressions, r, shown) || !count(F::product_clicks, v.clicks, r, shown))
            return;
        if (const std::string_view c = cells[at(F::completion_rate)]; !c.empty()) {
            double x = 0;
            std::string why;
            if (!parse_rate(c, x, why)) return problem(r, shown, fields.usual(at(F::completion_rate)) + " " + in_quotes(c) + " " + why);
            v.completion = x;
        }
        if (!amount(F::est_flat_fee, v.flat_fee, r, shown) || !amount(F::est_commission, v.commission, r, shown)) return;
        vote.note(cells[at(F::post_date)]);

        // Who the file says made it.
        const std::string_view user = cells[at(F::creator)];
        std::optional<Id> creator;
        if (!user.empty()) {
            if (auto it = creator_by_handle.find(handle_key(handle_view(user))); it != creator_by_handle.end()) creator = it->second;
            else if (auto n = creator_by_name.find(lower(user)); n != creator_by_name.end()) creator = n->second;
        }

        // Its post: by Video ID, then by the link's id.
        std::optional<size_t> existing;
        std::optional<size_t> fresh;
        for (const std::string* k : {&key, &link_key}) {
            if (k->empty() || existing || fresh) continue;
            if (auto it = post_by_key.find(*k); it != post_by_key.end()) existing = it->second;
            else if (auto n = new_by_key.find(*k); n != new_by_key.end()) fresh = n->second;
        }
        if (existing) {
            const Post& p = program.posts[*existing];
            if (creator && *creator != p.creator_id)
                return problem(r, shown, "video " + key + " is a post by @" + handle_of[p.creator_id] + ", not by @" +
                                             normalize_handle(user));
            auto it = updated.find(*existing);
            if (it == updated.end()) {
                it = updated.emplace(*existing, p).first;
                updated_order.push_back(*existing);
            }
            set_on(it->second, v);
        } else if (fresh) {
            set_on(new_posts[*fresh], v);
        } else {
            if (user.empty()) return problem(r, shown, "no Creator username: a video no post has needs its creator");
            if (!creator) {
                seen.emplace(key, true);
                ++result.videos;
                ++result.unknown_videos;
                const std::string name = normalize_handle(user);
                auto [u, added] = unknown_index.emplace(handle_key(name), result.unknown_creators.size());
                if (added) result.unknown_creators.push_back({clip(name, 100), 0, r});
                ++result.unknown_creators[u->second].videos;
                return;
            }
            Post p;
            p.id = next_id++;
            p.creator_id = *creator;
            p.tiktok_ref = !link.empty() && (id.empty() || link_key == id) ? std::string(link) : key;
            if (auto prod = product_by_sku.find(std::string(cells[at(F::product_id)])); prod != product_by_sku.end())
                p.product_id = prod->second;
            set_on(p, v);
            new_by_key.emplace(key, new_posts.size());
            if (!link_key.empty()) new_by_key.emplace(link_key, new_posts.size());
            new_posts.push_back(std::move(p));
            new_days.push_back(read_day(cells[at(F::post_date)]));
        }
        seen.emplace(key, true);
        ++result.videos;
        if (v.views) result.views += *v.views;
        if (v.clicks) result.product_clicks += *v.clicks;
        if (v.commission) result.est_commission += *v.commission;
    }

    VideoImport finish() {
        if (result.refused.empty() && !have_header) result.refused = "the file is empty: no header row";
        if (result.refused.empty() && result.rows == 0)
            result.refused = "the file has its header row and no rows under it: no videos to import";
        if (!result.refused.empty()) {
            VideoImport refused;
            refused.refused = std::move(result.refused);
            refused.languages = std::move(result.languages);
            refused.changes.base_revision = result.changes.base_revision;
            return refused;
        }
        result.dates = vote.decide(options.date_order);
        for (size_t i = 0; i < new_posts.size(); ++i)
            if (const auto& t = new_days[i])
                if (const auto day = day_in(*t, result.dates.order)) new_posts[i].published = *day;
        for (size_t i : updated_order) {
            Post& p = updated[i];
            if (same_numbers(p, program.posts[i])) ++result.posts_unchanged;
            else result.changes.updated_posts.push_back(std::move(p));
        }
        result.changes.new_posts = std::move(new_posts);
        result.posts_updated = static_cast<int64_t>(result.changes.updated_posts.size());
        result.posts_created = static_cast<int64_t>(result.changes.new_posts.size());
        result.est_commission = cents(result.est_commission);
        return std::move(result);
    }
};

VideoImporter::VideoImporter(const Program& program, uint64_t revision, OrdersImportOptions options, FieldMapping mapping)
    : impl_(std::make_unique<Impl>(program, revision, options)) {
    impl_->mapping = std::move(mapping);
}
VideoImporter::~VideoImporter() = default;

bool VideoImporter::feed_row(int64_t row, const std::vector<std::string_view>& cells) {
    Impl& m = *impl_;
    if (!m.result.refused.empty()) return false;
    if (!m.have_header) return m.on_header(cells);
    m.row(row, cells);
    return true;
}

void VideoImporter::refuse(std::string reason) {
    if (impl_->result.refused.empty()) impl_->result.refused = std::move(reason);
}
int64_t VideoImporter::rows_read() const { return impl_->result.rows; }
VideoImport VideoImporter::finish() { return impl_->finish(); }

}  // namespace sr
