// Delivery of notifications end to end (app/delivery.h, server/delivery_worker.h): the real
// `docket serve` ticks an overdue task's ladder, and its delivery worker sends each
// notification by e-mail to a local SMTP sink (Debian's python3-aiosmtpd) and to group
// robots on a local HTTP sink, both failing on purpose some of the time; the server is
// stopped with SIGTERM midway and started again. Every delivery arrives exactly once, and
// the robot that always fails is dead, as the inbox shows.
#include <signal.h>
#include <sys/types.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include <SQLiteCpp/Database.h>

#include "server_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// The files a sink wrote, by name.
std::vector<std::string> Received(const std::string& folder) {
  std::vector<std::string> out;
  for (const auto& f : fs::directory_iterator(folder)) {
    if (f.path().extension() != ".tmp") out.push_back(FileText(f.path().string()));
  }
  return out;
}

bool HaveAiosmtpd() {
  return RunProcess(kPython, {"-c", "import aiosmtpd"}, fs::temp_directory_path().string()).exit_code == 0;
}

class ServerDeliveryTest : public ServerTest {
 protected:
  // The example organizations with e-mail for li and zhao, school-a's WeCom robot on the
  // HTTP sink and the district's DingTalk robot on a path of it that always fails.
  void LoadChannels(int http_port) {
    std::string text = FileText(SourcePath("workflows/examples/org.yaml"));
    const std::string base = "http://127.0.0.1:" + std::to_string(http_port);
    auto insert_after = [&](const std::string& anchor, const std::string& line) {
      const std::size_t at = text.find(anchor);
      ASSERT_NE(at, std::string::npos) << anchor;
      text.insert(text.find('\n', at) + 1, line);
    };
    insert_after("    name: {zh: 赵建国", "    email: zhao@district.example\n");
    insert_after("    name: {zh: 李华", "    email: li@school-a.example\n");
    insert_after("    name: {zh: 示例区教育工委", "    notify: {dingtalk: \"" + base + "/always-fail?access_token=t\"}\n");
    insert_after("    name: {zh: 示例区第一中学", "    notify: {wecom: \"" + base + "/wecom?key=k\"}\n");
    const std::string file = dir_.File("org.yaml");
    WriteFile(file, text);
    auto r = Docket({"org", "load", file});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  // The outbox by status.
  std::map<std::string, int> Statuses() {
    SQLite::Database d(db_, SQLite::OPEN_READONLY);
    SQLite::Statement q(d, "SELECT status, count(*) FROM outbox GROUP BY status");
    std::map<std::string, int> out;
    while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getInt();
    return out;
  }
};

TEST_F(ServerDeliveryTest, EveryNotificationArrivesOnceAcrossARestartAndAFailingRobotIsDead) {
  if (!HaveAiosmtpd()) {
    const char* ci = std::getenv("CI");
    if (ci != nullptr && std::string(ci) == "true") FAIL() << "python3-aiosmtpd is missing (scripts/install-deps)";
    GTEST_SKIP() << "python3-aiosmtpd is missing (scripts/install-deps)";
  }
  const std::string mail = dir_.File("mail"), hooks = dir_.File("hooks");
  Sink smtp("smtp_sink.py", mail, {"--refuse-every", "3"}, dir_.File("smtp.port"));
  Sink http("http_sink.py", hooks, {"--fail-every", "3"}, dir_.File("http.port"));
  ASSERT_GT(smtp.port(), 0);
  ASSERT_GT(http.port(), 0);
  LoadChannels(http.port());
  constexpr int kTasks = 4;
  for (int i = 0; i < kTasks; ++i) NewTask();  // due 2026-06-30: on the system clock, its whole ladder is due

  const std::vector<std::string> args{"--tick-every", "1", "--deliver-every", "1", "--retry-after", "1",
                                      "--max-attempts", "3", "--smtp", "smtp://127.0.0.1:" + std::to_string(smtp.port()),
                                      "--mail-from", "docket@district.example"};
  ASSERT_GT(Start({"-v"}, args), 0);
  // Midway: some sent, some waiting for a retry.
  for (int i = 0; i < 300 && Statuses()["sent"] == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(StopWith(SIGTERM), 0) << ServerErr();
  const std::map<std::string, int> midway = Statuses();
  EXPECT_GT(midway.count("sent") ? midway.at("sent") : 0, 0);

  ASSERT_GT(Start({"-v"}, args), 0);
  std::map<std::string, int> now;
  for (int i = 0; i < 600; ++i) {
    now = Statuses();
    if (now["pending"] + now["retrying"] == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // 4 tasks × 3 steps: li is told twice (e-mail and school-a's WeCom), zhao once (e-mail
  // and the district's DingTalk, which always fails).
  EXPECT_EQ(now["sent"], kTasks * (3 + 2)) << ServerErr();
  EXPECT_EQ(now["dead"], kTasks);
  EXPECT_EQ(now["pending"] + now["retrying"], 0);

  // Each e-mail arrived once, recognisable by its Message-ID, and is a proper message.
  std::multiset<std::string> ids;
  const std::regex message_id(R"(Message-ID: <(docket-outbox-[0-9]+)@district\.example>)");
  for (const std::string& m : Received(mail)) {
    std::smatch id;
    ASSERT_TRUE(std::regex_search(m, id, message_id)) << m;
    ids.insert(id[1]);
    EXPECT_THAT(m, HasSubstr("From: docket@district.example\r\n"));
    EXPECT_THAT(m, HasSubstr("Subject: =?UTF-8?B?"));
    EXPECT_THAT(m, HasSubstr("Content-Type: text/plain; charset=UTF-8"));
    EXPECT_THAT(m, HasSubstr("督办事项"));
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kTasks * 3));
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size()) << "an e-mail arrived twice";
  // Each robot message arrived once, in WeCom's text format, with its key.
  std::multiset<std::string> keys;
  const std::regex key(R"(\[(docket-outbox-[0-9]+)\])");
  for (const std::string& h : Received(hooks)) {
    const nlohmann::json j = nlohmann::json::parse(h);
    EXPECT_EQ(j["path"], "/wecom?key=k");
    EXPECT_EQ(j["body"]["msgtype"], "text");
    const std::string content = j["body"]["text"]["content"];
    std::smatch m;
    ASSERT_TRUE(std::regex_search(content, m, key)) << content;
    keys.insert(m[1]);
    EXPECT_THAT(content, HasSubstr("李华"));
  }
  EXPECT_EQ(keys.size(), static_cast<std::size_t>(kTasks * 2));
  EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()).size(), keys.size()) << "a robot message arrived twice";

