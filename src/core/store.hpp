// The one door through which the program changes: commands that validate, apply, and can be
// undone and redone. Views and importers call these; nothing else writes to the Program.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "creators.hpp"
#include "model.hpp"
#include "merge.hpp"
#include "export_changes.hpp"
#include "orders_import.hpp"

namespace sr {

struct CommandResult {
    bool ok = false;
    Errors errors;  // why it was refused, field by field
    Id id = 0;      // the record added or changed
    Errors warnings;  // accepted, but worth a look (an unusual Spark Code, ...)
    static CommandResult refused(Errors e) { return {false, std::move(e), 0, {}}; }
    static CommandResult done(Id id) { return {true, {}, id, {}}; }
    explicit operator bool() const { return ok; }  // if (store.undo()) ...
};

// A Spark Code coming back from a creator (the reply made in the shared brief): post link,
// code, authorization length and the date it was generated. The expiry is computed from them.
struct SparkHandoff {
    Id code_id = 0;      // the requested record it answers; 0 = find by creator and post, or create
    Id creator_id = 0;
    Id post_id = 0;
    std::string code;
    Date generated;
    int duration_days = 30;
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
    // Moves with every change, undo and redo included, and never comes back to a value it left
    // (savers compare it). A command moves it by one; a transaction by its commands; a
    // transaction rolled back leaves it where it was, as nothing changed.
    uint64_t revision() const { return revision_; }

    // ------------------------------------------------------------ read-only
    // A second tab of the program is read-only: it follows the tab that edits. While read-only,
    // every command, transaction, undo and redo is refused (field "read_only", kReadOnly) and
    // nothing changes; reset() still loads what the editing tab saved.
    void set_read_only(bool on) { read_only_ = on; }
    bool read_only() const { return read_only_; }
    static constexpr const char* kPinWithReason =
        "A tier is pinned with its reason, so that it lands in the tier history (Change tier).";
    static constexpr const char* kReadOnly = "This tab is read-only: another tab is editing the program.";

    // ------------------------------------------------------------ transactions
    // Several commands as one undoable step. `body` calls commands on the store it is given;
    // each applies at once, so a later one sees what the earlier ones did. When the body
    // returns ok and none of its commands was refused, they become one undo step named `label`
    // (none when they changed nothing) and the body's result is returned. Otherwise everything
    // they did is taken back (the program, the revision, undo and redo are as before) and the
    // refusal is returned: the body's own, else the first command refused. Undo and redo are
    // refused inside a body; a transaction inside a transaction joins the outer one.
    CommandResult transaction(std::string label, const std::function<CommandResult(Store&)>& body);

    const Creator* find_creator(Id id) const;

    // A new creator may have any status; a saved one moves only as status_moves.hpp allows
    // (refused on field "status", naming the moves it can make). Neither pins a tier nor
    // touches the tier history: that is change_tier, with its reason (refused on field "tier").
    CommandResult add_creator(Creator c);
    CommandResult update_creator(Creator c);
    // Sets the status of several creators as one undoable step (bulk action on the roster).
    // Refused whole when any of them cannot make the move: one error per such creator
    // (field "status", "@handle: ..." with its allowed moves); nothing changes.
    CommandResult set_creators_status(const std::vector<Id>& ids, CreatorStatus status);
    CreatorFootprint creator_footprint(Id id) const;
    // Removes the creator with its posts, samples and Spark Codes (undoable as one step).
    CommandResult remove_creator(Id id);

    // ------------------------------------------------------------ other records
    // Every add / update / remove below validates (validate.hpp), names the field and the
    // reason when it refuses, and is one undoable step. Removing a record that others still
    // point at is refused with what points at it (a creator is the exception: see above).
    const Product* find_product(Id id) const;
    const Sample* find_sample(Id id) const;
    const Brief* find_brief(Id id) const;
    const Post* find_post(Id id) const;
    const SparkCode* find_spark_code(Id id) const;

    CommandResult update_settings(Settings s);
    // Places a paid report's ad, by its name, on a Spark Code for this and every later report
    // (Settings::ad_codes); 0 forgets the ad's code.
    CommandResult set_ad_code(std::string ad_name, Id spark_code_id);

    CommandResult add_product(Product x);
    CommandResult update_product(Product x);
    CommandResult remove_product(Id id);

    // As for creators: a new sample may have any status, a saved one moves as status_moves.hpp allows.
    CommandResult add_sample(Sample x);
    CommandResult update_sample(Sample x);
    CommandResult remove_sample(Id id);

    // Briefs save with record checks only; check_brief() (briefs.hpp) decides sharing.
    CommandResult add_brief(Brief x);
    CommandResult update_brief(Brief x);
    CommandResult remove_brief(Id id);

    CommandResult add_post(Post x);
    CommandResult update_post(Post x);
    CommandResult remove_post(Id id);

    // Compliance incidents live on the creator's record.
    CommandResult add_incident(Id creator_id, ComplianceIncident x);
    CommandResult update_incident(Id creator_id, ComplianceIncident x);
    CommandResult remove_incident(Id creator_id, Id incident_id);

    // Tier changes land in the tier history with their date and reason; the new tier is pinned.
    CommandResult change_tier(Id creator_id, int to, Date date, std::string reason);  // to = 0: follow followers again
    // Confirms a promotion suggestion (rules.hpp): refused when the creator is not suggested.
    CommandResult confirm_promotion(Id creator_id, Date today);

    // Sets or clears a Creator Code; setting one is refused when the creator is not eligible.
    CommandResult set_creator_code(Id creator_id, std::optional<CreatorCode> code);

