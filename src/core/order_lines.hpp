// The affiliate-order lines taken from TikTok Shop exports, kept as records (docs/rules.md,
// "Order lines"): one per Order ID + SKU ID, with what the export says of it. Stored by column,
// so a million lines are a few large arrays rather than a million small records: the strings
// every line of a post shares (creator, content type, content id) are kept once per place, the
// product ids once per product.
#pragma once
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sr {

using Id = int64_t;

// Order Status, from the words of assets/headers/orders.*.json ("Settled", "Đã quyết toán", ...).
enum class OrderStatus : uint8_t { unknown, pending, settled, ineligible, frozen };
constexpr int kOrderStatusCount = 5;
const char* order_status_name(OrderStatus s);   // "pending", ... (backup, CSV)
const char* order_status_label(OrderStatus s);  // "Pending", ... (screens)

// What sold it, from Content Type: a video (post), a LIVE, the showcase / product card, or
// anything else (no content named).
enum class ContentKind : uint8_t { video, live, showcase, other };
constexpr int kContentKindCount = 4;
const char* content_kind_name(ContentKind k);   // "video", "live", "showcase", "other"
const char* content_kind_label(ContentKind k);  // "Video", "LIVE", "Showcase", "Other"

struct OrderLine {
    std::string key;            // "order id" or "order id/sku id"
    Id creator_id = 0;
    Id post_id = 0;             // 0: on no post (LIVE, showcase, no Content ID)
    ContentKind kind = ContentKind::video;
    std::string content_type;   // as the export writes it ("Video", "LIVE", ...)
    std::string content_id;
    std::string product_id;     // Product ID as written
    int64_t quantity = 1;
    double amount = 0;          // Payment Amount
    bool refunded = false;      // Fully returned or refunded
    bool sample = false;        // Payment Amount 0 with a Price: adds nothing
    OrderStatus status = OrderStatus::unknown;
    double est_commission = 0;  // the estimate (Est. payment, or base x rate)
    std::optional<double> actual_commission;
    int64_t time = 0;           // Time Created, seconds since 1970-01-01 in the shop's time; 0 = none

    // What the line earns: 0 when Ineligible, else the actual payment, else the estimate.
    double commission() const;
    bool same_figures(const OrderLine& o) const;  // quantity, amount, refund, sample, status, commissions
};

// What changed between two readings of one line (for the import's summary).
struct LineChange {
    bool status = false, refund = false, commission = false, amount = false;
};
LineChange line_change(const OrderLine& before, const OrderLine& after);

class OrderLines {
public:
    // Where a line is placed: lines of one post, or one creator's LIVE, share one.
    struct Place {
        Id creator_id = 0;
        Id post_id = 0;
        ContentKind kind = ContentKind::video;
        std::string content_type;
        std::string content_id;
        bool operator==(const Place& o) const {
            return creator_id == o.creator_id && post_id == o.post_id && kind == o.kind &&
                   content_type == o.content_type && content_id == o.content_id;
        }
    };

    size_t size() const { return key_end_.size(); }
    bool empty() const { return key_end_.empty(); }
    std::string_view key(size_t i) const {
        const uint32_t b = i ? key_end_[i - 1] : 0;
        return std::string_view(keys_).substr(b, key_end_[i] - b);
    }
    const Place& place(size_t i) const { return places_[place_[i]]; }
    Id creator_id(size_t i) const { return place(i).creator_id; }
    Id post_id(size_t i) const { return place(i).post_id; }
    ContentKind kind(size_t i) const { return place(i).kind; }
    int64_t quantity(size_t i) const { return quantity_[i]; }
    double amount(size_t i) const { return amount_[i]; }
    bool refunded(size_t i) const { return flags_[i] & kRefunded; }
    bool sample(size_t i) const { return flags_[i] & kSample; }
    OrderStatus status(size_t i) const { return static_cast<OrderStatus>(flags_[i] & kStatusMask); }
    double commission(size_t i) const;
    double est_commission(size_t i) const { return est_[i]; }
    double actual_commission(size_t i) const { return actual_[i]; }  // NaN: none
    int64_t get_time(size_t i) const { return time_[i]; }
    void set_time(size_t i, int64_t t) { time_[i] = t; }
    // Whether line i has x's figures (quantity, amount, refund, sample, status, commissions).
    bool same_figures(size_t i, const OrderLine& x) const;
    OrderLine get(size_t i) const;

    // The index of a place (added when new) and of a product id, for push_back below.
    uint32_t place_index(const Place& p);
    uint32_t product_index(std::string_view product_id);
    void push_back(const OrderLine& x);
    void push_back(std::string_view key, uint32_t place, uint32_t product, const OrderLine& figures);
    // Line i takes x's figures (quantity, amount, refund, sample, status, commissions, time);
    // its key, place and product stay.
    void set_figures(size_t i, const OrderLine& x);
    // Keeps the first n lines (and the first `places` places and `products` products, when
    // given: undoing an append leaves the lines as they were, to the byte).
    void truncate(size_t n, size_t places = SIZE_MAX, size_t products = SIZE_MAX);
    void append(const OrderLines& o);     // o's lines after these (places and products merged)
    void append(OrderLines&& o);          // the same; into no lines at all, o moves in whole
    // The lines from `from` on, with every place and product (their indices kept): what
    // append() takes to put them back. The lines stay.
    OrderLines tail(size_t from) const;
    void reserve(size_t lines, size_t key_bytes);
    void clear() { *this = OrderLines(); }
    // Every line's place with the post id `from` moved to `to` (merging, renumbering).
    size_t places() const { return places_.size(); }
    const Place& place_at(size_t p) const { return places_[p]; }
    uint32_t place_of(size_t i) const { return place_[i]; }
    size_t products() const { return products_.size(); }
    const std::string& product_at(size_t p) const { return products_[p]; }
    uint32_t product_of(size_t i) const { return product_[i]; }
    // Bytes held (for the benchmark's figures).
    size_t bytes() const;

    friend bool operator==(const OrderLines& a, const OrderLines& b);
    friend bool operator!=(const OrderLines& a, const OrderLines& b) { return !(a == b); }

private:
    static constexpr uint8_t kStatusMask = 7, kRefunded = 8, kSample = 16;
    static constexpr double kNoActual = std::numeric_limits<double>::quiet_NaN();  // actual_ of a line without one
    static uint8_t flags_of(const OrderLine& f) {
        return static_cast<uint8_t>(static_cast<uint8_t>(f.status) | (f.refunded ? kRefunded : 0) | (f.sample ? kSample : 0));
    }
    std::string keys_;               // every key, one after another
    std::vector<uint32_t> key_end_;  // where each line's key ends in keys_
    std::vector<uint32_t> place_;    // index into places_
    std::vector<Place> places_;
    std::vector<uint32_t> product_;  // index into products_
    std::vector<std::string> products_;
    std::vector<int32_t> quantity_;
    std::vector<double> amount_, est_, actual_;  // actual_: NaN when the export has none
    std::vector<uint8_t> flags_;     // status | refunded | sample
    std::vector<int64_t> time_;
    // Lookups for place_index() and product_index(), made when first asked.
    struct Lookup;
    std::shared_ptr<Lookup> lookup_;
    Lookup& lookup();
};

// Seconds since 1970-01-01 of "YYYY-MM-DD HH:MM:SS" (the form lines' times are written in, in
// the backup and on screens), and back. 0 = none.
std::string line_time_text(int64_t t);
int64_t line_time_from(int32_t days, int h, int m, int s);

}  // namespace sr
