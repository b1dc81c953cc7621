// Bad storage: a locked database, a read-only database file and a full disk. Each is a
// Storage failure (exit 8 from the CLI) naming the file, and the items and the audit log
// are as they were. The CLI waits SqliteOptions' default busy_timeout (5 s) and has no
// option to shorten it, so a lock held past the timeout is tested at the app level; the CLI
// is shown to wait out a short lock instead.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "cli_fixture.h"
#include "hardening_util.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class StorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("store.db");
    auto d = OpenLoaded(db_);
    ASSERT_TRUE(d->status.ok()) << d->status.ToString();
    auto r = d->docket->CreateItem({"matter", "school-a", std::nullopt, {{"title", "t"}, {"category", "routine"}}, "liu"});
    ASSERT_TRUE(r.ok());
    id_ = r->item.id;
  }
  TempDir dir_;
  std::string db_;
  std::int64_t id_ = 0;
};

TEST_F(StorageTest, ALockedDatabaseIsAStorageErrorAndChangesNothing) {
  SqliteOptions quick;
  quick.busy_timeout_ms = 100;
  auto d = OpenLoaded(db_, quick);
  ASSERT_TRUE(d->status.ok());
  std::string before = DumpItemsAndAudit(db_);
  SQLite::Database other(db_, SQLite::OPEN_READWRITE);
  other.exec("BEGIN EXCLUSIVE");
  auto act = d->docket->Act({id_, "submit", {}, std::nullopt, "liu"});
  ASSERT_FALSE(act.ok());
  EXPECT_EQ(act.status().code(), Code::kStorage);
  EXPECT_THAT(act.status().message(), HasSubstr(db_));
  EXPECT_THAT(act.status().message(), HasSubstr("locked"));
  auto create = d->docket->CreateItem({"matter", "school-a", std::nullopt, {{"title", "t"}, {"category", "routine"}}, "liu"});
  EXPECT_EQ(create.status().code(), Code::kStorage);
  auto refused = d->docket->Act({id_, "adopt", {}, std::nullopt, "chen"});  // not even the refusal is written
  EXPECT_EQ(refused.status().code(), Code::kStorage);
  other.exec("ROLLBACK");
  EXPECT_EQ(DumpItemsAndAudit(db_), before);
  EXPECT_TRUE(d->docket->Act({id_, "submit", {}, std::nullopt, "liu"}).ok());  // and it recovers
}

TEST_F(StorageTest, TheCliWaitsOutAShortLock) {
  SQLite::Database other(db_, SQLite::OPEN_READWRITE);
  other.exec("BEGIN EXCLUSIVE");
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    other.exec("ROLLBACK");
  });
  auto r = RunProcess(DOCKET_BINARY, {"--db", db_, "--as", "liu", "item", "act", std::to_string(id_), "submit"});
  release.join();
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

// Runs the CLI as `nobody` (root ignores file permissions); returns its exit code and stderr.
// Runs `binary` (a copy nobody can reach: the build folder may sit in a folder only its
// owner may enter) with `args` as user nobody when run as root.
RunResult RunAsNobody(const std::string& binary, const std::vector<std::string>& args, const std::string& err_file) {
  RunResult out;
  pid_t pid = ::fork();
  if (pid == 0) {
    int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (err >= 0) ::dup2(err, 2);
    int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) ::dup2(null, 1);
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(120);
    std::vector<char*> argv{const_cast<char*>(binary.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  out.err = FileText(err_file);
  return out;
}

TEST_F(StorageTest, AReadOnlyFileIsAStorageErrorAndChangesNothing) {
  namespace fs = std::filesystem;
  std::string before = DumpItemsAndAudit(db_);
  fs::permissions(db_, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(dir_.path(), fs::perms::all);
  // The binary and the org file as copies beside the database, where nobody can reach them.
  const std::string binary = dir_.File("docket"), org_file = dir_.File("org.yaml");
  fs::copy_file(DOCKET_BINARY, binary, fs::copy_options::overwrite_existing);
  fs::copy_file(SourcePath("workflows/examples/org.yaml"), org_file, fs::copy_options::overwrite_existing);
  fs::permissions(binary, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(org_file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                fs::perms::others_read);
  std::string id = std::to_string(id_);
  auto act = RunAsNobody(binary, {"--db", db_, "--as", "liu", "item", "act", id, "submit"}, dir_.File("err1"));
  EXPECT_EQ(act.exit_code, 8) << "120 means the child could not drop privileges: " << act.err;
  EXPECT_THAT(act.err, HasSubstr(db_));
  auto refusal = RunAsNobody(binary, {"--db", db_, "--as", "chen", "item", "act", id, "adopt"}, dir_.File("err2"));
  EXPECT_EQ(refusal.exit_code, 8) << refusal.err;
  auto load = RunAsNobody(binary, {"--db", db_, "org", "load", org_file}, dir_.File("err3"));
  EXPECT_EQ(load.exit_code, 8) << load.err;
  fs::permissions(db_, fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(DumpItemsAndAudit(db_), before);

  // The same through the app with SqliteOptions.read_only.
  SqliteOptions ro;
  ro.read_only = true;
  auto d = OpenLoaded(db_, ro);  // loading fails: nothing may be written
  EXPECT_EQ(d->status.code(), Code::kStorage) << d->status.ToString();
  ASSERT_NE(d->docket, nullptr);
  auto r = d->docket->Act({id_, "submit", {}, std::nullopt, "liu"});
  EXPECT_EQ(r.status().code(), Code::kStorage) << r.status().ToString();
  EXPECT_THAT(r.status().message(), HasSubstr(db_));
  EXPECT_EQ(DumpItemsAndAudit(db_), before);
}

TEST_F(StorageTest, AFullDiskIsAStorageErrorAndChangesNothing) {
  std::int64_t pages = 0;
  {
    SQLite::Database db(db_, SQLite::OPEN_READONLY);
    pages = db.execAndGet("PRAGMA page_count").getInt64();
  }
  SqliteOptions full;
  full.max_page_count = pages + 4;
  auto d = OpenLoaded(db_, full);
  ASSERT_TRUE(d->status.ok()) << d->status.ToString();
  const std::string big(3000, 'x');
  Status failure;
  std::string before;
  for (int i = 0; i < 200 && failure.ok(); ++i) {
    before = DumpItemsAndAudit(db_);
    auto r = d->docket->CreateItem({"matter", "school-a", std::nullopt, {{"title", big}, {"category", "routine"}}, "liu"});
    if (!r.ok()) failure = r.status();
  }
  ASSERT_FALSE(failure.ok()) << "the disk never filled";
  EXPECT_EQ(failure.code(), Code::kStorage) << failure.ToString();
  EXPECT_THAT(failure.message(), HasSubstr(db_));
  EXPECT_THAT(failure.message(), HasSubstr("full"));
  EXPECT_EQ(DumpItemsAndAudit(db_), before);
  auto v = d->docket->Verify(std::nullopt);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
}

}  // namespace
}  // namespace docket::testing
