#include "generate.hpp"

#include <algorithm>
#include <cmath>
#include <string>

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
        x.tiktok_ref = "gen-" + std::to_string(x.id);
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

}  // namespace sr
