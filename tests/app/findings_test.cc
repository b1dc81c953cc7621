// Compliance findings (Docket::Findings) on SQLite and in memory, from the checks the shipped
// workflows declare. For every kind the issue lists, a compliant item gives no finding and
// a non-compliant one gives exactly its finding. The non-compliant ones mostly cannot come
// through the engine's rules — that is the point of findings — so they are written the way
// a bad import would: straight into the store (no audit history), or changed there after
// the fact; one runs on an older workflow version that lacked the guard.
#include <algorithm>

#include "core/field.h"
#include "governance_fixture.h"
#include "store/pg_store.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class FindingsTest : public GovernanceTest {
 protected:
  // An item written into the store as an import would: no audit entry, no engine rules.
  std::int64_t Import(const std::string& workflow, const std::string& state, const FieldTexts& fields,
                      std::optional<std::int64_t> parent = std::nullopt, const std::string& org = "school-a") {
    auto def = docket_->GetDefinition(workflow, std::nullopt);
    EXPECT_TRUE(def.ok()) << def.status().ToString();
    if (!def.ok()) return 0;
    Item item;
    item.org = org;
    item.workflow = workflow;
    item.workflow_version = (*def)->version;
    item.state = state;
    item.parent = parent;
    item.version = 1;
    item.created_at = item.updated_at = clock_.Now();
    for (const auto& [name, text] : fields) {
      const FieldDef* f = (*def)->FindField(name);
      EXPECT_NE(f, nullptr) << name;
      if (f == nullptr) return 0;
      auto v = ParseFieldText(*f, text);
      EXPECT_TRUE(v.ok()) << v.status().ToString();
      if (v.ok()) item.fields[name] = *v;
    }
    auto id = store_->InsertItem(item);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  // A field changed in the store after the fact (an edit outside the engine).
  void Patch(std::int64_t id, const std::string& field, const std::string& text) {
    auto item = store_->GetItem(id);
    ASSERT_TRUE(item.ok());
    auto def = docket_->GetDefinition(item->workflow, item->workflow_version);
    ASSERT_TRUE(def.ok());
    auto v = ParseFieldText(*(*def)->FindField(field), text);
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    Item changed = *item;
    changed.fields[field] = *v;
    changed.version = item->version + 1;
    ASSERT_TRUE(store_->UpdateItem(changed, item->version).ok());
  }

  std::int64_t HeldMeeting(const std::string& body, const std::string& present) {
    std::int64_t m = NewMeeting(body);
    Ok(m, "hold", {{"present", present}}, "liu");
    return m;
  }

  // A matter adopted through the engine at a Party meeting of its own: every rule kept.
  std::int64_t AdoptedMatter(const std::string& category) {
    std::int64_t party = NewMeeting("party-meeting");
    std::int64_t m = OnAgenda(category, party);
    Ok(party, "hold", {{"present", "wang,li,chen,gao,ma"}}, "liu");
    Ok(m, "vote", {{"present", "wang,li,chen,gao,ma"}, {"votes", "li:agree,chen:agree,gao:agree,ma:agree,wang:agree"}},
       "liu");
    Ok(m, "adopt", {{"decision", "同意"}}, "wang");
    return m;
  }

  // The fields of an adopted major matter as an import would bring them, before `meeting`.
  FieldTexts DecidedMatter(const std::string& category, std::int64_t meeting) {
    return {{"title", "导入的议题"},
            {"category", category},
            {"meeting", std::to_string(meeting)},
            {"presigned_secretary", "wang"},
            {"presigned_principal", "li"},
            {"present", "wang,li,chen,gao,ma"},
            {"votes", "li:agree,chen:agree,gao:agree,ma:agree,wang:agree"},
            {"decision", "同意"}};
  }
  FieldTexts With(FieldTexts fields, const std::string& name, const std::string& text) {
    for (auto& [n, t] : fields) {
      if (n == name) {
        t = text;
        return fields;
      }
    }
    fields.push_back({name, text});
    return fields;
  }

  std::vector<Finding> Findings(const std::string& org = "district", std::optional<std::string> term = std::nullopt,
                                std::optional<TimePoint> as_of = std::nullopt) {
    auto r = docket_->Findings(org, term, as_of);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<Finding>{};
  }
  // The checks that found something about `item`, in order ("" entries for none).
  static std::vector<std::string> ChecksOn(const std::vector<Finding>& fs, std::int64_t item) {
    std::vector<std::string> out;
    for (const auto& f : fs) {
      if (f.item == item) out.push_back(f.rule + " " + f.check);
    }
    return out;
  }
  static const Finding* Find(const std::vector<Finding>& fs, std::int64_t item, const std::string& check) {
    for (const auto& f : fs) {
      if (f.item == item && f.check == check) return &f;
    }
    return nullptr;
  }
  static std::string Evidence(const Finding& f, const std::string& field) {
    for (const auto& [k, v] : f.evidence) {
      if (k == field) return v;
    }
    return "(none)";
  }
  void LoadCalendar() {
    Status st = docket_->LoadCalendar(FindShipped("workflows/examples/calendar.yaml")->text, "calendar.yaml");
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  static TimePoint At(const char* iso) { return *ParseTime(iso); }

  using Strings = std::vector<std::string>;
};

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

// --- One rule places an item in a term, for findings and for reports (core/term.h) ---

// Meetings recorded as held without a quorum (R2), each held at the moment it was created:
// on the spring semester's first instant, in the summer between the semesters, on the
// autumn semester's first instant, and just before the spring one — first instants on the
// school's clock (00:00 in Beijing is 16:00 UTC the day before). Findings (by creation
// time) and the semester report (by held_at) must place each in the same term: the summer
// one in spring (the holidays after a semester belong to it, in findings and report alike).
TEST_P(FindingsTest, FindingsAndTheReportPlaceTheSameItemsInTheSameTerm) {
  LoadCalendar();
  auto meeting_at = [&](const char* when) {
    clock_.Set(At(when));
    return Import("meeting", "minutes_signed",
                  {{"title", std::string("补录 ") + when}, {"body", "party-meeting"}, {"scheduled_at", when},
                   {"held_at", when}, {"present", "wang,li"}});
  };
  const std::int64_t before = meeting_at("2026-02-22T15:59:59Z");
  const std::int64_t spring_start = meeting_at("2026-02-22T16:00:00Z");
  const std::int64_t summer = meeting_at("2026-08-01T09:00:00Z");
  const std::int64_t autumn_start = meeting_at("2026-08-31T16:00:00Z");
  // Recorded in spring, held in autumn: both place it by when it was held.
  clock_.Set(At("2026-05-01T09:00:00Z"));
  const std::int64_t recorded_in_spring =
      Import("meeting", "minutes_signed",
             {{"title", "春季登记、秋季召开"}, {"body", "party-meeting"}, {"scheduled_at", "2026-10-10T09:00:00Z"},
              {"held_at", "2026-10-10T09:00:00Z"}, {"present", "wang,li"}});
  clock_.Set(At("2027-02-01T00:00:00Z"));

  auto flagged = [&](const std::string& term) {
    std::vector<std::int64_t> out;
    for (const Finding& f : Findings("school-a", term)) {
      if (f.check == "held_with_quorum") out.push_back(f.item);
    }
    return out;
  };
  auto held = [&](const std::string& term) -> std::string {
    auto doc = docket_->Report("semester", "school-a", term);
    EXPECT_TRUE(doc.ok()) << doc.status().ToString();
    if (!doc.ok()) return "<no report>";
    for (const auto& s : doc->sections) {
      if (s.id != "meetings") continue;
      for (const auto& t : s.tables) {
        if (t.id != "summary" || t.rows.empty()) continue;
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
          if (t.columns[c].id == "held") return t.rows.back()[c].Text(Lang::kEn);
        }
      }
    }
    return "0";  // no rows: none this term
  };
  EXPECT_EQ(flagged("2026-spring"), (std::vector<std::int64_t>{spring_start, summer}));
  EXPECT_EQ(held("2026-spring"), "2");
  EXPECT_EQ(flagged("2026-autumn"), (std::vector<std::int64_t>{autumn_start, recorded_in_spring}));
  EXPECT_EQ(held("2026-autumn"), "2");
  // Before the first semester: in no term, for either.
  auto all = Findings("school-a");
  EXPECT_EQ(ChecksOn(all, before), Strings{"R2 held_with_quorum"});
}

