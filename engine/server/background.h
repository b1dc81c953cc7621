// What the server's background threads (the scheduler, the delivery worker) share: a Docket
// of their own, opened as the local command line on the server's database, and a thread
// that runs a loop until Stop() wakes it and waits for the loop to return.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "app/docket.h"

namespace docket::server {

// `options` (the server's) for a background Docket: the database exists, the clock is the
// server's, the acting identity is the local command line's, and no reader is shared.
inline DocketOptions BackgroundDocketOptions(DocketOptions options) {
  options.create = false;
  options.typed_clock = false;
  options.local_command_line = true;
  options.reader.reset();
  return options;
}

class BackgroundThread {
 public:
  ~BackgroundThread() { Stop(); }

  // Runs `loop` on a thread of its own unless one runs. The loop waits on `wake` holding
  // `mu` and returns once `stop` is set.
  void Start(std::function<void()> loop) {
    if (!thread_.joinable()) thread_ = std::thread(std::move(loop));
  }
  // Sets `stop`, wakes the loop and waits for it (what it was doing finishes first).
  void Stop() {
    {
      std::lock_guard lock(mu);
      stop = true;
    }
    wake.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  std::mutex mu;
  std::condition_variable wake;
  bool stop = false;  // under mu

 private:
  std::thread thread_;
};

}  // namespace docket::server
