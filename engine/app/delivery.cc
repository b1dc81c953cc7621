// DeliverDue and the channels of a person (app/delivery.h).
#include "app/delivery.h"

#include <algorithm>
#include <set>

#include "app/app_context.h"

namespace docket {

std::vector<Delivery> ChannelsOf(const Person& person, const std::map<std::string, Org>& orgs) {
  std::vector<Delivery> out;
  auto add = [&out](const std::string& channel, const std::string& address) {
    Delivery d;
    d.channel = channel;
    d.address = address;
    out.push_back(std::move(d));
  };
  if (!person.email.empty()) add("email", person.email);
  std::set<std::string> urls;
  for (const RoleGrant& g : person.roles) {
    auto org = orgs.find(g.org);
    if (org == orgs.end()) continue;
    for (const auto& [channel, url] : {std::pair{"wecom", &org->second.notify.wecom},
                                       std::pair{"dingtalk", &org->second.notify.dingtalk}}) {
      if (url->empty() || !urls.insert(*url).second) continue;
      add(channel, *url);
    }
  }
  return out;
}

std::chrono::seconds RetryDelay(const DeliveryPolicy& policy, int attempts) {
  std::chrono::seconds wait = std::max(policy.retry_after, std::chrono::seconds(1));
  for (int i = 1; i < attempts && wait < policy.retry_cap; ++i) wait *= 2;
  return std::min(wait, std::max(policy.retry_cap, std::chrono::seconds(1)));
}

Result<DeliveryRound> DeliverDue(AppContext& ctx, Sender& sender, const DeliveryPolicy& policy) {
  const TimePoint now = ctx.clock.Now();
  DOCKET_ASSIGN_OR_RETURN(std::vector<DueDelivery> due,
                          ctx.store.ClaimDeliveries(FormatTime(now), FormatTime(now + policy.hold), policy.batch));
  DeliveryRound round;
  for (const DueDelivery& d : due) {
    Result<Person> person = ctx.store.GetPerson(d.notification.person);
    const Outgoing message = Compose(d, person.ok() ? &*person : nullptr, policy, now);
    const Status sent = sender.Send(message);
    const TimePoint after = ctx.clock.Now();
    Delivery out = d.delivery;
    out.attempts = d.delivery.attempts + 1;
    if (sent.ok()) {
      out.status = "sent";
      out.last_error.clear();
      out.done_at = FormatTime(after);
      ++round.sent;
    } else {
      out.last_error = sent.message();
      if (out.attempts >= policy.max_attempts) {
        out.status = "dead";
        out.done_at = FormatTime(after);
        ++round.dead;
        ctx.log->warn("delivery {} of notification {} by {} is dead after {} attempts: {}", out.id, out.notification,
                      out.channel, out.attempts, out.last_error);
      } else {
        out.status = "retrying";
        out.next_at = FormatTime(after + RetryDelay(policy, out.attempts));
        ++round.retrying;
        ctx.log->info("delivery {} of notification {} by {} failed (attempt {}), retrying at {}: {}", out.id,
                      out.notification, out.channel, out.attempts, out.next_at, out.last_error);
      }
    }
    DOCKET_RETURN_IF_ERROR(ctx.store.RecordDelivery(out));
  }
  return round;
}

}  // namespace docket
