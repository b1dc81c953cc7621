// One Docket per worker thread: a Docket is not thread-safe (app/docket.h), so the server
// never lets two threads use one. Each thread's handle is opened through Docket::Open on
// its first request and kept for the life of the pool; the store serialises writers
// across handles as it does across processes.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include <spdlog/logger.h>

#include "app/docket.h"
#include "core/clock.h"
#include "server/write_queue.h"

namespace docket::server {

class DocketPool {
 public:
  // `options.reader` is "" (no one: reads of the record are refused on a real database),
  // and never the local command line. `clock` outlives the pool.
  DocketPool(DocketOptions options, const Clock& clock, std::shared_ptr<spdlog::logger> log);
  ~DocketPool();

  // The calling thread's own Docket, opened on its first call (a failure is not kept: the
  // next call tries again). Valid until the pool is destroyed; use it on this thread only.
  Result<Docket*> ForThisThread();
  // A change, made through the group commit (write_queue.h): `fn` on the writer's Docket
  // for `caller`; its Status once durable.
  Status Write(const std::optional<Caller>& caller, const std::function<Status(Docket&)>& fn);

 private:
  DocketOptions options_;
  const Clock& clock_;
  std::shared_ptr<spdlog::logger> log_;
  std::mutex mu_;  // guards the map, never a Docket
  std::map<std::thread::id, std::unique_ptr<Docket>> handles_;
  std::unique_ptr<WriteQueue> writes_;
};

}  // namespace docket::server
