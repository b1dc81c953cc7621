// `docket report rollup|semester --format xlsx` with the real binary: the workbook read back
// by tests/support/xlsx_cells.py (python3's zipfile and xml, nothing else) is a valid zip
// whose one sheet holds the CSV's rows and columns cell for cell — the schools by name, the
// measures as numbers, the total row — with the header bold and frozen; the same document
// gives the same bytes; a workbook is refused to a terminal without --out (exit 2).
#include <nlohmann/json.hpp>

#include "cli_fixture.h"
#include "support/paths.h"
#include "xlsx_read.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

const char* const kPython = "/usr/bin/python3";

class CliReportXlsxTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(Docket({"calendar", "load", SourcePath("workflows/examples/calendar.yaml")}).exit_code, 0);
    now_ = "2026-07-11T09:00:00Z";
    ASSERT_EQ(Docket({"tick"}).exit_code, 0);  // every school's report for 2026-spring opens
    now_ = "2026-08-12T09:00:00Z";             // and is late by now
  }
};

// The subtotals per district (app/rollup_districts.h) in the workbook and the CSV alike: one
// row per parent organization with its schools, their count per status and the sums.
TEST_F(CliReportXlsxTest, RollupWorkbookAndCsvHoldTheSubtotalsPerDistrict) {
  for (const std::string lang : {"zh", "en"}) {
    const std::string file = dir_.File("districts." + lang + ".xlsx");
    auto wrote = Docket({"--lang", lang, "report", "rollup", "--org", "district", "--term", "2026-spring", "--format", "xlsx",
                         "--out", file});
    ASSERT_EQ(wrote.exit_code, 0) << wrote.err;
    const nlohmann::json sheet = XlsxCells(file);
    ASSERT_FALSE(sheet.is_discarded());
    auto csv = Docket({"--lang", lang, "report", "rollup", "--org", "district", "--term", "2026-spring", "--format", "csv"});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    ExpectSameRows(sheet, csv.out);
    EXPECT_THAT(csv.out, HasSubstr(lang == "zh" ? "各上级组织小计" : "Subtotals by parent organization"));

    const auto& rows = sheet["rows"];
    auto find_header = [&](const std::string& first) {
      std::size_t r = 0;
      while (r < rows.size() && !(rows[r].size() > 2 && CellAsCsv(rows[r][0]) == first)) ++r;
      return r;
    };
    const std::size_t header = find_header(lang == "zh" ? "上级组织" : "Parent organization");
    ASSERT_LT(header + 1, rows.size()) << "no subtotals' header";
    const auto& columns = rows[header];
    const auto& district = rows[header + 1];
    ASSERT_EQ(district.size(), columns.size());
    EXPECT_EQ(CellAsCsv(district[0]), lang == "zh" ? "示例区教育工委" : "Example District Education Work Committee");
    auto cell = [&](const std::string& name) -> std::int64_t {
      for (std::size_t c = 0; c < columns.size(); ++c) {
        if (CellAsCsv(columns[c]) == name && district[c].contains("n")) return district[c]["n"].get<std::int64_t>();
      }
      ADD_FAILURE() << "no number column " << name;
      return -1;
    };
    EXPECT_EQ(cell(lang == "zh" ? "学校数" : "Schools"), 3);
    EXPECT_EQ(cell(lang == "zh" ? "逾期未报" : "Late"), 3);  // every school's report late by now
    // The findings' sum is the roll-up's total (one district holds every school).
    const std::size_t orgs = find_header(lang == "zh" ? "单位" : "Organization");
    ASSERT_LT(orgs + 4, rows.size());
    EXPECT_EQ(district.back()["n"].get<std::int64_t>(), rows[orgs + 4].back()["n"].get<std::int64_t>());
  }
}

