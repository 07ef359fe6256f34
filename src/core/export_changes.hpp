// What an import of a video performance, creator list or paid report export changes (docs/rules.md,
// section 7): whole new values of the records it changes and the records it adds, worked out
// against the program at base_revision and applied by Store::import_export as one undoable step.
#pragma once
#include <cstdint>
#include <vector>

#include "model.hpp"

namespace sr {

struct ExportChanges {
    uint64_t base_revision = 0;
    std::vector<Creator> updated_creators;  // full new value of each existing creator that changes
    std::vector<Creator> new_creators;      // ids handed out from the program's next_id
    std::vector<Post> updated_posts;
    std::vector<Post> new_posts;
    std::vector<SparkCode> updated_spark_codes;  // a paid report's rounds set on them
    bool empty() const {
        return updated_creators.empty() && new_creators.empty() && updated_posts.empty() && new_posts.empty() &&
               updated_spark_codes.empty();
    }
};

// Applies changes to a program directly (tests and the CLI; the app goes through
// Store::import_export so the step can be undone).
void apply_export_changes(Program& p, const ExportChanges& c);

// The first id free in a program: past next_id and past every record's id; in its id range
// (Program::id_floor, id_limit) when it has one: past next_id and every id inside the range.
Id first_free_id(const Program& p);

}  // namespace sr
