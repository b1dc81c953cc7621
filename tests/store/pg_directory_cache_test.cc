// PgStore's directory cache (store/pg_store.h, DirectoryCache): inside a transaction the
// actor, the organizations above one, an organization, the role labels and the latest
// definition come from what this connection kept — no round trip — until anyone changes
// them: another PgStore on the same database, or plain SQL on a connection of its own (the
// directory_version triggers of migration 003). And an action's write costs the round trips
// counted here.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <thread>

#include "audit/chain.h"
#include "store/pg_store.h"
#include "store_test_util.h"
#include "two_pg_stores.h"

namespace docket::testing {
namespace {

// A new matter of school-a, drafted at At(2).
Item Drafted() { return NewItem("school-a", "matter", "drafted", At(2)); }

class PgDirectoryCacheTest : public TwoPgStoresTest {
 protected:
  void SetUp() override {
    TwoPgStoresTest::SetUp();
    if (Stopped()) return;
    Org district{"district", std::nullopt, Labels("区", "District"), "supervisor", {}};
    Org school{"school-a", std::string("district"), Labels("甲校", "School A"), "school", {}};
    school.bodies = {Body{"council", Labels("校务会", "Council"), {"wang"}, {}}};
    ASSERT_TRUE(b_->UpsertOrg(district).ok());
    ASSERT_TRUE(b_->UpsertOrg(school).ok());
    ASSERT_TRUE(b_->UpsertPerson(Wang("clerk")).ok());
    ASSERT_TRUE(b_->PutRoleLabels({{"clerk", Labels("记录人", "Clerk")}}).ok());
    ASSERT_TRUE(b_->PutDefinition(Definition(1)).ok());
  }

  static Person Wang(const std::string& role) { return Person{"wang", Labels("王", "Wang"), {{"wang", "school-a", role}}}; }
  static DefinitionRecord Definition(std::int64_t version) {
    const std::string source = "id: matter\nversion: " + std::to_string(version) + "\n";
    return DefinitionRecord{"matter", version, Sha256Hex(source), source, "2026-03-01T00:00:00Z"};
  }