// --- R11: a missed weekly communication ---

TEST_P(FindingsTest, R11MissedWeekBeforeAndAfterTick) {
  auto made = docket_->CreateItem({"communication", "school-a", std::nullopt, {}, "wang"});  // 03-02T09:00
  ASSERT_TRUE(made.ok());
  const std::int64_t comm = made->item.id;
  auto kept = docket_->CreateItem({"communication", "school-c", std::nullopt, {}, "qin"});
  ASSERT_TRUE(kept.ok());
  clock_.Set(At("2026-03-06T09:00:00Z"));
  Ok(kept->item.id, "record", {{"topic", "周例会"}}, "song");
  // A week later, before any tick: the week that passed is found on the record itself.
  auto fs = Findings("district", std::nullopt, At("2026-03-10T00:00:00Z"));
  EXPECT_EQ(ChecksOn(fs, comm), Strings{"R11 weekly"});
  EXPECT_EQ(ChecksOn(fs, kept->item.id), Strings{});
  // Tick takes `miss`: the engine opens a finding item, which is a finding itself.
  clock_.Set(At("2026-03-10T00:00:00Z"));
  ASSERT_TRUE(docket_->Tick().ok());
  fs = Findings("district", std::nullopt, At("2026-03-10T00:00:00Z"));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].rule, "R11");
  EXPECT_EQ(fs[0].check, "missed_communication");
  EXPECT_EQ(fs[0].workflow, "finding");
  EXPECT_EQ(fs[0].org, "school-a");
  EXPECT_EQ(Evidence(fs[0], "title"), "一周内未开展书记校长沟通");
  // A finding a supervisor opened by hand is not an R11 finding.
  auto manual = docket_->CreateItem({"finding", "school-b", std::nullopt, {{"title", "档案不全"}}, "zhao"});
  ASSERT_TRUE(manual.ok()) << manual.status().ToString();
  EXPECT_EQ(ChecksOn(Findings("district", std::nullopt, At("2026-03-10T00:00:00Z")), manual->item.id), Strings{});
}

