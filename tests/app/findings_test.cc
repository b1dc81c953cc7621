// Compliance findings (Docket::Findings) on SQLite and in memory, from the checks the shipped
// workflows declare. For every kind the issue lists, a compliant item gives no finding and
// a non-compliant one gives exactly its finding. The non-compliant ones mostly cannot come
// through the engine's rules — that is the point of findings — so they are written the way
// a bad import would: straight into the store (no audit history), or changed there after
// the fact. The scope of what is judged, and R10/R11, are in findings_scope_test.cc.
#include "findings_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

// --- everything kept: no finding at all ---

TEST_P(FindingsTest, AWholeCompliantRecordHasNoFindings) {
  LoadCalendar();
  std::int64_t matter = AdoptedMatter("large-spending");
  std::int64_t party = NewMeeting("party-meeting");
  std::int64_t cadre = OnAgenda("cadre-appointment", party);
  Ok(cadre, "recuse", {{"recused", "chen"}}, "liu");
  Ok(party, "hold", {{"present", "wang,li,chen,gao,ma,he"}}, "liu");
  // R6: chen is not present for the topic; R3: five of seven are
  Ok(cadre, "vote", {{"present", "wang,li,gao,ma,he"}, {"votes", "chen:recused,li:agree,gao:agree,ma:agree,he:agree,wang:agree"}},
     "liu");
  Ok(cadre, "adopt", {{"decision", "任命"}}, "wang");
  std::int64_t office = NewMeeting("office-meeting");
  std::int64_t routine = NewMatter("routine");
  Ok(routine, "schedule", {{"meeting", std::to_string(office)}}, "liu");
  Ok(office, "hold", {{"present", "li,chen,tang"}}, "liu");
  Ok(routine, "vote", {{"present", "li,chen,tang"}, {"votes", "chen:agree,tang:agree,li:agree"}}, "liu");
  Ok(routine, "adopt", {{"decision", "同意"}}, "li");

  ItemFilter kids;
  kids.parent = matter;
  const std::int64_t decision = docket_->ListItems(kids)->front().id;
  Ok(decision, "assign", {{"owners", "chen"}, {"due_date", "2026-04-30"}}, "wang");
  kids.parent = decision;
  const std::int64_t task = docket_->ListItems(kids)->front().id;
  Ok(task, "acknowledge", {}, "chen");
  Ok(task, "start", {}, "chen");
  Ok(task, "report", {{"progress", "100"}}, "chen");
  Ok(task, "complete", {}, "chen");
  Ok(task, "check", {}, "wang");
  Ok(decision, "complete", {}, "li");
  Ok(decision, "evaluate", {{"evaluation", "按期完成"}}, "wang");

  auto temp = docket_->CreateItem({"temporary-action", "school-a", std::nullopt,
                                   {{"title", "暴雨停课"}, {"reason", "红色预警"}, {"action_taken", "停课一天"}}, "li"});
  ASSERT_TRUE(temp.ok()) << temp.status().ToString();
  clock_.Advance(std::chrono::hours(1));  // explained at the next Party meeting, held after it (R10)
  std::int64_t next = HeldMeeting("party-meeting", "wang,li,chen,gao,ma");
  Ok(temp->item.id, "explain", {{"meeting", std::to_string(next)}, {"explanation", "已说明"}}, "wang");
  auto comm = docket_->CreateItem({"communication", "school-a", std::nullopt, {}, "wang"});
  ASSERT_TRUE(comm.ok());
  Ok(comm->item.id, "record", {{"topic", "本周工作"}}, "li");

  EXPECT_TRUE(Findings().empty());
  // Months later, with no conversation recorded since: only the missed week is found.
  auto later = Findings("district", std::nullopt, At("2026-06-30T00:00:00Z"));
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].item, comm->item.id);
  EXPECT_EQ(later[0].rule, "R11");
  ExpectVerifies();
}

// --- R1: decided by the wrong body ---

