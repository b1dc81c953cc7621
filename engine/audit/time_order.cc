#include "audit/time_order.h"

namespace docket {

Msg ChainTimeOrder::Next(const AuditEntry& e) {
  // The time as the store writes it, "YYYY-MM-DDTHH:MM:SSZ", orders as text; any other
  // form is parsed.
  const bool same_form = e.time.size() == latest_text_.size() && !e.time.empty() && e.time.back() == 'Z' &&
                         latest_text_.back() == 'Z';
  if (same_form && e.time >= latest_text_) {
    latest_text_ = e.time;
    latest_seq_ = e.seq;
    latest_ = std::nullopt;
    return Msg();
  }
  const std::optional<TimePoint> t = ParseTime(e.time);
  if (!t) return Msg();
  if (!latest_ && !latest_text_.empty()) latest_ = ParseTime(latest_text_);
  if (latest_ && *t < *latest_) {
    return Msg("its time {time} is earlier than {latest} of entry {seq}: the chain goes back in time",
               {{"time", e.time}, {"latest", latest_text_}, {"seq", latest_seq_}});
  }
  latest_ = t;
  latest_text_ = e.time;
  latest_seq_ = e.seq;
  return Msg();
}

}  // namespace docket
