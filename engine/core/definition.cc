#include "core/definition.h"

#include <algorithm>

namespace docket {

bool TransitionDef::AllowedFrom(const std::string& state) const {
  return from_any || std::find(from.begin(), from.end(), state) != from.end();
}

bool TransitionDef::MaySet(const std::string& field) const {
  return std::find(sets.begin(), sets.end(), field) != sets.end() ||
         std::find(required.begin(), required.end(), field) != required.end();
}

const FieldDef* Definition::FindField(const std::string& name) const {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const StateDef* Definition::FindState(const std::string& name) const {
  for (const auto& s : states) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const StateDef* Definition::InitialState() const {
  for (const auto& s : states) {
    if (s.initial) return &s;
  }
  return nullptr;
}

const TransitionDef* Definition::FindTransition(const std::string& name,
                                                const std::string& state) const {
  // `from: any` means any state that is not finished: a terminal state stays terminal.
  const bool terminal = IsTerminal(state);
  for (const auto& t : transitions) {
    if (t.name == name && t.AllowedFrom(state) && !(t.from_any && terminal)) return &t;
  }
  return nullptr;
}

bool Definition::HasTransitionNamed(const std::string& name) const {
  return std::any_of(transitions.begin(), transitions.end(),
                     [&](const TransitionDef& t) { return t.name == name; });
}

bool CheckDef::AppliesIn(const std::string& state) const {
  return in.empty() || std::find(in.begin(), in.end(), state) != in.end();
}

bool Definition::IsTerminal(const std::string& state) const {
  const StateDef* s = FindState(state);
  return s != nullptr && s->terminal;
}

namespace {
struct TypeName {
  FieldType type;
  const char* name;
};
constexpr TypeName kTypeNames[] = {
    {FieldType::kText, "text"},         {FieldType::kInteger, "integer"},
    {FieldType::kNumber, "number"},     {FieldType::kMoney, "money"},
    {FieldType::kDate, "date"},         {FieldType::kDateTime, "datetime"},
    {FieldType::kEnum, "enum"},         {FieldType::kBool, "bool"},
    {FieldType::kPerson, "person"},     {FieldType::kItem, "item"},
    {FieldType::kList, "list"},         {FieldType::kBallot, "ballot"},
};
struct OpName {
  CompareOp op;
  const char* name;
};
constexpr OpName kOpNames[] = {
    {CompareOp::kEquals, "equals"},   {CompareOp::kNotEquals, "not_equals"},
    {CompareOp::kIn, "in"},           {CompareOp::kNotIn, "not_in"},
    {CompareOp::kLess, "<"},          {CompareOp::kLessEq, "<="},
    {CompareOp::kGreater, ">"},       {CompareOp::kGreaterEq, ">="},
};
}  // namespace

const char* FieldTypeName(FieldType t) {
  for (const auto& tn : kTypeNames) {
    if (tn.type == t) return tn.name;
  }
  return "?";
}

std::optional<FieldType> FieldTypeFromName(const std::string& name) {
  for (const auto& tn : kTypeNames) {
    if (name == tn.name) return tn.type;
  }
  return std::nullopt;
}

const char* CompareOpName(CompareOp op) {
  for (const auto& on : kOpNames) {
    if (on.op == op) return on.name;
  }
  return "?";
}

std::optional<CompareOp> CompareOpFromName(const std::string& name) {
  for (const auto& on : kOpNames) {
    if (name == on.name) return on.op;
  }
  return std::nullopt;
}

const char* ConditionKindName(Condition::Kind k) {
  switch (k) {
    case Condition::Kind::kAll: return "all";
    case Condition::Kind::kAny: return "any";
    case Condition::Kind::kNot: return "not";
    case Condition::Kind::kPresent: return "present";
    case Condition::Kind::kCompare: return "compare";
    case Condition::Kind::kRole: return "role";
    case Condition::Kind::kDistinctActor: return "distinct_actor";
    case Condition::Kind::kChildrenTerminal: return "children_terminal";
    case Condition::Kind::kRefInState: return "ref_state";
    case Condition::Kind::kQuorum: return "quorum";
    case Condition::Kind::kMajority: return "majority";
    case Condition::Kind::kNotListed: return "not_listed";
    case Condition::Kind::kBallotExcludes: return "ballot_excludes";
    case Condition::Kind::kLastOfRole: return "last_of_role";
    case Condition::Kind::kLookup: return "lookup";
    case Condition::Kind::kDeadline: return "deadline";
    case Condition::Kind::kActorsNotListed: return "actors_not_listed";
    case Condition::Kind::kKeeps: return "keeps";
    case Condition::Kind::kSubset: return "subset";
    case Condition::Kind::kDisjoint: return "disjoint";
    case Condition::Kind::kMemberOf: return "member_of";
    case Condition::Kind::kWrittenOpinion: return "written_opinion";
    case Condition::Kind::kNextAfter: return "next_after";
    case Condition::Kind::kNoneOpen: return "none_open";
  }
  return "?";
}

const char* MajorityBaseName(MajorityBase b) {
  switch (b) {
    case MajorityBase::kMembers: return "members";
    case MajorityBase::kPresent: return "present";
    case MajorityBase::kCast: return "cast";
  }
  return "?";
}

bool IsCheckSeverity(const std::string& severity) {
  return severity == "high" || severity == "medium" || severity == "low";
}

bool IsRuleId(const std::string& rule) {
  if (rule.size() < 2 || rule.size() > 3 || rule[0] != 'R' || rule[1] < '1' || rule[1] > '9') return false;
  return rule.size() == 2 || (rule[2] >= '0' && rule[2] <= '9');
}

}  // namespace docket
