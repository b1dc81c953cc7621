// `checks:` (compliance findings) and the condition kinds about the record over time
// (deadline, actors_not_listed, compare with $now/$today): what the loader reads, and the
// message, line and column of each mistake — from the parser or from lint.
#include <gtest/gtest.h>

#include "definition/workflow_loader.h"
#include "test_files.h"

namespace docket {
namespace {

using testing::FormatAll;

// Lines 1-17; the checks begin on line 18.
const std::string kHead =
    "id: w\nversion: 1\nfields:\n"
    "  category: {type: text}\n  due_date: {type: date}\n  done_at: {type: datetime}\n"
    "  recused: {type: list, of: person}\n  votes: {type: ballot, values: [agree, recused]}\n"
    "states:\n"
    "  open:\n    initial: true\n    timers: [{name: deadline, due: {field: due_date}, ladder: [{at: +0d, do: notify, to: [x]}]}]\n"
    "  adopted: {terminal: true}\n"
    "create: {roles: [x], sets: [category, due_date, done_at, recused, votes]}\n"
    "transitions:\n  - {name: adopt, from: open, to: adopted, roles: [x]}\n"
    "checks:\n";

std::optional<Definition> Load(const std::string& yaml, std::vector<Diagnostic>* diags) {
  auto def = ParseWorkflow(yaml, "w.yaml", diags);
  if (def) LintWorkflow(*def, "w.yaml", diags);
  return def;
}

TEST(CheckParse, ReadsChecksAndTheRecordKinds) {
  std::vector<Diagnostic> diags;
  auto def = Load(kHead +
                      "  - name: on_time\n    rule: R12\n    severity: high\n    in: open\n"
                      "    when: {deadline: {timer: deadline, done: done_at}}\n"
                      "    message: {zh: 逾期, en: Overdue}\n    evidence: [due_date, category]\n"
                      "  - name: recused_acted\n    rule: R6\n    severity: medium\n    in: [open, adopted]\n"
                      "    when:\n      - actors_not_listed: {field: recused, actions: [adopt, create]}\n"
                      "      - actors_not_listed: {field: votes, choice: recused}\n"
                      "      - compare: {field: due_date, op: \">=\", value: $today-30d}\n"
                      "      - compare: {field: done_at, op: \"<\", value: $now}\n"
                      "      - deadline: deadline\n"
                      "    message: {en: A recused member acted}\n"
                      "  - name: missing\n    rule: R14\n    severity: low\n    expected: per_semester\n"
                      "    message: {zh: 未报}\n",
                  &diags);
  ASSERT_TRUE(def.has_value()) << FormatAll(diags);
  EXPECT_TRUE(diags.empty()) << FormatAll(diags);
  ASSERT_EQ(def->checks.size(), 3u);
  const CheckDef& a = def->checks[0];
  EXPECT_EQ(a.name, "on_time");
  EXPECT_EQ(a.rule, "R12");
  EXPECT_EQ(a.severity, "high");
  EXPECT_EQ(a.in, std::vector<std::string>{"open"});
  ASSERT_TRUE(a.when.has_value());
  EXPECT_EQ(a.when->kind, Condition::Kind::kDeadline);
  EXPECT_EQ(a.when->timer, "deadline");
  EXPECT_EQ(a.when->field, "done_at");
  EXPECT_EQ(a.message.zh, "逾期");
  EXPECT_EQ(a.evidence, (std::vector<std::string>{"due_date", "category"}));
  EXPECT_EQ(a.pos.line, 18);
  const auto& ops = def->checks[1].when->operands;
  ASSERT_EQ(ops.size(), 5u);
  EXPECT_EQ(ops[0].kind, Condition::Kind::kActorsNotListed);
  EXPECT_EQ(ops[0].actions, (std::vector<std::string>{"adopt", "create"}));
  EXPECT_EQ(ops[1].choice, "recused");
  EXPECT_EQ(ops[2].moment, Condition::Moment::kToday);
  EXPECT_EQ(ops[2].moment_offset, -30 * 86400);
  EXPECT_TRUE(ops[2].values.empty());
  EXPECT_EQ(ops[3].moment, Condition::Moment::kNow);
  EXPECT_EQ(ops[4].timer, "deadline");
  EXPECT_EQ(def->checks[1].in, (std::vector<std::string>{"open", "adopted"}));
  EXPECT_EQ(def->checks[2].expected, CheckDef::Expect::kPerSemester);
  EXPECT_FALSE(def->checks[2].when.has_value());
}

// Every mistake in a check, reported at its line and column (the first check is line 18).
TEST(CheckParse, ReportsEachMistakeWhereItIs) {
  const std::string ok_when = "    when: {present: category}\n    message: {en: m}\n";
  struct Case {
    std::string check;
    int line;
    int column;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"  - {name: c, rule: X1, severity: high, when: {present: category}, message: {en: m}}\n", 18, 21,
            "check 'c': rule 'X1' is not a rule id; write R1 ... R99, e.g. R12"},
           {"  - {name: c, rule: R100, severity: high, when: {present: category}, message: {en: m}}\n", 18, 21,
            "check 'c': rule 'R100' is not a rule id; write R1 ... R99, e.g. R12"},
           {"  - {name: c, rule: R1, severity: urgent, when: {present: category}, message: {en: m}}\n", 18, 35,
            "check 'c': severity 'urgent' must be high, medium or low"},
           {"  - name: c\n    rule: R1\n    severity: high\n    in: [open, closed]\n" + ok_when, 21, 16,
            "check 'c': in names unknown state 'closed'"},
           {"  - name: c\n    rule: R1\n    severity: high\n    in: nowhere\n" + ok_when, 21, 9,
            "check 'c': in names unknown state 'nowhere'"},
           {"  - name: c\n    rule: R1\n    severity: high\n    evidence: [category, amount]\n" + ok_when, 21, 26,
            "check 'c': evidence names unknown field 'amount'"},
           {"  - name: c\n    rule: R1\n    severity: high\n    when: {present: amount}\n    message: {en: m}\n", 21,
            21, "present names unknown field 'amount'"},
           {"  - {name: c, rule: R1, severity: high, message: {en: m}}\n", 18, 5,
            "check 'c' needs 'when' (what a compliant item satisfies) or 'expected'"},
           {"  - {name: c, rule: R1, severity: high, when: {present: category}}\n", 18, 5, "check 'c' needs 'message'"},
           {"  - {name: c, rule: R1, severity: high, expected: per_semester, in: open, message: {en: m}}\n", 18, 65,
            "check 'c': 'in' is not for a check with 'expected' (it is about an item that does not exist)"},
           {"  - {name: c, rule: R1, severity: high, expected: always, message: {en: m}}\n", 18, 51,
            "check 'c': expected must be per_semester"},
           {"  - {name: c, rule: R1, severity: high, colour: red, when: {present: category}, message: {en: m}}\n", 18,
            41, "unknown key 'colour' in check 'c'; allowed keys: name, rule, severity, in, when, expected, message, evidence, refuse"},
           {"  - {name: c, rule: R1, severity: high, when: {present: category}, message: {en: m}}\n"
            "  - {name: c, rule: R2, severity: low, when: {present: category}, message: {en: m}}\n",
            19, 12, "two checks are named 'c'"},
           {"  - name: c\n    rule: R1\n    severity: high\n    when: {compare: {field: category, op: equals, value: $today}}\n"
            "    message: {en: m}\n",
            21, 58, "compare value '$today' needs a date or datetime field, but 'category' is text"},
           {"  - name: c\n    rule: R1\n    severity: high\n    when: {compare: {field: due_date, op: \"<\", value: $today-3x}}\n"
            "    message: {en: m}\n",
            21, 55, "bad compare value '$today-3x': $now and $today take an optional signed offset, e.g. $today-30d or $now+2h"},
           {"  - name: c\n    rule: R1\n    severity: high\n    when: {actors_not_listed: {field: recused, actions: [vote]}}\n"
            "    message: {en: m}\n",
            21, 57, "actors_not_listed.actions names unknown transition 'vote'"},
           {"  - name: c\n    rule: R1\n    severity: high\n    when: {deadline: {timer: deadline, done: category}}\n"
            "    message: {en: m}\n",
            21, 46, "deadline.done 'category' must be a date or datetime field, not text"},
       }) {
    std::vector<Diagnostic> diags;
    auto def = Load(kHead + c.check, &diags);
    EXPECT_FALSE(def.has_value()) << c.check;
    ASSERT_FALSE(diags.empty()) << c.check;
    EXPECT_EQ(diags[0].message, c.message) << c.check << "\n" << FormatAll(diags);
    EXPECT_EQ(diags[0].file, "w.yaml");
    EXPECT_EQ(diags[0].line, c.line) << c.check << "\n" << diags[0].Format();
    EXPECT_EQ(diags[0].column, c.column) << c.check << "\n" << diags[0].Format();
  }
}

