// Each chain moves forward only (audit/time_order.h): VerifyAudit names the first entry whose
// time is earlier than an entry before it, even when every hash and link is right.
#include <gtest/gtest.h>

#include "audit/config_entries.h"
#include "store/audit_verify.h"
#include "store_test_util.h"

namespace docket {
namespace {

using testing::OpenOrDie;

class AuditTimeOrderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenOrDie(dir_.File("docket.db"));
    ASSERT_NE(store_, nullptr);
    Org org;
    org.id = "school-a";
    ASSERT_TRUE(store_->UpsertOrg(org).ok());
  }
  void Append(const std::string& time, const std::string& table) {
    AuditEntry e = ConfigEntry("school-a", kConfigTableAction, {{"tables." + table + ".k", Value(), Value("v")}},
                               time, "t.yaml");
    Status st = store_->Transact([&] { return store_->AppendAudit(e).status(); });
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  testing::TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(AuditTimeOrderTest, EqualAndLaterTimesVerify) {
  Append("2026-03-01T09:00:00Z", "a");
  Append("2026-03-01T09:00:00Z", "b");
  Append("2026-03-02T09:00:00+08:00", "c");
  Append("2026-03-02T09:00:00Z", "d");
  auto v = VerifyAudit(*store_, std::nullopt);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
}

TEST_F(AuditTimeOrderTest, AChainThatGoesBackIsReportedAtItsFirstEarlierEntry) {
  Append("2026-03-01T09:00:00Z", "a");
  Append("2026-03-02T09:00:00Z", "b");
  Append("1999-01-01T00:00:00Z", "c");
  Append("2026-03-03T09:00:00Z", "d");
  auto v = VerifyAudit(*store_, std::nullopt);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), Code::kIntegrity);
  const std::string m = v.status().message();
  EXPECT_NE(m.find("entry 3"), std::string::npos) << m;
  EXPECT_NE(m.find("1999-01-01T00:00:00Z"), std::string::npos) << m;
  EXPECT_NE(m.find("goes back in time"), std::string::npos) << m;
}

}  // namespace
}  // namespace docket
