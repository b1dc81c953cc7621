// The JSON Schemas under schemas/: every shipped YAML file validates against the schema its
// modeline names, they stay in step with the core's type and operator names, and they
// reject the structural mistakes the loader rejects.
//
// Documents are validated as an editor sees them: YAML is turned into JSON with the YAML 1.2
// core schema's typing of plain scalars (yaml_json.h), then checked with strict types. (The
// yaml-cpp adapter of valijson 1.0 cannot be used: its array iterator lacks operator--, so
// the uniqueItems check does not compile, and it reports every node as a string.)
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "core/definition.h"
#include "definition/calendar_loader.h"
#include "definition/import_loader.h"
#include "definition/org_loader.h"
#include "definition/report_loader.h"
#include "definition/workflow_loader.h"
#include "test_files.h"
#include "yaml_json.h"

namespace docket {
namespace {

namespace fs = std::filesystem;
using testing::FixturePath;
using testing::FormatAll;
using testing::FileText;
using testing::RepoPath;

class Schema {
 public:
  explicit Schema(const std::string& path) {
    schema_doc_ = nlohmann::json::parse(FileText(path));
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(schema_doc_);
    parser.populateSchema(adapter, schema_);
  }

  // "" when `doc` is valid, otherwise the validator's complaints.
  std::string Check(const YAML::Node& yaml) const {
    nlohmann::json doc = testing::YamlToJson(yaml);
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    try {
      if (validator.validate(schema_, adapter, &results)) return "";
    } catch (const std::exception& e) {
      return std::string("validator threw: ") + e.what();
    }
    std::string out;
    valijson::ValidationResults::Error e;
    while (results.popError(e)) {
      std::string ctx;
      for (const auto& c : e.context) ctx += c;
      out += ctx + ": " + e.description + "\n";
    }
    return out.empty() ? "invalid" : out;
  }

