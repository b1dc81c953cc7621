// RosterFromCsv / RosterToCsv and MatterListFromCsv / MatterListToCsv (definition/config_csv.h):
// the CSV becomes the organization or table file it stands for, through ParseOrgFile's and
// ParseTableFile's checks, whose messages come back at the CSV's lines and columns.
#include "definition/config_csv.h"

#include <gtest/gtest.h>

#include "test_files.h"

namespace docket {
namespace {

using testing::FileText;
using testing::FormatAll;
using testing::RepoPath;

class RosterCsvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<Diagnostic> diags;
    example_ = ParseOrgFile(FileText(RepoPath("workflows/examples/org.yaml")), "org.yaml", &diags);
    ASSERT_TRUE(diags.empty()) << FormatAll(diags);
  }
  const Org& SchoolA() const { return example_.orgs[1]; }
  OrgFile FromCsv(const std::string& csv, std::vector<Diagnostic>* diags) const {
    return RosterFromCsv(csv, "roster.csv", SchoolA(), example_.people, example_.roles, diags);
  }
  const Person* Find(const OrgFile& f, const std::string& id) const {
    for (const Person& p : f.people) {
      if (p.id == id) return &p;
    }
    return nullptr;
  }
  OrgFile example_;
};

TEST_F(RosterCsvTest, ExportReadsBackAsTheStoredOrganization) {
  const std::string csv = RosterToCsv(SchoolA(), example_.people);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("编号,姓名,英文名,角色,表决成员,列席,电子邮箱\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("wang,王明,Wang Ming,secretary; committee_member,party-meeting,office-meeting,\r\n"),
            std::string::npos)
      << csv;
  EXPECT_EQ(csv.find("sun,"), std::string::npos) << "school-b's people are not on school-a's roster";
  std::vector<Diagnostic> diags;
  OrgFile back = FromCsv(csv, &diags);
  ASSERT_TRUE(diags.empty()) << FormatAll(diags);
  ASSERT_EQ(back.orgs.size(), 1u);
  const Org& org = back.orgs[0];
  EXPECT_EQ(org.id, "school-a");
  EXPECT_EQ(org.parent, "district");
  EXPECT_EQ(org.attrs, SchoolA().attrs);
  ASSERT_EQ(org.bodies.size(), SchoolA().bodies.size());
  for (std::size_t i = 0; i < org.bodies.size(); ++i) {
    EXPECT_EQ(org.bodies[i].members, SchoolA().bodies[i].members) << org.bodies[i].id;
    EXPECT_EQ(org.bodies[i].attendees, SchoolA().bodies[i].attendees) << org.bodies[i].id;
    EXPECT_EQ(org.bodies[i].name.zh, SchoolA().bodies[i].name.zh);
  }
  const Person* wang = Find(back, "wang");
  ASSERT_NE(wang, nullptr);
  EXPECT_EQ(wang->name.en, "Wang Ming");
  ASSERT_EQ(wang->roles.size(), 2u);
  EXPECT_EQ(wang->roles[0].role, "secretary");
}

TEST_F(RosterCsvTest, NamesOfRolesAndBodiesAndRolesElsewhereKept) {
  // zhao holds roles in the district; a school's roster giving him one there keeps them.
  const std::string csv =
      "id,name_zh,roles,member_of,attends\n"
      "wang,王明,书记、委员,\"党委会; office-meeting\n教职工代表大会\",\n"
      "zhao,赵建国,Clerk,,office-meeting\n";
  std::vector<Diagnostic> diags;
  OrgFile f = FromCsv(csv, &diags);
  ASSERT_TRUE(diags.empty()) << FormatAll(diags);
  const Person* wang = Find(f, "wang");
  ASSERT_NE(wang, nullptr);
  ASSERT_EQ(wang->roles.size(), 2u);
  EXPECT_EQ(wang->roles[0].role, "secretary");
  EXPECT_EQ(wang->roles[1].role, "committee_member");
  EXPECT_EQ(wang->name.en, "Wang Ming") << "no English column: the stored name stays";
  const Person* zhao = Find(f, "zhao");
  ASSERT_NE(zhao, nullptr);
  ASSERT_EQ(zhao->roles.size(), 3u);
  EXPECT_EQ(zhao->roles[0].org, "district");
  EXPECT_EQ(zhao->roles[2].org, "school-a");
  EXPECT_EQ(zhao->roles[2].role, "clerk");
  EXPECT_EQ(f.orgs[0].bodies[0].members, std::vector<std::string>{"wang"});
  EXPECT_EQ(f.orgs[0].bodies[1].attendees, std::vector<std::string>{"zhao"});
}

