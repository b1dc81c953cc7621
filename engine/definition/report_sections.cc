// The `sections:` of a report file: items sections (workflow, in_term, execution, group_by,
// set_apart, measures, rows), cadence, findings and chain_head. Structure only; names are
// checked against the workflows by report_lint.cc.
#include <algorithm>
#include <set>

#include "core/timer.h"
#include "definition/report_parse.h"

namespace docket::detail {
namespace {

Msg NonEmptyList(const Msg& what) { return Msg("{what} must be a non-empty list", {{"what", what}}); }

// "$state", "$status", "$days_overdue", "$progress" or a field name.
bool ReadOperandName(YamlReader& r, const YAML::Node& n, const Msg& what, ReportOperand* o) {
  auto text = r.Text(n, what);
  if (!text) return false;
  if (*text == "$state") {
    o->source = ReportOperand::Source::kState;
  } else if (*text == "$status" || *text == "$days_overdue") {
    o->source = ReportOperand::Source::kExecution;
    o->execution = text->substr(1);
  } else if (*text == "$progress") {
    o->source = ReportOperand::Source::kProgress;
  } else if (IsIdentifier(*text)) {
    o->field = *text;
  } else {
    r.Error(n, Msg("{what} '{value}' is neither a field name nor one of $state, $status, $days_overdue, $progress",
                   {{"what", what}, {"value", Shown(*text)}}));
    return false;
  }
  return true;
}

// FIELD | $state | $status | $days_overdue | $progress | {field, ref, as, labels}.
std::optional<ReportOperand> ReadReportOperand(YamlReader& r, const YAML::Node& n, const Msg& what) {
  ReportOperand o;
  o.pos = YamlReader::Pos(n);
  if (n.IsScalar()) {
    if (!ReadOperandName(r, n, what, &o)) return std::nullopt;
    return o;
  }
  auto m = r.Map(n, what, {"field", "ref", "as", "labels"});
  if (!m) return std::nullopt;
  const MapEntry* f = m->Find("field");
  if (f == nullptr) {
    r.Error(n, Needs(what, "field"));
    return std::nullopt;
  }
  if (!ReadOperandName(r, f->value, Path(what, "field"), &o)) return std::nullopt;
  if (const MapEntry* ref = m->Find("ref")) {
    if (o.source != ReportOperand::Source::kField) {
      r.Error(ref->key_node, Msg("{what}: 'ref' reads a field of another item, not '{value}'",
                                 {{"what", what}, {"value", Shown(f->value.Scalar())}}));
      return std::nullopt;
    }
    auto id = r.Identifier(ref->value, Path(what, "ref"));
    if (!id) return std::nullopt;
    o.source = ReportOperand::Source::kRef;
    o.ref = *id;
  }
  if (const MapEntry* as = m->Find("as")) {
    if (!as->value.IsScalar() || as->value.Scalar() != "body") {
      r.Error(as->value, Msg("{what} must be 'body' (show the value as the name of the organization's body)",
                             {{"what", Path(what, "as")}}));
      return std::nullopt;
    }
    o.as = "body";
  }
  if (const MapEntry* l = m->Find("labels")) o.labels = r.ReadLabels(l->value, Path(what, "labels"));
  return o;
}

std::vector<ReportOperand> ReadReportOperands(YamlReader& r, const YAML::Node& n, const Msg& what) {
  std::vector<ReportOperand> out;
  if (!n.IsSequence() || n.size() == 0) {
    r.Error(n, NonEmptyList(what));
    return out;
  }
  std::size_t i = 0;
  for (const auto& e : n) {
    if (auto o = ReadReportOperand(r, e, Numbered(what, ++i))) out.push_back(std::move(*o));
  }
  return out;
}

void ReadInTerm(YamlReader& r, const YAML::Node& n, const Msg& what, ReportSection* s) {
  s->in_term.pos = YamlReader::Pos(n);
  if (n.IsScalar() && n.Scalar() == "created") {
    s->in_term.by = TermMembership::By::kCreated;
    return;
  }
  auto m = r.Map(n, Path(what, "in_term"), {"field", "ref"});
  if (!m) return;
  const MapEntry* f = m->Find("field");
  if (f == nullptr) {
    r.Error(n, Msg("{what} needs 'field' (a date or datetime), or is 'created'", {{"what", Path(what, "in_term")}}));
    return;
  }
  if (auto id = r.Identifier(f->value, Path(what, "in_term.field"))) s->in_term.field = *id;
  s->in_term.by = TermMembership::By::kField;
  if (const MapEntry* ref = m->Find("ref")) {
    if (auto id = r.Identifier(ref->value, Path(what, "in_term.ref"))) s->in_term.ref = *id;
    s->in_term.by = TermMembership::By::kRef;
  }
}

void ReadExecution(YamlReader& r, const YAML::Node& n, const Msg& what, ReportSection* s) {
  auto m = r.Map(n, Path(what, "execution"), {"due", "done", "dropped"});
  if (!m) return;
  ExecutionRule e;
  e.pos = YamlReader::Pos(n);
  const MapEntry* due = m->Find("due");
  const MapEntry* done = m->Find("done");
  if (due == nullptr || done == nullptr) {
    r.Error(n, Msg("{what} needs 'due' (a date field) and 'done' (the states where it is done)",
                   {{"what", Path(what, "execution")}}));
    return;
  }
  auto id = r.Identifier(due->value, Path(what, "execution.due"));
  if (!id) return;
  e.due = *id;
  e.done = r.IdentifierList(done->value, Path(what, "execution.done"));
  if (const MapEntry* d = m->Find("dropped")) e.dropped = r.IdentifierList(d->value, Path(what, "execution.dropped"));
  s->execution = std::move(e);
}

// more_than: "N/D" | at_least: "N/D" in `m`; more_than 1/2 when neither is given.
void ReadReportThreshold(YamlReader& r, const MapView& m, const YAML::Node& at, const Msg& what, Threshold* out) {
  const MapEntry* more = m.Find("more_than");
  const MapEntry* least = m.Find("at_least");
  if (more != nullptr && least != nullptr) {
    r.Error(at, Msg("{what} takes one of more_than and at_least, not both", {{"what", what}}));
    return;
  }
  if (more == nullptr && least == nullptr) return;
  auto t = more != nullptr ? r.Fraction(more->value, Path(what, "more_than"), true)
                           : r.Fraction(least->value, Path(what, "at_least"), false);
  if (t) *out = *t;
}

// {present: FIELD, members_of: OPERAND} (+ the quorum's threshold and exceptions).
bool ReadBodyShare(YamlReader& r, const YAML::Node& n, const Msg& what, bool quorum, ReportMeasure* m) {
  auto v = quorum ? r.Map(n, what, {"present", "members_of", "more_than", "at_least", "except"})
                  : r.Map(n, what, {"present", "members_of"});
  if (!v) return false;
  const MapEntry* present = v->Find("present");
  const MapEntry* members = v->Find("members_of");
  if (present == nullptr || members == nullptr) {
    r.Error(n, Msg("{what} needs 'present' (a list of persons) and 'members_of' (the field naming the body)", {{"what", what}}));
    return false;
  }
  auto p = r.Identifier(present->value, Path(what, "present"));
  auto o = ReadReportOperand(r, members->value, Path(what, "members_of"));
  if (!p || !o) return false;
  if (o->source != ReportOperand::Source::kField && o->source != ReportOperand::Source::kRef) {
    r.Error(members->value, Msg("{what} must name a field", {{"what", Path(what, "members_of")}}));
    return false;
  }
  m->present = *p;
  m->members_of = std::move(*o);
  if (!quorum) return true;
  ReadReportThreshold(r, *v, n, what, &m->threshold);
  if (const MapEntry* ex = v->Find("except")) {
    if (auto em = r.Map(ex->value, Path(what, "except"), {})) {
      for (const auto& e : em->entries()) {
        const Msg except = Path(what, "except." + e.key);
        auto tm = r.Map(e.value, except, {"more_than", "at_least"});
        if (!tm) continue;
        Threshold t = m->threshold;
        ReadReportThreshold(r, *tm, e.value, except, &t);
        m->except[e.key] = t;
      }
    }
  }
  return true;
}

std::optional<ReportMeasure> ReadMeasure(YamlReader& r, const YAML::Node& n, const Msg& what) {
  auto m = r.Map(n, what, {"id", "labels", "count", "attendance", "quorum"});
  if (!m) return std::nullopt;
  ReportMeasure out;
  out.pos = YamlReader::Pos(n);
  const MapEntry* id = m->Find("id");
  if (id == nullptr) {
    r.Error(n, Needs(what, "id"));
    return std::nullopt;
  }
  auto name = r.Identifier(id->value, Path(what, "id"));
  if (!name) return std::nullopt;
  out.id = *name;
  const Msg w = Msg("measure '{measure}'", {{"measure", Shown(out.id)}});
  if (const MapEntry* l = m->Find("labels")) out.labels = r.ReadLabels(l->value, Path(w, "labels"));
  const MapEntry* count = m->Find("count");
  const MapEntry* attendance = m->Find("attendance");
  const MapEntry* quorum = m->Find("quorum");
  if ((count != nullptr) + (attendance != nullptr) + (quorum != nullptr) != 1) {
    r.Error(n, Msg("{what} needs exactly one of count, attendance, quorum", {{"what", w}}));
    return std::nullopt;
  }
  if (count != nullptr) {
    out.kind = ReportMeasure::Kind::kCount;
    if (count->value.IsNull()) return out;
    auto c = r.Map(count->value, Path(w, "count"), {"states", "statuses", "imported"});
    if (!c) return std::nullopt;
    if (const MapEntry* s = c->Find("imported")) out.imported = r.Bool(s->value, Path(w, "count.imported"));
    if (const MapEntry* s = c->Find("states")) out.states = r.IdentifierList(s->value, Path(w, "count.states"));
    if (const MapEntry* s = c->Find("statuses")) {
      out.statuses = r.IdentifierList(s->value, Path(w, "count.statuses"));
      const auto& known = ExecutionStatuses();
      for (const auto& st : out.statuses) {
        if (std::find(known.begin(), known.end(), st) == known.end()) {
          r.Error(s->value, Msg("{what}: unknown execution status '{status}'; expected on_time, late, overdue, open or discontinued",
                                {{"what", w}, {"status", Shown(st)}}));
        }
      }
    }
    return out;
  }
  out.kind = attendance != nullptr ? ReportMeasure::Kind::kAttendance : ReportMeasure::Kind::kQuorum;
  const YAML::Node& body = attendance != nullptr ? attendance->value : quorum->value;
  if (!ReadBodyShare(r, body, Path(w, attendance != nullptr ? "attendance" : "quorum"), quorum != nullptr, &out)) {
    return std::nullopt;
  }
  return out;
}

void ReadItemsSection(YamlReader& r, const MapView& m, const YAML::Node& n, const Msg& what,
                      ReportSection* s) {
  const MapEntry* wf = m.Find("workflow");
  if (wf == nullptr) {
    r.Error(n, Msg("{what} needs 'workflow' (or is a cadence, findings or chain_head section)", {{"what", what}}));
  } else if (auto id = r.Identifier(wf->value, Path(what, "workflow"))) {
    s->workflow = *id;
  }
  if (const MapEntry* e = m.Find("in_term")) {
    ReadInTerm(r, e->value, what, s);
  } else {
    r.Error(n, Msg("{what} needs 'in_term': {field: F}, {ref: R, field: F} or created", {{"what", what}}));
  }
  if (const MapEntry* e = m.Find("execution")) ReadExecution(r, e->value, what, s);
  if (const MapEntry* e = m.Find("group_by")) s->group_by = ReadReportOperands(r, e->value, Path(what, "group_by"));
  if (const MapEntry* e = m.Find("rows")) s->rows = ReadReportOperands(r, e->value, Path(what, "rows"));
  if (const MapEntry* e = m.Find("measures")) {
    if (!e->value.IsSequence() || e->value.size() == 0) {
      r.Error(e->value, NonEmptyList(Path(what, "measures")));
    } else {
      std::set<std::string> ids;
      for (const auto& mn : e->value) {
        auto measure = ReadMeasure(r, mn, Msg("{what}: a measure", {{"what", what}}));
        if (!measure) continue;
        if (!ids.insert(measure->id).second) {
          r.Error(mn, Msg("{what}: measure '{measure}' appears twice", {{"what", what}, {"measure", Shown(measure->id)}}));
          continue;
        }
        s->measures.push_back(std::move(*measure));
      }
    }
  }
  if (m.Find("measures") == nullptr && m.Find("rows") == nullptr) {
    r.Error(n, Msg("{what} needs 'measures', 'rows' or both: otherwise it shows nothing", {{"what", what}}));
  }
  if (m.Find("group_by") != nullptr && m.Find("measures") == nullptr) {
    r.Error(m.Find("group_by")->key_node, Msg("{what}: group_by groups the measures, but there are none", {{"what", what}}));
  }
  if (const MapEntry* e = m.Find("set_apart")) {
    auto sa = r.Map(e->value, Path(what, "set_apart"), {"field", "values", "labels"});
    if (!sa) return;
    SetApart apart;
    apart.pos = YamlReader::Pos(e->value);
    const MapEntry* f = sa->Find("field");
    const MapEntry* v = sa->Find("values");
    if (f == nullptr || v == nullptr) {
      r.Error(e->value, Msg("{what} needs 'field' (one of group_by) and 'values'", {{"what", Path(what, "set_apart")}}));
      return;
    }
    auto id = r.Identifier(f->value, Path(what, "set_apart.field"));
    if (!id) return;
    apart.field = *id;
    apart.values = r.IdentifierList(v->value, Path(what, "set_apart.values"));
    if (const MapEntry* l = sa->Find("labels")) apart.labels = r.ReadLabels(l->value, Path(what, "set_apart.labels"));
    bool grouped = false;
    for (const auto& g : s->group_by) grouped = grouped || (g.source == ReportOperand::Source::kField && g.field == apart.field);
    if (!grouped) {
      r.Error(f->value, Msg("{what} '{field}' must be one of the group_by fields",
                            {{"what", Path(what, "set_apart.field")}, {"field", Shown(apart.field)}}));
    }
    s->set_apart = std::move(apart);
  }
}

void ReadCadence(YamlReader& r, const YAML::Node& n, const Msg& what, ReportSection* s) {
  auto m = r.Map(n, Path(what, "cadence"), {"workflow", "action", "every"});
  if (!m) return;
  const MapEntry* wf = m->Find("workflow");
  const MapEntry* action = m->Find("action");
  const MapEntry* every = m->Find("every");
  if (wf == nullptr || action == nullptr || every == nullptr) {
    r.Error(n, Msg("{what} needs 'workflow', 'action' and 'every' (e.g. 7d)", {{"what", Path(what, "cadence")}}));
    return;
  }
  if (auto id = r.Identifier(wf->value, Path(what, "cadence.workflow"))) s->workflow = *id;
  if (auto id = r.Identifier(action->value, Path(what, "cadence.action"))) s->action = *id;
  auto secs = every->value.IsScalar() ? ParseOffset(every->value.Scalar(), false) : std::nullopt;
  if (!secs || *secs <= 0) {
    r.Error(every->value, Msg("{what} must be a period such as 7d or 1w", {{"what", Path(what, "cadence.every")}}));
  } else {
    s->every_seconds = *secs;
  }
}

std::optional<ReportSection> ReadSection(YamlReader& r, const YAML::Node& n, std::size_t index) {
  Msg what = Msg("section #{n}", {{"n", index}});
  auto m = r.Map(n, what, {"id", "labels", "workflow", "in_term", "execution", "group_by", "set_apart", "measures",
                           "rows", "cadence", "findings", "chain_head"});
  if (!m) return std::nullopt;
  std::size_t before = r.error_count();
  ReportSection s;
  s.pos = YamlReader::Pos(n);
  if (const MapEntry* e = m->Find("id")) {
    if (auto id = r.Identifier(e->value, Path(what, "id"))) {
      s.id = *id;
      what = Msg("section '{section}'", {{"section", Shown(s.id)}});
    }
  } else {
    r.Error(n, Needs(what, "id"));
  }
  if (const MapEntry* e = m->Find("labels")) s.labels = r.ReadLabels(e->value, Path(what, "labels"));
  const MapEntry* cadence = m->Find("cadence");
  const MapEntry* findings = m->Find("findings");
  const MapEntry* chain = m->Find("chain_head");
  const int special = (cadence != nullptr) + (findings != nullptr) + (chain != nullptr);
  if (special > 1) {
    r.Error(n, Msg("{what} is one of cadence, findings, chain_head or an items section, not several", {{"what", what}}));
  } else if (special == 1) {
    for (const auto& e : m->entries()) {
      if (e.key != "id" && e.key != "labels" && e.key != "cadence" && e.key != "findings" && e.key != "chain_head") {
        r.Error(e.key_node, Msg("{what}: '{key}' belongs to an items section, not here", {{"what", what}, {"key", Shown(e.key)}}));
      }
    }
    if (cadence != nullptr) {
      s.kind = ReportSection::Kind::kCadence;
      ReadCadence(r, cadence->value, what, &s);
    } else {
      const MapEntry* e = findings != nullptr ? findings : chain;
      s.kind = findings != nullptr ? ReportSection::Kind::kFindings : ReportSection::Kind::kChainHead;
      if (!e->value.IsNull() && !(e->value.IsMap() && e->value.size() == 0)) {
        r.Error(e->value, Msg("{what}: {key} takes no settings; write {key}: {}", {{"what", what}, {"key", e->key}}));
      }
    }
  } else {
    ReadItemsSection(r, *m, n, what, &s);
  }
  if (r.error_count() != before) return std::nullopt;
  return s;
}

}  // namespace

void ReadSections(YamlReader& r, const YAML::Node& n, ReportDefinition* def) {
  if (!n.IsSequence() || n.size() == 0) {
    r.Error(n, NonEmptyList(Key("sections")));
    return;
  }
  std::set<std::string> ids;
  std::size_t i = 0;
  for (const auto& sn : n) {
    auto s = ReadSection(r, sn, ++i);
    if (!s) continue;
    if (!ids.insert(s->id).second) {
      r.Error(sn, Msg("section '{section}' appears twice", {{"section", Shown(s->id)}}));
      continue;
    }
    def->sections.push_back(std::move(*s));
  }
}

}  // namespace docket::detail
