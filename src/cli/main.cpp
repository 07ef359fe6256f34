// sparkroster: the command-line tool over the same core as the app.
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "core/backup.hpp"
#include "core/sample.hpp"

namespace {

constexpr int kOk = 0, kInvalid = 1, kUsage = 2;

int usage() {
    std::fputs(
        "usage:\n"
        "  sparkroster validate FILE          check a backup; list every problem with its JSON path\n"
        "  sparkroster sample [--today DATE]  print the sample program as a backup (DATE as YYYY-MM-DD)\n"
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
    return usage();
}
