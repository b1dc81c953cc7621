// `docket item import FILE --org ORG --as PERSON` through the real binary: the records come
// in, marked where items are shown and audited; a person who is not the secretary or the
// clerk is refused (exit 4); a bad record names the file, line, record and field (exit 2)
// and changes nothing; a tampered import entry fails `audit verify` (exit 7); the semester
// report and the roll-up count imported records apart.
#include <SQLiteCpp/SQLiteCpp.h>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class CliImportTest : public CliTest {
 protected:
  std::string Example() { return SourcePath("workflows/examples/import.yaml"); }
  // The number of entries `audit verify` counts, or -1 when it fails.
  long Entries() {
    auto r = Docket({"--json", "audit", "verify"});
    if (r.exit_code != 0) return -1;
    return nlohmann::json::parse(r.out).value("entries", -1L);
  }
  std::size_t Items() {
    auto r = Docket({"--json", "item", "list"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out).size();
  }
};

TEST_F(CliImportTest, ImportedRecordsAreShownAsImportedAndVerify) {
  auto r = As("wang", {"item", "import", Example(), "--org", "school-a"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("已导入 4 条历史记录到 school-a"));
  EXPECT_THAT(r.out, HasSubstr("党委会会议记录本第3册第12页"));

  auto j = As("wang", {"--json", "item", "import", Example(), "--org", "school-a"});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc["count"], 4);
  EXPECT_EQ(doc["role"], "secretary");
  EXPECT_EQ(doc["records"][1]["workflow"], "decision");
  EXPECT_EQ(doc["records"][2]["parent"], doc["records"][1]["id"]);
  const std::string decision = std::to_string(doc["records"][1]["id"].get<long>());

  auto show = Docket({"item", "show", decision});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_THAT(show.out, HasSubstr("标注：导入的历史记录（来源：党委会会议记录本第3册第13页；原始日期：2025-09-05）"));
  auto en = Docket({"--lang", "en", "item", "show", decision});
  EXPECT_THAT(en.out, HasSubstr("Imported record (source: 党委会会议记录本第3册第13页; originally recorded on 2025-09-05)"));
  auto shown = nlohmann::json::parse(Docket({"--json", "item", "show", decision}).out);
  EXPECT_EQ(shown["imported"]["source"], "党委会会议记录本第3册第13页");
  EXPECT_EQ(shown["imported"]["recorded_on"], "2025-09-05");
  EXPECT_EQ(shown["state"], "in_execution");
  EXPECT_EQ(shown["children"].size(), 2u);
  // An item made in Docket says nothing of the kind.
  const std::string task = NewTask();
  EXPECT_THAT(Docket({"item", "show", task}).out, Not(HasSubstr("导入")));
  EXPECT_FALSE(nlohmann::json::parse(Docket({"--json", "item", "show", task}).out).contains("imported"));

  auto history = nlohmann::json::parse(Docket({"--json", "item", "history", decision}).out);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0]["action"], "import");
  EXPECT_EQ(history[0]["time"], now_);
  EXPECT_EQ(history[0]["reason"], "imported from import.yaml");
  EXPECT_EQ(history[0]["changes"]["$recorded_on"][1], "2025-09-05");

  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);
  // R1 still holds: nobody creates a decision by hand.
  EXPECT_EQ(As("wang", {"item", "create", "decision", "--org", "school-a", "--set", "title=t"}).exit_code, 4);
  // Findings list the imported task past its due date instead of judging it.
  auto findings = nlohmann::json::parse(Docket({"--json", "findings", "--org", "school-a"}).out);
  bool listed = false;
  for (const auto& f : findings["findings"]) {
    if (f["rule"] == "imported" && f["workflow"] == "task") listed = true;
    EXPECT_NE(f["rule"], "R12");
  }
  EXPECT_TRUE(listed) << findings.dump(2);
  auto text = Docket({"findings", "--org", "school-a"});
  EXPECT_THAT(text.out, HasSubstr("标注：导入的历史记录，未按规则回溯检查"));
}

TEST_F(CliImportTest, OnlyTheSecretaryOrTheClerkMayImport) {
  const long entries = Entries();
  for (const char* who : {"li", "chen", "zhao"}) {
    auto r = As(who, {"--lang", "en", "item", "import", Example(), "--org", "school-a"});
    EXPECT_EQ(r.exit_code, 4) << who << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr("secretary or clerk"));
  }
  EXPECT_EQ(Items(), 0u);
  EXPECT_EQ(Entries(), entries + 3);  // the three refusals, recorded
  EXPECT_EQ(As("nobody", {"item", "import", Example(), "--org", "school-a"}).exit_code, 3);
  EXPECT_EQ(As("wang", {"item", "import", Example(), "--org", "nowhere"}).exit_code, 3);
  EXPECT_EQ(Docket({"item", "import", Example(), "--org", "school-a"}).exit_code, 2);  // no --as
  auto clerk = As("liu", {"item", "import", Example(), "--org", "school-a"});
  EXPECT_EQ(clerk.exit_code, 0) << clerk.err;
  EXPECT_EQ(Items(), 4u);
}