TEST_F(RosterCsvTest, TheLintersMessagesComeBackAtTheCell) {
  const std::string csv =
      "编号,姓名,角色,表决成员,列席,电子邮箱\r\n"
      "wang,王明,secretary,party-meeting、office-meeting、staff-congress,,wang@school-a.example\r\n"
      "li,李华,principal,party-meeting,party-meeting,not-an-address\r\n"
      "Chen Jing,陈静,vice_principal,,,\r\n";
  std::vector<Diagnostic> diags;
  FromCsv(csv, &diags);
  ASSERT_EQ(diags.size(), 3u) << FormatAll(diags);
  EXPECT_EQ(diags[0].Where(), "roster.csv:3:5") << diags[0].message;  // member and attendee: the attendee cell
  EXPECT_NE(diags[0].message.find("both a member and a non-voting attendee"), std::string::npos) << diags[0].message;
  EXPECT_EQ(diags[1].Where(), "roster.csv:3:6") << diags[1].message;
  EXPECT_NE(diags[1].message.find("'not-an-address' is not an e-mail address"), std::string::npos) << diags[1].message;
  EXPECT_EQ(diags[2].Where(), "roster.csv:4:1") << diags[2].message;
  EXPECT_NE(diags[2].message.find("is not a valid name"), std::string::npos) << diags[2].message;
}

TEST_F(RosterCsvTest, ConversionErrors) {
  std::vector<Diagnostic> diags;
  FromCsv("编号,姓名,角色,表决成员,列席,部门\r\n", &diags);
  ASSERT_EQ(diags.size(), 1u) << FormatAll(diags);
  EXPECT_EQ(diags[0].Where(), "roster.csv:1:6");
  EXPECT_NE(diags[0].message.find("unknown column '部门'"), std::string::npos) << diags[0].message;

  diags.clear();
  FromCsv("编号,姓名,角色,列席\r\n", &diags);
  ASSERT_EQ(diags.size(), 1u) << FormatAll(diags);
  EXPECT_EQ(diags[0].message, "the header row has no column 表决成员 (member_of), which is required");

  diags.clear();
  FromCsv("编号,姓名,角色,表决成员,列席\r\nwang,王明,,食堂,\r\nwang,王明,,,\r\nzz,,,,\r\n", &diags);
  ASSERT_EQ(diags.size(), 3u) << FormatAll(diags);
  EXPECT_EQ(diags[0].Where(), "roster.csv:2:4");
  EXPECT_NE(diags[0].message.find("'食堂' is not a body of organization 'school-a'"), std::string::npos);
  EXPECT_EQ(diags[1].Where(), "roster.csv:3:1");
  EXPECT_EQ(diags[1].message, "person 'wang' is listed twice (first at line 2)");
  EXPECT_EQ(diags[2].Where(), "roster.csv:4:2");
}

TEST_F(RosterCsvTest, ABodyLeftWithoutMembersIsNamedAtTheColumn) {
  std::vector<Diagnostic> diags;
  FromCsv("编号,姓名,角色,表决成员,列席\r\nwang,王明,secretary,party-meeting,\r\n", &diags);
  ASSERT_FALSE(diags.empty());
  EXPECT_EQ(diags[0].Where(), "roster.csv:1:4") << FormatAll(diags);
  EXPECT_NE(diags[0].message.find("needs 'members'"), std::string::npos) << diags[0].message;
}

TEST(MatterListCsv, RoundTripAndErrors) {
  const LookupTable table = {{"large-spending", "party-meeting"}, {"routine", "office-meeting"}};
  const CategoryNames names = {{"large-spending", Labels("大额资金使用", "Large-sum spending")},
                               {"routine", Labels("日常事务", "Routine matter")}};
  const std::string csv = MatterListToCsv(table, names);
  EXPECT_EQ(csv, "\xEF\xBB\xBF类别,决定机构,名称\r\nlarge-spending,party-meeting,大额资金使用\r\nroutine,office-meeting,日常事务\r\n");
  std::vector<Diagnostic> diags;
  TableFile back = MatterListFromCsv(csv, "matters.csv", names, &diags);
  ASSERT_TRUE(diags.empty()) << FormatAll(diags);
  EXPECT_EQ(back.name, kDecisionMatterTable);
  EXPECT_EQ(back.entries, table);
  // A category by its Chinese or English name; 名称 is not read back.
  back = MatterListFromCsv("类别,决定机构\n大额资金使用,party-meeting\nRoutine matter,office-meeting\n", "matters.csv", names, &diags);
  ASSERT_TRUE(diags.empty()) << FormatAll(diags);
  EXPECT_EQ(back.entries, table);

  diags.clear();
  MatterListFromCsv("category,body\nroutine,office-meeting\n大额资金,party-meeting\nx,\nroutine,party-meeting\n",
                    "matters.csv", names, &diags);
  ASSERT_EQ(diags.size(), 1u) << FormatAll(diags);
  EXPECT_EQ(diags[0].Where(), "matters.csv:5:1");
  diags.clear();
  MatterListFromCsv("category,body\nroutine,office-meeting\n大额资金,party-meeting\nx,\n", "matters.csv", names, &diags);
  ASSERT_EQ(diags.size(), 2u) << FormatAll(diags);
  EXPECT_EQ(diags[0].Where(), "matters.csv:3:1") << diags[0].message;
  EXPECT_NE(diags[0].message.find("is not a valid name"), std::string::npos) << diags[0].message;
  EXPECT_EQ(diags[1].Where(), "matters.csv:4:2") << diags[1].message;
}

}  // namespace
}  // namespace docket
