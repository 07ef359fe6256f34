// Names of every enumerated value, as stored in backups and shown to people.
#pragma once
#include <optional>
#include <string_view>

#include "model.hpp"

namespace sr {

template <class E> struct EnumNames;  // specialised below: static constexpr std::string_view names[]

#define SR_ENUM_NAMES(E, ...)                                                  \
    template <> struct EnumNames<E> {                                          \
        static constexpr std::string_view names[] = {__VA_ARGS__};             \
        static constexpr int count = sizeof(names) / sizeof(names[0]);         \
    };

SR_ENUM_NAMES(CreatorStatus, "prospect", "contacted", "seeded", "active", "paused", "ended")
SR_ENUM_NAMES(SampleStatus, "requested", "approved", "shipped", "delivered", "posted", "no_post", "declined", "cancelled")
SR_ENUM_NAMES(HookAngle, "problem_agitation", "transformation_reveal", "social_proof", "curiosity_gap", "custom")
SR_ENUM_NAMES(ProofKind, "result", "before_after", "comparison", "demonstration")
SR_ENUM_NAMES(PostSource, "organic", "spark")
SR_ENUM_NAMES(MarkState, "done", "snoozed")
SR_ENUM_NAMES(SparkStatus, "requested", "received", "verified", "live", "expired", "revoked", "killed")

#undef SR_ENUM_NAMES

template <class E> constexpr std::string_view name_of(E e) {
    const int i = static_cast<int>(e);
    return (i >= 0 && i < EnumNames<E>::count) ? EnumNames<E>::names[i] : std::string_view("?");
}

template <class E> std::optional<E> enum_from(std::string_view s) {
    for (int i = 0; i < EnumNames<E>::count; ++i)
        if (EnumNames<E>::names[i] == s) return static_cast<E>(i);
    return std::nullopt;
}

template <class E> constexpr int enum_count() { return EnumNames<E>::count; }

}  // namespace sr
