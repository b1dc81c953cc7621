// LintWorkflow: checks on a finished Definition. The parser already rejects what it can see
// in the YAML; these checks also hold for definitions built in code, and add the graph-level
// warnings (reachability, dead ends, transitions nobody may take, fields nothing sets).
#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "definition/workflow_loader.h"
#include "definition/workflow_parse.h"

namespace docket {
namespace {

using detail::Key;
using detail::KeyOf;
using detail::Shown;

class Linter {
 public:
  Linter(const Definition& def, const std::string& file, std::vector<Diagnostic>* diags)
      : def_(def), file_(file), diags_(diags) {}

  void Run() {
    CheckStates();
    CheckTransition(def_.create, true);
    std::map<std::pair<std::string, std::string>, int> seen;
    for (const auto& t : def_.transitions) {
      CheckTransition(t, false);
      CheckDuplicate(t, &seen);
    }
    CheckReachability();
    CheckConditionFields();
    CheckChecks();
  }

 private:
  void Error(SourcePos pos, Msg m) { diags_->push_back(Diagnostic::Make(file_, pos, Diagnostic::Severity::kError, std::move(m))); }
  void Warn(SourcePos pos, Msg m) { diags_->push_back(Diagnostic::Make(file_, pos, Diagnostic::Severity::kWarning, std::move(m))); }

  void CheckStates() {
    int initial = 0;
    bool terminal = false;
    for (const auto& s : def_.states) {
      if (s.initial && ++initial == 2) {
        Error(s.pos, Msg("state '{state}' is a second initial state; a workflow has exactly one", {{"state", Shown(s.name)}}));
      }
      terminal = terminal || s.terminal;
    }
    if (initial == 0) Error(def_.pos, Msg("no initial state"));
    if (!terminal) Error(def_.pos, Msg("no terminal state"));
  }

  void CheckField(const std::string& name, SourcePos pos, const Msg& what) {
    if (def_.FindField(name) == nullptr) Error(pos, detail::UnknownField(what, name));
  }

  void CheckTransition(const TransitionDef& t, bool is_create) {
    const Msg what = is_create ? Key("create") : Msg("transition '{transition}'", {{"transition", Shown(t.name)}});
    for (const auto& s : t.from) {
      if (def_.FindState(s) == nullptr) Error(t.pos, detail::UnknownState(KeyOf(what, "from"), s));
    }
    if (!is_create && def_.FindState(t.to) == nullptr) Error(t.pos, detail::UnknownState(KeyOf(what, "to"), t.to));
    for (const auto& f : t.required) CheckField(f, t.pos, KeyOf(what, "required"));
    for (const auto& f : t.sets) CheckField(f, t.pos, KeyOf(what, "sets"));
    for (const auto& e : t.effects) {
      if (e.kind == Effect::Kind::kSet) CheckField(e.field, e.pos, KeyOf(what, "effect"));
      if (e.kind == Effect::Kind::kDefault) {
        CheckField(e.field, e.pos, KeyOf(what, "default"));
        CheckField(e.from.source == Operand::Source::kRef ? e.from.ref : e.from.field, e.pos, KeyOf(what, "default from"));
        if (!e.except.empty()) CheckField(e.except, e.pos, KeyOf(what, "default except"));
      }
      if (e.kind != Effect::Kind::kSpawn) continue;
      if (!e.for_each.empty()) CheckField(e.for_each, e.pos, KeyOf(what, "spawn for_each"));
      for (const auto& sf : e.spawn_fields) {
        if (sf.source == SpawnField::Source::kFrom) CheckField(sf.from, sf.pos, KeyOf(what, "spawn from"));
      }
    }
    if (t.when) CheckTransitionRefs(*t.when);
    // A create with no roles (or none declared) means items are only spawned by other items'
    // actions, never made by hand.
    if (!is_create && t.roles.empty() && t.roles_above.empty()) {
      Warn(t.pos, Msg("{what} lists no roles and no roles_above, so no one can take it", {{"what", what}}));
    }
  }