TEST_F(CliReportXlsxTest, RollupWorkbookHoldsTheCsvRowsWithNumbersAsNumbersAndABoldFrozenHeader) {
  for (const std::string lang : {"zh", "en"}) {
    const std::string file = dir_.File("rollup." + lang + ".xlsx");
    auto wrote = Docket({"--lang", lang, "report", "rollup", "--org", "district", "--term", "2026-spring", "--format", "xlsx",
                         "--out", file});
    ASSERT_EQ(wrote.exit_code, 0) << wrote.err;
    EXPECT_THAT(wrote.out, HasSubstr(file));
    EXPECT_EQ(FileText(file).substr(0, 4), std::string("PK\x03\x04"));
    const nlohmann::json sheet = XlsxCells(file);
    ASSERT_FALSE(sheet.is_discarded());
    EXPECT_EQ(sheet["sheets"].size(), 1u);
    auto csv = Docket({"--lang", lang, "report", "rollup", "--org", "district", "--term", "2026-spring", "--format", "csv"});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    ExpectSameRows(sheet, csv.out);

    // The schools by name in xl/sharedStrings.xml, in the request's language.
    const std::string first = lang == "zh" ? "示例区第一中学" : "Example District No. 1 Middle School";
    const std::string third = lang == "zh" ? "示例区第二中学" : "Example District No. 2 Middle School";
    const auto& strings = sheet["shared_strings"];
    EXPECT_NE(std::find(strings.begin(), strings.end(), first), strings.end());
    EXPECT_NE(std::find(strings.begin(), strings.end(), third), strings.end());

    // The header of the organizations' table: bold, frozen with everything above it, and the
    // filter over the schools' rows; the measures of each school and the total are numbers.
    const auto& rows = sheet["rows"];
    std::size_t header = 0;
    while (header < rows.size() && !(rows[header].size() > 4 && CellAsCsv(rows[header][0]) == (lang == "zh" ? "单位" : "Organization"))) {
      ++header;
    }
    ASSERT_LT(header + 4, rows.size());
    EXPECT_EQ(sheet["frozen_rows"], header + 1);
    const auto& bold = sheet["bold_rows"];
    EXPECT_NE(std::find(bold.begin(), bold.end(), header), bold.end());
    EXPECT_EQ(std::find(bold.begin(), bold.end(), header + 1), bold.end());  // a school's row
    EXPECT_NE(std::find(bold.begin(), bold.end(), header + 4), bold.end());  // the total
    EXPECT_EQ(sheet["autofilter"], "A" + std::to_string(header + 1) + ":" +
                                       std::string(1, static_cast<char>('A' + rows[header].size() - 1)) +
                                       std::to_string(header + 4));
    std::int64_t findings = 0;
    for (std::size_t r = header + 1; r <= header + 3; ++r) {
      EXPECT_TRUE(rows[r][0].contains("s"));
      EXPECT_EQ(CellAsCsv(rows[r][2]).substr(0, 1), "#");  // the report item, as text
      for (std::size_t c = 4; c < rows[r].size(); ++c) EXPECT_TRUE(rows[r][c].contains("n")) << r << "," << c;
      findings += rows[r].back()["n"].get<std::int64_t>();
    }
    const auto& total = rows[header + 4];
    EXPECT_EQ(CellAsCsv(total[0]), lang == "zh" ? "合计（3 个单位）" : "Total (3)");
    ASSERT_TRUE(total.back().contains("n"));
    EXPECT_EQ(total.back()["n"].get<std::int64_t>(), findings);
    EXPECT_GE(findings, 3);  // each school's report late: R14 at least
  }
  // The same document, the same bytes (the workbook's time is the document's).
  const std::string again = dir_.File("again.xlsx");
  ASSERT_EQ(Docket({"--lang", "en", "report", "rollup", "--org", "district", "--term", "2026-spring", "--format", "xlsx",
                    "--out", again})
                .exit_code,
            0);
  EXPECT_EQ(FileText(again), FileText(dir_.File("rollup.en.xlsx")));
}

TEST_F(CliReportXlsxTest, TextThatLooksLikeAFormulaStaysText) {
  // A school named like a formula: the CSV neutralizes it with a quote, the workbook holds
  // it as a string as it is, and no cell of the sheet is a formula.
  const std::string formula = "=HYPERLINK(\"http://example.com\",\"2\")";
  std::string org = FileText(SourcePath("workflows/examples/org.yaml"));
  const std::string name = "{zh: 示例区第二中学,";
  ASSERT_NE(org.find(name), std::string::npos);
  org.replace(org.find(name), name.size(), "{zh: '" + formula + "',");
  WriteFile(dir_.File("org.yaml"), org);
  ASSERT_EQ(Docket({"org", "load", dir_.File("org.yaml")}).exit_code, 0);
  const std::string file = dir_.File("formula.xlsx");
  ASSERT_EQ(Docket({"report", "rollup", "--org", "district", "--term", "2026-spring", "--format", "xlsx", "--out", file})
                .exit_code,
            0);
  const nlohmann::json sheet = XlsxCells(file);
  ASSERT_FALSE(sheet.is_discarded());
  EXPECT_EQ(sheet["formulas"], 0);
  const auto& strings = sheet["shared_strings"];
  EXPECT_NE(std::find(strings.begin(), strings.end(), formula), strings.end());
  auto csv = Docket({"report", "rollup", "--org", "district", "--term", "2026-spring", "--format", "csv"});
  EXPECT_THAT(csv.out, HasSubstr("\"'=HYPERLINK("));
}

TEST_F(CliReportXlsxTest, SemesterReportWorkbookHoldsTheCsvRows) {
  const std::string file = dir_.File("semester.xlsx");
  auto wrote = Docket({"report", "semester", "--org", "school-a", "--term", "2026-spring", "--format", "xlsx", "--out", file});
  ASSERT_EQ(wrote.exit_code, 0) << wrote.err;
  const nlohmann::json sheet = XlsxCells(file);
  ASSERT_FALSE(sheet.is_discarded());
  auto csv = Docket({"report", "semester", "--org", "school-a", "--term", "2026-spring", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  ExpectSameRows(sheet, csv.out);
  EXPECT_EQ(sheet["frozen_rows"], 1);
  EXPECT_EQ(CellAsCsv(sheet["rows"][0][1]), "示例区第一中学");
}

TEST_F(CliReportXlsxTest, AWorkbookGoesToAFileOrAPipeNeverToATerminal) {
  const std::vector<std::string> rollup{"report", "rollup", "--org", "district", "--term", "2026-spring", "--format", "xlsx"};
  // Standard output a file (as a pipe would be): the workbook's bytes.
  auto piped = Docket(rollup);
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.out.substr(0, 4), std::string("PK\x03\x04"));
  // A terminal (python's pty): refused before the record is read, exit 2, and nothing printed.
  std::vector<std::string> args{"-c", "import os, pty, sys; sys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))",
                                DOCKET_BINARY, "--db", db_, "--now", now_, "--lang", "en"};
  args.insert(args.end(), rollup.begin(), rollup.end());
  auto terminal = RunProcess(kPython, args, dir_.path());
  EXPECT_EQ(terminal.exit_code, 2) << terminal.out << terminal.err;
  EXPECT_THAT(terminal.out, HasSubstr("an XLSX workbook is not for the terminal: give --out FILE"));
  EXPECT_EQ(terminal.out.find("PK"), std::string::npos);
  // An unknown format: the usual refusal.
  auto bad = Docket({"report", "rollup", "--org", "district", "--term", "2026-spring", "--format", "xls"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("xls"));
}

}  // namespace
}  // namespace docket::testing
