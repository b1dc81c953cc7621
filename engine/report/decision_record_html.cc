// A decision's execution record as printable HTML (decision_record.h), a page of the
// documents' frame (doc_page.h). Every text from the record is escaped.
#include "report/decision_record.h"

namespace docket {
namespace decision_html {

class RecordPage : public DocPage {
 public:
  RecordPage(const DecisionRecord& d, Lang lang) : DocPage(lang), d_(d) {}

  std::string Render(const DocStyle& style) {
    out_ = Open(W(Msg::In("document", "Decision and execution record: {title}", {{"title", d_.title}})), L(d_.org_name, d_.org),
                d_.generated_on, style);
    Decision();
    Vote();
    out_ += "<h2>" + DocEsc(W(Msg::In("document", "Handling of the decision"))) + "</h2>\n";
    StepsTable(d_.steps, false);
    Tasks();
    return out_ + Close(W(Msg::In("document",
                                  "Generated from the record of decision #{id} (version {version}; {state}) and its execution tasks on {date}.",
                                  {{"id", d_.id}, {"version", d_.version}, {"state", L(d_.state_label, d_.state)}, {"date", Date(d_.generated_on)}})));
  }

 private:
  std::string Or(const std::string& text) const { return text.empty() ? W(Msg::In("document", "not recorded")) : text; }
  std::string By(const std::optional<DocPerson>& p) const {
    return p ? Name(*p) : W(Msg::In("document", "Docket (on its own)"));
  }

  void Decision() {
    out_ += "<h2>" + DocEsc(W(Msg::In("document", "The decision"))) + "</h2>\n";
    Row(W(Msg::In("document", "Decision item")), DocEsc(d_.title));
    if (!d_.category.zh.empty() || !d_.category.en.empty()) Row(W(Msg::In("document", "Category")), DocEsc(L(d_.category)));
    if (d_.meeting) {
      const std::string title = d_.meeting->title.empty() ? "#" + std::to_string(d_.meeting->id) : d_.meeting->title;
      Row(W(Msg::In("document", "Decided at")),
          DocEsc(d_.meeting->when.empty() ? title : W(Msg::In("document", "{meeting} ({time})", {{"meeting", title}, {"time", Time(d_.meeting->when)}}))));
    }
    Row(W(Msg::In("document", "Decided on")), DocEsc(Date(d_.decided_on)));
    Row(W(Msg::In("document", "Decision")), DocLines(Or(d_.content)));
    Row(W(Msg::In("document", "Owners")), DocEsc(Names(d_.owners)));
    Row(W(Msg::In("document", "Due date")), DocEsc(d_.due_date.empty() ? W(Msg::In("document", "not recorded")) : Date(d_.due_date)));
    Row(W(Msg::In("document", "State")), DocEsc(L(d_.state_label, d_.state)));
    Row(W(Msg::In("document", "Published")), DocEsc(d_.published ? W(Msg::In("document", "yes")) : W(Msg::In("document", "no"))));
    if (!d_.reconsider_reason.empty()) Row(W(Msg::In("document", "Reason for reconsideration")), DocLines(d_.reconsider_reason));
    if (!d_.outcome.empty()) Row(W(Msg::In("document", "Outcome of reconsideration")), DocLines(d_.outcome));
    if (!d_.evaluation.empty()) Row(W(Msg::In("document", "Evaluation")), DocLines(d_.evaluation));
    FieldsTable();
  }

