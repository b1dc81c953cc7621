// SqliteStore on real files: migrations, records, items, transactions.
#include "store/sqlite_store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <stdexcept>

#include "audit/chain.h"
#include "store/migrations.h"
#include "store_test_util.h"

namespace docket {
namespace {

using testing::At;
using testing::CreateItem;
using testing::OpenOrDie;
using testing::TempDir;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenOrDie(path_);
    ASSERT_NE(store_, nullptr);
  }
  std::int64_t CountRows(const std::string& table) {
    SQLite::Database db(path_, SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT count(*) FROM " + table).getInt64();
  }
  Item NewItem(const std::string& org, const std::string& wf, const std::string& state) {
    return testing::NewItem(org, wf, state);
  }

  TempDir dir_;
  std::string path_ = dir_.File("docket.db");
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteStoreTest, MigrationsAreEmbeddedAndNumbered) {
  auto migrations = Migrations();
  ASSERT_FALSE(migrations.empty());
  EXPECT_EQ(migrations[0].number, 1);
  EXPECT_STREQ(migrations[0].name, "001_init");
  EXPECT_NE(std::string(migrations[0].sql).find("CREATE TABLE audit"), std::string::npos);
}

TEST_F(SqliteStoreTest, OpenTwiceIsIdempotentAndUsesWal) {
  std::vector<int> all;  // every migration compiled in, applied once
  for (const auto& m : Migrations()) all.push_back(m.number);
  auto applied = store_->AppliedMigrations();
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(*applied, all);
  EXPECT_EQ(store_->JournalMode().value(), "wal");
  ASSERT_TRUE(store_->UpsertOrg({"school-a", std::nullopt, {"一中", "No. 1"}, "school", {}}).ok());
  store_.reset();

  store_ = OpenOrDie(path_);
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(store_->AppliedMigrations().value(), all);
  EXPECT_EQ(store_->JournalMode().value(), "wal");
  EXPECT_EQ(store_->ListOrgs()->size(), 1u);
  EXPECT_EQ(CountRows("schema_migrations"), static_cast<int>(all.size()));
}

TEST_F(SqliteStoreTest, RejectsABadSynchronousSetting) {
  SqliteOptions opts;
  opts.synchronous = "SOMETIMES";
  auto r = SqliteStore::Open(dir_.File("x.db"), opts);
  EXPECT_EQ(r.status().code(), Code::kInvalid);
  opts.synchronous = "NORMAL";
  EXPECT_TRUE(SqliteStore::Open(dir_.File("y.db"), opts).ok());
}

TEST_F(SqliteStoreTest, OrgsUpsertWithoutDuplicates) {
  Org org{"school-a", "district", {"一中", "No. 1 School"}, "school", {{"city", "杭州"}}};
  ASSERT_TRUE(store_->UpsertOrg(org).ok());
  org.name.en = "First School";
  org.attrs = {{"city", "Hangzhou"}, {"size", "large"}};
  org.parent.reset();
  ASSERT_TRUE(store_->UpsertOrg(org).ok());
  ASSERT_TRUE(
      store_->UpsertOrg({"district", std::nullopt, {"教委", "District"}, "committee", {}}).ok());

  auto orgs = store_->ListOrgs();
  ASSERT_TRUE(orgs.ok());
  ASSERT_EQ(orgs->size(), 2u);
  EXPECT_EQ((*orgs)[0].id, "district");
  auto got = store_->GetOrg("school-a");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name.zh, "一中");
  EXPECT_EQ(got->name.en, "First School");
  EXPECT_FALSE(got->parent.has_value());
  EXPECT_EQ(got->attrs,
            (std::map<std::string, std::string>{{"city", "Hangzhou"}, {"size", "large"}}));
  EXPECT_EQ(store_->GetOrg("nowhere").status().code(), Code::kNotFound);
}

