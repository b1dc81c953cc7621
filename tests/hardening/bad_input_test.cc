// Bad input through the real binary: malformed, oversized (> 1 MiB) and binary YAML for
// `workflow load` and `org load`, wrong field types, unknown ids. Each exits with its
// documented code (2 invalid, 3 not found), says what was wrong and where, and leaves the
// items and the audit log as they were — except that a refused action adds exactly one
// "refused" entry, as the README promises.
#include <algorithm>
#include <random>

#include "cli_fixture.h"
#include "hardening_util.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

struct Case {
  std::string name;
  std::vector<std::string> args;  // {"@AS", who, ...} runs as `who`
  int exit_code;
  std::vector<std::string> says;  // substrings of stderr
  bool audits_refusal = false;    // a refused action: one new "refused" entry
};

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    out.push_back(text.substr(start, nl - start));
  }
  return out;
}

class BadInputTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    id_ = NewMatter();
    WriteFile(dir_.File("malformed.yaml"), "id: matter\nversion: 1\nstates: {drafted: [unclosed\n");
    WriteFile(dir_.File("oversized.yaml"), "id: big\n" + std::string((1 << 20) + 100, '#') + "\n");
    std::string binary;
    std::mt19937 rng(7);
    for (int i = 0; i < 4096; ++i) binary += static_cast<char>(rng() % 256);
    binary[10] = '\0';
    WriteFile(dir_.File("binary.yaml"), binary);
    WriteFile(dir_.File("empty.yaml"), "");
    WriteFile(dir_.File("not-a-map.yaml"), "- just\n- a list\n");
    WriteFile(dir_.File("wf-types.yaml"),
              "id: typed\nversion: not-a-number\nstates: {a: {initial: true}, b: {terminal: true}}\n"
              "transitions: [{name: go, from: a, to: b, roles: [clerk]}]\n");
    WriteFile(dir_.File("wf-fieldtype.yaml"),
              "id: typed\nversion: 1\nfields: {x: {type: colour}}\nstates: {a: {initial: true}, b: {terminal: true}}\n"
              "transitions: [{name: go, from: a, to: b, roles: [clerk]}]\n");
    WriteFile(dir_.File("org-types.yaml"), "organizations:\n  - id: school-c\n    parent: [district]\npeople: 7\n");
    WriteFile(dir_.File("org-roles.yaml"), "organizations: []\npeople:\n  - id: x\n    roles: not-a-list\n");
  }

  RunResult Run(std::vector<std::string> args) {
    if (!args.empty() && args[0] == "@AS") {
      std::string who = args[1];
      args.erase(args.begin(), args.begin() + 2);
      return As(who, args);
    }
    return Docket(args);
  }

  void Check(const Case& c) {
    SCOPED_TRACE(c.name);
    std::string items = DumpTable(db_, "items");
    std::string audit = DumpTable(db_, "audit");
    RunResult r = Run(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
    EXPECT_FALSE(r.err.empty());
    for (const auto& s : c.says) EXPECT_THAT(r.err, HasSubstr(s));
    EXPECT_EQ(DumpTable(db_, "items"), items);
    std::string after = DumpTable(db_, "audit");
    if (c.audits_refusal) {
      // One line more, anywhere (the dump is ordered by org, and other orgs' chains follow
      // school-a's); every old line as it was.
      std::vector<std::string> old_lines = SplitLines(audit), new_lines = SplitLines(after);
      ASSERT_EQ(new_lines.size(), old_lines.size() + 1) << after;
      const auto at = std::mismatch(old_lines.begin(), old_lines.end(), new_lines.begin()).second;
      const std::string added = *at;
      new_lines.erase(at);
      EXPECT_EQ(new_lines, old_lines) << "an old entry changed";
      EXPECT_THAT(added, HasSubstr("|refused|"));
    } else {
      EXPECT_EQ(after, audit);
    }
  }

  std::string id_;
};

