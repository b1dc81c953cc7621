// The files a person gives and the database file, with the real binary: a file is read with
// its bound checked as it is read (/dev/zero ends quickly), text that is not UTF-8 or holds a
// NUL is refused with the file, line and column, money takes a sign only where a field allows
// it, and a missing or empty database is "not found" for every command but `init`, which
// creates it readable by its owner only.
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class CliFilesTest : public CliTest {
 protected:
  RunResult En(std::vector<std::string> args) {
    args.insert(args.begin(), {"--lang", "en"});
    return Docket(std::move(args));
  }
  // What the configuration holds: organizations, people and workflows.
  std::string Configuration() {
    return Docket({"--json", "org", "list"}).out + Docket({"--json", "org", "people"}).out +
           Docket({"--json", "workflow", "list"}).out;
  }
  std::string OrgText() { return FileText(SourcePath("workflows/examples/org.yaml")); }
  // `text` with `from` replaced by `to` (once), written to the test's folder as `name`.
  std::string Edited(std::string text, const std::string& from, const std::string& to, const std::string& name) {
    auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    WriteFile(dir_.File(name), text);
    return dir_.File(name);
  }
};

TEST_F(CliFilesTest, AFileThatNeverEndsIsRefusedAtOneMiBAndNothingIsStored) {
  const std::string before = Configuration();
  WriteFile(dir_.File("big.yaml"), "# " + std::string(2 << 20, 'x') + "\n");
  for (const std::string& file : {std::string("/dev/zero"), dir_.File("big.yaml")}) {
    const auto start = std::chrono::steady_clock::now();
    auto r = En({"org", "load", file});
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10)) << file;
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_THAT(r.err, HasSubstr(file + ": the file is larger than 1 MiB"));
  }
  EXPECT_EQ(En({"workflow", "load", "/dev/zero"}).exit_code, 2);
  EXPECT_EQ(Configuration(), before);
}

TEST_F(CliFilesTest, AFieldValueFromAFileThatNeverEndsIsRefusedAt16MiB) {
  const std::string id = NewMatter();
  auto r = As("liu", {"--lang", "en", "item", "act", id, "submit", "--set", "title=@/dev/zero"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("larger than 16 MiB"));
  auto in = RunProcess("/bin/sh", {"-c", std::string("exec '") + DOCKET_BINARY + "' --db '" + db_ +
                                             "' --lang en --as liu item act " + id + " submit --set title=@- < /dev/zero"});
  EXPECT_EQ(in.exit_code, 2) << in.err;
  EXPECT_THAT(in.err, HasSubstr("standard input: the file is larger than 16 MiB"));
}

TEST_F(CliFilesTest, AnInvalidByteInAWorkflowCommentIsRefusedWithItsPlace) {
  const std::string before = Configuration();
  const std::string file = Edited(FileText(SourcePath("workflows/matter.yaml")), "\nversion:",
                                  "\n# note \xff here\nversion:", "matter-bad.yaml");
  auto r = En({"workflow", "load", file});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  // The comment is the line after the first line break before "version:".
  const std::string text = FileText(file);
  const auto line = std::count(text.begin(), text.begin() + text.find("\xff"), '\n') + 1;
  EXPECT_THAT(r.err, HasSubstr(file + ":" + std::to_string(line) + ":8: the text is not valid UTF-8 (byte 0xFF)"));
  EXPECT_EQ(Configuration(), before);
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);
}

TEST_F(CliFilesTest, AnInvalidByteInAPersonsNameIsRefusedAndPeopleStillList) {
  const std::string before = Configuration();
  // "王明" cut after its first byte: a lead byte with no continuation.
  const std::string file = Edited(OrgText(), "{zh: 王明,", "{zh: \xe7\x8e X,", "org-bad.yaml");
  auto r = En({"org", "load", file});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr(file + ":"));
  EXPECT_THAT(r.err, HasSubstr("not valid UTF-8 (byte 0xE7)"));
  EXPECT_EQ(Configuration(), before);
  EXPECT_EQ(Docket({"--json", "org", "people"}).exit_code, 0);
}

