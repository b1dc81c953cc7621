// A meeting's minutes drafted from its record (meeting_docs.h MinutesDraft): plain text that
// the clerk edits and saves as the meeting's `minutes`, in the words of the 会议纪要 document.
#include "report/meeting_docs.h"

namespace docket {
namespace {

class DraftWriter : public DocPage {
 public:
  DraftWriter(const MeetingRecord& m, Lang lang) : DocPage(lang), m_(m) {}

  std::string Write() {
    text_ = W(Msg::In("document", "Minutes of {meeting}", {{"meeting", m_.title}})) + "\n\n";
    Line(W(Msg::In("document", "Meeting")), m_.title);
    Line(W(Msg::In("document", "Body")), L(m_.body));
    Line(W(Msg::In("document", "Held at")), Time(!m_.held_at.empty() ? m_.held_at : m_.scheduled_at));
    Line(W(Msg::In("document", "Location")), m_.location.empty() ? W(Msg::In("document", "not recorded")) : m_.location);
    if (m_.attendance_taken) {
      Line(W(Msg::In("document", "Present")),
           Names(m_.present) + (lang_ == Lang::kZh ? "" : " ") +
               W(Msg::In("document", "({present} of {members} members)", {{"present", m_.present.size()}, {"members", m_.members.size()}})));
      Line(W(Msg::In("document", "Absent")), AbsentText());
      if (!m_.attendees.empty()) Line(W(Msg::In("document", "Non-voting attendees")), Names(m_.attendees));
    } else {
      Line(W(Msg::In("document", "Attendance")), W(Msg::In("document", "Attendance is not yet recorded.")));
    }
    if (!m_.agenda.empty()) Line(W(Msg::In("document", "Notes on the agenda")), m_.agenda);
    int n = 0;
    for (const DocTopic& t : m_.topics) Topic(++n, t);
    if (m_.topics.empty()) text_ += "\n" + W(Msg::In("document", "No topics are recorded for this meeting.")) + "\n";
    return text_;
  }

 private:
  void Line(const std::string& key, const std::string& value, const std::string& indent = "") {
    text_ += indent + key + (lang_ == Lang::kZh ? "：" : ": ") + value + "\n";
  }

  std::string AbsentText() const {
    if (m_.absent.empty()) return W(Msg::In("document", "(none)"));
    std::string out;
    for (const auto& a : m_.absent) {
      out += (out.empty() ? "" : Sep()) +
             (a.person ? W(Msg::In("document", "{name} ({reason})", {{"name", Name(*a.person)}, {"reason", a.reason}})) : a.reason);
    }
    return out;
  }

  void Topic(int n, const DocTopic& t) {
    text_ += "\n" + W(Msg::In("document", "Topic {n}: {title}", {{"n", n}, {"title", t.title}})) + "\n";
    const std::string in = "  ";
    if (!t.category.zh.empty() || !t.category.en.empty()) Line(W(Msg::In("document", "Category")), L(t.category), in);
    if (!t.amount.empty()) Line(W(Msg::In("document", "Amount (CNY)")), t.amount, in);
    if (t.proposer) Line(W(Msg::In("document", "Proposed by")), Name(*t.proposer), in);
    if (!t.present.empty()) Line(W(Msg::In("document", "Present for this topic")), Names(t.present), in);
    Line(W(Msg::In("document", "Recused")), Names(t.recused), in);
    if (!t.attendance_note.empty()) Line(W(Msg::In("document", "Why members were not present for this topic")), t.attendance_note, in);
    if (t.positions.empty()) {
      text_ += in + W(Msg::In("document", "No positions are recorded for this topic.")) + "\n";
    } else {
      text_ += in + L(t.votes_label, W(Msg::In("document", "Position"))) + (lang_ == Lang::kZh ? "：" : ":") + "\n";
      int k = 0;
      for (const DocPosition& p : t.positions) {
        text_ += in + in + std::to_string(++k) + ". " + Name(p.person) + (lang_ == Lang::kZh ? "：" : ": ") + L(p.label, p.value) + "\n";
      }
    }
    if (!t.opinions.empty()) {
      text_ += in + W(Msg::In("document", "Written opinions of absent members")) + (lang_ == Lang::kZh ? "：" : ":") + "\n";
      for (const DocOpinion& o : t.opinions) text_ += in + in + Name(o.person) + (lang_ == Lang::kZh ? "：" : ": ") + o.text + "\n";
    }
    if (!t.tally.empty()) {
      std::string tally;
      for (const auto& [label, count] : t.tally) {
        tally += (tally.empty() ? "" : Sep()) + W(Msg::In("document", "{position} {n}", {{"position", L(label)}, {"n", count}}));
      }
      Line(W(Msg::In("document", "Tally")), tally, in);
    }
    Line(W(Msg::In("document", "Outcome")), L(t.state_label, t.state), in);
    if (!t.decision.empty()) Line(W(Msg::In("document", "Decision")), t.decision, in);
    if (!t.defer_reason.empty()) Line(W(Msg::In("document", "Reason for deferring")), t.defer_reason, in);
  }

  const MeetingRecord& m_;
  std::string text_;
};

}  // namespace

std::string MinutesDraft(const MeetingRecord& m, Lang lang) { return DraftWriter(m, lang).Write(); }

}  // namespace docket
