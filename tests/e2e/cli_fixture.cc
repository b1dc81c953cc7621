#include "cli_fixture.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include "support/paths.h"

namespace docket::testing {

std::string SourcePath(const std::string& rel) { return std::string(DOCKET_SOURCE_DIR) + "/" + rel; }

void ExpectGolden(const std::string& name, const std::string& actual) {
  const std::string path = SourcePath("tests/e2e/golden/" + name);
  const char* update = std::getenv("DOCKET_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path << " is missing: run with DOCKET_UPDATE_GOLDEN=1 to write it";
  std::ostringstream expected;
  expected << in.rdbuf();
  EXPECT_TRUE(expected.str() == actual) << name << " differs from its golden file (DOCKET_UPDATE_GOLDEN=1 rewrites it):\n"
                                        << actual;
}

bool HasChinese(const std::string& s) {
  // U+4E00..U+9FFF in UTF-8: a lead byte E4..E9.
  for (unsigned char c : s) {
    if (c >= 0xE4 && c <= 0xE9) return true;
  }
  return false;
}

void CliTest::SetUp() {
  db_ = dir_.File("test.db");
  ASSERT_EQ(Docket({"init", "--simulation"}).exit_code, 0);
  auto org = Docket({"org", "load", SourcePath("workflows/examples/org.yaml")});
  ASSERT_EQ(org.exit_code, 0) << org.err;
  auto wf = Docket({"workflow", "load"});
  ASSERT_EQ(wf.exit_code, 0) << wf.err;
}

RunResult CliTest::Docket(std::vector<std::string> args) {
  std::vector<std::string> full{"--db", db_, "--now", now_};
  full.insert(full.end(), args.begin(), args.end());
  return RunProcess(DOCKET_BINARY, full, dir_.path());
}

RunResult CliTest::As(const std::string& who, std::vector<std::string> args) {
  args.insert(args.begin(), {"--as", who});
  return Docket(std::move(args));
}

namespace {
std::string IdOf(const RunResult& r) {
  std::string id = r.out;
  while (!id.empty() && (id.back() == '\n' || id.back() == ' ')) id.pop_back();
  return id;
}
}  // namespace

void CliTest::AllowLoneDecisions() {
  std::string text = FileText(SourcePath("workflows/decision.yaml"));
  for (auto [from, to] : {std::pair<std::string, std::string>{"\nversion: 3\n", "\nversion: 99\n"},
                          {"roles: []", "roles: [secretary]"}}) {
    auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  }
  WriteFile(dir_.File("decision-by-hand.yaml"), text);
  auto r = Docket({"workflow", "load", dir_.File("decision-by-hand.yaml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

std::string CliTest::NewMatter() {
  auto r = As("liu", {"item", "create", "matter", "--org", "school-a", "--set", "title=购置设备", "--set",
                      "category=large-spending", "--set", "amount=350000"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return IdOf(r);
}

void CliTest::OkAs(const std::string& who, std::vector<std::string> args) {
  auto r = As(who, std::move(args));
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

std::string CliTest::RecusedTopic() {
  EXPECT_EQ(Docket({"table", "load", SourcePath("workflows/lists/decision-matters.yaml")}).exit_code, 0);
  const std::string meeting = IdOf(As("liu", {"item", "create", "meeting", "--org", "school-a", "--set", "title=党委会", "--set",
                                              "body=party-meeting", "--set", "scheduled_at=2026-03-10T09:00:00Z"}));
  OkAs("liu", {"item", "act", meeting, "notify"});
  const std::string m = IdOf(As("liu", {"item", "create", "matter", "--org", "school-a", "--set", "title=校园绿化", "--set",
                                        "category=major-project"}));
  OkAs("liu", {"item", "act", m, "submit"});
  OkAs("wang", {"item", "act", m, "presign_secretary"});
  OkAs("li", {"item", "act", m, "presign_principal"});
  OkAs("liu", {"item", "act", m, "schedule", "--set", "meeting=" + meeting});
  OkAs("liu", {"item", "act", m, "recuse", "--set", "recused=he"});
  now_ = "2026-03-10T09:30:00Z";
  OkAs("liu", {"item", "act", meeting, "hold", "--set", "present=wang,li,chen,gao,ma,he", "--set", "absent=xu:病假"});
  return m;
}

std::string CliTest::NewTask() {
  auto r = As("wang", {"item", "create", "task", "--org", "school-a", "--set", "title=食堂改造", "--set", "owner=li",
                       "--set", "due_date=2026-06-30"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return IdOf(r);
}

std::string CliTest::StartedTask() {
  std::string id = NewTask();
  EXPECT_EQ(As("li", {"item", "act", id, "acknowledge"}).exit_code, 0);
  auto r = As("li", {"item", "act", id, "start"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return id;
}

bool OnPath(const std::string& program) {
  return RunProcess("/bin/sh", {"-c", "command -v " + program}).exit_code == 0;
}

void DemoDocsTest::SetUpTestSuite() {
  dir_ = new TempDir();
  auto r = RunProcess(DOCKET_BINARY, {"demo", "--db", dir_->File("demo.db")}, dir_->path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

void DemoDocsTest::TearDownTestSuite() {
  delete dir_;
  dir_ = nullptr;
}

RunResult DemoDocsTest::Doc(std::vector<std::string> args, const std::map<std::string, std::string>& env) {
  std::vector<std::string> full{"--db", dir_->File("demo.db"), "--now", "2026-07-20T09:00:00Z"};
  full.insert(full.end(), args.begin(), args.end());
  return RunProcess(DOCKET_BINARY, full, dir_->path(), env);
}

}  // namespace docket::testing