TEST_P(FindingsTest, R1MatterDecidedByTheWrongBody) {
  std::int64_t office = HeldMeeting("office-meeting", "li,chen,tang");
  std::int64_t good = AdoptedMatter("large-spending");
  std::int64_t bad = Import("matter", "adopted",
                            With(With(DecidedMatter("large-spending", office), "present", "li,chen,tang"), "votes",
                                 "li:agree,chen:agree,tang:agree"));
  auto fs = Findings();
  EXPECT_EQ(ChecksOn(fs, good), Strings{});
  EXPECT_EQ(ChecksOn(fs, bad), Strings{"R1 decided_by_right_body"});
  const Finding* f = Find(fs, bad, "decided_by_right_body");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, "high");
  EXPECT_EQ(f->org, "school-a");
  EXPECT_EQ(f->workflow, "matter");
  EXPECT_EQ(f->state, "adopted");
  EXPECT_EQ(f->message.en, "The matter was decided by a body other than the one its decision-matter list names");
  EXPECT_EQ(f->detail.English(), "table 'decision-matters' maps category 'large-spending' to 'party-meeting', but "
                       "meeting.body is 'office-meeting'");
  EXPECT_EQ(Evidence(*f, "category"), "large-spending");
  EXPECT_EQ(Evidence(*f, "meeting"), std::to_string(office));
}

// --- R8: no pre-meeting communication ---

TEST_P(FindingsTest, R8MajorMatterWithoutPreMeetingCommunication) {
  std::int64_t party = HeldMeeting("party-meeting", "wang,li,chen,gao,ma");
  std::int64_t good = AdoptedMatter("major-project");
  FieldTexts fields = DecidedMatter("major-project", party);
  fields.erase(std::remove_if(fields.begin(), fields.end(), [](const auto& p) { return p.first == "presigned_principal"; }),
               fields.end());
  std::int64_t bad = Import("matter", "adopted", fields);
  std::int64_t routine = Import("matter", "on_agenda", {{"title", "日常"}, {"category", "routine"}});  // needs none
  auto fs = Findings();
  EXPECT_EQ(ChecksOn(fs, good), Strings{});
  EXPECT_EQ(ChecksOn(fs, routine), Strings{});
  EXPECT_EQ(ChecksOn(fs, bad), Strings{"R8 pre_meeting_communication"});
  const Finding* f = Find(fs, bad, "pre_meeting_communication");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(Evidence(*f, "presigned_secretary"), "wang");
  EXPECT_EQ(Evidence(*f, "presigned_principal"), "");
}

// --- R2 / R3: decided without quorum; a meeting held without one ---

TEST_P(FindingsTest, R2AndR3DecidedWithoutQuorum) {
  std::int64_t party = HeldMeeting("party-meeting", "wang,li,chen,gao,ma");
  std::int64_t good = AdoptedMatter("cadre-appointment");  // 5 of 7 >= 2/3
  // 4 of 7: more than half (R2 kept) but under two thirds (R3 broken).
  std::int64_t four = Import("matter", "adopted",
                             With(With(DecidedMatter("cadre-appointment", party), "present", "wang,li,chen,gao"), "votes",
                                  "li:agree,chen:agree,gao:agree,wang:agree"));
  // 3 of 7: neither. (The votes are the three present; R4 fails too, checked below.)
  std::int64_t three = Import("matter", "rejected",
                              With(With(DecidedMatter("development-plan", party), "present", "wang,li,chen"), "votes",
                                   "li:disagree,chen:disagree,wang:disagree"));
  auto fs = Findings();
  EXPECT_EQ(ChecksOn(fs, good), Strings{});
  // Those at the meeting and absent from the topic have no reason recorded either (matter v4).
  EXPECT_EQ(ChecksOn(fs, four), (Strings{"R3 quorum_two_thirds", "R2 topic_absence_explained"}));
  EXPECT_EQ(ChecksOn(fs, three), (Strings{"R2 quorum", "R3 quorum_two_thirds", "R2 topic_absence_explained"}));
  EXPECT_EQ(Find(fs, three, "quorum")->detail.English(),
            "quorum not met: 3 of 7 members of 'party-meeting' present, more than 1/2 needed "
            "(not present: gao, ma, he, xu)");
  EXPECT_EQ(Evidence(*Find(fs, four, "quorum_two_thirds"), "present"), "wang, li, chen, gao");
}

