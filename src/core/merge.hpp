// Backup import modes and export options (docs/rules.md, section 7).
//
// - Replace: program_from_json (backup.hpp) then Store::replace_program.
// - Merge by id: preview_merge() lists what a backup adds, updates and cannot take (a
//   conflict), and the merged program; Store::apply_merge() applies it as one undoable step.
// - Export with the Spark Codes blanked, for sharing a program without the authorizations.
//
// Rules in docs/rules.md, "Backup merge".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backup.hpp"
#include "model.hpp"

namespace sr {

enum class MergeAction { added, updated, conflict };

struct MergeItem {
    MergeAction action = MergeAction::added;
    std::string kind;    // "creator", "product", "sample", "brief", "post", "Spark Code"
    Id id = 0;
    std::string label;   // "@glow.daily", a product name, a brief title, ...
    std::string reason;  // why a conflict is one
};

struct MergePreview {
    uint64_t base_revision = 0;
    std::vector<MergeItem> items;  // every added, updated and conflicting record, file order
    size_t added = 0;
    size_t updated = 0;
    size_t conflicts = 0;
    size_t unchanged = 0;
    size_t orders_added = 0;       // remembered order lines the backup adds
    bool settings_differ = false;  // the current settings are kept either way
    // The merged program does not hold together (a reference to a record that is not there):
    // listed here, and apply is refused.
    std::vector<Problem> problems;
    std::optional<Program> merged;  // what applying gives; set when there are no problems

    bool ok() const { return merged.has_value(); }
    // "3 added, 2 updated, 1 in conflict (kept as it is here), 40 unchanged"
    std::string summary() const;
};

// What merging `incoming` (a backup already read by program_from_json) into `current` would
// do. Records are matched by id. Records only in the current program stay; records only in
// the backup are added; records in both take the backup's version. A conflict (the same id
// on a different kind of record, a creator whose handle another creator here already uses,
// or a record that points at a conflicting one) is left out and the current record kept.
MergePreview preview_merge(const Program& current, const Program& incoming, uint64_t base_revision = 0);

struct ExportOptions {
    bool pretty = false;
    bool redact_spark_codes = false;  // every Spark Code's code becomes ""; the records stay
};

std::string export_program_json(const Program& p, const ExportOptions& options);

}  // namespace sr