// --- R10: a temporary action never explained ---

TEST_P(FindingsTest, R10TemporaryActionNeverExplained) {
  FieldTexts what{{"title", "暴雨停课"}, {"reason", "红色预警"}, {"action_taken", "停课一天"}};
  auto open = docket_->CreateItem({"temporary-action", "school-a", std::nullopt, what, "li"});
  auto told = docket_->CreateItem({"temporary-action", "school-a", std::nullopt, what, "wang"});
  ASSERT_TRUE(open.ok() && told.ok());
  clock_.Advance(std::chrono::hours(1));  // the next Party meeting, held after both (R10)
  std::int64_t party = HeldMeeting("party-meeting", "wang,li,chen,gao,ma");
  Ok(told->item.id, "explain", {{"meeting", std::to_string(party)}, {"explanation", "已说明"}}, "wang");
  std::int64_t imported = Import("temporary-action", "taken", what);  // no history: from its creation
  EXPECT_TRUE(Findings("district", std::nullopt, At("2026-03-31T00:00:00Z")).empty());
  auto fs = Findings("district", std::nullopt, At("2026-04-02T00:00:00Z"));
  EXPECT_EQ(ChecksOn(fs, open->item.id), Strings{"R10 never_explained"});
  EXPECT_EQ(ChecksOn(fs, imported), Strings{"R10 never_explained"});
  EXPECT_EQ(ChecksOn(fs, told->item.id), Strings{});
  EXPECT_EQ(Evidence(*Find(fs, open->item.id, "never_explained"), "taken_by"), "li");
}

// --- which items: the org and every org below it, the term, the latest checks ---

