#include "server/write_queue.h"

namespace docket::server {

WriteQueue::WriteQueue(DocketOptions options, const Clock& clock, std::shared_ptr<spdlog::logger> log,
                       std::size_t max_batch)
    : options_(std::move(options)), clock_(clock), log_(std::move(log)), max_batch_(max_batch) {
  thread_ = std::thread([this] { Loop(); });
}

WriteQueue::~WriteQueue() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

Status WriteQueue::Run(const std::optional<Caller>& caller, const std::function<Status(Docket&)>& fn) {
  Job job{&caller, &fn, Status::Ok()};
  std::unique_lock lock(mu_);
  if (stop_) return Status::Storage(Msg("the server is stopping: the change was not made"));
  jobs_.push_back(&job);
  wake_.notify_one();
  done_.wait(lock, [&] { return job.done; });
  return job.status;
}

void WriteQueue::Loop() {
  std::unique_lock lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
    if (jobs_.empty()) return;  // stopping, nothing left
    std::deque<Job*> batch;
    while (!jobs_.empty() && batch.size() < max_batch_) {
      batch.push_back(jobs_.front());
      jobs_.pop_front();
    }
    lock.unlock();
    RunBatch(batch);
    lock.lock();
    for (Job* job : batch) job->done = true;
    done_.notify_all();
  }
}

void WriteQueue::RunBatch(std::deque<Job*>& batch) {
  Status st = CatchAll("group commit", [&]() -> Status {
    if (!docket_) {
      DOCKET_ASSIGN_OR_RETURN(docket_, Docket::Open(options_, clock_, log_));
    }
    return docket_->Bulk([&]() -> Status {
      for (Job* job : batch) {
        docket_->ActFor(*job->caller);
        // Each use case runs in a savepoint of its own (a nested Transact): a failure undoes
        // that change alone, and a refusal keeps only its refusal entry.
        job->status = CatchAll("a change", [&] { return (*job->fn)(*docket_); });
        docket_->ActFor(std::nullopt);
      }
      return Status::Ok();
    });
  });
  if (!st.ok()) {
    log_->warn("group commit of {} change(s) failed: {}", batch.size(), st.ToString());
    for (Job* job : batch) {
      if (job->status.ok()) job->status = st;
    }
  }
  log_->debug("group commit: {} change(s)", batch.size());
}

}  // namespace docket::server
