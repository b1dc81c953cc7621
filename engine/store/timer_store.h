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

// A notification's delivery by one channel: a row of the outbox. Written with its
// notification (AddNotification), then claimed and updated by the delivery worker
// (app/delivery.h). Times are ISO UTC text ("2026-03-01T09:00:00Z").
struct Delivery {
  std::int64_t id = 0;            // 0 until stored
  std::int64_t notification = 0;  // its notification's id
  std::string channel = {};       // email, wecom, dingtalk
  std::string address = {};       // the e-mail address or the robot's URL
  std::string status = "pending"; // pending, retrying, sent, dead
  int attempts = 0;
  std::string last_error = {};
  std::string next_at = {};  // when it is due (pending, retrying); set from the notification's time when ""
  std::string done_at = {};  // when it was sent or given up
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
  std::vector<Delivery> deliveries = {};  // by channel; Inbox fills them, AddNotification writes them
};

// A delivery that is due, with what it delivers.
struct DueDelivery {
  Delivery delivery;
  Notification notification;  // without its deliveries
};

class TimerStore {
 public:
  virtual ~TimerStore() = default;

  // ClaimFiring records `f` and returns true, or returns false when its key was claimed
  // before; run it in the firing's transaction.
  virtual Result<bool> ClaimFiring(const TimerFiring& f) = 0;
  virtual Result<std::optional<TimerFiring>> GetFiring(const std::string& key) = 0;
  // Stores `n` and a row of the outbox for each of its deliveries, in one transaction.
  virtual Status AddNotification(const Notification& n) = 0;
  // The person's notifications, oldest first (only the unread ones when `unread_only`),
  // each with its deliveries in id order.
  virtual Result<std::vector<Notification>> Inbox(const std::string& person, bool unread_only) = 0;
  // Marks the person's notifications read; returns how many changed.
  virtual Result<int> MarkRead(const std::string& person) = 0;
  // Every firing of `org`, by key, and every notification about `org`'s items, by id: what
  // `audit verify` checks against the chain (docs/AUDIT.md, "What is inside the chain").
  virtual Result<std::vector<TimerFiring>> ListFirings(const std::string& org) = 0;
  virtual Result<std::vector<Notification>> ListNotifications(const std::string& org) = 0;
  // For a copy of a whole store (app/migrate.h): every notification, by id, each with its
  // deliveries in id order; ImportNotification stores one as it is — its id, read flag and
  // deliveries with their ids and state — and later ids come after them.
  virtual Result<std::vector<Notification>> ListAllNotifications() = 0;
  virtual Status ImportNotification(const Notification& n) = 0;

  // The outbox. ClaimDeliveries takes at most `limit` deliveries that are pending or
  // retrying and due at `now`, oldest due first, and holds them until `hold_until` (their
  // next_at becomes it, in one transaction), so that no other worker takes them meanwhile
  // and a worker that dies lets them be taken again after. RecordDelivery stores the
  // outcome of one: its status, attempts, last_error, next_at and done_at (by id; NotFound
  // for an unknown id).
  virtual Result<std::vector<DueDelivery>> ClaimDeliveries(const std::string& now, const std::string& hold_until,
                                                           int limit) = 0;
  virtual Status RecordDelivery(const Delivery& d) = 0;
};

}  // namespace docket
