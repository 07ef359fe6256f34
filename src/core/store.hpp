// The one door through which the program changes: commands that validate, apply, and can be
// undone and redone. Views and importers call these; nothing else writes to the Program.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "creators.hpp"
#include "model.hpp"

namespace sr {

struct CommandResult {
    bool ok = false;
    Errors errors;  // why it was refused, field by field
    Id id = 0;      // the record added or changed
    static CommandResult refused(Errors e) { return {false, std::move(e), 0}; }
    static CommandResult done(Id id) { return {true, {}, id}; }
};

// What removing a creator would take with it, so the user can be asked first.
struct CreatorFootprint {
    size_t posts = 0;
    size_t samples = 0;
    size_t spark_codes = 0;
};

class Store {
public:
    Store() = default;
    explicit Store(Program p) : program_(std::move(p)) {}

    const Program& program() const { return program_; }
    // Increases by one with every change, undo and redo included; savers compare it.
    uint64_t revision() const { return revision_; }

    const Creator* find_creator(Id id) const;

    CommandResult add_creator(Creator c);
    CommandResult update_creator(Creator c);
    CreatorFootprint creator_footprint(Id id) const;
    // Removes the creator with its posts, samples and Spark Codes (undoable as one step).
    CommandResult remove_creator(Id id);

    // Replaces the whole program (an import); undoable.
    void replace_program(Program p, std::string label = "Replace program");

    bool can_undo() const { return !undo_.empty(); }
    bool can_redo() const { return !redo_.empty(); }
    std::string undo_label() const { return undo_.empty() ? "" : undo_.back().label; }
    std::string redo_label() const { return redo_.empty() ? "" : redo_.back().label; }
    bool undo();
    bool redo();

    // Forgets the history (after loading from storage: there is nothing to undo).
    void reset(Program p);

    static constexpr size_t kMaxUndo = 200;

private:
    struct Command {
        std::string label;
        std::function<void(Program&)> apply;
        std::function<void(Program&)> revert;
    };
    void run(Command cmd);

    Program program_;
    uint64_t revision_ = 0;
    std::vector<Command> undo_;
    std::vector<Command> redo_;
};

}  // namespace sr
