// A refusal's reason in the audit log (app/message_json.h): kept as {code, en, msg}, shown in
// the reader's language, and anything else in the field shown as it stands.
#include <gtest/gtest.h>

#include "app/message_json.h"

namespace docket {
namespace {

TEST(MessageJsonTest, AReasonRoundTripsAndReadsInEitherLanguage) {
  Status why = Status::Refused(Msg("action '{action}' refused: {why}",
                                   {{"action", Msg::Named(Labels{"表决通过", "Adopt"}, "adopt")},
                                    {"why", Msg("field '{field}' has no value", {{"field", "meeting"}})}}));
  const std::string reason = RefusalReason(why);
  EXPECT_NE(reason.find("\"code\":\"refused\""), std::string::npos) << reason;
  EXPECT_NE(reason.find("\"en\":\"action 'adopt' refused: field 'meeting' has no value\""), std::string::npos) << reason;
  // The action stands beside the reason in the history, so only the why is shown.
  EXPECT_EQ(ReasonText(reason, Lang::kEn), "field 'meeting' has no value");
  EXPECT_EQ(ReasonText(reason, Lang::kZh), "字段“meeting”没有值");
}

TEST(MessageJsonTest, AnythingElseIsShownAsItStands) {
  for (const std::string raw : {"", "loaded from org.yaml", "forbidden: as written before", "{not json",
                                R"({"code":"refused"})", R"({"msg":{"t":1}})", R"({"msg":[1,2]})"}) {
    EXPECT_EQ(ReasonText(raw, Lang::kZh), raw);
  }
}

TEST(MessageJsonTest, AReasonNestedDeeperThanDocketWritesIsShownAsItStands) {
  std::string deep = "\"x\"";
  for (int i = 0; i < 5000; ++i) deep = R"({"t":"{a}","a":{"a":)" + deep + "}}";
  const std::string reason = R"({"code":"refused","en":"x","msg":)" + deep + "}";
  EXPECT_EQ(ReasonText(reason, Lang::kZh), reason);
  std::string shallow = "\"x\"";
  for (int i = 0; i < 10; ++i) shallow = R"({"t":"{a}","a":{"a":)" + shallow + "}}";
  EXPECT_EQ(ReasonText(R"({"code":"refused","en":"x","msg":)" + shallow + "}", Lang::kZh), "x");
}

}  // namespace
}  // namespace docket
