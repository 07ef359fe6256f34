// Benchmarks of the domain core, native and as WebAssembly under Node (the same source).
// Prints figures, never pass/fail: tools/bench runs it and puts the figures in one table.
//
//   bench gen DIR --orders N [--seed S]   a generated program (DIR/program.json), its week of
//                                         affiliate orders (DIR/orders.csv) and the posts'
//                                         click counts (DIR/posts.csv, the analytics export)
//   bench run DIR [--backup]              imports DIR/orders.csv into DIR/program.json and
//                                         times it; prints one JSON object of figures and writes
//                                         the per-creator report to DIR/report-<native|wasm>.csv
//   bench run DIR --import-only N         the import alone, N times (for a profiler: every
//                                         build does the same work)
//   bench run DIR --reimport-only N       the import and apply once, then the same file again
//                                         N times over the program that holds its lines (import
//                                         and apply, each in reimport_once, for a profiler's
//                                         --toggle-collect)
//   bench docs CREATORS POSTS             storage as one document per record (core/docs.hpp) on a
//                                         generated program: the save after one edit against
//                                         the whole backup text, and reading the documents back
#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/backup.hpp"
#include "core/docs.hpp"
#include "core/store.hpp"
#include "core/generate.hpp"
#include "core/orders_import.hpp"
#include "core/review.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#endif

namespace {

#ifdef __EMSCRIPTEN__
constexpr const char* kFlavour = "wasm";
#else
constexpr const char* kFlavour = "native";
#endif

// The review day: a Monday; the orders are those of the week before it.
const sr::Date kToday = sr::Date::from_ymd(2026, 11, 23);

// CPU time of this process, in milliseconds: on a shared machine it is the steady figure (wall
// time counts whatever else runs). Under Node it includes Node's own threads (GC, compiler).
double now_ms() {
#ifdef __EMSCRIPTEN__
    return EM_ASM_DOUBLE({
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
    });
#else
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
#endif
}

bool read_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    in.seekg(0, std::ios::end);
    out.resize(static_cast<size_t>(in.tellg()));
    in.seekg(0);
    in.read(out.data(), static_cast<std::streamsize>(out.size()));
    return static_cast<bool>(in);
}

bool write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    return static_cast<bool>(out);
}

int usage() {
    std::fputs("usage: bench gen DIR --orders N [--seed S] | bench run DIR [--backup | --import-only N | --reimport-only N] | "
               "bench docs CREATORS POSTS\n", stderr);
    return 2;
}

int gen(const std::string& dir, long long orders, long long seed) {
    // About 200 orders a week per creator and ten posts per creator.
    const int creators = static_cast<int>(std::clamp(orders / 200, 50LL, 5000LL));
    sr::Program p = sr::generate_program(creators, creators * 10, kToday, static_cast<uint64_t>(seed));
    // The week's orders come from the CSV: the posts start with none.
    for (sr::Post& x : p.posts) {
        x.orders = x.units = x.buyers = x.repeat_buyers_60d = 0;
        x.gmv = x.refunded = x.commission = 0;
    }
    if (!write_file(dir + "/program.json", sr::program_to_json(p))) {
        std::fprintf(stderr, "%s: cannot write\n", (dir + "/program.json").c_str());
        return 1;
    }
    std::string posts = "Content ID,Creator Username,Product clicks\r\n";
    std::unordered_map<sr::Id, const sr::Creator*> by_id;
    for (const sr::Creator& c : p.creators) by_id.emplace(c.id, &c);
    for (const sr::Post& x : p.posts)
        posts += x.tiktok_ref + "," + by_id.at(x.creator_id)->handle + "," + std::to_string(x.clicks) + "\r\n";
    write_file(dir + "/posts.csv", posts);
    std::ofstream csv(dir + "/orders.csv", std::ios::binary);
    sr::generate_orders_csv(p, orders, kToday.plus_days(-7), static_cast<uint64_t>(seed),
                            [&csv](std::string_view s) { csv.write(s.data(), static_cast<std::streamsize>(s.size())); });
    if (!csv) {
        std::fprintf(stderr, "%s: cannot write\n", (dir + "/orders.csv").c_str());
        return 1;
    }
    std::printf("%s: %d creators, %zu posts, %lld order lines\n", dir.c_str(), creators, p.posts.size(), orders);
    return 0;
}

