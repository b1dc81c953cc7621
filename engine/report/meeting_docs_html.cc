// A meeting's documents as printable HTML (meeting_docs.h), pages of the documents' frame
// (doc_page.h). Every text from the record is escaped.
#include "core/catalog.h"
#include "report/doc_page.h"
#include "report/meeting_docs.h"

namespace docket {
namespace {

class Page : public DocPage {
 public:
  Page(const MeetingRecord& m, Lang lang) : DocPage(lang), m_(m) {}

  void MeetingRows(bool held) {
    Row(W(Msg::In("document", "Meeting")), DocEsc(m_.title));
    Row(W(Msg::In("document", "Body")), DocEsc(L(m_.body)));
    Row(held ? W(Msg::In("document", "Held at")) : W(Msg::In("document", "Time")), DocEsc(Time(held && !m_.held_at.empty() ? m_.held_at : m_.scheduled_at)));
    Row(W(Msg::In("document", "Location")), DocEsc(m_.location.empty() ? W(Msg::In("document", "not recorded")) : m_.location));
  }

  std::string Begin(const std::string& title, const std::string& date, const DocStyle& style) const {
    return Open(title, L(m_.org_name, m_.org), date, style);
  }
  std::string End() const {
    return Close(W(Msg::In("document", "Generated from the record of meeting #{id} (version {version}; {state}) on {date}.",
                           {{"id", m_.id}, {"version", m_.version}, {"state", L(m_.state_label, m_.state)}, {"date", Date(m_.generated_on)}})));
  }

  std::string TopicList() const {
    if (m_.topics.empty()) return DocEsc(W(Msg::In("document", "(none)")));
    std::string out = "<ol>";
    for (const auto& t : m_.topics) out += "<li>" + DocEsc(t.title) + "</li>";
    return out + "</ol>";
  }

  std::string Notice(const DocStyle& style) {
    const std::string date = m_.notified_on.empty() ? m_.generated_on : m_.notified_on;
    out_ = Begin(W(Msg::In("document", "Notice of {meeting}", {{"meeting", m_.title}})), date, style);
    MeetingRows(false);
    Row(W(Msg::In("document", "Members to attend")), DocEsc(Names(m_.members)));
    if (!m_.invited.empty()) Row(W(Msg::In("document", "Non-voting attendees")), DocEsc(Names(m_.invited)));
    Row(W(Msg::In("document", "Topics")), TopicList());
    if (!m_.agenda.empty()) Row(W(Msg::In("document", "Notes on the agenda")), DocLines(m_.agenda));
    FieldsTable();
    out_ += "<p class=\"closing\">" + DocEsc(W(Msg::In("document", "Please attend on time. A member who cannot attend tells the clerk beforehand, with the reason."))) + "</p>\n";
    return out_ + End();
  }

  std::string Agenda(const DocStyle& style) {
    const std::string date = m_.notified_on.empty() ? m_.generated_on : m_.notified_on;
    out_ = Begin(W(Msg::In("document", "Agenda of {meeting}", {{"meeting", m_.title}})), date, style);
    MeetingRows(false);
    FieldsTable();
    if (!m_.agenda.empty()) out_ += "<p>" + DocLines(m_.agenda) + "</p>\n";
    out_ += "<table>\n<thead><tr><th class=\"n\">" + DocEsc(W(Msg::In("document", "No."))) + "</th><th>" + DocEsc(W(Msg::In("document", "Topic"))) + "</th><th>" + DocEsc(W(Msg::In("document", "Category"))) +
            "</th><th>" + DocEsc(W(Msg::In("document", "Proposed by"))) + "</th><th>" + DocEsc(W(Msg::In("document", "Amount (CNY)"))) + "</th></tr></thead>\n<tbody>\n";
    int n = 0;
    for (const auto& t : m_.topics) {
      out_ += "<tr><td class=\"n\">" + std::to_string(++n) + "</td><td>" + DocEsc(t.title) + "</td><td>" + DocEsc(L(t.category)) + "</td><td>" +
              DocEsc(t.proposer ? Name(*t.proposer) : "") + "</td><td>" + DocEsc(t.amount) + "</td></tr>\n";
    }
    if (m_.topics.empty()) out_ += "<tr><td colspan=\"5\">" + DocEsc(W(Msg::In("document", "(none)"))) + "</td></tr>\n";
    return out_ + "</tbody>\n</table>\n" + End();
  }

  // Why `p` is recorded absent ("" when not).
  const DocAbsence* AbsenceOf(const DocPerson& p) const {
    for (const auto& a : m_.absent) {
      if (a.person && a.person->id == p.id) return &a;
    }
    return nullptr;
  }

