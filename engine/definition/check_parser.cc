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

std::vector<std::string> ReadStateList(WorkflowParse& p, const YAML::Node& n, const std::string& what) {
  std::vector<std::string> out;
  if (n.IsScalar()) {
    if (auto s = p.reader.Identifier(n, what)) {
      if (p.def.FindState(*s) == nullptr) {
        p.reader.Error(n, what + " names unknown state " + Quote(*s));
      } else {
        out.push_back(*s);
      }
    }
    return out;
  }
  if (!n.IsSequence() || n.size() == 0) {
    p.reader.Error(n, what + " must be a state or a non-empty list of states");
    return out;
  }
  for (const auto& e : n) {
    auto s = p.reader.Identifier(e, "an entry of " + what);
    if (!s) continue;
    if (p.def.FindState(*s) == nullptr) {
      p.reader.Error(e, what + " names unknown state " + Quote(*s));
    } else if (std::find(out.begin(), out.end(), *s) != out.end()) {
      p.reader.Error(e, "state " + Quote(*s) + " appears twice in " + what);
    } else {
      out.push_back(*s);
    }
  }
  return out;
}

std::optional<CheckDef> ReadCheck(WorkflowParse& p, const YAML::Node& n, std::size_t index,
                                  std::set<std::string>* names) {
  std::string what = "check #" + std::to_string(index + 1);
  if (n.IsMap()) {
    for (const auto& kv : n) {
      if (kv.first.IsScalar() && kv.first.Scalar() == "name" && kv.second.IsScalar() &&
          IsIdentifier(kv.second.Scalar())) {
        what = "check " + Quote(kv.second.Scalar());
      }
    }
  }
  auto m = p.reader.Map(n, what, {"name", "rule", "severity", "in", "when", "expected", "message", "evidence", "refuse"});
  if (!m) return std::nullopt;
  std::size_t before = p.reader.error_count();
  CheckDef c;
  c.pos = YamlReader::Pos(n);
  for (const char* key : {"name", "rule", "severity", "message"}) {
    if (m->Find(key) == nullptr) p.reader.Error(n, what + " needs '" + key + "'");
  }
  if (const MapEntry* e = m->Find("name")) {
    if (auto id = p.reader.Identifier(e->value, what + ": name")) {
      c.name = *id;
      if (!names->insert(*id).second) p.reader.Error(e->value, "two checks are named " + Quote(*id));
    }
  }
  if (const MapEntry* e = m->Find("rule")) {
    if (auto r = p.reader.Text(e->value, what + ": rule")) {
      if (IsRuleId(*r)) {
        c.rule = *r;
      } else {
        p.reader.Error(e->value, what + ": rule " + Quote(*r) + " is not a rule id; write R1 ... R99, e.g. R12");
      }
    }
  }
  if (const MapEntry* e = m->Find("severity")) {
    if (auto s = p.reader.Text(e->value, what + ": severity")) {
      if (IsCheckSeverity(*s)) {
        c.severity = *s;
      } else {
        p.reader.Error(e->value, what + ": severity " + Quote(*s) + " must be high, medium or low");
      }
    }
  }
  if (const MapEntry* e = m->Find("message")) {
    std::size_t at = p.reader.error_count();
    c.message = p.reader.ReadLabels(e->value, what + ": message");
    if (c.message.zh.empty() && c.message.en.empty() && at == p.reader.error_count()) {
      p.reader.Error(e->value, what + ": message needs zh or en");
    }
  }
  const MapEntry* when = m->Find("when");
  const MapEntry* expected = m->Find("expected");
  if (expected != nullptr) {
    std::string v = expected->value.IsScalar() ? expected->value.Scalar() : "";
    if (v == "per_semester") {
      c.expected = CheckDef::Expect::kPerSemester;
    } else {
      p.reader.Error(expected->value, what + ": expected must be per_semester");
    }
    for (const char* key : {"when", "in", "evidence", "refuse"}) {
      if (const MapEntry* e = m->Find(key)) {
        p.reader.Error(e->key_node, what + ": '" + key + "' is not for a check with 'expected' (it is about an item that does not exist)");
      }
    }
    return before == p.reader.error_count() ? std::optional<CheckDef>(std::move(c)) : std::nullopt;
  }
  if (when == nullptr) {
    p.reader.Error(n, what + " needs 'when' (what a compliant item satisfies) or 'expected'");
  } else {
    c.when = ParseWhen(p, when->value, 1);
  }
  if (const MapEntry* e = m->Find("in")) c.in = ReadStateList(p, e->value, what + ": in");
  if (const MapEntry* e = m->Find("refuse")) {
    const std::string v = e->value.IsScalar() ? e->value.Scalar() : "";
    if (v == "true" || v == "false") {
      c.refuse = v == "true";
    } else {
      p.reader.Error(e->value, what + ": refuse must be true or false");
    }
  }
  if (const MapEntry* e = m->Find("evidence")) {
    if (!e->value.IsSequence()) {
      p.reader.Error(e->value, what + ": evidence must be a list of field names, e.g. [category, meeting]");
    } else {
      for (const auto& f : e->value) {
        const FieldDef* fd = ReadFieldRef(p, f, what + ": evidence");
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

void ReadChecks(WorkflowParse& p, const YAML::Node& n) {
  if (!n.IsSequence()) {
    p.reader.Error(n, "checks must be a list of checks");
    return;
  }
  std::set<std::string> names;
  std::size_t i = 0;
  for (const auto& c : n) {
    if (auto check = ReadCheck(p, c, i++, &names)) p.def.checks.push_back(std::move(*check));
  }
}

}  // namespace docket::detail
