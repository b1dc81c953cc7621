// SqliteStore's failures: bad files, read-only and locked databases, a full disk, and
// injected faults in the middle of a write. Each is a Status, never a crash or a throw,
// and a failed write leaves nothing behind.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>

#include "store/sqlite_store.h"
#include "store_test_util.h"

namespace docket {
namespace {

using testing::At;
using testing::CreateItem;
using testing::OpenOrDie;
using testing::TempDir;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::int64_t CountRows(const std::string& path, const std::string& table) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("SELECT count(*) FROM " + table).getInt64();
}

TEST(SqliteErrorsTest, AFileThatIsNotADatabase) {
  TempDir dir;
  std::string path = dir.File("notes.db");
  {
    std::ofstream out(path);
    for (int i = 0; i < 200; ++i) out << "these are meeting notes, not a database\n";
  }
  auto r = SqliteStore::Open(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kStorage);
  EXPECT_TRUE(Contains(r.status().message(), path)) << r.status().message();
  EXPECT_TRUE(Contains(r.status().message(), "not a database")) << r.status().message();
}

TEST(SqliteErrorsTest, ADirectoryOrAMissingFolder) {
  TempDir dir;
  auto r = SqliteStore::Open(dir.path().string());
  EXPECT_EQ(r.status().code(), Code::kStorage);
  EXPECT_TRUE(Contains(r.status().message(), dir.path().string())) << r.status().message();
  EXPECT_TRUE(Contains(r.status().message(), "unable to open")) << r.status().message();

  auto missing = SqliteStore::Open(dir.File("no/such/folder/docket.db"));
  EXPECT_EQ(missing.status().code(), Code::kStorage);
  EXPECT_TRUE(Contains(missing.status().message(), "cannot create the file")) << missing.status().message();
}

TEST(SqliteErrorsTest, ReadOnlyOption) {
  TempDir dir;
  std::string path = dir.File("docket.db");
  SqliteOptions ro;
  ro.read_only = true;
  // A read-only open cannot create the file: there is no database.
  EXPECT_EQ(SqliteStore::Open(path, ro).status().code(), Code::kNotFound);

  ASSERT_NE(OpenOrDie(path), nullptr);  // creates and migrates, then closes
  auto store = OpenOrDie(path, ro);
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(store->ListOrgs().ok());
  Status st = store->UpsertOrg({"school-a", std::nullopt, {}, "school", {}});
  EXPECT_EQ(st.code(), Code::kStorage);
  EXPECT_TRUE(Contains(st.message(), path)) << st.message();
  EXPECT_TRUE(Contains(st.message(), "readonly") || Contains(st.message(), "read-only"))
      << st.message();
  auto created = CreateItem(*store, "school-a", "matter", "draft", {}, "wang.li", At(1));
  EXPECT_EQ(created.status().code(), Code::kStorage);
}

TEST(SqliteErrorsTest, ReadOnlyOptionOnAFileWithoutTheSchema) {
  TempDir dir;
  std::string path = dir.File("plain.db");
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("CREATE TABLE t(x)");
  }
  SqliteOptions ro;
  ro.read_only = true;
  auto r = SqliteStore::Open(path, ro);
  EXPECT_EQ(r.status().code(), Code::kStorage);
  EXPECT_TRUE(Contains(r.status().message(), "read-only")) << r.status().message();
}

// A database file the process may not write. Root ignores file permissions, so as root the
// check runs in a child process that has dropped to the unprivileged user 65534 (nobody).
TEST(SqliteErrorsTest, ReadOnlyFilePermissions) {
  TempDir dir;
  std::string path = dir.File("docket.db");
  { ASSERT_NE(OpenOrDie(path), nullptr); }
  namespace fs = std::filesystem;
  fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(dir.path(), fs::perms::all);
  // 0: refused with a storage error naming the file; 1: wrong outcome.
  auto check = [&]() -> int {
    auto r = SqliteStore::Open(path);
    Status st = r.ok() ? r.value()->UpsertOrg({"school-a", std::nullopt, {}, "school", {}}) : r.status();
    return st.code() == Code::kStorage && Contains(st.message(), path) ? 0 : 1;
  };
  if (::geteuid() != 0) {
    EXPECT_EQ(check(), 0);
    return;
  }
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(2);
    ::_exit(check());
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "2 means the child could not drop privileges";
}

TEST(SqliteErrorsTest, ALockedDatabaseRefusesWrites) {
  TempDir dir;
  std::string path = dir.File("docket.db");
  ASSERT_NE(OpenOrDie(path), nullptr);
  SqliteOptions quick;
  quick.busy_timeout_ms = 50;
  auto store = OpenOrDie(path, quick);
  ASSERT_NE(store, nullptr);

  SQLite::Database other(path, SQLite::OPEN_READWRITE);
  other.exec("BEGIN EXCLUSIVE");
  Status st = store->UpsertOrg({"school-a", std::nullopt, {}, "school", {}});
  EXPECT_EQ(st.code(), Code::kStorage);
  EXPECT_TRUE(Contains(st.message(), path)) << st.message();
  EXPECT_TRUE(Contains(st.message(), "locked")) << st.message();
  auto created = CreateItem(*store, "school-a", "matter", "draft", {}, "wang.li", At(1));
  EXPECT_EQ(created.status().code(), Code::kStorage);
  other.exec("ROLLBACK");

  EXPECT_TRUE(store->UpsertOrg({"school-a", std::nullopt, {}, "school", {}}).ok());
}

