#include "order_lines.hpp"

#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <unordered_map>

#include "date.hpp"

namespace sr {

const char* order_status_name(OrderStatus s) {
    switch (s) {
        case OrderStatus::pending: return "pending";
        case OrderStatus::settled: return "settled";
        case OrderStatus::ineligible: return "ineligible";
        case OrderStatus::frozen: return "frozen";
        default: return "unknown";
    }
}
const char* order_status_label(OrderStatus s) {
    switch (s) {
        case OrderStatus::pending: return "Pending";
        case OrderStatus::settled: return "Settled";
        case OrderStatus::ineligible: return "Ineligible";
        case OrderStatus::frozen: return "Frozen";
        default: return "No status";
    }
}
const char* content_kind_name(ContentKind k) {
    switch (k) {
        case ContentKind::live: return "live";
        case ContentKind::showcase: return "showcase";
        case ContentKind::other: return "other";
        default: return "video";
    }
}
const char* content_kind_label(ContentKind k) {
    switch (k) {
        case ContentKind::live: return "LIVE";
        case ContentKind::showcase: return "Showcase";
        case ContentKind::other: return "Other";
        default: return "Video";
    }
}

double OrderLine::commission() const {
    if (status == OrderStatus::ineligible || sample) return 0;
    return actual_commission ? *actual_commission : est_commission;
}

bool OrderLine::same_figures(const OrderLine& o) const {
    return quantity == o.quantity && amount == o.amount && refunded == o.refunded && sample == o.sample &&
           status == o.status && est_commission == o.est_commission && actual_commission == o.actual_commission;
}

bool OrderLines::same_figures(size_t i, const OrderLine& x) const {
    const bool actual = !std::isnan(actual_[i]);
    return quantity_[i] == x.quantity && amount_[i] == x.amount && refunded(i) == x.refunded && sample(i) == x.sample &&
           status(i) == x.status && est_[i] == x.est_commission && actual == x.actual_commission.has_value() &&
           (!actual || actual_[i] == *x.actual_commission);
}

LineChange line_change(const OrderLine& a, const OrderLine& b) {
    LineChange c;
    c.status = a.status != b.status;
    c.refund = a.refunded != b.refunded;
    c.commission = a.commission() != b.commission() || a.actual_commission != b.actual_commission ||
                   a.est_commission != b.est_commission;
    c.amount = a.amount != b.amount || a.quantity != b.quantity || a.sample != b.sample;
    return c;
}

namespace {
std::string place_text(const OrderLines::Place& p) {
    std::string s = std::to_string(p.creator_id) + '\x1f' + std::to_string(p.post_id) + '\x1f' +
                    std::to_string(static_cast<int>(p.kind)) + '\x1f' + p.content_type + '\x1f' + p.content_id;
    return s;
}
}  // namespace

struct OrderLines::Lookup {
    std::unordered_map<std::string, uint32_t> places, products;
};

OrderLines::Lookup& OrderLines::lookup() {
    // Never shared with a copy (a copy may change its places): made again when it is.
    if (!lookup_ || lookup_.use_count() > 1 || lookup_->places.size() != places_.size() ||
        lookup_->products.size() != products_.size()) {
        lookup_ = std::make_shared<Lookup>();
        for (uint32_t i = 0; i < places_.size(); ++i) lookup_->places.emplace(place_text(places_[i]), i);
        for (uint32_t i = 0; i < products_.size(); ++i) lookup_->products.emplace(products_[i], i);
    }
    return *lookup_;
}

uint32_t OrderLines::place_index(const Place& p) {
    Lookup& l = lookup();
    auto [it, fresh] = l.places.emplace(place_text(p), static_cast<uint32_t>(places_.size()));
    if (fresh) places_.push_back(p);
    return it->second;
}

uint32_t OrderLines::product_index(std::string_view product_id) {
    Lookup& l = lookup();
    auto [it, fresh] = l.products.emplace(std::string(product_id), static_cast<uint32_t>(products_.size()));
    if (fresh) products_.emplace_back(product_id);
    return it->second;
}

double OrderLines::commission(size_t i) const {
    if (status(i) == OrderStatus::ineligible || sample(i)) return 0;
    return std::isnan(actual_[i]) ? est_[i] : actual_[i];
}

OrderLine OrderLines::get(size_t i) const {
    OrderLine x;
    x.key = std::string(key(i));
    const Place& p = place(i);
    x.creator_id = p.creator_id;
    x.post_id = p.post_id;
    x.kind = p.kind;
    x.content_type = p.content_type;
    x.content_id = p.content_id;
    x.product_id = products_[product_[i]];
    x.quantity = quantity_[i];
    x.amount = amount_[i];
    x.refunded = refunded(i);
    x.sample = sample(i);
    x.status = status(i);
    x.est_commission = est_[i];
    if (!std::isnan(actual_[i])) x.actual_commission = actual_[i];
    x.time = time_[i];
    return x;
}

void OrderLines::push_back(const OrderLine& x) {
    Place p{x.creator_id, x.post_id, x.kind, x.content_type, x.content_id};
    const uint32_t pl = place_index(p);
    const uint32_t pr = product_index(x.product_id);
    push_back(x.key, pl, pr, x);
}

void OrderLines::push_back(std::string_view key, uint32_t place, uint32_t product, const OrderLine& f) {
    keys_.append(key);
    key_end_.push_back(static_cast<uint32_t>(keys_.size()));
    place_.push_back(place);
    product_.push_back(product);
    quantity_.push_back(static_cast<int32_t>(f.quantity));
    amount_.push_back(f.amount);
    est_.push_back(f.est_commission);
    actual_.push_back(f.actual_commission ? *f.actual_commission : kNoActual);
    flags_.push_back(flags_of(f));
    time_.push_back(f.time);
}

void OrderLines::set_figures(size_t i, const OrderLine& f) {
    quantity_[i] = static_cast<int32_t>(f.quantity);
    amount_[i] = f.amount;
    est_[i] = f.est_commission;
    actual_[i] = f.actual_commission ? *f.actual_commission : kNoActual;
    flags_[i] = flags_of(f);
    time_[i] = f.time;
}

void OrderLines::truncate(size_t n, size_t places, size_t products) {
    if (places < places_.size()) places_.resize(places), lookup_.reset();
    if (products < products_.size()) products_.resize(products), lookup_.reset();
    if (n >= size()) return;
    keys_.resize(n ? key_end_[n - 1] : 0);
    key_end_.resize(n);
    place_.resize(n);
    product_.resize(n);
    quantity_.resize(n);
    amount_.resize(n);
    est_.resize(n);
    actual_.resize(n);
    flags_.resize(n);
    time_.resize(n);
}

void OrderLines::append(const OrderLines& o) {
    if (o.empty()) return;
    if (empty() && places_.empty() && products_.empty()) {
        *this = o;
        return;
    }
    std::vector<uint32_t> place_map(o.places_.size()), product_map(o.products_.size());
    for (size_t i = 0; i < o.places_.size(); ++i) place_map[i] = place_index(o.places_[i]);
    for (size_t i = 0; i < o.products_.size(); ++i) product_map[i] = product_index(o.products_[i]);
    const uint32_t base = static_cast<uint32_t>(keys_.size());
    keys_ += o.keys_;
    key_end_.reserve(size() + o.size());
    for (uint32_t e : o.key_end_) key_end_.push_back(base + e);
    for (uint32_t p : o.place_) place_.push_back(place_map[p]);
    for (uint32_t p : o.product_) product_.push_back(product_map[p]);
    quantity_.insert(quantity_.end(), o.quantity_.begin(), o.quantity_.end());
    amount_.insert(amount_.end(), o.amount_.begin(), o.amount_.end());
    est_.insert(est_.end(), o.est_.begin(), o.est_.end());
    actual_.insert(actual_.end(), o.actual_.begin(), o.actual_.end());
    flags_.insert(flags_.end(), o.flags_.begin(), o.flags_.end());
    time_.insert(time_.end(), o.time_.begin(), o.time_.end());
}

void OrderLines::append(OrderLines&& o) {
    if (empty() && places_.empty() && products_.empty()) {
        *this = std::move(o);
        o = OrderLines();
        return;
    }
    append(static_cast<const OrderLines&>(o));
}

OrderLines OrderLines::tail(size_t from) const {
    OrderLines t;
    if (from >= size()) return t;
    t.places_ = places_;
    t.products_ = products_;
    const uint32_t base = from ? key_end_[from - 1] : 0;
    t.keys_.assign(keys_, base, std::string::npos);
    t.key_end_.reserve(size() - from);
    for (size_t i = from; i < size(); ++i) t.key_end_.push_back(key_end_[i] - base);
    auto cut = [from](const auto& v) { return std::decay_t<decltype(v)>(v.begin() + static_cast<std::ptrdiff_t>(from), v.end()); };
    t.place_ = cut(place_);
    t.product_ = cut(product_);
    t.quantity_ = cut(quantity_);
    t.amount_ = cut(amount_);
    t.est_ = cut(est_);
    t.actual_ = cut(actual_);
    t.flags_ = cut(flags_);
    t.time_ = cut(time_);
    return t;
}

void OrderLines::reserve(size_t lines, size_t key_bytes) {
    keys_.reserve(key_bytes);
    key_end_.reserve(lines);
    place_.reserve(lines);
    product_.reserve(lines);
    quantity_.reserve(lines);
    amount_.reserve(lines);
    est_.reserve(lines);
    actual_.reserve(lines);
    flags_.reserve(lines);
    time_.reserve(lines);
}

size_t OrderLines::bytes() const {
    size_t n = keys_.capacity() + key_end_.capacity() * 4 + place_.capacity() * 4 + product_.capacity() * 4 +
               quantity_.capacity() * 4 + (amount_.capacity() + est_.capacity() + actual_.capacity()) * 8 +
               flags_.capacity() + time_.capacity() * 8;
    for (const Place& p : places_) n += sizeof(Place) + p.content_type.capacity() + p.content_id.capacity();
    for (const std::string& s : products_) n += sizeof(std::string) + s.capacity();
    return n;
}

bool operator==(const OrderLines& a, const OrderLines& b) {
    if (a.size() != b.size()) return false;
    auto same_doubles = [](const std::vector<double>& x, const std::vector<double>& y) {
        // NaN (no actual commission) equals NaN here.
        return x.size() == y.size() && std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0;
    };
    if (a.keys_ != b.keys_ || a.key_end_ != b.key_end_ || a.quantity_ != b.quantity_ || a.flags_ != b.flags_ ||
        a.time_ != b.time_ || !same_doubles(a.amount_, b.amount_) || !same_doubles(a.est_, b.est_) ||
        !same_doubles(a.actual_, b.actual_))
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!(a.place(i) == b.place(i)) || a.products_[a.product_[i]] != b.products_[b.product_[i]]) return false;
    return true;
}

int64_t line_time_from(int32_t days, int h, int m, int s) {
    return static_cast<int64_t>(days) * 86400 + h * 3600 + m * 60 + s;
}

std::string line_time_text(int64_t t) {
    if (t == 0) return "";
    int64_t days = t / 86400, sec = t % 86400;
    if (sec < 0) sec += 86400, --days;
    const Date d{static_cast<int32_t>(days)};
    char buf[16];
    std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", static_cast<int>(sec / 3600), static_cast<int>(sec / 60 % 60),
                  static_cast<int>(sec % 60));
    return d.to_string() + buf;
}

}  // namespace sr
