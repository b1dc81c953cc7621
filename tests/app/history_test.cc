// History as of any date (app/history.h) against the truth: a realistic set of meetings,
// decisions and their tasks in two schools is driven through many actions (refusals and
// timer firings among them), each at its own clock time, and every stored item is
// captured after each step. The rebuild from the audit log must then give, at each of those
// moments, just before it and between steps, exactly the captured items — every field,
// state, version, workflow version, parent and time — with every filter.
#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <functional>
#include <map>
#include <set>

#include "app/history.h"
#include "audit/json_value.h"
#include "governance_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

// Every part of an item, as one text, so that a mismatch shows what differs. Fields holding
// null count as absent (the log removes a field set to null).
std::string Describe(const Item& item) {
  FieldMap fields;
  for (const auto& [k, v] : item.fields) {
    if (!v.is_null()) fields.emplace(k, v);
  }
  nlohmann::json j = {{"id", item.id},
                      {"org", item.org},
                      {"workflow", item.workflow},
                      {"workflow_version", item.workflow_version},
                      {"state", item.state},
                      {"fields", FieldsToJson(fields)},
                      {"parent", item.parent ? nlohmann::json(*item.parent) : nlohmann::json()},
                      {"version", item.version},
                      {"created_at", FormatTime(item.created_at)},
                      {"updated_at", FormatTime(item.updated_at)}};
  return DumpJson(j);
}

std::vector<std::string> Describe(const std::vector<Item>& items) {
  std::vector<std::string> out;
  for (const Item& item : items) out.push_back(Describe(item));
  return out;
}

class HistoryFixture : public GovernanceFixture {
 protected:
  struct Moment {
    TimePoint at;
    std::string step;
    std::vector<Item> items;  // every stored item right after the step
  };

  void SetUp() override {
    GovernanceFixture::SetUp();
    AllowLoneDecisions();
  }
  // A decision standing alone, as the rebuild tests need one: the shipped decision's text
  // as a newer version whose create the secretary may take (the shipped one is spawned by
  // an adopted matter only).
  void AllowLoneDecisions() {
    const EmbeddedFile* shipped = FindShipped("workflows/decision.yaml");
    ASSERT_NE(shipped, nullptr);
    std::string text(shipped->text);
    auto replace = [&](const std::string& from, const std::string& to) {
      auto at = text.find(from);
      ASSERT_NE(at, std::string::npos) << from;
      text.replace(at, from.size(), to);
    };
    replace("\nversion: 3\n", "\nversion: 99\n");
    replace("roles: []", "roles: [secretary]");
    auto loaded = docket_->LoadWorkflow(text, "decision-by-hand.yaml");
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  }

  // The next step happens `gap` later than the last one: each step has its own second.
  void Next(std::chrono::seconds gap = 53min) { clock_.Advance(gap); }
  void Capture(const std::string& step) {
    auto items = store_->ListItems({});
    ASSERT_TRUE(items.ok()) << items.status().ToString();
    moments_.push_back({clock_.Now(), step, std::move(items).value()});
  }

  std::int64_t Create(const std::string& workflow, const std::string& org, FieldTexts fields,
                      const std::string& who) {
    Next();
    auto r = docket_->CreateItem({workflow, org, std::nullopt, std::move(fields), who});
    EXPECT_TRUE(r.ok()) << workflow << ": " << r.status().ToString();
    Capture("create " + workflow);
    return r.ok() ? r->item.id : 0;
  }
  void Do(std::int64_t id, const std::string& action, FieldTexts fields, const std::string& who) {
    Next();
    Ok(id, action, std::move(fields), who);
    Capture("#" + std::to_string(id) + " " + action);
  }
  void Refuse(std::int64_t id, const std::string& action, FieldTexts fields, const std::string& who) {
    Next();
    Refused(id, action, std::move(fields), who);
    Capture("#" + std::to_string(id) + " " + action + " (refused)");
  }
  void TickAt(const char* when) {
    clock_.Set(*ParseTime(when));
    auto r = docket_->Tick();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_FALSE(r->fired.empty()) << "nothing was due at " << when;

    Capture(std::string("tick at ") + when);
  }
  std::vector<std::int64_t> Children(std::int64_t parent) {
    ItemFilter f;
    f.parent = parent;
    std::vector<std::int64_t> ids;
    for (const Item& item : *store_->ListItems(f)) ids.push_back(item.id);
    return ids;
  }

