// Item: one running instance of a workflow in one organization, and what the core needs
// to know about its surroundings (ItemFacts) to decide on an action.
//
// The core never fetches anything: the application layer reads the facts from the store
// and hands them in, which keeps Apply() a pure function of its arguments.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/digest.h"
#include "core/org.h"
#include "core/status.h"
#include "core/time_zone.h"
#include "core/value.h"

namespace docket {

struct Item {
  std::int64_t id = 0;  // 0 until stored
  std::string org;
  std::string workflow;
  std::int64_t workflow_version = 0;
  std::string state;
  FieldMap fields;
  std::optional<std::int64_t> parent;
  std::int64_t version = 0;  // 1 after creation, +1 per successful action
  TimePoint created_at{};
  TimePoint updated_at{};
};

// An imported record (`docket item import`, app/import.h): a record a school kept before
// Docket, brought in by an audited import. Its creation entry's action is kImportAction, and
// it carries two fields that no workflow can declare (a workflow's field ids are
// [a-z][a-z0-9_-]*), set by that entry and by no other: the source note (where the record
// was kept, e.g. 会议记录本第3册第12页) and the date it was originally recorded (YYYY-MM-DD).
inline constexpr const char* kImportAction = "import";
inline constexpr const char* kImportedField = "$imported";
inline constexpr const char* kRecordedOnField = "$recorded_on";
// Whether a field name is one of those two.
inline bool IsImportField(const std::string& name) { return name == kImportedField || name == kRecordedOnField; }
// The parent of an item created under another (a child, a spawned item): its creation entry
// records it as the change "$parent" [null, PARENT_ID], which no other entry may carry, so
// the audit log fixes who is whose child (docs/AUDIT.md, "Parents"). Like the import marks,
// the name cannot be a workflow field's; unlike them, it is not kept among the item's fields.
inline constexpr const char* kParentField = "$parent";
// A step the engine took on its own (a timer's ladder step, an item opened at a semester's
// end, app/timers.h) is recorded by the entry it wrote: the change "$firing" [null, KEY]
// (KEY the timer_firings key) and, when it told people, "$told" [null, [PERSON, ...]] (the
// notifications it sent). Neither is kept among the item's fields.
inline constexpr const char* kFiringField = "$firing";
inline constexpr const char* kToldField = "$told";
// The actor of every entry `tick` writes: the engine acting on its own.
inline constexpr const char* kEngineActor = "system";
// Who ran the tick: every entry `tick` writes (a firing, a refused firing, an item opened at
// a semester's end, and each child their actions spawn) records the administrator who ran
// it as the change "$run_by" [null, PERSON] — a person, "os:NAME" for the operating-system
// user who owns the database file, or "" on a simulation run by no one named
// (AppContext::Administrator). The actor stays kEngineActor: the engine acted, the person ran it.
inline constexpr const char* kRunByField = "$run_by";
// How the actor of a person's entry was established: the change "$via" [null, HOW], HOW
// "session:ID" (ID the first 16 hex digits of the session's hash) or "token:ID" (the API
// token's id) through the server (app/accounts.h), or "os:NAME" (kOsUserPrefix) for the
// operating-system user who ran the command line.
inline constexpr const char* kViaField = "$via";
inline constexpr const char* kViaSession = "session:";
inline constexpr const char* kViaToken = "token:";
// Whether a field name is one of the marks the engine records beside an item's fields
// ("$parent", "$firing", "$told", "$run_by", "$via"): what an entry says of the item, not
// what its action set.
inline bool IsEngineMark(const std::string& name) {
  return name == kParentField || name == kFiringField || name == kToldField || name == kRunByField ||
         name == kViaField;
}
// Whether `item` came in by an import.
inline bool IsImported(const Item& item) { return item.fields.count(kImportedField) > 0; }

// The person acting, with the roles they hold where it matters.
struct Actor {
  std::string id;
  std::vector<std::string> roles;        // roles in the item's organization
  std::vector<std::string> roles_above;  // roles in any organization above it
  bool system = false;                   // the engine itself (timers); not subject to roles
};

struct ChildFact {
  std::int64_t id = 0;
  std::string workflow;
  std::string state;
  bool terminal = false;
};

struct RefFact {
  std::string workflow;
  std::string state;
  FieldMap fields = {};  // the referenced item's fields (conditions read them as {ref:, field:})
};

// One accepted action of the item's audit history: who moved it from where to where, when.
struct HistoryFact {
  TimePoint time{};
  std::string actor;
  std::string action;      // a transition, "create", or a timer's "timer:NAME:..."
  std::string from_state;  // "" for the creation
  std::string to_state;
};

struct Calendar;  // core/timer.h

// A named table (e.g. a decision-matter list: category -> deciding body), loaded by the
// administrator and read by lookup conditions.
using LookupTable = std::map<std::string, std::string>;

// Another item of the same organization (next_after, none_open read them).
struct OrgItemFact {
  std::int64_t id = 0;
  std::string state;
  FieldMap fields;
};

struct ItemFacts {
  std::vector<ChildFact> children;
  std::map<std::int64_t, RefFact> refs;  // referenced item id -> its workflow, state, fields
  std::map<std::string, std::set<std::string>> actors_by_transition;  // who took each transition
  // Filled only when a condition of the definition needs them:
  std::map<std::string, Body> bodies;                         // the item's org's bodies by id
  std::map<std::string, std::set<std::string>> role_holders;  // role -> holders in the item's org
  std::map<std::string, LookupTable> tables;                  // the tables lookups name
  std::map<std::string, std::vector<OrgItemFact>> org_items;  // workflow -> the org's items of it
  // $report: the content hash of the report derived for this item, filled only for an
  // action with a {set: F, value: $report} effect (docs/REPORTS.md).
  std::optional<std::string> report_hash;
  // {sha256_of: F}: the hash seam (core/digest.h); the application and the rule replay pass
  // audit's SHA-256. Null: an action with such an effect is not decided (Internal).
  const TextDigest* digest = nullptr;
  std::vector<HistoryFact> history;  // accepted actions, oldest first (deadline, actors_not_listed)
  std::shared_ptr<const Calendar> calendar;  // deadlines counted from a semester's end
  // The clock of the item's organization (core/org.h time_zone): the date $today stands for,
  // and the day a bare date means in next_after and none_open. Null: UTC. Filled only when
  // the definition needs it (ConditionNeeds::zone).
  std::shared_ptr<const TimeZone> zone;
  RoleLabels role_labels;  // the names refusals show roles by (core/org.h); ids where empty
};

// The clock $today reads for an item: its organization's zone when gathered, else UTC.
inline const TimeZone& ItemZone(const ItemFacts& facts) { return facts.zone ? *facts.zone : UtcZone(); }

// The items of `ids` that exist, in that order, each read by `get` (id -> Result<Item>): an
// id NotFound is left out, any other failure returned. What a store or a report source reads
// when it has no read for many ids at once.
template <typename Get>
Result<std::vector<Item>> ExistingItems(const std::vector<std::int64_t>& ids, Get&& get) {
  std::vector<Item> out;
  for (std::int64_t id : ids) {
    Result<Item> item = get(id);
    if (item.ok()) {
      out.push_back(std::move(item).value());
    } else if (item.status().code() != Code::kNotFound) {
      return item.status();
    }
  }
  return out;
}

}  // namespace docket