TEST_F(SqliteStoreTest, PeopleUpsertReplacesRoles) {
  Person p{"wang.li",
           {"王丽", "Wang Li"},
           {{"wang.li", "school-a", "secretary"}, {"wang.li", "school-a", "member"}}};
  ASSERT_TRUE(store_->UpsertPerson(p).ok());
  ASSERT_TRUE(store_->UpsertPerson(p).ok());
  EXPECT_EQ(CountRows("people"), 1);
  EXPECT_EQ(CountRows("person_roles"), 2);

  p.roles = {{"wang.li", "school-b", "principal"}};
  p.name.en = "Li Wang";
  ASSERT_TRUE(store_->UpsertPerson(p).ok());
  auto got = store_->GetPerson("wang.li");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name.en, "Li Wang");
  ASSERT_EQ(got->roles.size(), 1u);
  EXPECT_EQ(got->roles[0].org, "school-b");
  EXPECT_EQ(got->roles[0].role, "principal");
  EXPECT_EQ(got->roles[0].person, "wang.li");

  ASSERT_TRUE(store_->UpsertPerson({"zhao.min", {"赵敏", ""}, {}}).ok());
  auto all = store_->ListPeople();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].roles.size(), 1u);
  EXPECT_TRUE((*all)[1].roles.empty());
  EXPECT_EQ(store_->GetPerson("nobody").status().code(), Code::kNotFound);
}

TEST_F(SqliteStoreTest, DefinitionsKeepEveryVersion) {
  DefinitionRecord v1{"matter", 1, Sha256Hex("v1"), "v1", "2026-03-01T09:00:00Z"};
  DefinitionRecord v2{"matter", 2, Sha256Hex("v2"), "v2", "2026-03-02T09:00:00Z"};
  EXPECT_TRUE(store_->PutDefinition(v1).value());
  EXPECT_TRUE(store_->PutDefinition(v2).value());
  EXPECT_FALSE(store_->PutDefinition(v1).value());  // same version, same content

  DefinitionRecord changed{"matter", 1, Sha256Hex("v1 edited"), "v1 edited", "x"};
  auto conflict = store_->PutDefinition(changed);
  EXPECT_EQ(conflict.status().code(), Code::kConflict);
  EXPECT_NE(conflict.status().message().find("'matter' version 1"), std::string::npos);

  EXPECT_EQ(store_->GetDefinition("matter", std::nullopt)->version, 2);
  EXPECT_EQ(store_->GetDefinition("matter", 1)->source, "v1");
  EXPECT_EQ(store_->GetDefinition("matter", 3).status().code(), Code::kNotFound);
  EXPECT_EQ(store_->GetDefinition("meeting", std::nullopt).status().code(), Code::kNotFound);
  auto all = store_->ListDefinitions();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].version, 1);
  EXPECT_EQ((*all)[1].content_hash, Sha256Hex("v2"));
}

TEST_F(SqliteStoreTest, ItemsInsertGetAndListByEachFilter) {
  Item a = NewItem("school-a", "matter", "draft");
  a.fields = {{"title", Value("采购")}, {"amount", Value("12.50")},
              {"n", Value(3)},          {"ok", Value(true)},
              {"ratio", Value(0.25)},   {"tags", Value(List{Value("x")})}};
  auto id_a = store_->InsertItem(a);
  ASSERT_TRUE(id_a.ok()) << id_a.status().ToString();
  Item b = NewItem("school-a", "meeting", "planned");
  b.parent = *id_a;
  auto id_b = store_->InsertItem(b);
  ASSERT_TRUE(id_b.ok());
  auto id_c = store_->InsertItem(NewItem("school-b", "matter", "draft"));
  ASSERT_TRUE(id_c.ok());
  EXPECT_LT(*id_a, *id_b);

  auto got = store_->GetItem(*id_a);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->id, *id_a);
  EXPECT_EQ(got->fields, a.fields);
  EXPECT_EQ(got->created_at, At(1));
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(store_->GetItem(*id_b)->parent, *id_a);
  EXPECT_EQ(store_->GetItem(999).status().code(), Code::kNotFound);

  auto ids = [&](std::optional<std::string> org, std::optional<std::string> workflow,
                 std::optional<std::string> state, std::optional<std::int64_t> parent) {
    ItemFilter f;
    f.org = org;
    f.workflow = workflow;
    f.state = state;
    f.parent = parent;
    auto items = store_->ListItems(f);
    EXPECT_TRUE(items.ok()) << items.status().ToString();
    std::vector<std::int64_t> out;
    if (items.ok()) {
      for (const Item& i : *items) out.push_back(i.id);
    }
    return out;
  };
  using Ids = std::vector<std::int64_t>;
  const auto none = std::nullopt;
  EXPECT_EQ(ids(none, none, none, none), (Ids{*id_a, *id_b, *id_c}));
  EXPECT_EQ(ids("school-a", none, none, none), (Ids{*id_a, *id_b}));
  EXPECT_EQ(ids(none, "matter", none, none), (Ids{*id_a, *id_c}));
  EXPECT_EQ(ids(none, none, "planned", none), (Ids{*id_b}));
  EXPECT_EQ(ids(none, none, none, *id_a), (Ids{*id_b}));
  EXPECT_EQ(ids("school-b", "matter", "draft", none), (Ids{*id_c}));
  EXPECT_TRUE(ids("school-c", none, none, none).empty());

  Item orphan = NewItem("school-a", "meeting", "planned");
  orphan.parent = 12345;
  EXPECT_EQ(store_->InsertItem(orphan).status().code(), Code::kNotFound);
}

