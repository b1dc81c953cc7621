// The checks of model_checker.h that read more than one item's history: reconsideration
// (R9), temporary actions (R10), execution (R12) and who may act at all (authorization).
#include <map>
#include <set>

#include "model_checker.h"
#include "model_checker_util.h"

namespace docket::testing::model {

using namespace checker;  // NOLINT: the helpers of model_checker_util.h

namespace {

// The entry of `action` in the item's history (the first), or nullptr.
const AuditEntry* Took(const Entries& h, const std::string& action) {
  for (const auto& e : h) {
    if (e.action == action) return &e;
  }
  return nullptr;
}

// When each Party organization meeting of `org` was held: the hold entry's sequence number.
std::map<std::int64_t, std::int64_t> PartyMeetingsHeld(const Record& r, const std::string& org) {
  std::map<std::int64_t, std::int64_t> out;  // meeting id -> seq of its hold
  auto party = r.matters.find("temporary-action");
  for (const Item& g : r.items) {
    if (g.workflow != "meeting" || g.org != org || party == r.matters.end() || Text(Get(g, "body")) != party->second) continue;
    for (const auto& e : r.HistoryOf(g.id)) {
      if (e.to_state == "held" && e.from_state != "held") out[g.id] = e.seq;
    }
  }
  return out;
}

}  // namespace

void CheckR9(const Record& r, Out* out) {
  for (const Item& d : r.items) {
    if (d.workflow != "decision" || (d.state != "amended" && d.state != "revoked")) continue;
    const Entries& h = r.HistoryOf(d.id);
    const AuditEntry* e = Entered(h, {"amended", "revoked"});
    if (e && ElsewhereRef(r, d, FieldThrough(h, "reconsidered_at", e->seq))) continue;
    const Item* g = e ? r.Find(FieldThrough(h, "reconsidered_at", e->seq)) : nullptr;
    std::string state = g && g->org == d.org ? StateBefore(r.HistoryOf(g->id), e->seq) : "";
    auto want = r.matters.find(Text(Get(d, "category")));
    if (!kHeld.count(state) || want == r.matters.end() || Text(Get(*g, "body")) != want->second) {
      Add(out, "R9", d, "reconsidered at a meeting that was '" + state + "' or of another body");
    }
  }
}

void CheckR10Held(const Record& r, Out* out) {
  for (const Item& t : r.items) {
    if (t.workflow != "temporary-action" || t.state != "explained") continue;
    const Entries& h = r.HistoryOf(t.id);
    const AuditEntry* e = Took(h, "explain");
    if (e && ElsewhereRef(r, t, FieldThrough(h, "meeting", e->seq))) continue;
    const Item* g = e ? r.Find(FieldThrough(h, "meeting", e->seq)) : nullptr;
    std::string state = g && g->org == t.org ? StateBefore(r.HistoryOf(g->id), e->seq) : "";
    if (!kHeld.count(state) || !PartyMeetingsHeld(r, t.org).count(g->id)) {
      Add(out, "R10-held", t, "explained at a meeting that was '" + state + "' or is no Party organization meeting");
    }
  }
}

void CheckR10Next(const Record& r, Out* out) {
  for (const Item& t : r.items) {
    if (t.workflow != "temporary-action" || t.state != "explained") continue;
    const Entries& h = r.HistoryOf(t.id);
    const AuditEntry* e = Took(h, "explain");
    const Item* g = e ? r.Find(FieldThrough(h, "meeting", e->seq)) : nullptr;
    if (h.empty() || g == nullptr || g->org != t.org) continue;  // R10-held's to say
    std::int64_t taken = h.front().seq;
    std::optional<std::int64_t> next, next_held;  // the first Party meeting held after it was taken
    for (const auto& [id, held] : PartyMeetingsHeld(r, t.org)) {
      if (held > taken && (!next || held < *next_held)) next = id, next_held = held;
    }
    if (next != g->id) {
      Add(out, "R10-next", t, "explained at meeting " + std::to_string(g->id) + "; the next Party meeting held after it was " +
                                  (next ? std::to_string(*next) : std::string("none")));
    }
  }
}

void CheckR10Archive(const Record& r, Out* out) {
  for (const Item& g : r.items) {
    if (g.workflow != "meeting") continue;
    auto held = PartyMeetingsHeld(r, g.org);
    const AuditEntry* archived = Took(r.HistoryOf(g.id), "archive");
    if (!held.count(g.id) || archived == nullptr) continue;
    for (const Item& t : r.items) {
      const Entries& h = r.HistoryOf(t.id);
      if (t.workflow != "temporary-action" || t.org != g.org || h.empty() || h.front().seq > held.at(g.id)) continue;
      const AuditEntry* explained = Took(h, "explain");
      if (explained == nullptr || explained->seq > archived->seq) {
        Add(out, "R10-archive", g, "archived while temporary action " + std::to_string(t.id) + ", taken before it, was unexplained");
      }
    }
  }
}

void CheckR12(const Record& r, Out* out) {
  for (const Item& d : r.items) {
    const AuditEntry* executed = d.workflow == "decision" ? Entered(r.HistoryOf(d.id), {"executed"}) : nullptr;
    if (executed != nullptr && (d.state == "executed" || d.state == "closed")) {
      for (const Item& t : r.items) {
        const Entries& th = r.HistoryOf(t.id);
        if (t.parent != d.id || t.workflow != "task" || t.org != d.org || t.state == "closed" || t.state == "cancelled" || th.empty()) continue;
        // A task given to it after it was executed is a hole of its own.
        bool late = th.front().seq > executed->seq;
        Add(out, late ? "R12-late-task" : "R12", d,
            std::string(late ? "task " : "executed while task ") + std::to_string(t.id) + " is '" + t.state + "'" +
                (late ? ", given to it after it was executed" : ""));
      }
    }
    if ((d.workflow == "decision" || d.workflow == "task") && d.state == "closed") {
      const Entries& h = r.HistoryOf(d.id);
      const AuditEntry* done = Took(h, "complete");
      const AuditEntry* closed = Entered(h, {"closed"});
      if (done == nullptr || (closed != nullptr && closed->actor == done->actor)) {
        Add(out, "R12-separation", d, "closed without completion, or by the one who completed it");
      }
    }
  }
}

// Attendance (issue 13): a meeting's is taken once, by `hold`; a topic's defaults to its
// meeting's, and whoever was at the meeting and is not present for a decided topic is
// recused or has a reason recorded.
void CheckAttendance(const Record& r, Out* out) {
  for (const Item& i : r.items) {
    const Entries& h = r.HistoryOf(i.id);
    if (i.workflow == "meeting") {
      int writes = 0;
      for (const auto& e : h) {
        for (const auto& c : e.changes) {
          if (c.field != "present" && c.field != "absent") continue;
          ++writes;
          if (e.action != "hold" || !c.before.is_null()) {
            Add(out, "R2-once", i, e.actor + "'s " + e.action + " wrote " + c.field + " (" + Text(c.before) + " -> " + Text(c.after) + ")");
          }
        }
      }
      (void)writes;
      continue;
    }
    if (i.workflow != "matter") continue;
    for (const auto& e : h) {
      if (e.action != "vote") continue;
      const Item* g = r.Find(FieldThrough(h, "meeting", e.seq));
      if (g == nullptr || g->org != i.org) continue;
      if (Persons(FieldThrough(h, "present", e.seq)).empty() && !Persons(Get(*g, "present")).empty()) {
        Add(out, "R2-default", i, "the vote left the topic's attendance empty; the meeting's is " + Join(Persons(Get(*g, "present"))));
      }
    }
    if (i.state != "adopted" && i.state != "rejected") continue;
    // The positions read by the decision were stated after the topic went on the agenda of
    // the meeting that decided it, not at a meeting that deferred it.
    std::int64_t scheduled = 0, voted = 0;
    for (const auto& e : h) {
      if (e.action == "schedule") scheduled = e.seq;
      if (e.action == "vote") voted = e.seq;
    }
    if (voted < scheduled) Add(out, "R2-stale", i, "decided on positions stated before it was put on its meeting's agenda");
    const Item* g = r.Find(Get(i, "meeting"));
    if (g == nullptr || g->org != i.org) continue;
    std::set<std::string> topic = Persons(Get(i, "present")), recused = Persons(Get(i, "recused")), missing;
    for (const auto& p : Persons(Get(*g, "present"))) {
      if (!topic.count(p) && !recused.count(p)) missing.insert(p);
    }
    if (!missing.empty() && Text(Get(i, "attendance_note")).empty()) {
      Add(out, "R2-reason", i, "at the meeting, not present for the topic, not recused, no reason recorded: " + Join(missing));
    }
  }
}

void CheckAuth(const Record& r, Out* out) {
  auto above = [&](const std::string& person, std::string org, const std::vector<std::string>& roles) {
    for (size_t depth = 0; depth < kMaxOrgDepth; ++depth) {
      auto o = r.orgs.find(org);
      if (o == r.orgs.end() || !o->second.parent) return false;
      org = *o->second.parent;
      for (const auto& role : roles) {
        if (r.Holds(person, org, role)) return true;
      }
    }
    return false;
  };
  for (const Item& i : r.items) {
    auto def = r.defs.find(i.workflow);
    for (const auto& e : r.HistoryOf(i.id)) {
      if (e.actor == "system" || def == r.defs.end()) continue;
      const TransitionDef* t = e.action == "create" ? &def->second->create : nullptr;
      for (const auto& x : def->second->transitions) {
        if (x.name == e.action && x.AllowedFrom(e.from_state)) t = &x;
      }
      // A spawned child's creation is its parent's action, checked there.
      if (e.action == "create" && i.parent.has_value() && e.role == "system") continue;
      bool may = t != nullptr && (std::any_of(t->roles.begin(), t->roles.end(), [&](const auto& role) { return r.Holds(e.actor, i.org, role); }) ||
                                  above(e.actor, i.org, t->roles_above));
      if (!may) Add(out, "AUTH", i, e.actor + " took " + e.action + " without a role for it in " + i.org);
    }
  }
}

}  // namespace docket::testing::model
