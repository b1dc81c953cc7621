// ParseWorkflow on good input: the execution-matter fixture and a file using every feature.
#include "definition/workflow_loader.h"

#include <gtest/gtest.h>

#include "test_files.h"

namespace docket {
namespace {

using testing::FixturePath;
using testing::FormatAll;
using testing::FileText;
using testing::RepoPath;

Definition MustParse(const std::string& path, std::vector<Diagnostic>* diags) {
  auto def = ParseWorkflow(FileText(path), path, diags);
  EXPECT_TRUE(def.has_value()) << FormatAll(*diags);
  return def ? *def : Definition{};
}

TEST(WorkflowLoader, MatterParsesAndLintsClean) {
  std::vector<Diagnostic> diags;
  Definition def = MustParse(FixturePath("execution-matter.yaml"), &diags);
  LintWorkflow(def, "matter.yaml", &diags);
  EXPECT_TRUE(diags.empty()) << FormatAll(diags);
}

TEST(WorkflowLoader, MatterContents) {
  std::vector<Diagnostic> diags;
  Definition def = MustParse(FixturePath("execution-matter.yaml"), &diags);
  EXPECT_EQ(def.id, "matter");
  EXPECT_EQ(def.version, 1);
  EXPECT_EQ(def.labels.zh, "议题");
  EXPECT_EQ(def.labels.en, "Matter");
  ASSERT_EQ(def.fields.size(), 14u);
  EXPECT_EQ(def.fields[0].name, "title");
  const FieldDef* category = def.FindField("category");
  ASSERT_NE(category, nullptr);
  EXPECT_EQ(category->type, FieldType::kEnum);
  EXPECT_EQ(category->values.size(), 5u);
  EXPECT_EQ(category->pos.line, 11);
  EXPECT_EQ(category->pos.column, 3);
  const FieldDef* evidence = def.FindField("evidence");
  ASSERT_NE(evidence, nullptr);
  EXPECT_EQ(evidence->type, FieldType::kList);
  EXPECT_EQ(evidence->element, FieldType::kText);

  // States keep document order.
  std::vector<std::string> states;
  for (const auto& s : def.states) states.push_back(s.name);
  EXPECT_EQ(states, (std::vector<std::string>{"drafted", "submitted", "decided", "in_execution",
                                              "executed", "closed", "rejected", "withdrawn"}));
  ASSERT_NE(def.InitialState(), nullptr);
  EXPECT_EQ(def.InitialState()->name, "drafted");
  EXPECT_TRUE(def.IsTerminal("withdrawn"));

  EXPECT_EQ(def.create.name, "create");
  EXPECT_EQ(def.create.to, "drafted");
  EXPECT_EQ(def.create.roles, (std::vector<std::string>{"clerk", "secretary", "principal"}));
  EXPECT_EQ(def.create.required, (std::vector<std::string>{"title", "category"}));

  ASSERT_EQ(def.transitions.size(), 8u);
  const TransitionDef& submit = def.transitions[0];
  EXPECT_EQ(submit.name, "submit");
  EXPECT_EQ(submit.pos.line, 64);
  ASSERT_TRUE(submit.when.has_value());
  EXPECT_EQ(submit.when->kind, Condition::Kind::kAny);
  EXPECT_EQ(submit.when->message.en, "A large-spending matter must state its amount");
  ASSERT_EQ(submit.when->operands.size(), 2u);
  EXPECT_EQ(submit.when->operands[0].kind, Condition::Kind::kCompare);
  EXPECT_EQ(submit.when->operands[0].op, CompareOp::kNotEquals);
  EXPECT_EQ(submit.when->operands[0].values, std::vector<Value>{Value("large-spending")});
  EXPECT_EQ(submit.when->operands[1].kind, Condition::Kind::kPresent);
  EXPECT_EQ(submit.when->operands[1].field, "amount");

  const TransitionDef* decide = def.FindTransition("decide", "submitted");
  ASSERT_NE(decide, nullptr);
  ASSERT_EQ(decide->effects.size(), 2u);
  EXPECT_EQ(decide->effects[0].field, "decided_by");
  EXPECT_EQ(decide->effects[0].computed, Effect::Computed::kActor);
  EXPECT_EQ(decide->effects[1].computed, Effect::Computed::kNow);

  const TransitionDef* report = def.FindTransition("report", "in_execution");
  ASSERT_NE(report, nullptr);
  ASSERT_TRUE(report->when.has_value());
  ASSERT_EQ(report->when->operands.size(), 2u);
  EXPECT_EQ(report->when->operands[0].op, CompareOp::kGreaterEq);
  EXPECT_EQ(report->when->operands[0].values, std::vector<Value>{Value(0)});  // typed integer

  const TransitionDef* close = def.FindTransition("close", "executed");
  ASSERT_NE(close, nullptr);
  EXPECT_EQ(close->when->kind, Condition::Kind::kDistinctActor);
  EXPECT_EQ(close->when->transition, "complete");
  EXPECT_EQ(close->when->rule, "R12");

  const TransitionDef* withdraw = def.FindTransition("withdraw", "submitted");
  ASSERT_NE(withdraw, nullptr);
  EXPECT_EQ(withdraw->from, (std::vector<std::string>{"drafted", "submitted"}));
}

TEST(WorkflowLoader, EveryFeature) {
  std::vector<Diagnostic> diags;
  Definition def = MustParse(FixturePath("lint/features.yaml"), &diags);
  LintWorkflow(def, "features.yaml", &diags);
  EXPECT_TRUE(diags.empty()) << FormatAll(diags);
  EXPECT_EQ(def.version, 3);
  EXPECT_EQ(def.FindField("meeting")->workflow, "meeting");
  EXPECT_EQ(def.FindField("tags")->element, FieldType::kEnum);
  EXPECT_EQ(def.FindField("tags")->values, (std::vector<std::string>{"x", "y"}));

  const TransitionDef& send = def.transitions[0];
  EXPECT_EQ(send.roles_above, std::vector<std::string>{"inspector"});
  ASSERT_TRUE(send.when.has_value());
  const Condition& all = *send.when;  // a YAML list means all
  EXPECT_EQ(all.kind, Condition::Kind::kAll);
  ASSERT_EQ(all.operands.size(), 6u);
  EXPECT_EQ(all.operands[0].values, std::vector<Value>{Value("100.00")});  // canonical money
  EXPECT_EQ(all.operands[1].op, CompareOp::kIn);
  EXPECT_EQ(all.operands[1].values, (std::vector<Value>{Value("a"), Value("b")}));
  EXPECT_EQ(all.operands[2].values, std::vector<Value>{Value("2026-09-01")});
  EXPECT_EQ(all.operands[3].values, std::vector<Value>{Value(true)});
  EXPECT_EQ(all.operands[4].kind, Condition::Kind::kNot);
  ASSERT_EQ(all.operands[4].operands.size(), 1u);
  EXPECT_EQ(all.operands[4].operands[0].kind, Condition::Kind::kPresent);
  const Condition& any = all.operands[5];
  EXPECT_EQ(any.rule, "R7");
  EXPECT_EQ(any.message.zh, "须经批准");
  EXPECT_EQ(any.operands[0].scope, RoleScope::kAbove);
  EXPECT_EQ(any.operands[1].scope, RoleScope::kOrg);
  EXPECT_EQ(any.operands[1].roles, std::vector<std::string>{"principal"});

  const TransitionDef& finish = def.transitions[1];
  const auto& ops = finish.when->operands;
  ASSERT_EQ(ops.size(), 4u);
  EXPECT_EQ(ops[0].kind, Condition::Kind::kDistinctActor);
  EXPECT_EQ(ops[1].kind, Condition::Kind::kChildrenTerminal);
  EXPECT_EQ(ops[1].workflow, "");
  EXPECT_EQ(ops[2].workflow, "task");
  EXPECT_EQ(ops[3].kind, Condition::Kind::kRefInState);
  EXPECT_EQ(ops[3].field, "meeting");
  EXPECT_EQ(ops[3].states, std::vector<std::string>{"held"});
  ASSERT_EQ(finish.effects.size(), 6u);
  EXPECT_EQ(finish.effects[1].computed, Effect::Computed::kToday);
  EXPECT_EQ(finish.effects[3].computed, Effect::Computed::kNone);
  EXPECT_EQ(finish.effects[3].value, Value("$5"));
  EXPECT_EQ(finish.effects[4].value, Value(7));
  EXPECT_TRUE(finish.effects[5].value.is_null());
  EXPECT_EQ(finish.effects[5].pos.line, 61);

  const TransitionDef& cancel = def.transitions[2];
  EXPECT_TRUE(cancel.from_any);
  EXPECT_TRUE(cancel.AllowedFrom("review"));
}

TEST(WorkflowLoader, NoCreateSectionMeansNoOneCreatesByHand) {
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow("id: x\nversion: 1\nstates: {a: {initial: true, terminal: true}}\n", "x",
                           &diags);
  ASSERT_TRUE(def.has_value()) << FormatAll(diags);
  EXPECT_EQ(def->create.name, "create");
  EXPECT_EQ(def->create.to, "a");
  EXPECT_TRUE(def->create.roles.empty());
  LintWorkflow(*def, "x", &diags);
  EXPECT_TRUE(diags.empty()) << FormatAll(diags);
}

// Labels are keyed by language code, so a third language's texts go in without a schema
// change; a key that is no language code is an error naming it.
TEST(WorkflowLoader, LabelsTakeAnyLanguageCode) {
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow("id: x\nversion: 1\nlabels: {zh: 议题, en: Matter, ja: 議題, ug-CN: x}\n"
                           "states: {a: {initial: true, terminal: true}}\n",
                           "x", &diags);
  ASSERT_TRUE(def.has_value()) << FormatAll(diags);
  EXPECT_TRUE(diags.empty()) << FormatAll(diags);
  EXPECT_EQ(def->labels.zh, "议题");
  EXPECT_EQ(def->labels.more.at("ja"), "議題");
  EXPECT_EQ(def->labels.more.at("ug-CN"), "x");
  std::vector<Diagnostic> bad;
  ParseWorkflow("id: x\nversion: 1\nlabels: {Chinese: 议题}\nstates: {a: {initial: true, terminal: true}}\n", "x",
                &bad);
  ASSERT_FALSE(bad.empty());
  EXPECT_NE(FormatAll(bad).find("unknown key 'Chinese' in labels; the keys are language codes"), std::string::npos)
      << FormatAll(bad);
}

TEST(Diagnostic, Format) {
  Diagnostic d{"w.yaml", 3, 7, Diagnostic::Severity::kError, "bad"};
  EXPECT_EQ(d.Format(), "w.yaml:3:7: error: bad");
  d.severity = Diagnostic::Severity::kWarning;
  EXPECT_EQ(d.Format(), "w.yaml:3:7: warning: bad");
  d.line = 0;
  EXPECT_EQ(d.Format(), "w.yaml: warning: bad");
  EXPECT_FALSE(HasErrors({d}));
  d.severity = Diagnostic::Severity::kError;
  EXPECT_TRUE(HasErrors({d}));
}

}  // namespace
}  // namespace docket
