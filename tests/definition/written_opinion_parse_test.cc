// The condition `written_opinion: {ballot, choice, present, by, since}` (R7: absent with a
// written opinion only for a member absent who wrote one) and `keeps` on a person field (a
// sign-off once given is not replaced): what the loader reads and its mistakes with their place.
#include <gtest/gtest.h>

#include "definition/workflow_loader.h"
#include "test_files.h"

namespace docket {
namespace {

using testing::FormatAll;

// The vote's `when` is on line 11.
std::string Workflow(const std::string& when) {
  return "id: w\nversion: 1\nfields:\n"
         "  votes: {type: ballot, values: [agree, absent-with-opinion]}\n"
         "  present: {type: list, of: person}\n  opinion: {type: text}\n  signed: {type: person}\n"
         "states: {open: {initial: true}, done: {terminal: true}}\n"
         "transitions:\n  - {name: opine, from: open, to: open, roles: [x], required: [opinion], effects: [{set: signed, value: $actor}]}\n"
         "  - {name: vote, from: open, to: open, roles: [x], required: [votes], sets: [present], when: " + when + "}\n"
         "  - {name: close, from: open, to: done, roles: [x]}\n";
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

TEST(WrittenOpinionConditionParse, ReadsItsFields) {
  std::vector<Diagnostic> diags;
  auto def = Load(Workflow("{written_opinion: {ballot: votes, choice: absent-with-opinion, present: present, by: opine, since: close}, rule: R7}"),
                  &diags);
  ASSERT_TRUE(def.has_value()) << FormatAll(diags);
  EXPECT_TRUE(diags.empty()) << FormatAll(diags);
  const Condition& c = *def->transitions.at(1).when;
  EXPECT_EQ(c.kind, Condition::Kind::kWrittenOpinion);
  EXPECT_EQ(c.ballot, "votes");
  EXPECT_EQ(c.choice, "absent-with-opinion");
  EXPECT_EQ(c.present, "present");
  EXPECT_EQ(c.transition, "opine");
  EXPECT_EQ(c.since, "close");
  EXPECT_EQ(c.rule, "R7");
  EXPECT_STREQ(ConditionKindName(c.kind), "written_opinion");
}

TEST(WrittenOpinionConditionParse, NamesEachMistakeWhereItIs) {
  struct Case {
    const char* when;
    const char* part;
  } cases[] = {
      {"{written_opinion: {ballot: votes, choice: absent-with-opinion, present: present}}", "by"},
      {"{written_opinion: {ballot: votes, choice: abroad, present: present, by: opine}}", "'abroad' is not a position of 'votes'"},
      {"{written_opinion: {ballot: present, choice: agree, present: present, by: opine}}", "ballot"},
      {"{written_opinion: {ballot: votes, choice: agree, present: opinion, by: opine}}", "a list of person"},
      {"{written_opinion: {ballot: votes, choice: agree, present: present, by: nothing}}", "nothing"},
      {"{written_opinion: {ballot: votes, choice: agree, present: present, by: opine, since: never}}", "never"},
      {"{written_opinion: {ballot: votes, choice: agree, present: present, by: opine, until: close}}", "'until'"},
  };
  for (const Case& c : cases) {
    std::vector<Diagnostic> diags;
    EXPECT_FALSE(Load(Workflow(c.when), &diags).has_value()) << c.when;
    EXPECT_TRUE(HasError(diags, c.part, 11)) << c.when << "\n" << FormatAll(diags);
  }
}

TEST(WrittenOpinionConditionParse, KeepsTakesAPersonFieldButNotText) {
  std::vector<Diagnostic> diags;
  auto def = Load(Workflow("{keeps: signed}"), &diags);
  ASSERT_TRUE(def.has_value()) << FormatAll(diags);
  EXPECT_EQ(def->transitions.at(1).when->kind, Condition::Kind::kKeeps);
  diags.clear();
  EXPECT_FALSE(Load(Workflow("{keeps: opinion}"), &diags).has_value());
  EXPECT_TRUE(HasError(diags, "must be a list field or a person field", 11)) << FormatAll(diags);
}

}  // namespace
}  // namespace docket
