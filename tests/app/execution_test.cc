// R12 end to end: an adopted matter becomes a decision, the decision becomes one task per
// owner, tasks are reported on, completed and checked, late ones are chased and escalated,
// and the decision is executed only when every task is finished and closed only once
// evaluated. R9: a decision can go back for reconsideration. R10: a temporary action is
// explained to the next Party organization meeting.
#include "governance_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class ExecutionTest : public GovernanceTest {};

TEST_P(ExecutionTest, AdoptedTopicBecomesADecisionWithItsContent) {
  std::int64_t d = AdoptedDecision();
  auto decision = docket_->GetItem(d);
  ASSERT_TRUE(decision.ok());
  EXPECT_EQ(decision->workflow, "decision");
  EXPECT_EQ(decision->state, "adopted");
  EXPECT_EQ(decision->fields.at("content"), Value("改造食堂，暑期完工"));
  EXPECT_EQ(decision->fields.at("category"), Value("major-project"));
  EXPECT_TRUE(decision->fields.at("meeting").is_int());
  auto h = docket_->History(d);
  ASSERT_EQ(h->size(), 1u);
  EXPECT_EQ((*h)[0].actor, "wang");
  EXPECT_EQ((*h)[0].role, "system");
  ExpectVerifies();
}

TEST_P(ExecutionTest, DecisionExecutedOnlyWhenEveryTaskIsClosedThenEvaluated) {
  std::int64_t d = AdoptedDecision();
  Ok(d, "assign", {{"owners", "li,chen"}, {"due_date", "2026-04-30"}}, "wang");
  auto tasks = Tasks(d);
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[0].fields.at("owner"), Value("li"));
  EXPECT_EQ(tasks[1].fields.at("owner"), Value("chen"));
  const std::int64_t t1 = tasks[0].id, t2 = tasks[1].id;

  Ok(t1, "acknowledge", {}, "li");
  Ok(t1, "start", {}, "li");
  Ok(t1, "report", {{"progress", "60"}, {"evidence", "施工合同"}}, "li");
  EXPECT_THAT(Refused(t1, "complete", {}, "li"), HasSubstr("100%"));
  Ok(t1, "report", {{"progress", "100"}, {"evidence", "验收报告"}}, "li");
  Ok(t1, "complete", {}, "li");
  Ok(t1, "rework", {{"comment", "缺少验收签字"}}, "wang");
  Ok(t1, "complete", {}, "li");
  // li is also a committee member, but completed it: separation of duties.
  EXPECT_THAT(Refused(t1, "check", {}, "li"), HasSubstr("separation of duties"));
  Ok(t1, "check", {}, "wang");

  std::string why = Refused(d, "complete", {}, "li");
  EXPECT_THAT(why, HasSubstr("R12"));
  EXPECT_THAT(why, HasSubstr("#" + std::to_string(t2)));

  Ok(t2, "acknowledge", {}, "chen");
  Ok(t2, "start", {}, "chen");
  Ok(t2, "report", {{"progress", "100"}}, "chen");
  Ok(t2, "complete", {}, "chen");
  EXPECT_THAT(Refused(t2, "check", {}, "chen"), HasSubstr("R12"));  // chen completed it: no self-check
  Ok(t2, "check", {}, "gao");                                       // a committee member checks

  Ok(d, "complete", {}, "li");
  EXPECT_THAT(Refused(d, "evaluate", {}, "wang"), HasSubstr("evaluation"));
  Ok(d, "evaluate", {{"evaluation", "按期完成，师生满意"}}, "wang");
  EXPECT_EQ(docket_->GetItem(d)->state, "closed");
  ExpectVerifies();
}

