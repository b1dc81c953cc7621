// The server's scheduler: `tick` inside the server every `every` (the first one `every`
// after the start), so reminders, escalations
// and semester-end openings fire without anyone running `docket tick`.
//
// It runs on a Docket of its own opened as the local command line: the operating-system
// user running the server must own the database file (as for `docket tick` without --as),
// and the entries it writes record them in "$run_by" ("os:NAME"). Before each tick it takes
// the database lease "tick" (app/lease.h) for three periods, so that of several servers on
// one database one ticks at a time; each firing is once anyway (its key is claimed in the
// same transaction as its entry).
//
// With a checkpoint folder, every `checkpoint_every` (its own deadline, apart from the
// tick's) it also signs a checkpoint of every
// organization's chain that has grown since its last one (Docket::MakeCheckpoint, which
// verifies the chain first) with the key at `checkpoint_key`, and writes it to
// `checkpoint_dir`/ORG-SEQ.json (whole or not at all: written aside, then renamed), under
// the lease "checkpoint". Neither the folder nor the key may be in the database's folder:
// whoever can rewrite the database must not also hold the key or the proofs (Check).
// CheckpointSoon(org) asks for one organization's checkpoint at once, outside that period:
// the server asks after each semester report is submitted. With a `checkpoint_url` (the
// supervisor's), each pass then POSTs every checkpoint of the folder that the URL has not
// yet acknowledged with a 2xx (marked by an empty NAME.sent beside it), oldest first; one
// that fails stays for the next pass.
#pragma once

#include <chrono>
#include <memory>
#include <set>
#include <string>

#include <spdlog/logger.h>

#include "app/docket.h"
#include "core/clock.h"
#include "server/background.h"

namespace docket::server {

struct SchedulerOptions {
  std::chrono::seconds tick_every{60};  // 0: no tick
  std::string checkpoint_dir;           // "": no checkpoints
  std::string checkpoint_key;           // the signing key's file (made when missing)
  std::string checkpoint_passphrase;    // the key's passphrase when it is sealed ("": none)
  std::string checkpoint_url;           // "": none; else http(s)://… (needs checkpoint_dir)
  std::chrono::seconds checkpoint_every{3600};
  // The key itself, loaded (unsealed) once by Server::Bind from checkpoint_key.
  std::shared_ptr<const SigningKey> signing_key;
};

class Scheduler {
 public:
  // Invalid when the checkpoint folder or key is inside the folder of the database `db`,
  // or one is given without the other.
  static Status Check(const SchedulerOptions& options, const std::string& db);

  // `holder`: this server's name in the lease (host, process id and listening port).
  Scheduler(DocketOptions options, const Clock& clock, std::shared_ptr<spdlog::logger> log,
            SchedulerOptions schedule, std::string holder);
  ~Scheduler();  // Stop()

  void Start();
  // Wakes the thread and waits for it: a tick in progress finishes first.
  void Stop();
  // Signs and writes `org`'s checkpoint on the scheduler's thread as soon as it is free;
  // nothing without a checkpoint folder. Any thread.
  void CheckpointSoon(const std::string& org);

 private:
  void Run();
  void Tick();
  // Every organization's checkpoint (under the lease "checkpoint"), or only `orgs`'.
  void Checkpoints(const std::set<std::string>& orgs = {});
  // The folder's checkpoints not yet acknowledged by checkpoint_url (NAME.sent) nor refused
  // by it as going back (409: NAME.refused), sent by organization and entry (how many were).
  // Unreachable or 5xx: the pass stops; another 4xx: that organization's wait.
  int PushCheckpoints();
  Status OpenDocket();

  DocketOptions options_;
  const Clock& clock_;
  std::shared_ptr<spdlog::logger> log_;
  SchedulerOptions schedule_;
  std::string holder_;
  std::unique_ptr<Docket> docket_;
  std::set<std::string> soon_;  // CheckpointSoon's, not yet signed; under thread_.mu
  BackgroundThread thread_;     // last: stopped before the rest goes
};

}  // namespace docket::server