  void Vote() {
    out_ += "<h2>" + DocEsc(W(Msg::In("document", "The vote"))) + "</h2>\n";
    if (!d_.topic) {
      out_ += "<p class=\"note\">" + DocEsc(W(Msg::In("document", "No vote is recorded: the decision was not made by adopting a topic."))) + "</p>\n";
      return;
    }
    const DocTopic& t = *d_.topic;
    Row(W(Msg::In("document", "Topic")), DocEsc(W(Msg::In("document", "#{id} {title}", {{"id", t.id}, {"title", t.title}}))));
    if (!t.amount.empty()) Row(W(Msg::In("document", "Amount (CNY)")), DocEsc(t.amount));
    if (!t.present.empty()) Row(W(Msg::In("document", "Present for this topic")), DocEsc(Names(t.present)));
    Row(W(Msg::In("document", "Recused")), DocEsc(Names(t.recused)));
    if (!t.attendance_note.empty()) Row(W(Msg::In("document", "Why members were not present for this topic")), DocLines(t.attendance_note));
    if (!t.tally.empty()) {
      std::string tally;
      for (const auto& [label, count] : t.tally) tally += (tally.empty() ? "" : Sep()) + W(Msg::In("document", "{position} {n}", {{"position", L(label)}, {"n", count}}));
      Row(W(Msg::In("document", "Tally")), DocEsc(tally));
    }
    Row(W(Msg::In("document", "Outcome")), DocEsc(L(t.state_label, t.state)));
    if (d_.adopted_by) Row(W(Msg::In("document", "Adopted by")), DocEsc(Name(*d_.adopted_by)));
    if (!d_.adopted_at.empty()) Row(W(Msg::In("document", "Adopted at")), DocEsc(Time(d_.adopted_at)));
    FieldsTable();
    if (t.positions.empty()) {
      out_ += "<p class=\"note\">" + DocEsc(W(Msg::In("document", "No positions are recorded for this topic."))) + "</p>\n";
      return;
    }
    out_ += "<table>\n<thead><tr><th class=\"n\">" + DocEsc(W(Msg::In("document", "No."))) + "</th><th>" + DocEsc(W(Msg::In("document", "Member"))) +
            "</th><th>" + DocEsc(L(t.votes_label, W(Msg::In("document", "Position")))) + "</th></tr></thead>\n<tbody>\n";
    int k = 0;
    for (const auto& p : t.positions) {
      out_ += "<tr><td class=\"n\">" + std::to_string(++k) + "</td><td>" + DocEsc(Name(p.person)) + "</td><td>" + DocEsc(L(p.label, p.value)) + "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
  }

  // The steps of an item, one row each; with `progress`, the progress and evidence columns
  // of a task's reports.
  void StepsTable(const std::vector<DocStep>& steps, bool progress) {
    out_ += "<table class=\"steps\">\n<thead><tr><th>" + DocEsc(W(Msg::In("document", "When"))) + "</th><th>" + DocEsc(W(Msg::In("document", "By"))) +
            "</th><th>" + DocEsc(W(Msg::In("document", "Step"))) + "</th>";
    if (progress) out_ += "<th>" + DocEsc(W(Msg::In("document", "Progress (%)"))) + "</th><th>" + DocEsc(W(Msg::In("document", "Evidence"))) + "</th>";
    out_ += "<th>" + DocEsc(W(Msg::In("document", "Details"))) + "</th></tr></thead>\n<tbody>\n";
    for (const DocStep& s : steps) {
      out_ += "<tr><td>" + DocEsc(Time(s.at)) + "</td><td>" + DocEsc(By(s.by)) + "</td><td>" + DocEsc(L(s.action)) + "</td>";
      if (progress) {
        std::string evidence;
        for (const auto& e : s.evidence) evidence += (evidence.empty() ? "" : "<br>") + DocEsc(e);
        out_ += "<td>" + DocEsc(s.progress) + "</td><td>" + evidence + "</td>";
      }
      out_ += "<td>" + DocLines(L(s.note)) + "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
  }

  void Tasks() {
    out_ += "<h2>" + DocEsc(W(Msg::In("document", "Execution tasks"))) + "</h2>\n";
    if (d_.tasks.empty()) {
      out_ += "<p class=\"note\">" + DocEsc(W(Msg::In("document", "No execution tasks are recorded for this decision."))) + "</p>\n";
      return;
    }
    std::size_t finished = 0;
    for (const DocTask& t : d_.tasks) finished += t.finished ? 1 : 0;
    out_ += "<p>" + DocEsc(W(Msg::In("document", "{n} tasks, {finished} of them finished.", {{"n", d_.tasks.size()}, {"finished", finished}}))) + "</p>\n";
    int n = 0;
    for (const DocTask& t : d_.tasks) {
      out_ += "<section class=\"task\">\n<h3>" + DocEsc(W(Msg::In("document", "Task {n}: {title}", {{"n", ++n}, {"title", t.title}}))) + "</h3>\n";
      Row(W(Msg::In("document", "Owner")), DocEsc(t.owner ? Name(*t.owner) : W(Msg::In("document", "not recorded"))));
      Row(W(Msg::In("document", "Due date")), DocEsc(t.due_date.empty() ? W(Msg::In("document", "not recorded")) : Date(t.due_date)));
      Row(W(Msg::In("document", "State")), DocEsc(L(t.state_label, t.state)));
      Row(W(Msg::In("document", "Progress (%)")), DocEsc(t.progress.empty() ? W(Msg::In("document", "not reported")) : t.progress));
      FieldsTable();
      StepsTable(t.steps, true);
      out_ += "</section>\n";
    }
  }

  const DecisionRecord& d_;
};

}  // namespace decision_html

std::string RenderDecisionRecord(const DecisionRecord& d, Lang lang, const DocStyle& style) {
  decision_html::RecordPage page(d, lang);
  return page.Render(style);
}

}  // namespace docket
