// Conditions of the rules of procedure (workflow_parse.h): quorum, majority, member_of,
// not_listed, ballot_excludes, last_of_role, written_opinion, and the ballot choices they
// name. The other kinds: condition_parser.cc and its siblings.
#include <algorithm>
#include <string>

#include "definition/workflow_parse.h"

namespace docket::detail {
namespace {

// more_than: "N/D" | at_least: "N/D"; more_than 1/2 when neither is given.
bool ReadGovernanceThreshold(WorkflowParse& p, const MapView& m, const YAML::Node& at, const Msg& kind, Threshold* out) {
  const MapEntry* more = m.Find("more_than");
  const MapEntry* least = m.Find("at_least");
  if (more != nullptr && least != nullptr) {
    p.reader.Error(at, Msg("{what} takes one of more_than and at_least, not both", {{"what", kind}}));
    return false;
  }
  if (more == nullptr && least == nullptr) return true;
  auto t = more != nullptr ? p.reader.Fraction(more->value, Path(kind, "more_than"), true)
                           : p.reader.Fraction(least->value, Path(kind, "at_least"), false);
  if (t) *out = *t;
  return t.has_value();
}

bool ReadGovernanceBody(WorkflowParse& p, const MapView& m, const YAML::Node& at, const Msg& kind, Condition* c) {
  const YAML::Node* bn = Need(p, m, at, "body", kind);
  if (bn == nullptr) return false;
  auto o = ReadOperand(p, *bn, Path(kind, "body"));
  if (o) c->body = *o;
  return o.has_value();
}

}  // namespace

bool ReadChoice(WorkflowParse& p, const YAML::Node& n, const FieldDef* f, const Msg& what, std::string* out) {
  auto choice = p.reader.Text(n, what);
  if (!choice) return false;
  *out = *choice;
  if (f != nullptr && f->type == FieldType::kBallot &&
      std::find(f->values.begin(), f->values.end(), *choice) == f->values.end()) {
    std::string allowed;
    for (const auto& v : f->values) allowed += (allowed.empty() ? "" : ", ") + v;
    p.reader.Error(n, Msg("{what} '{choice}' is not a position of '{field}' ({allowed})",
                          {{"what", what}, {"choice", Shown(*choice)}, {"field", f->name}, {"allowed", allowed}}));
    return false;
  }
  return true;
}

bool ReadQuorum(WorkflowParse& p, const YAML::Node& n, Condition* c) {
  auto m = p.reader.Map(n, Key("quorum"), {"present", "body", "more_than", "at_least"});
  if (!m) return false;
  std::size_t before = p.reader.error_count();
  if (const FieldDef* f = TypedField(p, *m, n, "present", Key("quorum"), PersonListType, Msg("a list of person"))) {
    c->present = f->name;
  }
  ReadGovernanceBody(p, *m, n, Key("quorum"), c);
  ReadGovernanceThreshold(p, *m, n, Key("quorum"), &c->threshold);
  return before == p.reader.error_count();
}

// member_of: {body: OPERAND}
bool ReadMemberOf(WorkflowParse& p, const YAML::Node& n, Condition* c) {
  auto m = p.reader.Map(n, Key("member_of"), {"body"});
  if (!m) return false;
  return ReadGovernanceBody(p, *m, n, Key("member_of"), c);
}

bool ReadMajority(WorkflowParse& p, const YAML::Node& n, Condition* c) {
  auto m = p.reader.Map(n, Key("majority"), {"ballot", "choice", "body", "base", "present", "more_than", "at_least"});
  if (!m) return false;
  std::size_t before = p.reader.error_count();
  const FieldDef* ballot = TypedField(p, *m, n, "ballot", Key("majority"), BallotType, Msg("a ballot"));
  if (ballot != nullptr) c->ballot = ballot->name;
  if (const YAML::Node* cn = Need(p, *m, n, "choice", Key("majority"))) {
    ReadChoice(p, *cn, ballot, Key("majority.choice"), &c->choice);
  }
  ReadGovernanceBody(p, *m, n, Key("majority"), c);
  if (const MapEntry* b = m->Find("base")) {
    std::string base = b->value.IsScalar() ? b->value.Scalar() : "";
    if (base == "members") {
      c->base = MajorityBase::kMembers;
    } else if (base == "present") {
      c->base = MajorityBase::kPresent;
    } else if (base == "cast") {
      c->base = MajorityBase::kCast;
    } else {
      p.reader.Error(b->value, Msg("majority.base must be members, present or cast"));
    }
  }
  const MapEntry* present = m->Find("present");
  if (c->base == MajorityBase::kPresent) {
    if (const FieldDef* f = TypedField(p, *m, n, "present", Key("majority (base present)"), PersonListType,
                                       Msg("a list of person"))) {
      c->present = f->name;
    }
  } else if (present != nullptr) {
    p.reader.Error(present->key_node, Msg("majority.present is only for base: present"));
  }
  ReadGovernanceThreshold(p, *m, n, Key("majority"), &c->threshold);
  return before == p.reader.error_count();
}

bool ReadNotListed(WorkflowParse& p, const YAML::Node& n, Condition* c) {
  auto m = p.reader.Map(n, Key("not_listed"), {"field", "choice"});
  if (!m) return false;
  std::size_t before = p.reader.error_count();
  const FieldDef* f = TypedField(p, *m, n, "field", Key("not_listed"), PersonsType,
                                 Msg("a person, a list of person or a ballot"));
  if (f != nullptr) c->field = f->name;
  if (const MapEntry* ch = m->Find("choice")) {
    if (f != nullptr && f->type != FieldType::kBallot) {
      p.reader.Error(ch->key_node, Msg("{what} is only for a ballot field", {{"what", Key("not_listed.choice")}}));
    } else {
      ReadChoice(p, ch->value, f, Key("not_listed.choice"), &c->choice);
    }
  }
  return before == p.reader.error_count();
}

bool ReadBallotExcludes(WorkflowParse& p, const YAML::Node& n, Condition* c) {
  auto m = p.reader.Map(n, Key("ballot_excludes"), {"ballot", "persons", "allow"});
  if (!m) return false;
  std::size_t before = p.reader.error_count();
  const FieldDef* ballot = TypedField(p, *m, n, "ballot", Key("ballot_excludes"), BallotType, Msg("a ballot"));
  if (ballot != nullptr) c->ballot = ballot->name;
  if (const FieldDef* f =
          TypedField(p, *m, n, "persons", Key("ballot_excludes"), PersonListType, Msg("a list of person"))) {
    c->present = f->name;
  }
  if (const MapEntry* a = m->Find("allow")) ReadChoice(p, a->value, ballot, Key("ballot_excludes.allow"), &c->choice);
  return before == p.reader.error_count();
}

bool ReadLastOfRole(WorkflowParse& p, const YAML::Node& n, Condition* c) {
  auto m = p.reader.Map(n, Key("last_of_role"), {"ballot", "role"});
  if (!m) return false;
  std::size_t before = p.reader.error_count();
  const FieldDef* ballot = TypedField(p, *m, n, "ballot", Key("last_of_role"), BallotType, Msg("a ballot"));
  if (ballot != nullptr) c->ballot = ballot->name;
  if (const YAML::Node* rn = Need(p, *m, n, "role", Key("last_of_role"))) {
    if (auto r = p.reader.Identifier(*rn, Key("last_of_role.role"))) c->roles = {*r};
  }
  return before == p.reader.error_count();
}

// written_opinion: {ballot: B, choice: C, present: LIST, by: TRANSITION, since: TRANSITION}
bool ReadWrittenOpinion(WorkflowParse& p, const YAML::Node& n, Condition* c) {
  auto m = p.reader.Map(n, Key("written_opinion"), {"ballot", "choice", "present", "by", "since"});
  if (!m) return false;
  std::size_t before = p.reader.error_count();
  const FieldDef* ballot = TypedField(p, *m, n, "ballot", Key("written_opinion"), BallotType, Msg("a ballot"));
  if (ballot != nullptr) c->ballot = ballot->name;
  if (const YAML::Node* cn = Need(p, *m, n, "choice", Key("written_opinion"))) {
    ReadChoice(p, *cn, ballot, Key("written_opinion.choice"), &c->choice);
  }
  if (const FieldDef* f =
          TypedField(p, *m, n, "present", Key("written_opinion"), PersonListType, Msg("a list of person"))) {
    c->present = f->name;
  }
  auto transition = [&](const char* key, std::string* out) {
    const MapEntry* e = m->Find(key);
    if (e == nullptr) return;
    const Msg what = Key(std::string("written_opinion.") + key);
    auto t = p.reader.Identifier(e->value, what);
    if (!t) return;
    if (!p.transition_names.count(*t)) {
      p.reader.Error(e->value, UnknownTransition(what, *t));
      return;
    }
    *out = *t;
  };
  if (Need(p, *m, n, "by", Key("written_opinion")) != nullptr) transition("by", &c->transition);
  transition("since", &c->since);
  return before == p.reader.error_count();
}

}  // namespace docket::detail
