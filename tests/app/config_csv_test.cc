// The roster and the decision-matter list from and to CSV (ConfigUseCases::ImportRoster,
// ExportRoster, ImportMatterList, ExportMatterList): the same load as the YAML files, one
// configuration entry where something changed, nothing where nothing did or the file is bad.
#include <gmock/gmock.h>

#include "app_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

const char* const kCsvOrgs[] = {"$installation", "district", "school-a", "school-b", "school-c"};

class ConfigCsvFixture : public AppFixture {
 protected:
  std::map<std::string, std::size_t> Heads() {
    std::map<std::string, std::size_t> out;
    for (const char* org : kCsvOrgs) out[org] = Chain(org).size();
    return out;
  }
  std::string Exported(const std::string& org) {
    auto csv = docket_->ExportRoster(org);
    EXPECT_TRUE(csv.ok()) << csv.status().ToString();
    return csv.ok() ? *csv : "";
  }
  const Person* FindPerson(const std::vector<Person>& people, const std::string& id) {
    for (const Person& p : people) {
      if (p.id == id) return &p;
    }
    return nullptr;
  }
};

using ConfigCsvTest = OnEachStore<ConfigCsvFixture>;

TEST_P(ConfigCsvTest, ExportThenImportIsUnchanged) {
  const auto heads = Heads();
  for (const char* org : {"school-a", "school-b", "district"}) {
    SCOPED_TRACE(org);
    auto r = docket_->ImportRoster(Exported(org), "roster.csv", org);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_FALSE(r->changed);
    EXPECT_EQ(r->audit_entries, 0);
  }
  EXPECT_EQ(Heads(), heads);
  ASSERT_TRUE(docket_->LoadTable(FindShipped("workflows/lists/decision-matters.yaml")->text, "decision-matters.yaml").ok());
  const auto table_heads = Heads();
  auto matters = docket_->ExportMatterList();
  ASSERT_TRUE(matters.ok()) << matters.status().ToString();
  auto r = docket_->ImportMatterList(*matters, "decision-matters.csv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->changed);
  EXPECT_EQ(Heads(), table_heads);
}

TEST_P(ConfigCsvTest, AnEditedRosterIsOneEntryInTheSchoolsChain) {
  auto heads = Heads();
  std::string csv = Exported("school-b");
  // A new teacher joins the staff assembly; xie's e-mail is set.
  csv += "wu,吴敏,Wu Min,staff_representative,staff-congress,,wu@school-b.example\r\n";
  const std::string xie = "xie,谢志强,Xie Zhiqiang,vice_principal,office-meeting; staff-congress,,";
  ASSERT_NE(csv.find(xie), std::string::npos) << csv;
  csv.replace(csv.find(xie), xie.size(), xie + "xie@school-b.example");
  auto r = docket_->ImportRoster(csv, "/tmp/roster-b.csv", "school-b");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->changed);
  EXPECT_EQ(r->audit_entries, 1);
  ++heads["school-b"];
  EXPECT_EQ(Heads(), heads);
  const AuditEntry last = Chain("school-b").back();
  EXPECT_EQ(last.action, "config-org");
  EXPECT_EQ(last.reason, "loaded from roster-b.csv");
  auto people = docket_->ListPeople();
  ASSERT_TRUE(people.ok());
  const Person* wu = FindPerson(*people, "wu");
  ASSERT_NE(wu, nullptr);
  EXPECT_EQ(wu->name.zh, "吴敏");
  EXPECT_EQ(wu->email, "wu@school-b.example");
  auto org = store_->GetOrg("school-b");
  ASSERT_TRUE(org.ok());
  EXPECT_EQ(org->bodies[2].members, (std::vector<std::string>{"hu", "xie", "tian", "wu"}));
  auto v = docket_->Verify(std::nullopt);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  // The export now has them, and reads back unchanged.
  auto again = docket_->ImportRoster(Exported("school-b"), "roster.csv", "school-b");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->changed);
}

TEST_P(ConfigCsvTest, ADroppedRowLosesTheRolesInThatSchoolOnly) {
  std::string csv = Exported("school-a");
  const std::size_t at = csv.find("\r\nliu,");
  ASSERT_NE(at, std::string::npos);
  // liu is the clerk and an attendee of two bodies: out of the roster, out of both.
  csv.erase(at + 2, csv.find("\r\n", at + 2) - at);
  auto r = docket_->ImportRoster(csv, "roster.csv", "school-a");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->audit_entries, 1);
  auto org = store_->GetOrg("school-a");
  ASSERT_TRUE(org.ok());
  EXPECT_TRUE(org->bodies[0].attendees.empty());
  EXPECT_EQ(org->bodies[1].attendees, std::vector<std::string>{"wang"});
  auto liu = store_->GetPerson("liu");
  ASSERT_TRUE(liu.ok());
  EXPECT_TRUE(liu->roles.empty());
}

TEST_P(ConfigCsvTest, ABadRowChangesNothingAndNamesLineAndColumn) {
  const auto heads = Heads();
  auto before = docket_->ListPeople();
  ASSERT_TRUE(before.ok());
  std::string csv = Exported("school-a");
  csv += "wu,吴敏,,committee_member,party-meeting,,not-an-address\r\n";
  auto r = docket_->ImportRoster(csv, "roster.csv", "school-a");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalid);
  // The header, 14 people of school-a, then wu on line 16; e-mail is column 7.
  EXPECT_THAT(r.status().message(), HasSubstr("roster.csv:16:7: person 'wu': email: 'not-an-address' is not an e-mail address"));
  EXPECT_EQ(Heads(), heads);
  auto after = docket_->ListPeople();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->size(), before->size());
  EXPECT_EQ(FindPerson(*after, "wu"), nullptr);
}

TEST_P(ConfigCsvTest, RefusalsBeforeReading) {
  auto unknown = docket_->ImportRoster(Exported("school-a"), "roster.csv", "school-z");
  EXPECT_EQ(unknown.status().code(), Code::kNotFound);
  auto large = docket_->ImportRoster(std::string(kConfigCsvLimit + 1, 'a'), "big.csv", "school-a");
  EXPECT_EQ(large.status().code(), Code::kTooLarge);
  auto gbk = docket_->ImportMatterList("类别,决定机构\r\nroutine,\xB0\xEC\xB9\xAB\r\n", "matters.csv");
  EXPECT_EQ(gbk.status().code(), Code::kInvalid);
  EXPECT_THAT(gbk.status().message(), HasSubstr("matters.csv:2:2: this cell is not UTF-8 text"));
}

INSTANTIATE_TEST_SUITE_P(Stores, ConfigCsvTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
