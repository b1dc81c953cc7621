// The condition kinds of the rules of procedure (quorum, majority, not_listed,
// ballot_excludes, last_of_role, lookup) and the ballot field: what the loader reads from
// YAML, and the message and position of each mistake.
#include <gtest/gtest.h>

#include "definition/workflow_loader.h"
#include "test_files.h"

namespace docket {
namespace {

using testing::FormatAll;

const std::string kHead =
    "id: w\nversion: 1\nfields:\n"
    "  body: {type: text}\n  present: {type: list, of: person}\n  recused: {type: list, of: person}\n"
    "  votes: {type: ballot, values: [agree, disagree, recused]}\n  category: {type: text}\n"
    "  meeting: {type: item}\n  note: {type: text}\n"
    "states: {s: {initial: true}, t: {terminal: true}}\n"
    "create: {roles: [x], sets: [body, present, recused, votes, category, meeting, note]}\n";

std::string WithWhen(const std::string& when) {
  return kHead + "transitions:\n  - name: go\n    from: s\n    to: t\n    roles: [x]\n    when: " + when + "\n";
}

std::optional<Definition> Parse(const std::string& yaml, std::vector<Diagnostic>* diags) {
  return ParseWorkflow(yaml, "w.yaml", diags);
}

TEST(GovernanceParse, ReadsEveryKind) {
  std::vector<Diagnostic> diags;
  auto def = Parse(WithWhen(
                       "[{quorum: {present: present, body: {field: body}, at_least: \"2/3\"}, rule: R3},"
                       " {majority: {ballot: votes, choice: agree, body: {ref: meeting, field: body}, base: present,"
                       " present: present}},"
                       " {not_listed: {field: votes, choice: recused}},"
                       " {ballot_excludes: {ballot: votes, persons: recused, allow: recused}},"
                       " {last_of_role: {ballot: votes, role: secretary}},"
                       " {lookup: {table: decision-matters, key: {field: category}, equals: {value: party-meeting}}}]"),
                   &diags);
  ASSERT_TRUE(def.has_value()) << FormatAll(diags);
  const auto& ops = def->transitions[0].when->operands;
  ASSERT_EQ(ops.size(), 6u);
  EXPECT_EQ(ops[0].kind, Condition::Kind::kQuorum);
  EXPECT_EQ(ops[0].present, "present");
  EXPECT_EQ(ops[0].body.field, "body");
  EXPECT_EQ(ops[0].threshold.num, 2);
  EXPECT_EQ(ops[0].threshold.den, 3);
  EXPECT_FALSE(ops[0].threshold.strict);
  EXPECT_EQ(ops[0].rule, "R3");
  EXPECT_EQ(ops[1].kind, Condition::Kind::kMajority);
  EXPECT_EQ(ops[1].base, MajorityBase::kPresent);
  EXPECT_EQ(ops[1].body.source, Operand::Source::kRef);
  EXPECT_EQ(ops[1].body.ref, "meeting");
  EXPECT_TRUE(ops[1].threshold.strict);  // more than 1/2 when not given
  EXPECT_EQ(ops[1].threshold.num, 1);
  EXPECT_EQ(ops[2].kind, Condition::Kind::kNotListed);
  EXPECT_EQ(ops[2].choice, "recused");
  EXPECT_EQ(ops[3].kind, Condition::Kind::kBallotExcludes);
  EXPECT_EQ(ops[3].present, "recused");
  EXPECT_EQ(ops[4].kind, Condition::Kind::kLastOfRole);
  EXPECT_EQ(ops[4].roles, std::vector<std::string>{"secretary"});
  EXPECT_EQ(ops[5].kind, Condition::Kind::kLookup);
  EXPECT_EQ(ops[5].expected.source, Operand::Source::kValue);
  EXPECT_EQ(ops[5].expected.value, "party-meeting");
  const FieldDef* votes = def->FindField("votes");
  ASSERT_NE(votes, nullptr);
  EXPECT_EQ(votes->type, FieldType::kBallot);
  EXPECT_EQ(votes->values, (std::vector<std::string>{"agree", "disagree", "recused"}));
}

TEST(GovernanceParse, ReportsEachMistakeWhereItIs) {
  struct Case {
    std::string when;
    int column;  // on the `when:` line (line 18)
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"{quorum: {present: note, body: {field: body}}}", 30,
            "quorum.present 'note' must be a list of person, not text"},
           {"{quorum: {present: present, body: {field: nobody}}}", 53, "quorum.body.field names unknown field 'nobody'"},
           {"{quorum: {present: present, body: {field: body}, more_than: \"3/2\"}}", 71,
            "quorum.more_than must be a fraction N/D between 0 and 1, e.g. \"1/2\" or \"2/3\""},
           {"{quorum: {present: present, body: {field: body}, more_than: \"1/2\", at_least: \"1/2\"}}", 20,
            "quorum takes one of more_than and at_least, not both"},
           {"{quorum: {present: present}}", 20, "quorum needs 'body'"},
           {"{majority: {ballot: present, choice: agree, body: {field: body}}}", 31,
            "majority.ballot 'present' must be a ballot, not list of person"},
           {"{majority: {ballot: votes, choice: yes, body: {field: body}}}", 46,
            "majority.choice 'yes' is not a position of 'votes' (agree, disagree, recused)"},
           {"{majority: {ballot: votes, choice: agree, body: {field: body}, base: all}}", 80,
            "majority.base must be members, present or cast"},
           {"{majority: {ballot: votes, choice: agree, body: {field: body}, base: present}}", 22,
            "majority (base present) needs 'present'"},
           {"{not_listed: {field: note}}", 32, "not_listed.field 'note' must be a person, a list of person or a ballot, not text"},
           {"{not_listed: {field: recused, choice: recused}}", 41, "not_listed.choice is only for a ballot field"},
           {"{ballot_excludes: {ballot: votes, persons: votes}}", 54,
            "ballot_excludes.persons 'votes' must be a list of person, not ballot"},
           {"{last_of_role: {ballot: votes}}", 26, "last_of_role needs 'role'"},
           {"{lookup: {table: t, key: {ref: note, field: body}, equals: {value: x}}}", 42,
            "lookup.key.ref 'note' must be of type item, not text"},
           {"{lookup: {table: t, key: {field: category, value: x}, equals: {value: x}}}", 36,
            "lookup.key is either {value: X} or {field: F} or {ref: ITEM_FIELD, field: F}"},
           {"{lookup: {table: t, key: {field: category}}}", 20, "lookup needs 'equals'"},
       }) {
    std::vector<Diagnostic> diags;
    auto def = Parse(WithWhen(c.when), &diags);
    EXPECT_FALSE(def.has_value()) << c.when;
    ASSERT_FALSE(diags.empty()) << c.when;
    EXPECT_EQ(diags[0].message, c.message) << c.when << "\n" << FormatAll(diags);
    EXPECT_EQ(diags[0].line, 18) << c.when;
    EXPECT_EQ(diags[0].column, c.column) << c.when << "\n" << diags[0].Format();
  }
}

