// Definition: a workflow as data — fields, states, transitions, conditions, effects.
//
// Built by engine/definition from YAML (or by tests directly) and never changed afterwards.
// Every node keeps the SourcePos it came from so that lint and refusals can point at it.
// Invariants of a definition that engine/definition's loader accepted (or that LintWorkflow
// finds no error in): exactly one initial state, at least one terminal state, every
// state/field/transition name referenced exists.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/labels.h"
#include "core/value.h"

namespace docket {

struct SourcePos {
  int line = 0;    // 1-based; 0 = unknown
  int column = 0;  // 1-based
};

enum class FieldType {
  kText, kInteger, kNumber, kMoney, kDate, kDateTime, kEnum, kBool, kPerson, kItem, kList,
  kBallot,  // an ordered list of (person, choice) positions; choices from `values`
};

struct FieldDef {
  std::string name;
  FieldType type = FieldType::kText;
  FieldType element = FieldType::kText;  // for kList: the type of each element
  std::vector<std::string> values;       // for kEnum, a list of enum, kBallot: the allowed values
  std::map<std::string, Labels> value_labels;  // those of `values` that Definition::value_labels labels
  std::string workflow;                  // for kItem: the workflow the reference must be of ("" = any)
  // once: the first action that gives the field a value records it; no later action or
  // effect may change or clear it (a meeting's attendance). core/transition.cc refuses.
  bool once = false;
  // negative: a money field (or list of money) whose amounts may carry a sign ("-5.00", a
  // refund); without it money is digits with at most two decimals, no sign.
  bool negative = false;
  Labels labels;
  SourcePos pos;
};

// When a timer of a state is due (core/timer.h computes it): a date or datetime field of
// the item, the time the item entered the state, or the end of a semester of the calendar,
// plus an offset.
struct TimerDue {
  enum class Base { kEntered, kField, kSemesterEnd };
  Base base = Base::kEntered;
  std::string field;                 // kField: a date or datetime field
  std::int64_t offset_seconds = 0;   // added to the base
  std::int64_t offset_school_days = 0;  // or, written "+5sd": school days added (core/timer.h)
  std::string text;                  // as written, for messages
  SourcePos pos;
};

// One rung of a timer's ladder: at `at_seconds` from the due time, tell people or act.
struct LadderStep {
  enum class Do { kNotify, kEscalate, kTransition };
  Do what = Do::kNotify;
  std::int64_t at_seconds = 0;     // relative to the due time: -2d = 2 days before
  std::vector<std::string> roles;  // notify: holders in the item's org; escalate: above it
  std::string owner;               // a person field whose person is told too ("" = none)
  std::string action;              // kTransition: the transition the engine takes
  Labels message;
  SourcePos pos;
  std::int64_t at_school_days = 0;  // or, written "-2sd": school days from the due time
};

// A named deadline of a state; it runs while the item stays in that state.
struct TimerDef {
  std::string name;
  TimerDue due;
  std::string semester_field;  // kSemesterEnd: a text field naming the semester ("" = by date)
  std::vector<LadderStep> ladder;
  SourcePos pos;
  // `on_holiday`: where a due time that falls on a day without school moves (core/timer.h).
  enum class OnHoliday { kKeep, kNextSchoolDay, kPreviousSchoolDay };
  OnHoliday on_holiday = OnHoliday::kKeep;
  // `skip: holiday_weeks`: a due time whose 7 days before hold no whole school day moves a
  // week later, until they do (core/timer.h).
  bool skip_holiday_weeks = false;
};

struct StateDef {
  std::string name;
  Labels labels;
  bool initial = false;
  bool terminal = false;
  std::vector<TimerDef> timers;
  SourcePos pos;
};

enum class CompareOp { kEquals, kNotEquals, kIn, kNotIn, kLess, kLessEq, kGreater, kGreaterEq };
enum class RoleScope { kOrg, kAbove };

// Where a condition reads a value: a field of this item, a field of the item that an item
// field of this one references, or a literal written in the workflow.
struct Operand {
  enum class Source { kField, kRef, kValue };
  Source source = Source::kField;
  std::string field;  // kField, kRef: the field read
  std::string ref;    // kRef: the item field of this item naming the other item
  std::string value;  // kValue
  SourcePos pos;
};

// A share that a count must exceed (more_than: "1/2") or reach (at_least: "2/3").
struct Threshold {
  std::int64_t num = 1;
  std::int64_t den = 2;
  bool strict = true;  // more_than; false = at_least
};

// What a majority is counted against: every member of the body (应到会), the members
// present, or the members who stated a position.
enum class MajorityBase { kMembers, kPresent, kCast };

// One declarative condition. The set of kinds is closed: the linter and an auditor can read
// every one of them. New kinds (quorum, majority, recusal, ...) are added as new enumerators
// with their own fields, their evaluation in condition.cc and their facts in ItemFacts.
struct Condition {
  enum class Kind {
    kAll,               // every operand holds
    kAny,               // at least one operand holds
    kNot,               // the single operand does not hold
    kPresent,           // `field` has a non-null value
    kCompare,           // `field` op `values`
    kRole,              // the actor holds one of `roles` in the item's org (or above it)
    kDistinctActor,     // the actor did not take transition `transition` on this item
    kChildrenTerminal,  // every child (of `workflow`, if set) is in a terminal state
    kRefInState,        // the item referenced by `field` is in one of `states`
    kQuorum,            // enough members of `body` are in the person list `present`
    kMajority,          // enough positions `choice` in `ballot`, against `base`
    kNotListed,         // the actor is not in `field` (a person list, or `choice` in a ballot)
    kBallotExcludes,    // the persons in `present` hold no position in `ballot` but `choice`
    kLastOfRole,        // holders of roles[0] who took a position in `ballot` took it last
    kLookup,            // table `table` maps `key` to the value of `expected`
    kDeadline,          // done before the due time of the workflow's timer `timer`
    kActorsNotListed,   // no person in `field` took any of `actions` (any action) on the item
    kKeeps,             // the list `field` still holds every element it held before the action
    kSubset,            // every person in the list `field` is in the list `expected` names
    kNextAfter,         // the item `ref` names is the org's first of its workflow (matching
                        // `where_field` = `where_value`) whose `field` is later than `after`
    kNoneOpen,          // no item of the org of `workflow` in `states` has `field` earlier
                        // than this item's `before`
    kMemberOf,          // the actor is a (voting) member of `body` in the item's organization
    kWrittenOpinion,    // each person whose position in `ballot` is `choice` is not in the
                        // person list `present` and took `transition` since the last `since`
    kDisjoint,          // no person in the list `field` is in the list `expected` names (nor
                        // in `also`): a topic's recused members are not present for it
  };
  Kind kind = Kind::kAll;
  std::vector<Condition> operands;
  std::string field;
  CompareOp op = CompareOp::kEquals;
  std::vector<Value> values;  // compare operands, already typed for `field`
  std::vector<std::string> roles;  // role: held by the actor, or with `field` set by the person
                                   // that person field names (last_of_role: roles[0])
  RoleScope scope = RoleScope::kOrg;
  std::string transition;
  std::string workflow;
  std::vector<std::string> states;
  // quorum, majority, not_listed, ballot_excludes, last_of_role, lookup:
  Operand body;                 // quorum, majority, member_of: the body whose members count
  std::string present;          // quorum, majority (base present): a person list field;
                                // ballot_excludes: the persons (a person list field)
  std::string ballot;           // majority, ballot_excludes, last_of_role: a ballot field
  std::string choice;           // majority: the choice counted; not_listed: in a ballot;
                                // ballot_excludes: the one position allowed ("" = none)
  MajorityBase base = MajorityBase::kMembers;
  Threshold threshold;
  std::string table;            // lookup
  Operand key;                  // lookup
  Operand expected;             // lookup; subset: the list the persons must be in; disjoint: the
                                // list none of them may be in
  // subset: the list checked when written as an operand ({ref:, field:}); `field` is empty
  // then. For a plain field of this item, `field` names it and `subject` is unused.
  Operand subject;
  std::vector<Operand> also;    // subset: further lists whose persons count as in `expected`
  std::string timer;            // deadline: a timer declared on states of this workflow
                                // (`field`: an optional date/datetime of when it was done)
  std::vector<std::string> actions;  // actors_not_listed: transitions ("" = every action)
  // next_after (with `field`, `workflow`), none_open (with `field`, `workflow`, `states`):
  std::string ref;          // next_after: the item field naming the chosen item
  std::string after;        // next_after: this item's datetime field the other must follow
  std::string before;       // none_open: this item's datetime field the others must not precede
  std::string where_field;  // next_after: only other items whose field equals where_value
  std::string where_value;
  std::string since;        // written_opinion: the transition that starts a new round ("" = none)
  // compare against the moment of evaluation instead of `values`: $now or $today, plus an
  // offset in seconds ("$today-30d"); `values` stays empty then.
  enum class Moment { kNone, kNow, kToday };
  Moment moment = Moment::kNone;
  std::int64_t moment_offset = 0;
  std::string rule;  // optional rule id named in refusals, e.g. "R1"
  Labels message;    // optional refusal text written by the workflow's author
  SourcePos pos;
};

// One field of a spawned child item and where its value comes from.
struct SpawnField {
  enum class Source {
    kLiteral,  // `literal`, parsed against the child's field type when spawning
    kFrom,     // the parent's field `from` (after the transition)
    kEach,     // the current element of the parent's `for_each` list
    kNow,
    kToday,
    kActor,
  };
  std::string field;  // in the child workflow
  Source source = Source::kLiteral;
  std::string from;
  std::string literal;
  SourcePos pos;
};

// What a transition does besides moving the state.
struct Effect {
  enum class Kind {
    kSet,    // set `field` to `value`, or to a computed value named by `computed`
    kSpawn,  // create child items of `workflow` (one per element of `for_each` when set)
    kDefault,  // when `field` has no value after the actor's changes, copy it from `from`
  };
  // kReport ($report): the SHA-256 of the report document the application derives for the
  // item (docs/REPORTS.md); the core reads it from ItemFacts::report_hash.
  // kSha256Of ({sha256_of: FIELD}): the SHA-256 (hex) of the text field `of` as the
  // transition leaves it, by the digest the caller passes in (ItemFacts::digest).
  enum class Computed { kNone, kNow, kToday, kActor, kReport, kSha256Of };
  Kind kind = Kind::kSet;
  std::string field;
  Value value;
  Computed computed = Computed::kNone;
  std::string of;                       // kSha256Of: the text field hashed
  std::string workflow;                 // kSpawn: the child items' workflow
  std::string for_each;                 // kSpawn: a list field of the parent ("" = one child)
  std::vector<SpawnField> spawn_fields;  // kSpawn: the child's fields
  Operand from;                          // kDefault: a field of this item or of one it references
  std::string except;                    // kDefault: a person list field of this item whose
                                         // persons are left out of the list copied ("" = none)
  SourcePos pos;
};

struct TransitionDef {
  std::string name;
  Labels labels;
  std::vector<std::string> from;  // empty with from_any=false only for the create transition
  bool from_any = false;
  std::string to;
  std::vector<std::string> roles;        // roles in the item's organization
  std::vector<std::string> roles_above;  // roles in any organization above it
  std::vector<std::string> required;    // fields that must hold a value afterwards
  std::vector<std::string> sets;         // fields the actor may submit (required ones are implied)
  std::optional<Condition> when;
  std::vector<Effect> effects;
  SourcePos pos;