TEST(SqliteErrorsTest, OpeningALockedDatabase) {
  TempDir dir;
  std::string path = dir.File("legacy.db");
  SQLite::Database other(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  other.exec("CREATE TABLE t(x)");  // a rollback-journal database, not yet migrated
  other.exec("BEGIN EXCLUSIVE");
  other.exec("INSERT INTO t VALUES (1)");
  SqliteOptions quick;
  quick.busy_timeout_ms = 50;
  auto r = SqliteStore::Open(path, quick);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kStorage);
  EXPECT_TRUE(Contains(r.status().message(), "locked")) << r.status().message();
  EXPECT_TRUE(Contains(r.status().message(), path)) << r.status().message();
  other.exec("ROLLBACK");
}

TEST(SqliteErrorsTest, AFullDiskIsAStorageErrorAndLeavesNoPartialWrite) {
  TempDir dir;
  std::string path = dir.File("docket.db");
  ASSERT_NE(OpenOrDie(path), nullptr);
  SqliteOptions tiny;
  tiny.max_page_count = 40;
  auto store = OpenOrDie(path, tiny);
  ASSERT_NE(store, nullptr);
  const std::string big(3000, 'x');
  Status st;
  int created = 0;
  for (int i = 0; i < 200 && st.ok(); ++i) {
    auto r = CreateItem(*store, "school-a", "matter", "draft", {{"body", Value(big)}}, "w", At(1));
    st = r.status();
    if (r.ok()) ++created;
  }
  EXPECT_EQ(st.code(), Code::kStorage);
  EXPECT_TRUE(Contains(st.message(), "full")) << st.message();
  store.reset();
  EXPECT_EQ(CountRows(path, "items"), created);
  EXPECT_EQ(CountRows(path, "audit"), created);
}

// The fault hook aborts the app's transaction between the item write and the audit append.
class FaultHookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteOptions opts;
    opts.fault_hook = [this](const char* point) -> Status {
      if (fail_at_ != point) return Status::Ok();
      if (throw_) throw std::runtime_error(std::string("crash at ") + point);
      return Status::Storage(std::string("injected fault at ") + point);
    };
    store_ = OpenOrDie(path_, opts);
    ASSERT_NE(store_, nullptr);
    auto id = CreateItem(*store_, "school-a", "matter", "draft", {{"title", Value("一")}},
                         "wang.li", At(1));
    ASSERT_TRUE(id.ok());
    id_ = *id;
  }

  TempDir dir_;
  std::string path_ = dir_.File("docket.db");
  std::unique_ptr<SqliteStore> store_;
  std::string fail_at_;
  bool throw_ = false;
  std::int64_t id_ = 0;
};

TEST_F(FaultHookTest, FailureAfterItemWriteOnCreateLeavesNothing) {
  fail_at_ = "after_item_write";
  auto r = CreateItem(*store_, "school-a", "matter", "draft", {}, "wang.li", At(2));
  EXPECT_EQ(r.status().code(), Code::kStorage);
  EXPECT_TRUE(Contains(r.status().message(), "after_item_write"));
  EXPECT_EQ(CountRows(path_, "items"), 1);
  EXPECT_EQ(CountRows(path_, "audit"), 1);
}

TEST_F(FaultHookTest, FailureAfterItemWriteOnUpdateLeavesNeitherChangeNorEntry) {
  fail_at_ = "after_item_write";
  Status st =
      testing::Act(*store_, id_, "submit", "submitted", {{"title", Value("二")}}, "wang.li", At(2));
  EXPECT_EQ(st.code(), Code::kStorage);
  Item item = store_->GetItem(id_).value();
  EXPECT_EQ(item.state, "draft");
  EXPECT_EQ(item.version, 1);
  EXPECT_EQ(item.fields.at("title"), Value("一"));
  EXPECT_EQ(CountRows(path_, "audit"), 1);
}

TEST_F(FaultHookTest, AThrowingHookAlsoAborts) {
  fail_at_ = "after_item_write";
  throw_ = true;
  Status st = testing::Act(*store_, id_, "submit", "submitted", {}, "wang.li", At(2));
  EXPECT_EQ(st.code(), Code::kStorage);
  EXPECT_TRUE(Contains(st.message(), "crash at after_item_write")) << st.message();
  EXPECT_EQ(store_->GetItem(id_)->state, "draft");
  EXPECT_EQ(CountRows(path_, "audit"), 1);
}

TEST_F(FaultHookTest, AbortsEvenWhenTheCallerIgnoresTheFailure) {
  fail_at_ = "after_item_write";
  Status st = store_->Transact([&]() -> Status {
    Item item = store_->GetItem(id_).value();
    item.state = "submitted";
    item.version = 2;
    (void)store_->UpdateItem(item, 1);  // a careless caller
    return Status::Ok();
  });
  EXPECT_EQ(st.code(), Code::kStorage);
  EXPECT_EQ(store_->GetItem(id_)->version, 1);
}

TEST_F(FaultHookTest, FailureAfterAuditAppendOrBeforeCommit) {
  for (const char* point : {"after_audit_append", "before_commit"}) {
    fail_at_ = point;
    Status st = testing::Act(*store_, id_, "submit", "submitted", {}, "wang.li", At(2));
    EXPECT_EQ(st.code(), Code::kStorage) << point;
    EXPECT_EQ(store_->GetItem(id_)->state, "draft") << point;
    EXPECT_EQ(CountRows(path_, "audit"), 1) << point;
  }
  fail_at_.clear();
  EXPECT_TRUE(testing::Act(*store_, id_, "submit", "submitted", {}, "wang.li", At(2)).ok());
  EXPECT_EQ(CountRows(path_, "audit"), 2);
}

}  // namespace
}  // namespace docket
