// Conditions about who is listed where, evaluated for condition.cc (internal): a person
// list that may only grow (keeps), a list inside another (subset), and a role held by the
// person a field names rather than by the actor (role with field). They read
// ConditionContext::item (the item before the action) and ItemFacts::refs and ::role_holders.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "core/condition.h"

namespace docket::detail {

// The person ids in `v`: a person, or a list of persons.
std::set<std::string> PersonsIn(const Value& v);

// keeps: every element `c.field` held in the stored item (ConditionContext::item) is still
// in it. Holds when there is no stored item (a creation) or no earlier value.
std::optional<Msg> EvaluateKeeps(const Condition& c, const ConditionContext& ctx);

// subset: every person in `c.field` is in the list that `c.expected` names (a field of this
// item, or {ref:, field:} of the item a field references). Holds when `c.field` is empty.
std::optional<Msg> EvaluateSubset(const Condition& c, const ConditionContext& ctx);
// disjoint: no person in `c.field` (or the list `c.subject` names) is in the list `c.expected`
// names, nor in one of `c.also`; the refusal names each person in both.
std::optional<Msg> EvaluateDisjoint(const Condition& c, const ConditionContext& ctx);

// role with `c.field`: the person that field names holds one of `c.roles` in the item's
// organization (ItemFacts::role_holders). Fails when the field is empty.
std::optional<Msg> EvaluatePersonRole(const Condition& c, const ConditionContext& ctx);

}  // namespace docket::detail
