// The delivery worker of `docket serve`: every `every` (and at once after a round that
// filled its batch) it sends the notifications' deliveries that are due (app/delivery.h)
// through a CurlSender, on a Docket of its own opened as the local command line, as the
// scheduler's. Several servers on one database share the work: a row is claimed by one.
// Stop() lets the round in progress finish, so what was sent is recorded as sent.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <spdlog/logger.h>

#include "app/docket.h"
#include "core/clock.h"
#include "server/background.h"

namespace docket::server {

struct DeliveryOptions {
  std::chrono::seconds every{5};  // 0: no delivery
  std::string smtp;               // smtp://HOST:PORT; "": e-mails fail, saying so
  DeliveryPolicy policy;
};

class DeliveryWorker {
 public:
  // Invalid for options out of range (named as the options of `docket serve`).
  static Status Check(const DeliveryOptions& options);

  DeliveryWorker(DocketOptions options, const Clock& clock, std::shared_ptr<spdlog::logger> log,
                 DeliveryOptions delivery);
  ~DeliveryWorker();  // Stop()

  void Start();
  void Stop();

 private:
  void Run();
  bool Once();  // true when the batch was full (more may be due)

  DocketOptions options_;
  const Clock& clock_;
  std::shared_ptr<spdlog::logger> log_;
  DeliveryOptions delivery_;
  std::unique_ptr<Sender> sender_;
  std::unique_ptr<Docket> docket_;
  BackgroundThread thread_;  // last: stopped before the rest goes
};

}  // namespace docket::server