  void SignInTable(const std::string& caption, const std::vector<DocPerson>& people, bool members) {
    out_ += "<h2>" + DocEsc(caption) + "</h2>\n<table class=\"signin\">\n<thead><tr><th class=\"n\">" + DocEsc(W(Msg::In("document", "No."))) + "</th><th>" +
            DocEsc(W(Msg::In("document", "Name"))) + "</th><th>" + DocEsc(W(Msg::In("document", "Signature"))) + "</th><th>" + DocEsc(W(Msg::In("document", "Remarks"))) + "</th></tr></thead>\n<tbody>\n";
    int n = 0;
    for (const auto& p : people) {
      std::string remark;
      if (members && m_.attendance_taken) {
        const DocAbsence* a = AbsenceOf(p);
        remark = a ? W(Msg::In("document", "absent: {reason}", {{"reason", a->reason}})) : "";
      }
      out_ += "<tr><td class=\"n\">" + std::to_string(++n) + "</td><td>" + DocEsc(Name(p)) + "</td><td class=\"sign\"></td><td>" +
              DocEsc(remark) + "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
  }

  std::string SignIn(const DocStyle& style) {
    out_ = Begin(W(Msg::In("document", "Sign-in sheet of {meeting}", {{"meeting", m_.title}})), m_.scheduled_at.substr(0, 10), style);
    MeetingRows(false);
    if (m_.attendance_taken) {
      Row(W(Msg::In("document", "Attendance")), DocEsc(W(Msg::In("document", "{present} of {members} members present", {{"present", m_.present.size()}, {"members", m_.members.size()}}))));
    }
    FieldsTable();
    SignInTable(W(Msg::In("document", "Members")), m_.members, true);
    std::vector<DocAbsence> others;  // absences recorded for someone not a member of the body
    for (const auto& a : m_.absent) {
      bool member = false;
      for (const auto& p : m_.members) member = member || (a.person && a.person->id == p.id);
      if (!member) others.push_back(a);
    }
    if (!others.empty()) {
      std::string list;
      for (const auto& a : others) list += "<li>" + DocEsc((a.person ? Name(*a.person) + ": " : "") + a.reason) + "</li>";
      out_ += "<p>" + DocEsc(W(Msg::In("document", "Also recorded absent:"))) + "</p>\n<ul>" + list + "</ul>\n";
    }
    std::vector<DocPerson> invited = m_.invited;
    for (const auto& p : m_.attendees) {
      bool listed = false;
      for (const auto& q : invited) listed = listed || q.id == p.id;
      if (!listed) invited.push_back(p);
    }
    if (!invited.empty()) SignInTable(W(Msg::In("document", "Non-voting attendees")), invited, false);
    if (!m_.attendance_taken) out_ += "<p class=\"note\">" + DocEsc(W(Msg::In("document", "Attendance is not yet recorded."))) + "</p>\n";
    return out_ + End();
  }

  std::string AbsentText() const {
    if (m_.absent.empty()) return W(Msg::In("document", "(none)"));
    std::string out;
    for (const auto& a : m_.absent) {
      out += (out.empty() ? "" : Sep()) + (a.person ? W(Msg::In("document", "{name} ({reason})", {{"name", Name(*a.person)}, {"reason", a.reason}})) : a.reason);
    }
    return out;
  }

  void TopicSection(int n, const DocTopic& t) {
    out_ += "<section class=\"topic\">\n<h2>" + DocEsc(W(Msg::In("document", "Topic {n}: {title}", {{"n", n}, {"title", t.title}}))) + "</h2>\n";
    if (!t.category.zh.empty() || !t.category.en.empty()) Row(W(Msg::In("document", "Category")), DocEsc(L(t.category)));
    if (!t.amount.empty()) Row(W(Msg::In("document", "Amount (CNY)")), DocEsc(t.amount));
    if (!t.present.empty()) Row(W(Msg::In("document", "Present for this topic")), DocEsc(Names(t.present)));
    Row(W(Msg::In("document", "Recused")), DocEsc(Names(t.recused)));
    if (!t.attendance_note.empty()) Row(W(Msg::In("document", "Why members were not present for this topic")), DocLines(t.attendance_note));
    for (const DocOpinion& o : t.opinions) {
      Row(W(Msg::In("document", "Written opinion of {name}", {{"name", Name(o.person)}})), DocLines(o.text));
    }
    if (!t.tally.empty()) {
      std::string tally;
      for (const auto& [label, count] : t.tally) tally += (tally.empty() ? "" : Sep()) + W(Msg::In("document", "{position} {n}", {{"position", L(label)}, {"n", count}}));
      Row(W(Msg::In("document", "Tally")), DocEsc(tally));
    }
    Row(W(Msg::In("document", "Outcome")), DocEsc(L(t.state_label, t.state)));
    if (!t.decision.empty()) Row(W(Msg::In("document", "Decision")), DocLines(t.decision));
    if (!t.defer_reason.empty()) Row(W(Msg::In("document", "Reason for deferring")), DocLines(t.defer_reason));
    FieldsTable();
    if (!t.positions.empty()) {
      out_ += "<table>\n<thead><tr><th class=\"n\">" + DocEsc(W(Msg::In("document", "No."))) + "</th><th>" + DocEsc(W(Msg::In("document", "Member"))) + "</th><th>" +
              DocEsc(L(t.votes_label, W(Msg::In("document", "Position")))) + "</th></tr></thead>\n<tbody>\n";
      int k = 0;
      for (const auto& p : t.positions) {
        out_ += "<tr><td class=\"n\">" + std::to_string(++k) + "</td><td>" + DocEsc(Name(p.person)) + "</td><td>" + DocEsc(L(p.label, p.value)) +
                "</td></tr>\n";
      }
      out_ += "</tbody>\n</table>\n";
    } else {
      out_ += "<p class=\"note\">" + DocEsc(W(Msg::In("document", "No positions are recorded for this topic."))) + "</p>\n";
    }
    out_ += "</section>\n";
  }

  std::string Minutes(const DocStyle& style) {
    const std::string date = !m_.signed_at.empty() ? m_.signed_at.substr(0, 10)
                             : !m_.held_at.empty() ? m_.held_at.substr(0, 10)
                                                   : m_.generated_on;
    out_ = Begin(W(Msg::In("document", "Minutes of {meeting}", {{"meeting", m_.title}})), date, style);
    if (!m_.signed_by) out_ += "<p class=\"draft\">" + DocEsc(W(Msg::In("document", "Draft: these minutes are not signed."))) + "</p>\n";
    MeetingRows(true);
    if (m_.attendance_taken) {
      Row(W(Msg::In("document", "Present")), DocEsc(Names(m_.present)) + (lang_ == Lang::kZh ? "" : " ") +
                            DocEsc(W(Msg::In("document", "({present} of {members} members)", {{"present", m_.present.size()}, {"members", m_.members.size()}}))));
      Row(W(Msg::In("document", "Absent")), DocEsc(AbsentText()));
      if (!m_.attendees.empty()) Row(W(Msg::In("document", "Non-voting attendees")), DocEsc(Names(m_.attendees)));
    } else {
      Row(W(Msg::In("document", "Attendance")), DocEsc(W(Msg::In("document", "Attendance is not yet recorded."))));
    }
    FieldsTable();
    int n = 0;
    for (const auto& t : m_.topics) TopicSection(++n, t);
    if (m_.topics.empty()) out_ += "<p class=\"note\">" + DocEsc(W(Msg::In("document", "No topics are recorded for this meeting."))) + "</p>\n";
    if (!m_.minutes.empty()) out_ += "<h2>" + DocEsc(W(Msg::In("document", "Record of the meeting"))) + "</h2>\n<p>" + DocLines(m_.minutes) + "</p>\n";
    if (m_.signed_by) {
      Row(W(Msg::In("document", "Signed by")), DocEsc(Name(*m_.signed_by)));
      Row(W(Msg::In("document", "Signed at")), DocEsc(Time(m_.signed_at)));
      if (!m_.minutes_sha256.empty()) Row(W(Msg::In("document", "SHA-256 of the signed text")), "<code>" + DocEsc(m_.minutes_sha256) + "</code>");
      FieldsTable();
    }
    return out_ + End();
  }

 private:
  const MeetingRecord& m_;
};

}  // namespace

const std::string& MeetingDocStylesheet() { return DocStylesheet(); }

std::string RenderMeetingDoc(const MeetingRecord& m, MeetingDocKind kind, Lang lang, const DocStyle& style) {
  Page page(m, lang);
  switch (kind) {
    case MeetingDocKind::kNotice: return page.Notice(style);
    case MeetingDocKind::kAgenda: return page.Agenda(style);
    case MeetingDocKind::kSignIn: return page.SignIn(style);
    case MeetingDocKind::kMinutes: return page.Minutes(style);
  }
  return "";
}

}  // namespace docket
