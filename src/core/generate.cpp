#include "generate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

namespace sr {

namespace {

struct Rng {  // SplitMix64
    uint64_t s;
    uint64_t next() {
        uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
    int64_t range(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(unit() * static_cast<double>(hi - lo + 1)); }
};

// Generated posts carry TikTok-like 19-digit video ids.
constexpr uint64_t kFirstVideoId = 7301000000000000000ull;

}  // namespace

Program generate_program(int n_creators, int n_posts, Date today, uint64_t seed) {
    Program p;
    Rng rng{seed};
    auto take = [&p] { return p.next_id++; };
    p.settings.program_name = "Generated program";
    p.settings.program_start = today.plus_days(-100);
    p.settings.monthly_budget = 40000;
    const int n_products = 20;
    for (int i = 0; i < n_products; ++i) {
        Product x;
        x.id = take();
        x.sku = "GEN-" + std::to_string(i + 1);
        x.name = "Generated product " + std::to_string(i + 1);
        x.price = 15 + static_cast<double>(rng.range(0, 40));
        x.unit_cost = std::round(x.price * (0.2 + rng.unit() * 0.15) * 100) / 100;
        x.shipping_subsidy = 2;
        x.usual_discount = 1.5;
        p.products.push_back(x);
    }
    p.creators.reserve(static_cast<size_t>(std::max(0, n_creators)));
    for (int i = 0; i < n_creators; ++i) {
        Creator c;
        c.id = take();
        c.handle = "creator_" + std::to_string(i + 1);
        c.display_name = "Creator " + std::to_string(i + 1);
        const double u = rng.unit();
        c.followers = u < 0.85 ? rng.range(3000, 99999) : u < 0.98 ? rng.range(100000, 499999) : rng.range(500000, 3000000);
        c.status = rng.unit() < 0.8 ? CreatorStatus::active : rng.unit() < 0.5 ? CreatorStatus::paused : CreatorStatus::seeded;
        c.commission_rate = c.followers >= 500000 ? 0.2 : c.followers >= 100000 ? 0.15 : 0.1 + 0.05 * static_cast<double>(rng.range(0, 2));
        c.flat_fee = c.followers >= 500000 ? 1500 : c.followers >= 100000 ? 400 : 0;
        c.agreed_posts_per_month = static_cast<int>(rng.range(2, 4));
        c.categories = {"beauty"};
        if (rng.unit() < 0.02)
            c.compliance.push_back({take(), today.plus_days(-static_cast<int>(rng.range(1, 90))), "missing disclosure", "", rng.unit() < 0.5});
        p.creators.push_back(c);
    }
    if (p.creators.empty()) return p;
    p.samples.reserve(p.creators.size());
    for (const Creator& c : p.creators) {
        Sample s;
        s.id = take();
        s.creator_id = c.id;
        s.product_id = p.products[static_cast<size_t>(rng.range(0, n_products - 1))].id;
        s.requested = today.plus_days(-static_cast<int>(rng.range(20, 110)));
        s.shipped = s.requested->plus_days(2);
        s.delivered = s.requested->plus_days(6);
        s.cost = 12;
        s.status = SampleStatus::delivered;
        p.samples.push_back(s);
    }
    p.posts.reserve(static_cast<size_t>(std::max(0, n_posts)));
    for (int i = 0; i < n_posts; ++i) {
        const size_t ci = static_cast<size_t>(rng.range(0, static_cast<int64_t>(p.creators.size()) - 1));
        const Creator& c = p.creators[ci];
        const Sample& smp = p.samples[ci];
        const Product* prod = nullptr;
        for (const Product& x : p.products)
            if (x.id == smp.product_id) prod = &x;
        Post x;
        x.id = take();
        x.creator_id = c.id;
        x.product_id = smp.product_id;
        x.sample_id = smp.id;
        x.tiktok_ref = std::to_string(kFirstVideoId + static_cast<uint64_t>(x.id));  // a video id
        x.published = today.plus_days(-static_cast<int>(rng.range(1, 120)));
        x.hook = static_cast<HookAngle>(rng.range(0, 3));
        x.views = static_cast<int64_t>(static_cast<double>(c.followers) * (0.05 + rng.unit() * 0.4)) + 500;
        x.hold_rate_3s = 0.12 + rng.unit() * 0.4;
        x.clicks = static_cast<int64_t>(static_cast<double>(x.views) * (0.003 + rng.unit() * 0.02));
        x.orders = static_cast<int64_t>(static_cast<double>(x.clicks) * (0.004 + rng.unit() * 0.04));
        x.units = x.orders;
        x.gmv = static_cast<double>(x.units) * (prod->price - prod->usual_discount);
        x.buyers = x.orders;
        x.repeat_buyers_60d = x.orders / 9;
        x.commission = std::round(x.gmv * c.commission_rate * 100) / 100;
        x.creator_fee = c.flat_fee;
        x.compliance_passed = rng.unit() < 0.9;
        p.posts.push_back(x);
        if (p.samples[ci].status == SampleStatus::delivered) p.samples[ci].status = SampleStatus::posted;
    }
    const size_t n_codes = p.posts.size() / 50;
    for (size_t k = 0; k < n_codes; ++k) {
        const Post& post = p.posts[k * 50];
        SparkCode sc;
        sc.id = take();
        sc.creator_id = post.creator_id;
        sc.post_id = post.id;
        sc.product_id = post.product_id;
        const int ago = static_cast<int>(rng.range(0, 60));
        sc.requested = today.plus_days(-ago - 2);
        sc.received = today.plus_days(-ago);
        sc.auth_start = sc.received;
        sc.duration_days = 30;
        sc.campaign_start = sc.received->plus_days(1);
        sc.campaign_end = sc.campaign_start->plus_days(static_cast<int>(rng.range(14, 40)));
        sc.code = "#gen" + std::to_string(rng.next());
        sc.renewal_owner = rng.unit() < 0.9 ? "Paid media" : "";
        const double u = rng.unit();
        sc.status = u < 0.5 ? SparkStatus::live : u < 0.7 ? SparkStatus::verified : u < 0.85 ? SparkStatus::received : SparkStatus::expired;
        sc.verified_in_ads_manager = sc.status != SparkStatus::received;
        sc.history.push_back({*sc.requested, "requested"});
        if (sc.status == SparkStatus::live || sc.status == SparkStatus::expired) {
            PaidRound r;
            r.date = sc.received->plus_days(3);
            r.spend = 300;
            r.impressions = 80000;
            r.clicks = rng.range(200, 2000);
            r.orders = static_cast<int64_t>(static_cast<double>(r.clicks) * (0.003 + rng.unit() * 0.03));
            r.gmv = static_cast<double>(r.orders) * 30;
            sc.rounds.push_back(r);
        }
        p.spark_codes.push_back(sc);
    }
    return p;
}

namespace {

// Appends "12.34".
void put_money(std::string& out, double v) {
    char buf[32];
    const int n = std::snprintf(buf, sizeof buf, "%.2f", v);
    out.append(buf, static_cast<size_t>(n));
}

double to_cents(double v) { return std::round(v * 100.0) / 100.0; }

}  // namespace

void generate_orders_csv(const Program& p, int64_t rows, Date week_start, uint64_t seed,
                         const std::function<void(std::string_view)>& write) {
    Rng rng{seed * 0x2545F4914F6CDD1Dull + 7};
    std::string out;
    out.reserve(1 << 19);
    out +=
        "Order ID,Product ID,Product Name,SKU ID,Price,Payment Amount,Currency,Quantity,Order Status,"
        "Creator Username,Content Type,Content ID,Standard commission rate,Est. Commission Base,"
        "Est. standard commission payment,Actual Commission Base,Actual Commission Payment,Time Created,"
        "Fully returned or refunded\r\n";
    if (p.posts.empty() || p.products.empty() || rows <= 0) {
        write(out);
        return;
    }
    std::unordered_map<Id, size_t> creator_at, product_at;
    for (size_t i = 0; i < p.creators.size(); ++i) creator_at.emplace(p.creators[i].id, i);
    for (size_t i = 0; i < p.products.size(); ++i) product_at.emplace(p.products[i].id, i);

    // Sales per post follow a Pareto law (shape 1.16: about 80 % of sales from 20 % of posts);
    // one post in 500 breaks out with 30 times its share.
    std::vector<double> cumulative(p.posts.size());
    double total = 0;
    for (size_t i = 0; i < p.posts.size(); ++i) {
        double w = std::pow(1.0 - rng.unit(), -1.0 / 1.16);
        if (rng.unit() < 0.002) w *= 30;
        total += std::min(w, 1e4);
        cumulative[i] = total;
    }
    auto pick_post = [&]() -> const Post& {
        const double x = rng.unit() * total;
        const size_t i = static_cast<size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin());
        return p.posts[std::min(i, p.posts.size() - 1)];
    };

