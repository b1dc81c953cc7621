// History as of a moment (history.h): the audit entries up to it, replayed.
#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "app/history.h"
#include "audit/replay.h"

namespace docket {
namespace {

// The log is broken at `e`, for the reason `why`.
Status Broken(const AuditEntry& e, Msg why) {
  return Status::Integrity(Msg("organization '{org}', entry {seq}: {why} (docket audit verify checks the whole log)",
                               {{"org", e.org}, {"seq", e.seq}, {"why", std::move(why)}}));
}

// `e`, an "ok" entry up to the moment, skips a version of its item. That is the clock going
// backwards only if the skipped entry is in the chain before `e` and was recorded after the
// moment; otherwise the log is broken (an entry removed, say).
Status CheckRecordedLater(Store& store, const AuditEntry& e, const AuditReplay& replay,
                          const std::string& up_to) {
  const ReplayedItem* r = replay.Find(e.item_id);
  const std::int64_t skipped = r ? r->version + 1 : 1;
  DOCKET_ASSIGN_OR_RETURN(auto history, store.ItemHistory(e.item_id));
  for (const AuditEntry& h : history) {
    if (h.outcome != "ok" || h.item_version != skipped) continue;
    if (h.seq < e.seq && h.time > up_to) return Status::Ok();
    break;
  }
  return Broken(e, Msg("item {id} reaches version {version} but no earlier entry gives it version {skipped}",
                       {{"id", e.item_id}, {"version", e.item_version}, {"skipped", skipped}}));
}

// Applies the entries of `range` to `replay`. An item whose next change was recorded after
// the moment (the clock went backwards) stops there: its later entries are skipped.
Status ReplayUpTo(Store& store, const AuditRange& range, AuditReplay* replay) {
  std::set<std::int64_t> stopped;
  return store.ForEachAuditEntryUpTo(range, [&](const AuditEntry& e) -> Status {
    if (e.outcome == "ok" && e.item_id > 0) {
      if (stopped.count(e.item_id)) return Status::Ok();
      if (!replay->IsNext(e)) {
        DOCKET_RETURN_IF_ERROR(CheckRecordedLater(store, e, *replay, range.up_to));
        stopped.insert(e.item_id);
        return Status::Ok();
      }
    }
    Status st = replay->Apply(e);
    if (!st.ok()) return Broken(e, st.msg());
    return Status::Ok();
  });
}

Result<Item> ToItem(const ReplayedItem& r, std::optional<std::int64_t> parent) {
  auto created = ParseTime(r.created_at);
  auto updated = ParseTime(r.updated_at);
  if (!created || !updated) {
    return Status::Integrity(Msg("item {id}: an audit entry's time is not ISO 8601", {{"id", r.id}}));
  }
  Item item;
  item.id = r.id;
  item.org = r.org;
  item.workflow = r.workflow;
  item.workflow_version = r.workflow_version;
  item.state = r.state;
  item.fields = r.fields;
  item.parent = r.parent ? r.parent : parent;  // an item from before parents were recorded: as stored
  item.version = r.version;
  item.created_at = *created;
  item.updated_at = *updated;
  return item;
}

}  // namespace

std::optional<TimePoint> ParseAsOf(std::string_view text, const TimeZone& zone) {
  if (text.size() == 10) {
    auto day = ParseDate(text);
    if (!day) return std::nullopt;
    return EndOfLocalDay(zone, *day) - std::chrono::seconds{1};
  }
  return ParseTimeIn(text, zone);
}

Result<Item> ItemAsOf(Store& store, std::int64_t id, TimePoint t) {
  DOCKET_ASSIGN_OR_RETURN(auto now, store.GetItem(id));
  AuditRange range;
  range.item_id = id;
  range.up_to = FormatTime(t);
  AuditReplay replay(/*whole_chain=*/false);
  DOCKET_RETURN_IF_ERROR(ReplayUpTo(store, range, &replay));
  const ReplayedItem* r = replay.Find(id);
  if (r == nullptr) {
    const std::string created = FormatTime(now.created_at);
    if (now.created_at > t) {
      return Status::NotFound(Msg("item {id} did not exist at {time}: it was created at {created}",
                                  {{"id", id}, {"time", range.up_to}, {"created", created}}));
    }
    return Status::Integrity(
        Msg("item {id} was created at {created} but the audit log has no entry creating it by {time} (docket audit verify checks the whole log)",
            {{"id", id}, {"created", created}, {"time", range.up_to}}));
  }
  return ToItem(*r, now.parent);
}

Result<std::vector<Item>> ItemsAsOf(Store& store, const ItemFilter& filter, TimePoint t) {
  if (filter.text || filter.Paged()) return Status::Invalid("a list as it was at a time is neither searched nor paged");
  ItemFilter now_filter = filter;
  now_filter.state.reset();  // the state then is what counts
  DOCKET_ASSIGN_OR_RETURN(auto now, store.ListItems(now_filter));  // items are never removed: a superset of then
  auto wanted = [&](const Item& item) { return !filter.state || item.state == *filter.state; };
  std::vector<Item> out;

  if (filter.parent) {  // a few children, each by its own entries
    for (const Item& child : now) {
      auto then = ItemAsOf(store, child.id, t);
      if (then.status().code() == Code::kNotFound) continue;
      if (!then.ok()) return then.status();
      if (wanted(*then)) out.push_back(std::move(then).value());
    }
    return out;
  }

  std::map<std::int64_t, std::optional<std::int64_t>> parents;
  for (const Item& item : now) parents[item.id] = item.parent;
  std::vector<std::string> orgs;
  if (filter.org) {
    orgs.push_back(*filter.org);
  } else {
    DOCKET_ASSIGN_OR_RETURN(auto chains, store.AuditOrgs());
    orgs = std::move(chains);
  }
  for (const std::string& org : orgs) {
    AuditRange range;
    range.org = org;
    range.workflow = filter.workflow;
    range.up_to = FormatTime(t);
    AuditReplay replay(/*whole_chain=*/false);
    DOCKET_RETURN_IF_ERROR(ReplayUpTo(store, range, &replay));
    for (const auto& [id, r] : replay.items()) {
      auto parent = parents.find(id);
      DOCKET_ASSIGN_OR_RETURN(auto item, ToItem(r, parent == parents.end() ? std::nullopt : parent->second));
      if (wanted(item)) out.push_back(std::move(item));
    }
  }
  std::sort(out.begin(), out.end(), [](const Item& a, const Item& b) { return a.id < b.id; });
  return out;
}

}  // namespace docket
