// The facts the application gathers for the core: children, referenced items, who took
// earlier transitions, and roles held in a supervising organization.
#include "app_fixture.h"

namespace docket::testing {
namespace {

constexpr const char* kPlan = R"(id: plan
version: 1
labels: {zh: 计划, en: Plan}
fields:
  title: {type: text}
  meeting: {type: item}
states:
  open: {initial: true}
  proposed: {}
  approved: {}
  done: {terminal: true}
create:
  roles: [clerk, secretary, principal]
  sets: [title, meeting]
transitions:
  - name: propose
    from: open
    to: proposed
    roles: [secretary, principal]
  - name: approve
    from: proposed
    to: approved
    roles: [secretary, principal]
    when:
      all:
        - distinct_actor: propose
        - ref_state: {field: meeting, states: [closed, rejected, withdrawn]}
  - name: finish
    from: approved
    to: done
    roles: [secretary]
    when:
      children_terminal: true
  - name: stop
    from: any
    to: done
    roles_above: [supervisor]
)";

class FactsTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    auto r = docket_->LoadWorkflow(kPlan, "plan.yaml");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  std::int64_t NewPlan(std::optional<std::int64_t> parent, FieldTexts fields) {
    auto r = docket_->CreateItem({"plan", "school-a", parent, std::move(fields), "liu"});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->item.id : 0;
  }
  Status Act(std::int64_t id, const std::string& action, const std::string& who) {
    auto r = docket_->Act({id, action, {}, std::nullopt, who});
    return r.ok() ? Status::Ok() : r.status();
  }
};

TEST_P(FactsTest, SeparationOfDutiesAndReferencedItemState) {
  std::int64_t matter = NewMatter();
  std::int64_t plan = NewPlan(std::nullopt, {{"title", "p"}, {"meeting", std::to_string(matter)}});
  ASSERT_TRUE(Act(plan, "propose", "wang").ok());
  Status same = Act(plan, "approve", "wang");
  EXPECT_EQ(same.code(), Code::kRefused);
  EXPECT_NE(same.message().find("separation of duties"), std::string::npos) << same.message();
  Status ref = Act(plan, "approve", "li");
  EXPECT_EQ(ref.code(), Code::kRefused);
  EXPECT_NE(ref.message().find("is 'drafted', expected one of: closed, rejected, withdrawn"), std::string::npos) << ref.message();
}

// A reference is checked when it is written: the item exists and is of this organization.
TEST_P(FactsTest, MissingReferencedItemIsNamed) {
  auto r = docket_->CreateItem({"plan", "school-a", std::nullopt, {{"title", "p"}, {"meeting", "424242"}}, "liu"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalid);
  EXPECT_NE(r.status().message().find("field 'meeting': item #424242 does not exist"), std::string::npos)
      << r.status().message();
  auto other = docket_->CreateItem({"matter", "school-b", std::nullopt, {{"title", "t"}, {"category", "routine"}}, "zhou"});
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  r = docket_->CreateItem(
      {"plan", "school-a", std::nullopt, {{"title", "p"}, {"meeting", std::to_string(other->item.id)}}, "liu"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("belongs to organization 'school-b', not to 'school-a'"), std::string::npos)
      << r.status().message();
}

TEST_P(FactsTest, JoinWaitsForEveryChild) {
  std::int64_t matter = NewMatter();
  ASSERT_TRUE(docket_->Act({matter, "withdraw", {}, std::nullopt, "liu"}).ok());
  std::int64_t plan = NewPlan(std::nullopt, {{"title", "p"}, {"meeting", std::to_string(matter)}});
  std::int64_t child1 = NewPlan(plan, {{"title", "c1"}});
  std::int64_t child2 = NewPlan(plan, {{"title", "c2"}});
  ASSERT_TRUE(Act(plan, "propose", "wang").ok());
  ASSERT_TRUE(Act(plan, "approve", "li").ok());
  Status both = Act(plan, "finish", "wang");
  EXPECT_EQ(both.code(), Code::kRefused);
  EXPECT_NE(both.message().find("#" + std::to_string(child1) + " (open)"), std::string::npos) << both.message();
  EXPECT_NE(both.message().find("#" + std::to_string(child2) + " (open)"), std::string::npos) << both.message();
  ASSERT_TRUE(Act(child1, "stop", "zhao").ok());  // a supervisor, acting from above
  Status one = Act(plan, "finish", "wang");
  EXPECT_EQ(one.code(), Code::kRefused);
  EXPECT_EQ(one.message().find("#" + std::to_string(child1) + " "), std::string::npos) << one.message();
  ASSERT_TRUE(Act(child2, "stop", "zhao").ok());
  EXPECT_TRUE(Act(plan, "finish", "wang").ok());
  EXPECT_EQ(docket_->GetItem(plan)->state, "done");
  auto entries = docket_->History(child1);
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(entries->back().role, "above:supervisor");
  EXPECT_TRUE(docket_->Verify(std::nullopt).ok());
}

TEST_P(FactsTest, OutsiderIsForbiddenAndAudited) {
  std::int64_t plan = NewPlan(std::nullopt, {{"title", "p"}});
  Status st = Act(plan, "propose", "sun");  // school-b's secretary
  EXPECT_EQ(st.code(), Code::kForbidden);
  EXPECT_NE(st.message().find("school-a"), std::string::npos);
  Status above = Act(plan, "propose", "zhao");  // a supervisor holds no school-a role
  EXPECT_EQ(above.code(), Code::kForbidden);
  EXPECT_NE(above.message().find("supervisor"), std::string::npos) << above.message();
  EXPECT_EQ(Entries(plan), 3);
}

INSTANTIATE_TEST_SUITE_P(Stores, FactsTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
