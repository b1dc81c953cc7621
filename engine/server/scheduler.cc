#include "server/scheduler.h"

namespace docket::server {

Scheduler::Scheduler(DocketOptions options, const Clock& clock, std::shared_ptr<spdlog::logger> log,
                     std::chrono::seconds every, std::string holder)
    : options_(std::move(options)), clock_(clock), log_(std::move(log)), every_(every), holder_(std::move(holder)) {
  options_.create = false;
  options_.typed_clock = false;
  options_.local_command_line = true;
  options_.reader.reset();
}

Scheduler::~Scheduler() { Stop(); }

void Scheduler::Start() {
  if (every_.count() <= 0 || thread_.joinable()) return;
  thread_ = std::thread([this] { Run(); });
}

void Scheduler::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::Run() {
  std::unique_lock lock(mu_);
  while (!wake_.wait_for(lock, every_, [this] { return stop_; })) {
    lock.unlock();
    Once();
    lock.lock();
  }
}

void Scheduler::Once() {
  Status st = CatchAll("scheduled tick", [&]() -> Status {
    if (!docket_) {
      DOCKET_ASSIGN_OR_RETURN(docket_, Docket::Open(options_, clock_, log_));
    }
    DOCKET_ASSIGN_OR_RETURN(bool mine, docket_->TakeLease("tick", holder_, every_ * 3));
    if (!mine) {
      log_->debug("scheduled tick: another server holds the lease");
      return Status::Ok();
    }
    DOCKET_ASSIGN_OR_RETURN(TickReport report, docket_->Tick());
    log_->info("scheduled tick by {}: {} step(s) fired", holder_, report.fired.size());
    return Status::Ok();
  });
  if (!st.ok()) log_->warn("scheduled tick failed: {}", st.ToString());
}

}  // namespace docket::server
