// ParseWorkflow on bad input: each mistake gives a clear message at its line and column,
// every mistake in a file is reported, and no input crashes the loader.
#include <gtest/gtest.h>

#include <random>

#include "definition/workflow_loader.h"
#include "test_files.h"

namespace docket {
namespace {

using testing::FixturePath;
using testing::FormatAll;
using testing::FileText;

struct BadCase {
  const char* fixture;  // under fixtures/bad/
  int line;
  int column;
  const char* message;  // a substring of the first error
};

class BadWorkflow : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadWorkflow, ReportsTheMistakeWhereItIs) {
  const BadCase& c = GetParam();
  std::string path = FixturePath(std::string("bad/") + c.fixture);
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow(FileText(path), c.fixture, &diags);
  EXPECT_FALSE(def.has_value());
  ASSERT_FALSE(diags.empty());
  EXPECT_EQ(diags.size(), 1u) << FormatAll(diags);
  const Diagnostic& d = diags[0];
  EXPECT_EQ(d.severity, Diagnostic::Severity::kError);
  EXPECT_EQ(d.file, c.fixture);
  EXPECT_EQ(d.line, c.line) << d.Format();
  EXPECT_EQ(d.column, c.column) << d.Format();
  EXPECT_NE(d.message.find(c.message), std::string::npos) << d.Format();
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadWorkflow,
    ::testing::Values(
        BadCase{"syntax_error.yaml", 5, 7, "YAML syntax error: end of map flow not found"},
        BadCase{"unknown_key.yaml", 10, 5,
                "unknown key 'role' in transition 'finish'; allowed keys: name, labels, from, to, "
                "roles, roles_above, required, sets, when, effects"},
        BadCase{"bad_type.yaml", 4, 18,
                "field 'amount': unknown type 'monye'; expected one of: text, integer, number, "
                "money, date, datetime, enum, bool, person, item, list"},
        BadCase{"two_initial.yaml", 5, 3,
                "state 'draft' is marked initial, but 'open' (line 4) already is"},
        BadCase{"no_terminal.yaml", 3, 1, "no terminal state"},
        BadCase{"unknown_state.yaml", 9, 9, "transition 'finish': to names unknown state 'finished'"},
        BadCase{"unknown_field.yaml", 13, 21, "present names unknown field 'amout'"},
        BadCase{"bad_money.yaml", 14, 48,
                "bad compare value: field 'amount' (money): '12.345' is not an amount of money"},
        BadCase{"unknown_kind.yaml", 14, 7,
                "unknown condition kind 'exists'; expected one of: all, any, not, present, "
                "compare, role, distinct_actor, children_terminal, ref_state"},
        BadCase{"bad_op_enum.yaml", 14, 38,
                "op '<' needs an ordered field (integer, number, money, date or datetime), but "
                "'category' is enum"},
        BadCase{"duplicate_transition.yaml", 12, 11,
                "duplicate transition 'finish' from state 'review' (also at line 8)"}),
    [](const ::testing::TestParamInfo<BadCase>& info) {
      std::string name = info.param.fixture;
      return name.substr(0, name.find('.'));
    });

TEST(BadWorkflowFile, ReportsEveryErrorInOnePass) {
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow(FileText(FixturePath("bad/many_errors.yaml")), "many.yaml", &diags);
  EXPECT_FALSE(def.has_value());
  std::vector<std::string> got;
  for (const auto& d : diags) got.push_back(d.Format());
  EXPECT_EQ(got, (std::vector<std::string>{
                     "many.yaml:2:5: error: id 'Bad Id' is not a valid name: use lower-case "
                     "letters, digits, '_' and '-', starting with a letter (at most 64 characters)",
                     "many.yaml:5:25: error: unknown key 'colour' in field 'amount'; allowed keys: "
                     "type, of, values, workflow, once, negative, labels",
                     "many.yaml:11:11: error: transition 'finish': from names unknown state 'opened'",
                     "many.yaml:15:49: error: bad compare value: field 'amount' (money): 'lots' is "
                     "not an amount of money (digits with at most two decimals)",
                     "many.yaml:21:15: error: effect.set names unknown field 'reopened_at'",
                 }))
      << FormatAll(diags);
}

std::string Nested(int depth) {
  std::string when;
  for (int i = 0; i < depth; ++i) when += "{not: ";
  when += "{present: amount}" + std::string(depth, '}');
  return "id: deep\nversion: 1\nfields: {amount: {type: money}}\n"
         "states: {a: {initial: true}, b: {terminal: true}}\n"
         "transitions:\n  - {name: go, from: a, to: b, roles: [x], when: " + when + "}\n";
}

TEST(BadWorkflowFile, NestingIsCapped) {
  std::vector<Diagnostic> diags;
  EXPECT_TRUE(ParseWorkflow(Nested(30), "deep.yaml", &diags).has_value()) << FormatAll(diags);
  diags.clear();
  EXPECT_FALSE(ParseWorkflow(Nested(40), "deep.yaml", &diags).has_value());
  ASSERT_EQ(diags.size(), 1u) << FormatAll(diags);
  EXPECT_EQ(diags[0].line, 6);
  EXPECT_NE(diags[0].message.find("nested more than 32 levels deep"), std::string::npos);
  // Far deeper than any stack: yaml-cpp's own depth guard answers, as a syntax error.
  diags.clear();
  EXPECT_FALSE(ParseWorkflow(Nested(100000), "deep.yaml", &diags).has_value());
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].message.find("YAML syntax error"), std::string::npos) << diags[0].Format();
}

