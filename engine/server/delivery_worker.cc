#include "server/delivery_worker.h"

#include "server/curl_sender.h"

namespace docket::server {

Status DeliveryWorker::Check(const DeliveryOptions& o) {
  if (o.every.count() < 0 || o.every.count() > 3600) {
    return Status::Invalid(Msg("--deliver-every: {seconds} is not a number of seconds from 0 to 3600", {{"seconds", o.every.count()}}));
  }
  if (!o.smtp.empty() && o.smtp.rfind("smtp://", 0) != 0 && o.smtp.rfind("smtps://", 0) != 0) {
    return Status::Invalid(Msg("--smtp: '{url}' is not smtp://HOST:PORT or smtps://HOST:PORT", {{"url", o.smtp}}));
  }
  if (!IsEmailAddress(o.policy.mail_from)) {
    return Status::Invalid(Msg("--mail-from: '{email}' is not an e-mail address (NAME@DOMAIN)", {{"email", o.policy.mail_from}}));
  }
  if (o.policy.retry_after.count() < 1 || o.policy.retry_after.count() > 86400) {
    return Status::Invalid(Msg("--retry-after: {seconds} is not a number of seconds from 1 to 86400", {{"seconds", o.policy.retry_after.count()}}));
  }
  if (o.policy.max_attempts < 1 || o.policy.max_attempts > 100) {
    return Status::Invalid(Msg("--max-attempts: {count} is not a number from 1 to 100", {{"count", o.policy.max_attempts}}));
  }
  return Status::Ok();
}

DeliveryWorker::DeliveryWorker(DocketOptions options, const Clock& clock, std::shared_ptr<spdlog::logger> log,
                               DeliveryOptions delivery)
    : options_(BackgroundDocketOptions(std::move(options))),
      clock_(clock),
      log_(std::move(log)),
      delivery_(std::move(delivery)),
      sender_(std::make_unique<CurlSender>(delivery_.smtp)) {}

DeliveryWorker::~DeliveryWorker() { Stop(); }

void DeliveryWorker::Start() {
  if (delivery_.every.count() > 0) thread_.Start([this] { Run(); });
}

void DeliveryWorker::Stop() { thread_.Stop(); }

void DeliveryWorker::Run() {
  std::unique_lock lock(thread_.mu);
  while (!thread_.stop) {
    lock.unlock();
    const bool more = Once();
    lock.lock();
    if (!more) thread_.wake.wait_for(lock, delivery_.every, [this] { return thread_.stop; });
  }
}

bool DeliveryWorker::Once() {
  bool more = false;
  Status st = CatchAll("delivery", [&]() -> Status {
    if (!docket_) {
      DOCKET_ASSIGN_OR_RETURN(docket_, Docket::Open(options_, clock_, log_));
    }
    DOCKET_ASSIGN_OR_RETURN(DeliveryRound round, docket_->Deliver(*sender_, delivery_.policy));
    const int done = round.sent + round.retrying + round.dead;
    if (done > 0) log_->info("delivery: {} sent, {} to retry, {} dead", round.sent, round.retrying, round.dead);
    more = done >= delivery_.policy.batch;
    return Status::Ok();
  });
  if (!st.ok()) log_->warn("delivery failed: {}", st.ToString());
  return more;
}

}  // namespace docket::server
