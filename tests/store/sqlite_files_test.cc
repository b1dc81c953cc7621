// The database file itself: created readable by its owner only (with its -wal and -shm
// files), never created by an open that did not ask to create it, and a writer that meets
// another's lock waits for it (up to busy_timeout_ms) instead of failing.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "store/sqlite_store.h"
#include "store_test_util.h"

namespace docket {
namespace {

using testing::OpenOrDie;
using testing::TempDir;

// The permission bits of `path`; -1 when it does not exist.
int ModeOf(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return -1;
  return static_cast<int>(st.st_mode & 0777);
}

TEST(SqliteFilesTest, ANewDatabaseAndItsCompanionsAreTheOwnersOnly) {
  TempDir dir;
  const std::string path = dir.File("docket.db");
  const mode_t old_umask = ::umask(0);  // 0644 would show: the mode is Docket's, not the umask's
  auto store = OpenOrDie(path);
  ::umask(old_umask);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->UpsertOrg({"school-a", std::nullopt, {"一中", "No. 1"}, "school", {}}).ok());
  EXPECT_EQ(ModeOf(path), 0600);
  // While the store is open, WAL keeps both companions.
  EXPECT_EQ(ModeOf(path + "-wal"), 0600);
  EXPECT_EQ(ModeOf(path + "-shm"), 0600);
}

TEST(SqliteFilesTest, AnExistingFileKeepsItsMode) {
  TempDir dir;
  const std::string path = dir.File("docket.db");
  OpenOrDie(path).reset();
  ASSERT_EQ(::chmod(path.c_str(), 0640), 0);
  OpenOrDie(path).reset();
  EXPECT_EQ(ModeOf(path), 0640);
}

TEST(SqliteFilesTest, WithoutCreateAMissingFileIsNotFoundAndStaysMissing) {
  TempDir dir;
  const std::string path = dir.File("mistyped.db");
  SqliteOptions existing;
  existing.create = false;
  auto r = SqliteStore::Open(path, existing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  EXPECT_NE(r.status().message().find(path), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("docket --db " + path + " init"), std::string::npos) << r.status().message();
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SqliteFilesTest, WithoutCreateAnEmptyFileIsNotFoundAndStaysEmpty) {
  TempDir dir;
  const std::string path = dir.File("empty.db");
  { std::ofstream touch(path); }
  SqliteOptions existing;
  existing.create = false;
  auto r = SqliteStore::Open(path, existing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound) << r.status().ToString();
  EXPECT_EQ(std::filesystem::file_size(path), 0u);
  // A database with another program's tables is no Docket database either.
  {
    SQLite::Database other(path, SQLite::OPEN_READWRITE);
    other.exec("CREATE TABLE notes(x)");
  }
  EXPECT_EQ(SqliteStore::Open(path, existing).status().code(), Code::kNotFound);
  // Created, it opens without create.
  OpenOrDie(path).reset();
  EXPECT_TRUE(SqliteStore::Open(path, existing).ok());
}

TEST(SqliteFilesTest, AWriterWaitsForAnotherWritersLock) {
  TempDir dir;
  const std::string path = dir.File("docket.db");
  auto store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  SQLite::Database other(path, SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    other.exec("COMMIT");
  });
  EXPECT_TRUE(store->UpsertOrg({"school-a", std::nullopt, {"一中", "No. 1"}, "school", {}}).ok());
  release.join();
}

TEST(SqliteFilesTest, AWriterGivesUpAfterBusyTimeout) {
  TempDir dir;
  const std::string path = dir.File("docket.db");
  SqliteOptions quick;
  quick.busy_timeout_ms = 300;
  auto store = OpenOrDie(path, quick);
  ASSERT_NE(store, nullptr);
  SQLite::Database other(path, SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  const auto start = std::chrono::steady_clock::now();
  Status st = store->UpsertOrg({"school-a", std::nullopt, {"一中", "No. 1"}, "school", {}});
  const auto waited = std::chrono::steady_clock::now() - start;
  other.exec("ROLLBACK");
  EXPECT_EQ(st.code(), Code::kStorage);
  EXPECT_NE(st.message().find("waited 300 ms"), std::string::npos) << st.message();
  EXPECT_GE(waited, std::chrono::milliseconds(250));
  EXPECT_LT(waited, std::chrono::seconds(5));
}

TEST(SqliteFilesTest, TheDefaultWaitIsThirtySeconds) { EXPECT_EQ(SqliteOptions{}.busy_timeout_ms, 30'000); }

}  // namespace
}  // namespace docket
