// Attendance (issue 13 §1): a meeting's attendance is taken once, by `hold`; a topic's
// defaults to the meeting's and can only shrink from it, with the reason recorded (R2). And
// R12: a decision already executed or closed takes no new open task. Each case failed before
// the change that makes it pass; every case runs on every store backend.
#include "governance_fixture.h"

#include "core/catalog.h"
#include "core/transition.h"
#include "definition/workflow_loader.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class AttendanceFixture : public GovernanceFixture {
 protected:
  // A party meeting of school-a held with `present`, and a major matter on its agenda.
  std::pair<std::int64_t, std::int64_t> HeldWithMatter(const std::string& present) {
    std::int64_t party = NewMeeting("party-meeting");
    std::int64_t m = OnAgenda("major-decision", party);
    Ok(party, "hold", {{"present", present}}, "liu");
    return {party, m};
  }
  std::vector<std::string> Present(std::int64_t id) {
    std::vector<std::string> out;
    auto item = docket_->GetItem(id);
    if (!item.ok() || !item->fields.count("present")) return out;
    for (const Value& v : item->fields.at("present").as_list()) out.push_back(v.as_string());
    return out;
  }
  // An adopted major decision, assigned to li, with its task completed and checked, and the
  // decision reported executed.
  std::int64_t ExecutedDecision() {
    auto [party, m] = HeldWithMatter("wang,li,chen,gao,ma");
    Ok(m, "vote", {{"votes", "li:agree,chen:agree,gao:agree,ma:agree,wang:agree"}}, "liu");
    Ok(m, "adopt", {{"decision", "d"}}, "wang");
    ItemFilter children;
    children.parent = m;
    std::int64_t d = docket_->ListItems(children)->front().id;
    Ok(d, "assign", {{"owners", "li"}, {"due_date", "2026-04-30"}}, "wang");
    ItemFilter tasks;
    tasks.parent = d;
    std::int64_t t = docket_->ListItems(tasks)->front().id;
    Ok(t, "acknowledge", {}, "li");
    Ok(t, "start", {}, "li");
    Ok(t, "report", {{"progress", "100"}}, "li");
    Ok(t, "complete", {}, "li");
    Ok(t, "check", {}, "wang");
    Ok(d, "complete", {}, "li");
    return d;
  }
  Result<ActResult> NewTask(std::int64_t parent) {
    return docket_->CreateItem({"task", "school-a", parent,
                                {{"title", "late"}, {"owner", "li"}, {"due_date", "2026-05-30"}}, "wang"});
  }
};
using AttendanceTest = OnEachStore<AttendanceFixture>;

// The meeting's attendance is written by `hold` only: `postpone` does not record it, and
// no action after `hold` changes it.
TEST_P(AttendanceTest, AMeetingsAttendanceIsTakenOnceByHold) {
  std::int64_t party = NewMeeting("party-meeting");
  auto postponed = Act(party, "postpone", {{"postpone_reason", "不足法定人数"}, {"present", "wang,li"}}, "liu");
  ASSERT_FALSE(postponed.ok());
  EXPECT_THAT(postponed.status().message(), HasSubstr("may not set field 'present'"));
  Ok(party, "hold", {{"present", "wang,li,chen,gao,ma"}}, "liu");
  EXPECT_THAT(Refused(party, "draft_minutes", {{"minutes", "m"}, {"present", "wang,li,chen,gao,ma,he"}}, "liu"),
              HasSubstr("may not set field 'present'"));
  Ok(party, "draft_minutes", {{"minutes", "m"}}, "liu");
  EXPECT_EQ(Present(party), (std::vector<std::string>{"wang", "li", "chen", "gao", "ma"}));
  auto def = docket_->GetDefinition("meeting", std::nullopt);
  ASSERT_TRUE(def.ok());
  EXPECT_EQ((*def)->version, 4);
  EXPECT_TRUE((*def)->FindField("present")->once);
}