TEST_F(SqliteStoreTest, UpdateItemDetectsAStaleVersion) {
  auto id = store_->InsertItem(NewItem("school-a", "matter", "draft"));
  ASSERT_TRUE(id.ok());
  Item first = store_->GetItem(*id).value();
  Item second = first;  // another writer read the same version

  first.state = "submitted";
  first.version = 2;
  ASSERT_TRUE(store_->UpdateItem(first, 1).ok());

  second.state = "withdrawn";
  second.version = 2;
  Status st = store_->UpdateItem(second, 1);
  EXPECT_EQ(st.code(), Code::kConflict);
  EXPECT_NE(st.message().find("item " + std::to_string(*id)), std::string::npos);
  EXPECT_NE(st.message().find("expected version 1"), std::string::npos);
  EXPECT_NE(st.message().find("found version 2"), std::string::npos);
  EXPECT_EQ(store_->GetItem(*id)->state, "submitted");

  second.id = 999;
  EXPECT_EQ(store_->UpdateItem(second, 1).code(), Code::kNotFound);
  first.version = 7;
  EXPECT_EQ(store_->UpdateItem(first, 2).code(), Code::kInvalid);
}

TEST_F(SqliteStoreTest, ConflictAcrossTwoConnections) {
  auto other = OpenOrDie(path_);
  auto id = store_->InsertItem(NewItem("school-a", "matter", "draft"));
  ASSERT_TRUE(id.ok());
  Item mine = store_->GetItem(*id).value();
  Item theirs = other->GetItem(*id).value();
  theirs.state = "submitted";
  theirs.version = 2;
  ASSERT_TRUE(other->UpdateItem(theirs, 1).ok());
  mine.state = "withdrawn";
  mine.version = 2;
  EXPECT_EQ(store_->UpdateItem(mine, 1).code(), Code::kConflict);
  EXPECT_EQ(store_->GetItem(*id)->state, "submitted");
}

TEST_F(SqliteStoreTest, TransactRollsBackOnAnErrorStatus) {
  Status st = store_->Transact([&]() -> Status {
    EXPECT_TRUE(store_->InsertItem(NewItem("school-a", "matter", "draft")).ok());
    EXPECT_TRUE(store_->UpsertOrg({"school-a", std::nullopt, {}, "school", {}}).ok());
    return Status::Refused("changed my mind");
  });
  EXPECT_EQ(st.code(), Code::kRefused);
  EXPECT_EQ(st.message(), "changed my mind");
  EXPECT_EQ(CountRows("items"), 0);
  EXPECT_EQ(CountRows("orgs"), 0);
}