    // ------------------------------------------------------------ Spark Codes
    CommandResult add_spark_code(SparkCode x);
    CommandResult update_spark_code(SparkCode x);
    CommandResult remove_spark_code(Id id);
    // requested: asked for inside a brief or by hand.
    CommandResult request_spark_code(Id creator_id, Id post_id, Date date, int days, std::string renewal_owner);
    // received: the handoff creates or updates the record; an unusual-looking code is a warning.
    CommandResult receive_spark_code(SparkHandoff h, Date today);
    CommandResult verify_spark_code(Id id, Date date);
    // live: only when the four go-live checks hold; otherwise refused with one error per
    // failing check (field "go_live.N").
    CommandResult go_live(Id id, Date date);
    CommandResult expire_spark_code(Id id, Date date);
    // Marks every received / verified / live code past its expiry as expired (one step).
    CommandResult expire_due_codes(Date today);
    // Extended by the creator: same code, new authorization start and duration.
    CommandResult extend_spark_code(Id id, Date auth_start, int duration_days, Date date);
    // Replaced: a new record linked to the old one (replaces_id); the old one stays, expired.
    CommandResult replace_spark_code(Id old_id, std::string code, Date generated, int duration_days, Date date);
    CommandResult add_paid_round(Id id, PaidRound r);
    CommandResult kill_spark_code(Id id, Date date, std::string reason);
    CommandResult revoke_spark_code(Id id, Date date, std::string reason);

    // ------------------------------------------------------------ the weekly review's to-do list
    // Marks an action of the weekly review done or snoozed (review_todo.hpp, mark_for) as one
    // undoable step. The mark records who (settings.user_name) and replaces the action's earlier
    // mark. A snooze must end after the day it is marked on.
    CommandResult mark_review_action(ReviewMark m);
    // Takes an action's mark away: the action is on the list again while its cause is there.
    CommandResult clear_review_mark(const std::string& action);

    // Replaces the whole program (an import); undoable.
    CommandResult replace_program(Program p, std::string label = "Replace program");

    // Applies an affiliate-orders import (orders_import.hpp) as one undoable step. Refused when
    // the program changed since the import was read (changes.base_revision != revision()):
    // read the file again.
    // Takes the changes over when it applies them (refused, it leaves them as they were): a
    // million order keys are not copied once more for the undo step.
    CommandResult import_orders(OrdersChanges&& changes, std::string label = "Import orders");
    CommandResult import_orders(const OrdersChanges& changes, std::string label = "Import orders") {
        return import_orders(OrdersChanges(changes), std::move(label));
    }
    // Applies a video performance or creator list import (video_import.hpp,
    // creator_list_import.hpp) as one undoable step: the creators and posts it changes and
    // adds. Refused, changing nothing, when the program changed since the file was read
    // (changes.base_revision != revision()), or when a record it changes is gone or an id it
    // adds is taken.
    CommandResult import_export(const ExportChanges& changes, std::string label = "Import export");
    // Applies a merge preview (merge.hpp) as one undoable step. Refused when the preview found
    // problems or the program changed since it was made (preview.base_revision != revision()).
    CommandResult apply_merge(const MergePreview& preview, std::string label = "Merge backup");

    bool can_undo() const { return !read_only_ && !tx_ && !undo_.empty(); }
    bool can_redo() const { return !read_only_ && !tx_ && !redo_.empty(); }
    std::string undo_label() const { return undo_.empty() ? "" : undo_.back().label; }
    std::string redo_label() const { return redo_.empty() ? "" : redo_.back().label; }
    // Refused (and nothing changes) with nothing to undo or redo, inside a transaction, or read-only.
    CommandResult undo();
    CommandResult redo();

    // Forgets the history (after loading from storage: there is nothing to undo).
    void reset(Program p);
    // The program as another browser changed it (sync, docs/rules.md "Teams"): put in place
    // and the revision moves, but undo and redo are kept. They hold this browser's own
    // commands, which act on records by id: undo takes back this browser's change, not the
    // other's (an undone edit puts back the record as it was before that edit).
    void apply_remote(Program p);
    // New ids from [floor, limit) from now on (0, 0: past every id), whatever program is put in
    // place later (docs/rules.md, "Teams": each synced browser has its own range). Not a change:
    // the revision stays.
    void use_id_range(Id floor, Id limit);

    static constexpr size_t kMaxUndo = 200;

private:
    struct Command {
        std::string label;
        std::function<void(Program&)> apply;
        std::function<void(Program&)> revert;
    };
    struct Transaction {
        std::vector<Command> steps;            // applied, in order
        std::optional<CommandResult> refusal;  // the first command refused inside
    };
    // Applies a command and keeps it for undo (or in the open transaction).
    void run(Command cmd);
    void push_undo(Command cmd);
    void next_revision() { revision_ = ++last_revision_; }
    // Every refusal goes through here, so an open transaction knows of it.
    CommandResult refuse(Errors e);
    CommandResult refuse_read_only() { return refuse({{"read_only", kReadOnly}}); }
    template <class T> CommandResult add_record(std::vector<T> Program::*list, T x, Errors errs, std::string label);
    template <class T> CommandResult put_record(std::vector<T> Program::*list, T x, std::string label, Errors warnings = {});
    template <class T> CommandResult remove_record(std::vector<T> Program::*list, Id id, std::string label);
    CommandResult spark_status(Id id, SparkStatus to, Date date, std::string what);

    void keep_id_range();
    Program program_;
    Id id_floor_ = 0, id_limit_ = 0;
    uint64_t revision_ = 0;
    uint64_t last_revision_ = 0;  // the highest revision given out (a rollback goes back below it)
    bool read_only_ = false;
    Transaction* tx_ = nullptr;   // the open transaction
    std::vector<Command> undo_;
    std::vector<Command> redo_;
};

}  // namespace sr
