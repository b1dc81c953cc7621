// CopyStore (app/migrate.h) from one backend to another (memory → SQLite, SQLite →
// PostgreSQL, PostgreSQL → SQLite): the demo's record and what the demo does not make
// (a delivered notification, an account, a token, a sign-in, a document, a report
// definition, a setting) arrive as stored; the chains verify on the copy with the same
// heads; the copy draws new ids after the copied ones; a target that is not empty is
// refused with nothing written.
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <string>
#include <utility>

#include "app/demo.h"
#include "app/docket.h"
#include "app/migrate.h"
#include "audit/chain.h"
#include "store_backends.h"
#include "support/temp_dir.h"

namespace docket::testing {
namespace {

using Pair = std::pair<std::string, std::string>;

class MigrateTest : public ::testing::TestWithParam<Pair> {
 protected:
  void SetUp() override {
    for (const std::string& b : {GetParam().first, GetParam().second}) {
      if (b == "postgresql") DOCKET_REQUIRE_PG();
    }
    from_opener_ = std::make_unique<StoreOpener>(GetParam().first, dir_.File("from.db"));
    to_opener_ = std::make_unique<StoreOpener>(GetParam().second, dir_.File("to.db"));
    from_ = Opened(*from_opener_);
    to_ = Opened(*to_opener_);
  }

  static std::unique_ptr<Store> Opened(StoreOpener& opener) {
    auto s = opener.Open();
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }

  // The demo, then what it does not make.
  void Fill() {
    Docket d(*from_, clock_, log_);
    ASSERT_TRUE(d.InitMode(/*simulation=*/true).ok());
    Status demo = RunDemo(d, clock_, Lang::kEn, [](const std::string&) {});
    ASSERT_TRUE(demo.ok()) << demo.ToString();
    // A scan attached to one of school-a's items: bytes with NULs in them.
    ItemFilter school_a;
    school_a.org = "school-a";
    auto items = from_->ListItems(school_a);
    ASSERT_TRUE(items.ok() && !items->empty());
    auto attached = d.Attach({items->front().id, "scan.png", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16), "wang"});
    ASSERT_TRUE(attached.ok()) << attached.status().ToString();
    Notification n;
    n.person = "wang";
    // Of an organization without a chain: verify checks a chain's notifications and
    // firings against its entries, and these were made by hand.
    n.org = "elsewhere";
    n.item_id = 1;
    n.time = "2026-03-05T09:00:00Z";
    n.kind = "notify";
    n.firing = "test:1";
    n.message = Labels("请处理", "Please act");
    n.deliveries = {Delivery{.channel = "email", .address = "wang@example.org"},
                    Delivery{.channel = "wecom", .address = "https://robot.example/1"}};
    ASSERT_TRUE(from_->AddNotification(n).ok());
    ASSERT_TRUE(from_->ClaimFiring({"test:1", "elsewhere", 1, "notify", "2026-03-05T09:00:00Z", "2026-03-05T09:00:01Z"}).ok());
    auto all = from_->ListAllNotifications();
    ASSERT_TRUE(all.ok());
    Delivery sent = all->back().deliveries.front();
    sent.status = "sent";
    sent.attempts = 1;
    sent.done_at = "2026-03-05T09:01:00Z";
    ASSERT_TRUE(from_->RecordDelivery(sent).ok());
    ASSERT_TRUE(from_->MarkRead("wang").ok());
    ASSERT_TRUE(from_->PutAccount({"wang", "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA", "2026-03-01T08:00:00Z"}).ok());
    Credential token{.kind = "token", .key = "tok1", .person = "wang", .secret_hash = "ab", .org = "school-a",
                     .scope = "read", .created_by = "wang", .created_at = "2026-03-01T08:00:00Z",
                     .expires_at = "2026-06-01T08:00:00Z", .last_seen = "", .ended_at = ""};
    ASSERT_TRUE(from_->PutCredential(token).ok());
    ASSERT_TRUE(from_->AddSignIn({"2026-03-01T08:00:00Z", "wang", "127.0.0.1", "ok"}).ok());
    const std::string doc = "{\"report\":\"x\"}";
    ASSERT_TRUE(from_->PutDocument(Sha256Hex(doc), doc, "2026-03-05T10:00:00Z").ok());
    ASSERT_TRUE(from_->PutReportDefinition({"extra", 1, Sha256Hex("id: extra"), "id: extra", "2026-03-01T08:00:00Z"}).ok());
    ASSERT_TRUE(from_->PutSetting("color", "blue").ok());
  }

  TempDir dir_;
  FixedClock clock_{*ParseTime("2026-03-02T09:00:00Z")};
  std::shared_ptr<spdlog::logger> log_ = std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
  std::unique_ptr<StoreOpener> from_opener_, to_opener_;
  std::unique_ptr<Store> from_, to_;
};

TEST_P(MigrateTest, EverythingArrivesAsStoredAndTheChainsVerifyWithTheSameHeads) {
  ASSERT_NO_FATAL_FAILURE(Fill());
  auto report = CopyStore(*from_, *to_, "to", "2026-03-10T00:00:00Z");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  auto orgs = from_->AuditOrgs();
  ASSERT_TRUE(orgs.ok());
  ASSERT_EQ(report->chains.size(), orgs->size());
  for (const std::string& org : *orgs) {
    EXPECT_EQ(to_->GetAuditHead(org)->hash, from_->GetAuditHead(org)->hash) << org;
  }
  Docket copied(*to_, clock_, log_);
  auto verified = copied.Verify(std::nullopt);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->orgs.size(), orgs->size());

