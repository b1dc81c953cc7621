// The state of one workflow parse, shared by workflow_loader.cc (the document, fields,
// states, transitions) and condition_parser.cc (conditions and effects). Internal.
//
// Fields and states are read before any transition, and every transition name is collected
// before any condition, so that a reference can be checked where it is written and the
// error points at it. Conditions are bounded in depth (kMaxConditionDepth) and in number
// (kMaxConditions, which also defeats YAML alias bombs) so no input can exhaust the stack.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "core/definition.h"
#include "definition/yaml_reader.h"

namespace docket::detail {

inline constexpr int kMaxConditionDepth = 32;
inline constexpr int kMaxConditions = 10000;

struct WorkflowParse {
  YamlReader& reader;
  Definition& def;
  std::set<std::string> transition_names;
  int conditions_read = 0;
  bool condition_budget_reported = false;
};

// A `when:` value: one condition, or a list of conditions meaning all of them.
std::optional<Condition> ParseWhen(WorkflowParse& p, const YAML::Node& n, int depth);
// One condition mapping (exactly one kind key, plus optional rule and message).
std::optional<Condition> ParseCondition(WorkflowParse& p, const YAML::Node& n, int depth);
// One effect: {set: FIELD, value: X} or {spawn: WORKFLOW, for_each: LIST_FIELD, fields: {...}}.
std::optional<Effect> ParseEffect(WorkflowParse& p, const YAML::Node& n);

// The `timers:` of every state in the `states:` mapping `states` (timer_parser.cc). Runs
// after the transitions are read, since a ladder step may take one.
void ReadTimers(WorkflowParse& p, const YAML::Node& states);

// The value of `key` in `m`; reports "<what> needs '<key>'" at `at` and returns nullptr
// when it is missing.
const YAML::Node* Need(WorkflowParse& p, const MapView& m, const YAML::Node& at, const char* key, const Msg& what);

// "<what> names unknown field 'name'" (state, transition): what the parser and lint report.
Msg UnknownField(const Msg& what, const std::string& name);
Msg UnknownState(const Msg& what, const std::string& name);
Msg UnknownTransition(const Msg& what, const std::string& name);
// "<what> 'f' must be of type <type>, not <f's type>".
Msg NotOfType(const Msg& what, const FieldDef& f, const char* type);

// The field named by `n`, checked to exist; nullptr after an error otherwise.
const FieldDef* ReadFieldRef(WorkflowParse& p, const YAML::Node& n, const Msg& what);

// The field named by `key` in `m`, required, checked by `ok_type` (e.g. PersonsType);
// nullptr after an error. `type_text` says what it must be, for the message.
const FieldDef* TypedField(WorkflowParse& p, const MapView& m, const YAML::Node& at, const char* key,
                           const Msg& kind, bool (*ok_type)(const FieldDef&), const Msg& type_text);
bool PersonsType(const FieldDef& f);     // a person, a list of person, or a ballot
bool PersonListType(const FieldDef& f);  // a list of person
bool BallotType(const FieldDef& f);      // a ballot
// A choice of the ballot field `f` (when it is one), checked against its values.
bool ReadChoice(WorkflowParse& p, const YAML::Node& n, const FieldDef* f, const Msg& what,
                std::string* out);

// Conditions of the rules of procedure (condition_governance_parser.cc):
//   quorum: {present: LIST, body: OPERAND, more_than|at_least: "N/D"}
//   majority: {ballot: B, choice: C, body: OPERAND, base: members|present|cast, present: LIST, ...}
//   member_of: {body: OPERAND}
//   not_listed: {field: F, choice: C}
//   ballot_excludes: {ballot: B, persons: LIST, allow: C}
//   last_of_role: {ballot: B, role: ROLE}
//   written_opinion: {ballot: B, choice: C, present: LIST, by: TRANSITION, since: TRANSITION}
bool ReadQuorum(WorkflowParse& p, const YAML::Node& n, Condition* c);
bool ReadMajority(WorkflowParse& p, const YAML::Node& n, Condition* c);
bool ReadMemberOf(WorkflowParse& p, const YAML::Node& n, Condition* c);
bool ReadNotListed(WorkflowParse& p, const YAML::Node& n, Condition* c);
bool ReadBallotExcludes(WorkflowParse& p, const YAML::Node& n, Condition* c);
bool ReadLastOfRole(WorkflowParse& p, const YAML::Node& n, Condition* c);
bool ReadWrittenOpinion(WorkflowParse& p, const YAML::Node& n, Condition* c);

// Conditions on the record over time (condition_record_parser.cc):
//   deadline: TIMER | {timer: TIMER, done: FIELD}
//   actors_not_listed: {field: F, choice: C, actions: [TRANSITION, ...]}
// The timer is checked by lint (timers are read after the conditions).
bool ReadDeadline(WorkflowParse& p, const YAML::Node& n, Condition* c);
bool ReadActorsNotListed(WorkflowParse& p, const YAML::Node& n, Condition* c);
// A compare value "$now" or "$today", with an optional offset ("$today-30d"), on the date or
// datetime field `f`: sets c->moment and returns true (after an error, c->moment stays
// kNone). Returns false, touching nothing, for any other text.
bool ReadMoment(WorkflowParse& p, const YAML::Node& n, const FieldDef& f, Condition* c);

// {field: F} | {ref: ITEM_FIELD, field: F} | {value: X} (condition_parser.cc).
std::optional<Operand> ReadOperand(WorkflowParse& p, const YAML::Node& n, const Msg& what);

// Conditions on person lists (condition_persons_parser.cc):
//   keeps: FIELD                          (a list field that may only grow)
//   subset: {field: F, of: OPERAND}       (every person in F is in the list OPERAND names)
bool ReadKeeps(WorkflowParse& p, const YAML::Node& n, Condition* c);
//   disjoint: {field: F, from: OPERAND}   (no person in F is in the list OPERAND names)
bool ReadSubset(WorkflowParse& p, const YAML::Node& n, Condition* c);
bool ReadDisjoint(WorkflowParse& p, const YAML::Node& n, Condition* c);

// Conditions on the organization's other items (condition_org_parser.cc):
//   next_after: {ref: ITEM_FIELD, field: F, after: TIME_FIELD, where: {field: G, value: V}}
//   none_open: {workflow: W, states: [S, ...], field: F, before: TIME_FIELD}
bool ReadNextAfter(WorkflowParse& p, const YAML::Node& n, Condition* c);
bool ReadNoneOpen(WorkflowParse& p, const YAML::Node& n, Condition* c);

// The `checks:` list (check_parser.cc). Runs last: checks name states, fields and timers.
void ReadChecks(WorkflowParse& p, const YAML::Node& n);
// What the parser and lint say of a check's name given twice and of a bad severity.
Msg TwoChecksNamed(const std::string& name);
Msg BadCheckSeverity(const Msg& what, const std::string& severity);

}  // namespace docket::detail
