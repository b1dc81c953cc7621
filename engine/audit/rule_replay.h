// RuleReplay: whether the rules allowed what a chain records — `audit verify` on the
// database (app/proofs.cc) and on an export file (app/export_rules.cc) both run it after the
// chain's hashes, links and items have verified.
//
// Every "ok" entry of an item is decided again by the core (core/transition.h: Create,
// Apply, ImportRole — the functions `item act`, `item create` and `item import` decide
// with), on the definition version the entry names, at the entry's time, with:
//   - the actor's roles in the organization as the chain's configuration entries gave them
//     up to that entry ("roles.PERSON", core/config_fields.h), and the roles above it from
//     RuleSources::roles_above;
//   - the item as the chain's earlier entries replay it (audit/replay.h), its children,
//     referenced items and the organization's other items as replayed, its accepted
//     history, and the bodies, tables and calendar the chain's configuration records;
//   - the fields the entry changed that its action lets a person set, as submitted.
// The core must accept, arriving at the entry's state, role and changes. "refused" entries
// are not judged (the world may have differed), nor are configuration entries.
// Entries by the engine (role "system") are judged too: a creation must be one that the
// entries just before it spawned (a spawn effect) or that a semester's end opens (the
// calendar's on_semester_end); a transition must be one a timer of the state takes; a
// "timer:NAME:KIND" entry must name a timer of the state and change nothing.
// Every entry by the engine acting on its own (actor "system": what `tick` wrote, refused
// firings and spawned children included) must record who ran the tick ("$run_by",
// core/item.h), and that person must have been an administrator of the whole installation
// at the entry's time: the role admin in an organization without a parent, as the chains'
// configuration entries give it (RuleSources::administrator). An "os:NAME" (the database
// file's owner) is not in any chain and is not judged; no other entry may carry the mark.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "audit/entry.h"
#include "audit/replay.h"
#include "core/definition.h"
#include "core/item.h"
#include "core/org.h"
#include "core/status.h"
#include "core/timer.h"

namespace docket {

struct RuleSources {
  // The definition of `workflow` at `version`, parsed.
  std::function<Result<std::shared_ptr<const Definition>>(const std::string& workflow, std::int64_t version)> definitions;
  // The roles `person` held at `time` in organization `parent` and in those above it, as
  // their own chains record them; nullopt when they cannot be known (an export file holds
  // one chain). Unset: never known.
  std::function<std::optional<std::vector<std::string>>(const std::string& parent, const std::string& person,
                                                        TimePoint time)>
      roles_above;
  // Whether `person` was an administrator of the whole installation at `time`, by the
  // configuration entries of every chain; nullopt when it cannot be known. Unset: known
  // from this chain alone (its organization without a parent, the person admin in it), and
  // otherwise not known (an export file holds one chain).
  std::function<std::optional<bool>(const std::string& person, TimePoint time)> administrator;
  RoleLabels role_labels;  // the names refusals show roles by
  // The time zone named `name` (app/time_zones.h), for $today on the clock of the
  // organization ("time_zone" of its configuration, Beijing time when it names none).
  // Unset: UTC.
  std::function<Result<TimeZone>(const std::string& name)> zones;
};

class RuleReplay {
 public:
  explicit RuleReplay(RuleSources sources) : sources_(std::move(sources)) {}

  // Judges `e` (the next entry of one organization's chain), then replays it. Integrity
  // "the rules do not allow it: <the refusal>" (or what differs from what the rules give)
  // when an "ok" entry is not what the core decides; the replay's own Integrity; the
  // definition source's error. The message does not name the entry: the caller adds it.
  Status Apply(const AuditEntry& e);

  // Entries not wholly judged: the actor's roles above the organization are not known (an
  // export file holds one chain), who ran a tick is the file's owner or not known, or the chain does not hold its organization's creation
  // (stored other than by a load) and so not the roles it never changed or the bodies,
  // tables and calendar. An action such a role may take was judged as if the actor held it;
  // a condition that refused on such a chain is not held against it.
  std::int64_t unjudged() const { return unjudged_; }

 private:
  Status Judge(const AuditEntry& e);
  Status JudgeRunBy(const AuditEntry& e);
  // "$via" (core/item.h kViaField): at most once, [null, "session:ID" | "token:ID"], on an
  // entry by a person.
  Status JudgeVia(const AuditEntry& e);
  Result<ItemFacts> Facts(const Definition& def, const Item& item, const FieldMap& fields);
  Result<std::shared_ptr<const Definition>> Def(const std::string& workflow, std::int64_t version);

  RuleSources sources_;
  AuditReplay replay_;
  std::map<std::pair<std::string, std::int64_t>, std::shared_ptr<const Definition>> defs_;
  std::map<std::int64_t, std::vector<std::int64_t>> children_;  // parent -> children, by creation
  std::map<std::int64_t, std::vector<HistoryFact>> history_;   // item -> its accepted entries
  std::multiset<std::string> spawned_;  // workflows the last action spawned, not yet created
  std::shared_ptr<const Calendar> calendar_;  // from the configuration; reset when it changes
  std::shared_ptr<const TimeZone> zone_;      // the organization's, read by the zone's name
  std::string zone_name_;
  std::int64_t unjudged_ = 0;
};

}  // namespace docket
