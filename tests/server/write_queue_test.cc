// The server's group commit (server/write_queue.h): a batch whose transaction fails as a
// whole — here one change failing after its own writes, at the store's fault point after its
// audit entry — is made again one change at a time, so only that change fails and the
// others of its batch are made.
#include "server/write_queue.h"

#include <spdlog/sinks/null_sink.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "app/embedded.h"
#include "core/clock.h"
#include "support/temp_dir.h"

namespace docket::server {
namespace {

using docket::testing::TempDir;

std::shared_ptr<spdlog::logger> Quiet() {
  return std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
}

TEST(WriteQueueTest, ABatchThatFailsAsAWholeIsMadeAgainOneChangeAtATime) {
  TempDir dir;
  FixedClock clock(*ParseTime("2026-03-02T09:00:00Z"));
  DocketOptions options;
  options.db = dir.File("queue.db");
  {
    DocketOptions create = options;
    create.create = true;
    auto d = Docket::Open(create, clock, Quiet());
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    ASSERT_TRUE((*d)->InitMode(/*simulation=*/true).ok());  // the clock is fixed
    ASSERT_TRUE((*d)->LoadOrgs(FindShipped("workflows/examples/org.yaml")->text, "org.yaml").ok());
    for (const auto& wf : ShippedWorkflows()) ASSERT_TRUE((*d)->LoadWorkflow(wf.text, std::string(wf.path)).ok());
  }
  // The change titled "fails" fails at the fault point after its audit entry is written: a
  // failure after writing, which no savepoint of its own undoes.
  std::atomic<bool> fail_next{false};
  options.fault_hook = [&](const char* point) -> Status {
    if (std::string(point) == "after_audit_append" && fail_next.exchange(false)) {
      return Status::Storage(Msg("the disk is full"));
    }
    return Status::Ok();
  };
  WriteQueue queue(options, clock, Quiet(), /*max_batch=*/8, /*parallel_writers=*/1);

  auto create = [&](const std::string& title) {
    return [&, title](Docket& d) -> Status {
      fail_next = title == "fails";
      return d.CreateItem({"matter", "school-a", std::nullopt, {{"title", title}, {"category", "routine"}}, "liu"}).status();
    };
  };
  // The writer is held by a first change until the three below wait behind it, so that they
  // are taken as one batch.
  std::promise<void> release;
  std::atomic<bool> holding{false};
  const std::optional<Caller> nobody;
  std::thread first([&] {
    const std::function<Status(Docket&)> hold = [&](Docket&) -> Status {
      holding = true;
      release.get_future().wait();
      return Status::Ok();
    };
    EXPECT_TRUE(queue.Run(nobody, hold).ok());
  });
  while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const std::vector<std::string> titles = {"kept one", "fails", "kept two"};
  std::vector<Status> got(titles.size());
  std::vector<std::thread> clients;
  for (std::size_t i = 0; i < titles.size(); ++i) {
    clients.emplace_back([&, i] {
      const std::function<Status(Docket&)> fn = create(titles[i]);
      got[i] = queue.Run(nobody, fn);
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // all three queued
  release.set_value();
  first.join();
  for (auto& c : clients) c.join();

  EXPECT_TRUE(got[0].ok()) << got[0].ToString();
  EXPECT_FALSE(got[1].ok());
  EXPECT_NE(got[1].ToString().find("the disk is full"), std::string::npos) << got[1].ToString();
  EXPECT_TRUE(got[2].ok()) << got[2].ToString();

  auto d = Docket::Open(options, clock, Quiet());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ItemFilter matters;
  matters.workflow = "matter";
  auto items = (*d)->ListItems(matters);
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  std::vector<std::string> made;
  for (const Item& i : *items) made.push_back(i.fields.at("title").as_string());
  std::sort(made.begin(), made.end());  // in the order the clients' changes were queued
  EXPECT_EQ(made, (std::vector<std::string>{"kept one", "kept two"}));
}

}  // namespace
}  // namespace docket::server