// One import of the whole file, 4 MB at a time as the app feeds it (a function of its own, so
// that a profiler can count it alone: valgrind --toggle-collect='*import_file*').
__attribute__((noinline)) sr::OrdersImport import_file(const sr::Program& program, const std::string& csv) {
    const size_t chunk = 4 << 20;
    sr::OrdersImporter importer(program, 0);
    importer.expect_bytes(csv.size());
    for (size_t at = 0; at < csv.size(); at += chunk) importer.feed(std::string_view(csv).substr(at, chunk));
    return importer.finish();
}

// The file imported again over a program that holds its lines, and the changes applied (every
// line known: nothing is added). Returns the lines added.
__attribute__((noinline)) long long reimport_once(sr::Program& copy, const std::string& csv) {
    sr::OrdersImport again = import_file(copy, csv);
    sr::apply_orders(copy, again.changes);
    return static_cast<long long>(again.imported);
}

struct CreatorRow {
    int64_t orders = 0, clicks = 0;
    double gmv = 0, refunds = 0, commission = 0;
};

int run(const std::string& dir, bool backup, int import_only, int reimport_only) {
    std::string program_text, csv;
    if (!read_file(dir + "/program.json", program_text) || !read_file(dir + "/orders.csv", csv)) {
        std::fprintf(stderr, "%s: no program.json or orders.csv (run bench gen first)\n", dir.c_str());
        return 1;
    }
    sr::LoadResult loaded = sr::program_from_json(program_text);
    if (!loaded.ok()) {
        std::fprintf(stderr, "program.json: %s\n", loaded.summary().c_str());
        return 1;
    }
    sr::Program program = std::move(*loaded.program);

    // CSV import as the app does it: 4 MB at a time, then the changes applied. Best of several
    // runs, at least two and as many as fit in about two seconds (at most 20): the first runs
    // also pay for warming up (under Node, compiling the WebAssembly, which its CPU time counts,
    // and optimizing it, which at 10 k lines would otherwise be most of the figure).
    double import_ms = 1e300, spent = 0;
    std::string runs_ms;  // every run, for the record
    sr::OrdersImport result;
    const int import_runs = reimport_only ? 1 : import_only;
    for (int run = 0; import_runs ? run < import_runs : run < 20 && (run < 2 || spent < 2000); ++run) {
        const double a = now_ms();
        result = import_file(program, csv);
        const double ms = now_ms() - a;
        import_ms = std::min(import_ms, ms);
        runs_ms += (run ? "," : "") + std::to_string(static_cast<int>(ms));
        spent += ms;
    }
    if (!result.ok()) {
        std::fprintf(stderr, "orders.csv refused: %s\n", result.refused.c_str());
        return 1;
    }
    if (import_only) {
        std::printf("{\"flavour\":\"%s\",\"import_ms\":%.3f,\"import_runs_ms\":[%s]}\n", kFlavour, import_ms, runs_ms.c_str());
        return 0;
    }
    if (reimport_only) {
        sr::apply_orders(program, result.changes);
        double best = 1e300;
        std::string again_ms;
        long long added = 0;
        for (int run = 0; run < reimport_only; ++run) {
            sr::Program copy = program;
            const double b = now_ms();
            added = reimport_once(copy, csv);
            const double ms = now_ms() - b;
            best = std::min(best, ms);
            again_ms += (run ? "," : "") + std::to_string(static_cast<int>(ms));
        }
        std::printf("{\"flavour\":\"%s\",\"reimport_ms\":%.3f,\"reimport_added\":%lld,\"reimport_runs_ms\":[%s]}\n", kFlavour,
                    best, added, again_ms.c_str());
        return 0;
    }
    const double t0 = 0, t1 = import_ms;
    const double a = now_ms();
    sr::apply_orders(program, result.changes);
    const double t2 = t1 + now_ms() - a;

    // The per-creator report: orders, GMV, refunds, commission, conversion.
    std::map<std::string, CreatorRow> report;
    {
        std::unordered_map<sr::Id, CreatorRow*> rows;
        for (const sr::Creator& c : program.creators) rows.emplace(c.id, &report[c.handle]);
        for (const sr::Post& x : program.posts) {
            CreatorRow& r = *rows.at(x.creator_id);
            r.orders += x.orders;
            r.clicks += x.clicks;
            r.gmv += x.gmv;
            r.refunds += x.refunded;
            r.commission += x.commission;
        }
    }
    const double t3 = t1 + (now_ms() - a);  // import, apply and the report
    std::string out = "creator,orders,gmv,refunds,commission,clicks,conversion\n";
    char line[256];
    for (const auto& [handle, r] : report) {
        if (r.orders == 0) continue;
        std::snprintf(line, sizeof line, "%s,%lld,%.2f,%.2f,%.2f,%lld,%.6f\n", handle.c_str(),
                      static_cast<long long>(r.orders), r.gmv, r.refunds, r.commission, static_cast<long long>(r.clicks),
                      r.clicks ? static_cast<double>(r.orders) / static_cast<double>(r.clicks) : 0.0);
        out += line;
    }
    write_file(dir + "/report-" + kFlavour + ".csv", out);

    // The weekly review recomputed in full: best of five.
    double recompute = 1e300;
    size_t actions = 0;
    for (int i = 0; i < 5; ++i) {
        const double b = now_ms();
        const sr::Review rv = sr::review(program, kToday);
        recompute = std::min(recompute, now_ms() - b);
        actions = rv.actions.size();
    }

    double export_ms = 0, backup_import_ms = 0, backup_mb = 0;
    if (backup) {
        const double b0 = now_ms();
        const std::string text = sr::program_to_json(program);
        const double b = now_ms();
        const sr::LoadResult back = sr::program_from_json(text);
        const double c = now_ms();
        if (!back.ok()) {
            std::fprintf(stderr, "backup does not read back: %s\n", back.summary().c_str());
            return 1;
        }
        export_ms = b - b0;
        backup_import_ms = c - b;
        backup_mb = static_cast<double>(text.size()) / 1e6;
    }

    // The same file again over the program that holds its lines: every line is known, so it
    // is compared and nothing changes (import and apply, best of two).
    double reimport_ms = 1e300;
    long long reimport_added = 0;
    for (int run = 0; run < 2; ++run) {
        sr::Program copy = program;
        const double b = now_ms();
        reimport_added = reimport_once(copy, csv);
        reimport_ms = std::min(reimport_ms, now_ms() - b);
    }

    const double mb = static_cast<double>(csv.size()) / 1e6;
    std::printf(
        "{\"flavour\":\"%s\",\"csv_mb\":%.3f,\"rows\":%lld,\"imported\":%lld,\"orders\":%lld,\"duplicates\":%lld,"
        "\"samples\":%lld,\"unmatched\":%lld,\"refused\":%lld,\"import_ms\":%.3f,\"import_mb_s\":%.2f,\"apply_ms\":%.3f,"
        "\"report_ms\":%.3f,\"recompute_ms\":%.3f,\"actions\":%zu,\"creators\":%zu,\"posts\":%zu,"
        "\"backup_mb\":%.3f,\"export_ms\":%.3f,\"backup_import_ms\":%.3f,\"reimport_ms\":%.3f,\"reimport_added\":%lld,"
        "\"import_runs_ms\":[%s]}\n",
        kFlavour, mb, static_cast<long long>(result.rows), static_cast<long long>(result.imported),
        static_cast<long long>(result.orders), static_cast<long long>(result.duplicates),
        static_cast<long long>(result.samples), static_cast<long long>(result.unmatched_count),
        static_cast<long long>(result.problem_count), t1 - t0, mb / ((t1 - t0) / 1000.0), t2 - t1, t3 - t0, recompute,
        actions, program.creators.size(), program.posts.size(), backup_mb, export_ms, backup_import_ms, reimport_ms,
        reimport_added, runs_ms.c_str());
    return 0;
}

