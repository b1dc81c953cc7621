// Who may read what, through the real binary on a real database (docket init without
// --simulation): a read without --as is the owner's of the database file alone; a person
// reads the organizations where they hold a role and those below them; a listing without an
// organization is narrowed to those; the public listing needs no one. Every command that
// reads the record is in the loop below, and every command `docket --help` lists is either
// one of them or named as not reading the record, so a new command must be placed.
#include <sys/stat.h>
#include <unistd.h>

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr int kForbidden = 4;

// The example organizations without the district supervisor's admin role: zhao then reads as
// a supervisor, through the organizations below the district.
std::string OrgFileWithoutAdmin(const TempDir& dir) {
  std::string text = FileText(SourcePath("workflows/examples/org.yaml"));
  const std::string admin = "      - {org: district, role: admin}\n";
  const auto at = text.find(admin);
  EXPECT_NE(at, std::string::npos);
  if (at != std::string::npos) text.erase(at, admin.size());
  const std::string path = dir.File("org.yaml");
  WriteFile(path, text);
  return path;
}

// The subcommands `docket --help` lists, one level down where a group has its own
// ("item show", "findings").
std::vector<std::string> Commands(const std::function<RunResult(std::vector<std::string>)>& run) {
  auto names = [&](std::vector<std::string> path) {
    path.push_back("--help");
    const RunResult r = run(path);
    std::vector<std::string> out;
    const auto at = r.out.find("Subcommands:\n");
    if (at == std::string::npos) return out;
    std::istringstream lines(r.out.substr(at + 13));
    std::string line;
    while (std::getline(lines, line) && line.rfind("  ", 0) == 0) {
      std::istringstream words(line);
      std::string name;
      words >> name;
      out.push_back(name);
    }
    return out;
  };
  std::vector<std::string> all;
  for (const std::string& group : names({})) {
    const std::vector<std::string> subs = names({group});
    if (subs.empty()) all.push_back(group);
    for (const std::string& sub : subs) all.push_back(group + " " + sub);
  }
  return all;
}

// What a command reads: its arguments (an item of school-a where it takes one).
using Args = std::vector<std::string>;

class ReadsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("real.db");
    ASSERT_EQ(Run({"init"}).exit_code, 0);
    auto org = Run({"org", "load", OrgFileWithoutAdmin(dir_)});
    ASSERT_EQ(org.exit_code, 0) << org.err;
    ASSERT_EQ(Run({"workflow", "load"}).exit_code, 0);
    ASSERT_EQ(Run({"calendar", "load", SourcePath("workflows/examples/calendar.yaml")}).exit_code, 0);
    item_a_ = Create("liu", "school-a");
    item_b_ = Create("zhou", "school-b");
  }
  RunResult Run(std::vector<std::string> args) {
    std::vector<std::string> full{"--db", db_, "--lang", "en"};
    full.insert(full.end(), args.begin(), args.end());
    return RunProcess(DOCKET_BINARY, full, dir_.path());
  }
  RunResult As(const std::string& who, std::vector<std::string> args) {
    args.insert(args.begin(), {"--as", who});
    return Run(std::move(args));
  }
  std::string Create(const std::string& clerk, const std::string& org) {
    auto r = As(clerk, {"item", "create", "matter", "--org", org, "--set", "title=t-" + org, "--set",
                        "category=large-spending", "--set", "amount=350000"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string id = r.out;
    while (!id.empty() && id.back() == '\n') id.pop_back();
    return id;
  }
  // The database and its journal belong to another user: this process is not the owner.
  void GiveAway() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      const std::string path = db_ + suffix;
      struct stat st {};
      if (::stat(path.c_str(), &st) == 0) {
        ASSERT_EQ(::chown(path.c_str(), 65534, 65534), 0) << path;
      }
    }
  }
  // Every command that reads the record, with arguments reading school-a.
  std::map<std::string, Args> Reads() const {
    return {
        {"item show", {"item", "show", item_a_}},
        {"item list", {"item", "list"}},
        {"item history", {"item", "history", item_a_}},
        {"findings", {"findings", "--org", "school-a"}},
        {"inbox", {"inbox"}},
        {"org people", {"org", "people"}},
        {"audit verify", {"audit", "verify"}},
        {"audit pins", {"audit", "pins"}},
        {"audit export", {"audit", "export", "--org", "school-a", "--out", dir_.File("a.jsonl")}},
        {"report semester", {"report", "semester", "--org", "school-a", "--term", "2026-spring"}},
        {"report rollup", {"report", "rollup", "--org", "district", "--term", "2026-spring"}},
        {"report verify", {"report", "verify", "--org", "school-a", "--term", "2026-spring"}},
        // Refused as a read of the item before it is found to be no meeting.
        {"meeting doc", {"meeting", "doc", item_a_, "--kind", "notice"}},
        // Refused as a read of the item before it is found to be no decision.
        {"decision doc", {"decision", "doc", item_a_}},
        // Refused as a read of the item before it is found to be no meeting.
        {"meeting minutes-draft", {"meeting", "minutes-draft", item_a_}},
        // Refused as a read of the item before its files are looked at.
        {"item attachments", {"item", "attachments", item_a_}},
        {"item attachment", {"item", "attachment", item_a_, std::string(64, 'a'), "--out", dir_.File("file.pdf")}},
    };
  }

  TempDir dir_;
  std::string db_, item_a_, item_b_;
};

