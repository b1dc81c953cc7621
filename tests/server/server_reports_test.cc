// A school's report over HTTP comes from the server's one cache of renderings
// (server/report_cache.h): the same bytes until the record moves, the new record at once
// after a change, each format and language apart, and never past the check of who may read.
#include "server_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

class ServerReportsTest : public ServerTest {};

constexpr const char* kReport = "/api/reports/semester/school-a/2026-spring";

int TasksTotal(const httplib::Result& r) {
  EXPECT_TRUE(r && r->status == 200) << (r ? r->body : httplib::to_string(r.error()));
  if (!r || r->status != 200) return -1;
  // The tasks section's summary: one row whose first column is the total.
  const nlohmann::json doc = nlohmann::json::parse(r->body);
  for (const auto& section : doc.at("sections")) {
    if (section.value("id", "") != "tasks") continue;
    const auto& summary = section.at("tables").at(0);
    if (summary.at("columns").at(0).value("id", "") == "total") return summary.at("rows").at(0).at(0).get<int>();
  }
  ADD_FAILURE() << "no tasks total in " << r->body;
  return -1;
}

TEST_F(ServerReportsTest, TheCachedReportMovesWithTheRecordAndKeepsItsReaders) {
  ASSERT_EQ(Docket({"calendar", "load", SourcePath("workflows/examples/calendar.yaml")}).exit_code, 0);
  NewTask();
  ASSERT_GT(Start(), 0);
  const Signed wang = SignIn("wang");
  const Signed sun = SignIn("sun");
  auto c = Client();

  auto first = c.Get(kReport, wang.session);
  const int before = TasksTotal(first);
  ASSERT_EQ(before, 1);
  auto again = c.Get(kReport, wang.session);
  ASSERT_TRUE(again);
  EXPECT_EQ(TasksTotal(again), before);

  // A reader of another school is refused, however warm the cache.
  Problem(c.Get(kReport, sun.session), 403);

  // A change to the record shows at once.
  const nlohmann::json task = {{"workflow", "task"},
                               {"org", "school-a"},
                               {"fields", {{"title", "操场翻新"}, {"owner", "li"}, {"due_date", "2026-06-30"}}}};
  auto made = c.Post("/api/items", wang.session, task.dump(), "application/json");
  ASSERT_TRUE(made && made->status == 201) << (made ? made->body : httplib::to_string(made.error()));
  EXPECT_EQ(TasksTotal(c.Get(kReport, wang.session)), before + 1);

  // Formats and languages are kept apart.
  httplib::Headers zh = wang.session, en = wang.session;
  zh.emplace("Accept-Language", "zh");
  en.emplace("Accept-Language", "en");
  auto md_zh = c.Get(std::string(kReport) + "?format=md", zh);
  auto md_en = c.Get(std::string(kReport) + "?format=md", en);
  auto csv_en = c.Get(std::string(kReport) + "?format=csv", en);
  ASSERT_TRUE(md_zh && md_en && csv_en);
  EXPECT_EQ(md_zh->get_header_value("Content-Type"), "text/markdown; charset=utf-8");
  EXPECT_EQ(csv_en->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(md_zh->body.find("督办事项"), std::string::npos) << md_zh->body.substr(0, 300);
  EXPECT_NE(md_en->body.find("Execution tasks"), std::string::npos) << md_en->body.substr(0, 300);
  EXPECT_NE(md_en->body, csv_en->body);
  Problem(c.Get(std::string(kReport) + "?format=pdf", en), 400);
}

}  // namespace
}  // namespace docket::testing