// The save after one edit: today's whole backup text against the documents the edit changed,
// the program compared a slice at a time as the app does (500 records a slice: the longest
// slice is the longest the page is held); then the first load, the documents read back in
// pieces of 2,000.
int docs(int creators, int posts) {
    sr::Store store(sr::generate_program(creators, posts, kToday, 1));
    double a = now_ms();
    sr::ProgramJsonWriter whole(store.program());
    double whole_longest = 0;
    for (;;) {
        const double s = now_ms();
        const bool done = whole.step(500);
        whole_longest = std::max(whole_longest, now_ms() - s);
        if (done) break;
    }
    const double whole_ms = now_ms() - a;
    const size_t whole_bytes = whole.text().size();

    // The first save: every document (as after moving from the single record).
    a = now_ms();
    sr::ProgramDocsDiff first(store.program(), sr::DocIndex{});
    while (!first.step(500)) {
    }
    const double first_ms = now_ms() - a;
    const size_t all_bytes = first.put_bytes();
    std::vector<sr::Doc> all = std::move(first.put());
    sr::DocIndex stored = std::move(first.index());

    sr::Creator c = store.program().creators.at(store.program().creators.size() / 2);
    c.notes = "Ships from Hồ Chí Minh City";
    if (!store.update_creator(c)) return 1;
    a = now_ms();
    sr::ProgramDocsDiff diff(store.program(), stored);
    const double copy_ms = now_ms() - a;
    double diff_longest = copy_ms;
    for (;;) {
        const double s = now_ms();
        const bool done = diff.step(500);
        diff_longest = std::max(diff_longest, now_ms() - s);
        if (done) break;
    }
    const double diff_ms = now_ms() - a;

    a = now_ms();
    sr::ProgramDocsReader reader;
    double read_longest = 0;
    for (size_t i = 0; i < all.size(); i += 2000) {
        const double s = now_ms();
        for (size_t k = i; k < std::min(all.size(), i + 2000); ++k)
            if (!reader.add(all[k].id, all[k].json)) return 1;
        read_longest = std::max(read_longest, now_ms() - s);
    }
    const double s = now_ms();
    sr::LoadResult back = reader.finish();  // (adds "program" to the index)
    const double finish_ms = now_ms() - s;
    const double read_ms = now_ms() - a;
    if (!back.ok()) {
        std::fprintf(stderr, "documents do not read back: %s\n", back.summary().c_str());
        return 1;
    }
    if (reader.index() != stored) {
        std::fprintf(stderr, "the documents read back do not compare equal to what was written\n");
        return 1;
    }
    std::printf(
        "{\"creators\":%d,\"posts\":%d,\"documents\":%zu,\"documents_mb\":%.3f,"
        "\"whole_save_bytes\":%zu,\"whole_save_text_ms\":%.1f,\"whole_save_longest_slice_ms\":%.1f,"
        "\"first_docs_ms\":%.1f,"
        "\"edit_docs_written\":%zu,\"edit_bytes_written\":%zu,\"edit_diff_ms\":%.1f,\"edit_copy_ms\":%.1f,"
        "\"edit_diff_longest_slice_ms\":%.1f,"
        "\"load_ms\":%.1f,\"load_longest_piece_ms\":%.1f,\"load_finish_ms\":%.1f}\n",
        creators, posts, all.size(), static_cast<double>(all_bytes) / 1e6, whole_bytes, whole_ms, whole_longest, first_ms,
        diff.put().size(), diff.put_bytes(), diff_ms, copy_ms, diff_longest, read_ms, read_longest, finish_ms);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) return usage();
    const std::string cmd = argv[1], dir = argv[2];
    if (cmd == "gen") {
        long long orders = -1, seed = 1;
        for (int i = 3; i + 1 < argc; i += 2) {
            const std::string a = argv[i];
            if (a == "--orders") orders = std::atoll(argv[i + 1]);
            else if (a == "--seed") seed = std::atoll(argv[i + 1]);
            else return usage();
        }
        if (orders < 1 || orders > 10000000 || (argc - 3) % 2) return usage();
        return gen(dir, orders, seed);
    }
    if (cmd == "docs") {
        const int creators = std::atoi(argv[2]), posts = argc > 3 ? std::atoi(argv[3]) : 0;
        if (creators < 1 || posts < 0) return usage();
        return docs(creators, posts);
    }
    if (cmd == "run") {
        bool backup = false;
        int import_only = 0, reimport_only = 0;
        for (int i = 3; i < argc; ++i) {
            if (std::string(argv[i]) == "--backup") backup = true;
            else if (std::string(argv[i]) == "--import-only" && i + 1 < argc) import_only = std::max(1, std::atoi(argv[++i]));
            else if (std::string(argv[i]) == "--reimport-only" && i + 1 < argc) reimport_only = std::max(1, std::atoi(argv[++i]));
            else return usage();
        }
        return run(dir, backup, import_only, reimport_only);
    }
    return usage();
}
