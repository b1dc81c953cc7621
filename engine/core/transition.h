// The engine's core: deciding on an action is a pure function.
//
// Given a definition, an item, a request (action, actor, submitted fields, now) and the
// facts around the item, Apply returns the new item and the audit record of the change,
// or a refusal Status that says in words what was wrong:
//   Invalid   - an unknown field, a field this action may not set, a bad value, a missing
//               required field;
//   Forbidden - the actor holds none of the roles the transition allows;
//   Refused   - no such action from the current state, a condition does not hold, or the
//               item would be left breaking a refusing check (CheckDef::refuse) of its
//               new state that it did not already break there.
// No I/O, no clock, no globals: the same arguments always give the same answer.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/definition.h"
#include "core/item.h"
#include "core/status.h"

namespace docket {

struct Request {
  std::string action;  // a transition name, or "create"
  Actor actor;
  FieldMap submitted;  // canonical values (already parsed), null clears a field
  TimePoint now{};
};

struct FieldChange {
  std::string field;
  Value before;
  Value after;
};

// The change that records an item's parent in its creation entry (kParentField, core/item.h).
inline FieldChange ParentChange(std::int64_t parent) { return {kParentField, Value(), Value(parent)}; }

// What happened, for the audit log. The store adds the chain (sequence, hashes, org).
struct ActionRecord {
  std::string action;
  std::string actor;
  std::string role;  // the role the actor acted in ("" for refusals, "system" for the engine)
  std::string from_state;
  std::string to_state;
  std::vector<FieldChange> changes;
  std::int64_t item_version = 0;
  TimePoint time{};
};

// A child item the action asks to create (a spawn effect). Values taken from the parent
// are already typed; literal texts still need parsing against the child's definition,
// which the caller holds.
struct SpawnRequest {
  std::string workflow;
  FieldMap values;
  std::vector<std::pair<std::string, std::string>> texts;
};

struct Outcome {
  Item item;
  ActionRecord record;
  std::vector<SpawnRequest> spawns;  // in effect order; the caller creates them as children
};

// Creates a new item of `def` in `org` (the definition's `create` transition); `facts` are
// those its conditions and refusing checks read (an item with no history, children or id).
Result<Outcome> Create(const Definition& def, const std::string& org, const Request& req,
                       const ItemFacts& facts = {});

// Whether `actor` holds a role `t` allows, in the item's organization or above it (the
// engine itself always does). Apply checks it first; a page asks it to offer the action.
bool HoldsRoleFor(const TransitionDef& t, const Actor& actor);

// Applies `req.action` to `item`.
Result<Outcome> Apply(const Definition& def, const Item& item, const Request& req,
                      const ItemFacts& facts);

// Whether `req.action` on `item` would go through, judged before the person types anything
// (a page offers the action, app ItemUseCases::ActionsFor): the same path as Apply — roles,
// effects, conditions, refusing checks — with `req.submitted` ignored and the fields the
// action requires or sets not known yet: a missing one is no refusal, and a condition that
// reads one holds until the action is taken. Ok, or the refusal Apply would give, in its words.
Status Judge(const Definition& def, const Item& item, const Request& req, const ItemFacts& facts);

// The item ids that fields of type item reference, so the caller can gather RefFacts.
// The reason of a refusal that Apply or Create made ("action 'adopt' refused: <why>"), for a
// reader that shows the action beside it (the history); nullptr for any other message.
const Msg* RefusalWhy(const Msg& msg);

// Who may import records from before Docket into `org` (`docket item import`, app/import.h):
// its secretary or clerk (held in `org` itself). The role the actor imports in, or
// Forbidden naming `org`.
Result<std::string> ImportRole(const Actor& actor, const std::string& org);

std::vector<std::int64_t> ReferencedItems(const Definition& def, const FieldMap& fields);

}  // namespace docket