  void CheckTransitionRefs(const Condition& c) {
    if (c.kind == Condition::Kind::kDistinctActor && !def_.HasTransitionNamed(c.transition)) {
      Error(c.pos, detail::UnknownTransition(Key("distinct_actor"), c.transition));
    }
    if (c.kind == Condition::Kind::kActorsNotListed) {
      for (const auto& a : c.actions) {
        if (a != "create" && !def_.HasTransitionNamed(a)) Error(c.pos, detail::UnknownTransition(Key("actors_not_listed"), a));
      }
    }
    if (c.kind == Condition::Kind::kDeadline && !HasTimer(c.timer)) {
      Error(c.pos, Msg("deadline names timer '{timer}', which no state of this workflow declares", {{"timer", Shown(c.timer)}}));
    }
    for (const auto& op : c.operands) CheckTransitionRefs(op);
  }

  bool HasTimer(const std::string& name) const {
    for (const auto& s : def_.states) {
      for (const auto& t : s.timers) {
        if (t.name == name) return true;
      }
    }
    return false;
  }

  // A check is evaluated on the record with no actor, so kinds about the actor mean nothing.
  void CheckNoActor(const Condition& c, const Msg& what) {
    if ((c.kind == Condition::Kind::kRole && c.field.empty()) || c.kind == Condition::Kind::kDistinctActor ||
        c.kind == Condition::Kind::kNotListed || c.kind == Condition::Kind::kMemberOf) {
      Error(c.pos, Msg("{what}: '{kind}' is about the person acting, and a check has none (it reads the record); use actors_not_listed for who acted, role with field for a recorded person's role",
                       {{"what", what}, {"kind", ConditionKindName(c.kind)}}));
    }
    for (const auto& op : c.operands) CheckNoActor(op, what);
  }

  void CheckChecks() {
    std::set<std::string> names;
    for (const auto& c : def_.checks) {
      const Msg what = Msg("check '{check}'", {{"check", Shown(c.name)}});
      if (c.name.empty()) Error(c.pos, Msg("a check needs a name"));
      if (!c.name.empty() && !names.insert(c.name).second) Error(c.pos, detail::TwoChecksNamed(c.name));
      if (!IsRuleId(c.rule)) {
        Error(c.pos, Msg("{what}: rule '{rule}' is not a rule id (R1 ... R99)", {{"what", what}, {"rule", Shown(c.rule)}}));
      }
      if (!IsCheckSeverity(c.severity)) Error(c.pos, detail::BadCheckSeverity(what, c.severity));
      for (const auto& s : c.in) {
        if (def_.FindState(s) == nullptr) Error(c.pos, detail::UnknownState(KeyOf(what, "in"), s));
      }
      for (const auto& f : c.evidence) CheckField(f, c.pos, KeyOf(what, "evidence"));
      if (c.expected == CheckDef::Expect::kNone && !c.when) {
        Error(c.pos, Msg("{what} has neither 'when' nor 'expected'", {{"what", what}}));
      }
      if (c.when) {
        CheckTransitionRefs(*c.when);
        CheckNoActor(*c.when, what);
      }
    }
  }

  void CheckDuplicate(const TransitionDef& t, std::map<std::pair<std::string, std::string>, int>* seen) {
    for (const auto& s : def_.states) {
      if (!t.AllowedFrom(s.name)) continue;
      auto [it, inserted] = seen->emplace(std::make_pair(t.name, s.name), t.pos.line);
      if (!inserted) {
        Error(t.pos, Msg("duplicate transition '{transition}' from state '{state}' (also at line {line})",
                         {{"transition", Shown(t.name)}, {"state", Shown(s.name)}, {"line", it->second}}));
        return;
      }
    }
  }

  // Forward reachability from the initial state; backward from the terminal states.
  void CheckReachability() {
    const StateDef* initial = def_.InitialState();
    std::map<std::string, std::set<std::string>> next, prev;
    for (const auto& t : def_.transitions) {
      if (def_.FindState(t.to) == nullptr) continue;
      for (const auto& s : def_.states) {
        if (!t.AllowedFrom(s.name)) continue;
        next[s.name].insert(t.to);
        prev[t.to].insert(s.name);
      }
    }
    auto closure = [](std::deque<std::string> todo, std::map<std::string, std::set<std::string>>& edges) {
      std::set<std::string> seen(todo.begin(), todo.end());
      while (!todo.empty()) {
        std::string s = todo.front();
        todo.pop_front();
        for (const auto& n : edges[s]) {
          if (seen.insert(n).second) todo.push_back(n);
        }
      }
      return seen;
    };
    if (initial != nullptr) {
      auto reached = closure({initial->name}, next);
      for (const auto& s : def_.states) {
        if (!reached.count(s.name)) {
          Warn(s.pos, Msg("state '{state}' cannot be reached from the initial state '{initial}'",
                          {{"state", Shown(s.name)}, {"initial", Shown(initial->name)}}));
        }
      }
    }
    std::deque<std::string> terminals;
    for (const auto& s : def_.states) {
      if (s.terminal) terminals.push_back(s.name);
    }
    if (terminals.empty()) return;  // already an error
    auto finishing = closure(terminals, prev);
    for (const auto& s : def_.states) {
      if (!finishing.count(s.name)) {
        Warn(s.pos, Msg("state '{state}' has no path to a terminal state, so items there can never finish",
                        {{"state", Shown(s.name)}}));
      }
    }
  }

