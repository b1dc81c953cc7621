// Delivering notifications (app/delivery.h): who is reached by which channel, the messages
// as they leave (an RFC 5322 e-mail, a robot's text JSON) and the backoff. DeliverDue over
// each store: deliver_due_test.cc.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/delivery.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

DueDelivery Due(const std::string& channel, const std::string& address) {
  DueDelivery d;
  d.delivery.id = 42;
  d.delivery.notification = 7;
  d.delivery.channel = channel;
  d.delivery.address = address;
  d.notification = Notification{7, "li", "school-a", 3, "2026-03-02T09:00:00Z", "notify", "k",
                                Labels{"督办任务 #3（已签收）：督办事项即将到期；还有 2 天到期，请及时办理并反馈办理结果", "Task #3: due soon"}, false};
  return d;
}

TEST(DeliveryTest, APersonIsReachedByEmailAndTheRobotsOfTheirOrganizationsOnce) {
  Person li{"li", Labels{"李华", "Li Hua"}, {{"li", "school-a", "principal"}, {"li", "school-a", "committee_member"},
                                            {"li", "district", "member"}}, "li@a.example"};
  std::map<std::string, Org> orgs;
  orgs["school-a"].notify = OrgRobots{"https://wecom.example/a", ""};
  orgs["district"].notify = OrgRobots{"https://wecom.example/a", "https://ding.example/d"};
  const std::vector<Delivery> out = ChannelsOf(li, orgs);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].channel, "email");
  EXPECT_EQ(out[0].address, "li@a.example");
  EXPECT_EQ(out[1].channel, "wecom");
  EXPECT_EQ(out[2].channel, "dingtalk");
  li.email.clear();
  li.roles.clear();
  EXPECT_TRUE(ChannelsOf(li, orgs).empty());
}

TEST(DeliveryTest, AnEmailIsAProperMessageWithAMessageIdFromItsRow) {
  DeliveryPolicy policy;
  policy.mail_from = "docket@district.example";
  const Outgoing m = Compose(Due("email", "li@a.example"), nullptr, policy, TimePoint(std::chrono::seconds(1796000000)));
  EXPECT_EQ(m.from, "docket@district.example");
  EXPECT_THAT(m.body, HasSubstr("From: docket@district.example\r\nTo: li@a.example\r\n"));
  EXPECT_THAT(m.body, HasSubstr("Message-ID: <docket-outbox-42@district.example>\r\n"));
  EXPECT_THAT(m.body, HasSubstr("Date: Mon, 30 Nov 2026 00:53:20 +0000"));
  EXPECT_THAT(m.body, HasSubstr("Content-Type: text/plain; charset=UTF-8\r\n"));
  // The subject: encoded words of at most 75 characters, folded, no raw UTF-8 in the header.
  const std::size_t subject = m.body.find("Subject: ");
  const std::size_t end = m.body.find("\r\nDate:");
  const std::string header = m.body.substr(subject, end - subject);
  EXPECT_THAT(header, HasSubstr("=?UTF-8?B?"));
  EXPECT_THAT(header, HasSubstr("\r\n =?UTF-8?B?")) << "a long subject is folded";
  for (unsigned char c : header) EXPECT_LT(c, 0x80);
  std::size_t at = 0;
  while ((at = header.find("=?UTF-8?B?", at)) != std::string::npos) {
    const std::size_t close = header.find("?=", at + 10);
    EXPECT_LE(close + 2 - at, 75u);
    at = close;
  }
  EXPECT_THAT(m.body, HasSubstr("\r\n\r\n督办任务 #3"));
  EXPECT_THAT(m.body, HasSubstr("Task #3: due soon\r\n"));
  EXPECT_THAT(m.body, HasSubstr("docket-outbox-42\r\n"));
}

TEST(DeliveryTest, ARobotGetsItsTextMessageNamingThePerson) {
  Person li{"li", Labels{"李华", "Li Hua"}, {}, ""};
  const Outgoing m = Compose(Due("wecom", "https://wecom.example/a"), &li, DeliveryPolicy(), TimePoint());
  const nlohmann::json j = nlohmann::json::parse(m.body);
  EXPECT_EQ(j["msgtype"], "text");
  const std::string content = j["text"]["content"];
  EXPECT_THAT(content, HasSubstr("李华"));
  EXPECT_THAT(content, HasSubstr("督办事项即将到期"));
  EXPECT_THAT(content, HasSubstr("[docket-outbox-42]"));
}

TEST(DeliveryTest, RetriesBackOffExponentiallyUpToTheCap) {
  DeliveryPolicy p;
  p.retry_after = std::chrono::seconds(30);
  p.retry_cap = std::chrono::seconds(3600);
  EXPECT_EQ(RetryDelay(p, 1).count(), 30);
  EXPECT_EQ(RetryDelay(p, 2).count(), 60);
  EXPECT_EQ(RetryDelay(p, 5).count(), 480);
  EXPECT_EQ(RetryDelay(p, 8).count(), 3600);
  EXPECT_EQ(RetryDelay(p, 60).count(), 3600);
}

}  // namespace
}  // namespace docket::testing
