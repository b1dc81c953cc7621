// Tick on SQLite and in memory: every ladder step fires exactly once however often (or late)
// the engine ticks, escalations reach the supervisor's inbox, a semester's end opens one
// report per school exactly once, and every firing is in a verified audit log.
#include <map>
#include <set>
#include <thread>

#include "app_fixture.h"

namespace docket::testing {
namespace {

// A task with a due date and the full ladder: remind the owner, tell the principal,
// escalate to the supervisor, and lapse the task a month late.
constexpr const char* kChore = R"(id: chore
version: 1
labels: {zh: 任务, en: Chore}
fields:
  title: {type: text, labels: {zh: 标题, en: Title}}
  owner: {type: person, labels: {zh: 负责人, en: Owner}}
  due_date: {type: date, labels: {zh: 期限, en: Due}}
states:
  open:
    initial: true
    labels: {zh: 进行中, en: Open}
    timers:
      - name: deadline
        due: {field: due_date}
        ladder:
          - {at: -2d, do: notify, owner: owner}
          - {at: +1d, do: notify, to: [principal]}
          - {at: +7d, do: escalate, to: [supervisor]}
          - {at: +30d, do: transition, action: lapse}
  done: {terminal: true, labels: {zh: 完成, en: Done}}
  lapsed: {terminal: true, labels: {zh: 失效, en: Lapsed}}
create:
  roles: [secretary]
  required: [title, owner, due_date]
transitions:
  - {name: finish, from: open, to: done, roles: [principal]}
  - {name: extend, from: open, to: open, roles: [secretary], required: [due_date]}
  - {name: lapse, from: open, to: lapsed, roles: [secretary]}
)";

// Only the workflows these tests use, so that they do not depend on the rest of the cycle.
class TickTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto s = opener_.Open();
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    docket_ = std::make_unique<Docket>(
        *store_, clock_, std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_st>()));
    ASSERT_TRUE(docket_->InitMode(/*simulation=*/true).ok());  // the clock is fixed
    auto org = docket_->LoadOrgs(FindShipped("workflows/examples/org.yaml")->text, "org.yaml");
    ASSERT_TRUE(org.ok()) << org.status().ToString();
    auto report = docket_->LoadWorkflow(FindShipped("workflows/semester-report.yaml")->text, "semester-report.yaml");
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    auto r = docket_->LoadWorkflow(kChore, "chore.yaml");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  std::int64_t NewChore(const std::string& due, const std::string& owner = "chen") {
    auto r = docket_->CreateItem({"chore", "school-a", std::nullopt,
                                  {{"title", "t"}, {"owner", owner}, {"due_date", due}}, "wang"});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->item.id : 0;
  }

  TickReport TickAt(const std::string& iso) {
    clock_.Set(*ParseTime(iso));
    auto r = docket_->Tick();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : TickReport{};
  }

  std::vector<Notification> InboxOf(const std::string& person) {
    auto r = docket_->Inbox(person, false);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<Notification>{};
  }

  void ExpectVerified() {
    auto v = docket_->Verify(std::nullopt);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
  }

  void LoadCalendar() {
    Status st = docket_->LoadCalendar(FindShipped("workflows/examples/calendar.yaml")->text, "calendar.yaml");
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  TempDir dir_;
  StoreOpener opener_{GetParam(), dir_.File("tick.db")};
  FixedClock clock_{*ParseTime("2026-03-02T09:00:00Z")};
  std::unique_ptr<Store> store_;
  std::unique_ptr<Docket> docket_;

  int SchoolCount() {
    int n = 0;
    for (const auto& o : *docket_->ListOrgs()) n += o.kind == "school" ? 1 : 0;
    return n;
  }
};

