// Conditions about the other items of the item's organization, evaluated for condition.cc
// (internal): that a referenced item is the first of its kind after a moment of this one
// (next_after: the next Party organization meeting after a temporary action), and that no
// item of a workflow is still open from before a moment of this one (none_open: a meeting is
// archived only when the temporary actions taken before it are explained). They read
// ItemFacts::org_items, which the application fills in for the workflows named.
#pragma once

#include <optional>
#include <string>

#include "core/condition.h"

namespace docket::detail {

// next_after: of the org's items of `c.workflow` whose `c.where_field` equals `c.where_value`
// (every one when no where is given) and whose datetime `c.field` is strictly later than
// this item's `c.after`, the one with the earliest `c.field` is the item `c.ref` names.
// Fails when `c.after` or `c.ref` is empty or there is no such item.
std::optional<Msg> EvaluateNextAfter(const Condition& c, const ConditionContext& ctx);

// none_open: no item of the org of `c.workflow` in one of `c.states` has a datetime
// `c.field` strictly earlier than this item's `c.before`. Holds while `c.before` is empty.
std::optional<Msg> EvaluateNoneOpen(const Condition& c, const ConditionContext& ctx);

}  // namespace docket::detail
