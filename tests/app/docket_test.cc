// Atomicity of the use cases: a failure anywhere inside an action leaves nothing behind,
// and a refusal leaves only its audit entry. Every case runs on SQLite and in memory, the
// faults injected by each store's hook at the same named points.
#include "app_fixture.h"

namespace docket::testing {
namespace {

// (backend, fault point)
class FaultTest : public AppFixture, public ::testing::WithParamInterface<std::tuple<std::string, const char*>> {
 protected:
  std::string Backend() const override { return std::get<0>(GetParam()); }
  static std::string Point() { return std::get<1>(GetParam()); }
};

TEST_P(FaultTest, FailureInsideAnActionLeavesNeitherItemNorEntry) {
  std::int64_t id = NewMatter();
  const std::string point = Point();
  SqliteOptions faulty;
  faulty.fault_hook = [point](const char* at) {
    return point == at ? Status::Storage(std::string("injected at ") + at) : Status::Ok();
  };
  Open(faulty);
  auto r = docket_->Act({id, "submit", {}, std::nullopt, "liu"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kStorage);
  EXPECT_NE(r.status().message().find(point), std::string::npos);
  Open({});
  auto item = docket_->GetItem(id);
  ASSERT_TRUE(item.ok());
  EXPECT_EQ(item->state, "drafted");
  EXPECT_EQ(item->version, 1);
  EXPECT_EQ(Entries(id), 1);
  EXPECT_TRUE(docket_->Verify(std::nullopt).ok());
}

TEST_P(FaultTest, FailureInsideACreateLeavesNothing) {
  const std::string point = Point();
  SqliteOptions faulty;
  faulty.fault_hook = [point](const char* at) {
    return point == at ? Status::Storage("injected") : Status::Ok();
  };
  Open(faulty);
  auto r = docket_->CreateItem({"matter", "school-a", std::nullopt, {{"title", "t"}, {"category", "routine"}}, "liu"});
  ASSERT_FALSE(r.ok());
  Open({});
  auto items = docket_->ListItems({});
  ASSERT_TRUE(items.ok());
  EXPECT_TRUE(items->empty());
  auto v = docket_->Verify(std::nullopt);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  // only configuration entries: the org load's, one per organization, and the installation's
  // chain (the organizations registered, the 8 workflow versions loaded)
  EXPECT_EQ(v->entries, 4 + 1 + 8);
}

INSTANTIATE_TEST_SUITE_P(Points, FaultTest,
                         ::testing::Combine(StoreBackends(), ::testing::Values("after_item_write", "after_audit_append",
                                                                               "before_commit")),
                         [](const auto& info) {
                           return std::get<0>(info.param) + "_" + std::get<1>(info.param);
                         });

TEST_P(AppTest, RefusalWritesOnlyItsEntry) {
  std::int64_t id = NewMatter();
  auto r = docket_->Act({id, "adopt", {}, std::nullopt, "chen"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kRefused);  // adopt is not possible from drafted
  auto item = docket_->GetItem(id);
  EXPECT_EQ(item->version, 1);
  auto h = docket_->History(id);
  ASSERT_EQ(h->size(), 2u);
  EXPECT_EQ((*h)[1].outcome, "refused");
  EXPECT_EQ((*h)[1].actor, "chen");
  EXPECT_NE((*h)[1].reason.find("not possible from state 'drafted'"), std::string::npos);
  EXPECT_TRUE(docket_->Verify(std::nullopt).ok());
}

TEST_P(AppTest, RefusedCreateIsAuditedWithoutAnItem) {
  auto r = docket_->CreateItem({"matter", "school-a", std::nullopt, {{"title", "t"}}, "liu"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalid);
  EXPECT_NE(r.status().message().find("category"), std::string::npos);
  EXPECT_TRUE(docket_->ListItems({})->empty());
  int refused = 0;
  ASSERT_TRUE(store_->ForEachAuditEntry("school-a", [&](const AuditEntry& e) {
    refused += e.outcome == "refused" && e.item_id == 0 && e.action == "create";
    return Status::Ok();
  }).ok());
  EXPECT_EQ(refused, 1);
  EXPECT_TRUE(docket_->Verify(std::nullopt).ok());
}

TEST_P(AppTest, StaleVersionIsAConflictAndChangesNothing) {
  std::int64_t id = NewMatter();
  ASSERT_TRUE(docket_->Act({id, "submit", {}, 1, "liu"}).ok());
  auto stale = docket_->Act({id, "withdraw", {}, 1, "liu"});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), Code::kConflict);
  EXPECT_EQ(docket_->GetItem(id)->state, "submitted");
  EXPECT_EQ(Entries(id), 2);
}

TEST_P(AppTest, TimesComeFromTheInjectedClock) {
  std::int64_t id = NewMatter();
  clock_.Set(*ParseTime("2026-04-01T08:30:00Z"));
  auto r = docket_->Act({id, "submit", {}, std::nullopt, "liu"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->entry.time, "2026-04-01T08:30:00Z");
  EXPECT_EQ(FormatTime(r->item.updated_at), "2026-04-01T08:30:00Z");
  EXPECT_EQ(FormatTime(r->item.created_at), "2026-03-02T09:00:00Z");
}

INSTANTIATE_TEST_SUITE_P(Stores, AppTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
