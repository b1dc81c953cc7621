// Roles by the names the organization file gives them (`roles:` in workflows/examples/org.yaml):
// a refusal names the roles an action needs and those the actor holds by their Chinese labels
// by default, and by their ids, in English only, with --lang en.
#include <fstream>

#include "cli_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

bool HasChinese(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0xE4 && c <= 0xE9) return true;  // a lead byte of U+4E00..U+9FFF in UTF-8
  }
  return false;
}

class CliRolesLangTest : public CliTest {
 protected:
  // A matter submitted by the clerk, waiting for the principal's sign-off.
  std::string SubmittedMatter() {
    const std::string matter = NewMatter();
    EXPECT_EQ(As("liu", {"item", "act", matter, "submit"}).exit_code, 0);
    return matter;
  }
};

TEST_F(CliRolesLangTest, ARefusalNamesRolesByTheirChineseLabelsByDefault) {
  const std::string matter = SubmittedMatter();
  RunResult zh = As("chen", {"item", "act", matter, "presign_principal"});
  EXPECT_EQ(zh.exit_code, 4) << zh.err;
  EXPECT_THAT(zh.err, HasSubstr("校长（principal）")) << zh.err;  // the role the action needs
  EXPECT_THAT(zh.err, HasSubstr("委员（committee_member）")) << zh.err;  // a role chen holds
}

TEST_F(CliRolesLangTest, ARefusalNamesRolesByTheirIdsInEnglishOnlyWithLangEn) {
  const std::string matter = SubmittedMatter();
  RunResult en = As("chen", {"--lang", "en", "item", "act", matter, "presign_principal"});
  EXPECT_EQ(en.exit_code, 4) << en.err;
  EXPECT_THAT(en.err, HasSubstr("it needs one of the roles principal;")) << en.err;
  EXPECT_THAT(en.err, HasSubstr("committee_member")) << en.err;
  EXPECT_FALSE(HasChinese(en.err)) << en.err;
}

TEST_F(CliRolesLangTest, ARoleWithoutALabelIsShownByItsIdAndALaterFileRelabelsOne) {
  const std::string file = db_ + ".roles.yaml";
  std::ofstream(file) << "roles:\n"
                         "  principal: {labels: {zh: 学校校长, en: Head teacher}}\n"
                         "people:\n"
                         "  - id: zhao\n"
                         "    name: {zh: 赵敏, en: Zhao Min}\n"
                         "    roles: [{org: school-a, role: observer}]\n";
  ASSERT_EQ(Docket({"org", "load", file}).exit_code, 0);
  const std::string matter = SubmittedMatter();
  RunResult zh = As("zhao", {"item", "act", matter, "presign_principal"});
  EXPECT_EQ(zh.exit_code, 4) << zh.err;
  EXPECT_THAT(zh.err, HasSubstr("学校校长（principal）")) << zh.err;
  EXPECT_THAT(zh.err, Not(HasSubstr("observer（"))) << zh.err;
  EXPECT_THAT(zh.err, HasSubstr("observer")) << zh.err;
  // The labels the first file gave the other roles are kept.
  RunResult chen = As("chen", {"item", "act", matter, "presign_principal"});
  EXPECT_THAT(chen.err, HasSubstr("委员（committee_member）")) << chen.err;
}

}  // namespace
}  // namespace docket::testing
