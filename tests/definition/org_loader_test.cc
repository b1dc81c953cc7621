// ParseOrgFile: the example org file, role labels, ordering of organizations, and its errors.
#include "definition/org_loader.h"

#include <tuple>

#include <gtest/gtest.h>

#include "test_files.h"

namespace docket {
namespace {

using testing::FormatAll;
using testing::FileText;
using testing::RepoPath;

TEST(OrgLoader, ExampleFile) {
  std::vector<Diagnostic> diags;
  OrgFile f = ParseOrgFile(FileText(RepoPath("workflows/examples/org.yaml")), "org.yaml", &diags);
  ASSERT_TRUE(diags.empty()) << FormatAll(diags);
  ASSERT_EQ(f.orgs.size(), 4u);
  EXPECT_EQ(f.orgs[0].id, "district");
  EXPECT_FALSE(f.orgs[0].parent.has_value());
  EXPECT_EQ(f.orgs[0].kind, "supervisor");
  EXPECT_EQ(f.orgs[1].id, "school-a");
  EXPECT_EQ(f.orgs[1].parent, "district");
  EXPECT_EQ(f.orgs[1].name.zh, "示例区第一中学");
  EXPECT_EQ(f.orgs[1].attrs.at("secretary_principal"), "separate");
  EXPECT_EQ(f.orgs[2].attrs.at("party_org"), "branch");
  ASSERT_EQ(f.people.size(), 29u);
  EXPECT_EQ(f.people[1].id, "wang");
  EXPECT_EQ(f.people[1].name.en, "Wang Ming");
  ASSERT_EQ(f.people[1].roles.size(), 2u);
  EXPECT_EQ(f.people[1].roles[0].person, "wang");
  EXPECT_EQ(f.people[1].roles[0].org, "school-a");
  EXPECT_EQ(f.people[1].roles[0].role, "secretary");
  // The deciding bodies of each school, in file order.
  ASSERT_EQ(f.orgs[1].bodies.size(), 3u);
  EXPECT_EQ(f.orgs[1].bodies[0].id, "party-meeting");
  EXPECT_EQ(f.orgs[1].bodies[0].name.zh, "党委会");
  EXPECT_EQ(f.orgs[1].bodies[0].members.size(), 7u);
  EXPECT_EQ(f.orgs[1].bodies[0].attendees, std::vector<std::string>{"liu"});
  EXPECT_EQ(f.orgs[3].id, "school-c");
  EXPECT_EQ(f.orgs[3].attrs.at("party_org"), "general_branch");
  EXPECT_EQ(f.orgs[2].bodies[0].members, (std::vector<std::string>{"sun", "luo", "hu"}));
}

TEST(OrgLoader, RoleLabels) {
  std::vector<Diagnostic> diags;
  OrgFile f = ParseOrgFile(FileText(RepoPath("workflows/examples/org.yaml")), "org.yaml", &diags);
  ASSERT_TRUE(diags.empty()) << FormatAll(diags);
  EXPECT_EQ(f.roles.at("secretary").zh, "书记");
  EXPECT_EQ(f.roles.at("secretary").en, "Secretary");
  // Every role the example file grants has a label.
  for (const Person& p : f.people) {
    for (const RoleGrant& g : p.roles) EXPECT_TRUE(f.roles.count(g.role)) << g.role;
  }
  diags.clear();
  f = ParseOrgFile("roles:\n  clerk: {labels: {zh: 记录人}}\n  chair: {labels: {en: Chair, ja: 議長}}\n", "o", &diags);
  ASSERT_TRUE(diags.empty()) << FormatAll(diags);
  ASSERT_EQ(f.roles.size(), 2u);
  EXPECT_EQ(f.roles.at("clerk").zh, "记录人");
  EXPECT_EQ(f.roles.at("chair").more.at("ja"), "議長");
}

TEST(OrgLoader, RoleLabelErrors) {
  for (const auto& [yaml, en, zh] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"roles: [secretary]\n", "o:1:8: error: roles must be a mapping of keys to values",
            "o:1:8: 错误：roles须为键值映射"},
           {"roles:\n  Secretary: {labels: {zh: 书记}}\n",
            "o:2:3: error: a role's id 'Secretary' is not a valid name",
            "o:2:3: 错误：角色的 id“Secretary”不是有效的名称"},
           {"roles:\n  secretary: {zh: 书记}\n",
            "o:2:15: error: unknown key 'zh' in role 'secretary'; allowed keys: labels",
            "o:2:15: 错误：角色“secretary”中有未知的键“zh”"},
           {"roles:\n  secretary: {}\n", "o:2:14: error: role 'secretary' needs 'labels' ({zh: ..., en: ...})",
            "o:2:14: 错误：角色“secretary”缺少“labels”（{zh: ..., en: ...}）"},
           {"roles:\n  secretary: {labels: {}}\n", "o:2:23: error: role 'secretary' has no label: give zh, en or both",
            "o:2:23: 错误：角色“secretary”没有名称：请给出 zh、en 或两者"},
           {"roles:\n  secretary: {labels: {zh: [书记]}}\n", "o:2:28: error: role 'secretary': labels.zh must be a text",
            "o:2:28: 错误：角色“secretary”：labels.zh须为文本"},
           {"roles:\n  secretary: {labels: {zh: 书记}}\n  secretary: {labels: {zh: 副书记}}\n",
            "o:3:3: error: duplicate key 'secretary' in roles (first at line 2)", "o:3:3: 错误："},
       }) {
    std::vector<Diagnostic> diags;
    OrgFile f = ParseOrgFile(yaml, "o", &diags);
    ASSERT_FALSE(diags.empty()) << yaml;
    EXPECT_EQ(diags[0].Format().substr(0, en.size()), en) << yaml << "\n--- got:\n" << FormatAll(diags);
    EXPECT_EQ(diags[0].Format(Lang::kZh).substr(0, zh.size()), zh) << yaml << "\n--- got:\n" << diags[0].Format(Lang::kZh);
  }
}

