// A meeting's documents as printable HTML (meeting_docs.h): A4 with margins, the title and
// the issuing line (organization, date), tables that keep their rows whole across pages, a
// CJK font stack naming Debian's fonts-noto-cjk. Every text from the record is escaped.
#include "core/catalog.h"
#include "report/doc.h"
#include "report/meeting_docs.h"

namespace docket {
namespace {

constexpr const char* kMeetingStyle = R"(@page { size: A4; margin: 25mm 20mm 20mm 25mm; }
html { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "SimSun", serif; font-size: 12pt; line-height: 1.6; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 165mm; }
h1 { font-size: 20pt; text-align: center; margin: 0 0 4pt; letter-spacing: 0.05em; }
p.issuer { text-align: center; margin: 0 0 14pt; font-family: "Noto Sans CJK SC", sans-serif; font-size: 11pt; }
h2 { font-family: "Noto Sans CJK SC", sans-serif; font-size: 13pt; margin: 14pt 0 6pt; break-after: avoid; page-break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0 10pt; }
th, td { border: 0.5pt solid #000; padding: 3pt 5pt; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { font-family: "Noto Sans CJK SC", sans-serif; font-weight: bold; white-space: nowrap; }
table.fields th { width: 24%; }
table.signin td { height: 11mm; }
td.n, th.n { text-align: center; width: 10mm; }
td.sign { width: 40%; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
section.topic { break-inside: avoid-page; }
p.note { font-size: 10pt; color: #333; }
p.draft { font-weight: bold; border: 1pt solid #000; padding: 3pt 6pt; }
p.closing { margin-top: 18pt; }
p.source { margin-top: 18pt; font-size: 8.5pt; color: #555; border-top: 0.5pt solid #999; padding-top: 3pt; }
@media screen { body { padding: 10mm 0; } }
)";

std::string DocEsc(const std::string& s) { return HtmlEscape(s); }

// Multi-line text: each line escaped, lines joined by <br>.
std::string EscLines(const std::string& s) {
  std::string out = DocEsc(s);
  for (std::size_t at = 0; (at = out.find('\n', at)) != std::string::npos; at += 5) out.replace(at, 1, "<br>\n");
  return out;
}

class Page {
 public:
  Page(const MeetingRecord& m, Lang lang) : m_(m), lang_(lang) {}

  std::string W(const Msg& msg) const { return Text(msg, lang_); }
  std::string L(const Labels& l, const std::string& fallback = "") const { return l.Get(lang_, fallback); }
  std::string Name(const DocPerson& p) const { return p.name.Get(lang_, p.id); }
  std::string Names(const std::vector<DocPerson>& people) const {
    if (people.empty()) return W(Msg::In("document", "(none)"));
    std::string out;
    for (const auto& p : people) out += (out.empty() ? "" : Sep()) + Name(p);
    return out;
  }
  std::string Sep() const { return lang_ == Lang::kZh ? "、" : ", "; }
  // "2026-04-14" as 2026年4月14日 in Chinese; as is in English.
  std::string Date(const std::string& iso) const {
    if (lang_ != Lang::kZh || iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return iso;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
      if (iso[i] < '0' || iso[i] > '9') return iso;
    }
    auto num = [&](std::size_t at) { return iso[at] == '0' ? iso.substr(at + 1, 1) : iso.substr(at, 2); };
    return iso.substr(0, 4) + "年" + num(5) + "月" + num(8) + "日";
  }
  std::string Time(const std::string& local) const {
    if (local.size() < 16) return local.empty() ? W(Msg::In("document", "not recorded")) : local;
    return Date(local.substr(0, 10)) + " " + local.substr(11, 5);
  }

  // The field rows of a table: heading, HTML of the value.
  void Row(const std::string& th, const std::string& td_html) { rows_ += "<tr><th>" + DocEsc(th) + "</th><td>" + td_html + "</td></tr>\n"; }
  void FieldsTable() {
    out_ += "<table class=\"fields\">\n<tbody>\n" + rows_ + "</tbody>\n</table>\n";
    rows_.clear();
  }
  void MeetingRows(bool held) {
    Row(W(Msg::In("document", "Meeting")), DocEsc(m_.title));
    Row(W(Msg::In("document", "Body")), DocEsc(L(m_.body)));
    Row(held ? W(Msg::In("document", "Held at")) : W(Msg::In("document", "Time")), DocEsc(Time(held && !m_.held_at.empty() ? m_.held_at : m_.scheduled_at)));
    Row(W(Msg::In("document", "Location")), DocEsc(m_.location.empty() ? W(Msg::In("document", "not recorded")) : m_.location));
  }

  std::string Begin(const std::string& title, const std::string& date, const DocStyle& style) {
    std::string head = std::string("<!DOCTYPE html>\n<html lang=\"") + (lang_ == Lang::kZh ? "zh-CN" : "en") +
                       "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + DocEsc(title) + "</title>\n";
    head += style.href ? "<link rel=\"stylesheet\" href=\"" + DocEsc(*style.href) + "\">\n" : "<style>\n" + std::string(kMeetingStyle) + "</style>\n";
    return head + "</head>\n<body>\n<h1>" + DocEsc(title) + "</h1>\n<p class=\"issuer\">" + DocEsc(L(m_.org_name, m_.org)) + "　" +
           DocEsc(Date(date)) + "</p>\n";
  }
  std::string End() const {
    return "<p class=\"source\">" +
           DocEsc(W(Msg::In("document", "Generated from the record of meeting #{id} (version {version}; {state}) on {date}.",
                 {{"id", m_.id}, {"version", m_.version}, {"state", L(m_.state_label, m_.state)}, {"date", Date(m_.generated_on)}}))) +
           "</p>\n</body>\n</html>\n";
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
    if (!m_.agenda.empty()) Row(W(Msg::In("document", "Notes on the agenda")), EscLines(m_.agenda));
    FieldsTable();
    out_ += "<p class=\"closing\">" + DocEsc(W(Msg::In("document", "Please attend on time. A member who cannot attend tells the clerk beforehand, with the reason."))) + "</p>\n";
    return out_ + End();
  }

  std::string Agenda(const DocStyle& style) {
    const std::string date = m_.notified_on.empty() ? m_.generated_on : m_.notified_on;
    out_ = Begin(W(Msg::In("document", "Agenda of {meeting}", {{"meeting", m_.title}})), date, style);
    MeetingRows(false);
    FieldsTable();
    if (!m_.agenda.empty()) out_ += "<p>" + EscLines(m_.agenda) + "</p>\n";
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
    if (!t.attendance_note.empty()) Row(W(Msg::In("document", "Why members were not present for this topic")), EscLines(t.attendance_note));
    if (!t.tally.empty()) {
      std::string tally;
      for (const auto& [label, count] : t.tally) tally += (tally.empty() ? "" : Sep()) + W(Msg::In("document", "{position} {n}", {{"position", L(label)}, {"n", count}}));
      Row(W(Msg::In("document", "Tally")), DocEsc(tally));
    }
    Row(W(Msg::In("document", "Outcome")), DocEsc(L(t.state_label, t.state)));
    if (!t.decision.empty()) Row(W(Msg::In("document", "Decision")), EscLines(t.decision));
    if (!t.defer_reason.empty()) Row(W(Msg::In("document", "Reason for deferring")), EscLines(t.defer_reason));
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
    if (!m_.minutes.empty()) out_ += "<h2>" + DocEsc(W(Msg::In("document", "Record of the meeting"))) + "</h2>\n<p>" + EscLines(m_.minutes) + "</p>\n";
    if (m_.signed_by) {
      Row(W(Msg::In("document", "Signed by")), DocEsc(Name(*m_.signed_by)));
      Row(W(Msg::In("document", "Signed at")), DocEsc(Time(m_.signed_at)));
      FieldsTable();
    }
    return out_ + End();
  }

 private:
  const MeetingRecord& m_;
  Lang lang_;
  std::string out_;
  std::string rows_;
};

}  // namespace

const std::string& MeetingDocStylesheet() {
  static const std::string kText = kMeetingStyle;
  return kText;
}

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
