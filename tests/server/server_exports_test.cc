// The supervisor's exports over HTTP: the roll-up and a school's report as XLSX (and CSV)
// attachments named by Content-Disposition, in the language ?lang= asks before
// Accept-Language; the workbook holds the CSV's rows (read back by tests/support/
// xlsx_cells.py); every format the OpenAPI document lists answers with a content type it
// lists; an unknown format is refused (400) and a reader of one school gets no district's.
#include <fstream>

#include <SQLiteCpp/SQLiteCpp.h>

#include "server_fixture.h"
#include "support/paths.h"
#include "xlsx_read.h"

namespace docket::testing {
namespace {

class ServerExportsTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ASSERT_EQ(Docket({"calendar", "load", SourcePath("workflows/examples/calendar.yaml")}).exit_code, 0);
    now_ = "2026-07-11T09:00:00Z";
    ASSERT_EQ(Docket({"tick"}).exit_code, 0);  // every school's report for 2026-spring opens
  }

  // `body` written to a file of the test's folder, read back as a workbook.
  nlohmann::json Workbook(const std::string& body, const std::string& name) {
    const std::string file = dir_.File(name);
    std::ofstream(file, std::ios::binary) << body;
    return XlsxCells(file);
  }
};

constexpr const char* kRollup = "/api/reports/semester/district/2026-spring/rollup";
constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

TEST_F(ServerExportsTest, TheRollupAndAReportComeAsWorkbooksNamedForSaving) {
  ASSERT_GT(Start(), 0);
  httplib::Headers en = SignIn("zhao").session;
  en.emplace("Accept-Language", "en");
  auto c = Client();

  auto xlsx = c.Get(std::string(kRollup) + "?format=xlsx", en);
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200) << xlsx->body;
  EXPECT_EQ(xlsx->get_header_value("Content-Type"), kXlsx);
  EXPECT_EQ(xlsx->get_header_value("Content-Disposition"), "attachment; filename=\"semester-rollup-district-2026-spring.xlsx\"");
  EXPECT_EQ(xlsx->body.substr(0, 4), std::string("PK\x03\x04"));
  auto csv = c.Get(std::string(kRollup) + "?format=csv", en);
  ASSERT_TRUE(csv && csv->status == 200);
  EXPECT_EQ(csv->get_header_value("Content-Disposition"), "attachment; filename=\"semester-rollup-district-2026-spring.csv\"");
  EXPECT_EQ(csv->body.substr(0, 3), "\xEF\xBB\xBF");
  const nlohmann::json sheet = Workbook(xlsx->body, "rollup.xlsx");
  ASSERT_FALSE(sheet.is_discarded());
  ExpectSameRows(sheet, csv->body, /*other_second=*/true);  // the server's clock runs
  const auto& strings = sheet["shared_strings"];
  for (const char* school : {"Example District No. 1 Middle School", "Example District Experimental Primary School",
                             "Example District No. 2 Middle School", "Total (3)"}) {
    EXPECT_NE(std::find(strings.begin(), strings.end(), school), strings.end()) << school;
  }

  // ?lang= before Accept-Language: what a download link carries.
  auto zh = c.Get(std::string(kRollup) + "?format=xlsx&lang=zh", en);
  ASSERT_TRUE(zh && zh->status == 200);
  const nlohmann::json chinese = Workbook(zh->body, "rollup.zh.xlsx");
  const auto& words = chinese["shared_strings"];
  EXPECT_NE(std::find(words.begin(), words.end(), "示例区第一中学"), words.end());
  EXPECT_NE(std::find(words.begin(), words.end(), "合计（3 个单位）"), words.end());

  // A school's report through the server's cache of renderings, the same workbook twice. The
  // cache answers within the clock's second (the workbook's creation time is the report's
  // generated_at), so a pair that straddles a second, as under the sanitizers, is taken again.
  httplib::Headers wang = SignIn("wang").session;
  const std::string report = "/api/reports/semester/school-a/2026-spring?format=xlsx";
  auto first = c.Get(report, wang);
  auto again = c.Get(report, wang);
  for (int pair = 1; pair < 3 && first && again && first->body != again->body; ++pair) {
    first = c.Get(report, wang);
    again = c.Get(report, wang);
  }
  ASSERT_TRUE(first && again);
  ASSERT_EQ(first->status, 200) << first->body;
  EXPECT_EQ(first->get_header_value("Content-Type"), kXlsx);
  EXPECT_EQ(first->get_header_value("Content-Disposition"), "attachment; filename=\"semester-school-a-2026-spring.xlsx\"");
  EXPECT_EQ(first->body, again->body);
  EXPECT_EQ(first->get_header_value("Content-Disposition").find("json"), std::string::npos);
  auto json = c.Get("/api/reports/semester/school-a/2026-spring", wang);
  ASSERT_TRUE(json && json->status == 200);
  EXPECT_FALSE(json->has_header("Content-Disposition"));  // a page's data, not a file

  // Refusals: an unknown format (400, in the language asked), a reader of one school.
  httplib::Headers zh_header = en;
  zh_header.erase("Accept-Language");
  zh_header.emplace("Accept-Language", "zh-CN");
  const nlohmann::json bad = Problem(c.Get(std::string(kRollup) + "?format=xls&lang=en", zh_header), 400);
  EXPECT_THAT(bad.value("detail", ""), ::testing::HasSubstr("json, md, html, csv or xlsx"));
  Problem(c.Get(std::string(kRollup) + "?format=xlsx", wang), 403);
}