  // Two schools' worth of work: meetings held, postponed and cancelled; decisions assigned,
  // executed, evaluated and amended; tasks acknowledged, reported, reworked, checked and
  // cancelled; refusals of every kind; timers firing.
  void DriveASemester() {
    const std::int64_t m1 = Create("meeting", "school-a",
                                   {{"title", "党委会"}, {"body", "party-meeting"}, {"scheduled_at", "2026-03-10T09:00:00Z"}}, "liu");
    Do(m1, "notify", {{"agenda", "食堂改造"}}, "liu");
    const std::int64_t m2 = Create("meeting", "school-a",
                                   {{"title", "校长办公会"}, {"body", "office-meeting"}, {"scheduled_at", "2026-03-11T09:00:00Z"}}, "liu");
    Do(m2, "notify", {}, "liu");
    Refuse(m2, "hold", {{"present", "tang"}}, "liu");  // no quorum (R2)
    Do(m1, "hold", {{"present", "wang,li,chen,gao,ma"}, {"absent", "he:出差"}}, "liu");
    Do(m2, "postpone", {{"postpone_reason", "人数不足"}}, "liu");

    const std::int64_t d1 = Create("decision", "school-a",
                                   {{"title", "食堂改造"}, {"category", "major-project"}, {"meeting", std::to_string(m1)},
                                    {"content", "暑期完工"}}, "wang");
    Refuse(d1, "assign", {{"owners", "li"}, {"due_date", "2026-04-30"}}, "liu");  // a clerk may not
    Refuse(d1, "assign", {{"owners", "li"}}, "wang");                            // no due date
    Do(d1, "assign", {{"owners", "li,chen"}, {"due_date", "2026-04-30"}}, "wang");
    const std::vector<std::int64_t> d1_tasks = Children(d1);
    ASSERT_EQ(d1_tasks.size(), 2u);
    const std::int64_t t1 = d1_tasks[0], t2 = d1_tasks[1];
    Do(m1, "draft_minutes", {{"minutes", "通过食堂改造"}}, "liu");
    Do(t1, "acknowledge", {}, "li");
    Do(t2, "acknowledge", {}, "chen");
    Do(m1, "draft_minutes", {{"minutes", "通过食堂改造方案，暑期完工"}}, "liu");
    Do(t1, "start", {}, "li");
    Do(t1, "report", {{"progress", "40"}, {"evidence", "施工合同"}}, "li");
    Refuse(t1, "complete", {}, "li");  // progress is not 100
    Do(m1, "sign_minutes", {}, "wang");
    Do(m2, "reschedule", {{"scheduled_at", "2026-03-18T09:00:00Z"}}, "liu");
    Do(m1, "archive", {}, "liu");

    const std::int64_t d2 = Create("decision", "school-a",
                                   {{"title", "校服采购"}, {"category", "major-project"}, {"content", "统一采购"}}, "wang");
    Do(d2, "reconsider", {{"reconsider_reason", "家长意见"}}, "li");
    Refuse(d2, "amend", {{"outcome", "改为自愿"}, {"reconsidered_at", std::to_string(m2)}, {"content", "自愿采购"}},
           "wang");  // not at a meeting that was held (R9)
    Do(d2, "amend", {{"outcome", "改为自愿"}, {"reconsidered_at", std::to_string(m1)}, {"content", "自愿采购"}}, "wang");

    const std::int64_t d3 = Create("decision", "school-a", {{"title", "图书馆开放"}, {"category", "routine"}}, "wang");
    Do(d3, "assign", {{"owners", "tang"}, {"due_date", "2026-05-15"}}, "li");
    Do(d3, "add_tasks", {{"owners", "chen"}, {"due_date", "2026-05-06"}}, "wang");
    const std::vector<std::int64_t> d3_tasks = Children(d3);
    ASSERT_EQ(d3_tasks.size(), 2u);
    Do(d3_tasks[0], "cancel", {{"comment", "调整分工"}}, "wang");
    Do(m2, "cancel", {}, "li");

    const std::int64_t d4 = Create("decision", "school-b", {{"title", "操场翻新"}, {"category", "routine"}}, "sun");
    Do(d4, "assign", {{"owners", "sun"}, {"due_date", "2026-04-20"}, {"public", "true"}}, "sun");
    const std::int64_t t5 = Children(d4).at(0);
    Do(t5, "acknowledge", {}, "sun");
    const std::int64_t m3 = Create("meeting", "school-b",
                                   {{"title", "支部委员会"}, {"body", "party-meeting"}, {"scheduled_at", "2026-03-20T09:00:00Z"}}, "zhou");
    Do(m3, "notify", {}, "zhou");
    Refuse(t5, "start", {}, "zhou");  // not the owner's role

    TickAt("2026-04-19T08:00:00Z");  // t5 is due in two days (by the end of 04-20)
    Do(t5, "start", {}, "sun");
    Do(t5, "report", {{"progress", "50"}}, "sun");
    TickAt("2026-04-29T08:00:00Z");  // t1, t2 due in two days; t5 a week late
    Do(t1, "report", {{"progress", "100"}, {"evidence", "验收报告"}}, "li");
    Do(t1, "complete", {}, "li");
    Refuse(t1, "check", {}, "li");  // the one who completed it may not check it (R12)
    Do(t1, "check", {}, "wang");
    Refuse(d1, "complete", {}, "li");  // t2 is still open (R12)
    Do(t2, "start", {}, "chen");
    Do(t2, "report", {{"progress", "100"}}, "chen");
    Do(t2, "complete", {}, "chen");
    Do(t2, "rework", {{"comment", "缺少验收签字"}}, "wang");
    Do(t2, "report", {{"progress", "100"}, {"evidence", "验收签字"}}, "chen");
    Do(t2, "complete", {}, "chen");
    Do(t2, "check", {}, "gao");
    Do(d1, "complete", {}, "li");
    Refuse(d1, "evaluate", {{"evaluation", "良好"}}, "li");  // a principal may not evaluate
    Do(d1, "evaluate", {{"evaluation", "按期完成，效果良好"}}, "wang");
    TickAt("2026-05-14T08:00:00Z");  // chen's d3 task a week late
  }

