// What a definition's conditions need to know beyond the item, so that the application
// gathers only that: an item's history grows with every action on it, and an
// organization may have thousands of people. Stated beside the evaluator (condition.cc),
// which reads exactly these facts: a new condition kind that reads a new fact is added to
// both.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/definition.h"

namespace docket {

struct ConditionNeeds {
  bool children = false;  // children_terminal
  bool refs = false;      // ref_state, or an operand {ref:, field:}
  bool history = false;   // distinct_actor, actors_not_listed, some deadlines (ReadsHistory)
  bool bodies = false;
  bool calendar = false;  // a deadline (its timer may count from a semester's end)
  bool zone = false;      // the org's clock: $today (a compare, a set effect, a spawned field), next_after, none_open
  std::set<std::string> tables;
  std::set<std::string> org_items;  // workflows whose items of the org are read (next_after, none_open)
  // workflow -> the fields of those items the conditions read (next_after's `field` and
  // `where`, none_open's `field`); their id and state are read too, nothing else.
  std::map<std::string, std::set<std::string>> org_item_fields;
  // role -> the fields whose persons' roles are read: ballots (last_of_role) and person
  // fields (role with field)
  std::map<std::string, std::set<std::string>> role_ballots;
};

// The conditions facts are gathered for: the transitions', creation's and refusing checks'
// (acting), or, with `for_checks`, the checks that apply in `state` (findings).
std::vector<const Condition*> ConditionsOf(const Definition& def, bool for_checks, const std::string& state);

// The fields of the item itself that `c` reads (its operands' too): a person field, a
// ballot, an operand's field, the item field an operand or next_after refers through.
// Fields of other items (a ref's field, next_after's `field`) are not among them.
std::set<std::string> FieldsRead(const Condition& c);

// What those conditions read, for an item in `state` with `fields`.
ConditionNeeds NeedsOf(const Definition& def, bool for_checks, const std::string& state, const FieldMap& fields);

}  // namespace docket
