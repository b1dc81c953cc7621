// The Store contract (store/store.h and its role headers) checked the same way on every
// implementation: SqliteStore on a file in a temporary folder, MemoryStore, and PgStore on a
// fresh database of the test run's cluster (skipped without PostgreSQL, failed under CI=true). A case that
// passes on one and fails on the other is a difference in semantics.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "audit/chain.h"
#include "store/memory_store.h"
#include "store/pg_store.h"
#include "support/pg_database.h"
#include "store_test_util.h"

namespace docket::testing {
namespace {

using Hook = std::function<Status(const char*)>;

class StoreContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      DOCKET_REQUIRE_PG();
      pg_ = std::make_unique<PgTestDatabase>();
      ASSERT_FALSE(pg_->url().empty()) << pg_->error();
    }
    store_ = OpenStore();
    ASSERT_NE(store_, nullptr);
  }

  // The backend's store, on the same data each time, failing at its hook's points.
  std::unique_ptr<Store> OpenStore(Hook hook = nullptr) {
    if (GetParam() == "postgresql") {
      PgOptions options;
      options.fault_hook = std::move(hook);
      auto s = PgStore::Open(pg_->url(), options);
      EXPECT_TRUE(s.ok()) << s.status().ToString();
      return s.ok() ? std::move(s).value() : nullptr;
    }
    if (GetParam() == "sqlite") {
      SqliteOptions options;
      options.fault_hook = std::move(hook);
      return OpenOrDie(dir_.File("contract.db"), options);
    }
    MemoryOptions options;
    options.fault_hook = std::move(hook);
    options.database = memory_;
    auto s = MemoryStore::Open(std::move(options));
    EXPECT_TRUE(s.ok());
    memory_ = (*s)->database();
    return std::move(s).value();
  }

  static Item NewItem(const std::string& org, std::optional<std::int64_t> parent = {}) {
    Item item;
    item.org = org;
    item.workflow = "matter";
    item.workflow_version = 1;
    item.state = "drafted";
    item.fields = {{"title", Value("t")}};
    item.parent = parent;
    item.version = 1;
    item.created_at = item.updated_at = At(2);
    return item;
  }

  static AuditEntry NewEntry(const std::string& org, std::int64_t item, const std::string& action) {
    AuditEntry e;
    e.org = org;
    e.time = FormatTime(At(2));
    e.actor = "liu";
    e.role = "clerk";
    e.action = action;
    e.outcome = "ok";
    e.item_id = item;
    e.workflow = "matter";
    e.workflow_version = 1;
    e.to_state = "drafted";
    e.item_version = 1;
    return e;
  }

  std::vector<AuditEntry> Chain(const std::string& org) {
    std::vector<AuditEntry> out;
    EXPECT_TRUE(store_->ForEachAuditEntry(org, [&](const AuditEntry& e) {
      out.push_back(e);
      return Status::Ok();
    }).ok());
    return out;
  }

  TempDir dir_;
  std::shared_ptr<MemoryDatabase> memory_;
  std::unique_ptr<PgTestDatabase> pg_;  // a fresh database for each case on PostgreSQL
  std::unique_ptr<Store> store_;
};

TEST_P(StoreContractTest, AFailedTransactionKeepsNoneOfItsWrites) {
  std::int64_t id = 0;
  Status st = store_->Transact([&]() -> Status {
    auto inserted = store_->InsertItem(NewItem("school-a"));
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    DOCKET_RETURN_IF_ERROR(store_->AppendAudit(NewEntry("school-a", id, "create")).status());
    DOCKET_RETURN_IF_ERROR(store_->PutTable("t", {{"k", "v"}}));
    DOCKET_RETURN_IF_ERROR(store_->PutRoleLabels({{"clerk", Labels("记录人", "Clerk")}}));
    DOCKET_RETURN_IF_ERROR(store_->ClaimFiring({"key-1", "school-a", id, "notify", "d", "f"}).status());
    DOCKET_RETURN_IF_ERROR(store_->AddNotification({0, "chen", "school-a", id, "t", "notify", "key-1", {}, false}));
    DOCKET_RETURN_IF_ERROR(store_->PutCalendar("semesters: []", "t"));
    return Status::Conflict("the caller changed its mind");
  });
  EXPECT_EQ(st.code(), Code::kConflict);
  EXPECT_EQ(store_->GetItem(id).status().code(), Code::kNotFound);
  EXPECT_TRUE(store_->AuditOrgs()->empty());
  EXPECT_EQ(store_->GetAuditHead("school-a")->seq, 0);
  EXPECT_EQ(store_->GetTable("t").status().code(), Code::kNotFound);
  EXPECT_TRUE(store_->GetRoleLabels()->empty());
  EXPECT_FALSE(store_->GetFiring("key-1")->has_value());
  EXPECT_TRUE(store_->Inbox("chen", false)->empty());
  EXPECT_FALSE(store_->GetCalendar()->has_value());
  // The id rolled back with the rest, as SQLite's AUTOINCREMENT counter does; a PostgreSQL
  // sequence never goes back, so there the next item has a new id. Neither reuses an id
  // that a committed entry names.
  if (GetParam() == "postgresql") {
    EXPECT_GT(*store_->InsertItem(NewItem("school-a")), id);
  } else {
    EXPECT_EQ(*store_->InsertItem(NewItem("school-a")), id);
  }
}

