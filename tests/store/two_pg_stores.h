// Two PgStores on one throw-away PostgreSQL database (support/pg_database.h), a_ and b_, as
// two servers' connections: what one changes, the other must see. Subclasses call
// TwoPgStoresTest::SetUp() first and return when it skipped or failed.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "store/pg_store.h"
#include "support/pg_database.h"

namespace docket::testing {

class TwoPgStoresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DOCKET_REQUIRE_PG();
    pg_ = std::make_unique<PgTestDatabase>();
    ASSERT_FALSE(pg_->url().empty()) << pg_->error();
    a_ = Open();
    b_ = Open();
    ASSERT_NE(a_, nullptr);
    ASSERT_NE(b_, nullptr);
  }
  // Whether SetUp stopped: the subclass's SetUp returns then.
  bool Stopped() const { return IsSkipped() || HasFatalFailure(); }

  std::unique_ptr<PgStore> Open() {
    auto s = PgStore::Open(pg_->url());
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }

  std::unique_ptr<PgTestDatabase> pg_;
  std::unique_ptr<PgStore> a_;
  std::unique_ptr<PgStore> b_;
};

}  // namespace docket::testing