 private:
  nlohmann::json schema_doc_;
  valijson::Schema schema_;
};

const Schema& WorkflowSchema() {
  static const Schema s(RepoPath("schemas/workflow.schema.json"));
  return s;
}
const Schema& OrgSchema() {
  static const Schema s(RepoPath("schemas/org.schema.json"));
  return s;
}
const Schema& TableSchema() {
  static const Schema s(RepoPath("schemas/table.schema.json"));
  return s;
}
const Schema& ReportSchema() {
  static const Schema s(RepoPath("schemas/report.schema.json"));
  return s;
}
const Schema& ImportSchema() {
  static const Schema s(RepoPath("schemas/import.schema.json"));
  return s;
}
const Schema& CalendarSchema() {
  static const Schema s(RepoPath("schemas/calendar.schema.json"));
  return s;
}

std::vector<fs::path> ShippedYaml() {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(RepoPath("workflows"))) {
    if (e.is_regular_file() && (e.path().extension() == ".yaml" || e.path().extension() == ".yml")) {
      out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Schema, EveryShippedFileValidatesAndLoads) {
  auto files = ShippedYaml();
  ASSERT_GE(files.size(), 2u);
  for (const auto& path : files) {
    std::string text = FileText(path.string());
    const std::string modeline = text.substr(0, text.find('\n'));
    bool org = modeline.find("$schema=") != std::string::npos && modeline.find("org.schema.json") != std::string::npos;
    bool calendar = modeline.find("calendar.schema.json") != std::string::npos;
    bool table = modeline.find("table.schema.json") != std::string::npos;
    bool report = modeline.find("report.schema.json") != std::string::npos;
    bool import = modeline.find("import.schema.json") != std::string::npos;
    SCOPED_TRACE(path.string());
    // The modeline names a schema that exists, relative to the file.
    auto mark = text.find("$schema=");
    ASSERT_NE(mark, std::string::npos) << "no yaml-language-server modeline";
    std::string rel = text.substr(mark + 8, text.find('\n', mark) - mark - 8);
    EXPECT_TRUE(fs::exists(path.parent_path() / rel)) << rel;

    EXPECT_EQ((org        ? OrgSchema()
               : calendar ? CalendarSchema()
               : table    ? TableSchema()
               : report   ? ReportSchema()
               : import   ? ImportSchema()
                          : WorkflowSchema())
                  .Check(YAML::Load(text)),
              "");
    std::vector<Diagnostic> diags;
    if (calendar) {
      ParseCalendarFile(text, path.string(), &diags);
    } else if (table) {
      ParseTableFile(text, path.string(), &diags);
    } else if (org) {
      ParseOrgFile(text, path.string(), &diags);
    } else if (report) {
      ParseReportFile(text, path.string(), &diags);
    } else if (import) {
      ParseImportFile(text, path.string(), &diags);
    } else {
      auto def = ParseWorkflow(text, path.string(), &diags);
      if (def) LintWorkflow(*def, path.string(), &diags);
    }
    EXPECT_FALSE(HasErrors(diags)) << FormatAll(diags);
    if (path.filename() == "matter.yaml") {
      EXPECT_TRUE(diags.empty()) << FormatAll(diags);
    }
  }
}

TEST(Schema, FeatureFixtureValidates) {
  EXPECT_EQ(WorkflowSchema().Check(YAML::LoadFile(FixturePath("lint/features.yaml"))), "");
  EXPECT_EQ(WorkflowSchema().Check(YAML::LoadFile(FixturePath("lint/warnings.yaml"))), "");
}

TEST(Schema, NamesMatchTheCore) {
  YAML::Node s = YAML::LoadFile(RepoPath("schemas/workflow.schema.json"));
  std::vector<std::string> types;
  for (const auto& t : s["definitions"]["field"]["properties"]["type"]["enum"]) {
    types.push_back(t.as<std::string>());
    EXPECT_TRUE(FieldTypeFromName(types.back()).has_value()) << types.back();
  }
  EXPECT_EQ(types.size(), 12u);
  std::vector<std::string> ops;
  for (const auto& shape : s["definitions"]["condition"]["oneOf"][4]["properties"]["compare"]["oneOf"]) {
    for (const auto& op : shape["properties"]["op"]["enum"]) {
      ops.push_back(op.as<std::string>());
      EXPECT_TRUE(CompareOpFromName(ops.back()).has_value()) << ops.back();
    }
  }
  EXPECT_EQ(ops.size(), 8u);
  std::vector<std::string> kinds;
  for (const auto& k : s["definitions"]["condition"]["oneOf"]) kinds.push_back(k["title"].as<std::string>());
  std::vector<std::string> core;
  for (auto k : {Condition::Kind::kAll, Condition::Kind::kAny, Condition::Kind::kNot,
                 Condition::Kind::kPresent, Condition::Kind::kCompare, Condition::Kind::kRole,
                 Condition::Kind::kDistinctActor, Condition::Kind::kChildrenTerminal,
                 Condition::Kind::kRefInState, Condition::Kind::kQuorum, Condition::Kind::kMajority,
                 Condition::Kind::kNotListed, Condition::Kind::kBallotExcludes,
                 Condition::Kind::kLastOfRole, Condition::Kind::kLookup, Condition::Kind::kDeadline,
                 Condition::Kind::kActorsNotListed, Condition::Kind::kKeeps, Condition::Kind::kSubset,
                 Condition::Kind::kDisjoint, Condition::Kind::kNextAfter, Condition::Kind::kNoneOpen, Condition::Kind::kMemberOf,
                 Condition::Kind::kWrittenOpinion}) {
    core.push_back(ConditionKindName(k));
  }
  EXPECT_EQ(kinds, core);
}

TEST(Schema, ChecksValidateAndTheirMistakesDoNot) {
  const std::string head =
      "id: w\nversion: 1\nfields: {d: {type: date}, r: {type: list, of: person}}\n"
      "states: {s: {initial: true, timers: [{name: t, due: {field: d}, ladder: [{at: +0d, do: notify, to: [x]}]}]}, z: {terminal: true}}\n"
      "transitions: [{name: go, from: s, to: s, roles: [x]}]\n";
  const std::string good =
      head +
      "checks:\n"
      "  - {name: a, rule: R12, severity: high, in: s, when: {deadline: t}, message: {en: m}, evidence: [d]}\n"
      "  - {name: b, rule: R6, severity: low, in: [s], when: {actors_not_listed: {field: r, actions: [go]}}, message: {zh: m}}\n"
      "  - {name: c, rule: R10, severity: medium, when: {compare: {field: d, op: \">=\", value: $today-30d}}, message: {en: m}}\n"
      "  - {name: e, rule: R14, severity: high, expected: per_semester, message: {en: m}}\n"
      "  - {name: f, rule: R1, severity: high, when: {deadline: {timer: t, done: d}}, message: {en: m}}\n";
  EXPECT_EQ(WorkflowSchema().Check(YAML::Load(good)), "");
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow(good, "w.yaml", &diags);
  ASSERT_TRUE(def.has_value()) << FormatAll(diags);
  for (const std::string& bad : {
           std::string("  - {name: a, rule: X1, severity: high, when: {present: d}, message: {en: m}}\n"),
           std::string("  - {name: a, rule: R1, severity: urgent, when: {present: d}, message: {en: m}}\n"),
           std::string("  - {name: a, rule: R1, severity: high, message: {en: m}}\n"),
           std::string("  - {name: a, rule: R1, severity: high, when: {present: d}}\n"),
           std::string("  - {name: a, rule: R1, severity: high, expected: per_semester, when: {present: d}, message: {en: m}}\n"),
           std::string("  - {name: a, rule: R1, severity: high, expected: per_semester, in: s, message: {en: m}}\n"),
           std::string("  - {name: a, rule: R1, severity: high, expected: always, message: {en: m}}\n"),
           std::string("  - {name: a, rule: R1, severity: high, when: {deadline: {done: d}}, message: {en: m}}\n"),
           std::string("  - {name: a, rule: R1, severity: high, when: {actors_not_listed: {actions: [go]}}, message: {en: m}}\n"),
       }) {
    EXPECT_NE(WorkflowSchema().Check(YAML::Load(head + "checks:\n" + bad)), "") << bad;
    std::vector<Diagnostic> d;
    EXPECT_FALSE(ParseWorkflow(head + "checks:\n" + bad, "w.yaml", &d).has_value()) << bad;
  }
}

TEST(Schema, RejectsWhatTheLoaderRejects) {
  // (Not bad_op_enum.yaml: which ops suit a field depends on its declared type, which a
  // schema cannot follow; the loader checks it.)
  for (const char* fixture : {"bad/unknown_key.yaml", "bad/bad_type.yaml", "bad/unknown_kind.yaml"}) {
    EXPECT_NE(WorkflowSchema().Check(YAML::LoadFile(FixturePath(fixture))), "") << fixture;
  }
  const std::string head = "id: w\nversion: 1\nstates: {s: {initial: true, terminal: true}}\n";
  for (const std::string& yaml : {
           std::string("id: w\nversion: 0\nstates: {s: {}}\n"),
           std::string("id: W\nversion: 1\nstates: {s: {}}\n"),
           std::string("version: 1\nstates: {s: {}}\n"),
           head + "fields: {l: {type: list}}\n",
           head + "fields: {e: {type: enum}}\n",
           head + "fields: {t: {type: text, of: text}}\n",
           head + "transitions: [{name: go, from: s, to: s, when: {compare: {field: a, op: in, value: x}}}]\n",
           head + "transitions: [{name: go, from: s, to: s, when: {present: a, not: {present: b}}}]\n",
           head + "transitions: [{name: go, from: s, to: s, when: {role: {roles: [x], scope: all}}}]\n",
           head + "transitions: [{name: create, from: s, to: s}]\n",
           head + "transitions: [{name: go, from: s}]\n",
           head + "create: {to: s}\n",
       }) {
    EXPECT_NE(WorkflowSchema().Check(YAML::Load(yaml)), "") << yaml;
  }
  EXPECT_NE(OrgSchema().Check(YAML::Load("organizations: [{id: a, name: {en: A}, colour: red}]\n")), "");
  EXPECT_NE(OrgSchema().Check(YAML::Load("people: [{id: p, name: {en: P}, roles: [{org: a}]}]\n")), "");
  EXPECT_EQ(OrgSchema().Check(YAML::Load("roles: {clerk: {labels: {zh: 记录人}}}\n")), "");
  EXPECT_NE(OrgSchema().Check(YAML::Load("roles: {Clerk: {labels: {zh: 记录人}}}\n")), "");
  EXPECT_NE(OrgSchema().Check(YAML::Load("roles: {clerk: {labels: {}}}\n")), "");
  EXPECT_NE(OrgSchema().Check(YAML::Load("roles: {clerk: {zh: 记录人}}\n")), "");
}

}  // namespace
}  // namespace docket