  auto items_from = from_->ListItems({});
  auto items_to = to_->ListItems({});
  ASSERT_EQ(items_to->size(), items_from->size());
  for (std::size_t i = 0; i < items_from->size(); ++i) {
    auto to_item = to_->GetItem((*items_from)[i].id);
    ASSERT_TRUE(to_item.ok()) << (*items_from)[i].id;
    EXPECT_EQ(to_item->version, (*items_from)[i].version);
    EXPECT_EQ(to_item->state, (*items_from)[i].state);
    EXPECT_EQ(to_item->fields, (*items_from)[i].fields);
  }
  auto n_from = from_->ListAllNotifications();
  auto n_to = to_->ListAllNotifications();
  ASSERT_EQ(n_to->size(), n_from->size());
  const Notification& last = n_to->back();
  EXPECT_TRUE(last.read);
  EXPECT_EQ(last.id, n_from->back().id);
  ASSERT_EQ(last.deliveries.size(), 2u);
  EXPECT_EQ(last.deliveries[0].status, "sent");
  EXPECT_EQ(last.deliveries[0].id, n_from->back().deliveries[0].id);
  EXPECT_EQ(last.deliveries[1].status, "pending");
  EXPECT_TRUE(to_->GetFiring("test:1")->has_value());
  EXPECT_EQ((*to_->GetAccount("wang"))->password_hash, (*from_->GetAccount("wang"))->password_hash);
  EXPECT_EQ((*to_->GetCredential("token", "tok1"))->scope, "read");
  EXPECT_EQ(to_->ListSignIns()->size(), 1u);
  EXPECT_EQ(to_->ListDocuments()->size(), from_->ListDocuments()->size());
  auto files = to_->ListOrgAttachments("");
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ(report->attachments, 1);
  EXPECT_EQ((*files)[0].name, "scan.png");
  EXPECT_EQ(**to_->GetAttachmentBytes((*files)[0].hash), std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
  EXPECT_EQ(to_->ListReportDefinitions()->size(), from_->ListReportDefinitions()->size());
  EXPECT_EQ(*to_->ListSettings(), *from_->ListSettings());
  EXPECT_EQ(to_->ListDefinitions()->size(), from_->ListDefinitions()->size());
  EXPECT_EQ(to_->ListOrgs()->size(), from_->ListOrgs()->size());
  EXPECT_EQ(*to_->GetCalendar(), *from_->GetCalendar());

  // New rows draw ids after the copied ones.
  Item next = items_from->back();
  next.parent.reset();
  auto id = to_->InsertItem(next);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_GT(*id, items_from->back().id);
  Notification more = n_from->back();
  ASSERT_TRUE(to_->AddNotification(more).ok());
  auto after = to_->ListAllNotifications();
  EXPECT_GT(after->back().id, last.id);
  EXPECT_GT(after->back().deliveries.front().id, last.deliveries.back().id);
}

TEST_P(MigrateTest, ATargetThatIsNotEmptyIsRefusedWithNothingWritten) {
  ASSERT_NO_FATAL_FAILURE(Fill());
  ASSERT_TRUE(to_->PutSetting("mode", "real").ok());
  auto report = CopyStore(*from_, *to_, "to", "2026-03-10T00:00:00Z");
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), Code::kConflict);
  EXPECT_TRUE(to_->ListOrgs()->empty());
  EXPECT_TRUE(to_->AuditOrgs()->empty());
  EXPECT_EQ(to_->ListSettings()->size(), 1u);
}

TEST_P(MigrateTest, AFailureHalfwayLeavesTheTargetEmpty) {
  ASSERT_NO_FATAL_FAILURE(Fill());
  // The target fails at its 20th audit append, halfway through the chains.
  int appends = 0;
  SqliteOptions failing;
  failing.fault_hook = [&appends](const char* point) {
    if (std::string(point) == "after_audit_append" && ++appends == 20) return Status::Storage("disk gone");
    return Status::Ok();
  };
  to_.reset();
  to_ = std::move(to_opener_->Open(failing)).value();
  auto report = CopyStore(*from_, *to_, "to", "2026-03-10T00:00:00Z");
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), Code::kStorage) << report.status().ToString();
  EXPECT_EQ(appends, 20);
  EXPECT_TRUE(to_->ListOrgs()->empty());
  EXPECT_TRUE(to_->ListItems({})->empty());
  EXPECT_TRUE(to_->AuditOrgs()->empty());
  EXPECT_TRUE(to_->ListSettings()->empty());
  // Without the fault the same copy goes through.
  to_.reset();
  to_ = Opened(*to_opener_);
  EXPECT_TRUE(CopyStore(*from_, *to_, "to", "2026-03-10T00:00:00Z").ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrateTest,
                         ::testing::Values(Pair{"memory", "sqlite"}, Pair{"sqlite", "postgresql"},
                                           Pair{"postgresql", "sqlite"}),
                         [](const ::testing::TestParamInfo<Pair>& info) {
                           return info.param.first + "_to_" + info.param.second;
                         });

}  // namespace
}  // namespace docket::testing
