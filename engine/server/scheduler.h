// The server's scheduler: `tick` inside the server every `every` (the first one `every`
// after the start), so reminders, escalations
// and semester-end openings fire without anyone running `docket tick`.
//
// It runs on a Docket of its own opened as the local command line: the operating-system
// user running the server must own the database file (as for `docket tick` without --as),
// and the entries it writes record them in "$run_by" ("os:NAME"). Before each tick it takes
// the database lease "tick" (app/lease.h) for three periods, so that of several servers on
// one database one ticks at a time; each firing is once anyway (its key is claimed in the
// same transaction as its entry).
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <spdlog/logger.h>

#include "app/docket.h"
#include "core/clock.h"

namespace docket::server {

class Scheduler {
 public:
  // `holder`: this server's name in the lease (host, process id and listening port).
  Scheduler(DocketOptions options, const Clock& clock, std::shared_ptr<spdlog::logger> log,
            std::chrono::seconds every, std::string holder);
  ~Scheduler();  // Stop()

  void Start();
  // Wakes the thread and waits for it: a tick in progress finishes first.
  void Stop();

 private:
  void Run();
  void Once();

  DocketOptions options_;
  const Clock& clock_;
  std::shared_ptr<spdlog::logger> log_;
  std::chrono::seconds every_;
  std::string holder_;
  std::unique_ptr<Docket> docket_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace docket::server