TEST(BadWorkflowFile, AliasBombIsBounded) {
  // Each level is an `all` of eight aliases of the level below: 8^12 conditions if expanded.
  std::string yaml = "id: bomb\nversion: 1\nfields: {f: {type: text}}\n"
         "states: {a: {initial: true}, b: {terminal: true}}\ntransitions:\n"
         "  - {name: t0, from: a, to: b, roles: [x], when: &c0 {all: [{present: f}, {present: f}, "
         "{present: f}, {present: f}, {present: f}, {present: f}, {present: f}, {present: f}]}}\n";
  for (int i = 1; i < 12; ++i) {
    std::string prev = "*c" + std::to_string(i - 1);
    yaml += "  - {name: t" + std::to_string(i) + ", from: a, to: b, roles: [x], when: &c" +
            std::to_string(i) + " {all: [" + prev + ", " + prev + ", " + prev + ", " + prev + ", " +
            prev + ", " + prev + ", " + prev + ", " + prev + "]}}\n";
  }
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(ParseWorkflow(yaml, "bomb.yaml", &diags).has_value());
  ASSERT_FALSE(diags.empty());
  EXPECT_NE(FormatAll(diags).find("more than 10000 conditions"), std::string::npos)
      << FormatAll(diags).substr(0, 500);
}

TEST(BadWorkflowFile, OversizeInputIsRefusedUnread) {
  std::string yaml = "id: big\n# " + std::string(std::size_t{1} << 20, 'x') + "\n";
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(ParseWorkflow(yaml, "big.yaml", &diags).has_value());
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].Format(),
            "big.yaml: error: input is 1048587 bytes; the limit is 1048576 bytes (1 MiB)");
}

TEST(BadWorkflowFile, BinaryGarbageNeverCrashes) {
  std::mt19937 rng(20260301);
  for (int round = 0; round < 300; ++round) {
    std::string junk(1 + rng() % 2000, '\0');
    for (auto& c : junk) c = static_cast<char>(rng() % 256);
    if (round % 2 == 0) {
      for (auto& c : junk) if (c == '\0') c = '{';  // past the NUL check, into the parser
    }
    std::vector<Diagnostic> diags;
    EXPECT_FALSE(ParseWorkflow(junk, "junk.bin", &diags).has_value());
    EXPECT_TRUE(HasErrors(diags)) << round;
  }
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(ParseWorkflow(std::string("id: x\0\x01\x02", 8), "nul.bin", &diags).has_value());
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].message.find("NUL"), std::string::npos);
}

TEST(BadWorkflowFile, NotAMappingOrEmpty) {
  struct Case {
    std::string yaml;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"", "the file is empty"},
           {"# only a comment\n", "the file is empty"},
           {"just text", "a workflow file must be a mapping"},
           {"- a\n- b\n", "a workflow file must be a mapping"},
           {"{id: x}", "a workflow needs 'version'"},
       }) {
    std::vector<Diagnostic> diags;
    EXPECT_FALSE(ParseWorkflow(c.yaml, "f", &diags).has_value());
    ASSERT_FALSE(diags.empty()) << c.yaml;
    EXPECT_NE(diags[0].message.find(c.message), std::string::npos) << diags[0].Format();
  }
}