TEST_F(SqliteStoreTest, TransactRollsBackOnAnException) {
  Status st = store_->Transact([&]() -> Status {
    EXPECT_TRUE(store_->InsertItem(NewItem("school-a", "matter", "draft")).ok());
    throw std::runtime_error("boom");
  });
  EXPECT_EQ(st.code(), Code::kStorage);
  EXPECT_NE(st.message().find("boom"), std::string::npos);
  EXPECT_EQ(CountRows("items"), 0);
  // The store is still usable afterwards.
  EXPECT_TRUE(store_->InsertItem(NewItem("school-a", "matter", "draft")).ok());
  EXPECT_EQ(CountRows("items"), 1);
}

TEST_F(SqliteStoreTest, TransactCommitsWhenOk) {
  ASSERT_TRUE(store_
                  ->Transact([&]() -> Status {
                    DOCKET_RETURN_IF_ERROR(
                        store_->InsertItem(NewItem("school-a", "matter", "draft")).status());
                    return store_->InsertItem(NewItem("school-a", "matter", "draft")).status();
                  })
                  .ok());
  EXPECT_EQ(CountRows("items"), 2);
}

TEST_F(SqliteStoreTest, NestedTransactRunsInsideTheOuterOne) {
  Status st = store_->Transact([&]() -> Status {
    EXPECT_TRUE(store_->InsertItem(NewItem("school-a", "matter", "draft")).ok());
    EXPECT_TRUE(store_
                    ->Transact([&] {
                      return store_->InsertItem(NewItem("school-a", "matter", "draft")).status();
                    })
                    .ok());
    // A failing inner transaction undoes only its own writes...
    Status inner = store_->Transact([&]() -> Status {
      EXPECT_TRUE(store_->InsertItem(NewItem("school-a", "matter", "draft")).ok());
      return Status::Invalid("inner");
    });
    EXPECT_EQ(inner.code(), Code::kInvalid);
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(CountRows("items"), 2);
  // ...and a failing outer one undoes everything, the inner commits included.
  st = store_->Transact([&]() -> Status {
    EXPECT_TRUE(store_
                    ->Transact([&] {
                      return store_->InsertItem(NewItem("school-a", "matter", "draft")).status();
                    })
                    .ok());
    return Status::Conflict("outer");
  });
  EXPECT_EQ(st.code(), Code::kConflict);
  EXPECT_EQ(CountRows("items"), 2);
}

TEST_F(SqliteStoreTest, ACheckedTransactInsideAnotherHasNoSavepointAndFailsItAfterWriting) {
  // Alone it is a transaction of its own, told so.
  Status st = store_->TransactChecked([&](bool bare) -> Status {
    EXPECT_FALSE(bare);
    EXPECT_TRUE(store_->InsertItem(NewItem("school-a", "matter", "draft")).ok());
    return Status::Invalid("alone");
  });
  EXPECT_EQ(st.code(), Code::kInvalid);
  EXPECT_EQ(CountRows("items"), 0);
  // Inside another: no savepoint; failing before it wrote, or after what it wrote was undone
  // by a savepoint of its own, leaves the outer transaction's writes to commit.
  st = store_->Transact([&]() -> Status {
    EXPECT_TRUE(store_->InsertItem(NewItem("school-a", "matter", "draft")).ok());
    Status before = store_->TransactChecked([&](bool bare) -> Status {
      EXPECT_TRUE(bare);
      return Status::Refused("checked first");
    });
    EXPECT_EQ(before.code(), Code::kRefused);
    Status undone = store_->TransactChecked([&](bool bare) -> Status {
      EXPECT_TRUE(bare);
      return store_->Transact([&]() -> Status {
        EXPECT_TRUE(store_->InsertItem(NewItem("school-a", "matter", "draft")).ok());
        return Status::Invalid("undone by its savepoint");
      });
    });
    EXPECT_EQ(undone.code(), Code::kInvalid);
    Status kept = store_->TransactChecked([&](bool) -> Status {
      return store_->InsertItem(NewItem("school-a", "matter", "draft")).status();
    });
    EXPECT_TRUE(kept.ok()) << kept.ToString();
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(CountRows("items"), 2);
  // Failing after a write of its own: that write cannot be undone alone, so the whole
  // transaction fails with it and commits nothing.
  st = store_->Transact([&]() -> Status {
    EXPECT_TRUE(store_->InsertItem(NewItem("school-a", "matter", "draft")).ok());
    Status after = store_->TransactChecked([&](bool) -> Status {
      EXPECT_TRUE(store_->InsertItem(NewItem("school-a", "matter", "draft")).ok());
      return Status::Invalid("refused after writing");
    });
    EXPECT_EQ(after.code(), Code::kInvalid);
    return Status::Ok();
  });
  EXPECT_EQ(st.code(), Code::kInvalid);
  EXPECT_EQ(st.message(), "refused after writing");
  EXPECT_EQ(CountRows("items"), 2);
}

TEST_F(SqliteStoreTest, AuditAppendChainsPerOrganization) {
  auto a1 = CreateItem(*store_, "school-a", "matter", "draft", {{"title", Value("一")}}, "wang.li",
                       At(1));
  auto b1 = CreateItem(*store_, "school-b", "matter", "draft", {}, "zhao.min", At(1));
  auto a2 = CreateItem(*store_, "school-a", "matter", "draft", {}, "wang.li", At(2));
  ASSERT_TRUE(a1.ok() && b1.ok() && a2.ok());

  std::vector<AuditEntry> chain;
  ASSERT_TRUE(store_
                  ->ForEachAuditEntry("school-a",
                                      [&](const AuditEntry& e) {
                                        chain.push_back(e);
                                        return Status::Ok();
                                      })
                  .ok());
  ASSERT_EQ(chain.size(), 2u);
  EXPECT_EQ(chain[0].seq, 1);
  EXPECT_EQ(chain[0].prev_hash, kZeroHash);
  EXPECT_EQ(chain[0].hash, EntryHash(chain[0]));
  EXPECT_EQ(chain[1].seq, 2);
  EXPECT_EQ(chain[1].prev_hash, chain[0].hash);
  ASSERT_EQ(chain[0].changes.size(), 1u);
  EXPECT_EQ(chain[0].changes[0].after, Value("一"));

  auto history = store_->ItemHistory(*b1);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].seq, 1);
  EXPECT_EQ((*history)[0].org, "school-b");
  EXPECT_EQ(store_->AuditOrgs().value(), (std::vector<std::string>{"school-a", "school-b"}));

  int seen = 0;
  Status stop = store_->ForEachAuditEntry("school-a", [&](const AuditEntry&) {
    ++seen;
    return Status::NotFound("stop here");
  });
  EXPECT_EQ(stop.code(), Code::kNotFound);
  EXPECT_EQ(seen, 1);
}

TEST_F(SqliteStoreTest, AuditAppendRejectsMalformedEntries) {
  AuditEntry e;
  e.org = "school-a";
  e.outcome = "maybe";
  EXPECT_EQ(store_->AppendAudit(e).status().code(), Code::kInvalid);
  e.outcome = "ok";
  e.changes = {{"a", Value(), Value(1)}, {"a", Value(1), Value(2)}};
  EXPECT_EQ(store_->AppendAudit(e).status().code(), Code::kInvalid);
  e.changes.clear();
  e.actor = "bad \xfe";
  EXPECT_EQ(store_->AppendAudit(e).status().code(), Code::kInvalid);
  e.actor = "ok";
  e.org = "";
  EXPECT_EQ(store_->AppendAudit(e).status().code(), Code::kInvalid);
  EXPECT_EQ(CountRows("audit"), 0);
}

TEST_F(SqliteStoreTest, AuditTableRefusesUpdateAndDelete) {
  ASSERT_TRUE(CreateItem(*store_, "school-a", "matter", "draft", {}, "wang.li", At(1)).ok());
  SQLite::Database raw(path_, SQLite::OPEN_READWRITE);
  EXPECT_THROW(raw.exec("UPDATE audit SET actor='mallory'"), SQLite::Exception);
  EXPECT_THROW(raw.exec("DELETE FROM audit"), SQLite::Exception);
  EXPECT_EQ(raw.execAndGet("SELECT actor FROM audit").getString(), "wang.li");
}

}  // namespace
}  // namespace docket
