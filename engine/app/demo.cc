// The demo: one semester of a school's governance cycle (SPEC §2a), told as a narrative.
// Everything goes through the same use cases as the CLI; the clock is a FixedClock moved
// from date to date, so the run is the same every time.
#include "app/demo.h"

#include "app/embedded.h"
#include "core/catalog.h"
#include "core/field.h"

namespace docket {
namespace {

// `m` with more arguments: what a narrated step knows only once it is done (the new item's id).
Msg With(const Msg& m, std::vector<Msg::Arg> more) {
  std::vector<Msg::Arg> args = m.args();
  args.insert(args.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  return Msg::Make(m.kind(), m.text(), m.labels(), std::move(args));
}

class Narrator {
 public:
  Narrator(Docket& docket, FixedClock& clock, Lang lang, const std::function<void(const std::string&)>& say)
      : docket_(docket), clock_(clock), lang_(lang), say_(say) {}

  void Say(const Msg& line) { say_(Text(line, lang_)); }
  // A line indented by two spaces.
  void SayIndented(const Msg& line) { say_("  " + Text(line, lang_)); }
  void Heading(const Msg& heading) { say_("\n" + Text(heading, lang_)); }
  // A step: the date, then what happened.
  void SayStep(const Msg& what) { say_("  " + FormatDate(clock_.Now()) + "  " + Text(what, lang_)); }
  void At(const char* date) { clock_.Set(*ParseTime(date)); }

  Msg Person(const std::string& id) {
    if (people_.empty()) {
      auto all = docket_.ListPeople();
      if (all.ok()) people_ = *all;
    }
    for (const auto& p : people_) {
      if (p.id == id) return Msg::Of(p.name, id);
    }
    return Msg::Literal(id);
  }

  const Definition* Def(const Item& item) {
    auto def = docket_.GetDefinition(item.workflow, item.workflow_version);
    return def.ok() ? def->get() : nullptr;
  }
  Msg StateLabel(const Item& item) {
    const Definition* d = Def(item);
    const StateDef* s = d ? d->FindState(item.state) : nullptr;
    return s ? Msg::Of(s->labels, item.state) : Msg::Literal(item.state);
  }
  Msg ActionLabel(const Item& item, const std::string& action) {
    const Definition* d = Def(item);
    if (d != nullptr) {
      for (const auto& t : d->transitions) {
        if (t.name == action) return Msg::Of(t.labels, action);
      }
    }
    return Msg::Literal(action);
  }

  // Creates an item that must be created; tells it with `what`, which names {person} and {id}.
  Result<std::int64_t> Create(const std::string& workflow, FieldTexts fields, const std::string& who, const Msg& what) {
    DOCKET_ASSIGN_OR_RETURN(auto r, docket_.CreateItem({workflow, "school-a", std::nullopt, std::move(fields), who}));
    SayStep(With(what, {{"person", Person(who)}, {"id", r.item.id}}));
    return r.item.id;
  }

  // Takes an action that must succeed; tells it.
  Status Do(std::int64_t id, const std::string& action, const std::string& who, FieldTexts fields = {}) {
    auto r = docket_.Act({id, action, std::move(fields), std::nullopt, who});
    if (!r.ok()) {
      return Status(r.status().code(), Msg("demo step '{action}' on #{id}: {why}",
                                           {{"action", action}, {"id", id}, {"why", r.status().msg()}}));
    }
    SayStep(Msg("{person} \"{action}\" #{id} → {state}",
                {{"person", Person(who)}, {"action", ActionLabel(r->item, action)}, {"id", id}, {"state", StateLabel(r->item)}}));
    return Status::Ok();
  }

  // Takes an action that the rules must refuse; tells the refusal.
  Status Refused(std::int64_t id, const std::string& action, const std::string& who, FieldTexts fields = {}) {
    auto r = docket_.Act({id, action, std::move(fields), std::nullopt, who});
    if (r.ok()) {
      return Status::Integrity(
          Msg("the demo expected '{action}' by '{person}' to be refused", {{"action", action}, {"person", who}}));
    }
    auto item = docket_.GetItem(id);
    SayStep(Msg("{person} tried \"{action}\" #{id}: refused and audited: {why}",
                {{"person", Person(who)},
                 {"action", item.ok() ? ActionLabel(*item, action) : Msg::Literal(action)},
                 {"id", id},
                 {"why", r.status().msg()}}));
    return Status::Ok();
  }

  // Fires the timers due now and tells who was told what.
  Status Tick() {
    DOCKET_ASSIGN_OR_RETURN(auto r, docket_.Tick());
    for (const auto& f : r.fired) {
      Msg fired = f.action.empty()
                      ? Msg("tick: {kind} #{id} ({workflow})", {{"kind", f.kind}, {"id", f.item}, {"workflow", f.workflow}})
                      : Msg("tick: {kind} #{id} ({workflow} {action})",
                            {{"kind", f.kind}, {"id", f.item}, {"workflow", f.workflow}, {"action", f.action}});
      if (!f.told.empty()) {
        std::vector<Msg> told;
        for (const auto& p : f.told) told.push_back(Person(p));
        fired = Msg("{fired} → told {persons}",
                    {{"fired", fired}, {"persons", Msg::Join(std::move(told), Msg::ListSeparator())}});
      }
      SayStep(fired);
    }
    return Status::Ok();
  }

  std::vector<Item> Children(std::int64_t parent) {
    ItemFilter f;
    f.parent = parent;
    auto items = docket_.ListItems(f);
    return items.ok() ? *items : std::vector<Item>{};
  }

 private:
  Docket& docket_;
  FixedClock& clock_;
  Lang lang_;
  const std::function<void(const std::string&)>& say_;
  std::vector<docket::Person> people_;
};

#define DEMO_TRY(expr) DOCKET_RETURN_IF_ERROR(expr)
#define DEMO_ASSIGN(var, expr)       \
  auto var##_r = (expr);             \
  if (!var##_r.ok()) return var##_r.status(); \
  const std::int64_t var = *var##_r

Status LoadEverything(Docket& docket, Narrator& n) {
  const EmbeddedFile* org = FindShipped("workflows/examples/org.yaml");
  const EmbeddedFile* list = FindShipped("workflows/lists/decision-matters.yaml");
  const EmbeddedFile* calendar = FindShipped("workflows/examples/calendar.yaml");
  if (!org || !list || !calendar) return Status::NotFound(Msg("the example files are not built in"));
  DOCKET_ASSIGN_OR_RETURN(auto orgs, docket.LoadOrgs(org->text, std::string(org->path)));
  DOCKET_ASSIGN_OR_RETURN(auto table, docket.LoadTable(list->text, std::string(list->path)));
  std::string loaded;
  for (const auto& wf : ShippedWorkflows()) {
    DOCKET_ASSIGN_OR_RETURN(auto r, docket.LoadWorkflow(wf.text, std::string(wf.path)));
    loaded += (loaded.empty() ? "" : ", ") + r.workflow;
  }
  DEMO_TRY(docket.LoadCalendar(calendar->text, std::string(calendar->path)));
  n.Say(Msg("Loaded the example district: {orgs} organizations, {people} people; the decision-matter list, the calendar; workflows {workflows}",
            {{"orgs", orgs.orgs}, {"people", orgs.people}, {"workflows", loaded}}));
  return Status::Ok();
}

}  // namespace

Status RunDemo(Docket& docket, FixedClock& clock, Lang lang, const std::function<void(const std::string&)>& say) {
  Narrator n(docket, clock, lang, say);
  n.At("2026-03-02T09:00:00Z");
  DEMO_TRY(LoadEverything(docket, n));
  n.Say(Msg("What follows is {org} (a Party committee; secretary {secretary} and principal {principal} are two people), spring semester 2026.",
            {{"org", "school-a"}, {"secretary", n.Person("wang")}, {"principal", n.Person("li")}}));

  n.Heading(Msg("1. Before the meetings: matters, pre-meeting sign-off, agendas"));
  n.At("2026-03-03T09:00:00Z");
  DEMO_ASSIGN(party1, n.Create("meeting", {{"title", "2026年第1次党委会"}, {"body", "party-meeting"}, {"scheduled_at", "2026-03-10T09:00:00Z"}},
                               "liu", Msg("{person} planned a Party organization meeting #{id}")));
  DEMO_ASSIGN(office, n.Create("meeting", {{"title", "第3次校长办公会"}, {"body", "office-meeting"}, {"scheduled_at", "2026-03-12T09:00:00Z"}},
                               "liu", Msg("{person} planned a principal's office meeting #{id}")));
  DEMO_ASSIGN(canteen, n.Create("matter", {{"title", "食堂改造（大额资金）"}, {"category", "large-spending"}, {"amount", "800000"}},
                                "liu", Msg("{person} registered the large-spending matter \"canteen renovation\", 800,000 CNY #{id}")));
  DEMO_ASSIGN(cadre, n.Create("matter", {{"title", "任命教务处主任"}, {"category", "cadre-appointment"}},
                              "liu", Msg("{person} registered a cadre appointment matter #{id}")));
  DEMO_ASSIGN(green, n.Create("matter", {{"title", "校园绿化工程"}, {"category", "major-project"}},
                              "liu", Msg("{person} registered the major project \"campus greening\" #{id}")));
  DEMO_ASSIGN(exams, n.Create("matter", {{"title", "期中考试安排"}, {"category", "routine"}},
                              "liu", Msg("{person} registered the routine matter \"mid-term exams\" #{id}")));
  for (std::int64_t t : {canteen, cadre, green, exams}) DEMO_TRY(n.Do(t, "submit", "liu"));
  for (std::int64_t t : {canteen, cadre, green}) {
    DEMO_TRY(n.Do(t, "presign_secretary", "wang"));
    DEMO_TRY(n.Do(t, "presign_principal", "li"));
  }
  DEMO_TRY(n.Refused(exams, "presign_secretary", "wang"));  // R8 asks no sign-off of a routine matter
  for (std::int64_t m : {party1, office}) DEMO_TRY(n.Do(m, "notify", "liu"));
  DEMO_TRY(n.Refused(canteen, "schedule", "liu", {{"meeting", std::to_string(office)}}));
  for (std::int64_t t : {canteen, cadre, green}) DEMO_TRY(n.Do(t, "schedule", "liu", {{"meeting", std::to_string(party1)}}));
  DEMO_TRY(n.Do(exams, "schedule", "liu", {{"meeting", std::to_string(office)}}));

  n.Heading(Msg("2. The first Party organization meeting (10 March)"));
  n.At("2026-03-10T09:00:00Z");
  DEMO_TRY(n.Do(party1, "hold", "liu", {{"present", "wang,li,chen,gao,ma"}, {"absent", "he: 外出培训, xu: 病假"}, {"attendees", "liu"}}));
  auto with = [](FieldTexts f, const char* votes) { f.push_back({"votes", votes}); return f; };
  // No attendance given for the topic: it is the meeting's (R2).
  DEMO_TRY(n.Do(canteen, "vote", "liu", {{"votes", "li:agree,chen:agree,gao:agree,ma:agree,wang:agree"}}));
  DEMO_TRY(n.Do(canteen, "adopt", "wang", {{"decision", "同意改造食堂，分两期实施，暑期前完成第一期"}}));
  DEMO_TRY(n.Refused(cadre, "vote", "liu", {{"present", "wang,li,chen,gao"}, {"votes", "li:agree,chen:agree,gao:agree,wang:agree"}}));
  DEMO_TRY(n.Do(cadre, "defer", "wang", {{"defer_reason", "到会成员不足三分之二，下次会议再议"}}));
  DEMO_TRY(n.Do(green, "recuse", "liu", {{"recused", "gao"}}));
  // No attendance given: the meeting's without gao, who is recused (R6).
  DEMO_TRY(n.Refused(green, "vote", "liu", {{"votes", "li:agree,gao:agree,chen:disagree,ma:defer,wang:abstain"}}));
  DEMO_TRY(n.Do(green, "vote", "liu", {{"votes", "li:agree,gao:recused,chen:disagree,ma:defer,wang:abstain"}}));
  DEMO_TRY(n.Do(green, "defer", "wang", {{"defer_reason", "意见分歧较大，进一步调研后再议"}}));
  DEMO_TRY(n.Do(party1, "draft_minutes", "liu", {{"minutes", "审议食堂改造、干部任免、校园绿化三项议题。"}}));
  DEMO_TRY(n.Do(party1, "sign_minutes", "wang"));
  DEMO_TRY(n.Do(party1, "archive", "liu"));

  n.Heading(Msg("3. The principal's office meeting (12 March)"));
  n.At("2026-03-12T09:00:00Z");
  DEMO_TRY(n.Do(office, "hold", "liu", {{"present", "li,chen,tang"}}));
  DEMO_TRY(n.Do(exams, "vote", "liu", {{"votes", "chen:agree,tang:agree,li:agree"}}));
  DEMO_TRY(n.Do(exams, "adopt", "li", {{"decision", "期中考试安排在4月20日至22日"}}));

  n.Heading(Msg("4. Executing the decision: tasks ({rule})", {{"rule", "R12"}}));
  n.At("2026-03-16T09:00:00Z");
  auto decisions = n.Children(canteen);
  if (decisions.size() != 1) return Status::Integrity(Msg("the adopted matter did not become one decision"));
  const std::int64_t decision = decisions[0].id;
  DEMO_TRY(n.Do(decision, "assign", "wang", {{"owners", "li,chen"}, {"due_date", "2026-05-31"}, {"public", "true"}}));
  auto tasks = n.Children(decision);
  if (tasks.size() != 2) return Status::Integrity(Msg("the decision did not become two tasks"));
  const std::int64_t on_time = tasks[0].id, late = tasks[1].id;
  for (std::int64_t t : {on_time, late}) {
    const std::string owner = t == on_time ? "li" : "chen";
    DEMO_TRY(n.Do(t, "acknowledge", owner));
    DEMO_TRY(n.Do(t, "start", owner));
  }

  n.At("2026-03-25T07:00:00Z");
  DEMO_ASSIGN(storm, n.Create("temporary-action", {{"title", "暴雨停课"}, {"reason", "暴雨红色预警"}, {"action_taken", "当日停课一天，学生居家学习"}},
                              "li", Msg("{person} acted alone in an emergency ({rule}): closed the school for a rainstorm #{id}",
                                        {{"rule", "R10"}})));

  n.Heading(Msg("5. The second Party organization meeting (14 April)"));
  n.At("2026-04-07T09:00:00Z");
  DEMO_ASSIGN(party2, n.Create("meeting", {{"title", "2026年第2次党委会"}, {"body", "party-meeting"}, {"scheduled_at", "2026-04-14T09:00:00Z"}},
                               "liu", Msg("{person} planned a Party organization meeting #{id}")));
  DEMO_TRY(n.Do(party2, "notify", "liu"));
  for (std::int64_t t : {cadre, green}) DEMO_TRY(n.Do(t, "schedule", "liu", {{"meeting", std::to_string(party2)}}));
  n.At("2026-04-14T09:00:00Z");
  const FieldTexts six{{"present", "wang,li,chen,gao,ma,he"}};
  DEMO_TRY(n.Do(party2, "hold", "liu", {{"present", "wang,li,chen,gao,ma,he"}, {"absent", "xu: 病假"}}));
  DEMO_TRY(n.Refused(cadre, "vote", "liu", with(six, "wang:agree,li:agree,chen:agree,gao:agree,ma:agree,he:agree")));
  DEMO_TRY(n.Do(cadre, "vote", "liu", with(six, "li:agree,chen:agree,gao:agree,ma:agree,he:abstain,wang:agree")));
  DEMO_TRY(n.Do(cadre, "adopt", "wang", {{"decision", "任命陈静同志为教务处主任"}}));
  DEMO_TRY(n.Do(green, "vote", "liu", {{"votes", "li:agree,gao:recused,chen:agree,ma:agree,he:agree,wang:agree"}}));
  DEMO_TRY(n.Do(green, "adopt", "wang", {{"decision", "同意实施校园绿化工程"}}));
  DEMO_TRY(n.Do(storm, "explain", "li", {{"meeting", std::to_string(party2)}, {"explanation", "校长就3月25日暴雨停课向党委会作出说明"}}));
  DEMO_TRY(n.Do(party2, "draft_minutes", "liu", {{"minutes", "审议干部任免、校园绿化两项议题；听取临机处置说明。"}}));
  DEMO_TRY(n.Do(party2, "sign_minutes", "wang"));

  n.Heading(Msg("6. Progress, a late task and escalation"));
  n.At("2026-05-20T09:00:00Z");
  DEMO_TRY(n.Do(on_time, "report", "li", {{"progress", "100"}, {"evidence", "一期验收报告 YS-2026-07"}}));
  DEMO_TRY(n.Do(on_time, "complete", "li"));
  DEMO_TRY(n.Do(on_time, "check", "wang"));
  DEMO_TRY(n.Do(late, "report", "chen", {{"progress", "60"}, {"evidence", "采购合同 HT-2026-031"}}));
  for (const char* day : {"2026-05-31T09:00:00Z", "2026-06-03T09:00:00Z", "2026-06-09T09:00:00Z"}) {
    n.At(day);
    DEMO_TRY(n.Tick());
  }
  n.At("2026-06-10T09:00:00Z");
  DEMO_TRY(n.Refused(decision, "complete", "li"));
  DEMO_TRY(n.Do(late, "report", "chen", {{"progress", "100"}, {"evidence", "二期验收报告 YS-2026-11"}}));
  DEMO_TRY(n.Do(late, "complete", "chen"));
  DEMO_TRY(n.Do(late, "check", "gao"));
  DEMO_TRY(n.Do(decision, "complete", "li"));
  DEMO_TRY(n.Do(decision, "evaluate", "wang", {{"evaluation", "一期按期完成，二期逾期9天，已督促整改"}}));

  n.Heading(Msg("7. The semester ends: the report upward ({rule})", {{"rule", "R14"}}));
  n.At("2026-07-11T09:00:00Z");
  DEMO_TRY(n.Tick());
  ItemFilter reports;
  reports.org = "school-a";
  reports.workflow = "semester-report";
  auto opened = docket.ListItems(reports);
  if (!opened.ok() || opened->size() != 1) return Status::Integrity(Msg("the semester did not open one report"));
  const std::int64_t report = opened->front().id;
  n.At("2026-07-15T09:00:00Z");
  DEMO_TRY(n.Do(report, "approve", "wang", {{"summary", "本学期召开党组织会议2次、校长办公会议1次，决定事项执行情况见附件。"},
                                            {"approved_at_meeting", "2026-07-14"}}));
  DEMO_TRY(n.Do(report, "submit", "wang"));
  n.At("2026-07-20T09:00:00Z");
  DEMO_TRY(n.Do(report, "accept", "zhao"));

  n.Heading(Msg("8. Published for everyone (no sign-in needed)"));
  DOCKET_ASSIGN_OR_RETURN(auto published, docket.ListPublic("school-a"));
  for (const auto& p : published) {
    std::string line = "  #" + std::to_string(p.item.id);
    for (const auto& [name, v] : p.item.fields) {
      const FieldDef* f = p.definition->FindField(name);
      line += "  " + (f ? f->labels.Get(lang, name) : name) + ": " + ShownValue(*p.labels, name, v, lang);
    }
    n.Say(Msg::Literal(line));
  }

  n.Heading(Msg("9. Verifying the audit chains"));
  DOCKET_ASSIGN_OR_RETURN(auto verified, docket.Verify(std::nullopt));
  n.SayIndented(Msg("audit verify passed: {chains} chains, {entries} entries, {items} items",
                    {{"chains", verified.orgs.size()}, {"entries", verified.entries}, {"items", verified.items}}));
  return Status::Ok();
}

}  // namespace docket
