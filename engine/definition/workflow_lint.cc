// LintWorkflow: checks on a finished Definition. The parser already rejects what it can see
// in the YAML; these checks also hold for definitions built in code, and add the graph-level
// warnings (reachability, dead ends, transitions nobody may take, fields nothing sets).
#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "definition/workflow_loader.h"
#include "definition/yaml_reader.h"

namespace docket {
namespace {

using detail::Quote;

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
  void Add(Diagnostic::Severity sev, SourcePos pos, std::string message) {
    Diagnostic d;
    d.file = file_;
    d.line = pos.line;
    d.column = pos.column;
    d.severity = sev;
    d.message = std::move(message);
    diags_->push_back(std::move(d));
  }
  void Error(SourcePos pos, std::string m) { Add(Diagnostic::Severity::kError, pos, std::move(m)); }
  void Warn(SourcePos pos, std::string m) { Add(Diagnostic::Severity::kWarning, pos, std::move(m)); }

  void CheckStates() {
    int initial = 0;
    bool terminal = false;
    for (const auto& s : def_.states) {
      if (s.initial && ++initial == 2) {
        Error(s.pos, "state " + Quote(s.name) + " is a second initial state; a workflow has exactly one");
      }
      terminal = terminal || s.terminal;
    }
    if (initial == 0) Error(def_.pos, "no initial state");
    if (!terminal) Error(def_.pos, "no terminal state");
  }

  void CheckField(const std::string& name, SourcePos pos, const std::string& what) {
    if (def_.FindField(name) == nullptr) Error(pos, what + " names unknown field " + Quote(name));
  }

  void CheckTransition(const TransitionDef& t, bool is_create) {
    std::string what = is_create ? std::string("create") : "transition " + Quote(t.name);
    for (const auto& s : t.from) {
      if (def_.FindState(s) == nullptr) Error(t.pos, what + ": from names unknown state " + Quote(s));
    }
    if (!is_create && def_.FindState(t.to) == nullptr) {
      Error(t.pos, what + ": to names unknown state " + Quote(t.to));
    }
    for (const auto& f : t.required) CheckField(f, t.pos, what + ": required");
    for (const auto& f : t.sets) CheckField(f, t.pos, what + ": sets");
    for (const auto& e : t.effects) {
      if (e.kind == Effect::Kind::kSet) CheckField(e.field, e.pos, what + ": effect");
      if (e.kind == Effect::Kind::kDefault) {
        CheckField(e.field, e.pos, what + ": default");
        CheckField(e.from.source == Operand::Source::kRef ? e.from.ref : e.from.field, e.pos, what + ": default from");
      }
      if (e.kind != Effect::Kind::kSpawn) continue;
      if (!e.for_each.empty()) CheckField(e.for_each, e.pos, what + ": spawn for_each");
      for (const auto& sf : e.spawn_fields) {
        if (sf.source == SpawnField::Source::kFrom) CheckField(sf.from, sf.pos, what + ": spawn from");
      }
    }
    if (t.when) CheckTransitionRefs(*t.when);
    // A create with no roles (or none declared) means items are only spawned by other items'
    // actions, never made by hand.
    if (!is_create && t.roles.empty() && t.roles_above.empty()) {
      Warn(t.pos, what + " lists no roles and no roles_above, so no one can take it");
    }
  }

  void CheckTransitionRefs(const Condition& c) {
    if (c.kind == Condition::Kind::kDistinctActor && !def_.HasTransitionNamed(c.transition)) {
      Error(c.pos, "distinct_actor names unknown transition " + Quote(c.transition));
    }
    if (c.kind == Condition::Kind::kActorsNotListed) {
      for (const auto& a : c.actions) {
        if (a != "create" && !def_.HasTransitionNamed(a)) {
          Error(c.pos, "actors_not_listed names unknown transition " + Quote(a));
        }
      }
    }
    if (c.kind == Condition::Kind::kDeadline && !HasTimer(c.timer)) {
      Error(c.pos, "deadline names timer " + Quote(c.timer) + ", which no state of this workflow declares");
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
  void CheckNoActor(const Condition& c, const std::string& what) {
    if ((c.kind == Condition::Kind::kRole && c.field.empty()) || c.kind == Condition::Kind::kDistinctActor ||
        c.kind == Condition::Kind::kNotListed) {
      Error(c.pos, what + ": '" + ConditionKindName(c.kind) +
                       "' is about the person acting, and a check has none (it reads the record); "
                       "use actors_not_listed for who acted, role with field for a recorded person's role");
    }
    for (const auto& op : c.operands) CheckNoActor(op, what);
  }

  void CheckChecks() {
    std::set<std::string> names;
    for (const auto& c : def_.checks) {
      const std::string what = "check " + Quote(c.name);
      if (c.name.empty()) Error(c.pos, "a check needs a name");
      if (!c.name.empty() && !names.insert(c.name).second) Error(c.pos, "two checks are named " + Quote(c.name));
      if (!IsRuleId(c.rule)) Error(c.pos, what + ": rule " + Quote(c.rule) + " is not a rule id (R1 ... R99)");
      if (!IsCheckSeverity(c.severity)) {
        Error(c.pos, what + ": severity " + Quote(c.severity) + " must be high, medium or low");
      }
      for (const auto& s : c.in) {
        if (def_.FindState(s) == nullptr) Error(c.pos, what + ": in names unknown state " + Quote(s));
      }
      for (const auto& f : c.evidence) CheckField(f, c.pos, what + ": evidence");
      if (c.expected == CheckDef::Expect::kNone && !c.when) {
        Error(c.pos, what + " has neither 'when' nor 'expected'");
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
        Error(t.pos, "duplicate transition " + Quote(t.name) + " from state " + Quote(s.name) +
                         " (also at line " + std::to_string(it->second) + ")");
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
          Warn(s.pos, "state " + Quote(s.name) + " cannot be reached from the initial state " +
                          Quote(initial->name));
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
        Warn(s.pos, "state " + Quote(s.name) +
                        " has no path to a terminal state, so items there can never finish");
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
        add(c.ballot);
        add(c.present);
        if (c.kind == Condition::Kind::kQuorum || c.kind == Condition::Kind::kMajority) operand(c.body);
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
        Warn(pos, "condition names undeclared field " + Quote(field));
      } else if (!settable.count(field)) {
        Warn(pos, "condition reads field " + Quote(field) +
                      ", but no transition, create or effect can set it");
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
