// libFuzzer target: the backup importer (program_from_json) and what follows a successful
// read: export again, merge, redacted export. Invariants checked beyond "no crash":
// - a refusal always says why;
// - whatever is accepted exports to a document that reads back to the same export;
// - a merge preview that is ok applies and undoes cleanly.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/backup.hpp"
#include "core/merge.hpp"
#include "core/store.hpp"

namespace {

sr::Program base_program() {
    sr::Program p;
    sr::Creator c;
    c.id = 1;
    c.handle = "glow.daily";
    c.followers = 20000;
    p.creators.push_back(c);
    sr::Post x;
    x.id = 2;
    x.creator_id = 1;
    x.tiktok_ref = "7301234567890123456";
    p.posts.push_back(x);
    p.next_id = 3;
    return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    sr::LoadResult r = sr::program_from_json(text);
    if (!r.ok()) {
        if (r.problems.empty()) std::abort();
        return 0;
    }
    const std::string once = sr::program_to_json(*r.program);
    sr::LoadResult again = sr::program_from_json(once);
    if (!again.ok() || sr::program_to_json(*again.program) != once) std::abort();

    const std::string redacted = sr::export_program_json(*r.program, {false, true});
    if (!sr::program_from_json(redacted).ok()) std::abort();

    static const sr::Program base = base_program();
    sr::Store store(base);
    const sr::MergePreview m = sr::preview_merge(store.program(), *r.program, store.revision());
    if (m.ok()) {
        const std::string before = sr::program_to_json(store.program());
        if (!store.apply_merge(m).ok) std::abort();
        store.undo();
        if (sr::program_to_json(store.program()) != before) std::abort();
    } else if (m.problems.empty()) {
        std::abort();
    }
    return 0;
}