TEST_P(StoreContractTest, RoleLabelsAreSetPerRoleAndKeptUntilReplaced) {
  EXPECT_TRUE(store_->GetRoleLabels()->empty());
  ASSERT_TRUE(store_->PutRoleLabels({{"clerk", Labels("记录人", "Clerk")}, {"secretary", Labels("书记")}}).ok());
  Labels chair("主持人", "Chair");
  chair.more["ja"] = "議長";
  ASSERT_TRUE(store_->PutRoleLabels({{"clerk", Labels("会议记录人", "Clerk")}, {"chair", chair}}).ok());
  Result<RoleLabels> got = store_->GetRoleLabels();
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->size(), 3u);
  EXPECT_EQ(got->at("clerk").zh, "会议记录人");
  EXPECT_EQ(got->at("secretary").zh, "书记");
  EXPECT_EQ(got->at("secretary").en, "");
  EXPECT_EQ(got->at("chair").more.at("ja"), "議長");
}

TEST_P(StoreContractTest, AFailedNestedTransactionUndoesOnlyItsOwnWrites) {
  std::int64_t outer = 0, inner = 0;
  Status inner_status;
  Status st = store_->Transact([&]() -> Status {
    outer = *store_->InsertItem(NewItem("school-a"));
    DOCKET_RETURN_IF_ERROR(store_->AppendAudit(NewEntry("school-a", outer, "create")).status());
    inner_status = store_->Transact([&]() -> Status {
      inner = *store_->InsertItem(NewItem("school-a", outer));
      DOCKET_RETURN_IF_ERROR(store_->AppendAudit(NewEntry("school-a", inner, "create")).status());
      return Status::Invalid("the child is refused");
    });
    // The outer transaction goes on after the savepoint's failure.
    return store_->AppendAudit(NewEntry("school-a", outer, "note")).status();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(inner_status.code(), Code::kInvalid);
  EXPECT_TRUE(store_->GetItem(outer).ok());
  EXPECT_EQ(store_->GetItem(inner).status().code(), Code::kNotFound);
  auto chain = Chain("school-a");
  ASSERT_EQ(chain.size(), 2u);
  EXPECT_EQ(chain[1].action, "note");
  EXPECT_EQ(chain[1].seq, 2);
  EXPECT_EQ(chain[1].prev_hash, chain[0].hash);
}

// Each store may keep what it read (the actor, the organizations above, the chain head);
// what another store on the same data wrote since must be read at once all the same.
TEST_P(StoreContractTest, WhatAnotherStoreWroteIsWhatTheNextReadSees) {
  Org district;
  district.id = "district";
  Org school;
  school.id = "school-a";
  ASSERT_TRUE(store_->UpsertOrg(district).ok());
  ASSERT_TRUE(store_->UpsertOrg(school).ok());
  ASSERT_TRUE(store_->UpsertPerson({"liu", {}, {{"liu", "school-a", "clerk"}}}).ok());
  ASSERT_TRUE(store_->AppendAudit(NewEntry("school-a", 0, "note")).ok());
  EXPECT_EQ(store_->GetPerson("liu")->roles.size(), 1u);
  EXPECT_EQ(store_->OrgAncestry("school-a")->size(), 1u);

  std::unique_ptr<Store> other = OpenStore();
  school.parent = "district";
  ASSERT_TRUE(other->UpsertOrg(school).ok());
  ASSERT_TRUE(other->UpsertPerson({"liu", {}, {{"liu", "school-a", "clerk"}, {"liu", "district", "member"}}}).ok());
  ASSERT_TRUE(other->AppendAudit(NewEntry("school-a", 0, "note")).ok());

  EXPECT_EQ(store_->GetPerson("liu")->roles.size(), 2u);
  EXPECT_EQ(*store_->OrgAncestry("school-a"), (std::vector<std::string>{"school-a", "district"}));
  ASSERT_TRUE(store_->Transact([&] { return store_->AppendAudit(NewEntry("school-a", 0, "note")).status(); }).ok());
  auto chain = Chain("school-a");
  ASSERT_EQ(chain.size(), 3u);
  EXPECT_EQ(chain[2].seq, 3);
  EXPECT_EQ(chain[2].prev_hash, chain[1].hash);
  EXPECT_EQ(chain[2].hash, EntryHash(chain[2]));

  // A write of this store's own that is rolled back leaves no trace in what it reads next.
  EXPECT_EQ(store_->Transact([&]() -> Status {
              DOCKET_RETURN_IF_ERROR(store_->UpsertPerson({"liu", {}, {}}));
              EXPECT_TRUE(store_->GetPerson("liu")->roles.empty());
              DOCKET_RETURN_IF_ERROR(store_->AppendAudit(NewEntry("school-a", 0, "note")).status());
              return Status::Conflict("undone");
            }).code(),
            Code::kConflict);
  EXPECT_EQ(store_->GetPerson("liu")->roles.size(), 2u);
  ASSERT_TRUE(other->AppendAudit(NewEntry("school-a", 0, "note")).ok());
  chain = Chain("school-a");
  ASSERT_EQ(chain.size(), 4u);
  EXPECT_EQ(chain[3].prev_hash, chain[2].hash);
}

// The only write of the chain is "append at (org, seq) if the head is still this": an entry
// linked after a head that has moved is refused, so two writers can never fork a chain.
TEST_P(StoreContractTest, AnEntryLinkedAfterAnOldHeadIsAConflictAndWritesNothing) {
  AuditEntry first = NewEntry("school-a", 0, "note");
  LinkEntry(first, 0, "");
  ASSERT_TRUE(store_->AppendLinked(first).ok());
  AuditEntry stale = NewEntry("school-a", 0, "other");
  LinkEntry(stale, 0, "");  // also entry 1, as a second writer that read the empty chain links it
  EXPECT_EQ(store_->AppendLinked(stale).code(), Code::kConflict);
  AuditEntry forged = NewEntry("school-a", 0, "other");
  LinkEntry(forged, 1, std::string(64, 'a'));  // seq 2, but after a head that is not entry 1
  EXPECT_EQ(store_->AppendLinked(forged).code(), Code::kConflict);
  AuditEntry next = NewEntry("school-a", 0, "other");
  LinkEntry(next, 1, first.hash);
  EXPECT_EQ(store_->Transact([&] { return store_->AppendLinked(next); }).code(), Code::kOk);
  auto chain = Chain("school-a");
  ASSERT_EQ(chain.size(), 2u);
  EXPECT_EQ(chain[0].hash, first.hash);
  EXPECT_EQ(chain[1].hash, next.hash);
  EXPECT_EQ(store_->GetAuditHead("school-a")->seq, 2);
}

TEST_P(StoreContractTest, AnUpdateFromAVersionThatMovedIsAConflict) {
  const std::int64_t id = *store_->InsertItem(NewItem("school-a"));
  Item next = *store_->GetItem(id);
  next.state = "submitted";
  next.version = 2;
  ASSERT_TRUE(store_->UpdateItem(next, 1).ok());
  next.state = "withdrawn";
  EXPECT_EQ(store_->UpdateItem(next, 1).code(), Code::kConflict);  // a second writer from version 1
  next.version = 3;
  EXPECT_EQ(store_->UpdateItem(next, 1).code(), Code::kInvalid);  // not expected + 1
  next.id = 999;
  EXPECT_EQ(store_->UpdateItem(next, 2).code(), Code::kNotFound);
  EXPECT_EQ(store_->GetItem(id)->state, "submitted");
  EXPECT_EQ(store_->GetItem(id)->version, 2);
  EXPECT_EQ(store_->InsertItem(NewItem("school-a", 999)).status().code(), Code::kNotFound);  // no such parent
}

TEST_P(StoreContractTest, AnUpdateKeepsOrChangesTheParentAsTheItemSays) {
  const std::int64_t a = *store_->InsertItem(NewItem("school-a"));
  const std::int64_t b = *store_->InsertItem(NewItem("school-a"));
  const std::int64_t child = *store_->InsertItem(NewItem("school-a", a));
  Item next = *store_->GetItem(child);
  next.state = "submitted";
  next.version = 2;
  ASSERT_TRUE(store_->UpdateItem(next, 1).ok());  // the parent as it was
  EXPECT_EQ(store_->GetItem(child)->parent, std::optional<std::int64_t>(a));
  next.parent = b;
  next.version = 3;
  ASSERT_TRUE(store_->UpdateItem(next, 2).ok());  // moved under another item
  EXPECT_EQ(store_->GetItem(child)->parent, std::optional<std::int64_t>(b));
  EXPECT_EQ(store_->GetItem(child)->version, 3);
  next.parent.reset();
  next.version = 4;
  ASSERT_TRUE(store_->UpdateItem(next, 3).ok());  // and out from under it
  EXPECT_EQ(store_->GetItem(child)->parent, std::nullopt);
  next.parent = a;
  EXPECT_EQ(store_->UpdateItem(next, 3).code(), Code::kConflict);  // a stale writer changes nothing
  EXPECT_EQ(store_->GetItem(child)->parent, std::nullopt);
  EXPECT_EQ(store_->GetItem(child)->version, 4);
}

TEST_P(StoreContractTest, EntriesAreLinkedAsTheAuditChainSays) {
  for (int i = 0; i < 3; ++i) {
    AuditEntry e = NewEntry("school-a", 1, "act" + std::to_string(i));
    e.changes = {{"zeta", Value(), Value(std::int64_t{i})}, {"alpha", Value("a"), Value()}};
    auto stored = store_->AppendAudit(e);
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
    EXPECT_EQ(stored->seq, i + 1);
  }
  ASSERT_TRUE(store_->AppendAudit(NewEntry("school-b", 2, "create")).ok());
  auto chain = Chain("school-a");
  ASSERT_EQ(chain.size(), 3u);
  std::int64_t head_seq = 0;
  std::string head_hash;
  for (const AuditEntry& e : chain) {
    AuditEntry expected = e;
    LinkEntry(expected, head_seq, head_hash);
    EXPECT_EQ(e.seq, expected.seq);
    EXPECT_EQ(e.prev_hash, expected.prev_hash);
    EXPECT_EQ(e.hash, EntryHash(e));
    ASSERT_EQ(e.changes.size(), 2u);
    EXPECT_EQ(e.changes[0].field, "alpha");  // read back ordered by field
    head_seq = e.seq;
    head_hash = e.hash;
  }
  EXPECT_EQ(chain[0].prev_hash, kZeroHash);
  EXPECT_EQ(store_->GetAuditHead("school-a")->hash, head_hash);
  EXPECT_EQ(*store_->AuditOrgs(), (std::vector<std::string>{"school-a", "school-b"}));
  EXPECT_EQ(store_->ItemHistory(1)->size(), 3u);
  AuditEntry refused = NewEntry("school-a", 1, "act");
  refused.outcome = "maybe";
  EXPECT_EQ(store_->AppendAudit(refused).status().code(), Code::kInvalid);
  AuditEntry twice = NewEntry("school-a", 1, "act");
  twice.changes = {{"a", Value(), Value("x")}, {"a", Value(), Value("y")}};
  EXPECT_EQ(store_->AppendAudit(twice).status().code(), Code::kInvalid);
  EXPECT_EQ(Chain("school-a").size(), 3u);
}

TEST_P(StoreContractTest, AFiringIsClaimedOnceWhoeverAsks) {
  EXPECT_TRUE(*store_->ClaimFiring({"k", "school-a", 1, "notify", "d", "f"}));
  EXPECT_FALSE(*store_->ClaimFiring({"k", "school-a", 1, "notify", "d", "g"}));
  EXPECT_EQ((*store_->GetFiring("k"))->fired_at, "f");
  // Two stores on the same data claiming the same keys at once.
  std::vector<std::unique_ptr<Store>> stores;
  for (int w = 0; w < 2; ++w) stores.push_back(OpenStore());
  std::vector<int> claimed(2, 0);
  std::vector<std::thread> threads;
  for (int w = 0; w < 2; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < 50; ++i) {
        auto r = stores[w]->ClaimFiring({"key-" + std::to_string(i), "school-a", 1, "notify", "d", "f"});
        if (r.ok() && *r) ++claimed[w];
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(claimed[0] + claimed[1], 50);
}

TEST_P(StoreContractTest, ASessionsUseMovesForwardOnlyAndNeverRevivesAnEndedOne) {
  Credential c;
  c.kind = "session";
  c.key = "k1";
  c.person = "li";
  c.created_at = c.last_seen = "2026-03-02T09:00:00Z";
  c.expires_at = "2026-03-02T21:00:00Z";
  ASSERT_TRUE(store_->PutCredential(c).ok());
  const auto seen = [&](const std::string& key) { return (*store_->GetCredential("session", key))->last_seen; };
  ASSERT_TRUE(store_->TouchCredential("session", "k1", "2026-03-02T09:05:00Z").ok());
  EXPECT_EQ(seen("k1"), "2026-03-02T09:05:00Z");
  ASSERT_TRUE(store_->TouchCredential("session", "k1", "2026-03-02T09:01:00Z").ok());
  EXPECT_EQ(seen("k1"), "2026-03-02T09:05:00Z") << "never back";
  // Ended meanwhile (signed out on another worker): the touch leaves it ended, as it was.
  c.key = "k2";
  c.ended_at = "2026-03-02T09:02:00Z";
  ASSERT_TRUE(store_->PutCredential(c).ok());
  ASSERT_TRUE(store_->TouchCredential("session", "k2", "2026-03-02T09:06:00Z").ok());
  auto ended = *store_->GetCredential("session", "k2");
  EXPECT_EQ(ended->ended_at, "2026-03-02T09:02:00Z");
  EXPECT_EQ(ended->last_seen, "2026-03-02T09:00:00Z");
  EXPECT_TRUE(store_->TouchCredential("session", "none", "2026-03-02T09:06:00Z").ok());
  EXPECT_FALSE(*store_->GetCredential("session", "none"));
}

TEST_P(StoreContractTest, AFaultAtAnyPointAbortsTheWholeTransaction) {
  for (const char* point : {"after_item_write", "after_audit_append", "before_commit"}) {
    SCOPED_TRACE(point);
    const std::string at = point;
    store_ = OpenStore([at](const char* p) { return at == p ? Status::Storage("injected") : Status::Ok(); });
    Status st = store_->Transact([&]() -> Status {
      auto id = store_->InsertItem(NewItem("school-a"));
      (void)id;  // a failure the caller ignores dooms the transaction all the same
      return store_->AppendAudit(NewEntry("school-a", 1, "create")).status();
    });
    EXPECT_EQ(st.code(), Code::kStorage);
    store_ = OpenStore();
    EXPECT_TRUE(store_->ListItems({})->empty());
    EXPECT_TRUE(store_->AuditOrgs()->empty());
  }
}

TEST_P(StoreContractTest, ADefinitionVersionKeepsItsFirstContent) {
  DefinitionRecord def{"matter", 1, "", "id: matter\n", "t"};
  EXPECT_TRUE(*store_->PutDefinition(def));
  EXPECT_FALSE(*store_->PutDefinition(def));
  def.source = "id: matter # changed\n";
  EXPECT_EQ(store_->PutDefinition(def).status().code(), Code::kConflict);
  def.version = 2;
  EXPECT_TRUE(*store_->PutDefinition(def));
  EXPECT_EQ(store_->GetDefinition("matter", std::nullopt)->version, 2);
  EXPECT_EQ(store_->GetDefinition("matter", 1)->source, "id: matter\n");
  EXPECT_EQ(store_->GetDefinition("matter", 3).status().code(), Code::kNotFound);
  EXPECT_EQ(store_->GetDefinition("meeting", std::nullopt).status().code(), Code::kNotFound);
  EXPECT_EQ(store_->ListDefinitions()->size(), 2u);
}

TEST_P(StoreContractTest, ANotificationKeepsItsMessageInEveryLanguage) {
  Labels message{"#1 逾期", "#1 is overdue"};
  message.more["fr"] = "#1 est en retard";
  ASSERT_TRUE(store_->AddNotification({0, "chen", "school-a", 1, "t", "notify", "key-1", message, false}).ok());
  store_ = OpenStore();  // read back from the file, for SQLite
  auto inbox = store_->Inbox("chen", false);
  ASSERT_TRUE(inbox.ok()) << inbox.status().ToString();
  ASSERT_EQ(inbox->size(), 1u);
  EXPECT_EQ((*inbox)[0].message.zh, "#1 逾期");
  EXPECT_EQ((*inbox)[0].message.en, "#1 is overdue");
  EXPECT_EQ((*inbox)[0].message.more, message.more);
}

// The outbox: written with its notification (or not at all), claimed by one worker at a
// time and held, its outcome recorded and shown with the inbox.
TEST_P(StoreContractTest, TheOutboxIsWrittenWithItsNotificationAndClaimedOnce) {
  Notification n{0, "chen", "school-a", 1, "2026-03-02T09:00:00Z", "notify", "key-1", Labels{"到期", "due"}, false};
  n.deliveries.resize(2);
  n.deliveries[0].channel = "email";
  n.deliveries[0].address = "chen@a.example";
  n.deliveries[1].channel = "wecom";
  n.deliveries[1].address = "https://robot.example/send?key=k";
  ASSERT_TRUE(store_->AddNotification(n).ok());
  // A notification rolled back takes its deliveries with it.
  Status undone = store_->Transact([&]() -> Status {
    DOCKET_RETURN_IF_ERROR(store_->AddNotification(n));
    return Status::Conflict("undo");
  });
  EXPECT_EQ(undone.code(), Code::kConflict);
  store_ = OpenStore();
  auto early = store_->ClaimDeliveries("2026-03-02T08:59:59Z", "2026-03-02T09:02:00Z", 10);
  ASSERT_TRUE(early.ok()) << early.status().ToString();
  EXPECT_TRUE(early->empty()) << "not due before its notification's time";
  auto due = store_->ClaimDeliveries("2026-03-02T09:00:00Z", "2026-03-02T09:02:00Z", 10);
  ASSERT_TRUE(due.ok()) << due.status().ToString();
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ((*due)[0].delivery.channel, "email");
  EXPECT_EQ((*due)[0].notification.person, "chen");
  EXPECT_EQ((*due)[0].notification.message.zh, "到期");
  EXPECT_TRUE(store_->ClaimDeliveries("2026-03-02T09:01:00Z", "2026-03-02T09:03:00Z", 10)->empty()) << "held";
  Delivery sent = (*due)[0].delivery;
  sent.status = "sent";
  sent.attempts = 1;
  sent.done_at = "2026-03-02T09:00:01Z";
  ASSERT_TRUE(store_->RecordDelivery(sent).ok());
  Delivery missing = sent;
  missing.id = 999;
  EXPECT_EQ(store_->RecordDelivery(missing).code(), Code::kNotFound);
  // The other one's worker died: it is taken again once the hold ends.
  auto again = store_->ClaimDeliveries("2026-03-02T09:02:00Z", "2026-03-02T09:04:00Z", 10);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].delivery.channel, "wecom");
  store_ = OpenStore();
  auto inbox = store_->Inbox("chen", false);
  ASSERT_TRUE(inbox.ok());
  ASSERT_EQ(inbox->size(), 1u);
  ASSERT_EQ((*inbox)[0].deliveries.size(), 2u);
  EXPECT_EQ((*inbox)[0].deliveries[0].status, "sent");
  EXPECT_EQ((*inbox)[0].deliveries[0].attempts, 1);
  EXPECT_EQ((*inbox)[0].deliveries[1].status, "pending");
  EXPECT_EQ((*inbox)[0].deliveries[1].next_at, "2026-03-02T09:04:00Z");
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreContractTest,
                         ::testing::Values(std::string("sqlite"), std::string("memory"), std::string("postgresql")),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace docket::testing
