#include "status_moves.hpp"

#include "enums.hpp"

namespace sr {

namespace {

const char* const kCreatorLabels[] = {"Prospect", "Contacted", "Seeded", "Active", "Paused", "Ended"};
const char* const kSampleLabels[] = {"Requested", "Approved", "Shipped",  "Delivered",
                                     "Posted",    "No post",  "Declined", "Cancelled"};
static_assert(sizeof kCreatorLabels / sizeof kCreatorLabels[0] == enum_count<CreatorStatus>());
static_assert(sizeof kSampleLabels / sizeof kSampleLabels[0] == enum_count<SampleStatus>());

// A status in running text: "no post", "active".
template <class E> std::string words(E e) {
    std::string s(name_of(e));
    for (char& ch : s)
        if (ch == '_') ch = ' ';
    return s;
}

template <class E> std::string list_text(const std::vector<E>& v) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) {
        if (i) out += i + 1 == v.size() ? " or " : ", ";
        out += words(v[i]);
    }
    return out;
}

template <class E> std::vector<E> allowed_by(E from, bool (*ok)(E, E)) {
    std::vector<E> out;
    for (int i = 0; i < enum_count<E>(); ++i) {
        const E to = static_cast<E>(i);
        if (to != from && ok(from, to)) out.push_back(to);
    }
    return out;
}

bool creator_move(CreatorStatus from, CreatorStatus to) {
    using S = CreatorStatus;
    if (from == S::ended) return false;                    // final
    if (from == S::paused && to == S::active) return true; // the one move back
    return static_cast<int>(to) > static_cast<int>(from);  // forward, steps may be skipped
}

bool sample_move(SampleStatus from, SampleStatus to) {
    using S = SampleStatus;
    switch (from) {
        case S::requested: return true;  // forward to any step, declined or cancelled
        case S::approved:
        case S::shipped: return to == S::cancelled || (to != S::declined && static_cast<int>(to) > static_cast<int>(from));
        case S::delivered: return to == S::posted || to == S::no_post;
        case S::no_post: return to == S::posted;  // posted late
        case S::posted:
        case S::declined:
        case S::cancelled: return false;  // final
    }
    return false;
}

template <class E> std::string refusal(const char* what, E from, E to, bool (*ok)(E, E)) {
    if (from == to || ok(from, to)) return "";
    const std::vector<E> allowed = allowed_by(from, ok);
    if (allowed.empty())
        return "A " + std::string(what) + " that is " + words(from) + " stays " + words(from) +
               ": the status cannot change.";
    const bool back = static_cast<int>(to) < static_cast<int>(from);
    return "A " + std::string(what) + " cannot move from " + words(from) + (back ? " back to " : " to ") + words(to) +
           ". From " + words(from) + ": " + list_text(allowed) + ".";
}

}  // namespace

const char* status_label(CreatorStatus s) {
    const int i = static_cast<int>(s);
    return i >= 0 && i < enum_count<CreatorStatus>() ? kCreatorLabels[i] : "?";
}
const char* status_label(SampleStatus s) {
    const int i = static_cast<int>(s);
    return i >= 0 && i < enum_count<SampleStatus>() ? kSampleLabels[i] : "?";
}
const char* const* creator_status_labels() { return kCreatorLabels; }
const char* const* sample_status_labels() { return kSampleLabels; }

std::vector<CreatorStatus> allowed_moves(CreatorStatus from) { return allowed_by(from, creator_move); }
std::vector<SampleStatus> allowed_moves(SampleStatus from) { return allowed_by(from, sample_move); }
bool move_allowed(CreatorStatus from, CreatorStatus to) { return from == to || creator_move(from, to); }
bool move_allowed(SampleStatus from, SampleStatus to) { return from == to || sample_move(from, to); }
std::string move_refusal(CreatorStatus from, CreatorStatus to) { return refusal("creator", from, to, creator_move); }
std::string move_refusal(SampleStatus from, SampleStatus to) { return refusal("sample", from, to, sample_move); }
std::string allowed_moves_text(CreatorStatus from) { return list_text(allowed_moves(from)); }
std::string allowed_moves_text(SampleStatus from) { return list_text(allowed_moves(from)); }

}  // namespace sr