  static void ReadFields(const Condition& c, std::vector<std::pair<std::string, SourcePos>>* out) {
    auto add = [&](const std::string& f) {
      if (!f.empty()) out->push_back({f, c.pos});
    };
    auto operand = [&](const Operand& o) {
      if (o.source == Operand::Source::kField) add(o.field);
      if (o.source == Operand::Source::kRef) add(o.ref);
    };
    switch (c.kind) {
      case Condition::Kind::kPresent:
      case Condition::Kind::kCompare:
      case Condition::Kind::kRefInState:
      case Condition::Kind::kNotListed:
      case Condition::Kind::kDeadline:
      case Condition::Kind::kActorsNotListed:
      case Condition::Kind::kKeeps:
      case Condition::Kind::kRole:
        add(c.field);
        break;
      case Condition::Kind::kSubset:
      case Condition::Kind::kDisjoint:
        add(c.field);
        operand(c.expected);
        if (c.field.empty()) operand(c.subject);
        for (const Operand& o : c.also) operand(o);
        break;
      case Condition::Kind::kNextAfter:
        add(c.ref);
        add(c.after);
        break;
      case Condition::Kind::kNoneOpen:
        add(c.before);
        break;
      case Condition::Kind::kQuorum:
      case Condition::Kind::kMajority:
      case Condition::Kind::kBallotExcludes:
      case Condition::Kind::kLastOfRole:
      case Condition::Kind::kWrittenOpinion:
        add(c.ballot);
        add(c.present);
        if (c.kind == Condition::Kind::kQuorum || c.kind == Condition::Kind::kMajority) operand(c.body);
        break;
      case Condition::Kind::kMemberOf:
        operand(c.body);
        break;
      case Condition::Kind::kLookup:
        operand(c.key);
        operand(c.expected);
        break;
      default:
        break;
    }
    for (const auto& op : c.operands) ReadFields(op, out);
  }

  // Fields conditions read must be declared, and something must be able to give them a value:
  // otherwise the condition's outcome is fixed and the author meant something else.
  void CheckConditionFields() {
    std::set<std::string> settable;
    auto add = [&](const TransitionDef& t) {
      settable.insert(t.sets.begin(), t.sets.end());
      settable.insert(t.required.begin(), t.required.end());
      for (const auto& e : t.effects) {
        if (e.kind == Effect::Kind::kSet || e.kind == Effect::Kind::kDefault) settable.insert(e.field);
      }
    };
    add(def_.create);
    for (const auto& t : def_.transitions) add(t);
    std::vector<std::pair<std::string, SourcePos>> read;
    if (def_.create.when) ReadFields(*def_.create.when, &read);
    for (const auto& t : def_.transitions) {
      if (t.when) ReadFields(*t.when, &read);
    }
    for (const auto& c : def_.checks) {
      if (c.when) ReadFields(*c.when, &read);
    }
    std::set<std::string> reported;
    for (const auto& [field, pos] : read) {
      if (!reported.insert(field).second) continue;
      if (def_.FindField(field) == nullptr) {
        Warn(pos, Msg("condition names undeclared field '{field}'", {{"field", Shown(field)}}));
      } else if (!settable.count(field)) {
        Warn(pos, Msg("condition reads field '{field}', but no transition, create or effect can set it", {{"field", Shown(field)}}));
      }
    }
  }

  const Definition& def_;
  const std::string& file_;
  std::vector<Diagnostic>* diags_;
};

}  // namespace

void LintWorkflow(const Definition& def, const std::string& file, std::vector<Diagnostic>* diags) {
  Linter(def, file, diags).Run();
}

}  // namespace docket