TEST_P(FindingsTest, R2MeetingRecordedAsHeldWithoutQuorum) {
  std::int64_t good = HeldMeeting("party-meeting", "wang,li,chen,gao");
  std::int64_t bad = Import("meeting", "minutes_signed",
                            {{"title", "补录"}, {"body", "party-meeting"}, {"scheduled_at", "2026-03-01T09:00:00Z"},
                             {"present", "wang,li"}});
  std::int64_t congress = Import("meeting", "held",  // 4 of 6 delegates: two thirds, enough (R13)
                                 {{"title", "教代会"}, {"body", "staff-congress"}, {"scheduled_at", "2026-03-01T09:00:00Z"},
                                  {"present", "feng,cao,peng,lu"}});
  std::int64_t planned = Import("meeting", "planned",  // not held: nothing to check yet
                                {{"title", "计划"}, {"body", "party-meeting"}, {"scheduled_at", "2026-04-01T09:00:00Z"}});
  auto fs = Findings();
  EXPECT_EQ(ChecksOn(fs, good), Strings{});
  EXPECT_EQ(ChecksOn(fs, congress), Strings{});
  EXPECT_EQ(ChecksOn(fs, planned), Strings{});
  EXPECT_EQ(ChecksOn(fs, bad), Strings{"R2 held_with_quorum"});
}

// --- R4: adopted without the required majority ---

TEST_P(FindingsTest, R4AdoptedWithoutAMajorityOfTheMembersWhoShouldAttend) {
  std::int64_t party = HeldMeeting("party-meeting", "wang,li,chen,gao,ma");
  std::int64_t good = AdoptedMatter("major-decision");
  // 3 of the 5 present agree: a majority of those present, not of the 7 who should attend.
  std::int64_t bad = Import("matter", "adopted",
                            With(DecidedMatter("major-decision", party), "votes",
                                 "li:agree,chen:agree,gao:disagree,ma:abstain,wang:agree"));
  auto fs = Findings();
  EXPECT_EQ(ChecksOn(fs, good), Strings{});
  EXPECT_EQ(ChecksOn(fs, bad), Strings{"R4 majority"});
  EXPECT_EQ(Find(fs, bad, "majority")->detail.English(),
            "majority not reached: 3 'agree' of 7 members who should attend of 'party-meeting', more than 1/2 needed");
}

// --- R5: the secretary's position not last ---

TEST_P(FindingsTest, R5SecretaryNotLast) {
  std::int64_t party = HeldMeeting("party-meeting", "wang,li,chen,gao,ma");
  std::int64_t good = AdoptedMatter("major-decision");
  std::int64_t bad = Import("matter", "adopted",
                            With(DecidedMatter("major-decision", party), "votes",
                                 "wang:agree,li:agree,chen:agree,gao:agree,ma:agree"));
  auto fs = Findings();
  EXPECT_EQ(ChecksOn(fs, good), Strings{});
  EXPECT_EQ(ChecksOn(fs, bad), Strings{"R5 secretary_last"});
  EXPECT_EQ(Find(fs, bad, "secretary_last")->severity, "medium");
  EXPECT_THAT(Find(fs, bad, "secretary_last")->detail.English(), HasSubstr("'wang' (secretary) stated a position 1st of 5"));
}

// --- R6: a recused member who voted, or who acted ---

TEST_P(FindingsTest, R6RecusedMemberWhoVoted) {
  std::int64_t party = HeldMeeting("party-meeting", "wang,li,chen,gao,ma");
  // chen, recused, is not present for the topic (R6: else `recused_not_present` finds it too).
  auto recused = [&] { return With(With(DecidedMatter("major-decision", party), "recused", "chen"), "present", "wang,li,gao,ma"); };
  std::int64_t good = Import("matter", "adopted", With(recused(), "votes", "chen:recused,li:agree,gao:agree,ma:agree,wang:agree"));
  std::int64_t bad = Import("matter", "adopted", recused());
  auto fs = Findings();
  EXPECT_EQ(ChecksOn(fs, good), Strings{});
  EXPECT_EQ(ChecksOn(fs, bad), Strings{"R6 recused_did_not_vote"});
  EXPECT_EQ(Evidence(*Find(fs, bad, "recused_did_not_vote"), "recused"), "chen");
}

TEST_P(FindingsTest, R6RecusedMemberWhoActed) {
  std::int64_t good = AdoptedMatter("major-decision");
  std::int64_t bad = AdoptedMatter("major-project");
  // Afterwards the record is changed to list as recused wang, who adopted it (and voted),
  // and on the other matter he, who did neither.
  Patch(bad, "recused", "wang");
  Patch(good, "recused", "he");
  auto fs = Findings();
  EXPECT_EQ(ChecksOn(fs, good), Strings{});
  // wang is listed as recused, took `adopt`, holds a position in the ballot and is listed present.
  EXPECT_EQ(ChecksOn(fs, bad), (Strings{"R6 recused_did_not_act", "R6 recused_did_not_vote", "R6 recused_not_present"}));
  EXPECT_THAT(Find(fs, bad, "recused_did_not_act")->detail.English(),
              HasSubstr("persons listed in 'recused' acted on this item: 'wang' took 'adopt' at 2026-03-02T09:00:00Z"));
}

