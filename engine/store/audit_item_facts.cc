#include "store/audit_item_facts.h"

#include <set>
#include <string>

namespace docket {
namespace {

Msg ParentText(const std::optional<std::int64_t>& parent) {
  return parent ? Msg("item {id}", {{"id", *parent}}) : Msg("none");
}

Msg FiringWhere(const std::string& org, const std::string& key, Msg why) {
  return Msg("organization '{org}', timer firing '{key}': {why}", {{"org", org}, {"key", key}, {"why", std::move(why)}});
}

}  // namespace

Status CompareFirings(TimerStore& store, const std::string& org, const std::map<std::string, RecordedFiring>& recorded) {
  DOCKET_ASSIGN_OR_RETURN(std::vector<TimerFiring> kept, store.ListFirings(org));
  std::set<std::string> seen;
  for (const TimerFiring& f : kept) {
    seen.insert(f.key);
    auto r = recorded.find(f.key);
    if (r == recorded.end()) {
      return Status::Integrity(FiringWhere(org, f.key, Msg("kept, but no audit entry records it")));
    }
    if (r->second.item_id != f.item_id) {
      return Status::Integrity(FiringWhere(org, f.key, Msg("kept for item {id} but entry {seq} records it for item {logged}",
                                                           {{"id", f.item_id}, {"seq", r->second.seq}, {"logged", r->second.item_id}})));
    }
  }
  for (const auto& [key, r] : recorded) {
    if (!seen.count(key)) {
      return Status::Integrity(FiringWhere(org, key, Msg("recorded by entry {seq} but not kept (removed? `tick` would take it again)",
                                                         {{"seq", r.seq}})));
    }
  }
  DOCKET_ASSIGN_OR_RETURN(std::vector<Notification> sent, store.ListNotifications(org));
  std::map<std::string, std::multiset<std::string>> told;
  for (const Notification& n : sent) {
    if (!recorded.count(n.firing)) {
      return Status::Integrity(FiringWhere(org, n.firing, Msg("notification {id} to '{person}' was sent by no recorded firing",
                                                              {{"id", n.id}, {"person", n.person}})));
    }
    told[n.firing].insert(n.person);
  }
  for (const auto& [key, r] : recorded) {
    const std::multiset<std::string> logged(r.told.begin(), r.told.end());
    if (told[key] != logged) {
      return Status::Integrity(FiringWhere(org, key, Msg("its notifications do not go to the people entry {seq} records",
                                                         {{"seq", r.seq}})));
    }
  }
  return Status::Ok();
}

Status CompareItemFacts(const Item& item, const ReplayedItem& r) {
  if (item.parent != r.parent) {
    return Status::Integrity(Msg("parent is {parent} but its audit log gives {logged}",
                                 {{"parent", ParentText(item.parent)}, {"logged", ParentText(r.parent)}}));
  }
  const std::string created = FormatTime(item.created_at);
  if (created != r.created_at) {
    return Status::Integrity(Msg("created at {time} but its audit log gives {logged}",
                                 {{"time", created}, {"logged", r.created_at}}));
  }
  const std::string updated = FormatTime(item.updated_at);
  if (updated != r.updated_at) {
    return Status::Integrity(Msg("last changed at {time} but its audit log gives {logged}",
                                 {{"time", updated}, {"logged", r.updated_at}}));
  }
  return Status::Ok();
}

}  // namespace docket