  bool AllowedFrom(const std::string& state) const;
  bool MaySet(const std::string& field) const;
};

// Which items of a workflow are published (党务公开、校务公开), and what of them: an item
// whose bool field `flag` is true appears, read-only, with only `fields`.
struct Publication {
  std::string flag;
  std::vector<std::string> fields;
  SourcePos pos;
};

// A compliance check (`checks:`): what every item of the workflow in one of the states `in`
// must satisfy as recorded. Evaluated with no actor, on the latest version of the workflow
// whatever version the item runs on; an item where `when` does not hold is a finding. With
// `expected` set instead of `when`, the check is about items that should exist and do not.
struct CheckDef {
  enum class Expect {
    kNone,
    kPerSemester,  // one item per organization and ended semester that the calendar's
                   // on_semester_end opens this workflow for
  };
  std::string name;
  std::string rule;              // "R1" ... "R16"
  std::string severity;          // high | medium | low
  std::vector<std::string> in;   // states it applies in; empty = every state
  std::optional<Condition> when;
  // refuse: the check is also an invariant the engine holds on every action and creation
  // (core/transition.h): nothing may leave an item in a state of `in` with `when` failing,
  // unless it failed there already (a record imported or kept from before the check).
  bool refuse = false;
  Expect expected = Expect::kNone;
  Labels message;
  std::vector<std::string> evidence;  // fields whose values a finding shows
  SourcePos pos;

