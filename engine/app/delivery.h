// Delivering notifications (docs/DEPLOY.md, "Delivery"). A notification is written with one
// row of the outbox per channel that reaches its person (ChannelsOf: their e-mail, and the
// group robots of every organization they hold a role in), in the transaction that wrote
// it. A worker (server/delivery_worker.h) calls DeliverDue: it claims the rows due, sends
// each through a Sender and records the outcome — sent; or retrying after retry_after ×
// 2^(attempts−1), at most retry_cap; or dead once max_attempts have failed.
//
// A delivery is sent at most once by a worker that stops in order (a claimed row is sent
// and its outcome recorded before the worker ends). A worker killed between sending and
// recording leaves the row claimed; it is taken again when the hold ends and sent again,
// with the same Message-ID / key, so that the second copy is recognisable.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/org.h"
#include "core/status.h"
#include "store/timer_store.h"

namespace docket {

class AppContext;

// What a Sender sends: an e-mail (channel "email", `body` a whole RFC 5322 message, from
// `from` to `address`) or a group robot's message (channel "wecom"/"dingtalk", `body` the
// JSON posted to the URL `address`).
struct Outgoing {
  std::string channel;
  std::string address;
  std::string from;
  std::string body;
};

// Sends one message; Ok when the far end took it, otherwise a Status whose message says why
// (it is stored as the delivery's last error, so it names no secret such as a robot's URL).
class Sender {
 public:
  virtual ~Sender() = default;
  virtual Status Send(const Outgoing& message) = 0;
};

struct DeliveryPolicy {
  std::string mail_from = "docket@localhost";  // the From of e-mails and the domain of Message-IDs
  std::chrono::seconds retry_after{30};        // the wait after the first failure, doubled after each
  std::chrono::seconds retry_cap{3600};        // the longest wait
  int max_attempts = 8;                        // dead after this many failures
  std::chrono::seconds hold{120};              // how long a claimed row is held by its worker
  int batch = 20;                              // rows claimed at once
};

struct DeliveryRound {
  int sent = 0;
  int retrying = 0;
  int dead = 0;
};

// The deliveries a notification to `person` gets: "email" to their address, and "wecom" /
// "dingtalk" to the robots of each organization they hold a role in (each URL once).
std::vector<Delivery> ChannelsOf(const Person& person, const std::map<std::string, Org>& orgs);

// The message of a due delivery: for e-mail a whole RFC 5322 message (UTF-8, the subject
// encoded as RFC 2047 words, Message-ID "<docket-outbox-ID@DOMAIN>" from the row's id and
// the domain of `policy.mail_from`, Date `now`); for a robot its text message JSON. Both
// carry the key "docket-outbox-ID" in the text.
Outgoing Compose(const DueDelivery& due, const Person* person, const DeliveryPolicy& policy, TimePoint now);

// The wait before attempt `attempts` + 1 after `attempts` failures (policy above).
std::chrono::seconds RetryDelay(const DeliveryPolicy& policy, int attempts);

// Claims the deliveries due at the context's clock and sends each; returns what became of them.
Result<DeliveryRound> DeliverDue(AppContext& ctx, Sender& sender, const DeliveryPolicy& policy);

}  // namespace docket
