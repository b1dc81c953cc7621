#include "server/scheduler.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <tuple>
#include <vector>

#include "server/curl_sender.h"

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

}  // namespace

Status Scheduler::Check(const SchedulerOptions& o, const std::string& db) {
  if (o.checkpoint_dir.empty() != o.checkpoint_key.empty()) {
    return Status::Invalid(Msg("--checkpoint-dir and --checkpoint-key go together: signed checkpoints need both"));
  }
  if (!o.checkpoint_url.empty() && o.checkpoint_dir.empty()) {
    return Status::Invalid(Msg("--checkpoint-url needs --checkpoint-dir and --checkpoint-key: the checkpoints are kept in the folder until the URL has them"));
  }
  if (!o.checkpoint_url.empty() && o.checkpoint_url.rfind("http://", 0) != 0 && o.checkpoint_url.rfind("https://", 0) != 0) {
    return Status::Invalid(Msg("--checkpoint-url '{url}': an http:// or https:// address", {{"url", o.checkpoint_url}}));
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
    : options_(BackgroundDocketOptions(std::move(options))),
      clock_(clock),
      log_(std::move(log)),
      schedule_(std::move(schedule)),
      holder_(std::move(holder)) {}

Scheduler::~Scheduler() { Stop(); }

void Scheduler::Start() {
  if (schedule_.tick_every.count() > 0 || !schedule_.checkpoint_dir.empty()) thread_.Start([this] { Run(); });
}

void Scheduler::Stop() { thread_.Stop(); }

void Scheduler::CheckpointSoon(const std::string& org) {
  if (schedule_.checkpoint_dir.empty()) return;
  {
    std::lock_guard lock(thread_.mu);
    soon_.insert(org);
  }
  thread_.wake.notify_all();
}

// Two deadlines, the tick's and the checkpoints', each `every` after its last run (the
// first `every` after the start), and the checkpoints asked for meanwhile.
void Scheduler::Run() {
  using Clock = std::chrono::steady_clock;
  const bool ticks = schedule_.tick_every.count() > 0;
  const bool checkpoints = !schedule_.checkpoint_dir.empty();
  const Clock::time_point never = Clock::time_point::max();
  Clock::time_point next_tick = ticks ? Clock::now() + schedule_.tick_every : never;
  Clock::time_point next_checkpoints = checkpoints ? Clock::now() + schedule_.checkpoint_every : never;
  std::unique_lock lock(thread_.mu);
  while (!thread_.stop) {
    thread_.wake.wait_until(lock, std::min(next_tick, next_checkpoints), [this] { return thread_.stop || !soon_.empty(); });
    if (thread_.stop) break;
    std::set<std::string> soon;
    soon.swap(soon_);
    lock.unlock();
    if (!soon.empty()) Checkpoints(soon);
    if (Clock::now() >= next_tick) {
      Tick();
      next_tick = Clock::now() + schedule_.tick_every;
    }
    if (Clock::now() >= next_checkpoints) {
      Checkpoints();
      next_checkpoints = Clock::now() + schedule_.checkpoint_every;
    }
    lock.lock();
  }
}

Status Scheduler::OpenDocket() {
  if (docket_) return Status::Ok();
  DOCKET_ASSIGN_OR_RETURN(docket_, Docket::Open(options_, clock_, log_));
  return Status::Ok();
}

void Scheduler::Tick() {
  Status st = CatchAll("scheduled tick", [&]() -> Status {
    DOCKET_RETURN_IF_ERROR(OpenDocket());
    DOCKET_ASSIGN_OR_RETURN(bool mine, docket_->TakeLease("tick", holder_, schedule_.tick_every * 3));
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

void Scheduler::Checkpoints(const std::set<std::string>& only) {
  Status st = CatchAll("scheduled checkpoints", [&]() -> Status {
    DOCKET_RETURN_IF_ERROR(OpenDocket());
    // The periodic pass is one server's at a time; one asked for is this server's own.
    if (only.empty()) {
      DOCKET_ASSIGN_OR_RETURN(bool mine, docket_->TakeLease("checkpoint", holder_, schedule_.checkpoint_every));
      if (!mine) return Status::Ok();
    }
    std::error_code ec;
    fs::create_directories(schedule_.checkpoint_dir, ec);
    DOCKET_ASSIGN_OR_RETURN(std::vector<Org> orgs, docket_->ListOrgs());
    int written = 0;
    for (const Org& org : orgs) {
      if (!only.empty() && only.count(org.id) == 0) continue;
      Result<Checkpoint> cp = docket_->MakeCheckpoint(org.id, *schedule_.signing_key);
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
  if (!schedule_.checkpoint_url.empty()) PushCheckpoints();
}

int Scheduler::PushCheckpoints() {
  std::error_code ec;
  std::vector<fs::path> waiting;
  for (const auto& f : fs::directory_iterator(schedule_.checkpoint_dir, ec)) {
    const fs::path& p = f.path();
    if (p.extension() == ".json" && !fs::exists(p.string() + ".sent", ec) && !fs::exists(p.string() + ".refused", ec)) {
      waiting.push_back(p);
    }
  }
  // In the order they were signed: by organization, then entry ("school-a-9" before
  // "school-a-10"), as the supervisor refuses a checkpoint that goes back.
  const auto order = [](const fs::path& p) {
    const std::string stem = p.stem().string();
    const std::size_t dash = stem.rfind('-');
    const std::string seq = dash == std::string::npos ? "" : stem.substr(dash + 1);
    return std::make_tuple(stem.substr(0, dash), seq.size(), seq);
  };
  std::sort(waiting.begin(), waiting.end(), [&](const fs::path& a, const fs::path& b) { return order(a) < order(b); });
  int sent = 0;
  std::set<std::string> held;  // organizations whose checkpoint was refused in this pass
  for (const fs::path& p : waiting) {
    if (held.count(std::get<0>(order(p)))) continue;
    std::ifstream in(p, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) continue;
    const Posted posted = PostJson(schedule_.checkpoint_url, text);
    if (posted.unreachable.empty() && posted.code == 409) {
      // The supervisor holds a later checkpoint, or another hash at this entry: sending it
      // again changes nothing; it stays here, marked, for whoever looks into it.
      log_->error("checkpoint {} refused by {}: {}", p.filename().string(), schedule_.checkpoint_url, posted.body);
      std::ofstream(p.string() + ".refused");
      continue;
    }
    if (!posted.unreachable.empty() || posted.code < 200 || posted.code > 299) {
      log_->warn("checkpoint {} not taken by {}: {}", p.filename().string(), schedule_.checkpoint_url,
                 posted.unreachable.empty() ? "HTTP " + std::to_string(posted.code) + " " + posted.body : posted.unreachable);
      // Unreachable or failing: the rest wait for the next pass, in order. Refused for this
      // organization (no key pinned for it yet, say): its later ones wait, the others go.
      if (!posted.unreachable.empty() || posted.code >= 500) break;
      held.insert(std::get<0>(order(p)));
      continue;
    }
    std::ofstream(p.string() + ".sent");
    ++sent;
  }
  if (sent > 0) log_->info("{} checkpoint(s) taken by {}", sent, schedule_.checkpoint_url);
  return sent;
}

}  // namespace docket::server