// A topic voted without an attendance of its own takes the meeting's.
TEST_P(AttendanceTest, ATopicsAttendanceDefaultsToTheMeetings) {
  auto [party, m] = HeldWithMatter("wang,li,chen,gao,ma");
  Ok(m, "vote", {{"votes", "li:agree,chen:agree,gao:agree,ma:agree,wang:agree"}}, "liu");
  EXPECT_EQ(Present(m), (std::vector<std::string>{"wang", "li", "chen", "gao", "ma"}));
  Ok(m, "adopt", {{"decision", "d"}}, "wang");
  ExpectVerifies();
}

// Fewer present for the topic than at the meeting: refused unless the absent are recused or
// the reason is recorded.
TEST_P(AttendanceTest, ATopicsAttendanceShrinksOnlyWithAReason) {
  auto [party, m] = HeldWithMatter("wang,li,chen,gao,ma");
  FieldTexts shrunk{{"present", "wang,li,chen,gao"}, {"votes", "li:agree,chen:agree,gao:agree,wang:agree"}};
  std::string why = Refused(m, "vote", shrunk, "liu");
  EXPECT_THAT(why, HasSubstr("R2: Someone present at the meeting is neither present for the topic nor recused"));
  EXPECT_THAT(why, HasSubstr("ma in 'meeting.present' is not in 'present' or 'recused'"));
  shrunk.push_back({"attendance_note", "ma: 因公提前离会"});
  Ok(m, "vote", shrunk, "liu");
  EXPECT_EQ(Present(m), (std::vector<std::string>{"wang", "li", "chen", "gao"}));
  Ok(m, "adopt", {{"decision", "d"}}, "wang");
  EXPECT_EQ(docket_->GetItem(m)->state, "adopted");
}

// A recusal is a recorded reason: the recused member may be left out of the topic's list.
TEST_P(AttendanceTest, ARecusedMemberMayBeLeftOutOfTheTopicsAttendance) {
  auto [party, m] = HeldWithMatter("wang,li,chen,gao,ma");
  Ok(m, "recuse", {{"recused", "ma"}}, "liu");
  Ok(m, "vote", {{"present", "wang,li,chen,gao"}, {"votes", "li:agree,chen:agree,gao:agree,wang:agree"}}, "liu");
  Ok(m, "adopt", {{"decision", "d"}}, "wang");
}

// R6: a recused member is not present for the topic. A vote listing one present is refused,
// naming the member, is recorded as refused and changes nothing; without a list of its own
// the topic's attendance is the meeting's without the recused; and a member recorded present
// for the topic is not recused afterwards.
TEST_P(AttendanceTest, ARecusedMemberIsNotPresentForTheTopic) {
  auto [party, m] = HeldWithMatter("wang,li,chen,gao,ma");
  Ok(m, "recuse", {{"recused", "ma"}}, "liu");
  const std::string why =
      Refused(m, "vote", {{"present", "wang,li,chen,gao,ma"}, {"votes", "ma:recused,li:agree,chen:agree,gao:agree,wang:agree"}}, "liu");
  EXPECT_THAT(why, HasSubstr("R6: A recused member is not present for the topic"));
  EXPECT_THAT(why, HasSubstr("ma is in 'present' and also in 'recused'"));
  EXPECT_TRUE(Present(m).empty());
  Ok(m, "vote", {{"votes", "ma:recused,li:agree,chen:agree,gao:agree,wang:agree"}}, "liu");
  EXPECT_EQ(Present(m), (std::vector<std::string>{"wang", "li", "chen", "gao"}));
  Ok(m, "adopt", {{"decision", "d"}}, "wang");
  ExpectVerifies();
}