TEST_P(FindingsTest, OrgScopeTermAndErrors) {
  LoadCalendar();
  std::int64_t a = Import("task", "assigned", {{"title", "a"}, {"owner", "chen"}, {"due_date", "2026-03-01"}});
  std::int64_t b = Import("task", "assigned", {{"title", "b"}, {"owner", "xie"}, {"due_date", "2026-03-01"}}, std::nullopt,
                          "school-b");
  clock_.Set(At("2026-09-15T09:00:00Z"));  // an autumn item
  std::int64_t c = Import("task", "assigned", {{"title", "c"}, {"owner", "chen"}, {"due_date", "2026-09-01"}});
  // Three overdue tasks, and the spring semester is over with no school's report opened.
  auto all = Findings("district");
  EXPECT_EQ(all.size(), 6u);
  EXPECT_EQ(ChecksOn(all, 0), (Strings{"R14 missing", "R14 missing", "R14 missing"}));
  // The district's findings (its organizations split over two threads, each on a connection
  // of its own) are each organization's own (one thread), in organization order.
  std::vector<std::string> one_by_one, together;
  for (const char* org : {"district", "school-a", "school-b", "school-c"}) {
    for (const Finding& f : Findings(org)) {
      if (f.org == org) one_by_one.push_back(f.org + " #" + std::to_string(f.item) + " " + f.check + " " + f.detail.English());
    }
  }
  for (const Finding& f : all) together.push_back(f.org + " #" + std::to_string(f.item) + " " + f.check + " " + f.detail.English());
  EXPECT_EQ(together, one_by_one);
  auto below = Findings("school-b");  // the org alone: its task and its missing report
  ASSERT_EQ(below.size(), 2u);
  EXPECT_EQ(ChecksOn(below, b), Strings{"R12 overdue"});
  EXPECT_EQ(below[0].org, "school-b");
  EXPECT_EQ(below[1].org, "school-b");
  auto spring = Findings("district", "2026-spring");
  EXPECT_EQ(spring.size(), 5u);
  EXPECT_EQ(ChecksOn(spring, c), Strings{});
  EXPECT_EQ(ChecksOn(spring, a), Strings{"R12 overdue"});
  auto autumn = Findings("school-a", "2026-autumn");  // not over yet: nothing missing
  ASSERT_EQ(autumn.size(), 1u);
  EXPECT_EQ(ChecksOn(autumn, c), Strings{"R12 overdue"});

  auto unknown = docket_->Findings("school-z", std::nullopt, std::nullopt);
  EXPECT_EQ(unknown.status().code(), Code::kNotFound);
  EXPECT_THAT(unknown.status().message(), HasSubstr("school-z"));
  auto term = docket_->Findings("district", std::string("2031-spring"), std::nullopt);
  EXPECT_EQ(term.status().code(), Code::kInvalid);
  EXPECT_THAT(term.status().message(), HasSubstr("unknown term '2031-spring': the calendar has 2026-spring, 2026-autumn"));
}

TEST_P(FindingsTest, ItemsOnAnOlderVersionAreJudgedByTheLatestChecks) {
  const std::string v1 =
      "id: vote\nversion: 1\nfields:\n  meeting: {type: item}\n  votes: {type: ballot, values: [agree, disagree]}\n"
      "states: {open: {initial: true}, adopted: {terminal: true}}\n"
      "create: {roles: [secretary], sets: [meeting, votes]}\n"
      "transitions:\n  - {name: adopt, from: open, to: adopted, roles: [secretary]}\n";
  ASSERT_TRUE(docket_->LoadWorkflow(v1, "vote-v1.yaml").ok());
  std::int64_t party = HeldMeeting("party-meeting", "wang,li,chen,gao,ma");
  // v1 has no majority guard: the engine lets a 2-of-7 vote through.
  auto item = docket_->CreateItem({"vote", "school-a", std::nullopt,
                                   {{"meeting", std::to_string(party)}, {"votes", "li:agree,wang:agree"}}, "wang"});
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  Ok(item->item.id, "adopt", {}, "wang");
  EXPECT_TRUE(Findings().empty());  // v1 declares no checks
  std::string v2 = v1;
  v2.replace(v2.find("version: 1"), 10, "version: 2");
  v2 += "checks:\n  - name: majority\n    rule: R4\n    severity: high\n    in: adopted\n"
        "    when: {majority: {ballot: votes, choice: agree, body: {ref: meeting, field: body}}}\n"
        "    message: {en: Adopted without a majority}\n    evidence: [votes]\n";
  ASSERT_TRUE(docket_->LoadWorkflow(v2, "vote-v2.yaml").ok());
  auto fs = Findings();
  EXPECT_EQ(ChecksOn(fs, item->item.id), Strings{"R4 majority"});
  EXPECT_EQ(docket_->GetItem(item->item.id)->workflow_version, 1);
  EXPECT_EQ(Evidence(fs[0], "votes"), "li:agree, wang:agree");
  ExpectVerifies();  // made through the engine: the record is sound, the decision is not
}

INSTANTIATE_TEST_SUITE_P(Stores, FindingsTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
