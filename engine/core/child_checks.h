// A new child is one more fact about its parent: a parent whose refusing checks read its
// children (children_terminal: a decision executed or closed only when its tasks are done,
// R12) must not be given an open child that breaks one of them. Used by the application for
// items created under a parent (`item create --parent`) and for spawned children.
#pragma once

#include "core/definition.h"
#include "core/item.h"
#include "core/status.h"

namespace docket {

// Whether a refusing check of `parent_def` that applies in the parent's state reads its
// children, so that the caller gathers the parent's facts only then.
bool ChecksReadChildren(const Definition& parent_def, const std::string& parent_state);

// Refused when adding `child` to the children in `facts` makes the parent break a refusing
// check that applies in its state and held before: the refusal names the rule, the check
// and what it found. `facts` are the parent's, as for its checks.
Status AdmitChild(const Definition& parent_def, const Item& parent, ItemFacts facts, const ChildFact& child,
                  TimePoint now);

}  // namespace docket