// --- R12: a decision closed with open tasks; execution overdue ---

TEST_P(FindingsTest, R12DecisionClosedWithOpenTasks) {
  std::int64_t bad = Import("decision", "closed", {{"title", "导入的决定"}, {"evaluation", "好"}});
  std::int64_t open_task = Import("task", "in_progress", {{"title", "t"}, {"owner", "chen"}, {"due_date", "2026-12-31"}}, bad);
  std::int64_t good = Import("decision", "executed", {{"title", "已执行的决定"}});
  Import("task", "closed", {{"title", "t"}, {"owner", "chen"}, {"due_date", "2026-12-31"}}, good);
  Import("task", "cancelled", {{"title", "t"}, {"owner", "li"}, {"due_date", "2026-12-31"}, {"comment", "取消"}}, good);
  auto fs = Findings();
  EXPECT_EQ(ChecksOn(fs, good), Strings{});
  EXPECT_EQ(ChecksOn(fs, bad), Strings{"R12 closed_with_open_tasks"});
  EXPECT_EQ(Find(fs, bad, "closed_with_open_tasks")->detail.English(),
            "child items are not finished: #" + std::to_string(open_task) + " (in_progress)");
  EXPECT_EQ(ChecksOn(fs, open_task), Strings{});  // due at the end of the year
}

TEST_P(FindingsTest, R12ExecutionOverdueJudgedAtTheTimeAsked) {
  std::int64_t late = Import("task", "in_progress", {{"title", "食堂改造"}, {"owner", "chen"}, {"due_date", "2026-04-30"}});
  std::int64_t done = Import("task", "closed", {{"title", "围墙"}, {"owner", "li"}, {"due_date", "2026-04-30"}});
  // The due day ends at midnight on the school's clock (Beijing time), as the timers see it.
  EXPECT_EQ(ChecksOn(Findings("district", std::nullopt, At("2026-04-30T15:59:59Z")), late), Strings{});
  EXPECT_EQ(ChecksOn(Findings("district", std::nullopt, At("2026-04-30T16:00:01Z")), late), Strings{"R12 overdue"});
  auto fs = Findings("district", std::nullopt, At("2026-05-02T10:00:00Z"));
  EXPECT_EQ(ChecksOn(fs, late), Strings{"R12 overdue"});
  EXPECT_EQ(ChecksOn(fs, done), Strings{});
  const Finding* f = Find(fs, late, "overdue");
  EXPECT_EQ(f->detail.English(), "'deadline' was due 2026-05-01T00:00:00+08:00 and the item is still 'in_progress' at "
                       "2026-05-02T18:00:00+08:00 (1 day late)");
  EXPECT_EQ(Evidence(*f, "owner"), "chen");
  EXPECT_EQ(Evidence(*f, "due_date"), "2026-04-30");
}

// --- R14: a semester report late or missing ---

