// The server's scheduler (server/scheduler.h): two servers on one database tick on their
// own, one at a time under the lease, and every step of an overdue task's ladder fires once.
#include <algorithm>
#include <filesystem>
#include <thread>

#include <SQLiteCpp/Database.h>

#include "server_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class ServerSchedulerTest : public ServerTest {};

TEST_F(ServerSchedulerTest, TwoServersFireEachStepOfAnOverdueTaskOnceWithoutAnyoneRunningTick) {
  NewTask();  // due 2026-06-30: on the system clock its whole ladder is due
  RunResult runs[2];
  std::thread servers[2];
  for (int i = 0; i < 2; ++i) {
    servers[i] = std::thread([&, i] {
      runs[i] = RunProcess("/usr/bin/timeout", {"--preserve-status", "-s", "TERM", "4", DOCKET_BINARY, "--db", db_, "-vv", "serve", "--listen",
                                       "127.0.0.1:0", "--tick-every", "1"},
                           dir_.path());
    });
  }
  for (auto& t : servers) t.join();
  for (const RunResult& r : runs) EXPECT_EQ(r.exit_code, 0) << r.err;  // stopped by SIGTERM, cleanly
  SQLite::Database d(db_, SQLite::OPEN_READONLY);
  const int firings = d.execAndGet("SELECT count(*) FROM timer_firings").getInt();
  EXPECT_EQ(firings, 3) << "the three steps of the task's ladder";
  EXPECT_EQ(d.execAndGet("SELECT count(*) FROM audit WHERE changes LIKE '%\"$firing\"%'").getInt(), firings);
  const std::string lease = d.execAndGet("SELECT value FROM settings WHERE key='lease:tick'").getString();
  EXPECT_THAT(lease, HasSubstr("\"holder\""));
  // One server held the lease while the other waited.
  const bool first_waited = runs[0].err.find("another server holds the lease") != std::string::npos;
  const bool second_waited = runs[1].err.find("another server holds the lease") != std::string::npos;
  EXPECT_TRUE(first_waited || second_waited) << runs[0].err << "\n---\n" << runs[1].err;
  EXPECT_THAT(runs[0].err + runs[1].err, HasSubstr("step(s) fired"));
  auto verify = Docket({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_F(ServerSchedulerTest, TickEveryZeroNeverTicksAndABadValueIsRefused) {
  NewTask();
  auto r = RunProcess("/usr/bin/timeout", {"--preserve-status", "-s", "TERM", "2", DOCKET_BINARY, "--db", db_, "serve", "--listen", "127.0.0.1:0",
                                  "--tick-every", "0"},
                      dir_.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  SQLite::Database d(db_, SQLite::OPEN_READONLY);
  EXPECT_EQ(d.execAndGet("SELECT count(*) FROM timer_firings").getInt(), 0);
  auto bad = RunProcess(DOCKET_BINARY, {"--db", db_, "serve", "--tick-every", "-5"}, dir_.path());
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
}

// Checkpoints leave the building: signed on a schedule into a folder outside the database's,
// with a key kept outside it too, and the log proven to extend them.
TEST_F(ServerSchedulerTest, SignedCheckpointsAreWrittenOutsideTheDatabasesFolder) {
  NewTask();
  TempDir outside;
  const std::string dir = outside.File("checkpoints"), key = outside.File("docket.key");
  auto r = RunProcess("/usr/bin/timeout", {"--preserve-status", "-s", "TERM", "3", DOCKET_BINARY, "--db", db_, "serve",
                                           "--listen", "127.0.0.1:0", "--tick-every", "0", "--checkpoint-dir", dir,
                                           "--checkpoint-key", key, "--checkpoint-every", "1"},
                      dir_.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> files;
  for (const auto& f : std::filesystem::directory_iterator(dir)) files.push_back(f.path().filename().string());
  ASSERT_FALSE(files.empty());
  std::string school_a;
  for (const auto& f : files) {
    if (f.rfind("school-a-", 0) == 0) school_a = f;
  }
  ASSERT_FALSE(school_a.empty()) << ::testing::PrintToString(files);
  auto proven = Docket({"audit", "verify", "--against", dir + "/" + school_a, "--key", key});
  EXPECT_EQ(proven.exit_code, 0) << proven.out << proven.err;
  // Inside the database's folder: refused before serving, naming the path.
  auto inside = RunProcess(DOCKET_BINARY, {"--db", db_, "--lang", "en", "serve", "--checkpoint-dir", dir_.File("cp"),
                                           "--checkpoint-key", key},
                           dir_.path());
  EXPECT_EQ(inside.exit_code, 2) << inside.err;
  EXPECT_THAT(inside.err, HasSubstr("inside the database's folder"));
}

// A semester report submitted through the server is signed at once: its chain's checkpoint
// leaves the building without waiting for the hourly pass.
TEST_F(ServerSchedulerTest, ASubmittedReportsChainIsCheckpointedAtOnce) {
  ASSERT_EQ(Docket({"calendar", "load", SourcePath("workflows/examples/calendar.yaml")}).exit_code, 0);
  auto created = As("wang", {"item", "create", "semester-report", "--org", "school-a", "--set", "semester=2026-spring"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string id = created.out.substr(0, created.out.find('\n'));
  ASSERT_EQ(As("wang", {"item", "act", id, "approve", "--set", "summary=本学期工作报告", "--set",
                        "approved_at_meeting=2026-07-14"}).exit_code, 0);
  TempDir outside;
  const std::string dir = outside.File("checkpoints");
  ASSERT_GT(Start({}, {"--tick-every", "0", "--checkpoint-dir", dir, "--checkpoint-key", outside.File("docket.key"),
                       "--checkpoint-every", "3600"}),
            0);
  const Signed wang = SignIn("wang");
  auto submitted = Client().Post("/api/items/" + id + "/actions/submit", wang.session, "{}", "application/json");
  ASSERT_EQ(submitted->status, 200) << submitted->body;
  const auto seq = nlohmann::json::parse(submitted->body)["entry"]["seq"].get<std::int64_t>();
  const std::string expected = dir + "/school-a-" + std::to_string(seq) + ".json";
  for (int i = 0; i < 50 && !std::filesystem::exists(expected); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_TRUE(std::filesystem::exists(expected)) << ServerErr();
  // Only the submitting school's chain: the hourly pass has not run.
  int files = 0;
  for (const auto& f : std::filesystem::directory_iterator(dir)) files += f.path().extension() == ".json";
  EXPECT_EQ(files, 1);
  auto proven = Docket({"audit", "verify", "--against", expected, "--key", outside.File("docket.key")});
  EXPECT_EQ(proven.exit_code, 0) << proven.out << proven.err;
}

// Checkpoints reach the supervisor's URL: every checkpoint of the folder is POSTed, oldest
// first, until the URL takes it; one refused (HTTP 500) waits for the next pass; what the
// supervisor received verifies against the school's database with the server's key.
TEST_F(ServerSchedulerTest, CheckpointsReachTheSupervisorsUrlAndWaitWhileItFails) {
  NewTask();
  TempDir outside;
  const std::string dir = outside.File("checkpoints"), key = outside.File("docket.key"), got = outside.File("got");
  Sink supervisor("http_sink.py", got, {"--fail-every", "2"}, outside.File("sink.port"));
  ASSERT_GT(supervisor.port(), 0);
  const std::string url = "http://127.0.0.1:" + std::to_string(supervisor.port()) + "/checkpoints";
  ASSERT_GT(Start({}, {"--tick-every", "0", "--checkpoint-dir", dir, "--checkpoint-key", key, "--checkpoint-every", "1",
                       "--checkpoint-url", url}),
            0);
  auto written = [&] {
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& f : std::filesystem::directory_iterator(dir, ec)) {
      if (f.path().extension() == ".json") files.push_back(f.path().string());
    }
    return files;
  };
  auto all_sent = [&] {
    const auto files = written();
    for (const auto& f : files) {
      if (!std::filesystem::exists(f + ".sent")) return false;
    }
    return !files.empty();
  };
  for (int i = 0; i < 100 && !all_sent(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_TRUE(all_sent()) << ServerErr();
  EXPECT_THAT(ServerErr(), HasSubstr("HTTP 500"));  // the refused one, sent again later
  // Each checkpoint arrived once, as written.
  std::vector<std::string> bodies;
  for (const auto& f : std::filesystem::directory_iterator(got)) {
    if (f.path().extension() != ".json") continue;
    const auto j = nlohmann::json::parse(FileText(f.path().string()));
    EXPECT_EQ(j["path"], "/checkpoints");
    bodies.push_back(j["body"].dump());
  }
  std::vector<std::string> expected;
  for (const auto& f : written()) expected.push_back(nlohmann::json::parse(FileText(f)).dump());
  std::sort(bodies.begin(), bodies.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(bodies, expected);
  // The supervisor's copy proves the school's log with the server's key.
  std::string school_a;
  for (const auto& b : bodies) {
    if (nlohmann::json::parse(b).value("org", "") == "school-a") school_a = b;
  }
  ASSERT_FALSE(school_a.empty()) << ::testing::PrintToString(bodies);
  const std::string copy = outside.File("school-a-received.json");
  WriteFile(copy, school_a + "\n");  // the sink kept the JSON; the file form ends with a newline
  auto proven = Docket({"audit", "verify", "--against", copy, "--key", key});
  EXPECT_EQ(proven.exit_code, 0) << proven.out << proven.err;
}

TEST_F(ServerSchedulerTest, ACheckpointUrlNeedsTheFolderAndAnHttpAddress) {
  TempDir outside;
  auto alone = RunProcess(DOCKET_BINARY, {"--db", db_, "--lang", "en", "serve", "--checkpoint-url", "http://127.0.0.1:9/"},
                          dir_.path());
  EXPECT_EQ(alone.exit_code, 2) << alone.err;
  EXPECT_THAT(alone.err, HasSubstr("--checkpoint-url needs --checkpoint-dir"));
  auto ftp = RunProcess(DOCKET_BINARY, {"--db", db_, "--lang", "en", "serve", "--checkpoint-dir", outside.File("cp"),
                                        "--checkpoint-key", outside.File("k"), "--checkpoint-url", "ftp://host/"},
                        dir_.path());
  EXPECT_EQ(ftp.exit_code, 2) << ftp.err;
  EXPECT_THAT(ftp.err, HasSubstr("an http:// or https:// address"));
}

}  // namespace
}  // namespace docket::testing