  // The items of `moment` that `keep` accepts.
  static std::vector<Item> Only(const Moment& moment, const std::function<bool(const Item&)>& keep) {
    std::vector<Item> out;
    for (const Item& item : moment.items) {
      if (keep(item)) out.push_back(item);
    }
    return out;
  }

  void ExpectRebuild(TimePoint at, const ItemFilter& filter, const std::vector<Item>& expected,
                     const std::string& what) {
    auto rebuilt = ItemsAsOf(*store_, filter, at);
    ASSERT_TRUE(rebuilt.ok()) << what << ": " << rebuilt.status().ToString();
    EXPECT_EQ(Describe(*rebuilt), Describe(expected)) << what << " as of " << FormatTime(at);
  }

  std::vector<Moment> moments_;
};

using HistoryTest = OnEachStore<HistoryFixture>;
// SQLite only: the case deletes an entry with raw SQL, which no store interface can do.
class HistorySqliteTest : public HistoryFixture {};

TEST_P(HistoryTest, RebuildEqualsTheStoredItemsAtEveryMoment) {
  DriveASemester();
  ASSERT_GE(moments_.size(), 56u);
  ExpectVerifies();
  auto all = store_->ListItems({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 12u);

  int item_checks = 0;
  for (size_t k = 0; k < moments_.size(); ++k) {
    const Moment& m = moments_[k];
    const std::string what = "after step " + std::to_string(k) + " (" + m.step + ")";
    ExpectRebuild(m.at, {}, m.items, what);
    // One second earlier the step had not happened; halfway to the next one nothing else had.
    ExpectRebuild(m.at - 1s, {}, k == 0 ? std::vector<Item>{} : moments_[k - 1].items, "before " + what);
    if (k + 1 < moments_.size()) {
      ExpectRebuild(m.at + (moments_[k + 1].at - m.at) / 2, {}, m.items, "between steps, " + what);
    }
    // Each item on its own, and the ones not created yet.
    std::set<std::int64_t> existing;
    for (const Item& stored : m.items) {
      existing.insert(stored.id);
      auto one = ItemAsOf(*store_, stored.id, m.at);
      ASSERT_TRUE(one.ok()) << what << ": item " << stored.id << ": " << one.status().ToString();
      EXPECT_EQ(Describe(*one), Describe(stored)) << what;
      ++item_checks;
    }
    for (const Item& later : *all) {
      if (existing.count(later.id)) continue;
      auto none = ItemAsOf(*store_, later.id, m.at);
      EXPECT_EQ(none.status().code(), Code::kNotFound) << what << ": item " << later.id;
    }
    // The list's filters, applied to the state then.
    for (const std::string org : {"school-a", "school-b", "school-c"}) {
      for (const std::string workflow : {"meeting", "decision", "task"}) {
        ItemFilter f;
        f.org = org;
        f.workflow = workflow;
        ExpectRebuild(m.at, f, Only(m, [&](const Item& i) { return i.org == org && i.workflow == workflow; }),
                      what + ", " + org + " " + workflow);
      }
    }
    std::set<std::string> states;
    std::set<std::int64_t> parents;
    for (const Item& stored : m.items) {
      states.insert(stored.state);
      if (stored.parent) parents.insert(*stored.parent);
    }
    states.insert("closed");  // a state no item may be in yet
    for (const std::string& state : states) {
      ItemFilter f;
      f.state = state;
      ExpectRebuild(m.at, f, Only(m, [&](const Item& i) { return i.state == state; }), what + ", state " + state);
    }
    for (std::int64_t parent : parents) {
      ItemFilter f;
      f.parent = parent;
      ExpectRebuild(m.at, f, Only(m, [&](const Item& i) { return i.parent == parent; }),
                    what + ", children of " + std::to_string(parent));
    }
  }
  EXPECT_GT(item_checks, 400);
}

TEST_P(HistoryTest, BeforeAnythingHappenedThereIsNothing) {
  const TimePoint before = clock_.Now() - 1s;
  auto empty = ItemsAsOf(*store_, {}, before);
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_TRUE(empty->empty());
  DriveASemester();
  auto still = ItemsAsOf(*store_, {}, before);
  ASSERT_TRUE(still.ok());
  EXPECT_TRUE(still->empty());
  ItemFilter school_a;
  school_a.org = "school-a";
  EXPECT_TRUE(ItemsAsOf(*store_, school_a, *ParseTime("2000-01-01"))->empty());

  const Item& first = moments_.front().items.front();
  auto none = ItemAsOf(*store_, first.id, before);
  EXPECT_EQ(none.status().code(), Code::kNotFound);
  EXPECT_THAT(none.status().message(), HasSubstr("did not exist at " + FormatTime(before)));
  EXPECT_THAT(none.status().message(), HasSubstr("created at " + FormatTime(first.created_at)));
  EXPECT_EQ(ItemAsOf(*store_, 9999, clock_.Now()).status().code(), Code::kNotFound);
}

TEST_P(HistoryTest, RefusedActionsDoNotChangeTheRebuild) {
  auto d = docket_->CreateItem({"decision", "school-a", std::nullopt, {{"title", "食堂改造"}}, "wang"});
  ASSERT_TRUE(d.ok());
  const std::int64_t id = d->item.id;
  const TimePoint created = clock_.Now();
  const std::string before = Describe(*ItemAsOf(*store_, id, created));
  const std::vector<std::pair<std::string, FieldTexts>> refusals = {
      {"assign", {{"owners", "li"}, {"due_date", "2026-04-30"}}},  // liu is a clerk
      {"complete", {}},                                          // not from adopted
      {"assign", {{"owners", "li"}, {"due_date", "not a date"}}},
      {"no_such_action", {}}};
  for (const auto& [action, fields] : refusals) {
    Next();
    EXPECT_FALSE(Act(id, action, fields, "liu").ok()) << action;
    EXPECT_EQ(Describe(*ItemAsOf(*store_, id, clock_.Now())), before) << action;
    ItemFilter f;
    f.org = "school-a";
    auto list = ItemsAsOf(*store_, f, clock_.Now());
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ(Describe(list->front()), before) << action;
  }
  auto history = docket_->History(id);
  ASSERT_EQ(history->size(), 1 + refusals.size());
  for (size_t i = 1; i < history->size(); ++i) EXPECT_EQ((*history)[i].outcome, "refused");
  // Then an accepted action changes it, from its own second on.
  Next();
  Ok(id, "assign", {{"owners", "li"}, {"due_date", "2026-04-30"}}, "wang");
  EXPECT_EQ(Describe(*ItemAsOf(*store_, id, clock_.Now() - 1s)), before);
  EXPECT_EQ(ItemAsOf(*store_, id, clock_.Now())->state, "in_execution");
  EXPECT_EQ(ItemAsOf(*store_, id, clock_.Now())->version, 2);
}

// When the clock went backwards, an action is refused before anything is written: each
// organization's log moves forward only, so the history as of any moment has no change out
// of order.
TEST_P(HistoryTest, AClockThatWentBackwardsWritesNothing) {
  clock_.Set(*ParseTime("2026-03-02T10:00:00Z"));
  auto d = docket_->CreateItem({"decision", "school-a", std::nullopt, {{"title", "t"}}, "wang"});
  ASSERT_TRUE(d.ok());
  const std::int64_t id = d->item.id;
  clock_.Set(*ParseTime("2026-03-02T12:00:00Z"));
  Ok(id, "assign", {{"owners", "li"}, {"due_date", "2026-04-30"}}, "wang");
  const std::int64_t task = Children(id).at(0);
  const std::size_t entries = docket_->History(id)->size() + docket_->History(task)->size();
  clock_.Set(*ParseTime("2026-03-02T11:00:00Z"));  // back
  auto r = docket_->Act({task, "acknowledge", {}, std::nullopt, "li"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalid);
  EXPECT_THAT(r.status().message(), HasSubstr("moves forward only"));
  EXPECT_EQ(docket_->History(id)->size() + docket_->History(task)->size(), entries);
  ExpectVerifies();
  auto at = [&](const char* when) { return ItemAsOf(*store_, id, *ParseTime(when)); };
  EXPECT_EQ(at("2026-03-02T11:30:00Z")->state, "adopted");
  EXPECT_EQ(at("2026-03-02T12:30:00Z")->state, "in_execution");
}

// A missing entry is not mistaken for the clock going backwards: the rebuild says the log
// is broken rather than quietly showing an older state.
TEST_F(HistorySqliteTest, AnEntryRemovedFromTheLogIsAnIntegrityErrorNotAnOlderState) {
  auto d = docket_->CreateItem({"decision", "school-a", std::nullopt, {{"title", "t"}}, "wang"});
  ASSERT_TRUE(d.ok());
  Next();
  Ok(d->item.id, "assign", {{"owners", "li"}, {"due_date", "2026-04-30"}}, "wang");
  Next();
  Ok(d->item.id, "reconsider", {{"reconsider_reason", "r"}}, "li");
  {
    SQLite::Database db(dir_.File("app.db"), SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER audit_no_delete");
    db.exec("DELETE FROM audit WHERE item_id=" + std::to_string(d->item.id) + " AND item_version=2");
  }
  auto one = ItemAsOf(*store_, d->item.id, clock_.Now());
  EXPECT_EQ(one.status().code(), Code::kIntegrity);
  EXPECT_THAT(one.status().message(), HasSubstr("no earlier entry gives it version 2"));
  ItemFilter f;
  f.org = "school-a";
  EXPECT_EQ(ItemsAsOf(*store_, f, clock_.Now()).status().code(), Code::kIntegrity);
}

TEST_P(HistoryTest, TheStoresIndexedReadsGiveWhatTheDefaultFilterGives) {
  DriveASemester();
  auto entries = [&](bool indexed, const AuditRange& range) {
    std::vector<std::string> out;
    auto collect = [&](const AuditEntry& e) {
      out.push_back(e.org + "#" + std::to_string(e.seq) + " " + e.hash);
      return Status::Ok();
    };
    Status st = indexed ? store_->ForEachAuditEntryUpTo(range, collect)
                        : store_->Store::ForEachAuditEntryUpTo(range, collect);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  };
  // An organization's range at every moment and one second before it (the binary search of
  // its chain must stop on each entry's edge); an item's at every seventh.
  for (size_t k = 0; k < moments_.size(); ++k) {
    const std::string up_to = FormatTime(moments_[k].at);
    for (const std::string& edge : {FormatTime(moments_[k].at - std::chrono::seconds(1)), up_to}) {
      for (const std::string org : {"school-a", "school-b"}) {
        for (std::optional<std::string> workflow : {std::optional<std::string>(), std::optional<std::string>("task")}) {
          AuditRange r;
          r.org = org;
          r.workflow = workflow;
          r.up_to = edge;
          auto got = entries(true, r);
          EXPECT_EQ(got, entries(false, r)) << org << " up to " << edge;
        }
      }
    }
    if (k % 7 != 0) continue;
    for (const Item& item : moments_.back().items) {
      AuditRange r;
      r.item_id = item.id;
      r.up_to = up_to;
      EXPECT_EQ(entries(true, r), entries(false, r)) << "item " << item.id << " up to " << up_to;
    }
  }
  AuditRange both;
  both.org = "school-a";
  both.item_id = 1;
  EXPECT_EQ(store_->ForEachAuditEntryUpTo(both, [](const AuditEntry&) { return Status::Ok(); }).code(),
            Code::kInvalid);
}

TEST(ParseAsOf, ADateAloneMeansTheEndOfThatDay) {
  const TimeZone utc;
  EXPECT_EQ(FormatTime(*ParseAsOf("2026-03-05", utc)), "2026-03-05T23:59:59Z");
  EXPECT_EQ(FormatTime(*ParseAsOf("2026-12-31", utc)), "2026-12-31T23:59:59Z");
  EXPECT_EQ(FormatTime(*ParseAsOf("2026-03-05T10:00:00Z", utc)), "2026-03-05T10:00:00Z");
  EXPECT_EQ(FormatTime(*ParseAsOf("2026-03-05T10:00+08:00", utc)), "2026-03-05T02:00:00Z");
  // In Beijing time a day ends at 16:00 UTC, and a time without an offset is Beijing time.
  const TimeZone beijing = TimeZone::Fixed("Asia/Shanghai", std::chrono::hours(8));
  EXPECT_EQ(FormatTime(*ParseAsOf("2026-03-05", beijing)), "2026-03-05T15:59:59Z");
  EXPECT_EQ(FormatTime(*ParseAsOf("2026-03-05T10:00", beijing)), "2026-03-05T02:00:00Z");
  EXPECT_EQ(FormatTime(*ParseAsOf("2026-03-05T10:00:00Z", beijing)), "2026-03-05T10:00:00Z");
  EXPECT_FALSE(ParseAsOf("2026-02-30", utc));
  EXPECT_FALSE(ParseAsOf("yesterday", utc));
  EXPECT_FALSE(ParseAsOf("", utc));
}

INSTANTIATE_TEST_SUITE_P(Stores, HistoryTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