TEST_P(TickTest, EveryStepFiresExactlyOnceWhenTickedEverySixHoursForSixtyDays) {
  // Created 2026-03-02T09:00Z. Due dates are whole days: due at the end of that day, Beijing
  // time (16:00 UTC).
  std::int64_t a = NewChore("2026-03-10");  // due 03-10T16:00Z: steps 03-08, 03-11, 03-17, 04-09 (lapse)
  std::int64_t b = NewChore("2026-03-20");  // due 03-20T16:00Z: steps 03-18, 03-21, 03-27, 04-19 (lapse)
  std::int64_t c = NewChore("2026-04-15");  // due 04-15T16:00Z: steps 04-13, 04-16, 04-22; lapse 05-15 is later
  std::int64_t d = NewChore("2026-03-25");  // finished before anything is due: nothing fires
  ASSERT_TRUE(docket_->Act({d, "finish", {}, std::nullopt, "li"}).ok());

  std::map<std::string, std::string> fired_at;  // key -> tick time
  std::vector<std::pair<std::int64_t, std::string>> order;
  TimePoint t = *ParseTime("2026-03-02T09:00:00Z");
  const TimePoint end = *ParseTime("2026-05-01T09:00:00Z");
  for (; t <= end; t += std::chrono::hours(6)) {
    for (const auto& f : TickAt(FormatTime(t)).fired) {
      EXPECT_TRUE(fired_at.emplace(f.key, FormatTime(t)).second) << f.key << " fired twice";
      order.emplace_back(f.item, f.kind);
    }
  }
  // Each step fired at the first tick at or after its time (ticks are 6 hours apart).
  std::map<std::string, std::string> want = {
      {"item:" + std::to_string(a) + ":deadline@2026-03-10T16:00:00Z:-2d:notify", "2026-03-08T21:00:00Z"},
      {"item:" + std::to_string(a) + ":deadline@2026-03-10T16:00:00Z:+1d:notify", "2026-03-11T21:00:00Z"},
      {"item:" + std::to_string(a) + ":deadline@2026-03-10T16:00:00Z:+7d:escalate", "2026-03-17T21:00:00Z"},
      {"item:" + std::to_string(a) + ":deadline@2026-03-10T16:00:00Z:+30d:transition", "2026-04-09T21:00:00Z"},
      {"item:" + std::to_string(b) + ":deadline@2026-03-20T16:00:00Z:-2d:notify", "2026-03-18T21:00:00Z"},
      {"item:" + std::to_string(b) + ":deadline@2026-03-20T16:00:00Z:+1d:notify", "2026-03-21T21:00:00Z"},
      {"item:" + std::to_string(b) + ":deadline@2026-03-20T16:00:00Z:+7d:escalate", "2026-03-27T21:00:00Z"},
      {"item:" + std::to_string(b) + ":deadline@2026-03-20T16:00:00Z:+30d:transition", "2026-04-19T21:00:00Z"},
      {"item:" + std::to_string(c) + ":deadline@2026-04-15T16:00:00Z:-2d:notify", "2026-04-13T21:00:00Z"},
      {"item:" + std::to_string(c) + ":deadline@2026-04-15T16:00:00Z:+1d:notify", "2026-04-16T21:00:00Z"},
      {"item:" + std::to_string(c) + ":deadline@2026-04-15T16:00:00Z:+7d:escalate", "2026-04-22T21:00:00Z"},
  };
  EXPECT_EQ(fired_at, want);

  // Ticking again at the same time fires nothing new.
  EXPECT_TRUE(TickAt(FormatTime(end)).fired.empty());
  EXPECT_TRUE(TickAt(FormatTime(end)).fired.empty());

  EXPECT_EQ(docket_->GetItem(a)->state, "lapsed");
  EXPECT_EQ(docket_->GetItem(b)->state, "lapsed");
  EXPECT_EQ(docket_->GetItem(c)->state, "open");
  EXPECT_EQ(docket_->GetItem(d)->state, "done");

  // Every firing is an audited system action, and the log verifies.
  for (std::int64_t id : {a, b, c}) {
    int system = 0;
    auto history = docket_->History(id);
    ASSERT_TRUE(history.ok());
    for (const auto& e : *history) {
      if (e.actor != "system") continue;
      ++system;
      EXPECT_EQ(e.outcome, "ok");
      EXPECT_EQ(e.role, "system");
      EXPECT_TRUE(e.action.rfind("timer:deadline:", 0) == 0 || e.action == "lapse") << e.action;
    }
    EXPECT_EQ(system, id == c ? 3 : 4) << "item " << id;
  }
  ExpectVerified();
}

TEST_P(TickTest, ALateTickCatchesUpOnEveryStepOnce) {
  std::int64_t a = NewChore("2026-03-10");
  auto r = TickAt("2026-03-20T00:00:00Z");  // -2d, +1d and +7d have all passed
  ASSERT_EQ(r.fired.size(), 3u);
  EXPECT_EQ(r.fired[0].kind, "notify");
  EXPECT_EQ(r.fired[2].kind, "escalate");
  EXPECT_TRUE(TickAt("2026-03-20T00:00:00Z").fired.empty());
  EXPECT_EQ(docket_->GetItem(a)->version, 4);  // created, then three audited firings
  ExpectVerified();
}

