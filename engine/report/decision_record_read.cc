// Reading a decision, the vote that made it and its execution tasks (decision_record.h).
#include <algorithm>

#include "core/field.h"
#include "core/item.h"
#include "core/time_zone.h"
#include "report/builder.h"
#include "report/decision_record.h"
#include "report/doc.h"
#include "report/values.h"

namespace docket {
// Named, not anonymous: the report library builds in unity batches beside meeting_docs_read.cc.
namespace decision_read {

constexpr const char* kDecisionWorkflow = "decision";
constexpr const char* kTaskWorkflow = "task";
constexpr const char* kAdoptedWorkflow = "matter";  // a decision's parent: the topic adopted

std::string FieldText(const Item& item, const std::string& field) {
  auto it = item.fields.find(field);
  return it == item.fields.end() || it->second.is_null() ? "" : it->second.ToText();
}


// What an action is called on the page: a transition by its label, creation by the state
// it creates in, a timer's step by what it did.
Labels ActionLabel(const Definition& def, const std::string& action) {
  if (action == "create") {
    for (const auto& s : def.states) {
      if (s.initial) return StateLabel(def, s.name);
    }
  }
  if (action.rfind("timer:", 0) == 0) {
    const std::string kind = action.substr(action.rfind(':') + 1);
    if (kind == "notify") return LabelsOf(Msg::In("document", "Reminder sent"));
    if (kind == "escalate") return LabelsOf(Msg::In("document", "Escalated for supervision"));
  }
  if (action == kImportAction) return LabelsOf(Msg::In("document", "Imported"));
  for (const auto& t : def.transitions) {
    if (t.name == action) return {t.labels.Get(Lang::kZh, action), t.labels.Get(Lang::kEn, action)};
  }
  return {action, action};
}

// Where field `name` is declared in `def` (after every declared field when it is not).
std::size_t FieldIndex(const Definition& def, const std::string& name) {
  for (std::size_t i = 0; i < def.fields.size(); ++i) {
    if (def.fields[i].name == name) return i;
  }
  return def.fields.size();
}

class RecordReader {
 public:
  RecordReader(ReportSource& source, TimePoint now, TimeZone zone) : b_(source, now), zone_(std::move(zone)) {}

  DocPerson Person(const std::string& id) { return {id, b_.PersonName(id)}; }
  std::vector<DocPerson> People(const Value& v) {
    std::vector<DocPerson> out;
    if (v.is_list()) {
      for (const Value& e : v.as_list()) out.push_back(Person(e.ToText()));
    } else if (!v.is_null()) {
      out.push_back(Person(v.ToText()));
    }
    return out;
  }
  // The actor of an entry: nullopt for the engine acting on its own.
  std::optional<DocPerson> Actor(const std::string& id) {
    if (id.empty() || id == kEngineActor) return std::nullopt;
    return Person(id);
  }
  const TimeZone& zone() const { return zone_; }

  // `v` of field `f` in both languages: people by their names, an item as #ID.
  Labels Shown(const Definition& def, const FieldDef& f, const Value& v) {
    const bool people = f.type == FieldType::kPerson || (f.type == FieldType::kList && f.element == FieldType::kPerson);
    if (people) {
      Labels out;
      for (const DocPerson& p : People(v)) {
        out.zh += (out.zh.empty() ? "" : "、") + p.name.Get(Lang::kZh, p.id);
        out.en += (out.en.empty() ? "" : ", ") + p.name.Get(Lang::kEn, p.id);
      }
      return out;
    }
    if (f.type == FieldType::kItem && v.is_int()) return {"#" + v.ToText(), "#" + v.ToText()};
    return {ShownValue(def, f.name, v, Lang::kZh), ShownValue(def, f.name, v, Lang::kEn)};
  }

  // Item `item`'s recorded steps, oldest first. The creation's fields are the item's own and
  // shown beside it, so its step carries no note.
  Result<std::vector<DocStep>> Steps(const Item& item, const Definition& def) {
    DOCKET_ASSIGN_OR_RETURN(auto actions, b_.source().ItemActions(item.id));
    std::vector<DocStep> out;
    for (const ItemAction& a : actions) {
      DocStep s;
      s.at = LocalMinute(a.time, zone_);
      s.by = Actor(a.actor);
      s.action = ActionLabel(def, a.action);
      const bool created = a.action == "create" || a.action == kImportAction;
      // The fields an action set, in the order the workflow declares them.
      std::vector<const FieldChange*> changes;
      for (const FieldChange& c : a.changes) changes.push_back(&c);
      std::stable_sort(changes.begin(), changes.end(), [&def](const FieldChange* x, const FieldChange* y) {
        return FieldIndex(def, x->field) < FieldIndex(def, y->field);
      });
      for (const FieldChange* change : changes) {
        const FieldChange& c = *change;
        if (c.field == kToldField && !c.after.is_null()) {
          FieldDef told;
          told.name = c.field;
          told.type = FieldType::kList;
          told.element = FieldType::kPerson;
          Note(s, LabelsOf(Msg::In("document", "Told")), Shown(def, told, c.after));
        }
        if (created || c.field.empty() || c.field[0] == '$' || c.after.is_null()) continue;
        if (c.field == "progress") {
          s.progress = c.after.ToText();
        } else if (c.field == "evidence" && c.after.is_list()) {
          for (const Value& e : c.after.as_list()) s.evidence.push_back(e.ToText());
        } else if (const FieldDef* f = def.FindField(c.field)) {
          Note(s, f->labels, Shown(def, *f, c.after));
        }
      }
      out.push_back(std::move(s));
    }
    return out;
  }