// The commands that do not read the record: writes (which check their actor), the
// configuration (organizations, workflows, tables, the key), the public listing, the demo,
// the server (whose only record read in this version is the public listing).
const std::set<std::string> kNotRecordReads = {
    "init",          "org load",       "org list",      "workflow lint", "workflow load",  "workflow list",
    "workflow show", "workflow graph", "item create",   "item act",      "item import",    "item attach",    "audit checkpoint",
    "audit key",     "audit pin",      "demo",           "table load",    "table show",    "public list",    "public doc",     "tick",
    "calendar load", "report accept",  "report return", "report load",   "serve",
    // Accounts: an administrator's (AppContext::Administrator), not reads of the record.
    "user invite",   "user list",      "token create",  "token list",    "token revoke",
    // The configuration as CSV (the roster, the decision-matter list): an administrator's.
    "org import-roster", "org export-roster", "org import-matters", "org export-matters",
    // The operator's who can open both databases (docs/DEPLOY.md): a copy, not a reading.
    "migrate",
};

TEST_F(ReadsTest, EveryCommandIsARecordReadOrNamedAsNot) {
  const std::map<std::string, Args> reads = Reads();
  const std::vector<std::string> commands = Commands([&](Args a) { return Run(std::move(a)); });
  for (const std::string& command : commands) {
    EXPECT_TRUE(reads.count(command) || kNotRecordReads.count(command))
        << "'" << command << "' is new: add it to Reads() or to kNotRecordReads";
  }
  // And every command named is one the help lists.
  EXPECT_EQ(commands.size(), reads.size() + kNotRecordReads.size());
}

TEST_F(ReadsTest, TheOwnerReadsWithoutAsAndNoOneElseDoes) {
  const auto owner = Run({"item", "show", item_a_});
  EXPECT_EQ(owner.exit_code, 0) << owner.err;
  EXPECT_THAT(owner.out, HasSubstr("t-school-a"));
  GiveAway();
  for (const auto& [command, args] : Reads()) {
    const auto r = Run(args);
    EXPECT_EQ(r.exit_code, kForbidden) << command << ": " << r.err;
    EXPECT_THAT(r.out, IsEmpty()) << command;
    EXPECT_THAT(r.err, HasSubstr("--as PERSON")) << command;
  }
  // The public listing needs no one.
  const auto pub = Run({"public", "list", "--org", "school-a"});
  EXPECT_EQ(pub.exit_code, 0) << pub.err;
}

TEST_F(ReadsTest, EveryReadIsRefusedToAPersonOutsideTheOrganization) {
  GiveAway();
  // sun is school-b's secretary and principal: every read of school-a is refused, naming both.
  for (auto [command, args] : Reads()) {
    if (command == "item list" || command == "org people") continue;  // listings: narrowed, below
    if (command == "inbox") args = {"inbox"};
    const auto r = As(command == "inbox" ? "nobody-here" : "sun", args);
    EXPECT_EQ(r.exit_code, kForbidden) << command << ": " << r.err;
    EXPECT_THAT(r.out, IsEmpty()) << command;
    if (command != "inbox") {
      EXPECT_THAT(r.err, HasSubstr("'sun'")) << command;
      EXPECT_THAT(r.err, HasSubstr(command == "audit verify" || command == "audit pins" ? "every organization"
                                   : command == "report rollup" ? "'district'"
                                                                : "'school-a'"))
          << command;
    }
  }
}

