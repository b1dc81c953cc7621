// TimerUseCases: the engine acting on its own as time passes — Tick fires the timers' steps
// and opens the items due at a semester's end (the calendar ConfigUseCases::LoadCalendar
// stored) — and the inbox of the notifications it sends.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/definition.h"
#include "core/item.h"
#include "core/status.h"
#include "core/timer.h"
#include "store/store.h"

namespace docket {

class AppContext;

// One thing `Tick` did: a ladder step fired, or an item opened at a semester's end.
struct TickFiring {
  std::string key;       // the exactly-once key (TimerFiring)
  std::string kind;      // notify, escalate, transition, refused (a transition refused), open
  std::string org;
  std::int64_t item = 0;
  std::string workflow;
  std::string timer;     // "" for open
  std::string action;    // transition: its name; open: the semester id
  std::string due;       // ISO time the step was due
  std::vector<std::string> told;  // the persons notified
};

struct TickReport {
  std::string now;
  std::vector<TickFiring> fired;
};

class TimerUseCases {
 public:
  explicit TimerUseCases(AppContext& ctx);

  // Tick fires every timer step and every semester-end opening due up to now, each exactly
  // once and each in its own transaction with its audit entry (actor "system"); a step
  // already fired, by this or another process, is skipped. On a real database it is run by
  // an administrator (`actor`, or the local owner: AppContext::Administrator). Inbox lists a
  // person's notifications, oldest first.
  Result<TickReport> Tick(const std::string& actor = "");
  Result<std::vector<Notification>> Inbox(const std::string& person, bool unread_only);
  // Marks `person`'s notifications read; returns how many changed.
  Result<int> MarkRead(const std::string& person);

 private:
  struct TickState;
  Status FireStep(TickState& tick, const Item& item, const Definition& def, const DueStep& step,
                  TickReport* report);
  Status OpenSemesterItems(TickState& tick, TickReport* report);

  AppContext& ctx_;
};

}  // namespace docket