TEST_F(ServerExportsTest, EveryFormatTheDocumentListsAnswersWithAContentTypeItLists) {
  ASSERT_GT(Start(), 0);
  const httplib::Headers zhao = SignIn("zhao").session;
  auto c = Client();
  const auto doc = nlohmann::json::parse(FileText(SourcePath("schemas/openapi.json")));
  int checked = 0;
  for (const char* path : {"/api/reports/{report}/{org}/{term}", "/api/reports/{report}/{org}/{term}/rollup"}) {
    const auto& op = doc["paths"][path]["get"];
    const auto& content = op["responses"]["200"]["content"];
    nlohmann::json formats;
    for (const auto& p : op["parameters"]) {
      if (p["name"] == "format") formats = p["schema"]["enum"];
    }
    ASSERT_TRUE(formats.is_array()) << path;
    EXPECT_NE(std::find(formats.begin(), formats.end(), "xlsx"), formats.end()) << path;
    EXPECT_TRUE(content.contains(kXlsx)) << path;
    std::string concrete = std::string(path).ends_with("/rollup") ? kRollup : "/api/reports/semester/school-a/2026-spring";
    for (const auto& f : formats) {
      auto r = c.Get(concrete + "?format=" + f.get<std::string>(), zhao);
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 200) << path << " " << f << ": " << r->body;
      EXPECT_TRUE(content.contains(r->get_header_value("Content-Type"))) << path << " " << f;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 10);
}

// A chain that fails verification is the answer to the supervisor's question (409, the
// first thing that does not hold, in the caller's language), not a server error (500);
// the other schools' chains still verify.
TEST_F(ServerExportsTest, AChainThatFailsVerificationIsAConflictNamingWhere) {
  ASSERT_GT(Start(), 0);
  httplib::Headers en = SignIn("zhao").session;
  en.emplace("Accept-Language", "en");
  auto ok = Client().Get("/api/audit/verify?org=school-a", en);
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(nlohmann::json::parse(ok->body)["ok"], true);
  {
    SQLite::Database db(db_, SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;");
    ASSERT_EQ(db.exec("UPDATE audit SET actor = 'someone' WHERE org = 'school-a' AND seq = 2"), 1);
  }
  const nlohmann::json failed = Problem(Client().Get("/api/audit/verify?org=school-a", en), 409);
  EXPECT_THAT(failed.value("detail", ""), ::testing::HasSubstr("school-a")) << failed.dump();
  auto other = Client().Get("/api/audit/verify?org=school-b", en);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200) << other->body;
}

}  // namespace
}  // namespace docket::testing
