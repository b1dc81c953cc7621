// engine/report alone, without a store: a document made by hand renders in every format
// with what each format must escape, and its json form reads back the same.
#include <gmock/gmock.h>

#include "core/catalog.h"
#include "report/doc.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

// A document made by hand, with text that each format must escape.
ReportDoc Tricky() {
  ReportDoc doc;
  doc.kind = "report";
  doc.report = "semester";
  doc.version = 1;
  doc.definition_hash = std::string(64, 'a');
  doc.labels = {"学期工作报告", "Semester report"};
  doc.org = "school-a";
  doc.org_name = {"一中", "No. 1"};
  doc.term = "2026-spring";
  doc.term_labels = {"春季", "Spring"};
  doc.term_start = "2026-02-23";
  doc.term_end = "2026-07-10";
  doc.generated_at = "2026-07-15T09:00:00Z";
  ReportTable t{"items", {"明细", "Items"}, {{"title", {"标题", "Title"}, false}, {"n", {"数", "N"}, true}}, {}, true, {}};
  t.rows.push_back({ReportCell{Value("a|b <c> & \"d\", e\nf"), {}}, ReportCell{Value(std::int64_t{3}), {}}});
  t.rows.push_back({ReportCell{Value("total"), {"合计", "Total"}}, ReportCell{Value(), {}}});
  doc.sections.push_back({"s", "items", {"第一节", "Section one"}, {t, ReportTable{"none", {}, {}, {}, false, {"（无）", "(none)"}}}});
  return doc;
}

// Cells a spreadsheet would run as formulas: text a person typed (a title, an organization's
// name) that begins with =, +, -, @, a tab or a carriage return gets a ' in front; plain
// numbers, negative ones included, stay numbers.
TEST(ReportRender, CsvNeutralizesCellsThatASpreadsheetWouldRunAsFormulas) {
  ReportDoc doc = Tricky();
  doc.org_name = {"=HYPERLINK(\"http://x\")", "=HYPERLINK(\"http://x\")"};
  ReportTable t{"t", {}, {{"title", {"标题", "Title"}, false}, {"n", {"数", "N"}, true}}, {}, false, {}};
  auto row = [&](const std::string& text, Value n) { t.rows.push_back({ReportCell{Value(text), {}}, ReportCell{n, {}}}); };
  row("=1+2", Value(std::int64_t{-12}));
  row("+cmd|' /C calc'!A0", Value(std::int64_t{0}));
  row("@SUM(A1:A2)", Value(std::string("-3.5")));
  row("-2+3", Value(std::string("-40%")));
  row("\tx", Value(std::string("-")));
  row("\r=1", Value(std::string("-1/3")));
  row("a=b", Value(std::string("1-2")));
  doc.sections.push_back({"f", "items", {"第二节", "Section two"}, {t}});
  const std::string csv = RenderCsv(doc, Lang::kEn);
  EXPECT_THAT(csv, HasSubstr("Semester report,\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"));
  EXPECT_THAT(csv, HasSubstr("\r\n'=1+2,-12\r\n"));
  EXPECT_THAT(csv, HasSubstr("\r\n'+cmd|' /C calc'!A0,0\r\n"));
  EXPECT_THAT(csv, HasSubstr("\r\n'@SUM(A1:A2),-3.5\r\n"));
  EXPECT_THAT(csv, HasSubstr("\r\n'-2+3,-40%\r\n"));
  EXPECT_THAT(csv, HasSubstr("\r\n'\tx,'-\r\n"));
  EXPECT_THAT(csv, HasSubstr("\r\n\"'\r=1\",'-1/3\r\n"));
  EXPECT_THAT(csv, HasSubstr("\r\na=b,1-2\r\n"));
  EXPECT_EQ(NeutralizeCsvFormula(""), "");
  EXPECT_EQ(NeutralizeCsvFormula("-0.5"), "-0.5");
  EXPECT_EQ(NeutralizeCsvFormula("-.5"), "'-.5");
  EXPECT_EQ(NeutralizeCsvFormula("-5."), "'-5.");
  EXPECT_EQ(NeutralizeCsvFormula("-1e3"), "'-1e3");
  EXPECT_EQ(NeutralizeCsvFormula("食堂"), "食堂");
  // Markdown and HTML are not read by spreadsheets: they show the text as it is.
  EXPECT_THAT(RenderMarkdown(doc, Lang::kEn), HasSubstr("| =1+2 | -12 |"));
}

