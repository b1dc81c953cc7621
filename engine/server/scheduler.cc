#include "server/scheduler.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace docket::server {
namespace {

namespace fs = std::filesystem;

// Whether `path` is inside folder `dir` (both made absolute and normal, symlinks resolved
// as far as they exist).
bool Inside(const fs::path& path, const fs::path& dir) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  const fs::path d = fs::weakly_canonical(fs::absolute(dir, ec), ec);
  auto [end, at] = std::mismatch(d.begin(), d.end(), p.begin(), p.end());
  return end == d.end();
}

std::chrono::seconds LoopPeriod(const SchedulerOptions& s) {
  std::chrono::seconds every = s.tick_every;
  if (!s.checkpoint_dir.empty() && (every.count() <= 0 || s.checkpoint_every < every)) every = s.checkpoint_every;
  return every;
}

}  // namespace

Status Scheduler::Check(const SchedulerOptions& o, const std::string& db) {
  if (o.checkpoint_dir.empty() != o.checkpoint_key.empty()) {
    return Status::Invalid(Msg("--checkpoint-dir and --checkpoint-key go together: signed checkpoints need both"));
  }
  if (o.checkpoint_dir.empty()) return Status::Ok();
  if (o.checkpoint_every.count() < 1) {
    return Status::Invalid(Msg("--checkpoint-every: a number of seconds of at least 1"));
  }
  const fs::path folder = fs::absolute(fs::path(db)).parent_path();
  for (const std::string& path : {o.checkpoint_dir, o.checkpoint_key}) {
    if (Inside(path, folder)) {
      return Status::Invalid(Msg("{path} is inside the database's folder {folder}: checkpoints and their key must live elsewhere, so that whoever can rewrite the database cannot also re-sign it",
                                 {{"path", path}, {"folder", folder.string()}}));
    }
  }
  return Status::Ok();
}

Scheduler::Scheduler(DocketOptions options, const Clock& clock, std::shared_ptr<spdlog::logger> log,
                     SchedulerOptions schedule, std::string holder)
    : options_(std::move(options)),
      clock_(clock),
      log_(std::move(log)),
      schedule_(std::move(schedule)),
      every_(LoopPeriod(schedule_)),
      holder_(std::move(holder)) {
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
    if (schedule_.tick_every.count() <= 0) return Status::Ok();
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
  const auto now = std::chrono::steady_clock::now();
  if (!schedule_.checkpoint_dir.empty() && docket_ &&
      (last_checkpoints_ == std::chrono::steady_clock::time_point() || now - last_checkpoints_ >= schedule_.checkpoint_every)) {
    last_checkpoints_ = now;
    Checkpoints();
  }
}

void Scheduler::Checkpoints() {
  Status st = CatchAll("scheduled checkpoints", [&]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(bool mine, docket_->TakeLease("checkpoint", holder_, schedule_.checkpoint_every));
    if (!mine) return Status::Ok();
    std::error_code ec;
    fs::create_directories(schedule_.checkpoint_dir, ec);
    DOCKET_ASSIGN_OR_RETURN(std::vector<Org> orgs, docket_->ListOrgs());
    int written = 0;
    for (const Org& org : orgs) {
      Result<Checkpoint> cp = docket_->MakeCheckpoint(org.id, schedule_.checkpoint_key);
      if (!cp.ok()) {
        if (cp.status().code() != Code::kInvalid) log_->warn("checkpoint of {} failed: {}", org.id, cp.status().ToString());
        continue;  // Invalid: no entries yet
      }
      const fs::path file = fs::path(schedule_.checkpoint_dir) / (org.id + "-" + std::to_string(cp->seq) + ".json");
      if (fs::exists(file, ec)) continue;  // the chain has not grown since
      const fs::path aside = file.string() + ".tmp";
      {
        std::ofstream out(aside, std::ios::binary | std::ios::trunc);
        out << CheckpointText(*cp);
        out.flush();
        if (!out) return Status::Storage(Msg("cannot write {file}", {{"file", aside.string()}}));
      }
      fs::rename(aside, file, ec);
      if (ec) return Status::Storage(Msg("cannot write {file}", {{"file", file.string()}}));
      ++written;
    }
    log_->info("scheduled checkpoints by {}: {} written to {}", holder_, written, schedule_.checkpoint_dir);
    return Status::Ok();
  });
  if (!st.ok()) log_->warn("scheduled checkpoints failed: {}", st.ToString());
}

}  // namespace docket::server