// R6 on the other path: a recusal recorded after the positions, of a member recorded present
// (whose stated position was `recused`, so no vote of his stands), is refused by the check
// `recused_not_present`.
TEST_P(AttendanceTest, ARecusalOfAMemberRecordedPresentIsRefused) {
  auto [party, m] = HeldWithMatter("wang,li,chen,gao,ma");
  Ok(m, "vote", {{"votes", "gao:recused,li:agree,chen:agree,ma:agree,wang:agree"}}, "liu");
  const std::string why = Refused(m, "recuse", {{"recused", "gao"}}, "liu");
  EXPECT_THAT(why, HasSubstr("R6: A recused member is not present for the topic"));
  EXPECT_THAT(why, HasSubstr("gao is in 'present' and also in 'recused'"));
  EXPECT_FALSE(docket_->GetItem(m)->fields.count("recused"));
  ExpectVerifies();
}

// A deferred topic's attendance is taken again at the next meeting (the default then is
// that meeting's).
TEST_P(AttendanceTest, ADeferredTopicTakesTheNextMeetingsAttendance) {
  auto [party, m] = HeldWithMatter("wang,li,chen,gao,ma");
  Ok(m, "vote", {{"votes", "li:agree,chen:disagree,gao:defer,ma:defer,wang:defer"}}, "liu");
  Ok(m, "defer", {{"defer_reason", "再议"}}, "wang");
  std::int64_t next = NewMeeting("party-meeting");
  Ok(m, "schedule", {{"meeting", std::to_string(next)}}, "liu");
  EXPECT_TRUE(Present(m).empty());
  Ok(next, "hold", {{"present", "wang,li,chen,he,xu"}}, "liu");
  Ok(m, "vote", {{"votes", "li:agree,chen:agree,he:agree,xu:agree,wang:agree"}}, "liu");
  EXPECT_EQ(Present(m), (std::vector<std::string>{"wang", "li", "chen", "he", "xu"}));
}

// The positions were stated at the meeting that deferred the topic: the next meeting takes
// them again. With the old ballot kept, `reject` at the next meeting read positions stated
// before it was held.
TEST_P(AttendanceTest, ADeferredTopicsPositionsAreStatedAgainAtTheNextMeeting) {
  auto [party, m] = HeldWithMatter("wang,li,chen,gao,ma");
  Ok(m, "vote", {{"votes", "li:disagree,chen:disagree,gao:defer,ma:defer,wang:defer"}}, "liu");
  Ok(m, "defer", {{"defer_reason", "再议"}}, "wang");
  std::int64_t next = NewMeeting("party-meeting");
  Ok(m, "schedule", {{"meeting", std::to_string(next)}}, "liu");
  auto item = docket_->GetItem(m);
  ASSERT_TRUE(item.ok());
  EXPECT_FALSE(item->fields.count("votes") && !item->fields.at("votes").is_null());
  Ok(next, "hold", {{"present", "wang,li,chen,he,xu"}}, "liu");
  EXPECT_THAT(Refused(m, "reject", {}, "wang"), HasSubstr("Record the members' positions with 'vote' first"));
  Ok(m, "vote", {{"votes", "li:disagree,chen:disagree,he:disagree,xu:agree,wang:disagree"}}, "liu");
  Ok(m, "reject", {}, "wang");
}

// R12: `item create task --parent D` gave an executed decision a new open task.
TEST_P(AttendanceTest, AnExecutedDecisionTakesNoNewTask) {
  std::int64_t d = ExecutedDecision();
  int before = Entries(d);
  auto r = NewTask(d);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kRefused);
  EXPECT_THAT(r.status().message(), HasSubstr("R12: item #" + std::to_string(d) + " (decision) is 'executed'"));
  EXPECT_THAT(r.status().message(), HasSubstr("check 'closed_with_open_tasks'"));
  EXPECT_THAT(Text(r.status().msg(), Lang::kZh), HasSubstr("在其下新增未办结的 task 将违反其检查项"));
  EXPECT_EQ(Entries(d), before);
  ItemFilter tasks;
  tasks.parent = d;
  EXPECT_EQ(docket_->ListItems(tasks)->size(), 1u);
  // Closed (evaluated), likewise.
  Ok(d, "evaluate", {{"evaluation", "ok"}}, "wang");
  EXPECT_THAT(NewTask(d).status().message(), HasSubstr("R12: item #" + std::to_string(d) + " (decision) is 'closed'"));
  ExpectVerifies();
}