TEST(GovernanceParse, BallotFieldMistakes) {
  const std::string tail = "states: {s: {initial: true, terminal: true}}\n";
  for (const auto& [yaml, message] : std::vector<std::pair<std::string, std::string>>{
           {"id: w\nversion: 1\nfields: {v: {type: ballot}}\n" + tail,
            "field 'v': a ballot needs 'values', the positions a person may state"},
           {"id: w\nversion: 1\nfields: {v: {type: list, of: ballot}}\n" + tail,
            "field 'v': lists cannot hold lists or ballots"},
       }) {
    std::vector<Diagnostic> diags;
    EXPECT_FALSE(Parse(yaml, &diags).has_value());
    ASSERT_FALSE(diags.empty());
    EXPECT_EQ(diags[0].message, message);
  }
}

TEST(GovernanceLint, WarnsWhenNothingSetsAFieldTheNewKindsRead) {
  const std::string yaml =
      "id: w\nversion: 1\nfields:\n  votes: {type: ballot, values: [agree]}\n  body: {type: text}\n"
      "states: {s: {initial: true}, t: {terminal: true}}\ncreate: {roles: [x], sets: [body]}\n"
      "transitions:\n  - {name: go, from: s, to: t, roles: [x],"
      " when: {majority: {ballot: votes, choice: agree, body: {field: body}}}}\n";
  std::vector<Diagnostic> diags;
  auto def = Parse(yaml, &diags);
  ASSERT_TRUE(def.has_value()) << FormatAll(diags);
  LintWorkflow(*def, "w.yaml", &diags);
  ASSERT_EQ(diags.size(), 1u) << FormatAll(diags);
  EXPECT_EQ(diags[0].message, "condition reads field 'votes', but no transition, create or effect can set it");
}

}  // namespace
}  // namespace docket