  // The inbox shows each notification's channels: zhao's DingTalk dead after 3 attempts,
  // with the robot's answer as the last error and never its URL.
  auto inbox = As("zhao", {"--json", "inbox"});
  ASSERT_EQ(inbox.exit_code, 0) << inbox.err;
  const nlohmann::json notes = nlohmann::json::parse(inbox.out);
  ASSERT_EQ(notes.size(), static_cast<std::size_t>(kTasks));
  for (const auto& n : notes) {
    ASSERT_EQ(n["deliveries"].size(), 2u) << n.dump();
    EXPECT_EQ(n["deliveries"][0]["channel"], "email");
    EXPECT_EQ(n["deliveries"][0]["status"], "sent");
    EXPECT_EQ(n["deliveries"][1]["channel"], "dingtalk");
    EXPECT_EQ(n["deliveries"][1]["status"], "dead");
    EXPECT_EQ(n["deliveries"][1]["attempts"], 3);
    EXPECT_THAT(n["deliveries"][1]["last_error"].get<std::string>(), HasSubstr("HTTP 500"));
  }
  EXPECT_EQ(inbox.out.find("always-fail"), std::string::npos) << "a robot's URL is a secret";
  auto text = As("zhao", {"--lang", "en", "inbox"});
  EXPECT_THAT(text.out, HasSubstr("e-mail sent, DingTalk dead (3 attempts)"));
  EXPECT_EQ(StopWith(SIGTERM), 0);
}

TEST_F(ServerDeliveryTest, TheLinterRefusesABadAddressOrRobotUrlWithItsPlace) {
  std::string text = FileText(SourcePath("workflows/examples/org.yaml"));
  text.insert(text.find('\n', text.find("    name: {zh: 李华")) + 1, "    email: li at school\n");
  text.insert(text.find('\n', text.find("    name: {zh: 示例区第一中学")) + 1, "    notify: {wecom: \"ftp://x\"}\n");
  const std::string file = dir_.File("bad-org.yaml");
  WriteFile(file, text);
  auto r = Docket({"--lang", "en", "org", "load", file});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_THAT(r.err, ::testing::MatchesRegex(R"((.|\n)*bad-org\.yaml:[0-9]+:[0-9]+: (.|\n)*'li at school' is not an e-mail address(.|\n)*)"));
  EXPECT_THAT(r.err, ::testing::MatchesRegex(R"((.|\n)*bad-org\.yaml:[0-9]+:[0-9]+: (.|\n)*'ftp://x' is not a webhook URL(.|\n)*)"));
  auto bad_smtp = RunProcess(DOCKET_BINARY, {"--db", db_, "--lang", "en", "serve", "--smtp", "mail.example:25"}, dir_.path());
  EXPECT_EQ(bad_smtp.exit_code, 2) << bad_smtp.err;
  EXPECT_THAT(bad_smtp.err, HasSubstr("--smtp"));
}

}  // namespace
}  // namespace docket::testing
