// sparkroster: the command-line tool over the same core as the app.
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "core/backup.hpp"
#include "core/generate.hpp"
#include "core/metrics.hpp"
#include "core/review.hpp"
#include "core/sample.hpp"

namespace {

constexpr int kOk = 0, kInvalid = 1, kUsage = 2;

int usage() {
    std::fputs(
        "usage:\n"
        "  sparkroster validate FILE          check a backup; list every problem with its JSON path\n"
        "  sparkroster sample [--today DATE]  print the sample program as a backup (DATE as YYYY-MM-DD)\n"
        "  sparkroster report PROGRAM.json [--week DATE] [--format json|text]\n"
        "                                     print the weekly review of the week holding DATE (default: this week)\n"
        "  sparkroster generate --creators N --posts M [--today DATE] [--seed S]\n"
        "                                     print a generated program of that size as a backup (benchmarks)\n"
        "exit codes: 0 ok, 1 invalid input, 2 usage\n",
        stderr);
    return kUsage;
}

bool read_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

sr::Date today_utc() {
    const std::time_t t = std::time(nullptr);
    return sr::Date{static_cast<int32_t>(t / 86400)};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage();
    const std::string cmd = argv[1];
    if (cmd == "validate") {
        if (argc != 3) return usage();
        std::string text;
        if (!read_file(argv[2], text)) {
            std::fprintf(stderr, "%s: cannot read the file\n", argv[2]);
            return kInvalid;
        }
        const sr::LoadResult r = sr::program_from_json(text);
        if (!r.ok()) {
            for (const sr::Problem& p : r.problems) std::printf("%s: %s\n", argv[2], p.to_string().c_str());
            return kInvalid;
        }
        const sr::Program& p = *r.program;
        std::printf("%s: ok (%zu creators, %zu products, %zu posts, %zu Spark Codes)\n", argv[2], p.creators.size(),
                    p.products.size(), p.posts.size(), p.spark_codes.size());
        return kOk;
    }
    if (cmd == "sample") {
        sr::Date today = today_utc();
        for (int i = 2; i < argc; ++i) {
            const std::string a = argv[i];
            if (a == "--today" && i + 1 < argc) {
                auto d = sr::Date::parse(argv[++i]);
                if (!d) {
                    std::fprintf(stderr, "--today: '%s' is not a date as YYYY-MM-DD\n", argv[i]);
                    return kUsage;
                }
                today = *d;
            } else {
                return usage();
            }
        }
        std::cout << sr::program_to_json(sr::make_sample_program(today), true) << "\n";
        return kOk;
    }
    if (cmd == "report") {
        std::string file, format = "text";
        std::optional<sr::Date> week;
        for (int i = 2; i < argc; ++i) {
            const std::string a = argv[i];
            if (a == "--week" && i + 1 < argc) {
                week = sr::Date::parse(argv[++i]);
                if (!week) {
                    std::fprintf(stderr, "--week: '%s' is not a date as YYYY-MM-DD\n", argv[i]);
                    return kUsage;
                }
            } else if (a == "--format" && i + 1 < argc) {
                format = argv[++i];
                if (format != "json" && format != "text") {
                    std::fprintf(stderr, "--format: '%s' is not json or text\n", format.c_str());
                    return kUsage;
                }
            } else if (!a.empty() && a[0] != '-' && file.empty()) {
                file = a;
            } else {
                return usage();
            }
        }
        if (file.empty()) return usage();
        std::string text;
        if (!read_file(file, text)) {
            std::fprintf(stderr, "%s: cannot read the file\n", file.c_str());
            return kInvalid;
        }
        const sr::LoadResult r = sr::program_from_json(text);
        if (!r.ok()) {
            for (const sr::Problem& p : r.problems) std::fprintf(stderr, "%s: %s\n", file.c_str(), p.to_string().c_str());
            return kInvalid;
        }
        const sr::Review rv = sr::review(*r.program, week ? *week : today_utc());
        std::cout << (format == "json" ? sr::review_to_json(rv, *r.program) + "\n" : sr::review_to_text(rv, *r.program));
        return kOk;
    }
    if (cmd == "generate") {
        long long creators = -1, posts = -1, seed = 1;
        sr::Date today = today_utc();
        for (int i = 2; i < argc; ++i) {
            const std::string a = argv[i];
            auto number = [&](long long& out) {
                if (i + 1 >= argc) return false;
                char* end = nullptr;
                out = std::strtoll(argv[++i], &end, 10);
                return end && *end == '\0' && out >= 0 && out <= 10000000;
            };
            if (a == "--creators") {
                if (!number(creators)) return usage();
            } else if (a == "--posts") {
                if (!number(posts)) return usage();
            } else if (a == "--seed") {
                if (!number(seed)) return usage();
            } else if (a == "--today" && i + 1 < argc) {
                auto d = sr::Date::parse(argv[++i]);
                if (!d) return usage();
                today = *d;
            } else {
                return usage();
            }
        }
        if (creators < 1 || posts < 0) return usage();
        const sr::Program p = sr::generate_program(static_cast<int>(creators), static_cast<int>(posts), today,
                                                   static_cast<uint64_t>(seed));
        std::cout << sr::program_to_json(p) << "\n";
        return kOk;
    }
    return usage();
}