    uint64_t order_no = 0;
    int64_t written = 0;
    char buf[64];
    while (written < rows) {
        // One order: one line, or two lines for two products from the same post.
        const Post& post = pick_post();
        const Creator& creator = p.creators[creator_at.at(post.creator_id)];
        const double u_kind = rng.unit();
        const bool live = u_kind < 0.01;                 // a LIVE order: no Content ID
        const bool stranger = !live && u_kind < 0.015;   // a creator not on the roster
        const int lines = rng.unit() < 0.1 ? 2 : 1;
        ++order_no;
        const uint64_t order_id = 576460000000000000ull + order_no * 17 + (rng.next() % 17);
        const int day = static_cast<int>(rng.range(0, 6));
        const int second = static_cast<int>(rng.range(0, 86399));
        int y = 0, m = 0, d = 0;
        week_start.plus_days(day).to_ymd(y, m, d);
        char when[32];
        std::snprintf(when, sizeof when, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, second / 3600, second / 60 % 60,
                      second % 60);
        const bool refunded = rng.unit() < 0.06;
        const double status_u = rng.unit();
        const char* status = refunded && status_u < 0.7 ? "Ineligible"
                             : status_u < 0.55           ? "Settled"
                             : status_u < 0.9            ? "Pending"
                             : status_u < 0.95           ? "Frozen"
                                                         : "Ineligible";
        size_t product_index = post.product_id && product_at.count(post.product_id) ? product_at.at(post.product_id)
                                                                                   : static_cast<size_t>(rng.range(0, static_cast<int64_t>(p.products.size()) - 1));
        for (int line = 0; line < lines && written < rows; ++line) {
            if (line == 1) product_index = (product_index + 1 + static_cast<size_t>(rng.range(0, 3))) % p.products.size();
            const Product& prod = p.products[product_index];
            const double qu = rng.unit();
            const int quantity = qu < 0.85 ? 1 : qu < 0.97 ? 2 : 3;
            const bool sample = rng.unit() < 0.01;  // a free sample ordered through the shop
            const double du = rng.unit();
            const double discount = du < 0.6 ? 0 : du < 0.85 ? prod.usual_discount : to_cents(prod.price * 0.1);
            const double payment = sample ? 0 : to_cents(quantity * (prod.price - discount));
            const double rate = prod.commission_rate ? *prod.commission_rate : creator.commission_rate;
            const double est = sample ? 0 : to_cents(payment * rate);
            const bool settled = std::string_view(status) == "Settled";

            const size_t start = out.size();
            out += std::to_string(order_id);
            out += ',';
            out += std::to_string(1729000000000000000ull + static_cast<uint64_t>(prod.id));
            out += ",\"";
            out += prod.name;
            out += ", 30 ml\",";
            out += prod.sku;
            out += ',';
            put_money(out, prod.price);
            out += ',';
            put_money(out, payment);
            out += ",USD,";
            out += std::to_string(quantity);
            out += ',';
            out += status;
            out += ',';
            if (stranger) {
                out += "not_on_roster_";
                out += std::to_string(rng.range(1, 200));
            } else {
                out += creator.handle;
            }
            out += live ? ",LIVE," : ",Video,";
            if (stranger) out += std::to_string(7399000000000000000ull + rng.next() % 1000000);
            else if (!live) out += post.tiktok_ref;
            const int n = std::snprintf(buf, sizeof buf, ",%g%%,", rate * 100);
            out.append(buf, static_cast<size_t>(n));
            put_money(out, payment);
            out += ',';
            put_money(out, est);
            out += ',';
            if (settled) put_money(out, payment);
            out += ',';
            if (settled) put_money(out, est);
            out += ',';
            out += when;
            out += refunded ? ",Yes\r\n" : ",No\r\n";
            ++written;
            // One line in 300 appears twice: exports that overlap.
            if (written < rows && rng.unit() < 1.0 / 300) {
                const std::string again = out.substr(start);
                out += again;
                ++written;
            }
        }
        if (out.size() > (1 << 19) - 4096) {
            write(out);
            out.clear();
        }
    }
    write(out);
}

}  // namespace sr