TEST(OrgLoader, BodyErrors) {
  const std::string head = "organizations:\n  - id: a\n    name: {en: A}\n    bodies:\n";
  for (const auto& [yaml, message] : std::vector<std::pair<std::string, std::string>>{
           {head + "      - {id: m, members: [p, q]}\n      - {id: m, members: [p]}\n",
            "o:6:9: error: organization 'a' has two bodies with id 'm'"},
           {head + "      - {id: m}\n", "o:5:9: error: organization 'a': body 'm' needs 'members', at least one person"},
           {head + "      - {id: m, members: [p], attendees: [p]}\n",
            "o:5:42: error: organization 'a': body 'm': 'p' is both a member and a non-voting attendee"},
           {head + "      - {id: m, members: [p], chair: p}\n",
            "o:5:31: error: unknown key 'chair' in organization 'a': body 'm'; allowed keys: id, name, members, "
            "attendees"},
           {"organizations:\n  - {id: a, name: {en: A}, bodies: {m: [p]}}\n",
            "o:2:36: error: organization 'a': bodies must be a list of {id, name, members, attendees}"},
       }) {
    std::vector<Diagnostic> diags;
    ParseOrgFile(yaml, "o", &diags);
    ASSERT_FALSE(diags.empty()) << yaml;
    EXPECT_EQ(diags[0].Format(), message) << yaml;
  }
}

TEST(TableLoader, DecisionMatterList) {
  std::vector<Diagnostic> diags;
  TableFile t = ParseTableFile(FileText(RepoPath("workflows/lists/decision-matters.yaml")), "dm.yaml", &diags);
  ASSERT_TRUE(diags.empty()) << FormatAll(diags);
  EXPECT_EQ(t.name, "decision-matters");
  EXPECT_EQ(t.entries.at("large-spending"), "party-meeting");
  EXPECT_EQ(t.entries.at("routine"), "office-meeting");
  EXPECT_EQ(t.entries.at("staff-interest"), "staff-congress");
  EXPECT_EQ(t.entries.size(), 8u);
  EXPECT_EQ(t.entries.at("temporary-action"), "party-meeting");
}

TEST(TableLoader, Errors) {
  for (const auto& [yaml, message] : std::vector<std::pair<std::string, std::string>>{
           {"entries: {a: b}\n", "t:1:1: error: a table file needs 'table', its name"},
           {"table: x\n", "t:1:1: error: a table file needs 'entries', a mapping KEY: VALUE"},
           {"table: x\nentries: {}\n", "t:2:10: error: entries must not be empty"},
           {"table: x\nentries: {a: B}\n", "t:2:14: error: entry 'a'"},
           {"table: x\nentries: {a: b, a: c}\n", "t:2:17: error: duplicate key 'a'"},
           {"", "t: error: the file is empty; a table file has 'table' and 'entries'"},
       }) {
    std::vector<Diagnostic> diags;
    ParseTableFile(yaml, "t", &diags);
    ASSERT_FALSE(diags.empty()) << yaml;
    EXPECT_EQ(diags[0].Format().substr(0, message.size()), message) << diags[0].Format();
  }
}

