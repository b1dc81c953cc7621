// SqliteStore keeps the items read and written inside transactions (ReadCache::items): what
// GetItem answers from them is what a read of the row gives, and a change made anywhere
// else (another connection, a rollback, a savepoint rolled back) is seen, not the kept copy.
#include <gtest/gtest.h>

#include "store/sqlite_store.h"
#include "store_test_util.h"

namespace docket {
namespace {

using testing::At;
using testing::OpenOrDie;
using testing::TempDir;

void ExpectSameItem(const Item& got, const Item& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.org, want.org);
  EXPECT_EQ(got.workflow, want.workflow);
  EXPECT_EQ(got.workflow_version, want.workflow_version);
  EXPECT_EQ(got.state, want.state);
  EXPECT_EQ(got.fields, want.fields);  // Value compares kinds too: 2 is not 2.0
  EXPECT_EQ(got.parent, want.parent);
  EXPECT_EQ(got.version, want.version);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
}

class SqliteItemCacheTest : public ::testing::Test {
 protected:
  // The item as a transaction of store_ reads it (from the kept copy, once kept).
  Item ReadInTransaction(std::int64_t id) {
    Item out;
    Status st = store_->Transact([&]() -> Status {
      DOCKET_ASSIGN_OR_RETURN(out, store_->GetItem(id));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  }
  // The item as another connection reads it from the row.
  Item Stored(std::int64_t id) {
    auto other = OpenOrDie(path_);
    auto item = other->GetItem(id);
    EXPECT_TRUE(item.ok()) << item.status().ToString();
    return item.ok() ? *item : Item{};
  }
  // Moves the item to `state` with `set` through `store`, inside the caller's transaction.
  static Status Update(Store& store, std::int64_t id, const std::string& state, const FieldMap& set) {
    DOCKET_ASSIGN_OR_RETURN(Item item, store.GetItem(id));
    Item next = item;
    for (const auto& [k, v] : set) {
      if (v.is_null()) {
        next.fields.erase(k);
      } else {
        next.fields[k] = v;
      }
    }
    next.state = state;
    next.version = item.version + 1;
    next.updated_at = item.updated_at + std::chrono::hours(1);
    return store.UpdateItem(next, item.version);
  }

  TempDir dir_;
  std::string path_ = dir_.File("docket.db");
  std::unique_ptr<SqliteStore> store_ = OpenOrDie(path_);
};

TEST_F(SqliteItemCacheTest, TheKeptItemIsTheRowAsReadBack) {
  const FieldMap fields = {{"count", Value(2)},     {"share", Value(2.0)},   {"ratio", Value(0.25)},
                           {"done", Value(false)},  {"title", Value("议题 1")}, {"owners", Value(List{"li", "wang"})},
                           {"note", Value("a \"quoted\" line\nand another")}};
  auto id = testing::CreateItem(*store_, "school-a", "matter", "draft", fields, "wang", At(1));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ExpectSameItem(ReadInTransaction(*id), Stored(*id));

  ASSERT_TRUE(store_->Transact([&] {
    return Update(*store_, *id, "proposed", {{"count", Value(3)}, {"note", Value()}, {"due", Value("2026-04-30")}});
  }).ok());
  ExpectSameItem(ReadInTransaction(*id), Stored(*id));
  EXPECT_EQ(ReadInTransaction(*id).version, 2);

  // Read by GetItem in one transaction, updated in the next: both answers are the row's.
  auto other = OpenOrDie(path_);
  ASSERT_TRUE(other->Transact([&] { return Update(*other, *id, "decided", {{"share", Value(1.5)}}); }).ok());
  const Item seen = ReadInTransaction(*id);
  EXPECT_EQ(seen.state, "decided");
  ASSERT_TRUE(store_->Transact([&] { return Update(*store_, *id, "executing", {}); }).ok());
  ExpectSameItem(ReadInTransaction(*id), Stored(*id));
}

// With no number that is not a whole one, the kept fields are the written ones, not parsed
// again: each kind still reads back as it is.
TEST_F(SqliteItemCacheTest, FieldsWithoutFractionsAreKeptAsTheyReadBack) {
  const FieldMap fields = {{"count", Value(std::int64_t{9007199254740993})}, {"done", Value(true)},
                           {"title", Value("议题 \"一\"\n第二行\t\\")}, {"owners", Value(List{"li", Value(3), Value(List{"x"})})},
                           {"empty", Value("")}, {"nothing", Value()}};
  auto id = testing::CreateItem(*store_, "school-a", "matter", "draft", fields, "wang", At(1));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ExpectSameItem(ReadInTransaction(*id), Stored(*id));
  ASSERT_TRUE(store_->Transact([&] {
    return Update(*store_, *id, "proposed", {{"count", Value(-1)}, {"title", Value("\x01" "控制")}});
  }).ok());
  ExpectSameItem(ReadInTransaction(*id), Stored(*id));
}

TEST_F(SqliteItemCacheTest, AnotherConnectionsChangeIsSeenByTheNextTransaction) {
  auto id = testing::CreateItem(*store_, "school-a", "matter", "draft", {{"title", Value("t")}}, "wang", At(1));
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(store_->Transact([&] { return Update(*store_, *id, "proposed", {}); }).ok());
  EXPECT_EQ(ReadInTransaction(*id).version, 2);  // kept by store_

  auto other = OpenOrDie(path_);
  ASSERT_TRUE(other->Transact([&] { return Update(*other, *id, "decided", {{"title", Value("u")}}); }).ok());

  const Item seen = ReadInTransaction(*id);
  EXPECT_EQ(seen.version, 3);
  EXPECT_EQ(seen.state, "decided");
  EXPECT_EQ(seen.fields.at("title"), Value("u"));
  // And store_'s next change starts from version 3, with no conflict.
  EXPECT_TRUE(store_->Transact([&] { return Update(*store_, *id, "executing", {}); }).ok());
  EXPECT_EQ(Stored(*id).version, 4);
}

TEST_F(SqliteItemCacheTest, ARolledBackUpdateIsNotKept) {
  auto id = testing::CreateItem(*store_, "school-a", "matter", "draft", {{"title", Value("t")}}, "wang", At(1));
  ASSERT_TRUE(id.ok());
  Status st = store_->Transact([&]() -> Status {
    DOCKET_RETURN_IF_ERROR(Update(*store_, *id, "proposed", {{"title", Value("changed")}}));
    EXPECT_EQ(store_->GetItem(*id)->version, 2);  // inside: the change is seen
    return Status::Invalid(Msg("refused after the write"));
  });
  EXPECT_EQ(st.code(), Code::kInvalid);
  const Item seen = ReadInTransaction(*id);
  EXPECT_EQ(seen.version, 1);
  EXPECT_EQ(seen.state, "draft");
  EXPECT_EQ(seen.fields.at("title"), Value("t"));
}

TEST_F(SqliteItemCacheTest, AnUpdateUndoneWithItsSavepointIsNotKept) {
  auto id = testing::CreateItem(*store_, "school-a", "matter", "draft", {{"title", Value("t")}}, "wang", At(1));
  ASSERT_TRUE(id.ok());
  Status st = store_->Transact([&]() -> Status {
    Status inner = store_->Transact([&]() -> Status {
      DOCKET_RETURN_IF_ERROR(Update(*store_, *id, "proposed", {}));
      return Status::Invalid(Msg("refused after the write"));
    });
    EXPECT_EQ(inner.code(), Code::kInvalid);
    DOCKET_ASSIGN_OR_RETURN(Item item, store_->GetItem(*id));
    EXPECT_EQ(item.version, 1);  // the savepoint undid it, and so did the cache
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(ReadInTransaction(*id).version, 1);
  EXPECT_EQ(Stored(*id).version, 1);
}

TEST_F(SqliteItemCacheTest, ACreationUndoneWithItsTransactionLeavesNoItem) {
  std::int64_t undone = 0;
  Status st = store_->Transact([&]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(undone, store_->InsertItem(testing::NewItem("school-a", "matter", "draft")));
    return Status::Invalid(Msg("refused after the write"));
  });
  ASSERT_EQ(st.code(), Code::kInvalid);
  ASSERT_GT(undone, 0);
  Status read = store_->Transact([&]() -> Status { return store_->GetItem(undone).status(); });
  EXPECT_EQ(read.code(), Code::kNotFound);
}

}  // namespace
}  // namespace docket