// Issue 13 §2: a decision's progress is the roll-up over ALL its tasks — a task that has
// reported nothing counts 0 % (so one task at 60 % of three reads 20 %, not 60 %).
TEST_P(ExecutionTest, ADecisionsProgressIsTheMeanOverAllItsTasksRoundedDown) {
  std::int64_t d = AdoptedDecision();
  auto before = docket_->ItemProgress(d);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_TRUE(before->applies);  // a decision spawns tasks: it has a progress, shown "—"
  EXPECT_FALSE(before->percent.has_value());
  EXPECT_EQ(before->PercentText(), "—");

  Ok(d, "assign", {{"owners", "li,chen,tang"}, {"due_date", "2026-04-30"}}, "wang");
  auto tasks = Tasks(d);
  ASSERT_EQ(tasks.size(), 3u);
  const std::int64_t t1 = tasks[0].id, t2 = tasks[1].id;
  Ok(t1, "acknowledge", {}, "li");
  Ok(t1, "start", {}, "li");
  Ok(t1, "report", {{"progress", "60"}}, "li");
  auto p = docket_->ItemProgress(d);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->percent, 20);  // (60 + 0 + 0) / 3
  ASSERT_EQ(p->tasks.size(), 3u);
  EXPECT_TRUE(p->tasks[0].reported);
  EXPECT_FALSE(p->tasks[1].reported);
  EXPECT_EQ(p->tasks[1].percent, 0);
  EXPECT_EQ(p->finished, 0);

  Ok(t2, "acknowledge", {}, "chen");
  Ok(t2, "start", {}, "chen");
  Ok(t2, "report", {{"progress", "100"}}, "chen");
  Ok(t2, "complete", {}, "chen");
  Ok(t2, "check", {}, "gao");
  const TimePoint before_second = clock_.Now() + std::chrono::minutes(30);
  clock_.Set(clock_.Now() + std::chrono::hours(1));
  Ok(t1, "report", {{"progress", "45"}}, "li");  // the LAST report counts
  p = docket_->ItemProgress(d);
  EXPECT_EQ(p->percent, 48);  // (45 + 100 + 0) / 3 = 48.3, rounded down
  EXPECT_EQ(p->finished, 1);
  EXPECT_TRUE(p->tasks[1].finished);

  // As of a moment, rebuilt from the audit log: before li's second report.
  auto then = docket_->ItemProgress(d, before_second);
  ASSERT_TRUE(then.ok()) << then.status().ToString();
  EXPECT_EQ(then->percent, 53);  // (60 + 100 + 0) / 3

  // A matter spawns no tasks: no progress at all.
  auto matter = docket_->ItemProgress(*docket_->GetItem(d)->parent);
  ASSERT_TRUE(matter.ok());
  EXPECT_FALSE(matter->applies);
}

TEST_P(ExecutionTest, LateTaskIsChasedThenEscalatedToTheSupervisor) {
  std::int64_t d = AdoptedDecision();
  Ok(d, "assign", {{"owners", "chen"}, {"due_date", "2026-03-20"}}, "wang");
  const std::int64_t task = Tasks(d).at(0).id;
  clock_.Set(*ParseTime("2026-03-19T08:00:00Z"));
  ASSERT_TRUE(docket_->Tick().ok());
  auto chen = docket_->Inbox("chen", false);
  ASSERT_TRUE(chen.ok());
  ASSERT_EQ(chen->size(), 1u);
  EXPECT_EQ((*chen)[0].item_id, task);
  clock_.Set(*ParseTime("2026-03-22T08:00:00Z"));
  ASSERT_TRUE(docket_->Tick().ok());
  auto li = docket_->Inbox("li", false);
  ASSERT_TRUE(li.ok());
  EXPECT_GE(li->size(), 1u);  // the principal hears a day after the due date
  EXPECT_TRUE(docket_->Inbox("zhao", false)->empty());
  clock_.Set(*ParseTime("2026-03-29T08:00:00Z"));
  auto fired = docket_->Tick();
  ASSERT_TRUE(fired.ok());
  auto zhao = docket_->Inbox("zhao", false);
  ASSERT_TRUE(zhao.ok());
  ASSERT_EQ(zhao->size(), 1u);  // the district supervisor: escalated a week after
  EXPECT_EQ((*zhao)[0].kind, "escalate");
  EXPECT_EQ((*zhao)[0].item_id, task);
  EXPECT_TRUE(docket_->Tick()->fired.empty());  // ticking again fires nothing new
  ExpectVerifies();
}

