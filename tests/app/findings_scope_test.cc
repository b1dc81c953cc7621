// Findings (Docket::Findings) beside the rules' own cases (findings_test.cc): one rule places
// an item in a term for findings and reports alike; R11's missed week and R10's unexplained
// temporary action; which items are judged (the org and every org below it, the term, the
// latest checks) and on an older workflow version.
#include "findings_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class FindingsScopeTest : public FindingsTest {};

// --- One rule places an item in a term, for findings and for reports (core/term.h) ---

// Meetings recorded as held without a quorum (R2), each held at the moment it was created:
// on the spring semester's first instant, in the summer between the semesters, on the
// autumn semester's first instant, and just before the spring one — first instants on the
// school's clock (00:00 in Beijing is 16:00 UTC the day before). Findings (by creation
// time) and the semester report (by held_at) must place each in the same term: the summer
// one in spring (the holidays after a semester belong to it, in findings and report alike).
TEST_P(FindingsScopeTest, FindingsAndTheReportPlaceTheSameItemsInTheSameTerm) {
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

TEST_P(FindingsScopeTest, R11MissedWeekBeforeAndAfterTick) {
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

TEST_P(FindingsScopeTest, R10TemporaryActionNeverExplained) {
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

TEST_P(FindingsScopeTest, OrgScopeTermAndErrors) {
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

TEST_P(FindingsScopeTest, ItemsOnAnOlderVersionAreJudgedByTheLatestChecks) {
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

INSTANTIATE_TEST_SUITE_P(Stores, FindingsScopeTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
