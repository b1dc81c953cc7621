// The condition `member_of: {body: OPERAND}` (the actor is a voting member of a body): what
// the loader reads, its mistakes with their place, and lint's refusal of it in a check (a
// check has no actor).
#include <gtest/gtest.h>

#include "definition/workflow_loader.h"
#include "test_files.h"

namespace docket {
namespace {

using testing::FormatAll;

// Lines 1-9; the transition's `when` is on line 8, the checks begin on line 10.
std::string Workflow(const std::string& when, const std::string& checks = "") {
  return "id: w\nversion: 1\nfields:\n  meeting: {type: item, workflow: meeting}\n"
         "states: {open: {initial: true}, done: {terminal: true}}\n"
         "create: {roles: [x], sets: [meeting]}\n"
         "transitions:\n  - {name: opine, from: open, to: open, roles: [x], when: " + when + "}\n"
         "  - {name: close, from: open, to: done, roles: [x]}\n" + checks;
}

std::optional<Definition> Load(const std::string& yaml, std::vector<Diagnostic>* diags) {
  auto def = ParseWorkflow(yaml, "w.yaml", diags);
  if (def) LintWorkflow(*def, "w.yaml", diags);
  return def;
}

bool HasError(const std::vector<Diagnostic>& diags, const std::string& part, int line) {
  for (const auto& d : diags) {
    if (d.severity == Diagnostic::Severity::kError && d.message.find(part) != std::string::npos && d.line == line) return true;
  }
  return false;
}

TEST(MemberOfParse, ReadsTheBodyOperand) {
  std::vector<Diagnostic> diags;
  auto def = Load(Workflow("{member_of: {body: {ref: meeting, field: body}}, rule: R2}"), &diags);
  ASSERT_TRUE(def.has_value()) << FormatAll(diags);
  EXPECT_TRUE(diags.empty()) << FormatAll(diags);
  const Condition& c = *def->transitions.at(0).when;
  EXPECT_EQ(c.kind, Condition::Kind::kMemberOf);
  EXPECT_EQ(c.body.source, Operand::Source::kRef);
  EXPECT_EQ(c.body.ref, "meeting");
  EXPECT_EQ(c.body.field, "body");
  EXPECT_EQ(c.rule, "R2");
  EXPECT_STREQ(ConditionKindName(c.kind), "member_of");
}

TEST(MemberOfParse, NeedsABodyAndNothingElse) {
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(Load(Workflow("{member_of: {}}"), &diags).has_value());
  EXPECT_TRUE(HasError(diags, "body", 8)) << FormatAll(diags);
  diags.clear();
  EXPECT_FALSE(Load(Workflow("{member_of: {body: {value: party-meeting}, of: x}}"), &diags).has_value());
  EXPECT_TRUE(HasError(diags, "'of'", 8)) << FormatAll(diags);
  diags.clear();
  EXPECT_FALSE(Load(Workflow("{member_of: {body: {field: nowhere}}}"), &diags).has_value());
  EXPECT_TRUE(HasError(diags, "nowhere", 8)) << FormatAll(diags);
}

TEST(MemberOfParse, IsAnErrorInACheckWhichHasNoActor) {
  std::vector<Diagnostic> diags;
  auto def = Load(Workflow("{present: meeting}",
                           "checks:\n  - name: by_member\n    rule: R2\n    severity: low\n"
                           "    when: {member_of: {body: {value: party-meeting}}}\n    message: {en: x}\n"),
                  &diags);
  EXPECT_TRUE(HasError(diags, "'member_of' is about the person acting", 14)) << FormatAll(diags);
}

}  // namespace
}  // namespace docket
