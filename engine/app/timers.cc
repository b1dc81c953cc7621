// TimerUseCases (timers.h): `Tick` and the inbox.
//
// Tick is the engine acting on its own. Each firing — a ladder step of a state's timer, or
// an item opened at a semester's end — is one store transaction that claims the firing's
// key (timer_firings, unique), writes the item and its audit entry (actor "system") and the
// notifications. A key claimed before is skipped, so ticking twice, late, or from two
// processes at once fires each step exactly once.
//
// A notify or escalate step changes no field, but it is an audited action on the item, so
// it advances the item's version like any other (the audit replay requires every ok entry
// to do so); its action reads "timer:NAME:notify" or "timer:NAME:escalate". The entry of
// every firing records its key ("$firing") and whom it told ("$told"), so that `audit
// verify` checks the firings and notifications kept beside the chain against it. Every
// entry a tick writes, the creations of the children its actions spawn included, records
// the administrator who ran the tick ("$run_by"); its actor is "system".
#include "app/timers.h"

#include <algorithm>
#include <map>
#include <set>

#include "app/app_context.h"
#include "app/delivery.h"
#include "app/time_zones.h"
#include "core/catalog.h"
#include "core/transition.h"
#include "definition/calendar_loader.h"

namespace docket {

namespace {

// Who ran the tick, as every entry it writes records it (core/item.h).
FieldChange RunByMark(const std::string& run_by) { return {kRunByField, Value(), Value(run_by)}; }

// What the entry of a firing records of it (core/item.h): its key, who ran the tick, and
// whom it told.
std::vector<FieldChange> FiringMarks(const std::string& key, const std::string& run_by,
                                     const std::vector<std::string>& told) {
  std::vector<FieldChange> marks{{kFiringField, Value(), Value(key)}, RunByMark(run_by)};
  if (!told.empty()) {
    List people;
    for (const std::string& person : told) people.push_back(Value(person));
    marks.push_back({kToldField, Value(), Value(std::move(people))});
  }
  return marks;
}

}  // namespace

struct TimerUseCases::TickState {
  TimePoint now{};
  std::string run_by;  // the administrator who ran the tick (AppContext::Administrator)
  Calendar calendar;
  std::vector<Person> people;
  std::map<std::string, Org> orgs;
  std::map<std::string, TimeZone> zones;  // each organization's, loaded once per tick
};

namespace {

std::set<std::string> HoldersIn(const std::vector<Person>& people, const std::string& org,
                                const std::vector<std::string>& roles) {
  std::set<std::string> out;
  for (const auto& p : people) {
    for (const auto& g : p.roles) {
      if (g.org == org && std::find(roles.begin(), roles.end(), g.role) != roles.end()) out.insert(p.id);
    }
  }
  return out;
}

// Who a step tells: holders of its roles in the item's organization (notify, transition) or
// in the nearest organization above it where someone holds one (escalate), and the person
// in its owner field.
std::vector<std::string> Recipients(const LadderStep& step, const Item& item, const std::vector<Person>& people,
                                    const std::map<std::string, Org>& orgs) {
  std::set<std::string> out;
  if (!step.roles.empty()) {
    if (step.what == LadderStep::Do::kEscalate) {
      auto it = orgs.find(item.org);
      std::optional<std::string> up = it == orgs.end() ? std::nullopt : it->second.parent;
      for (int depth = 0; up && depth < 64; ++depth) {
        out = HoldersIn(people, *up, step.roles);
        if (!out.empty()) break;
        auto parent = orgs.find(*up);
        up = parent == orgs.end() ? std::nullopt : parent->second.parent;
      }
    } else {
      out = HoldersIn(people, item.org, step.roles);
    }
  }
  if (!step.owner.empty()) {
    auto f = item.fields.find(step.owner);
    if (f != item.fields.end() && f->second.is_string() && !f->second.as_string().empty()) {
      out.insert(f->second.as_string());
    }
  }
  return {out.begin(), out.end()};
}

// How long from `now` to `due`, said when the step fires: "due in 2 days", "overdue by 3
// hours". Whole days from a day on, whole hours below (rounded to the nearest; at least 1).
Msg TimeLeft(TimePoint due, TimePoint now) {
  const std::int64_t diff = (due - now).count();
  if (diff == 0) return Msg("due now");
  const std::int64_t gap = diff < 0 ? -diff : diff;
  constexpr std::int64_t kHour = 3600, kDay = 24 * kHour;
  const bool days = gap >= kDay;
  const std::int64_t unit = days ? kDay : kHour;
  const std::int64_t n = std::max<std::int64_t>(1, (gap + unit / 2) / unit);
  if (diff > 0) {
    if (days) return n == 1 ? Msg("due in 1 day") : Msg("due in {n} days", {{"n", n}});
    return n == 1 ? Msg("due in 1 hour") : Msg("due in {n} hours", {{"n", n}});
  }
  if (days) return n == 1 ? Msg("overdue by 1 day") : Msg("overdue by {n} days", {{"n", n}});
  return n == 1 ? Msg("overdue by 1 hour") : Msg("overdue by {n} hours", {{"n", n}});
}

// A notification's text: which item, then the step's own message or, without one, what
// is due when, then the time left at `now` (TimeLeft); in Chinese, English and every other
// language the workflow's labels carry. The due time is shown on the clock of `zone`.
Labels Message(const Definition& def, const Item& item, const TimerDef& timer, const LadderStep& step,
               TimePoint due, TimePoint now, const TimeZone& zone) {
  const StateDef* s = def.FindState(item.state);
  const Msg what = Msg("{workflow} #{id} ({state})",
                       {{"workflow", Msg::Of(def.labels, def.id)},
                        {"id", item.id},
                        {"state", s ? Msg::Of(s->labels, s->name) : Msg::Literal(item.state)}});
  const Msg when = Msg::Literal(FormatTimeIn(due, zone));
  Msg text;
  if (!step.message.zh.empty() || !step.message.en.empty()) {
    text = Msg("{what}: {message}", {{"what", what}, {"message", Msg::Of(step.message, "")}});
  } else if (step.at_seconds < 0 || step.at_school_days < 0) {
    text = Msg("{what} is due at {when} ({timer})", {{"what", what}, {"when", when}, {"timer", timer.name}});
  } else {
    text = Msg("{what} was due at {when} and is overdue ({timer})", {{"what", what}, {"when", when}, {"timer", timer.name}});
  }
  text = Msg("{text}; {left}", {{"text", text}, {"left", TimeLeft(due, now)}});
  Labels m{Text(text, Lang::kZh), Text(text, Lang::kEn)};
  for (const Labels* l : {&def.labels, s ? &s->labels : nullptr, &step.message}) {
    if (l == nullptr) continue;
    for (const auto& [lang, label] : l->more) {
      if (!m.more.count(lang)) m.more.emplace(lang, Text(text, lang));
    }
  }
  return m;
}

}  // namespace

TimerUseCases::TimerUseCases(AppContext& ctx) : ctx_(ctx) {}

Result<std::vector<Notification>> TimerUseCases::Inbox(const std::string& person, bool unread_only) {
  if (person.empty()) return Status::Invalid(Msg("whose inbox? give --as PERSON (or set DOCKET_USER)"));
  if (!ctx_.store.GetPerson(person).ok()) return Status::NotFound(Msg("no person '{person}'", {{"person", person}}));
  return ctx_.store.Inbox(person, unread_only);
}

Result<int> TimerUseCases::MarkRead(const std::string& person) {
  if (person.empty()) return Status::Invalid(Msg("whose inbox? give --as PERSON (or set DOCKET_USER)"));
  if (!ctx_.store.GetPerson(person).ok()) return Status::NotFound(Msg("no person '{person}'", {{"person", person}}));
  return ctx_.store.MarkRead(person);
}

Result<TickReport> TimerUseCases::Tick(const std::string& actor) {
  DOCKET_ASSIGN_OR_RETURN(std::string admin, ctx_.Administrator(actor));
  DOCKET_RETURN_IF_ERROR(ctx_.CheckAdminScope(admin, AppContext::AdminScope::Installation()));
  TickState tick;
  tick.now = ctx_.clock.Now();
  tick.run_by = admin;
  DOCKET_ASSIGN_OR_RETURN(auto source, ctx_.store.GetCalendar());
  if (source) {
    std::vector<Diagnostic> diags;
    tick.calendar = ParseCalendarFile(*source, "calendar (stored)", &diags);
    if (HasErrors(diags)) return Status::Integrity(Msg("the stored calendar no longer parses: {errors}", {{"errors", FormatErrors(diags)}}));
  }
  DOCKET_ASSIGN_OR_RETURN(auto people, ctx_.store.ListPeople());
  tick.people = std::move(people);
  DOCKET_ASSIGN_OR_RETURN(auto orgs, ctx_.store.ListOrgs());
  for (auto& o : orgs) {
    DOCKET_ASSIGN_OR_RETURN(auto zone, LoadTimeZone(o.time_zone));
    tick.zones.emplace(o.id, std::move(zone));
    tick.orgs.emplace(o.id, o);
  }

  TickReport report;
  report.now = FormatTime(tick.now);
  // Open first, so that the items opened now start their timers in this same tick.
  DOCKET_RETURN_IF_ERROR(OpenSemesterItems(tick, &report));

  DOCKET_ASSIGN_OR_RETURN(auto items, ctx_.store.ListItems({}));
  for (const Item& item : items) {
    DOCKET_ASSIGN_OR_RETURN(auto def, ctx_.GetDefinition(item.workflow, item.workflow_version));
    const StateDef* state = def->FindState(item.state);
    if (state == nullptr || state->timers.empty()) continue;
    DOCKET_ASSIGN_OR_RETURN(auto history, ctx_.store.ItemHistory(item.id));
    // The entry into the current state: the last ok entry that changed the state.
    StateEntry entry;
    for (const auto& e : history) {
      if (e.outcome != "ok" || (!e.from_state.empty() && e.from_state == e.to_state)) continue;
      if (auto t = ParseTime(e.time)) entry.time = *t;
    }
    // School days are the item's organization's: its holidays and weekdays on its clock.
    if (auto zone = tick.zones.find(item.org); zone != tick.zones.end()) tick.calendar.zone = zone->second;
    for (const DueStep& step : DueSteps(*def, item, entry, tick.calendar, tick.now)) {
      std::size_t before = report.fired.size();
      DOCKET_RETURN_IF_ERROR(FireStep(tick, item, *def, step, &report));
      // A transition ends the stay in this state: the rest of its ladder no longer applies.
      if (report.fired.size() > before && report.fired.back().kind == "transition") break;
    }
  }
  ctx_.log->info("tick at {} by {}: {} fired", report.now, admin, report.fired.size());
  return report;
}

Status TimerUseCases::FireStep(TickState& tick, const Item& listed, const Definition& def, const DueStep& step,
                               TickReport* report) {
  const LadderStep& ladder = step.timer->ladder[step.index];
  TickFiring fired;
  fired.key = step.key;
  fired.kind = StepKindName(ladder.what);
  fired.org = listed.org;
  fired.item = listed.id;
  fired.workflow = listed.workflow;
  fired.timer = step.timer->name;
  fired.due = FormatTime(step.at);
  bool done = false;
  Status st = ctx_.store.Transact([&]() -> Status {
    // The firing's time: the tick's, or later when another writer appended to the chain
    // since the tick began (WriteTime). Whether a step is due was decided at the tick's.
    // The item is read once its chain is held: as it is, not as another server left it.
    DOCKET_ASSIGN_OR_RETURN(const TimePoint at, ctx_.WriteTime(listed.org));
    DOCKET_ASSIGN_OR_RETURN(auto item, ctx_.store.GetItem(listed.id));
    if (item.state != listed.state) return Status::Ok();  // moved on since it was listed
    DOCKET_ASSIGN_OR_RETURN(auto claimed, ctx_.store.ClaimFiring({step.key, item.org, item.id, fired.kind, fired.due, FormatTime(at)}));
    if (!claimed) return Status::Ok();  // fired before
    Labels message = Message(def, item, *step.timer, ladder, step.due, at, tick.calendar.zone);
    fired.told = Recipients(ladder, item, tick.people, tick.orgs);
    const std::vector<FieldChange> marks = FiringMarks(step.key, tick.run_by, fired.told);
    Item after = item;
    if (ladder.what == LadderStep::Do::kTransition) {
      fired.action = ladder.action;
      Actor system{kEngineActor, {}, {}, true};
      DOCKET_ASSIGN_OR_RETURN(auto facts, ctx_.GatherFacts(def, item, {}));
      auto out = Apply(def, item, Request{ladder.action, system, {}, at}, facts);
      if (!out.ok()) {
        // The key stays claimed: the attempt happened, and its refusal is on the record.
        fired.kind = "refused";
        DOCKET_RETURN_IF_ERROR(ctx_.RecordRefusal(item, kEngineActor, ladder.action, out.status(), marks));
      } else {
        DOCKET_RETURN_IF_ERROR(ctx_.store.UpdateItem(out->item, item.version));
        out->record.changes.insert(out->record.changes.end(), marks.begin(), marks.end());
        DOCKET_RETURN_IF_ERROR(ctx_.RecordAction(out->item, out->record));
        DOCKET_RETURN_IF_ERROR(ctx_.SpawnChildren(out->item, out->spawns, kEngineActor, 0, nullptr, {RunByMark(tick.run_by)}));
        after = out->item;
      }
    } else {
      after.version = item.version + 1;
      after.updated_at = at;
      DOCKET_RETURN_IF_ERROR(ctx_.store.UpdateItem(after, item.version));
      ActionRecord rec;
      rec.action = "timer:" + step.timer->name + ":" + fired.kind;
      rec.actor = kEngineActor;
      rec.role = "system";
      rec.from_state = item.state;
      rec.to_state = item.state;
      rec.item_version = after.version;
      rec.time = at;
      rec.changes = marks;
      DOCKET_RETURN_IF_ERROR(ctx_.RecordAction(after, rec));
    }
    for (const auto& person : fired.told) {
      Notification n;
      n.person = person;
      n.org = item.org;
      n.item_id = item.id;
      n.time = FormatTime(at);
      n.kind = fired.kind;
      n.firing = step.key;
      n.message = message;
      auto who = std::find_if(tick.people.begin(), tick.people.end(), [&](const Person& p) { return p.id == person; });
      if (who != tick.people.end()) n.deliveries = ChannelsOf(*who, tick.orgs);
      DOCKET_RETURN_IF_ERROR(ctx_.store.AddNotification(n));
    }
    done = true;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (done) {
    ctx_.log->info("timer {} fired on item #{}: {}", step.key, listed.id, fired.kind);
    report->fired.push_back(std::move(fired));
  }
  return Status::Ok();
}

Status TimerUseCases::OpenSemesterItems(TickState& tick, TickReport* report) {
  for (const SemesterEndRule& rule : tick.calendar.on_semester_end) {
    auto def = ctx_.GetDefinition(rule.workflow, std::nullopt);
    if (!def.ok()) {
      return Status(def.status().code(), Msg("the calendar opens workflow '{workflow}' at a semester's end: {why}",
                                             {{"workflow", rule.workflow}, {"why", def.status().msg()}}));
    }
    for (const Semester& sem : tick.calendar.semesters) {
      for (const auto& by_id : tick.orgs) {
        const std::string& org_id = by_id.first;  // not a structured binding: the lambda below uses it
        if (by_id.second.kind != rule.org_kind) continue;
        // The semester is over at the end of its last day on the organization's clock.
        const TimePoint end = EndOfLocalDay(tick.zones.at(org_id), sem.last_day);
        if (end > tick.now) continue;
        const std::string key = "semester-end:" + sem.id + ":" + rule.workflow + ":" + org_id;
        DOCKET_ASSIGN_OR_RETURN(auto seen, ctx_.store.GetFiring(key));
        if (seen) continue;
        TickFiring fired{key, "open", org_id, 0, rule.workflow, "", sem.id, FormatTime(end), {}};
        bool done = false;
        Status st = ctx_.store.Transact([&]() -> Status {
          DOCKET_ASSIGN_OR_RETURN(const TimePoint at, ctx_.WriteTime(org_id));
          DOCKET_ASSIGN_OR_RETURN(auto fields, ctx_.ParseFields(**def, org_id, {{rule.field, sem.id}}));
          Actor system{kEngineActor, {}, {}, true};
          DOCKET_ASSIGN_OR_RETURN(ItemFacts facts, ctx_.CreationFacts(**def, org_id, fields));
          DOCKET_ASSIGN_OR_RETURN(auto out, Create(**def, org_id, Request{"create", system, fields, at}, facts));
          DOCKET_ASSIGN_OR_RETURN(auto id, ctx_.store.InsertItem(out.item));
          out.item.id = id;
          DOCKET_ASSIGN_OR_RETURN(auto claimed, ctx_.store.ClaimFiring({key, org_id, id, "open", fired.due, FormatTime(at)}));
          if (!claimed) return Status::Conflict("opened by another tick");  // undo the insert
          for (FieldChange& mark : FiringMarks(key, tick.run_by, {})) out.record.changes.push_back(std::move(mark));
          DOCKET_RETURN_IF_ERROR(ctx_.RecordAction(out.item, out.record));
          DOCKET_RETURN_IF_ERROR(ctx_.SpawnChildren(out.item, out.spawns, kEngineActor, 0, nullptr, {RunByMark(tick.run_by)}));
          fired.item = id;
          done = true;
          return Status::Ok();
        });
        if (!st.ok() && st.code() != Code::kConflict) {
          return Status(st.code(), "opening '" + rule.workflow + "' for " + org_id + " at the end of " + sem.id +
                                       ": " + st.message());
        }
        if (st.ok() && done) {
          ctx_.log->info("semester {} ended: opened {} #{} in {}", sem.id, rule.workflow, fired.item, org_id);
          report->fired.push_back(std::move(fired));
        }
      }
    }
  }
  return Status::Ok();
}

}  // namespace docket
