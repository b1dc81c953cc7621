// Group commit: the changes of concurrent requests share one durable commit.
//
// A worker that has a change to make (an action, a creation, a review) hands it to the
// queue and waits. One writer thread, with a Docket of its own, takes every change waiting
// (at most max_batch), runs them inside one transaction — each for its own caller
// (Docket::ActFor), each with its own outcome: a refusal writes only its refusal entry, a
// change that fails before writing writes nothing — and commits once (one fsync with
// synchronous=FULL). Only then does each worker answer: nothing is acknowledged before it is
// durable. When the batch fails as a whole (its commit, or a change that failed after its
// own writes, which only the whole transaction can undo where an action has no savepoint of
// its own: Store::TransactChecked), each of its changes is run again alone, so that one
// change's failure is its own. A change that would have waited for a lock while the batch
// held others (Status::Busy: PostgreSQL, two servers) is run again alone after the commit.
//
// Where the database lets one writer at a time (SQLite) there is one writer thread: more
// would only wait for it. Where writers run side by side (PostgreSQL: each transaction its
// own connection, turns taken per organization's chain) there are `parallel_writers`, each
// with its own Docket, taking batches from the same queue: a round trip to the database
// server is then not a pause for every change waiting. Three, not more: the writers of one
// school's changes wait for each other at its chain's head, and each waiting writer holds
// changes that a larger batch behind the head would have taken (docs/BENCHMARKS.md, 13).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <spdlog/logger.h>

#include "app/docket.h"
#include "core/clock.h"

namespace docket::server {

class WriteQueue {
 public:
  WriteQueue(DocketOptions options, const Clock& clock, std::shared_ptr<spdlog::logger> log,
             std::size_t max_batch = 64, std::size_t parallel_writers = 3);
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
  // A writer thread, on `docket` (opened at its first batch when null).
  void Loop(std::unique_ptr<Docket> docket);
  void RunBatch(std::unique_ptr<Docket>& docket, std::deque<Job*>& batch);
  // The batch's changes in one transaction; sets each job's status, and says whether the
  // transaction committed (each job's own status aside).
  bool Commit(std::unique_ptr<Docket>& docket, std::deque<Job*>& batch);

  DocketOptions options_;
  const Clock& clock_;
  std::shared_ptr<spdlog::logger> log_;
  std::size_t max_batch_;
  std::mutex mu_;
  std::condition_variable wake_;  // the writer: jobs or stop
  std::condition_variable done_;  // the workers: their job is done
  std::deque<Job*> jobs_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace docket::server
