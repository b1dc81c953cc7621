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

// The roll-up's column `column` in the row of `org` (-1 when missing), and the whole row.
int RollupCell(const nlohmann::json& doc, const std::string& org, const std::string& column) {
  for (const auto& section : doc.at("sections")) {
    if (section.value("id", "") != "orgs") continue;
    const auto& table = section.at("tables").at(0);
    const auto& columns = table.at("columns");
    for (const auto& row : table.at("rows")) {
      const auto& first = row.at(0);
      const std::string id = first.is_object() ? first.value("value", "") : first.is_string() ? first.get<std::string>() : "";
      if (id != org) continue;
      for (std::size_t c = 0; c < columns.size(); ++c) {
        if (columns[c].value("id", "") == column && row[c].is_number()) return row[c].get<int>();
      }
    }
  }
  ADD_FAILURE() << "no " << column << " for " << org << " in " << doc.dump().substr(0, 400);
  return -1;
}

// The supervisor's roll-up is kept per school (app/rollup_cache.h): the same bytes while
// nothing moves, and a school's change shown in the very next roll-up, the others' rows
// as they were.
TEST_F(ServerReportsTest, TheKeptRollupShowsASchoolsChangeAtOnce) {
  ASSERT_EQ(Docket({"calendar", "load", SourcePath("workflows/examples/calendar.yaml")}).exit_code, 0);
  now_ = "2026-07-11T09:00:00Z";
  ASSERT_EQ(Docket({"tick"}).exit_code, 0);  // every school's report for 2026-spring opens
  ASSERT_GT(Start(), 0);
  const Signed zhao = SignIn("zhao");
  const Signed wang = SignIn("wang");
  auto c = Client();
  constexpr const char* kRollup = "/api/reports/semester/district/2026-spring/rollup";

  auto first = c.Get(kRollup, zhao.session);
  ASSERT_TRUE(first && first->status == 200) << (first ? first->body : httplib::to_string(first.error()));
  auto again = c.Get(kRollup, zhao.session);
  ASSERT_TRUE(again && again->status == 200);
  EXPECT_EQ(again->body, first->body);  // nothing moved: the same document
  const nlohmann::json before = nlohmann::json::parse(first->body);
  const int overdue = RollupCell(before, "school-a", "tasks.overdue");
  const int other = RollupCell(before, "school-b", "tasks.overdue");
  auto csv_before = c.Get(std::string(kRollup) + "?format=csv&lang=en", zhao.session);
  ASSERT_TRUE(csv_before && csv_before->status == 200);

  const nlohmann::json task = {{"workflow", "task"},
                               {"org", "school-a"},
                               {"fields", {{"title", "操场翻新"}, {"owner", "li"}, {"due_date", "2026-06-30"}}}};
  auto made = c.Post("/api/items", wang.session, task.dump(), "application/json");
  ASSERT_TRUE(made && made->status == 201) << (made ? made->body : httplib::to_string(made.error()));

  auto after = c.Get(kRollup, zhao.session);
  ASSERT_TRUE(after && after->status == 200);
  const nlohmann::json moved = nlohmann::json::parse(after->body);
  EXPECT_EQ(RollupCell(moved, "school-a", "tasks.overdue"), overdue + 1);
  EXPECT_EQ(RollupCell(moved, "school-b", "tasks.overdue"), other);
  EXPECT_EQ(RollupCell(moved, "total", "tasks.overdue"), RollupCell(before, "total", "tasks.overdue") + 1);
  // Each format rendered from the new version, not kept from the old one.
  auto csv_after = c.Get(std::string(kRollup) + "?format=csv&lang=en", zhao.session);
  ASSERT_TRUE(csv_after && csv_after->status == 200);
  EXPECT_NE(csv_after->body, csv_before->body);
}

}  // namespace
}  // namespace docket::testing