TEST(OrgLoader, ParentsComeBeforeChildren) {
  std::vector<Diagnostic> diags;
  OrgFile f = ParseOrgFile(
      "organizations:\n"
      "  - {id: c, parent: b, name: {en: C}}\n"
      "  - {id: b, parent: a, name: {en: B}}\n"
      "  - {id: x, parent: elsewhere, name: {en: X}}\n"
      "  - {id: a, name: {en: A}}\n",
      "o", &diags);
  ASSERT_TRUE(diags.empty()) << FormatAll(diags);
  std::vector<std::string> ids;
  for (const auto& o : f.orgs) ids.push_back(o.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"x", "a", "b", "c"}));
}

TEST(OrgLoader, Errors) {
  struct Case {
    std::string yaml;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"organizations:\n  - {id: a, name: {en: A}}\n  - {id: a, name: {en: A2}}\n",
            "o:3:5: error: duplicate organization id 'a' (first at line 2)"},
           {"people:\n  - {id: p, name: {en: P}}\n  - {id: p, name: {en: Q}}\n",
            "o:3:5: error: duplicate person id 'p' (first at line 2)"},
           {"organizations:\n  - {id: a, parent: b, name: {en: A}}\n  - {id: b, parent: a, name: {en: B}}\n",
            "o:2:21: error: organization 'a' is on a parent cycle"},
           {"organizations:\n  - {id: a, parent: a, name: {en: A}}\n", "cannot be its own parent"},
           {"organizations:\n  - {id: a, name: {en: A}, colour: red}\n",
            "o:2:28: error: unknown key 'colour' in organization 'a'; allowed keys: id, parent, name, kind, time_zone, attrs"},
           {"people:\n  - {id: p, name: {en: P}, roles: [{org: a, role: x, since: 2020}]}\n",
            "unknown key 'since' in person 'p': a role; allowed keys: org, role"},
           {"people:\n  - {id: p, name: {en: P}, roles: [{org: a}]}\n", "a role needs both 'org' and 'role'"},
           {"people:\n  - {id: p, name: {en: P}, roles: [{org: a, role: x}, {org: a, role: x}]}\n",
            "holds role 'x' in 'a' twice"},
           {"people:\n  - {id: P Q, name: {en: P}}\n", "is not a valid name"},
           {"people:\n  - {name: {en: P}}\n", "person #1 needs 'id'"},
           {"organizations:\n  - {id: a, name: {en: A}, attrs: {k: [1, 2]}}\n", "attrs.k must be a single value"},
           {"orgs: []\n", "unknown key 'orgs' in an organization file; allowed keys: organizations, people"},
           {"organizations: {a: 1}\n", "organizations must be a list"},
           {"organizations: [\n", "YAML syntax error"},
           {"", "the file is empty"},
           {std::string("\x01\x02\xff\0", 4), "o:1:3: error: the text is not valid UTF-8 (byte 0xFF)"},
           {std::string("a: 1\n\x01\x02\0", 8), "o:2:3: error: input contains NUL bytes"},
           // Checked on the bytes, comments included: the file is stored as given.
           {"# caf\xc3\n", "o:1:6: error: the text is not valid UTF-8 (byte 0xC3)"},
           // What an escape puts in a scalar is checked after parsing, where the scalar is.
           {"people:\n  - {id: p, name: {en: \"P\\0Q\"}}\n", "o:2:24: error: a value holds a NUL character"},
           {"people:\n  - {id: p, name: {en: \"P\\x00\"}}\n", "o:2:24: error: a value holds a NUL character"},
       }) {
    std::vector<Diagnostic> diags;
    ParseOrgFile(c.yaml, "o", &diags);
    EXPECT_TRUE(HasErrors(diags)) << c.yaml;
    EXPECT_NE(FormatAll(diags).find(c.message), std::string::npos)
        << c.yaml << "\n--- got:\n" << FormatAll(diags);
  }
}

TEST(OrgLoader, ReportsEveryError) {
  std::vector<Diagnostic> diags;
  ParseOrgFile("organizations:\n  - {id: A, name: {en: A}}\n  - {id: b}\n"
               "people:\n  - {id: p, name: {en: P}, roles: [{org: a, role: R}]}\n",
               "o", &diags);
  EXPECT_EQ(diags.size(), 3u) << FormatAll(diags);
}

}  // namespace
}  // namespace docket
