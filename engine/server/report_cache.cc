#include "server/report_cache.h"

namespace docket::server {

Result<std::shared_ptr<const Rendered>> ReportCache::Get(const std::string& key, const ReportBasis& basis,
                                                         const std::function<Result<Rendered>()>& build) {
  auto run = [&]() -> Result<std::shared_ptr<const Rendered>> {
    {
      std::lock_guard lock(mu_);
      ++builds_;
    }
    DOCKET_ASSIGN_OR_RETURN(Rendered r, build());
    return std::make_shared<const Rendered>(std::move(r));
  };
  if (basis.record.empty()) return run();
  std::unique_lock lock(mu_);
  for (;;) {
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.basis.record != basis.record || it->second.basis.second < basis.second) break;
    if (!it->second.building) return it->second.rendered;
    built_.wait(lock);
  }
  if (entries_.size() >= max_entries_ && !entries_.count(key)) {
    for (auto it = entries_.begin(); it != entries_.end();) it = it->second.building ? std::next(it) : entries_.erase(it);
  }
  entries_[key] = Entry{basis, nullptr, true};
  lock.unlock();
  // Keeps what was built (or forgets the entry when nothing was) and wakes the waiters; a
  // waiter that finds no entry builds it itself.
  auto settle = [&](std::shared_ptr<const Rendered> rendered) {
    lock.lock();
    auto it = entries_.find(key);
    if (it != entries_.end() && it->second.building && it->second.basis.record == basis.record &&
        it->second.basis.second == basis.second) {
      if (rendered) {
        it->second.rendered = std::move(rendered);
        it->second.building = false;
      } else {
        entries_.erase(it);
      }
    }
    lock.unlock();
    built_.notify_all();
  };
  try {
    Result<std::shared_ptr<const Rendered>> made = run();
    settle(made.ok() ? *made : nullptr);
    return made;
  } catch (...) {
    settle(nullptr);
    throw;
  }
}

std::size_t ReportCache::builds() const {
  std::lock_guard lock(mu_);
  return builds_;
}

}  // namespace docket::server
