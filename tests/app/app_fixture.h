// A Docket on a store (a real SQLite file in a temporary folder, or in memory: see
// store_backends.h), with the example organizations and the shipped workflows loaded, a
// fixed clock, and an optional storage fault. AppFixture runs on SQLite; AppTest is the
// same fixture run on every backend (TEST_P).
#pragma once

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <optional>
#include <string>

#include "app/docket.h"
#include "app/embedded.h"
#include "store_backends.h"
#include "support/process.h"

namespace docket::testing {

class AppFixture : public ::testing::Test {
 protected:
  // The store this case runs on (store_backends.h).
  virtual std::string Backend() const { return "sqlite"; }

  void SetUp() override { Open({}); }

  // Opens the store (again: on the same data) with `options`, and a Docket on it.
  void Open(SqliteOptions options) {
    if (!opener_) opener_.emplace(Backend(), dir_.File("app.db"));
    docket_.reset();
    store_.reset();
    auto s = opener_->Open(options);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    docket_ = std::make_unique<Docket>(*store_, clock_, std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_st>()));
    if (!loaded_) {
      ASSERT_TRUE(docket_->InitMode(/*simulation=*/true).ok());  // the clock is fixed
      auto org = docket_->LoadOrgs(FindShipped("workflows/examples/org.yaml")->text, "org.yaml");
      ASSERT_TRUE(org.ok()) << org.status().ToString();
      for (const auto& wf : ShippedWorkflows()) {
        auto r = docket_->LoadWorkflow(wf.text, std::string(wf.path));
        ASSERT_TRUE(r.ok()) << r.status().ToString();
      }
      loaded_ = true;
    }
  }

  std::int64_t NewMatter() {
    auto r = docket_->CreateItem({"matter", "school-a", std::nullopt,
                                  {{"title", "t"}, {"category", "routine"}}, "liu"});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->item.id : 0;
  }

  // Every entry of `org`'s chain, in order.
  std::vector<AuditEntry> Chain(const std::string& org) {
    std::vector<AuditEntry> out;
    Status st = store_->ForEachAuditEntry(org, [&](const AuditEntry& e) {
      out.push_back(e);
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  }

  int Entries(std::int64_t id) {
    auto h = docket_->History(id);
    return h.ok() ? static_cast<int>(h->size()) : -1;
  }

  TempDir dir_;
  FixedClock clock_{*ParseTime("2026-03-02T09:00:00Z")};
  std::optional<StoreOpener> opener_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Docket> docket_;
  bool loaded_ = false;
};

using AppTest = OnEachStore<AppFixture>;

}  // namespace docket::testing