TEST_F(CliFilesTest, AnEscapedNulInAQuotedNameIsRefusedWithItsPlace) {
  const std::string before = Configuration();
  for (std::string escape : {"\\0", "\\x00", "\\u0000"}) {
    const std::string file = Edited(OrgText(), "{zh: 王明,", "{zh: \"王" + escape + "明\",", "org-nul.yaml");
    const std::string text = FileText(file);
    const auto at = text.find("\"王");
    const auto line = std::count(text.begin(), text.begin() + at, '\n') + 1;
    auto r = En({"org", "load", file});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_THAT(r.err, HasSubstr(file + ":" + std::to_string(line) + ":"));
    EXPECT_THAT(r.err, HasSubstr("NUL character"));
  }
  EXPECT_EQ(Configuration(), before);
}

TEST_F(CliFilesTest, FieldValuesThatAreNotUtf8AreRefusedWithTheirPlace) {
  const std::string id = NewMatter();
  const std::string version = nlohmann::json::parse(Docket({"--json", "item", "show", id}).out)["version"].dump();
  auto typed = As("liu", {"--lang", "en", "item", "act", id, "submit", "--set", "title=ab\xc3"});
  EXPECT_EQ(typed.exit_code, 2) << typed.err;
  EXPECT_THAT(typed.err, HasSubstr("--set title:1:3: the text is not valid UTF-8 (byte 0xC3)"));
  WriteFile(dir_.File("title.txt"), "first line\nsecond \xc0\xaf line\n");  // an overlong '/'
  auto from_file = As("liu", {"--lang", "en", "item", "act", id, "submit", "--set", "title=@" + dir_.File("title.txt")});
  EXPECT_EQ(from_file.exit_code, 2) << from_file.err;
  EXPECT_THAT(from_file.err, HasSubstr(dir_.File("title.txt") + ":2:8: the text is not valid UTF-8 (byte 0xC0)"));
  EXPECT_EQ(nlohmann::json::parse(Docket({"--json", "item", "show", id}).out)["version"].dump(), version);
}

TEST_F(CliFilesTest, MoneyTakesNoSignWhereTheFieldDoesNotDeclareIt) {
  auto r = As("liu", {"--lang", "en", "item", "create", "matter", "--org", "school-a", "--set", "title=退款", "--set",
                      "category=routine", "--set", "amount=-5"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("'-5' is not an amount of money"));
  EXPECT_THAT(r.err, HasSubstr("no sign"));
  // A newer matter whose amount declares negative amounts takes the sign.
  std::string text = FileText(SourcePath("workflows/matter.yaml"));
  text.replace(text.find("\nversion: 8\n"), 12, "\nversion: 99\n");
  const std::string file = Edited(text, "amount: {type: money,", "amount: {type: money, negative: true,", "matter-99.yaml");
  auto load = Docket({"workflow", "load", file});
  ASSERT_EQ(load.exit_code, 0) << load.err;
  auto refund = As("liu", {"--lang", "en", "item", "create", "matter", "--org", "school-a", "--set", "title=退款",
                           "--set", "category=routine", "--set", "amount=-5"});
  EXPECT_EQ(refund.exit_code, 0) << refund.err;
}

TEST_F(CliFilesTest, AMissingOrEmptyDatabaseIsNotFoundForEveryCommandButInit) {
  const std::string missing = dir_.File("mistyped.db");
  db_ = missing;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"audit", "verify"}, {"item", "list"}, {"org", "list"}, {"workflow", "load"},
        {"org", "load", SourcePath("workflows/examples/org.yaml")}}) {
    auto r = En(args);
    EXPECT_EQ(r.exit_code, 3) << args[0] << " " << args[1] << ": " << r.err << r.out;
    EXPECT_THAT(r.err, HasSubstr("database '" + missing + "' does not exist"));
    EXPECT_THAT(r.err, HasSubstr("docket --db " + missing + " init"));
    EXPECT_FALSE(std::filesystem::exists(missing));
  }
  const std::string empty = dir_.File("empty.db");
  { std::ofstream touch(empty); }
  db_ = empty;
  EXPECT_EQ(En({"audit", "verify"}).exit_code, 3);
  EXPECT_EQ(std::filesystem::file_size(empty), 0u);

  db_ = missing;
  auto init = Docket({"init"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  struct stat st {};
  ASSERT_EQ(::stat(missing.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);
  db_ = empty;
  ASSERT_EQ(Docket({"init"}).exit_code, 0);
  EXPECT_EQ(Docket({"item", "list"}).exit_code, 0);
}

}  // namespace
}  // namespace docket::testing
