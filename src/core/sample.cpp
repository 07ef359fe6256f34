#include "sample.hpp"

#include <cmath>
#include <cstdint>
#include <string>

namespace sr {

namespace {

// Small deterministic generator (SplitMix64): the sample is the same on every machine.
struct Rng {
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

struct Seed {
    const char* handle;
    const char* name;
    int64_t followers;
    const char* category;
    CreatorStatus status;
};

const Seed kCreators[] = {
    // tier 3: top partners
    {"glowwithmaya", "Maya Chen", 1250000, "skincare", CreatorStatus::active},
    {"theskinnerd", "Jordan Blake", 740000, "skincare", CreatorStatus::active},
    {"dewdropdiaries", "Priya Raman", 512000, "beauty", CreatorStatus::contacted},
    // tier 2: mid
    {"cleanbeautycal", "Cal Ortiz", 410000, "beauty", CreatorStatus::active},
    {"routinerehab", "Sam Whitfield", 268000, "skincare", CreatorStatus::active},
    {"budgetglowup", "Lena Park", 199500, "beauty", CreatorStatus::active},
    {"spfsquad", "Marcus Lee", 150000, "skincare", CreatorStatus::active},
    {"nightshiftskin", "Ava Rossi", 131200, "wellness", CreatorStatus::paused},
    {"acnejourneyjo", "Jo Martinez", 100000, "skincare", CreatorStatus::active},
    {"texturetalks", "Nia Okafor", 118400, "beauty", CreatorStatus::seeded},
    // tier 1: nano / micro
    {"tinyshelfbeauty", "Rita Gomez", 86000, "beauty", CreatorStatus::active},
    {"dermdiaries", "Ken Ito", 72300, "skincare", CreatorStatus::active},
    {"glassskingoals", "Hana Kim", 64900, "skincare", CreatorStatus::active},
    {"momskincheck", "Beth Carter", 58000, "lifestyle", CreatorStatus::active},
    {"studentglow", "Zoe Adams", 41200, "beauty", CreatorStatus::active},
    {"oilyskinclub", "Dev Patel", 39800, "skincare", CreatorStatus::active},
    {"minimalistmuse", "Ines Duarte", 36500, "lifestyle", CreatorStatus::active},
    {"gymfaceglow", "Tyler Brooks", 33100, "fitness", CreatorStatus::active},
    {"sensitiveskinsos", "Mara Novak", 29400, "skincare", CreatorStatus::active},
    {"shelfie.sunday", "Olivia Grant", 27750, "beauty", CreatorStatus::active},
    {"barefaceben", "Ben Howard", 24600, "skincare", CreatorStatus::active},
    {"over40glow", "Diane Moss", 22100, "beauty", CreatorStatus::active},
    {"dupe.detective", "Luis Romero", 19800, "beauty", CreatorStatus::active},
    {"acnefreeava", "Ava Chen", 17300, "skincare", CreatorStatus::seeded},
    {"slowmorningskin", "Emma Lund", 15900, "wellness", CreatorStatus::active},
    {"travelkitkate", "Kate Sullivan", 14200, "lifestyle", CreatorStatus::active},
    {"glowonabudget", "Chris Nguyen", 12600, "beauty", CreatorStatus::seeded},
    {"melaninmoisture", "Ama Mensah", 11800, "skincare", CreatorStatus::active},
    {"rosaceareal", "Fiona Walsh", 9400, "skincare", CreatorStatus::contacted},
    {"lipbalmlover", "Ivy Tran", 8700, "beauty", CreatorStatus::prospect},
    {"skinscience.sara", "Sara Lind", 7600, "skincare", CreatorStatus::prospect},
    {"cozyselfcare", "Noah Fields", 6900, "wellness", CreatorStatus::contacted},
    {"tinytestertom", "Tom Becker", 5200, "beauty", CreatorStatus::prospect},
    {"newtoskincare", "Lily Evans", 3800, "skincare", CreatorStatus::prospect},
    {"maskmondays", "Ray Dubois", 54400, "skincare", CreatorStatus::ended},
    {"serumsisters", "Gia & Bea", 47100, "beauty", CreatorStatus::active},
};

}  // namespace

Program make_sample_program(Date today) {
    Program p;
    Rng rng{20261122};
    auto take_id = [&p] { return p.next_id++; };

    Settings& s = p.settings;
    s.program_name = "Lumen Skin - creator program (sample)";
    s.currency = "USD";
    s.program_start = today.plus_days(-75);
    s.monthly_budget = 12000;

    struct ProductSeed { const char* sku; const char* name; double price, cost, ship, discount; };
    const ProductSeed products[] = {
        {"LS-SER-30", "Barrier Repair Serum 30 ml", 34.0, 7.9, 2.5, 3.0},
        {"LS-SPF-50", "Daily Mineral SPF 50", 28.0, 6.4, 2.5, 2.0},
        {"LS-CLN-150", "Gentle Gel Cleanser 150 ml", 19.0, 3.8, 2.0, 1.5},
        {"LS-KIT-TRV", "Travel Routine Kit", 45.0, 12.5, 3.0, 5.0},
    };
    for (const auto& ps : products) {
        Product x;
        x.id = take_id();
        x.sku = ps.sku;
        x.name = ps.name;
        x.price = ps.price;
        x.unit_cost = ps.cost;
        x.shipping_subsidy = ps.ship;
        x.usual_discount = ps.discount;
        p.products.push_back(x);
    }

    for (const Seed& sd : kCreators) {
        Creator c;
        c.id = take_id();
        c.handle = sd.handle;
        c.display_name = sd.name;
        c.followers = sd.followers;
        c.categories = {sd.category};
        c.status = sd.status;
        c.contact = std::string(sd.handle) + "@example.com";
        if (sd.followers >= 500000) {
            c.commission_rate = 0.20;
            c.flat_fee = 1500;
            c.agreed_posts_per_month = 4;
            if (c.status == CreatorStatus::active)
                c.exclusivity = Exclusivity{today.plus_days(-60), today.plus_days(120), sd.category};
        } else if (sd.followers >= 100000) {
            c.commission_rate = 0.15;
            c.flat_fee = 400;
            c.agreed_posts_per_month = 4;
        } else {
            c.commission_rate = 0.10 + 0.05 * static_cast<double>(rng.range(0, 2));
            c.agreed_posts_per_month = 2 + static_cast<int>(rng.range(0, 2));
        }
        if (sd.followers >= 10000) {
            CreatorCode cc;
            std::string code = sd.handle;
            for (char& ch : code) ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
            cc.code = code.substr(0, 8) + "10";
            cc.scans = rng.range(40, 900);
            cc.uses = cc.scans * rng.range(4, 22) / 100;
            cc.estimated_earnings = static_cast<double>(cc.uses) * 3.4;
            cc.age_18_plus = true;
            if (rng.unit() < 0.4) c.creator_code = cc;
        }
        p.creators.push_back(c);
    }
    // One pinned tier and one tier change with its reason, as a user would have made.
    p.creators[6].pinned_tier = 3;
    p.creators[6].tier_history.push_back({today.plus_days(-20), 2, 3, "Pinned: exclusive SPF launch partner"});
    p.creators[13].compliance.push_back({take_id(), today.plus_days(-30), "missing disclosure", "No #ad on first post; fixed within a day", true});

    Brief b;
    b.id = take_id();
    b.title = "Serum launch - barrier repair";
    b.product_id = p.products[0].id;
    b.hook = HookAngle::problem_agitation;
    b.opening_line = "My skin barrier was wrecked for two years.";
    b.product_truths = {"ceramides + panthenol", "fragrance-free"};
    b.proof = ProofKind::before_after;
    b.proof_detail = "Same lighting, day 1 and day 14, no filter";
    b.call_to_action = "Grab it from my TikTok Shop - link is pinned";
    b.do_not_say = {"cures eczema or any condition", "competitor brand names", "\"guaranteed results\""};
    b.due = today.plus_days(10);
    b.request_spark_code = true;
    b.spark_days_wanted = 60;
    for (size_t i = 3; i < 16; ++i) b.creator_ids.push_back(p.creators[i].id);
    p.briefs.push_back(b);

    Brief b2 = b;
    b2.id = take_id();
    b2.title = "SPF daily habit";
    b2.product_id = p.products[1].id;
    b2.hook = HookAngle::transformation_reveal;
    b2.opening_line = "I finally found an SPF I actually wear every day.";
    b2.product_truths = {"no white cast", "SPF 50 mineral"};
    b2.proof = ProofKind::demonstration;
    b2.proof_detail = "Rub it in on camera on deeper skin tones";
    b2.call_to_action = "Link in bio";  // a warning the brief view explains
    b2.do_not_say = {"prevents skin cancer", "\"reef safe\" without proof"};
    b2.due = today.plus_days(18);
    b2.request_spark_code = false;
    b2.creator_ids.clear();
    for (size_t i = 10; i < 24; ++i) b2.creator_ids.push_back(p.creators[i].id);
    p.briefs.push_back(b2);

    // Samples, posts and numbers for creators who are seeded, active or paused.
    const HookAngle hooks[] = {HookAngle::problem_agitation, HookAngle::transformation_reveal,
                               HookAngle::social_proof, HookAngle::curiosity_gap};
    for (size_t ci = 0; ci < p.creators.size(); ++ci) {
        const Creator& c = p.creators[ci];
        if (c.status == CreatorStatus::prospect || c.status == CreatorStatus::contacted) continue;
        const Product& prod = p.products[ci % 3];
        Sample smp;
        smp.id = take_id();
        smp.creator_id = c.id;
        smp.product_id = prod.id;
        smp.requested = today.plus_days(-60 + static_cast<int>(ci % 20));
        smp.shipped = smp.requested->plus_days(2);
        smp.delivered = smp.requested->plus_days(6);
        smp.cost = prod.unit_cost + 6.0;
        smp.status = SampleStatus::delivered;
        const bool posts_any = c.status != CreatorStatus::seeded;
        if (posts_any) smp.status = SampleStatus::posted;
        p.samples.push_back(smp);
        if (!posts_any) continue;

        const int n_posts = c.followers >= 100000 ? 3 + static_cast<int>(rng.range(0, 3)) : 1 + static_cast<int>(rng.range(0, 3));
        for (int k = 0; k < n_posts; ++k) {
            Post x;
            x.id = take_id();
            x.creator_id = c.id;
            x.product_id = prod.id;
            x.sample_id = smp.id;
            x.brief_id = (ci >= 3 && ci < 16) ? b.id : 0;
            x.published = today.plus_days(-static_cast<int>(rng.range(1, 70)));
            x.tiktok_ref = "https://www.tiktok.com/@" + c.handle + "/video/74" + std::to_string(rng.range(100000000000000LL, 999999999999999LL));
            x.hook = hooks[rng.range(0, 3)];
            const double reach = static_cast<double>(c.followers) * (0.05 + rng.unit() * 0.5);
            const bool breakout = rng.unit() < 0.06;
            x.views = static_cast<int64_t>(reach * (breakout ? 12.0 : 1.0)) + 800;
            x.hold_rate_3s = 0.15 + rng.unit() * 0.35;
            x.clicks = static_cast<int64_t>(static_cast<double>(x.views) * (0.004 + rng.unit() * 0.02));
            const double conv = 0.004 + rng.unit() * 0.045;
            x.orders = static_cast<int64_t>(std::floor(static_cast<double>(x.clicks) * conv));
            x.units = x.orders + x.orders / 7;
            x.gmv = static_cast<double>(x.units) * (prod.price - prod.usual_discount);
            x.refunded = std::round(x.gmv * (rng.unit() < 0.3 ? 0.06 : 0.0) * 100.0) / 100.0;
            x.buyers = x.orders - x.orders / 10;
            x.repeat_buyers_60d = x.buyers / 8;
            x.commission = std::round(x.gmv * c.commission_rate * 100.0) / 100.0;
            x.creator_fee = c.flat_fee;
            x.compliance_passed = rng.unit() < 0.85;
            p.posts.push_back(x);
        }
    }

    // Spark Codes at different points of their life.
    auto first_post_of = [&p](Id creator) -> const Post* {
        for (const Post& x : p.posts)
            if (x.creator_id == creator) return &x;
        return nullptr;
    };
    struct CodeSeed { size_t creator; SparkStatus status; int received_ago; int days; int campaign_days; const char* owner; bool verified; };
    const CodeSeed codes[] = {
        {0, SparkStatus::live, 25, 30, 28, "Dana (paid media)", true},       // expires in 5 days
        {1, SparkStatus::live, 10, 60, 45, "Dana (paid media)", true},
        {3, SparkStatus::verified, 3, 30, 30, "", true},                     // no renewal owner yet
        {4, SparkStatus::received, 4, 30, 30, "Luis (affiliate mgr)", false}, // not verified in 2 days
        {10, SparkStatus::received, 1, 14, 30, "Luis (affiliate mgr)", false}, // campaign outlasts code
        {11, SparkStatus::expired, 50, 30, 30, "Dana (paid media)", true},
        {5, SparkStatus::requested, 0, 30, 30, "Luis (affiliate mgr)", false},
    };
    for (const CodeSeed& cs : codes) {
        const Creator& c = p.creators[cs.creator];
        const Post* post = first_post_of(c.id);
        SparkCode sc;
        sc.id = take_id();
        sc.creator_id = c.id;
        sc.post_id = post ? post->id : 0;
        sc.product_id = post ? post->product_id : 0;
        sc.requested = today.plus_days(-cs.received_ago - 2);
        sc.status = cs.status;
        sc.duration_days = cs.days;
        sc.renewal_owner = cs.owner;
        sc.verified_in_ads_manager = cs.verified;
        sc.history.push_back({*sc.requested, "requested"});
        if (cs.status != SparkStatus::requested) {
            std::string code = "#";
            for (int i = 0; i < 3; ++i) code += std::to_string(rng.range(100000000, 999999999));
            code += "=";
            sc.code = code;
            sc.received = today.plus_days(-cs.received_ago);
            sc.auth_start = sc.received;
            sc.campaign_start = sc.received->plus_days(1);
            sc.campaign_end = sc.campaign_start->plus_days(cs.campaign_days);
            sc.history.push_back({*sc.received, "received"});
        }
        if (cs.status == SparkStatus::live || cs.status == SparkStatus::expired) {
            PaidRound r;
            r.date = sc.received->plus_days(7);
            r.spend = 450;
            r.impressions = 120000;
            r.clicks = 1500;
            r.orders = cs.creator == 11 ? 9 : 41;
            r.gmv = static_cast<double>(r.orders) * 31.0;
            sc.rounds.push_back(r);
        }
        p.spark_codes.push_back(sc);
    }
    return p;
}

}  // namespace sr
