// The condition kinds about an item's record over time (deadline, actors_not_listed) and
// compare values relative to the moment of evaluation ($now, $today): YAML -> Condition.
#include <string>

#include "core/timer.h"
#include "definition/workflow_parse.h"

namespace docket::detail {

bool ReadDeadline(WorkflowParse& p, const YAML::Node& n, Condition* c) {
  if (n.IsScalar()) {
    auto t = p.reader.Identifier(n, Key("deadline"));
    if (t) c->timer = *t;
    return t.has_value();
  }
  auto m = p.reader.Map(n, Key("deadline"), {"timer", "done"});
  if (!m) return false;
  std::size_t before = p.reader.error_count();
  if (const YAML::Node* tn = Need(p, *m, n, "timer", Key("deadline"))) {
    if (auto t = p.reader.Identifier(*tn, Key("deadline.timer"))) c->timer = *t;
  }
  if (const MapEntry* d = m->Find("done")) {
    if (const FieldDef* f = ReadFieldRef(p, d->value, Key("deadline.done"))) {
      if (f->type != FieldType::kDate && f->type != FieldType::kDateTime) {
        p.reader.Error(d->value, Msg("deadline.done '{field}' must be a date or datetime field, not {type}",
                                     {{"field", f->name}, {"type", FieldTypeName(f->type)}}));
      } else {
        c->field = f->name;
      }
    }
  }
  return before == p.reader.error_count();
}

bool ReadActorsNotListed(WorkflowParse& p, const YAML::Node& n, Condition* c) {
  auto m = p.reader.Map(n, Key("actors_not_listed"), {"field", "choice", "actions"});
  if (!m) return false;
  std::size_t before = p.reader.error_count();
  const FieldDef* f = TypedField(p, *m, n, "field", Key("actors_not_listed"), PersonsType,
                                 Msg("a person, a list of person or a ballot"));
  if (f != nullptr) c->field = f->name;
  if (const MapEntry* ch = m->Find("choice")) {
    if (f != nullptr && f->type != FieldType::kBallot) {
      p.reader.Error(ch->key_node, Msg("{what} is only for a ballot field", {{"what", Key("actors_not_listed.choice")}}));
    } else {
      ReadChoice(p, ch->value, f, Key("actors_not_listed.choice"), &c->choice);
    }
  }
  if (const MapEntry* a = m->Find("actions")) {
    std::size_t at = p.reader.error_count();
    c->actions = p.reader.IdentifierList(a->value, Key("actors_not_listed.actions"));
    if (c->actions.empty() && at == p.reader.error_count()) {
      p.reader.Error(a->value, Msg("actors_not_listed.actions must name at least one transition (or leave it out)"));
    }
    for (const auto& name : c->actions) {
      if (name != "create" && !p.transition_names.count(name)) {
        p.reader.Error(a->value, UnknownTransition(Key("actors_not_listed.actions"), name));
      }
    }
  }
  return before == p.reader.error_count();
}

bool ReadMoment(WorkflowParse& p, const YAML::Node& n, const FieldDef& f, Condition* c) {
  const std::string& text = n.Scalar();
  Condition::Moment moment = Condition::Moment::kNone;
  std::string rest;
  for (const auto& [name, m] : {std::pair<const char*, Condition::Moment>{"$today", Condition::Moment::kToday},
                                {"$now", Condition::Moment::kNow}}) {
    if (text.rfind(name, 0) == 0) {
      moment = m;
      rest = text.substr(std::string(name).size());
      break;
    }
  }
  if (moment == Condition::Moment::kNone) return false;
  std::optional<std::int64_t> offset = rest.empty() ? std::optional<std::int64_t>(0) : ParseOffset(rest, true);
  if (!offset) {
    p.reader.Error(n, Msg("bad compare value '{value}': $now and $today take an optional signed offset, e.g. $today-30d or $now+2h",
                          {{"value", Shown(text)}}));
    return true;
  }
  if (f.type != FieldType::kDate && f.type != FieldType::kDateTime) {
    p.reader.Error(n, Msg("compare value '{value}' needs a date or datetime field, but '{field}' is {type}",
                          {{"value", Shown(text)}, {"field", f.name}, {"type", FieldTypeName(f.type)}}));
    return true;
  }
  c->moment = moment;
  c->moment_offset = *offset;
  return true;
}

}  // namespace docket::detail
