// Rules a definition states about fields rather than states: a default effect fills a field
// the actor left empty (a topic's attendance defaults to its meeting's), and a field marked
// `once` keeps the value the first action recorded (a meeting's attendance). Used by
// core/transition.cc on every transition, creation included.
#pragma once

#include "core/definition.h"
#include "core/item.h"
#include "core/status.h"

namespace docket {

// Applies `t`'s default effects to `fields` (the fields after the actor's changes and the
// set effects): each field with no value is copied from its operand — a field of this item,
// or of the item a field references (from `facts.refs`); left empty when that has none.
void ApplyDefaults(const TransitionDef& t, const ItemFacts& facts, FieldMap* fields);

// Refused when `after` changes or clears a field marked `once` that had a value `before`.
Status KeepOnceFields(const Definition& def, const TransitionDef& t, const FieldMap& before, const FieldMap& after);

}  // namespace docket