TEST(ReportRender, EachFormatEscapesWhatItMust) {
  const ReportDoc doc = Tricky();
  const std::string md = RenderMarkdown(doc, Lang::kEn);
  EXPECT_THAT(md, HasSubstr("| a\\|b <c> & \"d\", e f | 3 |"));
  EXPECT_THAT(md, HasSubstr("| **Total** | **—** |"));
  EXPECT_THAT(md, HasSubstr("| Title | N |\n| --- | ---: |"));
  EXPECT_THAT(md, HasSubstr("\n(none)\n"));
  const std::string html = RenderHtml(doc, Lang::kZh);
  EXPECT_THAT(html, HasSubstr("<td>a|b &lt;c&gt; &amp; &quot;d&quot;, e\nf</td><td class=\"n\">3</td>"));
  EXPECT_THAT(html, HasSubstr("<tr class=\"total\"><td>合计</td>"));
  EXPECT_THAT(html, HasSubstr("<html lang=\"zh-CN\">"));
  EXPECT_THAT(html, HasSubstr("<p class=\"empty\">（无）</p>"));
  EXPECT_EQ(html.find("<script"), std::string::npos);
  const std::string csv = RenderCsv(doc, Lang::kEn);
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_THAT(csv, HasSubstr("\"a|b <c> & \"\"d\"\", e\nf\",3\r\n"));
  EXPECT_THAT(csv, HasSubstr("Total,\r\n"));
  // The json form keeps every cell's value and both texts, and reads back the same.
  auto back = ReportFromJson(nlohmann::json::parse(RenderJson(doc)));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(CanonicalReport(*back), CanonicalReport(doc));
  EXPECT_EQ(back->sections[0].tables[0].rows[1][0].Text(Lang::kZh), "合计");
  EXPECT_EQ(ReportFromJson(nlohmann::json::parse("{\"docket_report\": 2}")).status().code(), Code::kInvalid);
  EXPECT_EQ(ReportFromJson(nlohmann::json::parse("{\"docket_report\": 1, \"sections\": [{\"tables\": [{\"columns\": [], "
                                                 "\"rows\": [[1]]}]}]}"))
                .status()
                .code(),
            Code::kInvalid);
}

// The json form writes labels as they are written everywhere (LabelsToJson): a third
// language a definition gives (here fr) is kept beside zh and en, in the cells too, and
// reads back; without one the form has only zh and en.
TEST(ReportRender, TheJsonFormCarriesEveryLanguageOfTheLabels) {
  ReportDoc doc = Tricky();
  const nlohmann::json plain = ReportToJson(doc);
  EXPECT_EQ(plain["labels"].dump(), R"({"en":"Semester report","zh":"学期工作报告"})");
  EXPECT_EQ(plain["sections"][0]["tables"][0]["rows"][1][0].dump(), R"({"en":"Total","value":"total","zh":"合计"})");
  doc.labels.more["fr"] = "Rapport semestriel";
  doc.sections[0].tables[0].rows[1][0].shown.more["fr"] = "Total général";
  const nlohmann::json j = ReportToJson(doc);
  EXPECT_EQ(j["labels"]["fr"], "Rapport semestriel");
  EXPECT_EQ(j["sections"][0]["tables"][0]["rows"][1][0]["fr"], "Total général");
  auto back = ReportFromJson(j);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->labels.more.at("fr"), "Rapport semestriel");
  EXPECT_EQ(back->sections[0].tables[0].rows[1][0].shown.more.at("fr"), "Total général");
  EXPECT_EQ(back->sections[0].tables[0].rows[1][0].value, Value("total"));
  EXPECT_EQ(CanonicalReport(*back), CanonicalReport(doc));
}

// The words of the front matter and of the cells come from the message catalog, one entry
// giving both languages.
TEST(ReportRender, TheWordsComeFromTheCatalogInEachLanguage) {
  EXPECT_EQ(ReportWord("org", Lang::kZh), "组织");
  EXPECT_EQ(ReportWord("org", Lang::kEn), "Organization");
  EXPECT_EQ(ReportWord("derived", Lang::kZh), "本报告由系统根据事项记录和审计日志自动生成，未经人工填报。");
  EXPECT_EQ(ReportWord("none", Lang::kZh), "（无）");
  EXPECT_EQ(ReportWord("no-such-word", Lang::kEn), "");
  const Labels total = LabelsOf(Msg("Total"));
  EXPECT_EQ(total.zh, "合计");
  EXPECT_EQ(total.en, "Total");
  const ReportDoc doc = Tricky();
  EXPECT_EQ(ReportDates(doc, Lang::kZh), "2026-02-23 至 2026-07-10");
  EXPECT_EQ(ReportDates(doc, Lang::kEn), "2026-02-23 to 2026-07-10");
  EXPECT_THAT(RenderMarkdown(doc, Lang::kZh), HasSubstr("\n- 学期：春季 (2026-spring, 2026-02-23 至 2026-07-10)\n"));
  EXPECT_THAT(RenderMarkdown(doc, Lang::kEn), HasSubstr("\n- Term: Spring (2026-spring, 2026-02-23 to 2026-07-10)\n"));
  EXPECT_THAT(RenderCsv(doc, Lang::kZh), HasSubstr("\r\n生成时间,2026-07-15T09:00:00Z\r\n"));
  // Why a text is not a report document, in the reader's language.
  const Status bad = ReportFromJson(nlohmann::json::parse("{\"docket_report\": 2}")).status();
  EXPECT_EQ(Text(bad.msg(), Lang::kZh), "不是 Docket 报告文件：缺少 \"docket_report\": 1");
  EXPECT_EQ(bad.message(), "not a Docket report document: it lacks \"docket_report\": 1");
  const Status deep = ReportFromJson(nlohmann::json::parse(
      "{\"docket_report\": 1, \"sections\": [{\"tables\": [{\"columns\": [{}], \"rows\": [[{\"value\": {}}]]}]}]}")).status();
  EXPECT_EQ(Text(deep.msg(), Lang::kZh), "不是 Docket 报告文件：JSON 对象不是单元格的值");
}

}  // namespace
}  // namespace docket::testing
