// RenderGraph: Mermaid and Graphviz output, labels in either language, escaped safely.
#include <gtest/gtest.h>

#include "definition/workflow_loader.h"
#include "test_files.h"

namespace docket {
namespace {

using testing::FixturePath;
using testing::FileText;
using testing::RepoPath;

Definition Load(const std::string& path) {
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow(FileText(path), path, &diags);
  EXPECT_TRUE(def.has_value());
  return def ? *def : Definition{};
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Graph, MatterAsMermaid) {
  Definition def = Load(FixturePath("execution-matter.yaml"));
  std::string en = RenderGraph(def, GraphFormat::kMermaid, Lang::kEn);
  EXPECT_EQ(en.rfind("stateDiagram-v2\n", 0), 0u);
  EXPECT_TRUE(Has(en, "    state \"Drafted\" as drafted\n")) << en;
  EXPECT_TRUE(Has(en, "    [*] --> drafted\n"));
  EXPECT_TRUE(Has(en, "    drafted --> submitted: Submit\n"));
  EXPECT_TRUE(Has(en, "    in_execution --> in_execution: Report progress\n"));
  EXPECT_TRUE(Has(en, "    submitted --> withdrawn: Withdraw\n"));
  EXPECT_TRUE(Has(en, "    drafted --> withdrawn: Withdraw\n"));
  EXPECT_TRUE(Has(en, "    closed --> [*]\n"));
  EXPECT_FALSE(Has(en, "drafted --> [*]"));
  std::string zh = RenderGraph(def, GraphFormat::kMermaid, Lang::kZh);
  EXPECT_TRUE(Has(zh, "    drafted --> submitted: 提交\n")) << zh;
  EXPECT_TRUE(Has(zh, "    state \"已办结\" as closed\n"));
}

TEST(Graph, MatterAsDot) {
  Definition def = Load(FixturePath("execution-matter.yaml"));
  std::string dot = RenderGraph(def, GraphFormat::kDot, Lang::kEn);
  EXPECT_EQ(dot.rfind("digraph \"matter\" {\n", 0), 0u) << dot;
  EXPECT_TRUE(Has(dot, "  label=\"Matter\";\n"));
  EXPECT_TRUE(Has(dot, "  \"[start]\" -> \"drafted\";\n"));
  EXPECT_TRUE(Has(dot, "  \"drafted\" -> \"submitted\" [label=\"Submit\"];\n"));
  EXPECT_TRUE(Has(dot, "  \"closed\" [label=\"Closed\", peripheries=2];\n"));
  EXPECT_TRUE(Has(dot, "  \"closed\" -> \"[end]\";\n"));
  EXPECT_EQ(dot.substr(dot.size() - 2), "}\n");
  std::string zh = RenderGraph(def, GraphFormat::kDot, Lang::kZh);
  EXPECT_TRUE(Has(zh, "[label=\"会议决定\"]"));
}

TEST(Graph, LabelsAreEscapedAndFallBack) {
  Definition def = Load(FixturePath("lint/features.yaml"));
  def.states[1].labels.en = "line\nbreak \\ back";
  std::string dot = RenderGraph(def, GraphFormat::kDot, Lang::kEn);
  EXPECT_TRUE(Has(dot, "label=\"All \\\"features\\\"\";")) << dot;
  EXPECT_TRUE(Has(dot, "\"review\" [label=\"line\\nbreak \\\\ back\"]")) << dot;
  EXPECT_TRUE(Has(dot, "\"review\" -> \"done\" [label=\"Finish: now\"]"));
  EXPECT_TRUE(Has(dot, "\"draft\" -> \"review\" [label=\"send\"]"));  // no label: the name
  std::string mm = RenderGraph(def, GraphFormat::kMermaid, Lang::kEn);
  EXPECT_TRUE(Has(mm, "    state \"line break \\ back\" as review\n")) << mm;
  EXPECT_TRUE(Has(mm, "    review --> done: Finish#58; now\n")) << mm;
  EXPECT_TRUE(Has(mm, "    state \"草稿\" as draft\n") == false);  // English label wins
  EXPECT_TRUE(Has(mm, "    state \"Draft\" as draft\n"));
  // `from: any` draws an edge from every state.
  EXPECT_TRUE(Has(mm, "    draft --> done: cancel\n"));
  EXPECT_TRUE(Has(mm, "    review --> done: cancel\n"));
  // Ids are reduced to letters, digits and '_'; the label keeps the name.
  def.states[0].name = "all-features";
  def.states[0].labels = {};
  mm = RenderGraph(def, GraphFormat::kMermaid, Lang::kEn);
  EXPECT_TRUE(Has(mm, "    state \"all-features\" as all_features\n")) << mm;
}

}  // namespace
}  // namespace docket
