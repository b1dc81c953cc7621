// DeliverDue (app/delivery.h) on every store: a notification's deliveries sent through a
// Sender that fails on purpose — retried after the backoff, sent once it answers, dead
// after the last attempt — and a delivery claimed by a worker that died taken again only
// when its hold ends.
#include <map>

#include "app/delivery.h"
#include "app_fixture.h"

namespace docket::testing {
namespace {

// Fails each channel's first `failures[channel]` sends (every send when -1), then takes them.
class FailingSender : public Sender {
 public:
  explicit FailingSender(std::map<std::string, int> failures) : failures_(std::move(failures)) {}
  Status Send(const Outgoing& message) override {
    sent.push_back(message);
    int& left = failures_[message.channel];
    if (left == 0) return Status::Ok();
    if (left > 0) --left;
    return Status::Storage("the far end said no");
  }
  std::vector<Outgoing> sent;

 private:
  std::map<std::string, int> failures_;
};

class DeliverDueTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    policy_.retry_after = std::chrono::seconds(30);
    policy_.retry_cap = std::chrono::seconds(3600);
    policy_.max_attempts = 3;
    policy_.hold = std::chrono::seconds(120);
    Notification n;
    n.person = "li";
    n.org = "school-a";
    n.item_id = NewMatter();
    n.time = FormatTime(clock_.Now());
    n.kind = "notify";
    n.firing = "test-firing";
    n.message = Labels{"督办任务即将到期", "A task is due soon"};
    n.deliveries = {Delivery{0, 0, "email", "li@a.example"}, Delivery{0, 0, "wecom", "https://robot.example/hook?key=s"}};
    Status st = store_->AddNotification(n);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  DeliveryRound Round(Sender& sender) {
    auto r = docket_->Deliver(sender, policy_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : DeliveryRound{-1, -1, -1};
  }
  std::map<std::string, Delivery> Deliveries() {
    std::map<std::string, Delivery> out;
    auto inbox = docket_->Inbox("li", false);
    EXPECT_TRUE(inbox.ok()) << inbox.status().ToString();
    if (inbox.ok() && inbox->size() == 1) {
      for (const Delivery& d : inbox->front().deliveries) out[d.channel] = d;
    }
    return out;
  }
  DeliveryPolicy policy_;
};

TEST_P(DeliverDueTest, AFailedDeliveryIsRetriedAfterItsBackoffSentOnceAndDeadAfterTheLastAttempt) {
  FailingSender sender({{"email", 2}, {"wecom", -1}});
  DeliveryRound first = Round(sender);
  EXPECT_EQ(first.retrying, 2);
  EXPECT_EQ(first.sent + first.dead, 0);
  EXPECT_EQ(Deliveries()["email"].next_at, FormatTime(clock_.Now() + std::chrono::seconds(30)));

  clock_.Advance(std::chrono::seconds(29));
  DeliveryRound early = Round(sender);
  EXPECT_EQ(early.sent + early.retrying + early.dead, 0) << "not due before its backoff";

  clock_.Advance(std::chrono::seconds(1));
  EXPECT_EQ(Round(sender).retrying, 2);
  EXPECT_EQ(Deliveries()["wecom"].next_at, FormatTime(clock_.Now() + std::chrono::seconds(60))) << "doubled";

  clock_.Advance(std::chrono::seconds(60));
  DeliveryRound last = Round(sender);
  EXPECT_EQ(last.sent, 1);
  EXPECT_EQ(last.dead, 1);

  clock_.Advance(std::chrono::hours(2));
  DeliveryRound after = Round(sender);
  EXPECT_EQ(after.sent + after.retrying + after.dead, 0) << "a sent or dead delivery is never sent again";
  EXPECT_EQ(sender.sent.size(), 6u);

  auto d = Deliveries();
  EXPECT_EQ(d["email"].status, "sent");
  EXPECT_EQ(d["email"].attempts, 3);
  EXPECT_EQ(d["email"].last_error, "");
  EXPECT_EQ(d["wecom"].status, "dead");
  EXPECT_EQ(d["wecom"].attempts, 3);
  EXPECT_EQ(d["wecom"].last_error, "the far end said no");
  EXPECT_NE(d["wecom"].done_at, "");
}

TEST_P(DeliverDueTest, ADeliveryClaimedByAWorkerThatDiedIsTakenAgainWhenItsHoldEnds) {
  auto claimed = store_->ClaimDeliveries(FormatTime(clock_.Now()), FormatTime(clock_.Now() + policy_.hold), 20);
  ASSERT_TRUE(claimed.ok()) << claimed.status().ToString();
  ASSERT_EQ(claimed->size(), 2u);  // and the worker that claimed them dies here

  FailingSender sender({{"email", 0}, {"wecom", 0}});
  clock_.Advance(policy_.hold - std::chrono::seconds(1));
  DeliveryRound held = Round(sender);
  EXPECT_EQ(held.sent, 0) << "another worker's hold is respected";
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_EQ(Round(sender).sent, 2);
  auto d = Deliveries();
  EXPECT_EQ(d["email"].status, "sent");
  EXPECT_EQ(d["wecom"].status, "sent");
  EXPECT_EQ(d["email"].attempts, 1);
}

INSTANTIATE_TEST_SUITE_P(Stores, DeliverDueTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