// While it is in execution, a task may still be added by hand.
TEST_P(AttendanceTest, ADecisionInExecutionStillTakesATask) {
  auto [party, m] = HeldWithMatter("wang,li,chen,gao,ma");
  Ok(m, "vote", {{"votes", "li:agree,chen:agree,gao:agree,ma:agree,wang:agree"}}, "liu");
  Ok(m, "adopt", {{"decision", "d"}}, "wang");
  ItemFilter children;
  children.parent = m;
  std::int64_t d = docket_->ListItems(children)->front().id;
  Ok(d, "assign", {{"owners", "li"}, {"due_date", "2026-04-30"}}, "wang");
  auto r = NewTask(d);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
}

// The language: a `once` field keeps its first value whichever action tries to change it;
// a default effect fills only a field left empty; a default with a literal is an error.
TEST(AttendanceLanguage, OnceFieldsAndDefaults) {
  const std::string yaml =
      "id: w\nversion: 1\nfields:\n"
      "  taken: {type: list, of: person, once: true}\n  copy: {type: list, of: person}\n"
      "states:\n  a: {initial: true}\n  b: {}\n  c: {terminal: true}\n"
      "create: {roles: [clerk]}\n"
      "transitions:\n"
      "  - {name: take, from: a, to: b, roles: [clerk], required: [taken], sets: [copy],\n"
      "     effects: [{default: copy, from: {field: taken}}]}\n"
      "  - {name: fix, from: b, to: b, roles: [clerk], sets: [taken]}\n"
      "  - {name: end, from: b, to: c, roles: [clerk]}\n";
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow(yaml, "w.yaml", &diags);
  ASSERT_TRUE(def.has_value()) << FormatErrors(diags).English();
  LintWorkflow(*def, "w.yaml", &diags);
  EXPECT_TRUE(diags.empty()) << FormatErrors(diags).English();
  Actor clerk{"liu", {"clerk"}, {}, false};
  auto made = Create(*def, "org", Request{"create", clerk, {}, TimePoint{}});
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  Item item = made->item;
  item.id = 1;
  const Value two(List{Value("wang"), Value("li")});
  auto taken = Apply(*def, item, Request{"take", clerk, {{"taken", two}}, TimePoint{}}, {});
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_EQ(taken->item.fields.at("copy"), two);  // the default
  auto fixed = Apply(*def, taken->item, Request{"fix", clerk, {{"taken", Value(List{Value("wang")})}}, TimePoint{}}, {});
  ASSERT_FALSE(fixed.ok());
  EXPECT_THAT(fixed.status().message(), HasSubstr("field 'taken' is recorded once and is not changed afterwards"));
  auto cleared = Apply(*def, taken->item, Request{"fix", clerk, {{"taken", Value()}}, TimePoint{}}, {});
  EXPECT_FALSE(cleared.ok());
  auto same = Apply(*def, taken->item, Request{"fix", clerk, {{"taken", two}}, TimePoint{}}, {});
  EXPECT_TRUE(same.ok()) << same.status().ToString();

  diags.clear();
  std::string bad = yaml;
  bad.replace(bad.find("{field: taken}"), 14, "{value: x}");
  EXPECT_FALSE(ParseWorkflow(bad, "w.yaml", &diags).has_value());
  EXPECT_THAT(FormatErrors(diags).English(), HasSubstr("effect.from names a field"));
}

INSTANTIATE_TEST_SUITE_P(Stores, AttendanceTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
