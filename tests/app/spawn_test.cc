// Spawn effects and joins through the application: a decision that becomes one task per
// owner, and may close only when every task is finished.
#include <tuple>

#include "app_fixture.h"

namespace docket::testing {
namespace {

constexpr const char* kTask = R"(id: job
version: 1
labels: {zh: 督办事项, en: Task}
fields:
  title: {type: text}
  owner: {type: person}
  due_date: {type: date}
  assigned_on: {type: date}
  opened_on: {type: date}
  kind: {type: enum, values: [routine, urgent]}
states:
  assigned: {initial: true}
  done: {terminal: true}
create:
  roles: [secretary]
  required: [title, owner, due_date]
  sets: [assigned_on, kind]
  effects:
    - {set: opened_on, value: $today}
transitions:
  - name: finish
    from: assigned
    to: done
    roles: [principal, vice_principal]
)";

constexpr const char* kDecision = R"(id: order
version: 1
labels: {zh: 决定, en: Decision}
fields:
  title: {type: text}
  owners: {type: list, of: person}
  due_date: {type: date}
states:
  adopted: {initial: true}
  in_execution: {}
  closed: {terminal: true}
create:
  roles: [secretary]
  required: [title]
  sets: [owners, due_date]
transitions:
  - name: assign
    from: adopted
    to: in_execution
    roles: [secretary]
    required: [owners, due_date]
    effects:
      - spawn: job
        for_each: owners
        fields:
          owner: $each
          title: {from: title}
          due_date: {from: due_date}
          assigned_on: $today
          kind: urgent
  - name: close
    from: in_execution
    to: closed
    roles: [secretary]
    when:
      children_terminal: {workflow: job}
      rule: R12
)";

class SpawnTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    for (const char* wf : {kTask, kDecision}) {
      auto r = docket_->LoadWorkflow(wf, "test.yaml");
      ASSERT_TRUE(r.ok()) << r.status().ToString();
    }
    auto d = docket_->CreateItem({"order", "school-a", std::nullopt, {{"title", "新建操场"}}, "wang"});
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    decision_ = d->item.id;
  }
  std::vector<Item> Tasks() {
    ItemFilter f;
    f.parent = decision_;
    return docket_->ListItems(f).value();
  }
  std::int64_t decision_ = 0;
};

TEST_P(SpawnTest, OneChildPerListElementWithMappedFields) {
  auto r = docket_->Act({decision_, "assign", {{"owners", "li,chen"}, {"due_date", "2026-06-30"}}, std::nullopt, "wang"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto tasks = Tasks();
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[0].fields.at("owner"), Value("li"));
  EXPECT_EQ(tasks[1].fields.at("owner"), Value("chen"));
  for (const auto& t : tasks) {
    EXPECT_EQ(t.workflow, "job");
    EXPECT_EQ(t.state, "assigned");
    EXPECT_EQ(t.org, "school-a");
    EXPECT_EQ(t.fields.at("title"), Value("新建操场"));
    EXPECT_EQ(t.fields.at("due_date"), Value("2026-06-30"));
    EXPECT_EQ(t.fields.at("assigned_on"), Value("2026-03-02"));
    EXPECT_EQ(t.fields.at("kind"), Value("urgent"));
    auto h = docket_->History(t.id);
    ASSERT_EQ(h->size(), 1u);
    EXPECT_EQ((*h)[0].actor, "wang");
    EXPECT_EQ((*h)[0].role, "system");
  }
  EXPECT_TRUE(docket_->Verify(std::nullopt).ok());
}

// $today is the date on the school's clock in the parent's effects and in the child's own
// creation alike, as the audit replay reads it: at 04:00 in Beijing (20:00 UTC the day
// before) both say the Beijing date, and the chain verifies.
TEST_P(SpawnTest, TodayInASpawnedChildsCreationIsTheSchoolsDate) {
  clock_.Advance(std::chrono::hours(11));  // 2026-03-02T20:00Z: 03-03 04:00 in Beijing
  auto r = docket_->Act({decision_, "assign", {{"owners", "li"}, {"due_date", "2026-06-30"}}, std::nullopt, "wang"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto tasks = Tasks();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].fields.at("assigned_on"), Value("2026-03-03"));
  EXPECT_EQ(tasks[0].fields.at("opened_on"), Value("2026-03-03"));
  auto verified = docket_->Verify(std::nullopt);
  EXPECT_TRUE(verified.ok()) << verified.status().ToString();
}

TEST_P(SpawnTest, JoinClosesOnlyWhenEveryTaskIsDone) {
  ASSERT_TRUE(docket_->Act({decision_, "assign", {{"owners", "li,chen"}, {"due_date", "2026-06-30"}}, std::nullopt, "wang"}).ok());
  auto tasks = Tasks();
  ASSERT_TRUE(docket_->Act({tasks[0].id, "finish", {}, std::nullopt, "li"}).ok());
  auto early = docket_->Act({decision_, "close", {}, std::nullopt, "wang"});
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.status().code(), Code::kRefused);
  EXPECT_NE(early.status().message().find("R12: child items are not finished: #" + std::to_string(tasks[1].id)),
            std::string::npos) << early.status().message();
  ASSERT_TRUE(docket_->Act({tasks[1].id, "finish", {}, std::nullopt, "chen"}).ok());
  auto closed = docket_->Act({decision_, "close", {}, std::nullopt, "wang"});
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(closed->item.state, "closed");
}

