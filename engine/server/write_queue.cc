#include "server/write_queue.h"

#include <algorithm>

namespace docket::server {

WriteQueue::WriteQueue(DocketOptions options, const Clock& clock, std::shared_ptr<spdlog::logger> log,
                       std::size_t max_batch, std::size_t parallel_writers)
    : options_(std::move(options)), clock_(clock), log_(std::move(log)), max_batch_(max_batch) {
  // The first writer's Docket tells how many writers the database lets work at once; one
  // that cannot be opened now is tried again at the first batch (and its error returned).
  std::unique_ptr<Docket> first;
  if (auto opened = Docket::Open(options_, clock_, log_); opened.ok()) first = std::move(opened).value();
  const std::size_t writers = first && !first->WritersTakeTurns() ? std::max<std::size_t>(parallel_writers, 1) : 1;
  threads_.emplace_back([this, d = std::move(first)]() mutable { Loop(std::move(d)); });
  for (std::size_t i = 1; i < writers; ++i) threads_.emplace_back([this] { Loop(nullptr); });
}

WriteQueue::~WriteQueue() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : threads_) t.join();
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

void WriteQueue::Loop(std::unique_ptr<Docket> docket) {
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
    RunBatch(docket, batch);
    lock.lock();
    for (Job* job : batch) job->done = true;
    done_.notify_all();
  }
}

void WriteQueue::RunBatch(std::unique_ptr<Docket>& docket, std::deque<Job*>& batch) {
  // A batch that failed as a whole (a change that failed after its own writes, where the
  // store gives an action no savepoint of its own: Store::TransactChecked) undid every
  // change in it: each is made again alone, so one change's failure is its own.
  const bool undone = !Commit(docket, batch) && batch.size() > 1;
  // A change that stopped rather than wait for a chain while the batch held others
  // (Status::Busy, PostgreSQL): wrote nothing; alone in a transaction it waits its turn.
  for (Job* job : batch) {
    if (!undone && !job->status.busy()) continue;
    std::deque<Job*> alone{job};
    Commit(docket, alone);
  }
}

bool WriteQueue::Commit(std::unique_ptr<Docket>& docket, std::deque<Job*>& batch) {
  Status st = CatchAll("group commit", [&]() -> Status {
    if (!docket) {
      DOCKET_ASSIGN_OR_RETURN(docket, Docket::Open(options_, clock_, log_));
    }
    return docket->Bulk([&]() -> Status {
      for (Job* job : batch) {
        docket->ActFor(*job->caller);
        // A use case that fails before it writes changes nothing, and a refusal keeps only its
        // refusal entry (a nested Transact, or Store::TransactChecked's check before writing).
        job->status = CatchAll("a change", [&] { return (*job->fn)(*docket); });
        docket->ActFor(std::nullopt);
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
  return st.ok();
}

}  // namespace docket::server
