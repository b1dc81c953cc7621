// `docket org import-roster|export-roster|import-matters|export-matters` with the real binary:
// the export read back changes nothing, an added row shows in `org people`, a bad row or a
// file that is not UTF-8 exits 2 naming the CSV's line and column and changes nothing.
#include <nlohmann/json.hpp>

#include "cli_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class CliRosterCsvTest : public CliTest {
 protected:
  RunResult En(std::vector<std::string> args) {
    args.insert(args.begin(), {"--lang", "en"});
    return Docket(std::move(args));
  }
  std::string Exported(const std::string& org, const std::string& name) {
    auto r = Docket({"org", "export-roster", "--org", org, "--out", dir_.File(name)});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return FileText(dir_.File(name));
  }
  std::string People() { return Docket({"--json", "org", "people"}).out; }
  std::string Heads() { return Docket({"--json", "audit", "verify"}).out; }
};

TEST_F(CliRosterCsvTest, ExportReadBackChangesNothing) {
  const std::string csv = Exported("school-a", "roster.csv");
  EXPECT_EQ(csv, FileText(SourcePath("workflows/examples/roster.csv")));
  const std::string heads = Heads();
  auto r = Docket({"--json", "org", "import-roster", dir_.File("roster.csv"), "--org", "school-a"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["changed"], false);
  EXPECT_EQ(Heads(), heads);
  auto zh = Docket({"org", "import-roster", dir_.File("roster.csv"), "--org", "school-a"});
  EXPECT_THAT(zh.out, HasSubstr("（配置无变化）"));
  // Standard output gets the same bytes as the file.
  EXPECT_EQ(Docket({"org", "export-roster", "--org", "school-a"}).out, csv);
}

TEST_F(CliRosterCsvTest, AnAddedRowShowsInOrgPeople) {
  std::string csv = Exported("school-c", "roster-c.csv");
  csv += "\"zhu\",朱琳,Zhu Lin,\"clerk、staff_representative\",教职工代表大会,,zhu@school-c.example\r\n";
  WriteFile(dir_.File("roster-c.csv"), csv);
  auto r = En({"org", "import-roster", dir_.File("roster-c.csv"), "--org", "school-c"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("configuration changes recorded in 1 audit entry"));
  const auto people = nlohmann::json::parse(People());
  bool found = false;
  for (const auto& p : people) {
    if (p["id"] != "zhu") continue;
    found = true;
    EXPECT_EQ(p["name"]["zh"], "朱琳");
    EXPECT_EQ(p["roles"].size(), 2u) << p.dump();
  }
  EXPECT_TRUE(found) << people.dump();
  EXPECT_THAT(Exported("school-c", "again.csv"),
              HasSubstr("\r\nzhu,朱琳,Zhu Lin,clerk; staff_representative,staff-congress,,zhu@school-c.example\r\n"));
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);
}

TEST_F(CliRosterCsvTest, ABadRowExitsTwoNamingLineAndColumnAndChangesNothing) {
  const std::string people = People();
  const std::string heads = Heads();
  WriteFile(dir_.File("bad.csv"), Exported("school-a", "roster.csv") + "wu,吴敏,,clerk,食堂,,\r\n");
  auto r = En({"org", "import-roster", dir_.File("bad.csv"), "--org", "school-a"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("bad.csv:16:5: '食堂' is not a body of organization 'school-a'"));
  auto zh = Docket({"org", "import-roster", dir_.File("bad.csv"), "--org", "school-a"});
  EXPECT_THAT(zh.err, HasSubstr("bad.csv:16:5: “食堂”不是组织“school-a”的会议机构"));
  // Saved as Excel's plain "CSV" on a Chinese Windows: GBK, not UTF-8.
  WriteFile(dir_.File("gbk.csv"), "id,name_zh,roles,member_of,attends\r\nwang,\xCD\xF5\xC3\xF7,,,\r\n");
  auto gbk = En({"org", "import-roster", dir_.File("gbk.csv"), "--org", "school-a"});
  EXPECT_EQ(gbk.exit_code, 2);
  EXPECT_THAT(gbk.err, HasSubstr("gbk.csv:2:2: this cell is not UTF-8 text"));
  auto unknown = En({"org", "import-roster", dir_.File("bad.csv"), "--org", "school-z"});
  EXPECT_EQ(unknown.exit_code, 3) << unknown.err;
  EXPECT_EQ(People(), people);
  EXPECT_EQ(Heads(), heads);
}

TEST_F(CliRosterCsvTest, TheMatterList) {
  auto loaded = En({"org", "import-matters", SourcePath("workflows/examples/decision-matters.csv")});
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
  EXPECT_THAT(loaded.out, HasSubstr("loaded table decision-matters (8 entries)"));
  auto shown = Docket({"--json", "table", "show", "decision-matters"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("large-spending"));
  auto exported = Docket({"org", "export-matters", "--out", dir_.File("m.csv")});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(FileText(dir_.File("m.csv")), FileText(SourcePath("workflows/examples/decision-matters.csv")));
  auto again = En({"org", "import-matters", dir_.File("m.csv")});
  EXPECT_THAT(again.out, HasSubstr("(no configuration change)"));
  WriteFile(dir_.File("bad.csv"), "类别,机构\r\nroutine,office-meeting\r\n");
  auto bad = En({"org", "import-matters", dir_.File("bad.csv")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("bad.csv:1:2: unknown column '机构' in the header row"));
}

}  // namespace
}  // namespace docket::testing