// Smaller mistakes, one line each: the YAML after the common header, and the message.
TEST(BadWorkflowFile, MoreMistakes) {
  const std::string head =
      "id: w\nversion: 1\nfields:\n  amount: {type: money}\n  kind: {type: enum, values: [a, b]}\n"
      "  ref: {type: item}\n  tags: {type: list, of: text}\n"
      "states: {s: {initial: true}, t: {terminal: true}}\n";
  auto tr = [&](const std::string& rest) {
    return head + "transitions:\n  - {name: go, from: s, to: t, roles: [x], " + rest + "}\n";
  };
  struct Case {
    std::string yaml;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {head + "version: 2\n", "duplicate key 'version'"},
           {"id: w\nversion: 0\nstates: {s: {initial: true, terminal: true}}\n",
            "version must be a positive whole number"},
           {"id: w\nversion: 1\nstates: {s: {initial: yes, terminal: true}}\n",
            "must be true or false"},
           {"id: w\nversion: 1\nstates: {any: {initial: true, terminal: true}}\n",
            "'any' cannot be a state name"},
           {"id: w\nversion: 1\nfields: {l: {type: list}}\nstates: {s: {initial: true, terminal: true}}\n",
            "a list needs 'of'"},
           {"id: w\nversion: 1\nfields: {l: {type: list, of: list}}\nstates: {s: {initial: true, terminal: true}}\n",
            "lists cannot hold lists"},
           {"id: w\nversion: 1\nfields: {e: {type: enum}}\nstates: {s: {initial: true, terminal: true}}\n",
            "an enum needs 'values'"},
           {"id: w\nversion: 1\nfields: {e: {type: enum, values: [a, a]}}\nstates: {s: {initial: true, terminal: true}}\n",
            "appears twice"},
           {"id: w\nversion: 1\nfields: {e: {type: text, values: [a]}}\nstates: {s: {initial: true, terminal: true}}\n",
            "'values' is only for enum fields"},
           {"id: w\nversion: 1\nfields: {n: {type: integer, negative: true}}\nstates: {s: {initial: true, terminal: true}}\n",
            "'negative' is only for money fields"},
           {"id: w\nversion: 1\nfields: {m: {type: money, negative: maybe}}\nstates: {s: {initial: true, terminal: true}}\n",
            "must be true or false"},
           {"id: w\nversion: 1\nstates: {s: {}}\n", "no initial state"},
           {tr("when: {compare: {field: kind, op: in, value: a}}"), "op 'in' takes 'values: [...]'"},
           {tr("when: {compare: {field: kind, op: equals, values: [a]}}"), "op 'equals' takes one 'value'"},
           {tr("when: {compare: {field: kind, op: like, value: a}}"), "unknown compare op 'like'"},
           {tr("when: {compare: {field: kind, op: equals, value: c}}"), "is not one of: a, b"},
           {tr("when: {compare: {field: kind, op: equals}}"), "op 'equals' takes one 'value'"},
           {tr("when: {present: amount, compare: {field: kind, op: equals, value: a}}"),
            "a condition has one kind"},
           {tr("when: {rule: R1}"), "condition has no kind"},
           {tr("when: {role: {roles: [x], scope: everywhere}}"), "role.scope must be 'org' or 'above'"},
           {tr("when: {role: {roles: []}}"), "must name at least one role"},
           {tr("when: {distinct_actor: nobody}"), "distinct_actor names unknown transition 'nobody'"},
           {tr("when: {children_terminal: false}"), "children_terminal takes 'true'"},
           {tr("when: {ref_state: {field: amount, states: [held]}}"), "must be of type item"},
           {tr("when: {all: []}"), "all takes a non-empty list"},
           {tr("when: present"), "a condition must be a mapping"},
           {tr("effects: [{set: amount, value: $now}]"), "$now gives a datetime, but field 'amount' is money"},
           {tr("effects: [{set: amount, value: $soon}]"), "unknown computed value '$soon'"},
           {tr("effects: [{set: amount, value: 1.234}]"), "bad effect value"},
           {tr("effects: [{set: amount}]"), "effect needs 'value'"},
           {tr("required: [amount, amount]"), "appears twice"},
           {tr("sets: amount"), "must be a list of field names"},
           {tr("roles_above: [Boss]"), "is not a valid name"},
           {head + "transitions:\n  - {from: s, to: t}\n", "needs 'name'"},
           {head + "transitions:\n  - {name: create, from: s, to: t}\n", "'create' is reserved"},
           {head + "transitions:\n  - {name: go, to: t}\n", "needs 'from'"},
           {head + "transitions:\n  - {name: go, from: {s: 1}, to: t}\n", "from must be a state"},
           {head + "transitions: {go: 1}\n", "transitions must be a list"},
           {head + "create: {to: t}\n", "unknown key 'to' in create"},
       }) {
    std::vector<Diagnostic> diags;
    EXPECT_FALSE(ParseWorkflow(c.yaml, "f", &diags).has_value()) << c.yaml;
    EXPECT_NE(FormatAll(diags).find(c.message), std::string::npos)
        << c.yaml << "\n--- got:\n" << FormatAll(diags);
    for (const auto& d : diags) EXPECT_GT(d.line, 0) << d.Format();
  }
}

}  // namespace
}  // namespace docket