TEST_P(SpawnTest, AChildThatCannotBeCreatedUndoesTheWholeAction) {
  // The task needs a due date; a decision without one cannot spawn: nothing is written.
  std::string v2 = kDecision;
  v2.replace(v2.find("version: 1"), 10, "version: 2");
  v2.replace(v2.find("    required: [owners, due_date]"), 32, "    required: [owners]\n    sets: [due_date]");
  ASSERT_TRUE(docket_->LoadWorkflow(v2, "order-v2.yaml").ok());
  auto d = docket_->CreateItem({"order", "school-a", std::nullopt, {{"title", "t"}}, "wang"});
  ASSERT_TRUE(d.ok());
  auto r = docket_->Act({d->item.id, "assign", {{"owners", "li"}}, std::nullopt, "wang"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalid);
  EXPECT_NE(r.status().message().find("spawning 'job'"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("due_date"), std::string::npos) << r.status().message();
  EXPECT_EQ(docket_->GetItem(d->item.id)->state, "adopted");
  ItemFilter f;
  f.workflow = "job";
  EXPECT_TRUE(docket_->ListItems(f)->empty());
  EXPECT_TRUE(docket_->Verify(std::nullopt).ok());
}

TEST_P(SpawnTest, EmptyListSpawnsNothing) {
  std::string v3 = kDecision;
  v3.replace(v3.find("version: 1"), 10, "version: 3");
  v3.replace(v3.find("    required: [owners, due_date]"), 32, "    sets: [owners, due_date]");
  ASSERT_TRUE(docket_->LoadWorkflow(v3, "order-v3.yaml").ok());
  auto d = docket_->CreateItem({"order", "school-a", std::nullopt, {{"title", "t"}}, "wang"});
  ASSERT_TRUE(d.ok());
  ASSERT_TRUE(docket_->Act({d->item.id, "assign", {}, std::nullopt, "wang"}).ok());
  ItemFilter f;
  f.parent = d->item.id;
  EXPECT_TRUE(docket_->ListItems(f)->empty());
}

// The result of an action lists every item it spawned, children of children too, in the
// order they were created: each task, then the step its creation spawned, then the next task.
TEST_P(SpawnTest, TheResultListsEverySpawnedItemInTheOrderOfCreation) {
  constexpr const char* kStep = R"(id: step
version: 1
labels: {zh: 步骤, en: Step}
fields:
  title: {type: text}
states:
  open: {initial: true}
  done: {terminal: true}
create:
  roles: []
  required: [title]
transitions:
  - name: finish
    from: open
    to: done
    roles: [principal]
)";
  ASSERT_TRUE(docket_->LoadWorkflow(kStep, "step.yaml").ok());
  std::string job2 = kTask;
  job2.replace(job2.find("version: 1"), 10, "version: 2");
  const std::string today = "    - {set: opened_on, value: $today}\n";
  job2.replace(job2.find(today), today.size(), today + "    - spawn: step\n      fields:\n        title: {from: title}\n");
  auto loaded = docket_->LoadWorkflow(job2, "job-v2.yaml");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();

  auto r = docket_->Act({decision_, "assign", {{"owners", "li,chen"}, {"due_date", "2026-06-30"}}, std::nullopt, "wang"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto tasks = Tasks();
  ASSERT_EQ(tasks.size(), 2u);
  std::vector<std::tuple<std::int64_t, std::string, std::int64_t, std::int64_t>> expected;
  for (const auto& t : tasks) {
    expected.emplace_back(t.id, "job", 2, decision_);
    ItemFilter f;
    f.parent = t.id;
    auto steps = docket_->ListItems(f).value();
    ASSERT_EQ(steps.size(), 1u);
    expected.emplace_back(steps[0].id, "step", 1, t.id);
  }
  std::vector<std::tuple<std::int64_t, std::string, std::int64_t, std::int64_t>> got;
  for (const auto& s : r->spawned) got.emplace_back(s.id, s.workflow, s.workflow_version, s.parent);
  EXPECT_EQ(got, expected);
  EXPECT_LT(std::get<0>(expected[0]), std::get<0>(expected[1]));  // creation order: task, its step, ...
  EXPECT_LT(std::get<0>(expected[1]), std::get<0>(expected[2]));

  // An action that spawns nothing lists nothing; a creation lists what its create spawned.
  auto finished = docket_->Act({std::get<0>(expected[1]), "finish", {}, std::nullopt, "li"});
  ASSERT_TRUE(finished.ok()) << finished.status().ToString();
  EXPECT_TRUE(finished->spawned.empty());
  auto job = docket_->CreateItem({"job", "school-a", std::nullopt, {{"title", "t"}, {"owner", "li"}, {"due_date", "2026-06-30"}}, "wang"});
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  ASSERT_EQ(job->spawned.size(), 1u);
  EXPECT_EQ(job->spawned[0].workflow, "step");
  EXPECT_EQ(job->spawned[0].parent, job->item.id);
  EXPECT_EQ(job->spawned[0].id, job->item.id + 1);
}

INSTANTIATE_TEST_SUITE_P(Stores, SpawnTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
