// LintWorkflow: each warning kind, and the errors it finds in definitions built in code.
#include <gtest/gtest.h>

#include "definition/workflow_loader.h"
#include "test_files.h"

namespace docket {
namespace {

using testing::FixturePath;
using testing::FormatAll;
using testing::FileText;
using testing::RepoPath;

Definition Load(const std::string& path) {
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow(FileText(path), path, &diags);
  EXPECT_TRUE(def.has_value()) << FormatAll(diags);
  return def ? *def : Definition{};
}

std::vector<std::string> Lint(const Definition& def) {
  std::vector<Diagnostic> diags;
  LintWorkflow(def, "w.yaml", &diags);
  std::vector<std::string> out;
  for (const auto& d : diags) out.push_back(d.Format());
  return out;
}

TEST(WorkflowLint, EveryWarningKind) {
  Definition def = Load(FixturePath("lint/warnings.yaml"));
  EXPECT_EQ(Lint(def),
            (std::vector<std::string>{
                "w.yaml:24:5: warning: transition 'finish' lists no roles and no roles_above, so "
                "no one can take it",
                "w.yaml:10:3: warning: state 'orphan' cannot be reached from the initial state 'open'",
                "w.yaml:9:3: warning: state 'stuck' has no path to a terminal state, so items there "
                "can never finish",
                "w.yaml:28:7: warning: condition reads field 'score', but no transition, create or "
                "effect can set it",
            }));
}

TEST(WorkflowLint, ConditionOnUndeclaredFieldInCode) {
  Definition def = Load(FixturePath("execution-matter.yaml"));
  def.transitions[0].when->operands[1].field = "budget";
  EXPECT_EQ(Lint(def), (std::vector<std::string>{
                           "w.yaml:72:11: warning: condition names undeclared field 'budget'"}));
}

// A create with no roles means the items are spawned only; a transition with none is a mistake.
TEST(WorkflowLint, CreateWithoutRoles) {
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow("id: x\nversion: 1\nstates: {a: {initial: true}, b: {terminal: true}}\n"
                           "create: {roles: []}\ntransitions:\n  - {name: go, from: a, to: b, roles: []}\n",
                           "x", &diags);
  ASSERT_TRUE(def.has_value()) << FormatAll(diags);
  EXPECT_EQ(Lint(*def), (std::vector<std::string>{
                            "w.yaml:6:5: warning: transition 'go' lists no roles and no roles_above, so no "
                            "one can take it"}));
}

TEST(WorkflowLint, StructuralErrorsInCode) {
  Definition def = Load(FixturePath("execution-matter.yaml"));
  def.transitions[0].to = "nowhere";
  def.transitions[1].required.push_back("ghost");
  Effect phantom;
  phantom.field = "phantom";
  phantom.computed = Effect::Computed::kNow;
  phantom.pos = {9, 9};
  def.transitions[2].effects.push_back(phantom);
  def.transitions[7].when = Condition{};
  def.transitions[7].when->kind = Condition::Kind::kDistinctActor;
  def.transitions[7].when->transition = "vanish";
  def.transitions.push_back(def.transitions[3]);  // `start` from `decided` twice
  def.states[1].initial = true;
  def.states[5].terminal = def.states[6].terminal = def.states[7].terminal = false;
  std::vector<Diagnostic> diags;
  LintWorkflow(def, "w.yaml", &diags);
  std::string all = FormatAll(diags);
  for (const char* want : {
           "w.yaml:30:3: error: state 'submitted' is a second initial state",
           "w.yaml:5:1: error: no terminal state",
           "w.yaml:64:5: error: transition 'submit': to names unknown state 'nowhere'",
           "error: transition 'decide': required names unknown field 'ghost'",
           "w.yaml:9:9: error: transition 'reject': effect names unknown field 'phantom'",
           "error: distinct_actor names unknown transition 'vanish'",
           "error: duplicate transition 'start' from state 'decided' (also at line 93)",
       }) {
    EXPECT_NE(all.find(want), std::string::npos) << want << "\n--- got:\n" << all;
  }
}

}  // namespace
}  // namespace docket
