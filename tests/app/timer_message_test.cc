// A notification's text in every language the workflow's labels carry: Chinese and English,
// and a third language (here fr) that Docket has no Lang or catalog for yet, which reads
// its own labels and English for the fixed words.
#include <algorithm>

#include "app_fixture.h"

namespace docket::testing {
namespace {

constexpr const char* kErrand = R"(id: errand
version: 1
labels: {zh: 差事, en: Errand, fr: Course}
fields:
  owner: {type: person, labels: {zh: 负责人, en: Owner}}
  due_date: {type: date, labels: {zh: 期限, en: Due}}
states:
  open:
    initial: true
    labels: {zh: 进行中, en: Open, fr: Ouverte}
    timers:
      - name: deadline
        due: {field: due_date}
        ladder:
          - {at: -2d, do: notify, owner: owner}
          - at: +1d
            do: notify
            owner: owner
            message: {zh: 请尽快办理, en: Please see to it, fr: Merci de s'en occuper}
  done: {terminal: true, labels: {zh: 完成, en: Done}}
create:
  roles: [secretary]
  required: [owner, due_date]
transitions:
  - {name: finish, from: open, to: done, roles: [secretary]}
)";

class TimerMessageTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    auto r = docket_->LoadWorkflow(kErrand, "errand.yaml");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    auto item = docket_->CreateItem({"errand", "school-a", std::nullopt, {{"owner", "chen"}, {"due_date", "2026-03-10"}}, "wang"});
    ASSERT_TRUE(item.ok()) << item.status().ToString();
    id_ = std::to_string(item->item.id);
  }

  // The message of the newest notification in chen's inbox after a tick at `iso`, and how
  // many there are.
  std::pair<Labels, std::size_t> TickAndRead(const std::string& iso) {
    clock_.Set(*ParseTime(iso));
    auto t = docket_->Tick();
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    auto inbox = docket_->Inbox("chen", false);
    EXPECT_TRUE(inbox.ok()) << inbox.status().ToString();
    if (!inbox.ok() || inbox->empty()) return {Labels(), 0};
    auto newest = std::max_element(inbox->begin(), inbox->end(),
                                   [](const Notification& a, const Notification& b) { return a.id < b.id; });
    return {newest->message, inbox->size()};
  }

  std::string id_;
};

TEST_P(TimerMessageTest, TheDueTimeReadsInEveryLanguageOfTheWorkflow) {
  const auto [m, count] = TickAndRead("2026-03-09T00:00:00Z");
  ASSERT_EQ(count, 1u);
  EXPECT_EQ(m.zh, "差事 #" + id_ + "（进行中）将于 2026-03-11T00:00:00+08:00 到期（deadline）；距截止还有 2 天");
  EXPECT_EQ(m.en, "Errand #" + id_ + " (Open) is due at 2026-03-11T00:00:00+08:00 (deadline); due in 2 days");
  ASSERT_EQ(m.more.count("fr"), 1u);
  EXPECT_EQ(m.more.at("fr"), "Course #" + id_ + " (Ouverte) is due at 2026-03-11T00:00:00+08:00 (deadline); due in 2 days");
  EXPECT_EQ(m.more.size(), 1u);
}

TEST_P(TimerMessageTest, AStepsOwnMessageReachesTheInboxInAThirdLanguage) {
  const auto [m, count] = TickAndRead("2026-03-12T00:00:00Z");
  ASSERT_EQ(count, 2u);
  EXPECT_EQ(m.zh, "差事 #" + id_ + "（进行中）：请尽快办理；已逾期 1 天");
  EXPECT_EQ(m.en, "Errand #" + id_ + " (Open): Please see to it; overdue by 1 day");
  ASSERT_EQ(m.more.count("fr"), 1u);
  EXPECT_EQ(m.more.at("fr"), "Course #" + id_ + " (Ouverte): Merci de s'en occuper; overdue by 1 day");
}

INSTANTIATE_TEST_SUITE_P(Stores, TimerMessageTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