TEST_P(FindingsTest, R14ReportLateOrMissing) {
  LoadCalendar();
  clock_.Set(At("2026-07-11T08:00:00Z"));  // the spring semester is over
  ASSERT_TRUE(docket_->Tick().ok());
  std::map<std::string, std::int64_t> report;
  for (const auto& item : *docket_->ListItems({})) {
    if (item.workflow == "semester-report") report[item.org] = item.id;
  }
  ASSERT_EQ(report.size(), 3u);
  clock_.Set(At("2026-08-01T09:00:00Z"));  // school-a on time
  Ok(report["school-a"], "approve", {{"summary", "本学期工作"}, {"approved_at_meeting", "2026-07-30"}}, "wang");
  Ok(report["school-a"], "submit", {}, "wang");
  clock_.Set(At("2026-08-20T09:00:00Z"));  // school-b ten days after 2026-08-10
  Ok(report["school-b"], "approve", {{"summary", "本学期工作"}, {"approved_at_meeting", "2026-08-19"}}, "sun");
  Ok(report["school-b"], "submit", {}, "sun");
  // school-c has not submitted at all.
  auto fs = Findings("district", "2026-spring", At("2026-08-25T00:00:00Z"));
  EXPECT_EQ(ChecksOn(fs, report["school-a"]), Strings{});
  EXPECT_EQ(ChecksOn(fs, report["school-b"]), Strings{"R14 late"});
  EXPECT_EQ(ChecksOn(fs, report["school-c"]), Strings{"R14 late"});
  EXPECT_THAT(Find(fs, report["school-b"], "late")->detail.English(),
              HasSubstr("'report_due' was due 2026-08-10T00:00:00+08:00 and it was done 2026-08-20T17:00:00+08:00 (10 days late)"));
  EXPECT_THAT(Find(fs, report["school-c"], "late")->detail.English(), HasSubstr("is still 'drafted'"));
  EXPECT_EQ(ChecksOn(fs, 0), Strings{});  // none missing: tick opened one per school

  // The autumn semester ended and no tick opened its reports: one missing per school.
  fs = Findings("district", "2026-autumn", At("2027-02-01T00:00:00Z"));
  ASSERT_EQ(fs.size(), 3u);
  for (const Finding& f : fs) {
    EXPECT_EQ(f.rule, "R14");
    EXPECT_EQ(f.check, "missing");
    EXPECT_EQ(f.item, 0);
    EXPECT_EQ(f.workflow, "semester-report");
    EXPECT_EQ(Evidence(f, "semester"), "2026-autumn");
  }
  EXPECT_EQ(fs[0].org, "school-a");
  EXPECT_EQ(fs[2].org, "school-c");
  EXPECT_EQ(fs[0].detail.English(), "no 'semester-report' item with semester '2026-autumn' in 'school-a', though the semester "
                          "ended 2027-01-23T00:00:00+08:00");  // the end of 22 January in Beijing
  // Before the autumn semester ends nothing is missing yet.
  EXPECT_TRUE(Findings("school-b", "2026-autumn", At("2027-01-22T12:00:00Z")).empty());
}

// The histories the checks read (a report submitted: when it left its timer's states) are
// read at once for all the items judged: on PostgreSQL one more submitted report costs not
// one statement more (it cost one, read one by one). The statements of every connection the
// findings use are summed (PgStore::StatementsSent counts its readers'): Findings judges
// the district in two halves, organizations alternating (district and school-b; school-a
// and school-c), so school-a's and school-b's reports make each half read histories, and
// school-c's is one more item in school-a's half's one read.
TEST_P(FindingsTest, TheHistoriesTheChecksReadAreReadAtOnce) {
  LoadCalendar();
  clock_.Set(At("2026-07-11T08:00:00Z"));
  ASSERT_TRUE(docket_->Tick().ok());
  std::map<std::string, std::int64_t> report;
  for (const auto& item : *docket_->ListItems({})) {
    if (item.workflow == "semester-report") report[item.org] = item.id;
  }
  ASSERT_EQ(report.size(), 3u);
  clock_.Set(At("2026-08-20T09:00:00Z"));
  const std::map<std::string, std::string> by = {{"school-a", "wang"}, {"school-b", "sun"}, {"school-c", "qin"}};
  auto submit = [&](const std::string& org) {
    Ok(report[org], "approve", {{"summary", "本学期工作"}, {"approved_at_meeting", "2026-08-19"}}, by.at(org));
    Ok(report[org], "submit", {}, by.at(org));
  };
  auto* pg = dynamic_cast<PgStore*>(store_.get());
  auto sent = [&]() -> std::int64_t { return pg != nullptr ? pg->StatementsSent() : 0; };
  submit("school-a");
  submit("school-b");
  Findings("district", "2026-spring", At("2026-08-25T00:00:00Z"));  // definitions and indexes read once
  std::int64_t before = sent();
  auto two = Findings("district", "2026-spring", At("2026-08-25T00:00:00Z"));
  const std::int64_t with_two = sent() - before;
  submit("school-c");
  before = sent();
  auto three = Findings("district", "2026-spring", At("2026-08-25T00:00:00Z"));
  const std::int64_t with_three = sent() - before;
  EXPECT_EQ(ChecksOn(two, report["school-a"]), Strings{"R14 late"});
  EXPECT_EQ(ChecksOn(two, report["school-b"]), Strings{"R14 late"});
  for (const char* org : {"school-a", "school-b", "school-c"}) EXPECT_EQ(ChecksOn(three, report[org]), Strings{"R14 late"}) << org;
  EXPECT_THAT(Find(three, report["school-c"], "late")->detail.English(), HasSubstr("it was done 2026-08-20T17:00:00+08:00"));
  if (pg != nullptr) {
    EXPECT_GT(with_two, 0);
    EXPECT_EQ(with_three, with_two) << "statements with two reports submitted: " << with_two;
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, FindingsTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
