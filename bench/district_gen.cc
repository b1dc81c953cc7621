#include "district_gen.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <random>

#include "app/embedded.h"
#include "core/field.h"
#include "core/transition.h"
#include "store/store.h"

namespace docket::bench {
namespace {

// `type var = value of expr`, or return expr's status when it failed.
#define GEN_ASSIGN(var, expr)             \
  auto var##_result = (expr);             \
  if (!var##_result.ok()) return var##_result.status(); \
  const std::int64_t var = *var##_result

using std::chrono::days;

const char* const kPeople[] = {"sec", "pri", "vp1", "vp2", "m1", "m2", "m3", "clk"};

std::string P(const std::string& school, const char* who) { return school + "-" + who; }

struct Term {
  std::string id;
  TimePoint start;
  TimePoint end;
};

std::vector<Term> Terms(int n) {
  // n semesters ending with 2026-autumn: ... 2026-spring, 2026-autumn.
  std::vector<Term> terms;
  int year = 2026;
  bool autumn = true;
  for (int i = 0; i < n; ++i) {
    std::string id = std::to_string(year) + (autumn ? "-autumn" : "-spring");
    std::string s = autumn ? std::to_string(year) + "-09-01T00:00:00Z" : std::to_string(year) + "-02-23T00:00:00Z";
    std::string e = autumn ? std::to_string(year + 1) + "-01-22T23:59:59Z" : std::to_string(year) + "-07-10T23:59:59Z";
    terms.insert(terms.begin(), {id, *ParseTime(s), *ParseTime(e)});
    if (autumn) {
      autumn = false;
    } else {
      autumn = true;
      --year;
    }
  }
  return terms;
}

// Writes items of one school as an import would: the item in its final state, its creation
// entry (every field set) and one entry for the step that brought it there.
class SchoolWriter {
 public:
  SchoolWriter(Docket& docket, Store& store, std::string org, std::mt19937& rng, DistrictStats& stats)
      : docket_(docket), store_(store), org_(std::move(org)), rng_(rng), stats_(stats) {}

  // Writes an item in `state` with its one entry, an import by the school's secretary (what
  // `docket import` writes for a school's earlier record): lawful, so `audit verify` passes.
  // `action` and `actor` say who took it there; the record keeps them in its fields.
  Result<std::int64_t> Put(const std::string& workflow, const FieldTexts& texts, const std::string& state,
                           const std::string& /*action*/, const std::string& /*actor*/, TimePoint at,
                           std::optional<std::int64_t> parent = std::nullopt) {
    auto def = Definition(workflow);
    if (!def.ok()) return def.status();
    const docket::Definition& d = **def;
    Item item;
    item.org = org_;
    item.workflow = workflow;
    item.workflow_version = d.version;
    item.state = state;
    item.parent = parent;
    item.created_at = at;
    item.updated_at = at;
    item.version = 1;
    AuditEntry entry;
    entry.org = org_;
    entry.time = FormatTime(at);
    entry.actor = org_ + "-sec";
    entry.role = "secretary";
    entry.action = kImportAction;
    entry.outcome = "ok";
    entry.workflow = workflow;
    entry.workflow_version = d.version;
    entry.to_state = state;
    entry.item_version = 1;
    entry.reason = "imported from district.csv";  // as `docket import` words it
    for (const auto& [name, text] : texts) {
      const FieldDef* f = d.FindField(name);
      if (f == nullptr) return Status::Invalid(workflow + " has no field " + name);
      auto v = ParseFieldText(*f, text);
      if (!v.ok()) return v.status();
      item.fields[name] = *v;
      entry.changes.push_back({name, Value(), *v});
    }
    for (const auto& [mark, text] : {std::pair<const char*, std::string>{kImportedField, "区级基准数据"},
                                     std::pair<const char*, std::string>{kRecordedOnField, FormatTime(at).substr(0, 10)}}) {
      item.fields[mark] = Value(text);
      entry.changes.push_back({mark, Value(), Value(text)});
    }
    if (parent) entry.changes.push_back(ParentChange(*parent));
    auto id = store_.InsertItem(item);
    if (!id.ok()) return id.status();
    entry.item_id = *id;
    ++stats_.items;
    pending_.push_back({at, std::move(entry)});
    return *id;
  }

  // Appends the school's entries in the order of their times: the items are written term by
  // term and kind by kind, but a chain's times never go back (`audit verify` checks it).
  Status Flush() {
    std::stable_sort(pending_.begin(), pending_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [at, entry] : pending_) {
      DOCKET_RETURN_IF_ERROR(store_.AppendAudit(entry).status());
      ++stats_.entries;
    }
    pending_.clear();
    return Status::Ok();
  }

  int Pick(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }

 private:
  Result<std::shared_ptr<const docket::Definition>> Definition(const std::string& workflow) {
    auto it = defs_.find(workflow);
    if (it != defs_.end()) return it->second;
    auto d = docket_.GetDefinition(workflow, std::nullopt);
    if (d.ok()) defs_[workflow] = *d;
    return d;
  }

  Docket& docket_;
  Store& store_;
  std::string org_;
  std::mt19937& rng_;
  DistrictStats& stats_;
  std::map<std::string, std::shared_ptr<const docket::Definition>> defs_;
  std::vector<std::pair<TimePoint, AuditEntry>> pending_;
};

std::string Date(TimePoint t) { return FormatTime(t).substr(0, 10); }

// One semester of one school: 11 meetings, 120 matters, a decision per adopted matter, the
// rest execution tasks, two temporary actions, a communication record and the report.
Status WriteTerm(SchoolWriter& w, const std::string& s, const Term& term, bool last, int budget) {
  const std::string sec = P(s, "sec"), pri = P(s, "pri"), clk = P(s, "clk");
  const std::string party_present = sec + "," + pri + "," + P(s, "vp1") + "," + P(s, "m1") + "," + P(s, "m2");
  const std::string office_present = pri + "," + P(s, "vp1") + "," + P(s, "vp2");
  const auto span = std::chrono::duration_cast<days>(term.end - term.start).count();
  auto day = [&](int i, int n) { return term.start + days(5 + (span - 10) * i / n); };
  int made = 0;

  std::vector<std::int64_t> party, office;
  const int meetings = 11;
  for (int i = 0; i < meetings; ++i) {
    const bool is_party = i % 2 == 0, is_staff = i == meetings - 1;
    const std::string body = is_staff ? "staff-congress" : (is_party ? "party-meeting" : "office-meeting");
    TimePoint at = day(i, meetings);
    const bool postponed = w.Pick(20) == 0;
    GEN_ASSIGN(id,
        w.Put("meeting",
              {{"title", body + " " + Date(at)}, {"body", body}, {"scheduled_at", FormatTime(at + days(2))},
               {"present", is_staff ? P(s, "m3") + "," + P(s, "m1") + "," + P(s, "vp2")
                                    : is_party ? party_present : office_present}, {"held_at", FormatTime(at + days(2))},
               {"minutes", "会议记录"}, {"signed_by", sec}},
              postponed ? "postponed" : "archived", postponed ? "postpone" : "archive", clk, at));
    if (!is_staff) (is_party ? party : office).push_back(id);
    ++made;
  }

  static const char* const kMajor[] = {"major-decision", "cadre-appointment", "major-project", "large-spending"};
  struct Decision {
    std::int64_t id;
    TimePoint at;
    bool closed;
  };
  std::vector<Decision> decisions;
  const int matters = 120;
  for (int i = 0; i < matters; ++i) {
    const bool major = w.Pick(3) == 0;
    const std::string category = major ? kMajor[w.Pick(4)] : "routine";
    const std::int64_t meeting = major ? party[w.Pick(static_cast<int>(party.size()))] : office[w.Pick(static_cast<int>(office.size()))];
    TimePoint at = day(i, matters);
    const int roll = w.Pick(20);
    const std::string state = roll < 16 ? "adopted" : roll == 16 ? "rejected" : roll == 17 ? "withdrawn" : "noted";
    FieldTexts f{{"title", "议题 " + std::to_string(i)}, {"category", category}, {"meeting", std::to_string(meeting)},
                 {"present", major ? party_present : office_present},
                 {"votes", major ? P(s, "pri") + ":agree," + P(s, "vp1") + ":agree," + P(s, "m1") + ":agree," +
                                       P(s, "m2") + ":abstain," + sec + ":agree"
                                 : pri + ":agree," + P(s, "vp1") + ":agree," + P(s, "vp2") + ":agree"},
                 {"decision", "同意"}, {"decided_by", sec}};
    if (category == "large-spending") f.push_back({"amount", std::to_string(100000 + w.Pick(900000))});
    if (major) f.insert(f.end(), {{"presigned_secretary", sec}, {"presigned_principal", pri}});
    GEN_ASSIGN(id,
        w.Put("matter", f, state, state == "adopted" ? "adopt" : state == "rejected" ? "reject" : "note", clk, at));
    ++made;
    if (state == "adopted") {
      const bool closed = !last || w.Pick(3) == 0;
      GEN_ASSIGN(d,
          w.Put("decision",
                {{"title", "决定 " + std::to_string(i)}, {"category", category},
                 {"meeting", std::to_string(meeting)}, {"content", "同意"}, {"owners", pri + "," + P(s, "vp1")},
                 {"due_date", Date(at + days(45))}, {"public", w.Pick(2) == 0 ? "true" : "false"}},
                closed ? "closed" : "in_execution", closed ? "close" : "assign", sec, at + days(1), id));
      decisions.push_back({d, at, closed});
      ++made;
    }
  }

  for (int i = 0; i < 2; ++i, ++made) {
    TimePoint at = day(i + 1, 3);
    DOCKET_RETURN_IF_ERROR(w.Put("temporary-action",
                                 {{"title", "紧急处置"}, {"reason", "突发情况"}, {"action_taken", "先行处置"},
                                  {"taken_by", sec}, {"taken_at", FormatTime(at)},
                                  {"meeting", std::to_string(party.back())}, {"explanation", "已向会议说明"}},
                                 "explained", "explain", sec, at)
                               .status());
  }
  DOCKET_RETURN_IF_ERROR(w.Put("communication", {{"week_from", FormatTime(term.start)}, {"topic", "工作沟通"}},
                               "closed", "close", sec, term.start)
                             .status());
  ++made;
  DOCKET_RETURN_IF_ERROR(w.Put("semester-report",
                               {{"semester", term.id}, {"summary", "学期工作报告"}, {"submitted_by", sec},
                                {"submitted_at", FormatTime(term.end + days(20))}},
                               last ? "submitted" : "accepted", last ? "submit" : "accept", sec, term.end + days(1))
                             .status());
  ++made;

  // The rest of the budget: execution tasks, spread over the decisions; the tasks of a
  // decision still in execution (last term only) are open, a third of them past their due date.
  for (int i = 0; made < budget && !decisions.empty(); ++i, ++made) {
    const auto& [decision, at, decision_closed] = decisions[i % decisions.size()];
    const bool late = !decision_closed && w.Pick(3) == 0;
    const bool open = late || (!decision_closed && w.Pick(2) == 0);
    DOCKET_RETURN_IF_ERROR(w.Put("task",
                                 {{"title", "任务 " + std::to_string(i)}, {"owner", i % 2 ? pri : P(s, "vp1")},
                                  {"due_date", Date(at + days(late ? 10 : 40))},
                                  {"progress", open ? "50" : "100"}},
                                 open ? "in_progress" : "closed", open ? "start" : "check", sec, at + days(2),
                                 decision)
                               .status());
  }
  return Status::Ok();
}

}  // namespace

std::string DistrictOrgYaml(const DistrictShape& shape) {
  std::string orgs = "organizations:\n  - id: " + shape.supervisor +
                     "\n    name: {zh: 基准区教育工委, en: Benchmark district}\n    kind: supervisor\n";
  std::string people = "people:\n  - id: " + shape.supervisor + "-sup\n    name: {zh: 督查员, en: Supervisor}\n" +
                       "    roles:\n      - {org: " + shape.supervisor + ", role: supervisor}\n";
  static const char* const kRoles[] = {"secretary", "principal", "vice_principal", "vice_principal",
                                       "committee_member", "committee_member", "staff_representative", "clerk"};
  for (int i = 1; i <= shape.schools; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "s%04d", i);
    const std::string s = id;
    orgs += "  - id: " + s + "\n    parent: " + shape.supervisor + "\n    name: {zh: 学校" + s + ", en: School " + s +
            "}\n    kind: school\n    bodies:\n"
            "      - {id: party-meeting, name: {zh: 党组织会议, en: Party meeting}, members: [" +
            P(s, "sec") + ", " + P(s, "pri") + ", " + P(s, "vp1") + ", " + P(s, "m1") + ", " + P(s, "m2") + "]}\n" +
            "      - {id: office-meeting, name: {zh: 校长办公会议, en: Office meeting}, members: [" + P(s, "pri") +
            ", " + P(s, "vp1") + ", " + P(s, "vp2") + "]}\n" +
            "      - {id: staff-congress, name: {zh: 教职工代表大会, en: Staff congress}, members: [" + P(s, "m3") +
            ", " + P(s, "m1") + ", " + P(s, "vp2") + "]}\n";
    for (int k = 0; k < 8; ++k) {
      people += "  - id: " + P(s, kPeople[k]) + "\n    name: {zh: " + P(s, kPeople[k]) + "}\n    roles:\n" +
                "      - {org: " + s + ", role: " + kRoles[k] + "}\n";
      if (k == 1 || k == 2) people += "      - {org: " + s + ", role: committee_member}\n";
    }
  }
  return orgs + "\n" + people;
}

TimePoint DistrictStart(const DistrictShape& shape) { return Terms(shape.terms).front().start - days(1); }

std::string DistrictCalendarYaml(const DistrictShape& shape) {
  std::string out = "semesters:\n";
  for (const Term& t : Terms(shape.terms)) {
    out += "  - id: " + t.id + "\n    labels: {zh: " + t.id + ", en: " + t.id + "}\n    start: " + Date(t.start) +
           "\n    end: " + Date(t.end) + "\n";
  }
  return out + "on_semester_end:\n  - {open: semester-report, for_orgs_of_kind: school, field: semester}\n";
}

Result<DistrictStats> GenerateDistrict(Docket& docket, Store& store, const DistrictShape& shape) {
  DistrictStats stats;
  DOCKET_RETURN_IF_ERROR(docket.LoadOrgs(DistrictOrgYaml(shape), "district.yaml").status());
  const EmbeddedFile* list = FindShipped("workflows/lists/decision-matters.yaml");
  if (list == nullptr) return Status::NotFound("the shipped decision-matter list");
  DOCKET_RETURN_IF_ERROR(docket.LoadTable(list->text, std::string(list->path)).status());
  for (const auto& wf : ShippedWorkflows()) {
    DOCKET_RETURN_IF_ERROR(docket.LoadWorkflow(wf.text, std::string(wf.path)).status());
  }
  DOCKET_RETURN_IF_ERROR(docket.LoadCalendar(DistrictCalendarYaml(shape), "calendar.yaml"));
  std::mt19937 rng(20261123);
  const std::vector<Term> terms = Terms(shape.terms);
  for (const Term& t : terms) stats.terms.push_back(t.id);
  for (int i = 1; i <= shape.schools; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "s%04d", i);
    stats.schools.push_back(id);
    SchoolWriter w(docket, store, id, rng, stats);
    DOCKET_RETURN_IF_ERROR(store.Transact([&] {
      for (size_t k = 0; k < terms.size(); ++k) {
        DOCKET_RETURN_IF_ERROR(WriteTerm(w, id, terms[k], k + 1 == terms.size(), shape.items_per_term));
      }
      return w.Flush();
    }));
    if (i % 50 == 0) std::fprintf(stderr, "generated %d schools, %lld items\n", i, static_cast<long long>(stats.items));
  }
  return stats;
}

}  // namespace docket::bench
