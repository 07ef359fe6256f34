// Small builders for rule tests: a program with a start date, creators, products and posts.
#pragma once
#include <string>

#include "core/model.hpp"

namespace sr::test {

inline Date d(int y, int m, int day) { return Date::from_ymd(y, m, day); }

inline Id add_creator(Program& p, const std::string& handle, int64_t followers,
                      CreatorStatus status = CreatorStatus::active, int agreed = 4) {
    Creator c;
    c.id = p.next_id++;
    c.handle = handle;
    c.followers = followers;
    c.status = status;
    c.agreed_posts_per_month = agreed;
    p.creators.push_back(c);
    return c.id;
}

inline Id add_product(Program& p, double price = 30, double unit_cost = 8, double ship = 2, double discount = 3) {
    Product x;
    x.id = p.next_id++;
    x.sku = "SKU-" + std::to_string(x.id);
    x.name = "Product " + std::to_string(x.id);
    x.price = price;
    x.unit_cost = unit_cost;
    x.shipping_subsidy = ship;
    x.usual_discount = discount;
    p.products.push_back(x);
    return x.id;
}

inline Post& add_post(Program& p, Id creator, Date published, int64_t views, int64_t clicks, int64_t orders,
                      double gmv = 0, Id product = 0) {
    Post x;
    x.id = p.next_id++;
    x.creator_id = creator;
    x.product_id = product;
    x.published = published;
    x.views = views;
    x.clicks = clicks;
    x.orders = orders;
    x.units = orders;
    x.gmv = gmv;
    x.hold_rate_3s = 0.4;
    x.compliance_passed = true;
    p.posts.push_back(x);
    return p.posts.back();
}

inline Creator& creator(Program& p, Id id) {
    for (Creator& c : p.creators)
        if (c.id == id) return c;
    return p.creators.front();
}

inline Product& product(Program& p, Id id) {
    for (Product& x : p.products)
        if (x.id == id) return x;
    return p.products.front();
}

}  // namespace sr::test
