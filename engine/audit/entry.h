// The audit entry: one step of an organization's hash-chained log, and the one table of its
// fields that every list of them is derived from or checked against.
//
// DOCKET_AUDIT_ENTRY_FIELDS is that table: the 17 fields in declaration order, which is also
// the order of the audit table's SQL columns. Each row is X(name, kind, default) with kind
// Text (std::string), Int (std::int64_t) or Changes (the field changes). From it come the
// struct itself, the SQL column list, ForEachAuditField (the row <-> entry copies, the
// reference JSON object, the UTF-8 check) and kAuditKeys, the fields in the byte order of
// their names (the canonical JSON's key order, docs/AUDIT.md). The few writers and scanners
// that spell the keys out by hand for speed name each key through CanonicalKey<I>, which fails
// to compile unless the literal is key I of kAuditKeys.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/transition.h"

namespace docket {

// X(name, kind, default initializer) for each field of an entry, in declaration order.
#define DOCKET_AUDIT_ENTRY_FIELDS(X)                                                   \
  X(org, Text, )                                                                       \
  X(seq, Int, = 0)              /* 1, 2, 3 ... within the org's chain */               \
  X(time, Text, )               /* ISO, "2026-03-01T09:00:00Z" */                      \
  X(actor, Text, )                                                                     \
  X(role, Text, )                                                                      \
  X(action, Text, )                                                                    \
  X(outcome, Text, )            /* "ok" or "refused" */                                \
  X(item_id, Int, = 0)                                                                 \
  X(workflow, Text, )                                                                  \
  X(workflow_version, Int, = 0)                                                        \
  X(from_state, Text, )                                                                \
  X(to_state, Text, )                                                                  \
  X(changes, Changes, )                                                                \
  X(item_version, Int, = 0)                                                            \
  X(reason, Text, )             /* for refusals: the refusal message; "" otherwise */  \
  X(prev_hash, Text, )          /* hash of entry seq-1, or 64 zeros for seq 1 */       \
  X(hash, Text, )

namespace audit_field {
using Text = std::string;
using Int = std::int64_t;
using Changes = std::vector<FieldChange>;
}  // namespace audit_field

// One entry of an organization's audit chain (docs/AUDIT.md gives the hashed form).
struct AuditEntry {
#define DOCKET_AUDIT_MEMBER(name, kind, init) audit_field::kind name init;
  DOCKET_AUDIT_ENTRY_FIELDS(DOCKET_AUDIT_MEMBER)
#undef DOCKET_AUDIT_MEMBER
};

// The number of fields.
#define DOCKET_AUDIT_COUNT(name, kind, init) +1
inline constexpr std::size_t kAuditFieldCount = 0 DOCKET_AUDIT_ENTRY_FIELDS(DOCKET_AUDIT_COUNT);
#undef DOCKET_AUDIT_COUNT

// The SQL column list, "org, seq, ..., hash", in declaration order.
#define DOCKET_AUDIT_COLUMN(name, kind, init) ", " #name
inline constexpr const char* kAuditColumns = &(DOCKET_AUDIT_ENTRY_FIELDS(DOCKET_AUDIT_COLUMN))[2];
#undef DOCKET_AUDIT_COLUMN

// Calls fn(name, member) for each field of `e` (const or not), in declaration order. Unrolled
// by the preprocessor: no loop, no table at run time.
template <typename Entry, typename Fn>
void ForEachAuditField(Entry& e, Fn&& fn) {
#define DOCKET_AUDIT_VISIT(name, kind, init) fn(std::string_view(#name), e.name);
  DOCKET_AUDIT_ENTRY_FIELDS(DOCKET_AUDIT_VISIT)
#undef DOCKET_AUDIT_VISIT
}

// A field as a key of the canonical JSON: its name and where it is (`text` for a Text
// field, `number` for an Int field, neither for the changes).
struct AuditFieldKey {
  std::string_view name;
  std::string AuditEntry::*text = nullptr;
  std::int64_t AuditEntry::*number = nullptr;
};

namespace audit_field {
constexpr AuditFieldKey KeyOf(std::string_view name, std::string AuditEntry::*m) { return {name, m, nullptr}; }
constexpr AuditFieldKey KeyOf(std::string_view name, std::int64_t AuditEntry::*m) { return {name, nullptr, m}; }
constexpr AuditFieldKey KeyOf(std::string_view name, std::vector<FieldChange> AuditEntry::*) { return {name}; }

constexpr std::array<AuditFieldKey, kAuditFieldCount> SortedKeys() {
#define DOCKET_AUDIT_KEY(name, kind, init) KeyOf(#name, &AuditEntry::name),
  std::array<AuditFieldKey, kAuditFieldCount> keys{DOCKET_AUDIT_ENTRY_FIELDS(DOCKET_AUDIT_KEY)};
#undef DOCKET_AUDIT_KEY
  for (std::size_t i = 1; i < keys.size(); ++i) {  // insertion sort: constexpr, 17 items
    for (std::size_t j = i; j > 0 && keys[j].name < keys[j - 1].name; --j) {
      const AuditFieldKey t = keys[j];
      keys[j] = keys[j - 1];
      keys[j - 1] = t;
    }
  }
  return keys;
}
}  // namespace audit_field

// The fields in the byte order of their names: the key order of the canonical JSON and of
// an export's entry line ("hash" included; the hashed text leaves it out).
inline constexpr std::array<AuditFieldKey, kAuditFieldCount> kAuditKeys = audit_field::SortedKeys();

// The position of `name` in kAuditKeys (kAuditFieldCount when it is not a field).
constexpr std::size_t AuditKeyIndex(std::string_view name) {
  for (std::size_t i = 0; i < kAuditKeys.size(); ++i) {
    if (kAuditKeys[i].name == name) return i;
  }
  return kAuditFieldCount;
}

// The literal `text` unchanged, for a writer or scanner that spells the canonical keys out:
// it must be key I of kAuditKeys as it appears in a canonical object, `{"name":` for the
// first key and `,"name":` for the others, or the program does not compile. So hand-unrolled
// code keeps the table's names and order (and a literal's length stays known to the
// compiler).
template <std::size_t I, std::size_t N>
consteval const char (&CanonicalKey(const char (&text)[N]))[N] {
  static_assert(I < kAuditFieldCount, "no such key");
  constexpr std::string_view name = kAuditKeys[I].name;
  const std::string_view t(text, N - 1);
  const bool ok = t.size() == name.size() + 4 && t[0] == (I == 0 ? '{' : ',') && t[1] == '"' &&
                  t.substr(2, name.size()) == name && t.substr(2 + name.size()) == "\":";
  if (!ok) throw "the literal is not the canonical key at this position of kAuditKeys";
  return text;
}

// The last entry of an organization's chain: what an export's header and a checkpoint
// name (seq 0 and hash "" for an empty chain).
struct AuditHead {
  std::int64_t seq = 0;
  std::string hash;
  std::string time;  // the last entry's, "" for an empty chain
};

// What the export needs to know of an entry written as an export line.
struct AuditLineInfo {
  std::int64_t seq = 0;
  std::string_view workflow;
  std::int64_t workflow_version = 0;
};

}  // namespace docket
