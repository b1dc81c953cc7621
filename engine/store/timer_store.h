// TimerStore: the steps the engine takes on its own (timer ladders, items opened at a
// semester's end) and the notifications they send.
//
// Contract: every method returns Status/Result and never throws. A firing's key is claimed
// at most once over the store's whole life, whoever asks (another thread, another
// process), so a step is taken once however often and however late the engine ticks.
// Notifications get increasing ids in the order they are added.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/labels.h"
#include "core/status.h"

namespace docket {

// A step the engine took on its own (a timer's ladder step, an item opened at a semester's
// end), keyed so that it is taken once.
struct TimerFiring {
  std::string key;
  std::string org;
  std::int64_t item_id = 0;
  std::string kind;  // notify, escalate, transition, open
  std::string due_at;
  std::string fired_at;
};

// One message in a person's inbox.
struct Notification {
  std::int64_t id = 0;  // 0 until stored
  std::string person;
  std::string org;
  std::int64_t item_id = 0;
  std::string time;
  std::string kind;
  std::string firing;  // the TimerFiring key
  Labels message;  // in every language it was written in
  bool read = false;
};

class TimerStore {
 public:
  virtual ~TimerStore() = default;

  // ClaimFiring records `f` and returns true, or returns false when its key was claimed
  // before; run it in the firing's transaction.
  virtual Result<bool> ClaimFiring(const TimerFiring& f) = 0;
  virtual Result<std::optional<TimerFiring>> GetFiring(const std::string& key) = 0;
  virtual Status AddNotification(const Notification& n) = 0;
  // The person's notifications, oldest first (only the unread ones when `unread_only`).
  virtual Result<std::vector<Notification>> Inbox(const std::string& person, bool unread_only) = 0;
  // Marks the person's notifications read; returns how many changed.
  virtual Result<int> MarkRead(const std::string& person) = 0;
  // Every firing of `org`, by key, and every notification about `org`'s items, by id: what
  // `audit verify` checks against the chain (docs/AUDIT.md, "What is inside the chain").
  virtual Result<std::vector<TimerFiring>> ListFirings(const std::string& org) = 0;
  virtual Result<std::vector<Notification>> ListNotifications(const std::string& org) = 0;
};

}  // namespace docket
