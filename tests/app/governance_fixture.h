// The example district with the shipped meeting and matter workflows and the decision-matter
// list loaded, and the steps that bring a matter before a meeting. Shared by the governance
// and execution tests. GovernanceTest runs its cases on every store backend.
//   school-a party-meeting members: wang (secretary), li (principal), chen, gao, ma, he, xu
//   school-a office-meeting members: li, chen, tang
#pragma once

#include <gmock/gmock.h>

#include "app_fixture.h"

namespace docket::testing {

class GovernanceFixture : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    const EmbeddedFile* list = FindShipped("workflows/lists/decision-matters.yaml");
    ASSERT_NE(list, nullptr);
    auto r = docket_->LoadTable(list->text, "decision-matters.yaml");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->table, "decision-matters");
  }

  Result<ActResult> Act(std::int64_t id, const std::string& action, FieldTexts fields, const std::string& who) {
    return docket_->Act({id, action, std::move(fields), std::nullopt, who});
  }
  void Ok(std::int64_t id, const std::string& action, FieldTexts fields, const std::string& who) {
    auto r = Act(id, action, std::move(fields), who);
    ASSERT_TRUE(r.ok()) << action << ": " << r.status().ToString();
  }
  // The refusal message of an action that must be refused, after checking it was audited.
  std::string Refused(std::int64_t id, const std::string& action, FieldTexts fields, const std::string& who) {
    int before = Entries(id);
    auto r = Act(id, action, std::move(fields), who);
    EXPECT_FALSE(r.ok()) << action << " was accepted";
    if (r.ok()) return "";
    auto h = docket_->History(id);
    EXPECT_EQ(Entries(id), before + 1);
    if (h.ok() && !h->empty()) {
      EXPECT_EQ(h->back().outcome, "refused");
      EXPECT_EQ(h->back().actor, who);
      EXPECT_THAT(h->back().reason, ::testing::HasSubstr(r.status().message()));
    }
    return r.status().message();
  }

  std::int64_t NewMeeting(const std::string& body) {
    auto r = docket_->CreateItem({"meeting", "school-a", std::nullopt,
                                  {{"title", body + " meeting"}, {"body", body}, {"scheduled_at", "2026-03-10T09:00:00Z"}},
                                  "liu"});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return 0;
    Ok(r->item.id, "notify", {}, "liu");
    return r->item.id;
  }
  std::int64_t NewMatter(const std::string& category) {
    FieldTexts fields{{"title", "a " + category + " matter"}, {"category", category}};
    if (category == "large-spending") fields.push_back({"amount", "500000"});
    auto r = docket_->CreateItem({"matter", "school-a", std::nullopt, fields, "liu"});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return 0;
    Ok(r->item.id, "submit", {}, "liu");
    return r->item.id;
  }
  // A major matter signed off by both, on the agenda of `meeting`.
  std::int64_t OnAgenda(const std::string& category, std::int64_t meeting) {
    std::int64_t m = NewMatter(category);
    Ok(m, "presign_secretary", {}, "wang");
    Ok(m, "presign_principal", {}, "li");
    Ok(m, "schedule", {{"meeting", std::to_string(meeting)}}, "liu");
    return m;
  }
  // A major decision adopted at a Party organization meeting; returns the decision's id.
  std::int64_t AdoptedDecision() {
    std::int64_t party = NewMeeting("party-meeting");
    std::int64_t topic = OnAgenda("major-project", party);
    Ok(party, "hold", {{"present", "wang,li,chen,gao,ma"}}, "liu");
    Ok(topic, "vote", {{"present", "wang,li,chen,gao,ma"}, {"votes", "li:agree,chen:agree,gao:agree,ma:agree,wang:agree"}},
       "liu");
    Ok(topic, "adopt", {{"decision", "改造食堂，暑期完工"}}, "wang");
    ItemFilter children;
    children.parent = topic;
    auto decisions = docket_->ListItems(children);
    EXPECT_TRUE(decisions.ok());
    EXPECT_EQ(decisions->size(), 1u);
    return decisions->empty() ? 0 : decisions->front().id;
  }
  // The items below `decision` (its tasks).
  std::vector<Item> Tasks(std::int64_t decision) {
    ItemFilter f;
    f.parent = decision;
    return *docket_->ListItems(f);
  }
  void ExpectVerifies() {
    auto v = docket_->Verify(std::nullopt);
    ASSERT_TRUE(v.ok()) << v.status().ToString();
  }
};

using GovernanceTest = OnEachStore<GovernanceFixture>;

}  // namespace docket::testing
