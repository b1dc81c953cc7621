// The `checks:` of a workflow (compliance findings, docs/WORKFLOWS.md "Checks"): YAML ->
// CheckDef. Each problem is reported where it is written; checks with errors are dropped.
//
//   checks:
//     - name: right_body          # unique in the workflow
//       rule: R1                  # R1 ... R99
//       severity: high            # high | medium | low
//       in: [adopted, rejected]   # states it applies in (optional: every state)
//       when: {lookup: ...}       # what a compliant item satisfies
//       message: {zh: ..., en: ...}
//       evidence: [category, meeting]
//       refuse: true              # also refuse any action that would break it (optional)
//     - name: missing
//       rule: R14
//       severity: high
//       expected: per_semester    # instead of when/in/evidence: an item should exist
//       message: {zh: ..., en: ...}
#include <algorithm>
#include <set>

#include "definition/workflow_parse.h"

namespace docket::detail {
namespace {

std::vector<std::string> ReadStateList(WorkflowParse& p, const YAML::Node& n, const Msg& what) {
  std::vector<std::string> out;
  if (n.IsScalar()) {
    if (auto s = p.reader.Identifier(n, what)) {
      if (p.def.FindState(*s) == nullptr) {
        p.reader.Error(n, UnknownState(what, *s));
      } else {
        out.push_back(*s);
      }
    }
    return out;
  }
  if (!n.IsSequence() || n.size() == 0) {
    p.reader.Error(n, Msg("{what} must be a state or a non-empty list of states", {{"what", what}}));
    return out;
  }
  const Msg entry = Msg("an entry of {what}", {{"what", what}});
  for (const auto& e : n) {
    auto s = p.reader.Identifier(e, entry);
    if (!s) continue;
    if (p.def.FindState(*s) == nullptr) {
      p.reader.Error(e, UnknownState(what, *s));
    } else if (std::find(out.begin(), out.end(), *s) != out.end()) {
      p.reader.Error(e, Msg("state '{state}' appears twice in {what}", {{"state", Shown(*s)}, {"what", what}}));
    } else {
      out.push_back(*s);
    }
  }
  return out;
}

std::optional<CheckDef> ReadCheck(WorkflowParse& p, const YAML::Node& n, std::size_t index,
                                  std::set<std::string>* names) {
  Msg what = Msg("check #{n}", {{"n", index + 1}});
  if (n.IsMap()) {
    for (const auto& kv : n) {
      if (kv.first.IsScalar() && kv.first.Scalar() == "name" && kv.second.IsScalar() &&
          IsIdentifier(kv.second.Scalar())) {
        what = Msg("check '{check}'", {{"check", Shown(kv.second.Scalar())}});
      }
    }
  }
  auto m = p.reader.Map(n, what, {"name", "rule", "severity", "in", "when", "expected", "message", "evidence", "refuse"});
  if (!m) return std::nullopt;
  std::size_t before = p.reader.error_count();
  CheckDef c;
  c.pos = YamlReader::Pos(n);
  for (const char* key : {"name", "rule", "severity", "message"}) {
    if (m->Find(key) == nullptr) p.reader.Error(n, Needs(what, key));
  }
  if (const MapEntry* e = m->Find("name")) {
    if (auto id = p.reader.Identifier(e->value, KeyOf(what, "name"))) {
      c.name = *id;
      if (!names->insert(*id).second) p.reader.Error(e->value, TwoChecksNamed(*id));
    }
  }
  if (const MapEntry* e = m->Find("rule")) {
    if (auto r = p.reader.Text(e->value, KeyOf(what, "rule"))) {
      if (IsRuleId(*r)) {
        c.rule = *r;
      } else {
        p.reader.Error(e->value, Msg("{what}: rule '{rule}' is not a rule id; write R1 ... R99, e.g. R12",
                                     {{"what", what}, {"rule", Shown(*r)}}));
      }
    }
  }
  if (const MapEntry* e = m->Find("severity")) {
    if (auto s = p.reader.Text(e->value, KeyOf(what, "severity"))) {
      if (IsCheckSeverity(*s)) {
        c.severity = *s;
      } else {
        p.reader.Error(e->value, BadCheckSeverity(what, *s));
      }
    }
  }
  if (const MapEntry* e = m->Find("message")) {
    std::size_t at = p.reader.error_count();
    c.message = p.reader.ReadLabels(e->value, KeyOf(what, "message"));
    if (c.message.zh.empty() && c.message.en.empty() && at == p.reader.error_count()) {
      p.reader.Error(e->value, Msg("{what}: message needs zh or en", {{"what", what}}));
    }
  }
  const MapEntry* when = m->Find("when");
  const MapEntry* expected = m->Find("expected");
  if (expected != nullptr) {
    std::string v = expected->value.IsScalar() ? expected->value.Scalar() : "";
    if (v == "per_semester") {
      c.expected = CheckDef::Expect::kPerSemester;
    } else {
      p.reader.Error(expected->value, Msg("{what}: expected must be per_semester", {{"what", what}}));
    }
    for (const char* key : {"when", "in", "evidence", "refuse"}) {
      if (const MapEntry* e = m->Find(key)) {
        p.reader.Error(e->key_node, Msg("{what}: '{key}' is not for a check with 'expected' (it is about an item that does not exist)",
                                        {{"what", what}, {"key", key}}));
      }
    }
    return before == p.reader.error_count() ? std::optional<CheckDef>(std::move(c)) : std::nullopt;
  }
  if (when == nullptr) {
    p.reader.Error(n, Msg("{what} needs 'when' (what a compliant item satisfies) or 'expected'", {{"what", what}}));
  } else {
    c.when = ParseWhen(p, when->value, 1);
  }
  if (const MapEntry* e = m->Find("in")) c.in = ReadStateList(p, e->value, KeyOf(what, "in"));
  if (const MapEntry* e = m->Find("refuse")) {
    const std::string v = e->value.IsScalar() ? e->value.Scalar() : "";
    if (v == "true" || v == "false") {
      c.refuse = v == "true";
    } else {
      p.reader.Error(e->value, Msg("{what}: refuse must be true or false", {{"what", what}}));
    }
  }
  if (const MapEntry* e = m->Find("evidence")) {
    if (!e->value.IsSequence()) {
      p.reader.Error(e->value, Msg("{what}: evidence must be a list of field names, e.g. [category, meeting]", {{"what", what}}));
    } else {
      for (const auto& f : e->value) {
        const FieldDef* fd = ReadFieldRef(p, f, KeyOf(what, "evidence"));
        if (fd != nullptr && std::find(c.evidence.begin(), c.evidence.end(), fd->name) == c.evidence.end()) {
          c.evidence.push_back(fd->name);
        }
      }
    }
  }
  if (before != p.reader.error_count() || !c.when) return std::nullopt;
  return c;
}

}  // namespace

Msg TwoChecksNamed(const std::string& name) { return Msg("two checks are named '{check}'", {{"check", Shown(name)}}); }

Msg BadCheckSeverity(const Msg& what, const std::string& severity) {
  return Msg("{what}: severity '{severity}' must be high, medium or low", {{"what", what}, {"severity", Shown(severity)}});
}

void ReadChecks(WorkflowParse& p, const YAML::Node& n) {
  if (!n.IsSequence()) {
    p.reader.Error(n, Msg("checks must be a list of checks"));
    return;
  }
  std::set<std::string> names;
  std::size_t i = 0;
  for (const auto& c : n) {
    if (auto check = ReadCheck(p, c, i++, &names)) p.def.checks.push_back(std::move(*check));
  }
}

}  // namespace docket::detail
