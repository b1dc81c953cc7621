// Report definitions: the shipped semester report parses and names only what the shipped
// workflows have; every kind of bad report file is an error at FILE:LINE:COL, all of them
// found in one pass, and a file with errors gives no definition.
#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "definition/report_loader.h"
#include "definition/workflow_loader.h"
#include "test_files.h"

namespace docket {
namespace {

using testing::FormatAll;
using testing::FileText;
using testing::RepoPath;

// The shipped workflows, parsed, by id.
const std::map<std::string, std::shared_ptr<Definition>>& Shipped() {
  static const auto* kDefs = [] {
    auto* m = new std::map<std::string, std::shared_ptr<Definition>>();
    for (const char* name : {"meeting", "matter", "decision", "task", "temporary-action", "communication",
                             "semester-report", "finding"}) {
      std::vector<Diagnostic> diags;
      auto def = ParseWorkflow(FileText(RepoPath(std::string("workflows/") + name + ".yaml")), name, &diags);
      EXPECT_TRUE(def.has_value()) << name << ": " << FormatAll(diags);
      if (!def) continue;
      const std::string id = def->id;  // before the move below
      (*m)[id] = std::make_shared<Definition>(std::move(*def));
    }
    return m;
  }();
  return *kDefs;
}

const Definition* Find(const std::string& id) {
  auto it = Shipped().find(id);
  return it == Shipped().end() ? nullptr : it->second.get();
}

std::vector<Diagnostic> Lint(const std::string& yaml) {
  std::vector<Diagnostic> diags;
  auto def = ParseReportFile(yaml, "r.yaml", &diags);
  if (def) LintReport(*def, "r.yaml", Find, &diags);
  return diags;
}

TEST(ReportLoader, TheShippedSemesterReportParsesAndLintsClean) {
  const std::string path = RepoPath("workflows/reports/semester.yaml");
  std::vector<Diagnostic> diags;
  auto def = ParseReportFile(FileText(path), path, &diags);
  ASSERT_TRUE(def.has_value()) << FormatAll(diags);
  LintReport(*def, path, Find, &diags);
  EXPECT_TRUE(diags.empty()) << FormatAll(diags);
  EXPECT_EQ(def->id, "semester");
  ASSERT_TRUE(def->item.has_value());
  EXPECT_EQ(def->item->workflow, "semester-report");
  EXPECT_EQ(def->item->due_seconds, 30 * 86400);
  ASSERT_TRUE(def->rollup.has_value());
  EXPECT_EQ(def->rollup->orgs_of_kind, "school");
  const ReportSection* matters = def->FindSection("matters");
  ASSERT_NE(matters, nullptr);
  EXPECT_EQ(matters->in_term.by, TermMembership::By::kRef);
  ASSERT_TRUE(matters->set_apart.has_value());
  EXPECT_EQ(matters->set_apart->values.size(), 4u);  // the 三重一大 categories
  const ReportSection* meetings = def->FindSection("meetings");
  ASSERT_NE(meetings, nullptr);
  const ReportMeasure* quorum = meetings->FindMeasure("quorum");
  ASSERT_NE(quorum, nullptr);
  EXPECT_EQ(quorum->except.at("staff-congress").strict, false);
  EXPECT_EQ(def->FindSection("communication")->every_seconds, 7 * 86400);
  EXPECT_EQ(def->FindSection("chain")->kind, ReportSection::Kind::kChainHead);
}

struct BadCase {
  const char* name;
  const char* yaml;
  const char* where;    // "LINE:COL"
  const char* message;  // a part of the message
};

constexpr const char* kHead = "report: r\nversion: 1\nsections:\n";

// Each case's sections follow kHead, so its lines start at 4.
const BadCase kBad[] = {
    {"syntax", "  - id: a\n    workflow: [meeting\n", "6:1", "YAML syntax error"},
    {"unknown section key", "  - id: a\n    workflow: meeting\n    in_term: created\n    colour: red\n    measures: [{id: n, count: {}}]\n",
     "7:5", "unknown key 'colour'"},
    {"no workflow", "  - id: a\n    in_term: created\n    measures: [{id: n, count: {}}]\n", "4:5", "needs 'workflow'"},
    {"no in_term", "  - id: a\n    workflow: meeting\n    measures: [{id: n, count: {}}]\n", "4:5", "needs 'in_term'"},
    {"shows nothing", "  - id: a\n    workflow: meeting\n    in_term: created\n", "4:5", "needs 'measures', 'rows' or both"},
    {"two kinds of measure", "  - id: a\n    workflow: meeting\n    in_term: created\n    measures:\n      - {id: n, count: {}, quorum: {present: present, members_of: body}}\n",
     "8:9", "exactly one of count, attendance, quorum"},
    {"bad fraction", "  - id: a\n    workflow: meeting\n    in_term: created\n    measures:\n      - {id: q, quorum: {present: present, members_of: body, more_than: half}}\n",
     "8:73", "must be a fraction"},
    {"unknown status", "  - id: a\n    workflow: task\n    in_term: created\n    execution: {due: due_date, done: [closed]}\n    measures:\n      - {id: n, count: {statuses: [soon]}}\n",
     "9:35", "unknown execution status 'soon'"},
    {"bad operand", "  - id: a\n    workflow: decision\n    in_term: created\n    rows: [$title]\n", "7:12", "neither a field name"},
    {"as what", "  - id: a\n    workflow: meeting\n    in_term: created\n    rows: [{field: body, as: person}]\n", "7:30",
     "must be 'body'"},
    {"set apart not grouped", "  - id: a\n    workflow: matter\n    in_term: created\n    group_by: [title]\n    set_apart: {field: category, values: [routine]}\n    measures: [{id: n, count: {}}]\n",
     "8:24", "must be one of the group_by fields"},
    {"cadence period", "  - id: a\n    cadence: {workflow: communication, action: record, every: weekly}\n", "5:63",
     "must be a period"},
    {"findings settings", "  - id: a\n    findings: {by: rule}\n", "5:15", "takes no settings"},
    {"section twice", "  - {id: a, chain_head: {}}\n  - {id: a, chain_head: {}}\n", "5:5", "section 'a' appears twice"},
    {"mixed kinds", "  - id: a\n    chain_head: {}\n    workflow: meeting\n", "6:5", "belongs to an items section"},
};

TEST(ReportLoader, EveryBadFileIsAnErrorAtItsPlace) {
  for (const auto& c : kBad) {
    SCOPED_TRACE(c.name);
    std::vector<Diagnostic> diags;
    auto def = ParseReportFile(std::string(kHead) + c.yaml, "bad.yaml", &diags);
    EXPECT_FALSE(def.has_value());
    ASSERT_FALSE(diags.empty());
    const std::string first = diags[0].Format();
    EXPECT_NE(first.find(std::string("bad.yaml:") + c.where + ": error: "), std::string::npos) << FormatAll(diags);
    EXPECT_NE(first.find(c.message), std::string::npos) << FormatAll(diags);
  }
}

TEST(ReportLoader, TheDocumentNeedsItsKeys) {
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(ParseReportFile("", "empty.yaml", &diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].message.find("the file is empty"), std::string::npos);
  diags.clear();
  EXPECT_FALSE(ParseReportFile("report: Semester\nversion: 0\n", "top.yaml", &diags));
  const std::string all = FormatAll(diags);
  EXPECT_NE(all.find("top.yaml:1:9: error: report 'Semester' is not a valid name"), std::string::npos) << all;
  EXPECT_NE(all.find("top.yaml:2:10: error: version must be a positive whole number"), std::string::npos) << all;
  EXPECT_NE(all.find("needs 'sections'"), std::string::npos) << all;
  diags.clear();
  EXPECT_FALSE(ParseReportFile("report: r\nversion: 1\nsections: []\nitem: {workflow: semester-report}\n", "item.yaml", &diags));
  const std::string item = FormatAll(diags);
  EXPECT_NE(item.find("item.yaml:3:11: error: sections must be a non-empty list"), std::string::npos) << item;
  EXPECT_NE(item.find("item.yaml:4:7: error: item needs 'term_field'"), std::string::npos) << item;
  EXPECT_NE(item.find("item needs 'due'"), std::string::npos) << item;
}

TEST(ReportLoader, SeveralErrorsAreFoundInOnePass) {
  std::vector<Diagnostic> diags;
  const std::string yaml = std::string(kHead) +
                           "  - {id: a, workflow: meeting, in_term: created}\n"      // line 4: shows nothing
                           "  - {id: b, cadence: {workflow: x, action: y, every: 0d}}\n"  // line 5: bad period
                           "  - {id: c, findings: {x: 1}}\n";                           // line 6: settings
  EXPECT_FALSE(ParseReportFile(yaml, "many.yaml", &diags));
  ASSERT_EQ(diags.size(), 3u) << FormatAll(diags);
  EXPECT_EQ(diags[0].line, 4);
  EXPECT_EQ(diags[1].line, 5);
  EXPECT_EQ(diags[2].line, 6);
}

TEST(ReportLoader, LintNamesWhatTheWorkflowsLack) {
  const std::string yaml = std::string(kHead) +
      "  - id: a\n"                                                    // 4
      "    workflow: meeting\n"                                        // 5
      "    in_term: {field: title}\n"                                  // 6: not a date
      "    group_by: [{field: colour}]\n"                              // 7: no such field
      "    measures:\n"                                                // 8
      "      - {id: n, count: {states: [adjourned]}}\n"                // 9: no such state
      "      - {id: q, attendance: {present: title, members_of: body}}\n"  // 10: not a person list
      "  - id: b\n"                                                    // 11
      "    workflow: nowhere\n"                                        // 12: not loaded
      "    in_term: created\n"
      "    measures: [{id: n, count: {}}]\n"
      "  - id: c\n"                                                    // 15
      "    workflow: matter\n"
      "    in_term: {ref: title, field: held_at}\n"                    // 17: title is not a reference
      "    rows: [$status]\n"                                          // 18: no execution
      "  - {id: d, cadence: {workflow: communication, action: chat, every: 7d}}\n"  // 19: no such action
      "rollup:\n"
      "  orgs_of_kind: school\n"
      "  columns: [{section: a, measure: nope}, {section: d, measure: n}]\n";  // 22
  auto diags = Lint(yaml);
  const std::string all = FormatAll(diags);
  for (const char* want : {
           "r.yaml:6:14: error: section 'a'.in_term: field 'title' must be a date or datetime",
           "r.yaml:7:16: error: section 'a'.group_by: workflow 'meeting' has no field 'colour'",
           "r.yaml:9:9: error: section 'a': measure 'n': workflow 'meeting' has no state 'adjourned'",
           "r.yaml:10:9: error: section 'a': measure 'q': field 'title' must be a list of persons",
           "r.yaml:11:5: error: section 'b' names workflow 'nowhere', which is not loaded",
           "r.yaml:17:14: error: section 'c'.in_term: field 'title' of workflow 'matter' must be an item reference",
           "r.yaml:18:12: error: section 'c'.rows: $status needs the section's 'execution'",
           "r.yaml:19:5: error: section 'd': workflow 'communication' has no action 'chat'",
           "r.yaml:22:13: error: rollup column: section 'a' has no measure 'nope'",
           "r.yaml:22:42: error: rollup column: there is no items section 'd'",
       }) {
    EXPECT_NE(all.find(want), std::string::npos) << want << "\n" << all;
  }
  EXPECT_EQ(diags.size(), 10u) << all;
}

}  // namespace
}  // namespace docket
