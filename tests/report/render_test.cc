// engine/report alone, without a store: a document made by hand renders in every format
// with what each format must escape, and its json form reads back the same.
#include <gmock/gmock.h>

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

}  // namespace
}  // namespace docket::testing