  bool AppliesIn(const std::string& state) const;
};

struct Definition {
  std::string id;
  std::int64_t version = 0;
  Labels labels;
  std::vector<FieldDef> fields;
  std::vector<StateDef> states;
  TransitionDef create;  // name "create", to = the initial state
  std::vector<TransitionDef> transitions;
  std::optional<Publication> publish;
  std::vector<CheckDef> checks;
  // How the values of enum and ballot fields are shown ("large-spending" -> 大额资金使用).
  std::map<std::string, Labels> value_labels;
  SourcePos pos;

  const FieldDef* FindField(const std::string& name) const;
  const StateDef* FindState(const std::string& name) const;
  const StateDef* InitialState() const;
  // The transition named `name` that may start from `state`, or nullptr. A `from: any`
  // transition starts from every state except the terminal ones.
  const TransitionDef* FindTransition(const std::string& name, const std::string& state) const;
  bool HasTransitionNamed(const std::string& name) const;
  bool IsTerminal(const std::string& state) const;
};

const char* FieldTypeName(FieldType t);
std::optional<FieldType> FieldTypeFromName(const std::string& name);
const char* CompareOpName(CompareOp op);
std::optional<CompareOp> CompareOpFromName(const std::string& name);
const char* ConditionKindName(Condition::Kind k);
const char* MajorityBaseName(MajorityBase b);
// Whether `severity` is one a check may have: high, medium, low.
bool IsCheckSeverity(const std::string& severity);
// Whether `rule` names a rule of procedure: R followed by 1 to 99 ("R1" ... "R16").
bool IsRuleId(const std::string& rule);

}  // namespace docket