TEST_F(CliImportTest, ABadRecordNamesWhereAndChangesNothing) {
  const std::string file = dir_.File("old.yaml");
  WriteFile(file,
            "records:\n"
            "  - key: d\n"
            "    workflow: decision\n"
            "    state: adopted\n"
            "    recorded_on: 2025-10-10\n"
            "    source: 记录本第5页\n"
            "    fields: {title: 修缮操场}\n"
            "  - workflow: task\n"
            "    parent: d\n"
            "    state: assigned\n"
            "    recorded_on: 2025-10-11\n"
            "    source: 台账第2号\n"
            "    fields:\n"
            "      title: 修缮\n"
            "      owner: li\n"
            "      due_date: 2025-10-32\n");
  const long entries = Entries();
  auto r = As("wang", {"--lang", "en", "item", "import", file, "--org", "school-a"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(file + ":16:17: record 2 (task): field 'due_date'"));
  EXPECT_THAT(r.err, HasSubstr("nothing was imported"));
  EXPECT_EQ(Items(), 0u);
  EXPECT_EQ(Entries(), entries);

  WriteFile(file, "records:\n  - workflow: task\n    state: [assigned\n");
  r = As("wang", {"item", "import", file, "--org", "school-a"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(file + ":"));
  EXPECT_EQ(As("wang", {"item", "import", dir_.File("missing.yaml"), "--org", "school-a"}).exit_code, 3);  // not found
  EXPECT_EQ(Items(), 0u);
  EXPECT_EQ(Entries(), entries);
}

TEST_F(CliImportTest, ATamperedImportEntryFailsVerification) {
  auto r = As("wang", {"--json", "item", "import", Example(), "--org", "school-a"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  const std::string seq = std::to_string(doc["records"][0]["audit_seq"].get<long>());
  ASSERT_EQ(Docket({"audit", "verify"}).exit_code, 0);
  {
    SQLite::Database db(db_, SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;");
    // The import passed off as an ordinary creation.
    db.exec("UPDATE audit SET action = 'create' WHERE org = 'school-a' AND seq = " + seq);
  }
  auto v = Docket({"--lang", "en", "audit", "verify"});
  EXPECT_EQ(v.exit_code, 7);
  EXPECT_THAT(v.err, HasSubstr("organization 'school-a', entry " + seq));
}

TEST_F(CliImportTest, TheReportAndTheRollupCountImportedRecordsApart) {
  ASSERT_EQ(Docket({"calendar", "load", SourcePath("workflows/examples/calendar.yaml")}).exit_code, 0);
  now_ = "2026-03-20T09:00:00Z";
  const std::string file = dir_.File("spring.yaml");
  WriteFile(file,
            "records:\n"
            "  - {key: m, workflow: meeting, state: archived, recorded_on: 2026-02-25, source: 记录本第1页,\n"
            "     fields: {title: 开学党委会, body: party-meeting, scheduled_at: 2026-02-25T07:00:00Z,\n"
            "              held_at: 2026-02-25T07:00:00Z, present: [wang, li, chen, gao, ma]}}\n"
            "  - {workflow: decision, state: adopted, recorded_on: 2026-02-25, source: 记录本第2页,\n"
            "     fields: {title: 校舍维修, category: routine, meeting: m}}\n");
  ASSERT_EQ(As("liu", {"item", "import", file, "--org", "school-a"}).exit_code, 0);
  auto report = Docket({"report", "semester", "--org", "school-a", "--term", "2026-spring", "--format", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  auto doc = nlohmann::json::parse(report.out);
  auto cell = [](const nlohmann::json& d, const std::string& section, const std::string& table, int row,
                 const std::string& column) -> nlohmann::json {
    for (const auto& s : d["sections"]) {
      if (s["id"] != section) continue;
      for (const auto& t : s["tables"]) {
        if (t["id"] != table) continue;
        for (std::size_t c = 0; c < t["columns"].size(); ++c) {
          if (t["columns"][c]["id"] == column) return t["rows"][row][c];
        }
      }
    }
    return nullptr;
  };
  EXPECT_EQ(cell(doc, "meetings", "summary", 0, "held"), 1);
  EXPECT_EQ(cell(doc, "meetings", "summary", 0, "imported"), 1);
  EXPECT_EQ(cell(doc, "decisions", "summary", 0, "imported"), 1);
  auto md = Docket({"--lang", "en", "report", "semester", "--org", "school-a", "--term", "2026-spring"});
  EXPECT_THAT(md.out, HasSubstr("Of which imported"));

  auto rollup = Docket({"report", "rollup", "--org", "district", "--term", "2026-spring", "--format", "json"});
  ASSERT_EQ(rollup.exit_code, 0) << rollup.err;
  auto r = nlohmann::json::parse(rollup.out);
  EXPECT_EQ(cell(r, "orgs", "orgs", 0, "decisions.imported"), 1);
  EXPECT_EQ(cell(r, "orgs", "orgs", 1, "decisions.imported"), 0);
}

}  // namespace
}  // namespace docket::testing
