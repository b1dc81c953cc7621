// Reading a meeting and its topics for its documents (meeting_docs.h).
#include <algorithm>

#include "core/time_zone.h"
#include "report/builder.h"
#include "report/meeting_docs.h"
#include "report/values.h"

namespace docket {
namespace {

// Where a meeting's topics are: the items of this workflow whose item field names the meeting.
constexpr const char* kMeetingWorkflow = "meeting";
constexpr const char* kTopicWorkflow = "matter";
constexpr const char* kTopicMeetingField = "meeting";

const std::string& TextOf(const Item& item, const std::string& field) {
  static const std::string kEmpty;
  auto it = item.fields.find(field);
  return it != item.fields.end() && it->second.is_string() ? it->second.as_string() : kEmpty;
}

std::vector<std::string> ListOf(const Item& item, const std::string& field) {
  std::vector<std::string> out;
  auto it = item.fields.find(field);
  if (it == item.fields.end() || !it->second.is_list()) return out;
  for (const Value& v : it->second.as_list()) out.push_back(v.ToText());
  return out;
}

std::string LocalDate(const std::string& iso, const TimeZone& zone) { return LocalMinute(iso, zone).substr(0, 10); }

class Reader {
 public:
  Reader(ReportSource& source, TimePoint now) : b_(source, now) {}

  DocPerson Person(const std::string& id) { return {id, b_.PersonName(id)}; }
  std::vector<DocPerson> People(const std::vector<std::string>& ids) {
    std::vector<DocPerson> out;
    for (const auto& id : ids) out.push_back(Person(id));
    return out;
  }
  std::optional<DocPerson> MaybePerson(const std::string& id) {
    if (id.empty()) return std::nullopt;
    return Person(id);
  }
  // "he: 外出培训" -> he's name and the reason, when `he` is a person.
  DocAbsence Absence(const std::string& text) {
    const auto colon = text.find(':');
    if (colon != std::string::npos) {
      std::string id = text.substr(0, colon), reason = text.substr(colon + 1);
      auto trim = [](std::string& s) {
        while (!s.empty() && s.front() == ' ') s.erase(s.begin());
        while (!s.empty() && s.back() == ' ') s.pop_back();
      };
      trim(id);
      trim(reason);
      if (!id.empty() && b_.source().GetPerson(id).ok()) return {Person(id), reason};
    }
    return {std::nullopt, text};
  }

  DocTopic Topic(const Item& item, const Definition& def) {
    DocTopic t;
    t.id = item.id;
    t.title = TextOf(item, "title");
    if (const auto& c = TextOf(item, "category"); !c.empty()) t.category = ValueLabel(def, c);
    if (auto it = item.fields.find("amount"); it != item.fields.end() && !it->second.is_null()) t.amount = it->second.ToText();
    t.proposer = MaybePerson(TextOf(item, "proposer"));
    t.state = item.state;
    t.state_label = StateLabel(def, item.state);
    t.present = People(ListOf(item, "present"));
    t.recused = People(ListOf(item, "recused"));
    t.attendance_note = TextOf(item, "attendance_note");
    const FieldDef* votes = def.FindField("votes");
    if (votes != nullptr) t.votes_label = votes->labels;
    if (auto it = item.fields.find("votes"); it != item.fields.end() && it->second.is_list()) {
      for (const Value& pair : it->second.as_list()) {
        if (!pair.is_list() || pair.as_list().size() != 2) continue;
        const std::string value = pair.as_list()[1].ToText();
        t.positions.push_back({Person(pair.as_list()[0].ToText()), value, ValueLabel(def, value)});
      }
    }
    if (votes != nullptr) {
      for (const auto& v : votes->values) {
        const int n = static_cast<int>(std::count_if(t.positions.begin(), t.positions.end(),
                                                     [&](const DocPosition& p) { return p.value == v; }));
        if (n > 0) t.tally.push_back({ValueLabel(def, v), n});
      }
    }
    if (item.state == "adopted" || item.state == "rejected") t.decision = TextOf(item, "decision");
    if (item.state == "deferred") t.defer_reason = TextOf(item, "defer_reason");
    return t;
  }