// What only lint can tell: a timer no state declares, and kinds about the person acting,
// which a check (evaluated on the record, with no actor) cannot use.
TEST(CheckLint, NoActorKindsAndUnknownTimersAreErrorsAtTheCondition) {
  struct Case {
    std::string check;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"  - {name: c, rule: R6, severity: high, when: {not_listed: {field: recused}}, message: {en: m}}\n",
            "check 'c': 'not_listed' is about the person acting, and a check has none (it reads the record); use "
            "actors_not_listed for who acted, role with field for a recorded person's role"},
           {"  - {name: c, rule: R6, severity: high, when: [{present: category}, {role: {roles: [x]}}], message: {en: m}}\n",
            "check 'c': 'role' is about the person acting, and a check has none (it reads the record); use "
            "actors_not_listed for who acted, role with field for a recorded person's role"},
           {"  - {name: c, rule: R6, severity: high, when: {distinct_actor: adopt}, message: {en: m}}\n",
            "check 'c': 'distinct_actor' is about the person acting, and a check has none (it reads the record); "
            "use actors_not_listed for who acted, role with field for a recorded person's role"},
           {"  - {name: c, rule: R12, severity: high, when: {deadline: due}, message: {en: m}}\n",
            "deadline names timer 'due', which no state of this workflow declares"},
       }) {
    std::vector<Diagnostic> diags;
    auto def = Load(kHead + c.check, &diags);
    ASSERT_TRUE(def.has_value()) << FormatAll(diags);
    auto errors = testing::Only(diags, Diagnostic::Severity::kError);
    ASSERT_EQ(errors.size(), 1u) << FormatAll(diags);
    EXPECT_EQ(errors[0].message, c.message);
    EXPECT_EQ(errors[0].line, 18);
    EXPECT_GT(errors[0].column, 40) << errors[0].Format();  // at the condition, not the check
  }
}

TEST(CheckLint, ADeadlineInATransitionNamesADeclaredTimer) {
  const std::string yaml =
      "id: w\nversion: 1\nfields: {d: {type: date}}\n"
      "states: {s: {initial: true}, t: {terminal: true}}\ncreate: {roles: [x], sets: [d]}\n"
      "transitions:\n  - {name: go, from: s, to: t, roles: [x], when: {deadline: late}}\n";
  std::vector<Diagnostic> diags;
  auto def = Load(yaml, &diags);
  ASSERT_TRUE(def.has_value());
  ASSERT_EQ(diags.size(), 1u) << FormatAll(diags);
  EXPECT_EQ(diags[0].Format(), "w.yaml:7:50: error: deadline names timer 'late', which no state of this workflow declares");
}

TEST(CheckParse, ChecksMustBeAList) {
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(Load(kHead + "  name: c\n", &diags).has_value());
  ASSERT_FALSE(diags.empty());
  EXPECT_EQ(diags[0].Format(), "w.yaml:18:3: error: checks must be a list of checks");
}

}  // namespace
}  // namespace docket
