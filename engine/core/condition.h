// Evaluation of declarative conditions (definition.h) against an item and its facts.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "core/definition.h"
#include "core/item.h"
#include "core/message.h"

namespace docket {

struct ConditionContext {
  const Definition& def;
  const FieldMap& fields;  // the item's fields as they would be after the action
  const Actor& actor;
  const ItemFacts& facts;
  TimePoint now{};             // the moment of evaluation: $now/$today in compare, deadline
  const Item* item = nullptr;  // the item as stored (its state, created_at): deadline
  // Fields whose values are not known yet (a dry run before the person types them,
  // core/transition.h Judge): a condition that reads one holds for now — it is checked
  // when the action is taken. nullptr: every field is known.
  const std::set<std::string>* unknown = nullptr;
  // The transition whose `when` is judged (nullptr for a check): distinct_actor says a
  // person takes it once when it names that very transition.
  const std::string* action = nullptr;
};

// Returns nullopt when `c` holds (or reads a field of `ctx.unknown`), otherwise a sentence saying what failed and why, prefixed
// with the rule id when the condition names one ("R1: ...").
std::optional<Msg> Evaluate(const Condition& c, const ConditionContext& ctx);

// A rule's refusal: "R4: <the rule's message in the reader's language> [<why>]", each part
// only when given.
Msg RuleMessage(const std::string& rule, const Labels& message, Msg why);

// The rule a message names through RuleMessage ("R12" of "R12: ..."), the outermost one
// when several nest; "" when it names none.
std::string RuleOf(const Msg& msg);

// The rule's own words in a refusal: "R8: <the workflow author's message>" (or the message
// alone when no rule is named) of the outermost condition or check that gives one, without
// the engine's account of what it found; nullopt when none gives a message. What a page shows
// first, the whole refusal behind it.
std::optional<Msg> RuleWords(const Msg& msg);

// What `c` requires, e.g. "amount >= 100000.00" (core/condition_text.cc). With `def`, the
// item's fields and their values are named by their labels in other languages than English.
Msg Describe(const Condition& c, const Definition* def = nullptr);

// Whether evaluating `c` on an item of `def` in `state` with `fields` reads the item's
// history (ItemFacts::history, actors_by_transition), so that the caller gathers it only
// then: distinct_actor always; actors_not_listed when its field lists someone; a deadline
// when it must know when the item entered or left the timer's states.
bool ReadsHistory(const Condition& c, const Definition& def, const std::string& state, const FieldMap& fields);

}  // namespace docket
