// Timers and the calendar file in YAML: what they parse into, and each mistake reported
// where it is written.
#include <gtest/gtest.h>

#include "definition/calendar_loader.h"
#include "definition/workflow_loader.h"
#include "test_files.h"

namespace docket {
namespace {

using testing::FormatAll;

// A workflow whose state `open` has the timers given (indented as list items under timers:).
std::string WithTimers(const std::string& timers, const std::string& extra_state = "") {
  return "id: t\nversion: 1\nlabels: {zh: 任务, en: Task}\nfields:\n"
         "  title: {type: text}\n  owner: {type: person}\n  due: {type: date}\n  at: {type: datetime}\n"
         "  semester: {type: text}\n"
         "states:\n  open:\n    initial: true\n    timers:\n" +
         timers + extra_state +
         "  done: {terminal: true}\n  lapsed: {terminal: true}\n"
         "create:\n  roles: [clerk]\n  sets: [title, owner, due, at, semester]\n"
         "transitions:\n  - {name: finish, from: open, to: done, roles: [clerk]}\n"
         "  - {name: lapse, from: open, to: lapsed, roles: [clerk]}\n";
}

TEST(TimerParse, ReadsEveryKindOfDueAndStep) {
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow(WithTimers("      - name: deadline\n        due: {field: due}\n        ladder:\n"
                                      "          - {at: -2d, do: notify, owner: owner}\n"
                                      "          - {at: +1d, do: notify, to: [principal], message: {zh: 逾期, en: Late}}\n"
                                      "          - {at: +7d, do: escalate, to: supervisor}\n"
                                      "          - {at: +30d, do: transition, action: lapse}\n"
                                      "      - name: stay\n        due: +36h\n        ladder: [{at: +0d, do: notify, to: [clerk]}]\n"
                                      "      - name: report\n        due: semester_end+30d\n        semester: semester\n"
                                      "        ladder: [{at: +0d, do: escalate, to: [supervisor]}]\n"),
                           "t.yaml", &diags);
  ASSERT_TRUE(def.has_value()) << FormatAll(diags);
  LintWorkflow(*def, "t.yaml", &diags);
  EXPECT_FALSE(HasErrors(diags)) << FormatAll(diags);
  const auto& timers = def->FindState("open")->timers;
  ASSERT_EQ(timers.size(), 3u);
  EXPECT_EQ(timers[0].due.base, TimerDue::Base::kField);
  EXPECT_EQ(timers[0].due.field, "due");
  ASSERT_EQ(timers[0].ladder.size(), 4u);
  EXPECT_EQ(timers[0].ladder[0].at_seconds, -2 * 86400);
  EXPECT_EQ(timers[0].ladder[0].owner, "owner");
  EXPECT_EQ(timers[0].ladder[1].message.en, "Late");
  EXPECT_EQ(timers[0].ladder[2].what, LadderStep::Do::kEscalate);
  EXPECT_EQ(timers[0].ladder[2].roles, std::vector<std::string>{"supervisor"});
  EXPECT_EQ(timers[0].ladder[3].action, "lapse");
  EXPECT_EQ(timers[1].due.base, TimerDue::Base::kEntered);
  EXPECT_EQ(timers[1].due.offset_seconds, 36 * 3600);
  EXPECT_EQ(timers[2].due.base, TimerDue::Base::kSemesterEnd);
  EXPECT_EQ(timers[2].due.offset_seconds, 30 * 86400);
  EXPECT_EQ(timers[2].semester_field, "semester");
}

TEST(TimerParse, ReadsSchoolDaysAndWhereADueTimeMoves) {
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow(WithTimers("      - name: deadline\n        due: {field: due, offset: +5sd}\n"
                                      "        on_holiday: previous_school_day\n        skip: holiday_weeks\n"
                                      "        ladder: [{at: -2sd, do: notify, owner: owner}, {at: -2d, do: notify, owner: owner}]\n"
                                      "      - {name: stay, due: +3sd, ladder: [{at: +0d, do: notify, to: [clerk]}]}\n"
                                      "      - {name: kept, due: +1d, on_holiday: keep, ladder: [{at: +0d, do: notify, to: [clerk]}]}\n"),
                           "t.yaml", &diags);
  ASSERT_TRUE(def.has_value()) << FormatAll(diags);
  const auto& timers = def->FindState("open")->timers;
  ASSERT_EQ(timers.size(), 3u);
  EXPECT_EQ(timers[0].due.offset_school_days, 5);
  EXPECT_EQ(timers[0].due.offset_seconds, 0);
  EXPECT_EQ(timers[0].on_holiday, TimerDef::OnHoliday::kPreviousSchoolDay);
  EXPECT_TRUE(timers[0].skip_holiday_weeks);
  EXPECT_EQ(timers[0].ladder[0].at_school_days, -2);
  EXPECT_EQ(timers[0].ladder[1].at_seconds, -2 * 86400);  // -2d and -2sd are different steps
  EXPECT_EQ(timers[1].due.offset_school_days, 3);
  EXPECT_EQ(timers[2].on_holiday, TimerDef::OnHoliday::kKeep);
  EXPECT_FALSE(timers[2].skip_holiday_weeks);
}

TEST(TimerParse, ReportsEachMistakeWhereItIsWritten) {
  struct Case {
    const char* name;
    std::string timers;
    const char* message;
  } cases[] = {
      {"unknown field", "      - {name: d, due: {field: nope}, ladder: [{at: +0d, do: notify, to: [x]}]}\n",
       "unknown field 'nope'"},
      {"not a date", "      - {name: d, due: {field: title}, ladder: [{at: +0d, do: notify, to: [x]}]}\n",
       "which is text, not date or datetime"},
      {"bad due", "      - {name: d, due: tomorrow, ladder: [{at: +0d, do: notify, to: [x]}]}\n",
       "due 'tomorrow' is not"},
      {"unsigned at", "      - {name: d, due: +1d, ladder: [{at: 2d, do: notify, to: [x]}]}\n", "at must be"},
      {"bad do", "      - {name: d, due: +1d, ladder: [{at: +0d, do: shout, to: [x]}]}\n",
       "do must be notify, escalate or transition"},
      {"nobody told", "      - {name: d, due: +1d, ladder: [{at: +0d, do: notify}]}\n", "nobody would be told"},
      {"owner not a person", "      - {name: d, due: +1d, ladder: [{at: +0d, do: notify, owner: title}]}\n",
       "not person"},
      {"no such transition", "      - {name: d, due: +1d, ladder: [{at: +0d, do: transition, action: fly}]}\n",
       "no transition 'fly' starts from state 'open'"},
      {"transition without action", "      - {name: d, due: +1d, ladder: [{at: +0d, do: transition}]}\n",
       "needs 'action'"},
      {"action on notify", "      - {name: d, due: +1d, ladder: [{at: +0d, do: notify, to: [x], action: lapse}]}\n",
       "action is only for do: transition"},
      {"empty ladder", "      - {name: d, due: +1d, ladder: []}\n", "non-empty list"},
      {"same step twice",
       "      - {name: d, due: +1d, ladder: [{at: +0d, do: notify, to: [x]}, {at: +0d, do: notify, to: [y]}]}\n",
       "another step already does notify at +0d"},
      {"timer twice",
       "      - {name: d, due: +1d, ladder: [{at: +0d, do: notify, to: [x]}]}\n"
       "      - {name: d, due: +2d, ladder: [{at: +0d, do: notify, to: [x]}]}\n",
       "timer 'd' appears twice"},
      {"semester without semester_end",
       "      - {name: d, due: +1d, semester: semester, ladder: [{at: +0d, do: notify, to: [x]}]}\n",
       "semester is only for a due time from semester_end"},
      {"unknown key", "      - {name: d, due: +1d, every: 7d, ladder: [{at: +0d, do: notify, to: [x]}]}\n",
       "every"},
      {"school days unsigned", "      - {name: d, due: 5sd, ladder: [{at: +0d, do: notify, to: [x]}]}\n",
       "due '5sd' is not an offset such as +14d, -2d, +36h, +1w or +5sd"},
      {"school weeks", "      - {name: d, due: {field: due, offset: +1wsd}, ladder: [{at: +0d, do: notify, to: [x]}]}\n",
       "due.offset must be"},
      {"same school-day step twice",
       "      - {name: d, due: +1d, ladder: [{at: -2sd, do: notify, to: [x]}, {at: -2sd, do: notify, to: [y]}]}\n",
       "another step already does notify at -2sd"},
      {"bad on_holiday", "      - {name: d, due: +1d, on_holiday: monday, ladder: [{at: +0d, do: notify, to: [x]}]}\n",
       "on_holiday must be next_school_day, previous_school_day or keep, not 'monday'"},
      {"bad skip", "      - {name: d, due: +1d, skip: weekends, ladder: [{at: +0d, do: notify, to: [x]}]}\n",
       "skip must be holiday_weeks, not 'weekends'"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<Diagnostic> diags;
    auto def = ParseWorkflow(WithTimers(c.timers), "t.yaml", &diags);
    EXPECT_FALSE(def.has_value());
    ASSERT_TRUE(HasErrors(diags));
    std::string all = FormatAll(diags);
    EXPECT_NE(all.find(c.message), std::string::npos) << all;
    EXPECT_NE(all.find("t.yaml:"), std::string::npos) << all;
  }
}

TEST(TimerParse, ATerminalStateHasNoTimers) {
  std::vector<Diagnostic> diags;
  std::string text = WithTimers("      - {name: d, due: +1d, ladder: [{at: +0d, do: notify, to: [x]}]}\n");
  text.replace(text.find("  done: {terminal: true}\n"), 25,
               "  done:\n    terminal: true\n    timers: [{name: d, due: +1d, ladder: [{at: +0d, do: notify, to: [x]}]}]\n");
  EXPECT_FALSE(ParseWorkflow(text, "t.yaml", &diags).has_value());
  EXPECT_NE(FormatAll(diags).find("a terminal state cannot have timers"), std::string::npos) << FormatAll(diags);
}

TEST(TimerParse, TheShippedWorkflowsTimeTheirDeadlines) {
  std::vector<Diagnostic> diags;
  auto matter = ParseWorkflow(testing::FileText(testing::FixturePath("execution-matter.yaml")), "matter.yaml", &diags);
  ASSERT_TRUE(matter.has_value()) << FormatAll(diags);
  for (const char* state : {"decided", "in_execution"}) {
    SCOPED_TRACE(state);
    const auto& timers = matter->FindState(state)->timers;
    ASSERT_EQ(timers.size(), 1u);
    EXPECT_EQ(timers[0].name, "deadline");  // one name in both: a deadline carried over
    EXPECT_EQ(timers[0].due.field, "due_date");
    ASSERT_EQ(timers[0].ladder.size(), 3u);
    EXPECT_EQ(timers[0].ladder[0].owner, "owner");
    EXPECT_EQ(timers[0].ladder[2].what, LadderStep::Do::kEscalate);
  }
  auto report = ParseWorkflow(testing::FileText(testing::RepoPath("workflows/semester-report.yaml")),
                              "semester-report.yaml", &diags);
  ASSERT_TRUE(report.has_value()) << FormatAll(diags);
  const auto& due = report->FindState("drafted")->timers.at(0);
  EXPECT_EQ(due.due.base, TimerDue::Base::kSemesterEnd);
  EXPECT_EQ(due.due.offset_seconds, 30 * 86400);
  EXPECT_EQ(due.semester_field, "semester");
  // Task deadlines move to the next school day; the weekly cadence skips weeks without school.
  auto task = ParseWorkflow(testing::FileText(testing::RepoPath("workflows/task.yaml")), "task.yaml", &diags);
  ASSERT_TRUE(task.has_value()) << FormatAll(diags);
  EXPECT_EQ(task->FindState("assigned")->timers.at(0).on_holiday, TimerDef::OnHoliday::kNextSchoolDay);
  auto talk = ParseWorkflow(testing::FileText(testing::RepoPath("workflows/communication.yaml")), "communication.yaml", &diags);
  ASSERT_TRUE(talk.has_value()) << FormatAll(diags);
  EXPECT_TRUE(talk->FindState("active")->timers.at(0).skip_holiday_weeks);
}

TEST(CalendarFile, ParsesTheShippedExample) {
  std::vector<Diagnostic> diags;
  Calendar c = ParseCalendarFile(testing::FileText(testing::RepoPath("workflows/examples/calendar.yaml")),
                                 "calendar.yaml", &diags);
  ASSERT_FALSE(HasErrors(diags)) << FormatAll(diags);
  ASSERT_EQ(c.semesters.size(), 2u);
  EXPECT_EQ(c.semesters[0].id, "2026-spring");
  EXPECT_EQ(FormatTime(c.EndOf(c.semesters[0])), "2026-07-11T00:00:00Z");
  EXPECT_FALSE(c.holidays.empty());
  ASSERT_EQ(c.on_semester_end.size(), 1u);
  EXPECT_EQ(c.on_semester_end[0].workflow, "semester-report");
  EXPECT_EQ(c.on_semester_end[0].org_kind, "school");
  EXPECT_EQ(c.on_semester_end[0].field, "semester");
}

TEST(CalendarFile, ReportsMistakes) {
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"", "the file is empty"},
      {"holidays: []\n", "a calendar needs 'semesters'"},
      {"semesters: [{id: a, start: 2026-03-01, end: 2026-02-01}]\n", "ends (2026-02-01) before it starts"},
      {"semesters: [{id: a, start: 2026-03-01, end: 2026-02-30}]\n", "end must be a date"},
      {"semesters: [{id: a, start: 2026-03-01}]\n", "needs 'end'"},
      {"semesters: [{id: a, start: 2026-03-01, end: 2026-06-01}, {id: a, start: 2026-09-01, end: 2026-12-01}]\n",
       "appears twice"},
      {"semesters: [{id: a, start: 2026-03-01, end: 2026-06-01}, {id: b, start: 2026-05-01, end: 2026-12-01}]\n",
       "overlap"},
      {"semesters: []\non_semester_end: [{open: report, for_orgs_of_kind: school}]\n", "needs 'field'"},
      {"semesters: []\nterms: []\n", "terms"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    std::vector<Diagnostic> diags;
    ParseCalendarFile(c.text, "cal.yaml", &diags);
    ASSERT_TRUE(HasErrors(diags));
    EXPECT_NE(FormatAll(diags).find(c.message), std::string::npos) << FormatAll(diags);
  }
}

}  // namespace
}  // namespace docket
