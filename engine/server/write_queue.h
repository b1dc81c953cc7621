// Group commit: the changes of concurrent requests share one durable commit.
//
// A worker that has a change to make (an action, a creation, a review) hands it to the
// queue and waits. One writer thread, with a Docket of its own, takes every change waiting
// (at most max_batch), runs each in its own savepoint inside one transaction — each for its
// own caller (Docket::ActFor), each with its own outcome: a refusal rolls back that change
// only and keeps its refusal entry — and commits once (one fsync with synchronous=FULL). Only
// then does each worker answer: nothing is acknowledged before it is durable, and when the
// commit fails every change of the batch fails with it.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <spdlog/logger.h>

#include "app/docket.h"
#include "core/clock.h"

namespace docket::server {

class WriteQueue {
 public:
  WriteQueue(DocketOptions options, const Clock& clock, std::shared_ptr<spdlog::logger> log,
             std::size_t max_batch = 64);
  ~WriteQueue();  // finishes the changes waiting, then stops

  // Runs `fn` on the writer's Docket for `caller` and returns its Status once the shared
  // transaction has committed, or the commit's failure. Any thread.
  Status Run(const std::optional<Caller>& caller, const std::function<Status(Docket&)>& fn);

 private:
  struct Job {
    const std::optional<Caller>* caller;
    const std::function<Status(Docket&)>* fn;
    Status status;
    bool done = false;
  };
  void Loop();
  void RunBatch(std::deque<Job*>& batch);

  DocketOptions options_;
  const Clock& clock_;
  std::shared_ptr<spdlog::logger> log_;
  std::size_t max_batch_;
  std::unique_ptr<Docket> docket_;
  std::mutex mu_;
  std::condition_variable wake_;  // the writer: jobs or stop
  std::condition_variable done_;  // the workers: their job is done
  std::deque<Job*> jobs_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace docket::server
