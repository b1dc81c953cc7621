#include "model_checker.h"

#include "model_checker_util.h"

#include <algorithm>
#include <cstdint>
#include <functional>

namespace docket::testing::model {
namespace {

using namespace checker;  // NOLINT: the helpers of model_checker_util.h

int Members(const Body& b, const std::set<std::string>& persons) {
  return static_cast<int>(std::count_if(b.members.begin(), b.members.end(), [&](const auto& m) { return persons.count(m) > 0; }));
}

// Everything a matter's rules read: its meeting (same organization only), the meeting's
// body and the attendance that counts for the topic.
struct Topic {
  const Item* meeting = nullptr;
  const Body* body = nullptr;
  std::set<std::string> present;  // the topic's own, or the meeting's when it has none
};
Topic TopicOf(const Record& r, const Item& matter) {
  Topic t;
  t.meeting = r.Find(Get(matter, "meeting"));
  if (t.meeting == nullptr || t.meeting->org != matter.org) return {};
  t.body = r.BodyOf(matter.org, Text(Get(*t.meeting, "body")));
  t.present = Persons(Get(matter, "present"));
  if (t.present.empty()) {
    // The meeting's attendance as it stood when the topic was decided, if it had been held
    // by then (a record from before attendance defaulted: a vote now fills it).
    const Entries& h = r.HistoryOf(t.meeting->id);
    const AuditEntry* decided = Entered(r.HistoryOf(matter.id), {"adopted", "rejected"});
    std::int64_t at = decided ? decided->seq : INT64_MAX;
    if (kHeld.count(StateBefore(h, at))) t.present = Persons(FieldThrough(h, "present", at));
  }
  return t;
}

bool Decided(const Item& m) { return m.workflow == "matter" && (m.state == "adopted" || m.state == "rejected"); }
// Decided at a meeting of its own organization, or at none (another's is R1-org's).
bool DecidedHere(const Record& r, const Item& m) { return Decided(m) && !ElsewhereRef(r, m, Get(m, "meeting")); }

// ---- the checks, one a rule id ----

void R1Body(const Record& r, Out* out) {
  for (const Item& m : r.items) {
    if (!DecidedHere(r, m)) continue;
    Topic t = TopicOf(r, m);
    std::string category = Text(Get(m, "category"));
    auto want = r.matters.find(category);
    std::string body = t.meeting ? Text(Get(*t.meeting, "body")) : "(no meeting of its organization)";
    if (want == r.matters.end() || body != want->second) {
      Add(out, "R1-body", m, category + " decided by " + body + "; the list names " + (want == r.matters.end() ? "none" : want->second));
    }
  }
}

void R1Spawned(const Record& r, Out* out) {
  for (const Item& d : r.items) {
    if (d.workflow != "decision") continue;
    const Item* m = d.parent ? r.Find(*d.parent) : nullptr;
    if (m == nullptr || m->workflow != "matter" || m->state != "adopted") {
      Add(out, "R1-spawned", d, "a decision without an adopted matter as its parent");
    } else if (!(Get(d, "meeting") == Get(*m, "meeting")) || Text(Get(d, "category")) != Text(Get(*m, "category"))) {
      Add(out, "R1-spawned", d, "its meeting or category differs from its matter " + std::to_string(m->id) + "'s");
    }
  }
}

void R1SameOrg(const Record& r, Out* out) {
  for (const Item& i : r.items) {
    auto def = r.defs.find(i.workflow);
    if (def == r.defs.end()) continue;
    for (const auto& f : def->second->fields) {
      const Item* ref = f.type == FieldType::kItem ? r.Find(Get(i, f.name)) : nullptr;
      if (ref != nullptr && ref->org != i.org) Add(out, "R1-org", i, f.name + " names item " + std::to_string(ref->id) + " of " + ref->org);
    }
    const Item* parent = i.parent ? r.Find(*i.parent) : nullptr;
    if (parent != nullptr && parent->org != i.org) Add(out, "R1-org", i, "its parent is item " + std::to_string(parent->id) + " of " + parent->org);
  }
}

void R2Held(const Record& r, Out* out) {
  for (const Item& m : r.items) {
    if (!DecidedHere(r, m)) continue;
    Topic t = TopicOf(r, m);
    const AuditEntry* decided = Entered(r.HistoryOf(m.id), {"adopted", "rejected"});
    std::string state = t.meeting && decided ? StateBefore(r.HistoryOf(t.meeting->id), decided->seq) : "";
    if (!kHeld.count(state)) Add(out, "R2-held", m, "decided while its meeting was '" + state + "'");
  }
}

void R2Quorum(const Record& r, Out* out) {
  for (const Item& m : r.items) {
    if (!DecidedHere(r, m)) continue;
    Topic t = TopicOf(r, m);
    int n = t.body ? static_cast<int>(t.body->members.size()) : 0;
    int k = t.body ? Members(*t.body, t.present) : 0;
    if (t.body == nullptr || 2 * k <= n) Add(out, "R2-quorum", m, std::to_string(k) + " of " + std::to_string(n) + " members present");
  }
}

void R2Attendance(const Record& r, Out* out) {
  for (const Item& m : r.items) {
    Topic t = TopicOf(r, m);
    if (!DecidedHere(r, m) || t.meeting == nullptr) continue;
    std::set<std::string> meeting = Persons(Get(*t.meeting, "present")), extra;
    for (const auto& p : Persons(Get(m, "present"))) {
      if (!meeting.count(p)) extra.insert(p);
    }
    if (!extra.empty()) Add(out, "R2-attendance", m, "present for the topic but not at the meeting: " + Join(extra));
  }
}

void R2Meeting(const Record& r, Out* out) {
  for (const Item& g : r.items) {
    if (g.workflow != "meeting" || !kHeld.count(g.state)) continue;
    const Body* b = r.BodyOf(g.org, Text(Get(g, "body")));
    int n = b ? static_cast<int>(b->members.size()) : 0;
    int k = b ? Members(*b, Persons(Get(g, "present"))) : 0;
    bool congress = Text(Get(g, "body")) == "staff-congress";
    bool ok = b != nullptr && (congress ? 3 * k >= 2 * n : 2 * k > n);
    if (!ok) Add(out, congress ? "R13" : "R2-meeting", g, "held with " + std::to_string(k) + " of " + std::to_string(n) + " members");
  }
}

void R3(const Record& r, Out* out) {
  for (const Item& m : r.items) {
    std::string c = Text(Get(m, "category"));
    if (!DecidedHere(r, m) || (c != "cadre-appointment" && c != "development-plan")) continue;
    Topic t = TopicOf(r, m);
    int n = t.body ? static_cast<int>(t.body->members.size()) : 0;
    int k = t.body ? Members(*t.body, t.present) : 0;
    if (t.body == nullptr || 3 * k < 2 * n) Add(out, "R3", m, c + " decided with " + std::to_string(k) + " of " + std::to_string(n) + " present");
  }
}

void R4(const Record& r, Out* out) {
  for (const Item& m : r.items) {
    if (!DecidedHere(r, m)) continue;
    Topic t = TopicOf(r, m);
    int n = t.body ? static_cast<int>(t.body->members.size()) : 0;
    std::set<std::string> agree;
    for (const auto& [p, c] : Positions(Get(m, "votes"))) {
      if (c == "agree") agree.insert(p);
    }
    int k = t.body ? Members(*t.body, agree) : 0;
    bool passes = t.body != nullptr && 2 * k > n;
    if (passes != (m.state == "adopted")) Add(out, "R4", m, std::to_string(k) + " of " + std::to_string(n) + " members agree");
  }
}

void R5(const Record& r, Out* out) {
  for (const Item& m : r.items) {
    Ballot b = Positions(Get(m, "votes"));
    if (!DecidedHere(r, m) || b.empty()) continue;
    for (size_t i = 0; i + 1 < b.size(); ++i) {
      if (r.Holds(b[i].first, m.org, "secretary")) Add(out, "R5", m, "the secretary " + b[i].first + " is not last in the ballot");
    }
  }
}

void R6(const Record& r, Out* out) {
  for (const Item& m : r.items) {
    if (m.workflow != "matter") continue;
    std::set<std::string> ever = Persons(Get(m, "recused"));
    for (const auto& e : r.HistoryOf(m.id)) {
      if (kActsOnMatter.count(e.action) && ever.count(e.actor)) Add(out, "R6-acted", m, "recused " + e.actor + " took " + e.action);
      for (const auto& c : e.changes) {
        if (c.field != "recused") continue;
        std::set<std::string> before = Persons(c.before), after = Persons(c.after), gone;
        for (const auto& p : before) {
          if (!after.count(p)) gone.insert(p);
        }
        if (!gone.empty()) Add(out, "R6-shrink", m, e.actor + "'s " + e.action + " took " + Join(gone) + " off the recusals");
        ever.insert(after.begin(), after.end());
      }
    }
    for (const auto& [p, c] : Positions(Get(m, "votes"))) {
      if (ever.count(p) && c != "recused") Add(out, "R6-ballot", m, "recused " + p + " holds the position " + c);
    }
  }
}

void R7(const Record& r, Out* out) {
  for (const Item& m : r.items) {
    if (Decided(m) && Positions(Get(m, "votes")).empty()) Add(out, "R7", m, "decided without the members' positions");
  }
}

// The one who signed may sign for both posts only if they hold both.
bool SignedOff(const Record& r, const Item& m, std::int64_t seq) {
  const Entries& h = r.HistoryOf(m.id);
  std::string sec = Text(FieldThrough(h, "presigned_secretary", seq));
  std::string pri = Text(FieldThrough(h, "presigned_principal", seq));
  auto both = [&](const std::string& p) { return r.Holds(p, m.org, "secretary") && r.Holds(p, m.org, "principal"); };
  if (both(sec) || both(pri)) return true;
  return r.Holds(sec, m.org, "secretary") && r.Holds(pri, m.org, "principal");
}

void R8(const Record& r, Out* out) {
  for (const Item& m : r.items) {
    if (m.workflow != "matter") continue;
    const Entries& h = r.HistoryOf(m.id);
    for (const auto& e : h) {
      if (e.to_state != "on_agenda" || e.from_state == "on_agenda") continue;
      if (kMajor.count(Text(Get(m, "category"))) && !SignedOff(r, m, e.seq)) {
        Add(out, "R8-signoff", m, "a major matter put on the agenda without both sign-offs");
      }
      if (ElsewhereRef(r, m, FieldThrough(h, "meeting", e.seq))) continue;
      const Item* g = r.Find(FieldThrough(h, "meeting", e.seq));
      std::string state = g && g->org == m.org ? StateBefore(r.HistoryOf(g->id), e.seq) : "";
      if (state != "planned" && state != "notified") Add(out, "R8-agenda", m, "put on the agenda of a meeting that was '" + state + "'");
    }
  }
}

const std::vector<std::pair<std::string, std::function<void(const Record&, Out*)>>>& Checks();

}  // namespace

// Defined in model_checker_rules.cc: R9, R10, R12 and authorization.
void CheckR9(const Record& r, std::vector<Violation>* out);
void CheckR10Held(const Record& r, std::vector<Violation>* out);
void CheckR10Next(const Record& r, std::vector<Violation>* out);
void CheckR10Archive(const Record& r, std::vector<Violation>* out);
void CheckR12(const Record& r, std::vector<Violation>* out);
void CheckAttendance(const Record& r, std::vector<Violation>* out);
void CheckAuth(const Record& r, std::vector<Violation>* out);

namespace {
const std::vector<std::pair<std::string, std::function<void(const Record&, Out*)>>>& Checks() {
  static const std::vector<std::pair<std::string, std::function<void(const Record&, Out*)>>> kChecks = {
      {"AUTH", CheckAuth},        {"R1-body", R1Body},          {"R1-spawned", R1Spawned},
      {"R1-org", R1SameOrg},      {"R2-held", R2Held},          {"R2-quorum", R2Quorum},
      {"R2-attendance", R2Attendance}, {"R2-meeting", R2Meeting}, {"R13", R2Meeting},
      {"R2-once", CheckAttendance}, {"R2-default", CheckAttendance}, {"R2-reason", CheckAttendance},
      {"R2-stale", CheckAttendance},
      {"R3", R3},                 {"R4", R4},                   {"R5", R5},
      {"R6-acted", R6},           {"R6-shrink", R6},            {"R6-ballot", R6},
      {"R7", R7},                 {"R8-signoff", R8},           {"R8-agenda", R8},
      {"R8-combined", nullptr},   {"R9", CheckR9},              {"R10-held", CheckR10Held},
      {"R10-next", CheckR10Next}, {"R10-archive", CheckR10Archive}, {"R12", CheckR12},
      {"R12-late-task", CheckR12}, {"R12-separation", CheckR12}};
  return kChecks;
}
}  // namespace

const std::vector<std::string>& CheckIds() {
  static const std::vector<std::string> kIds = [] {
    std::vector<std::string> ids;
    for (const auto& [id, fn] : Checks()) ids.push_back(id);
    return ids;
  }();
  return kIds;
}

std::vector<Violation> Check(const Record& record, const std::set<std::string>& off) {
  // Some functions check several ids (R6, R8, the meeting quorum): run each once, keep the
  // ids that are on.
  std::vector<Violation> all, out;
  std::set<const void*> ran;
  for (const auto& [id, fn] : Checks()) {
    if (!fn || off.count(id)) continue;
    auto* target = fn.target<void (*)(const Record&, Out*)>();
    const void* key = target ? reinterpret_cast<const void*>(*target) : &fn;
    if (ran.insert(key).second) fn(record, &all);
  }
  for (auto& v : all) {
    if (!off.count(v.rule)) out.push_back(std::move(v));
  }
  return out;
}

std::optional<Violation> CheckRefusal(const Record& r, const Item& m, const std::string& action,
                                      const std::string& actor, std::optional<std::int64_t> meeting,
                                      const Status& status, const std::set<std::string>& off) {
  if (off.count("R8-combined") || action != "schedule" || m.workflow != "matter" || status.code() != Code::kRefused ||
      status.message().find("R8") == std::string::npos || !kMajor.count(Text(Get(m, "category")))) {
    return std::nullopt;
  }
  std::string signer;
  for (const char* f : {"presigned_secretary", "presigned_principal"}) {
    std::string p = Text(Get(m, f));
    if (r.Holds(p, m.org, "secretary") && r.Holds(p, m.org, "principal")) signer = p;
  }
  const Item* g = meeting ? r.Find(*meeting) : nullptr;
  auto want = r.matters.find(Text(Get(m, "category")));
  bool may = r.Holds(actor, m.org, "clerk") || r.Holds(actor, m.org, "secretary") || r.Holds(actor, m.org, "principal");
  if (signer.empty() || !may || g == nullptr || g->org != m.org || (g->state != "planned" && g->state != "notified") ||
      want == r.matters.end() || Text(Get(*g, "body")) != want->second || !(m.state == "submitted" || m.state == "deferred")) {
    return std::nullopt;
  }
  return Violation{"R8-combined", m.id,
                   "matter " + std::to_string(m.id) + ": scheduling refused although " + signer +
                       ", both secretary and principal, signed off: " + status.message()};
}

}  // namespace docket::testing::model