TEST_F(BadInputTest, YamlFilesAreRefusedWithTheirName) {
  for (const char* cmd : {"workflow", "org"}) {
    std::string c = cmd;
    for (const char* file : {"malformed.yaml", "oversized.yaml", "binary.yaml", "empty.yaml", "not-a-map.yaml"}) {
      std::vector<std::string> says{file};
      if (std::string(file) == "oversized.yaml") says.push_back("1 MiB");
      Check({c + " load " + file, {c, "load", dir_.File(file)}, 2, says});
    }
    Check({c + " load missing file", {c, "load", dir_.File("nope.yaml")}, 3, {"nope.yaml"}});
  }
  Check({"malformed names the line", {"workflow", "load", dir_.File("malformed.yaml")}, 2, {"malformed.yaml:"}});
  Check({"workflow with a text version", {"workflow", "load", dir_.File("wf-types.yaml")}, 2, {"wf-types.yaml", "version"}});
  Check({"workflow with an unknown field type", {"workflow", "load", dir_.File("wf-fieldtype.yaml")}, 2,
         {"wf-fieldtype.yaml", "colour"}});
  Check({"org file with wrong types", {"org", "load", dir_.File("org-types.yaml")}, 2, {"org-types.yaml"}});
  Check({"org file with roles not a list", {"org", "load", dir_.File("org-roles.yaml")}, 2, {"org-roles.yaml", "roles"}});
}

TEST_F(BadInputTest, WrongFieldTypesAreRefusedAndAudited) {
  const Case cases[] = {
      {"money as words", {"@AS", "liu", "item", "act", id_, "submit", "--set", "amount=lots"}, 2, {"amount", "lots"}, true},
      {"enum not listed", {"@AS", "liu", "item", "act", id_, "submit", "--set", "category=party"}, 2, {"category", "party"}, true},
      {"unknown field", {"@AS", "liu", "item", "act", id_, "submit", "--set", "colour=red"}, 2, {"colour"}, true},
      {"field the action may not set", {"@AS", "liu", "item", "act", id_, "submit", "--set", "decision=x"}, 2, {"decision"}, true},
      {"oversized value", {"@AS", "liu", "item", "act", id_, "submit", "--set", "title=" + std::string(1 << 16, 'x')}, 2, {"title"}, true},
      {"expect-version not a number", {"@AS", "liu", "item", "act", id_, "submit", "--expect-version", "two"}, 2, {"expect-version"}},
      {"item id not a number", {"item", "show", "first"}, 2, {"first"}},
      {"create: date is not a date", {"@AS", "liu", "item", "create", "matter", "--org", "school-a", "--set", "title=t",
                                      "--set", "category=routine", "--set", "amount=1e999"}, 2, {"amount"}, true},
  };
  for (const auto& c : cases) Check(c);
}

TEST_F(BadInputTest, UnknownIdsExitThree) {
  const Case cases[] = {
      {"item show", {"item", "show", "999"}, 3, {"999"}},
      {"item history", {"item", "history", "999"}, 3, {"999"}},
      {"item act", {"@AS", "liu", "item", "act", "999", "submit"}, 3, {"999"}},
      {"workflow", {"@AS", "liu", "item", "create", "no-such-flow", "--org", "school-a", "--set", "title=t"}, 3, {"no-such-flow"}},
      {"organization", {"@AS", "liu", "item", "create", "matter", "--org", "no-such-school", "--set", "title=t"}, 3, {"no-such-school"}},
      {"person", {"@AS", "nobody", "item", "act", id_, "submit"}, 3, {"nobody"}},
      {"graph", {"workflow", "graph", "no-such-flow"}, 3, {"no-such-flow"}},
      {"verify org", {"audit", "verify", "--org", "no-such-school"}, 3, {"no-such-school"}},
  };
  for (const auto& c : cases) Check(c);
}

}  // namespace
}  // namespace docket::testing