TEST_F(ReadsTest, AClerkReadsTheirSchoolOnly) {
  GiveAway();
  const auto own = As("liu", {"item", "show", item_a_});
  EXPECT_EQ(own.exit_code, 0) << own.err;
  const auto other = As("liu", {"item", "show", item_b_});
  EXPECT_EQ(other.exit_code, kForbidden) << other.out;
  EXPECT_THAT(other.out, IsEmpty());
  EXPECT_THAT(other.err, HasSubstr("'liu' may not read organization 'school-b'"));
  EXPECT_EQ(As("liu", {"item", "history", item_b_}).exit_code, kForbidden);
  EXPECT_EQ(As("liu", {"item", "show", item_b_, "--as-of", "2030-01-01"}).exit_code, kForbidden);

  const auto list = As("liu", {"--json", "item", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  const auto items = nlohmann::json::parse(list.out);
  ASSERT_EQ(items.size(), 1u) << list.out;
  EXPECT_EQ(items[0]["org"], "school-a");
  EXPECT_EQ(As("liu", {"item", "list", "--org", "school-b"}).exit_code, kForbidden);

  const auto people = As("liu", {"--json", "org", "people"});
  ASSERT_EQ(people.exit_code, 0) << people.err;
  EXPECT_THAT(people.out, HasSubstr("\"liu\""));
  EXPECT_THAT(people.out, ::testing::Not(HasSubstr("\"sun\"")));
  // Someone not in the directory reads nothing.
  const auto stranger = As("mallory", {"item", "list"});
  EXPECT_EQ(stranger.exit_code, kForbidden);
  EXPECT_THAT(stranger.err, HasSubstr("'mallory' is not in the directory"));
}

TEST_F(ReadsTest, TheDistrictSupervisorReadsTheSchoolsBelow) {
  GiveAway();
  const auto item = As("zhao", {"item", "show", item_a_});
  EXPECT_EQ(item.exit_code, 0) << item.err;
  EXPECT_THAT(item.out, HasSubstr("t-school-a"));
  const auto report = As("zhao", {"report", "semester", "--org", "school-a", "--term", "2026-spring"});
  EXPECT_EQ(report.exit_code, 0) << report.err;
  EXPECT_EQ(As("zhao", {"report", "rollup", "--org", "district", "--term", "2026-spring"}).exit_code, 0);
  const auto list = As("zhao", {"--json", "item", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(nlohmann::json::parse(list.out).size(), 2u) << list.out;
  // Without the role admin, not the whole database at once.
  const auto verify = As("zhao", {"audit", "verify"});
  EXPECT_EQ(verify.exit_code, kForbidden) << verify.out;
  EXPECT_EQ(As("zhao", {"audit", "verify", "--org", "district"}).exit_code, 0);
  // A school's person does not read the district above it.
  EXPECT_EQ(As("liu", {"findings", "--org", "district"}).exit_code, kForbidden);
}

TEST_F(ReadsTest, AReadIsNotWrittenToTheAuditLog) {
  const auto before = Run({"--json", "item", "history", item_a_});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(As("liu", {"item", "show", item_a_}).exit_code, 0);
  EXPECT_EQ(Run({"--json", "item", "history", item_a_}).out, before.out);
  // The read is logged at info level (-v).
  const auto logged = As("liu", {"-v", "item", "show", item_a_});
  EXPECT_THAT(logged.err, HasSubstr("read by 'liu'"));
}

TEST_F(ReadsTest, ARefusedReadIsRecordedLikeARefusedAction) {
  GiveAway();
  EXPECT_EQ(As("liu", {"item", "show", item_b_}).exit_code, kForbidden);
  EXPECT_EQ(As("liu", {"findings", "--org", "school-b"}).exit_code, kForbidden);
  // In school-b's chain: the item's "$read" refusal in its history, the findings' about the
  // organization, each by liu with the refusal's words; the chain still verifies.
  const auto shown = As("zhou", {"--json", "item", "history", item_b_});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const auto history = nlohmann::json::parse(shown.out);
  ASSERT_FALSE(history.empty());
  const auto& refused = history.back();
  EXPECT_EQ(refused["action"], "$read");
  EXPECT_EQ(refused["outcome"], "refused");
  EXPECT_EQ(refused["actor"], "liu");
  EXPECT_THAT(refused["reason"].dump(), HasSubstr("school-b"));
  const auto exported = As("zhou", {"audit", "export", "--org", "school-b", "--out", dir_.File("b.jsonl")});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_THAT(FileText(dir_.File("b.jsonl")), HasSubstr("\"$read:findings\""));
  const auto verified = As("zhou", {"audit", "verify", "--org", "school-b"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  // Someone outside the directory leaves no entry: there is no one to record.
  const auto before = As("zhou", {"--json", "item", "history", item_b_}).out;
  EXPECT_EQ(As("mallory", {"item", "show", item_b_}).exit_code, kForbidden);
  EXPECT_EQ(As("zhou", {"--json", "item", "history", item_b_}).out, before);
}

}  // namespace
}  // namespace docket::testing
