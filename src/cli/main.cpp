// sparkroster: the command-line tool over the same core as the app.
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>
#include <algorithm>

#include "core/backup.hpp"
#include "core/export_import.hpp"
#include "core/file_reading.hpp"
#include "core/format.hpp"
#include "core/generate.hpp"
#include "core/metrics.hpp"
#include "core/orders_import.hpp"
#include "core/orders_xlsx.hpp"
#include "core/review.hpp"
#include "core/sample.hpp"

namespace {

constexpr int kOk = 0, kInvalid = 1, kUsage = 2;

int usage() {
    std::fputs(
        "usage:\n"
        "  sparkroster validate FILE          check a backup; list every problem with its JSON path\n"
        "  sparkroster sample [--today DATE]  print the sample program as a backup (DATE as YYYY-MM-DD)\n"
        "  sparkroster report PROGRAM.json [--week DATE] [--format json|text] [--hook-days N]\n"
        "                                     print the weekly review of the week holding DATE (default: this week)\n"
        "  sparkroster generate --creators N --posts M [--today DATE] [--seed S]\n"
        "                                     print a generated program of that size as a backup (benchmarks)\n"
        "  sparkroster import PROGRAM.json FILE... [-o OUT.json] [--dry-run] [--mapping M.json] [--today DATE]\n"
        "                                     import TikTok Shop exports (.csv or .xlsx: affiliate orders, video\n"
        "                                     performance, creator list, paid reports, each known by its header row)\n"
        "                                     into the program, one file after another; print each file's summary;\n"
        "                                     write the program to OUT.json (default: PROGRAM.json itself), or nothing\n"
        "                                     with --dry-run. A refused file changes nothing and exits 1. DATE (default\n"
        "                                     today) dates the rounds of a paid report that has no day column.\n"
        "                                     M.json: the orders columns ({\"order_id\": \"header\", ...}), the other\n"
        "                                     exports' columns ({\"videos\"|\"creators\"|\"paid\": {\"field\": \"header\"}})\n"
        "                                     and the Spark Code of paid ads by name ({\"ad_codes\": {\"ad name\":\n"
        "                                     \"code\"}}), the latter kept in the program.\n"
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

// One export file read as the Data screen reads it (core/file_reading.hpp): told by its name and
// first bytes, the pieces it asks for read from the disk (an .xlsx by the ranges its reader asks
// for, a CSV from start to end), known by its header row. False, with the sentence to print
// ("F was refused: ... Nothing was changed."), when it is refused or is not an export.
bool import_file(const std::string& path, const sr::Program& program, const sr::ReadingSetup& setup,
                 sr::ExportImport& out, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = path + " was refused: cannot read the file. Nothing was changed.";
        return false;
    }
    in.seekg(0, std::ios::end);
    const uint64_t size = static_cast<uint64_t>(in.tellg());
    in.seekg(0);
    sr::FileReading r(path, size, program, 0, setup);
    std::string buf;
    while (!r.done()) {
        const auto q = r.next_request();
        if (q) {
            buf.resize(q->length);
            in.clear();
            in.seekg(static_cast<std::streamoff>(q->offset));
            in.read(&buf[0], static_cast<std::streamsize>(q->length));
            const bool whole = static_cast<uint64_t>(in.gcount()) == q->length;
            r.arrived(q->offset, buf, whole ? "" : "cannot read the file");
        }
        const bool more = r.step(4u << 20);
        while (r.step(4u << 20)) {
        }
        if (!q && !more && !r.done()) {  // asks for nothing and parses nothing: never the case, but never a hang
            error = path + " was refused: its reading stopped before its end. Nothing was changed.";
            return false;
        }
    }
    switch (r.state()) {
        case sr::FileReading::State::exports: out = std::move(r.result()); return true;
        case sr::FileReading::State::backup:
            error = path + " was refused: it is a Spark Roster backup, not a TikTok Shop export. Nothing was changed.";
            return false;
        case sr::FileReading::State::mapping: {
            const std::vector<std::string>& missing = r.result().orders.columns.missing_required;
            std::string names;
            for (size_t i = 0; i < missing.size(); ++i) names += (i ? ", \"" : "\"") + missing[i] + "\"";
            error = path + " was refused: the file has no " + names + (missing.size() > 1 ? " columns" : " column") +
                    "; name the columns that hold them with --mapping M.json. Nothing was changed.";
            if (!r.tried().empty()) error += "\n" + path + ": not an export this tool knows: " + r.tried();
            return false;
        }
        default:
            error = r.message();
            if (!r.tried().empty()) error += "\n" + path + ": not an export this tool knows: " + r.tried();
            return false;
    }
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
        int hook_days = 0;  // 0: the program's hook_window_days
        for (int i = 2; i < argc; ++i) {
            const std::string a = argv[i];
            if (a == "--week" && i + 1 < argc) {
                week = sr::Date::parse(argv[++i]);
                if (!week) {
                    std::fprintf(stderr, "--week: '%s' is not a date as YYYY-MM-DD\n", argv[i]);
                    return kUsage;
                }
            } else if (a == "--hook-days" && i + 1 < argc) {
                const std::string n = argv[++i];
                char* end = nullptr;
                const long v = std::strtol(n.c_str(), &end, 10);
                if (n.empty() || *end || v < 1 || v > 36500) {
                    std::fprintf(stderr, "--hook-days: '%s' is not a number of days from 1 to 36500\n", n.c_str());
                    return kUsage;
                }
                hook_days = static_cast<int>(v);
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
        sr::Program prog = *r.program;
        if (hook_days) prog.settings.hook_window_days = hook_days;  // this report only
        const sr::Review rv = sr::review(prog, week ? *week : today_utc());
        std::cout << (format == "json" ? sr::review_to_json(rv, prog) + "\n" : sr::review_to_text(rv, prog));
        return kOk;
    }
    if (cmd == "import") {
        std::string program_file, out_file, mapping_file;
        std::vector<std::string> files;
        bool dry_run = false;
        sr::OrdersImportOptions options;
        options.today = today_utc();
        for (int i = 2; i < argc; ++i) {
            const std::string a = argv[i];
            if (a == "--today" && i + 1 < argc) {
                const auto d = sr::Date::parse(argv[++i]);
                if (!d) {
                    std::fprintf(stderr, "--today: '%s' is not a date as YYYY-MM-DD\n", argv[i]);
                    return kUsage;
                }
                options.today = *d;
            } else if (a == "-o" && i + 1 < argc) out_file = argv[++i];
            else if (a == "--mapping" && i + 1 < argc) mapping_file = argv[++i];
            else if (a == "--dry-run") dry_run = true;
            else if (!a.empty() && a[0] == '-') return usage();
            else if (program_file.empty()) program_file = a;
            else files.push_back(a);
        }
        if (program_file.empty() || files.empty()) return usage();
        std::string text;
        if (!read_file(program_file, text)) {
            std::fprintf(stderr, "%s: cannot read the file\n", program_file.c_str());
            return kInvalid;
        }
        sr::LoadResult lr = sr::program_from_json(text);
        if (!lr.ok()) {
            for (const sr::Problem& p : lr.problems) std::fprintf(stderr, "%s: %s\n", program_file.c_str(), p.to_string().c_str());
            return kInvalid;
        }
        sr::Program program = std::move(*lr.program);
        sr::ColumnMapping mapping;
        sr::FieldMappings field_mappings;
        if (!mapping_file.empty()) {
            std::string m;
            if (!read_file(mapping_file, m)) {
                std::fprintf(stderr, "%s: cannot read the file\n", mapping_file.c_str());
                return kInvalid;
            }
            mapping = sr::mapping_from_json(m);
            std::vector<std::string> errors;
            field_mappings = sr::field_mappings_from_json(m, errors);
            for (const std::string& e : errors) std::fprintf(stderr, "%s: %s\n", mapping_file.c_str(), e.c_str());
            if (!errors.empty()) return kInvalid;
            // Its ad names (paid reports) are remembered in the program, as the Data screen does.
            if (!sr::merge_ad_codes_json(m, program, program.settings, errors)) {
                for (const std::string& e : errors) std::fprintf(stderr, "%s: %s\n", mapping_file.c_str(), e.c_str());
                return kInvalid;
            }
        }
        sr::ReadingSetup setup;
        setup.orders_mapping = mapping;
        setup.field_mappings = field_mappings;
        setup.options = options;
        for (const std::string& f : files) {
            sr::ExportImport r;
            std::string error;
            if (!import_file(f, program, setup, r, error)) {
                std::fprintf(stderr, "%s\n", error.c_str());
                return kInvalid;
            }
            std::printf("%s: %s\n", f.c_str(), r.summary().c_str());
            auto rows = [](const std::vector<sr::RowProblem>& list, const char* what) {
                for (size_t i = 0; i < list.size() && i < 20; ++i)
                    std::printf("  row %lld %s: %s\n", static_cast<long long>(list[i].row), what, list[i].reason.c_str());
            };
            if (r.family == sr::ExportFamily::orders) {
                rows(r.orders.problems, "refused");
                for (size_t i = 0; i < r.orders.unmatched.size() && i < 20; ++i)
                    std::printf("  row %lld unmatched: %s\n", static_cast<long long>(r.orders.unmatched[i].row),
                                r.orders.unmatched[i].reason.c_str());
            } else if (r.family == sr::ExportFamily::videos) {
                rows(r.videos.problems, "refused");
                for (size_t i = 0; i < r.videos.unknown_creators.size() && i < 20; ++i) {
                    const sr::UnknownCreator& u = r.videos.unknown_creators[i];
                    std::printf("  unknown creator @%s: %lld %s, first on row %lld (not added)\n", u.username.c_str(),
                                static_cast<long long>(u.videos), u.videos == 1 ? "video" : "videos",
                                static_cast<long long>(u.first_row));
                }
            } else if (r.family == sr::ExportFamily::paid) {
                rows(r.paid.problems, "refused");
                for (size_t i = 0; i < r.paid.unplaced.size() && i < 20; ++i) {
                    const sr::UnplacedAd& u = r.paid.unplaced[i];
                    std::printf("  not placed: %s (%s; %lld %s, cost %s, first on row %lld)\n", u.name.c_str(), u.reason.c_str(),
                                static_cast<long long>(u.rows), u.rows == 1 ? "row" : "rows",
                                sr::fmt_money(u.cost, program.settings.currency).c_str(), static_cast<long long>(u.first_row));
                }
                for (const sr::SparkCode& c : r.paid.changes.updated_spark_codes)
                    std::printf("  Spark Code %s: %zu paid %s\n", c.code.c_str(), c.rounds.size(), c.rounds.size() == 1 ? "round" : "rounds");
            } else if (r.family == sr::ExportFamily::creators) {
                rows(r.creators.problems, "refused");
                for (const sr::CreatorListEntry& e : r.creators.entries) {
                    if (e.action == sr::CreatorListEntry::Action::unchanged) continue;
                    const std::string followers = e.followers ? std::to_string(*e.followers) : "unknown";
                    if (e.action == sr::CreatorListEntry::Action::add)
                        std::printf("  add @%s as a prospect, %s followers\n", e.handle.c_str(), followers.c_str());
                    else
                        std::printf("  @%s followers %lld -> %s\n", e.handle.c_str(), static_cast<long long>(e.followers_before),
                                    followers.c_str());
                }
            }
            sr::apply_export(program, r);
        }
        if (dry_run) return kOk;
        const std::string target = out_file.empty() ? program_file : out_file;
        const std::string tmp = target + ".tmp";
        {
            std::ofstream o(tmp, std::ios::binary | std::ios::trunc);
            o << sr::program_to_json(program, true) << "\n";
            if (!o) {
                std::fprintf(stderr, "%s: cannot write the file\n", tmp.c_str());
                return kInvalid;
            }
        }
        if (std::rename(tmp.c_str(), target.c_str()) != 0) {
            std::fprintf(stderr, "%s: cannot write the file\n", target.c_str());
            return kInvalid;
        }
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
