// R8's pre-meeting sign-offs (workflows/matter.yaml v7, issue 16): `presign_secretary` and
// `presign_principal` are offered (unblocked) and accepted only where R8 asks for them — a
// major matter — and only until they are given: not again by the same person, not replaced by
// another, and once only from one person holding both posts (一肩挑). Each refusal speaks the
// rule's words, is offered blocked with them, and changes nothing. On every store backend.
#include "core/catalog.h"
#include "core/condition.h"
#include "governance_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class MatterSignOffFixture : public GovernanceFixture {
 protected:
  // The action `name` as offered to `person` on item `id`; nullopt when not offered.
  std::optional<OfferedAction> Offered(std::int64_t id, const std::string& person, const std::string& name) {
    auto item = docket_->GetItem(id);
    EXPECT_TRUE(item.ok()) << item.status().ToString();
    auto actions = docket_->ActionsFor(*item, person);
    EXPECT_TRUE(actions.ok()) << actions.status().ToString();
    for (const OfferedAction& a : *actions) {
      if (a.name == name) return a;
    }
    return std::nullopt;
  }
  // The words `person` is offered `name` blocked with (English); "" when offered unblocked.
  std::string BlockedWords(std::int64_t id, const std::string& person, const std::string& name) {
    auto a = Offered(id, person, name);
    EXPECT_TRUE(a.has_value()) << name << " is not offered to " << person;
    if (!a || !a->blocked) return "";
    EXPECT_EQ(a->blocked_rule, "R8");
    return Text(*a->blocked, Lang::kEn);
  }
  std::string Field(std::int64_t id, const std::string& field) {
    auto item = docket_->GetItem(id);
    if (!item.ok() || !item->fields.count(field)) return "";
    return item->fields.at(field).ToText();
  }
};
using MatterSignOffTest = OnEachStore<MatterSignOffFixture>;

TEST_P(MatterSignOffTest, ARoutineMatterIsOfferedNoSignOffAndRefusesOne) {
  for (const char* category : {"routine", "staff-interest"}) {
    SCOPED_TRACE(category);
    std::int64_t m = NewMatter(category);
    EXPECT_THAT(BlockedWords(m, "wang", "presign_secretary"), HasSubstr("R8: This kind of matter needs no pre-meeting sign-off"));
    EXPECT_THAT(BlockedWords(m, "li", "presign_principal"), HasSubstr("R8: This kind of matter needs no pre-meeting sign-off"));
    // What a page shows first: the rule's words alone, without the engine's account.
    auto offered = Offered(m, "wang", "presign_secretary");
    ASSERT_TRUE(offered && offered->blocked);
    auto words = RuleWords(*offered->blocked);
    ASSERT_TRUE(words.has_value());
    EXPECT_EQ(Text(*words, Lang::kEn), "R8: This kind of matter needs no pre-meeting sign-off");
    EXPECT_EQ(Text(*words, Lang::kZh), "R8：此类事项无须会前沟通确认");
    EXPECT_THAT(Refused(m, "presign_secretary", {}, "wang"), HasSubstr("needs no pre-meeting sign-off"));
    EXPECT_THAT(Refused(m, "presign_principal", {}, "li"), HasSubstr("needs no pre-meeting sign-off"));
    EXPECT_EQ(Field(m, "presigned_secretary"), "");
    EXPECT_EQ(Field(m, "presigned_principal"), "");
  }
  ExpectVerifies();
}

TEST_P(MatterSignOffTest, ASignOffGivenIsNotOfferedAgainNorOverwritten) {
  std::int64_t m = NewMatter("large-spending");
  EXPECT_EQ(BlockedWords(m, "wang", "presign_secretary"), "");
  EXPECT_EQ(BlockedWords(m, "li", "presign_principal"), "");
  Ok(m, "presign_secretary", {}, "wang");
  EXPECT_THAT(BlockedWords(m, "wang", "presign_secretary"), HasSubstr("R8: The secretary has already signed off"));
  EXPECT_EQ(BlockedWords(m, "li", "presign_principal"), "");  // the other post's is still asked
  EXPECT_THAT(Refused(m, "presign_secretary", {}, "wang"), HasSubstr("The secretary has already signed off"));
  Ok(m, "presign_principal", {}, "li");
  EXPECT_THAT(Refused(m, "presign_principal", {}, "li"), HasSubstr("The principal has already signed off"));
  EXPECT_EQ(Field(m, "presigned_secretary"), "wang");
  EXPECT_EQ(Field(m, "presigned_principal"), "li");
  // Both given: the matter goes on the agenda (R8 holds).
  std::int64_t party = NewMeeting("party-meeting");
  Ok(m, "schedule", {{"meeting", std::to_string(party)}}, "liu");
  ExpectVerifies();
}

// A second sign-off by the same person: the account behind R8's words says the rule (a
// sign-off is given once), not that another person must act — another person may not either
// (keeps), so "separation of duties" would mislead. In English and in Chinese.
TEST_P(MatterSignOffTest, ASecondSignOffBySamePersonSaysItIsGivenOnce) {
  std::int64_t m = NewMatter("major-decision");
  Ok(m, "presign_secretary", {}, "wang");
  const std::string refused = Refused(m, "presign_secretary", {}, "wang");
  EXPECT_THAT(refused, HasSubstr("'wang' has already taken 'presign_secretary' on this item and takes it only once"));
  EXPECT_THAT(refused, ::testing::Not(HasSubstr("different person")));
  auto offered = Offered(m, "wang", "presign_secretary");
  ASSERT_TRUE(offered && offered->blocked);
  const std::string zh = Text(*offered->blocked, Lang::kZh);
  EXPECT_THAT(zh, HasSubstr("“wang”已对本事项执行过“presign_secretary”，同一人只能执行一次"));
  EXPECT_THAT(zh, ::testing::Not(HasSubstr("职责分离")));
  EXPECT_EQ(Field(m, "presigned_secretary"), "wang");
}

// One person holding both posts (一肩挑: sun in school-b) signs once, as either post.
TEST_P(MatterSignOffTest, OnePersonHoldingBothPostsIsOfferedOneSignOff) {
  for (const char* first : {"presign_secretary", "presign_principal"}) {
    SCOPED_TRACE(first);
    auto matter = docket_->CreateItem(
        {"matter", "school-b", std::nullopt, {{"title", "t"}, {"category", "major-decision"}}, "zhou"});
    ASSERT_TRUE(matter.ok()) << matter.status().ToString();
    std::int64_t m = matter->item.id;
    Ok(m, "submit", {}, "zhou");
    Ok(m, first, {}, "sun");
    const std::string other = std::string(first) == "presign_secretary" ? "presign_principal" : "presign_secretary";
    EXPECT_THAT(BlockedWords(m, "sun", other), HasSubstr("and has signed off"));
    EXPECT_THAT(Refused(m, other, {}, "sun"), HasSubstr("and has signed off"));
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, MatterSignOffTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