 private:
  static void Note(DocStep& s, const Labels& label, const Labels& value) {
    s.note.zh += (s.note.zh.empty() ? "" : "；") + label.Get(Lang::kZh, "") + "：" + value.zh;
    s.note.en += (s.note.en.empty() ? "" : "; ") + label.Get(Lang::kEn, "") + ": " + value.en;
  }

  ReportBuilder b_;
  TimeZone zone_;
};

}  // namespace decision_read

Result<DecisionRecord> ReadDecision(ReportSource& source, std::int64_t id, TimePoint now) {
  using namespace decision_read;
  DOCKET_ASSIGN_OR_RETURN(Item item, source.GetItem(id));
  if (item.workflow != kDecisionWorkflow) {
    return Status::Invalid(Msg("item #{id} is a {workflow}, not a decision: the execution record is made for decisions",
                               {{"id", id}, {"workflow", item.workflow}}));
  }
  DOCKET_ASSIGN_OR_RETURN(auto def, ReportWorkflow(source, kDecisionWorkflow));
  DOCKET_ASSIGN_OR_RETURN(Org org, source.GetOrg(item.org));
  DOCKET_ASSIGN_OR_RETURN(TimeZone zone, source.Zone(org.time_zone));
  RecordReader r(source, now, zone);

  DecisionRecord d;
  d.id = item.id;
  d.version = item.version;
  d.org = org.id;
  d.org_name = {org.name.Get(Lang::kZh, org.id), org.name.Get(Lang::kEn, org.id)};
  d.title = FieldText(item, "title");
  if (const std::string c = FieldText(item, "category"); !c.empty()) d.category = ValueLabel(*def, c);
  d.content = FieldText(item, "content");
  d.state = item.state;
  d.state_label = StateLabel(*def, item.state);
  if (auto m = item.fields.find("meeting"); m != item.fields.end() && m->second.is_int()) {
    DocMeetingRef ref{m->second.as_int(), "", ""};
    if (auto meeting = source.GetItem(ref.id); meeting.ok()) {
      ref.title = FieldText(*meeting, "title");
      const std::string held = FieldText(*meeting, "held_at");
      ref.when = LocalMinute(held.empty() ? FieldText(*meeting, "scheduled_at") : held, zone);
    }
    d.meeting = ref;
  }
  d.decided_on = FormatDateIn(item.created_at, zone);
  if (auto o = item.fields.find("owners"); o != item.fields.end()) d.owners = r.People(o->second);
  d.due_date = FieldText(item, "due_date");
  if (auto p = item.fields.find("public"); p != item.fields.end() && p->second.is_bool()) d.published = p->second.as_bool();
  d.evaluation = FieldText(item, "evaluation");
  d.reconsider_reason = FieldText(item, "reconsider_reason");
  d.outcome = FieldText(item, "outcome");

  if (item.parent) {
    DOCKET_ASSIGN_OR_RETURN(Item topic, source.GetItem(*item.parent));
    auto topic_def = ReportWorkflow(source, kAdoptedWorkflow);
    if (topic.workflow == kAdoptedWorkflow && topic_def.ok()) {
      d.topic = ReadDocTopic(source, now, topic, **topic_def);
      if (const std::string by = FieldText(topic, "decided_by"); !by.empty()) d.adopted_by = r.Person(by);
      d.adopted_at = LocalMinute(FieldText(topic, "decided_at"), zone);
    }
  }
  DOCKET_ASSIGN_OR_RETURN(d.steps, r.Steps(item, *def));

  if (auto task_def = ReportWorkflow(source, kTaskWorkflow); task_def.ok()) {
    DOCKET_ASSIGN_OR_RETURN(auto tasks, source.ItemsOf(item.org, kTaskWorkflow));
    for (const Item& t : tasks) {
      if (t.parent != item.id) continue;
      DocTask task;
      task.id = t.id;
      task.title = FieldText(t, "title");
      if (const std::string owner = FieldText(t, "owner"); !owner.empty()) task.owner = r.Person(owner);
      task.due_date = FieldText(t, "due_date");
      task.state = t.state;
      task.state_label = StateLabel(**task_def, t.state);
      const StateDef* s = (*task_def)->FindState(t.state);
      task.finished = s != nullptr && s->terminal;
      task.progress = FieldText(t, "progress");
      DOCKET_ASSIGN_OR_RETURN(task.steps, r.Steps(t, **task_def));
      d.tasks.push_back(std::move(task));
    }
  }
  d.generated_on = FormatDateIn(now, zone);
  return d;
}

}  // namespace docket
