#include "server/docket_pool.h"

namespace docket::server {

DocketPool::DocketPool(DocketOptions options, const Clock& clock, std::shared_ptr<spdlog::logger> log)
    : options_(std::move(options)), clock_(clock), log_(std::move(log)) {
  options_.create = false;
  options_.typed_clock = false;
  options_.local_command_line = false;
  options_.reader = "";
  writes_ = std::make_unique<WriteQueue>(options_, clock_, log_);
}

Status DocketPool::Write(const std::optional<Caller>& caller, const std::function<Status(Docket&)>& fn) {
  return writes_->Run(caller, fn);
}

DocketPool::~DocketPool() = default;

Result<Docket*> DocketPool::ForThisThread() {
  const std::thread::id me = std::this_thread::get_id();
  {
    std::lock_guard lock(mu_);
    auto it = handles_.find(me);
    if (it != handles_.end()) return it->second.get();
  }
  // Opened outside the lock: only this thread adds its own key.
  DOCKET_ASSIGN_OR_RETURN(std::unique_ptr<Docket> opened, Docket::Open(options_, clock_, log_));
  std::lock_guard lock(mu_);
  return handles_.emplace(me, std::move(opened)).first->second.get();
}

}  // namespace docket::server