TEST_P(TickTest, TwoProcessesTickingAtOnceFireEachStepOnce) {
  for (int i = 0; i < 10; ++i) NewChore("2026-03-1" + std::to_string(i));
  // Two connections on the same file (two stores on one memory database), as two
  // `docket tick` processes would have.
  std::vector<std::vector<std::string>> keys(2);
  std::vector<std::thread> threads;
  for (int w = 0; w < 2; ++w) {
    threads.emplace_back([&, w] {
      auto s = opener_.Open();
      ASSERT_TRUE(s.ok());
      FixedClock clock(*ParseTime("2026-03-25T00:00:00Z"));
      Docket d(**s, clock, std::make_shared<spdlog::logger>("t", std::make_shared<spdlog::sinks::null_sink_st>()));
      for (int round = 0; round < 3; ++round) {
        auto r = d.Tick();
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        for (const auto& f : r->fired) keys[w].push_back(f.key);
      }
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> all;
  std::size_t total = 0;
  for (const auto& k : keys) {
    all.insert(k.begin(), k.end());
    total += k.size();
  }
  EXPECT_EQ(total, all.size()) << "a step fired in both";
  // Due at 03-11 .. 03-20 (00:00): by 03-25 -2d and +1d have passed for all ten, +7d for
  // the eight due by 03-18.
  EXPECT_EQ(all.size(), 28u);
  EXPECT_TRUE(TickAt("2026-03-25T00:00:00Z").fired.empty());
  ExpectVerified();
}

TEST_P(TickTest, NotificationsReachTheOwnerThePrincipalAndTheSupervisorAbove) {
  std::int64_t a = NewChore("2026-03-10", "chen");
  TickAt("2026-03-09T00:00:00Z");
  auto chen = InboxOf("chen");
  ASSERT_EQ(chen.size(), 1u);
  EXPECT_EQ(chen[0].item_id, a);
  EXPECT_EQ(chen[0].kind, "notify");
  EXPECT_NE(chen[0].message.en.find("is due at 2026-03-11T00:00:00+08:00"), std::string::npos) << chen[0].message.en;
  EXPECT_TRUE(InboxOf("li").empty());
  TickAt("2026-03-12T00:00:00Z");
  ASSERT_EQ(InboxOf("li").size(), 1u);  // the principal of school-a
  EXPECT_TRUE(InboxOf("zhao").empty());
  TickAt("2026-03-18T00:00:00Z");
  auto zhao = InboxOf("zhao");  // the supervisor, in the district above school-a
  ASSERT_EQ(zhao.size(), 1u);
  EXPECT_EQ(zhao[0].kind, "escalate");
  EXPECT_EQ(zhao[0].org, "school-a");
  EXPECT_EQ(InboxOf("chen").size(), 1u);  // nothing twice
  EXPECT_EQ(docket_->Inbox("nobody", false).status().code(), Code::kNotFound);
  EXPECT_EQ(docket_->Inbox("", false).status().code(), Code::kInvalid);
}

TEST_P(TickTest, ExtendingTheDueDateRearmsTheLadderButASelfLoopDoesNotRestartIt) {
  std::int64_t a = NewChore("2026-03-10");
  ASSERT_EQ(TickAt("2026-03-09T00:00:00Z").fired.size(), 1u);
  clock_.Set(*ParseTime("2026-03-09T08:00:00Z"));
  ASSERT_TRUE(docket_->Act({a, "extend", {{"due_date", "2026-03-31"}}, std::nullopt, "wang"}).ok());
  EXPECT_TRUE(TickAt("2026-03-12T00:00:00Z").fired.empty());  // the old +1d no longer applies
  // Due at the end of 03-31 in Beijing (16:00 UTC): the -2d step at 03-29T16:00Z.
  EXPECT_TRUE(TickAt("2026-03-29T15:59:59Z").fired.empty());
  auto r = TickAt("2026-03-29T16:00:00Z");
  ASSERT_EQ(r.fired.size(), 1u);
  EXPECT_EQ(r.fired[0].key, "item:" + std::to_string(a) + ":deadline@2026-03-31T16:00:00Z:-2d:notify");
  EXPECT_EQ(InboxOf("chen").size(), 2u);
  ExpectVerified();
}

TEST_P(TickTest, SemesterEndOpensOneReportPerSchoolExactlyOnce) {
  LoadCalendar();
  const int schools = SchoolCount();
  ASSERT_GE(schools, 2);
  // The last day is over at its end on the schools' clock (Beijing time: 16:00 UTC).
  EXPECT_TRUE(TickAt("2026-07-10T15:59:59Z").fired.empty());
  auto r = TickAt("2026-07-10T16:00:00Z");
  ASSERT_EQ(static_cast<int>(r.fired.size()), schools);
  std::set<std::string> orgs;
  for (const auto& f : r.fired) {
    EXPECT_EQ(f.kind, "open");
    EXPECT_EQ(f.action, "2026-spring");
    orgs.insert(f.org);
    auto item = docket_->GetItem(f.item);
    ASSERT_TRUE(item.ok());
    EXPECT_EQ(item->workflow, "semester-report");
    EXPECT_EQ(item->state, "drafted");
    EXPECT_EQ(item->fields.at("semester").as_string(), "2026-spring");
    auto h = docket_->History(f.item);
    ASSERT_EQ(h->size(), 1u);
    EXPECT_EQ((*h)[0].actor, "system");
  }
  EXPECT_EQ(static_cast<int>(orgs.size()), schools);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(TickAt("2026-07-12T00:00:00Z").fired.empty());
  ItemFilter reports;
  reports.workflow = "semester-report";
  EXPECT_EQ(static_cast<int>(docket_->ListItems(reports)->size()), schools);
  // The next semester's end opens the next round.
  int autumn = 0;
  for (const auto& f : TickAt("2027-01-23T00:00:00Z").fired) autumn += f.kind == "open" ? 1 : 0;
  EXPECT_EQ(autumn, schools);
  ExpectVerified();
}

TEST_P(TickTest, ALateSemesterReportIsEscalatedToTheSupervisor) {
  LoadCalendar();
  TickAt("2026-07-11T00:00:00Z");
  // Due 30 days after the semester ends: 2026-08-10T00:00Z. A week before, the secretary hears.
  TickAt("2026-08-03T00:00:00Z");
  EXPECT_EQ(InboxOf("wang").size(), 1u);
  EXPECT_TRUE(InboxOf("zhao").empty());
  // school-a reports on time; the others do not.
  ItemFilter mine;
  mine.org = "school-a";
  mine.workflow = "semester-report";
  std::int64_t id = docket_->ListItems(mine)->at(0).id;
  clock_.Set(*ParseTime("2026-08-05T00:00:00Z"));
  ASSERT_TRUE(docket_->Act({id, "approve", {{"summary", "s"}, {"approved_at_meeting", "2026-08-04"}}, std::nullopt, "wang"}).ok());
  ASSERT_TRUE(docket_->Act({id, "submit", {}, std::nullopt, "wang"}).ok());
  TickAt("2026-08-11T00:00:00Z");
  auto zhao = InboxOf("zhao");
  EXPECT_EQ(static_cast<int>(zhao.size()), SchoolCount() - 1);
  for (const auto& n : zhao) {
    EXPECT_EQ(n.kind, "escalate");
    EXPECT_NE(n.org, "school-a");
  }
  // The supervisor returns school-a's report with a comment; it must be resubmitted.
  EXPECT_EQ(docket_->Act({id, "return", {}, std::nullopt, "zhao"}).status().code(), Code::kInvalid);
  ASSERT_TRUE(docket_->Act({id, "return", {{"comment", "请补充执行情况"}}, std::nullopt, "zhao"}).ok());
  ASSERT_TRUE(docket_->Act({id, "resubmit", {{"summary", "s2"}}, std::nullopt, "wang"}).ok());
  ASSERT_TRUE(docket_->Act({id, "accept", {}, std::nullopt, "zhao"}).ok());
  EXPECT_EQ(docket_->GetItem(id)->state, "accepted");
  ExpectVerified();
}

TEST_P(TickTest, AWeekWithoutCommunicationLeavesAFinding) {
  for (const char* wf : {"workflows/finding.yaml", "workflows/communication.yaml"}) {
    auto r = docket_->LoadWorkflow(FindShipped(wf)->text, wf);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  auto made = docket_->CreateItem({"communication", "school-a", std::nullopt, {}, "wang"});  // 03-02T09:00
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  const std::int64_t id = made->item.id;
  std::set<std::string> keys;
  TimePoint t = *ParseTime("2026-03-02T09:00:00Z");
  for (; t <= *ParseTime("2026-03-27T00:00:00Z"); t += std::chrono::hours(6)) {
    if (t == *ParseTime("2026-03-12T15:00:00Z")) {  // one conversation, in the second week
      clock_.Set(t);
      ASSERT_TRUE(docket_->Act({id, "record", {{"topic", "议题会前沟通"}}, std::nullopt, "li"}).ok());
    }
    for (const auto& f : TickAt(FormatTime(t)).fired) EXPECT_TRUE(keys.insert(f.key).second) << f.key;
  }
  // Weeks: 03-02..03-09 missed; 03-09..03-12 met (the week restarts at 03-12T15:00);
  // 03-12..03-19 missed; 03-19..03-26 missed.
  ItemFilter children;
  children.parent = id;
  auto findings = docket_->ListItems(children);
  ASSERT_TRUE(findings.ok());
  ASSERT_EQ(findings->size(), 3u);
  for (const auto& f : *findings) {
    EXPECT_EQ(f.workflow, "finding");
    EXPECT_EQ(f.org, "school-a");
    EXPECT_EQ(f.state, "opened");
  }
  EXPECT_EQ((*findings)[0].fields.at("found_at").as_string(), "2026-03-09T09:00:00Z");
  // A reminder the day before each week ended without a conversation, to both.
  EXPECT_EQ(InboxOf("wang").size(), 3u);
  EXPECT_EQ(InboxOf("li").size(), 3u);
  EXPECT_EQ(docket_->GetItem(id)->fields.at("last_met").as_string(), "2026-03-12");
  ExpectVerified();
}

TEST_P(TickTest, ARefusedTimerTransitionIsRecordedOnceAndNotRetried) {
  // `lapse` needs a reason nobody gave: the engine's attempt is refused, audited, and done.
  std::string text = kChore;
  text.replace(text.find("  - {name: lapse, from: open, to: lapsed, roles: [secretary]}"),
               std::string("  - {name: lapse, from: open, to: lapsed, roles: [secretary]}").size(),
               "  - {name: lapse, from: open, to: lapsed, roles: [secretary], required: [title2]}");
  text.replace(text.find("  due_date:"), 0, "  title2: {type: text, labels: {zh: 原因, en: Reason}}\n");
  text.replace(text.find("version: 1"), 10, "version: 2");
  auto loaded = docket_->LoadWorkflow(text, "chore-v2.yaml");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  std::int64_t a = NewChore("2026-03-10");
  auto r = TickAt("2026-05-01T00:00:00Z");
  ASSERT_EQ(r.fired.size(), 4u);
  EXPECT_EQ(r.fired[3].kind, "refused");
  EXPECT_EQ(r.fired[3].action, "lapse");
  EXPECT_EQ(docket_->GetItem(a)->state, "open");
  auto history = docket_->History(a);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->back().outcome, "refused");
  EXPECT_EQ(history->back().actor, "system");
  EXPECT_NE(history->back().reason.find("title2"), std::string::npos) << history->back().reason;
  EXPECT_TRUE(TickAt("2026-05-02T00:00:00Z").fired.empty());
  ExpectVerified();
}

TEST_P(TickTest, TheCalendarIsCheckedWhenLoaded) {
  EXPECT_EQ(docket_->LoadCalendar("semesters: [{id: a, start: 2026-03-01, end: 2026-01-01}]\n", "c.yaml").code(),
            Code::kInvalid);
  Status st = docket_->LoadCalendar(
      "semesters: []\non_semester_end: [{open: no-such, for_orgs_of_kind: school, field: semester}]\n", "c.yaml");
  EXPECT_EQ(st.code(), Code::kInvalid);
  EXPECT_NE(st.message().find("not loaded"), std::string::npos) << st.message();
  st = docket_->LoadCalendar(
      "semesters: []\non_semester_end: [{open: chore, for_orgs_of_kind: school, field: owner}]\n", "c.yaml");
  EXPECT_EQ(st.code(), Code::kInvalid);
  // Without a calendar, tick still fires field and entry timers.
  EXPECT_TRUE(TickAt("2026-03-02T10:00:00Z").fired.empty());
}

INSTANTIATE_TEST_SUITE_P(Stores, TickTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