TEST_P(ExecutionTest, R9ReconsiderationGoesBackToTheSameBody) {
  std::int64_t d = AdoptedDecision();
  EXPECT_THAT(Refused(d, "reconsider", {}, "wang"), HasSubstr("reconsider_reason"));
  Ok(d, "reconsider", {{"reconsider_reason", "预算调整"}}, "wang");
  // The same body: a major project is reconsidered by the Party organization meeting, not the office.
  std::int64_t office = NewMeeting("office-meeting");
  Ok(office, "hold", {{"present", "li,chen,tang"}}, "liu");
  EXPECT_THAT(Refused(d, "revoke", {{"outcome", "撤销"}, {"reconsidered_at", std::to_string(office)}}, "wang"),
              HasSubstr("R9: A decision is reconsidered by the body that must decide it"));
  std::int64_t party = NewMeeting("party-meeting");
  EXPECT_THAT(Refused(d, "revoke", {{"outcome", "撤销"}, {"reconsidered_at", std::to_string(party)}}, "wang"),
              HasSubstr("R9: Reconsideration happens at a meeting that was held"));
  Ok(party, "hold", {{"present", "wang,li,chen,gao,ma"}}, "liu");
  Ok(d, "revoke", {{"outcome", "党组织会议复议撤销"}, {"reconsidered_at", std::to_string(party)}}, "wang");
  EXPECT_EQ(docket_->GetItem(d)->state, "revoked");
  ExpectVerifies();
}

TEST_P(ExecutionTest, R10TemporaryActionIsExplainedToTheNextPartyMeeting) {
  auto r = docket_->CreateItem({"temporary-action", "school-a", std::nullopt,
                                {{"title", "暴雨停课"}, {"reason", "暴雨红色预警"}, {"action_taken", "当日停课一天"}}, "li"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const std::int64_t act = r->item.id;
  EXPECT_EQ(r->item.fields.at("taken_by"), Value("li"));
  EXPECT_EQ(r->item.fields.at("category"), Value("temporary-action"));
  EXPECT_EQ(docket_->CreateItem({"temporary-action", "school-a", std::nullopt,
                                 {{"title", "x"}, {"reason", "y"}, {"action_taken", "z"}}, "chen"})
                .status()
                .code(),
            Code::kForbidden);  // only the secretary or the principal acts alone

  std::int64_t office = NewMeeting("office-meeting");
  Ok(office, "hold", {{"present", "li,chen,tang"}}, "liu");
  EXPECT_THAT(Refused(act, "explain", {{"meeting", std::to_string(office)}, {"explanation", "说明"}}, "li"),
              HasSubstr("R10: A temporary action is explained to the Party organization meeting"));
  std::int64_t party = NewMeeting("party-meeting");
  EXPECT_THAT(Refused(act, "explain", {{"meeting", std::to_string(party)}, {"explanation", "说明"}}, "li"),
              HasSubstr("R10: It is explained at a meeting that was held"));

  clock_.Set(*ParseTime("2026-03-10T09:00:00Z"));  // a week on: both are reminded
  ASSERT_TRUE(docket_->Tick().ok());
  EXPECT_EQ(docket_->Inbox("wang", false)->size(), 1u);
  EXPECT_EQ(docket_->Inbox("li", false)->size(), 1u);
  clock_.Set(*ParseTime("2026-04-02T09:00:00Z"));  // thirty days on: the supervisor hears
  ASSERT_TRUE(docket_->Tick().ok());
  auto zhao = docket_->Inbox("zhao", false);
  ASSERT_EQ(zhao->size(), 1u);
  EXPECT_EQ((*zhao)[0].item_id, act);

  Ok(party, "hold", {{"present", "wang,li,chen,gao,ma"}}, "liu");
  Ok(act, "explain", {{"meeting", std::to_string(party)}, {"explanation", "向党委会说明停课处置"}}, "li");
  EXPECT_EQ(docket_->GetItem(act)->state, "explained");
  ExpectVerifies();
}

INSTANTIATE_TEST_SUITE_P(Stores, ExecutionTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