  // The written opinions (`submit_opinion`) among `actions`, from the schedule entry numbered
  // `segment` (0 = the first) to the next: the opinions for that meeting, each member's latest.
  std::vector<DocOpinion> Opinions(const std::vector<ItemAction>& actions, std::size_t segment) {
    std::vector<DocOpinion> out;
    std::size_t schedules = 0;
    for (const auto& a : actions) {
      if (a.action == "schedule") ++schedules;
      if (a.action != "submit_opinion" || schedules != segment + 1) continue;
      std::string text;
      for (const auto& c : a.changes) {
        if (c.field == "opinion" && c.after.is_string()) text = c.after.as_string();
      }
      auto same = std::find_if(out.begin(), out.end(), [&](const DocOpinion& o) { return o.person.id == a.actor; });
      if (same != out.end()) {
        same->text = text;
      } else {
        out.push_back({Person(a.actor), text});
      }
    }
    return out;
  }

  ReportBuilder& builder() { return b_; }

 private:
  ReportBuilder b_;
};

bool NamesMeeting(const Item& topic, std::int64_t meeting) {
  auto ref = topic.fields.find(kTopicMeetingField);
  return ref != topic.fields.end() && ref->second.is_int() && ref->second.as_int() == meeting;
}

// `topic` as it stood at `meeting`: as it is now when it is on that meeting's agenda now;
// when it was scheduled for that meeting and later for another (deferred, say), as its
// recorded actions left it just before it was scheduled again — replayed from `actions`
// entry by entry, not read as of a time, so that actions recorded within one second (a
// script's, a fixed clock's) keep their order; nullopt when it never was on that meeting's
// agenda. `segment` is set to the number of the schedule entry (from 0) that put it on that
// meeting.
std::optional<Item> TopicAt(const Item& topic, std::int64_t meeting, const std::vector<ItemAction>& actions,
                            std::size_t* segment) {
  const auto schedules = std::count_if(actions.begin(), actions.end(), [](const ItemAction& a) { return a.action == "schedule"; });
  *segment = schedules > 0 ? static_cast<std::size_t>(schedules - 1) : 0;
  if (NamesMeeting(topic, meeting)) return topic;
  Item at = topic;  // its id and workflow; the fields and the state are replayed
  at.fields.clear();
  std::size_t scheduled = 0;  // schedule entries replayed
  bool on_meeting = false;    // the latest of them put it on `meeting`
  for (const ItemAction& a : actions) {
    if (a.action == "schedule") {
      if (on_meeting) {
        *segment = scheduled - 1;
        return at;
      }
      ++scheduled;
    }
    for (const FieldChange& c : a.changes) {
      if (c.after.is_null()) {
        at.fields.erase(c.field);
      } else {
        at.fields[c.field] = c.after;
      }
    }
    if (!a.to_state.empty()) at.state = a.to_state;
    if (a.action == "schedule") on_meeting = NamesMeeting(at, meeting);
  }
  return std::nullopt;
}

}  // namespace

Result<MeetingDocKind> ParseMeetingDocKind(std::string_view word) {
  for (MeetingDocKind k : {MeetingDocKind::kNotice, MeetingDocKind::kAgenda, MeetingDocKind::kSignIn, MeetingDocKind::kMinutes}) {
    if (word == MeetingDocKindName(k)) return k;
  }
  return Status::Invalid(Msg("unknown document kind '{kind}': notice, agenda, signin or minutes", {{"kind", std::string(word)}}));
}

const char* MeetingDocKindName(MeetingDocKind kind) {
  switch (kind) {
    case MeetingDocKind::kNotice: return "notice";
    case MeetingDocKind::kAgenda: return "agenda";
    case MeetingDocKind::kSignIn: return "signin";
    case MeetingDocKind::kMinutes: return "minutes";
  }
  return "";
}

DocTopic ReadDocTopic(ReportSource& source, TimePoint now, const Item& item, const Definition& def) {
  Reader r(source, now);
  return r.Topic(item, def);
}

Result<MeetingRecord> ReadMeeting(ReportSource& source, std::int64_t id, TimePoint now) {
  DOCKET_ASSIGN_OR_RETURN(Item item, source.GetItem(id));
  if (item.workflow != kMeetingWorkflow) {
    return Status::Invalid(Msg("item #{id} is a {workflow}, not a meeting: documents are made for meetings",
                               {{"id", id}, {"workflow", item.workflow}}));
  }
  DOCKET_ASSIGN_OR_RETURN(auto def, ReportWorkflow(source, kMeetingWorkflow));
  DOCKET_ASSIGN_OR_RETURN(Org org, source.GetOrg(item.org));
  DOCKET_ASSIGN_OR_RETURN(TimeZone zone, source.Zone(org.time_zone));
  Reader r(source, now);

  MeetingRecord m;
  m.id = item.id;
  m.version = item.version;
  m.org = org.id;
  m.org_name = {org.name.Get(Lang::kZh, org.id), org.name.Get(Lang::kEn, org.id)};
  m.title = TextOf(item, "title");
  const std::string& body = TextOf(item, "body");
  if (const Body* b = org.FindBody(body)) {
    m.body = r.builder().BodyName(org.id, body);
    m.members = r.People(b->members);
    m.invited = r.People(b->attendees);
  } else if (!body.empty()) {
    m.body = ValueLabel(*def, body);
  }
  m.state = item.state;
  m.state_label = StateLabel(*def, item.state);
  m.scheduled_at = LocalMinute(TextOf(item, "scheduled_at"), zone);
  m.location = TextOf(item, "location");
  m.agenda = TextOf(item, "agenda");
  DOCKET_ASSIGN_OR_RETURN(auto actions, source.ItemActions(id));
  for (const auto& a : actions) {
    if (a.action == "notify") m.notified_on = LocalDate(a.time, zone);
  }
  m.attendance_taken = item.fields.count("present") > 0;
  m.held_at = LocalMinute(TextOf(item, "held_at"), zone);
  m.present = r.People(ListOf(item, "present"));
  for (const auto& text : ListOf(item, "absent")) m.absent.push_back(r.Absence(text));
  m.attendees = r.People(ListOf(item, "attendees"));
  m.minutes = TextOf(item, "minutes");
  m.signed_by = r.MaybePerson(TextOf(item, "signed_by"));
  m.signed_at = LocalMinute(TextOf(item, "signed_at"), zone);
  m.minutes_sha256 = TextOf(item, "minutes_sha256");
  m.generated_on = FormatDateIn(now, zone);

  auto topic_def = ReportWorkflow(source, kTopicWorkflow);
  if (!topic_def.ok()) return m;  // no topics without the workflow that holds them
  // Only the matters whose `meeting` ever named this one: those on its agenda now, and those
  // scheduled for it once and for a later meeting since (TopicAt reads their history).
  DOCKET_ASSIGN_OR_RETURN(auto matters, source.ItemsEverNaming(item.org, kTopicWorkflow, kTopicMeetingField, id));
  for (const Item& t : matters) {
    DOCKET_ASSIGN_OR_RETURN(auto topic_actions, source.ItemActions(t.id));
    std::size_t segment = 0;
    const std::optional<Item> at_meeting = TopicAt(t, id, topic_actions, &segment);
    if (!at_meeting) continue;
    m.topics.push_back(r.Topic(*at_meeting, **topic_def));
    m.topics.back().opinions = r.Opinions(topic_actions, segment);
  }
  return m;
}

}  // namespace docket