  // What an action reads about its actor, organization and workflow, in one transaction
  // of `store`, as the application reads it.
  struct Seen {
    std::string role;
    std::vector<std::string> above;
    std::size_t members = 0;
    std::string clerk_label;
    std::int64_t definition = 0;
  };
  static Seen Read(PgStore& store) {
    Seen seen;
    EXPECT_TRUE(store.Transact([&]() -> Status {
      DOCKET_ASSIGN_OR_RETURN(Person p, store.GetPerson("wang"));
      if (!p.roles.empty()) seen.role = p.roles.front().role;
      DOCKET_ASSIGN_OR_RETURN(seen.above, store.OrgAncestry("school-a"));
      DOCKET_ASSIGN_OR_RETURN(Org org, store.GetOrg("school-a"));
      if (!org.bodies.empty()) seen.members = org.bodies.front().members.size();
      DOCKET_ASSIGN_OR_RETURN(RoleLabels labels, store.GetRoleLabels());
      seen.clerk_label = labels["clerk"].zh;
      DOCKET_ASSIGN_OR_RETURN(DefinitionRecord def, store.GetDefinition("matter", std::nullopt));
      seen.definition = def.version;
      return Status::Ok();
    }).ok());
    return seen;
  }

};

TEST_F(PgDirectoryCacheTest, AWarmTransactionReadsTheDirectoryWithoutARoundTrip) {
  Read(*a_);  // fills the cache
  const std::int64_t before = a_->RoundTrips();
  const Seen seen = Read(*a_);
  // BEGIN (with the directory's version) and COMMIT; nothing else.
  EXPECT_EQ(a_->RoundTrips() - before, 2);
  EXPECT_EQ(seen.role, "clerk");
  EXPECT_EQ(seen.above, (std::vector<std::string>{"school-a", "district"}));
  EXPECT_EQ(seen.members, 1u);
  EXPECT_EQ(seen.clerk_label, "记录人");
  EXPECT_EQ(seen.definition, 1);
}

TEST_F(PgDirectoryCacheTest, AChangeByAnotherStoreIsSeenByTheNextTransaction) {
  ASSERT_EQ(Read(*a_).role, "clerk");
  ASSERT_TRUE(b_->UpsertPerson(Wang("secretary")).ok());
  EXPECT_EQ(Read(*a_).role, "secretary");

  Org school{"school-a", std::nullopt, Labels("甲校", "School A"), "school", {}};  // no longer under the district
  school.bodies = {Body{"council", Labels("校务会", "Council"), {"wang", "liu"}, {}}};
  ASSERT_TRUE(b_->UpsertOrg(school).ok());
  ASSERT_TRUE(b_->PutRoleLabels({{"clerk", Labels("会议记录", "Clerk")}}).ok());
  ASSERT_TRUE(b_->PutDefinition(Definition(2)).ok());
  const Seen seen = Read(*a_);
  EXPECT_EQ(seen.above, (std::vector<std::string>{"school-a"}));
  EXPECT_EQ(seen.members, 2u);
  EXPECT_EQ(seen.clerk_label, "会议记录");
  EXPECT_EQ(seen.definition, 2);
}

// An action is judged once its chain's head is held: a role changed by a transaction that
// held the head and committed while this one waited for it (after this one's BEGIN read the
// directory's version) is seen, not the role kept from before.
TEST_F(PgDirectoryCacheTest, AChangeCommittedWhileWaitingForTheHeadIsSeen) {
  ASSERT_EQ(Read(*a_).role, "clerk");
  pqxx::connection raw(pg_->url());
  {
    pqxx::work head(raw);
    head.exec("INSERT INTO audit_heads(org, seq, hash, time) VALUES ('school-a', 0, '', '') ON CONFLICT (org) DO NOTHING");
    head.commit();
  }
  pqxx::work w(raw);
  w.exec("SELECT seq FROM audit_heads WHERE org='school-a' FOR UPDATE");
  w.exec("UPDATE person_roles SET role='principal' WHERE person='wang'");
  std::thread committer([&w] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    w.commit();
  });
  std::string role;
  Status st = a_->Transact([&]() -> Status {
    DOCKET_RETURN_IF_ERROR(a_->GetAuditHead("school-a").status());  // waits for the commit
    DOCKET_ASSIGN_OR_RETURN(Person p, a_->GetPerson("wang"));
    if (!p.roles.empty()) role = p.roles.front().role;
    return Status::Ok();
  });
  committer.join();
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(role, "principal");
}

TEST_F(PgDirectoryCacheTest, AChangeMadeInPlainSqlIsSeenToo) {
  ASSERT_EQ(Read(*a_).role, "clerk");
  pqxx::connection raw(pg_->url());
  pqxx::work w(raw);
  w.exec("UPDATE person_roles SET role='principal' WHERE person='wang'");
  w.exec("UPDATE bodies SET members='[]' WHERE org='school-a'");
  // Not committed yet: the next transaction still reads what is committed.
  EXPECT_EQ(Read(*a_).role, "clerk");
  w.commit();
  const Seen seen = Read(*a_);
  EXPECT_EQ(seen.role, "principal");
  EXPECT_EQ(seen.members, 0u);
}

TEST_F(PgDirectoryCacheTest, ItsOwnChangeIsSeenInTheSameTransactionAndKeptAfterARollback) {
  ASSERT_EQ(Read(*a_).role, "clerk");
  Status st = a_->Transact([&]() -> Status {
    DOCKET_RETURN_IF_ERROR(a_->UpsertPerson(Wang("member")));
    DOCKET_ASSIGN_OR_RETURN(Person p, a_->GetPerson("wang"));
    EXPECT_EQ(p.roles.front().role, "member");
    return Status::Conflict("changed its mind");
  });
  EXPECT_EQ(st.code(), Code::kConflict);
  EXPECT_EQ(Read(*a_).role, "clerk");
  EXPECT_EQ(Read(*b_).role, "clerk");
}

// An item, its entry and the chain's head, written as an action writes them (the chain's
// head locked, the item inserted, the entry appended), each in a savepoint of one
// transaction as the server's group commit runs them.
TEST_F(PgDirectoryCacheTest, AnActionsWriteCostsItsCountedRoundTrips) {
  auto create = [&](PgStore& store) -> Status {
    return store.Transact([&]() -> Status {
      DOCKET_ASSIGN_OR_RETURN(AuditHead head, store.GetAuditHead("school-a"));
      (void)head;
      Item item = Drafted();
      DOCKET_ASSIGN_OR_RETURN(std::int64_t id, store.InsertItem(item));
      AuditEntry e;
      e.org = "school-a";
      e.time = FormatTime(At(2));
      e.actor = "wang";
      e.role = "clerk";
      e.action = "create";
      e.outcome = "ok";
      e.item_id = id;
      e.workflow = "matter";
      e.workflow_version = 1;
      e.to_state = "drafted";
      e.item_version = 1;
      return store.AppendAudit(e).status();
    });
  };
  ASSERT_TRUE(a_->Transact([&] { return create(*a_); }).ok());
  const std::int64_t before = a_->RoundTrips();
  // BEGIN, then per change: SAVEPOINT (with the previous one's RELEASE), the head locked
  // FOR UPDATE with the directory's version read again — the first change only (the
  // transaction keeps the head), and in one round trip with its SAVEPOINT — the item, the
  // entry with its head; then COMMIT.
  ASSERT_TRUE(a_->Transact([&]() -> Status {
    for (int i = 0; i < 3; ++i) DOCKET_RETURN_IF_ERROR(create(*a_));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(a_->RoundTrips() - before, 1 + (1 + 2) + 2 * (1 + 2) + 1);
  // The chain links through all four, and a second store sees its head.
  auto head = b_->GetAuditHead("school-a");
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->seq, 4);
  std::string prev(64, '0');  // the genesis entry's prev_hash
  std::int64_t seq = 0;
  ASSERT_TRUE(b_->ForEachAuditEntry("school-a", [&](const AuditEntry& e) {
    EXPECT_EQ(e.seq, ++seq);
    EXPECT_EQ(e.prev_hash, prev);
    prev = e.hash;
    return Status::Ok();
  }).ok());
  EXPECT_EQ(head->hash, prev);
}

// A savepoint whose change failed is rolled back alone; the changes around it, and their
// savepoints released late, commit.
TEST_F(PgDirectoryCacheTest, AFailedChangeBetweenTwoGoodOnesIsUndoneAlone) {
  const Item item = Drafted();
  std::vector<std::int64_t> ids;
  ASSERT_TRUE(a_->Transact([&]() -> Status {
    for (int i = 0; i < 3; ++i) {
      Status st = a_->Transact([&]() -> Status {
        DOCKET_ASSIGN_OR_RETURN(std::int64_t id, a_->InsertItem(item));
        ids.push_back(id);
        if (i == 1) return Status::Conflict("this one fails");
        return Status::Ok();
      });
      EXPECT_EQ(st.ok(), i != 1);
    }
    return Status::Ok();
  }).ok());
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_TRUE(b_->GetItem(ids[0]).ok());
  EXPECT_EQ(b_->GetItem(ids[1]).status().code(), Code::kNotFound);
  EXPECT_TRUE(b_->GetItem(ids[2]).ok());
}

// A savepoint is sent with the first statement made in it: one in which nothing is sent
// costs no round trip and is never made, whether it ends well or not, and the savepoints
// around it still undo and keep what they should.
TEST_F(PgDirectoryCacheTest, ASavepointInWhichNothingIsSentIsNeverMade) {
  const Item item = Drafted();
  std::vector<std::int64_t> ids;
  auto insert = [&](bool fail) {
    return a_->Transact([&]() -> Status {
      DOCKET_ASSIGN_OR_RETURN(std::int64_t id, a_->InsertItem(item));
      ids.push_back(id);
      return fail ? Status::Conflict("this one fails") : Status::Ok();
    });
  };
  const std::int64_t before = a_->RoundTrips();
  ASSERT_TRUE(a_->Transact([&]() -> Status {
    EXPECT_TRUE(insert(false).ok());
    EXPECT_TRUE(a_->Transact([] { return Status::Ok(); }).ok());
    EXPECT_EQ(a_->Transact([] { return Status::Refused("refused before any statement"); }).code(), Code::kRefused);
    EXPECT_FALSE(insert(true).ok());
    EXPECT_EQ(a_->Transact([] { return Status::Refused("nothing sent after a rollback"); }).code(), Code::kRefused);
    EXPECT_TRUE(a_->Transact([&] { return a_->Transact([] { return Status::Ok(); }); }).ok());
    EXPECT_TRUE(insert(false).ok());
    return Status::Ok();
  }).ok());
  // BEGIN; SAVEPOINT, item; SAVEPOINT, item, ROLLBACK TO; SAVEPOINT, item; COMMIT.
  EXPECT_EQ(a_->RoundTrips() - before, 1 + 2 + 3 + 2 + 1);
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_TRUE(b_->GetItem(ids[0]).ok());
  EXPECT_EQ(b_->GetItem(ids[1]).status().code(), Code::kNotFound);
  EXPECT_TRUE(b_->GetItem(ids[2]).ok());
}

}  // namespace
}  // namespace docket::testing
