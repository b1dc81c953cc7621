// A decision and its execution record (决定事项执行情况记录), generated from the record
// (docs/DOCUMENTS.md): the decision item (title, category, content, the meeting that decided
// it, owners, due date, evaluation), the vote that made it — the adopted topic it was
// spawned from, its attendance, recusals, positions in the order stated and tally — and
// each execution task spawned under it with every step its history records (who, when,
// the progress and evidence reported, the comments, the reminders the engine sent).
//
// ReadDecision reads all of it through a ReportSource, from the items and their histories
// only, keeping what the page shows in both languages; RenderDecisionRecord makes one
// printable page of the documents' frame (doc_page.h), every text escaped, no script.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/labels.h"
#include "core/status.h"
#include "report/doc_page.h"
#include "report/meeting_docs.h"
#include "report/source.h"

namespace docket {

// One recorded step on an item, as the record shows it.
struct DocStep {
  std::string at;                  // "2026-05-20 17:00" on the organization's clock
  std::optional<DocPerson> by;     // nullopt: the engine on its own (a timer's step)
  Labels action;                   // the transition's label; creation by the initial state's
  std::string progress;            // the progress (%) the step set, "" when none
  std::vector<std::string> evidence;  // the evidence the step recorded
  Labels note;                     // the other fields it set, "label：value" joined by "；"
};

// An execution task (督办事项) under the decision.
struct DocTask {
  std::int64_t id = 0;
  std::string title;
  std::optional<DocPerson> owner;
  std::string due_date;  // YYYY-MM-DD ("" when none)
  std::string state;
  Labels state_label;
  bool finished = false;  // in a terminal state
  std::string progress;   // the last reported progress (%), "" when none
  std::vector<DocStep> steps;  // its creation and every action since, oldest first
};

// The meeting a decision names: its id, title and when it was held (else scheduled).
struct DocMeetingRef {
  std::int64_t id = 0;
  std::string title;
  std::string when;
};

struct DecisionRecord {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string org;
  Labels org_name;
  std::string title;
  Labels category;  // "" when none
  std::string content;
  std::string state;
  Labels state_label;
  std::optional<DocMeetingRef> meeting;
  std::string decided_on;  // the day the decision was recorded (its creation)
  std::vector<DocPerson> owners;
  std::string due_date;
  bool published = false;
  std::string evaluation;
  std::string reconsider_reason;
  std::string outcome;  // of a reconsideration
  // The adopted topic the decision was spawned from (nullopt for a decision standing alone),
  // and who adopted it when.
  std::optional<DocTopic> topic;
  std::optional<DocPerson> adopted_by;
  std::string adopted_at;
  std::vector<DocStep> steps;  // the decision's own history, oldest first
  std::vector<DocTask> tasks;  // the tasks spawned under it, in id order
  std::string generated_on;    // the date the document was generated (the org's clock)
};

// Decision item `id` with its vote and tasks as of `now`. NotFound when there is no such
// item; Invalid when it is not a decision (naming its workflow).
Result<DecisionRecord> ReadDecision(ReportSource& source, std::int64_t id, TimePoint now);

// The record of `d` in `lang`, one HTML page.
std::string RenderDecisionRecord(const DecisionRecord& d, Lang lang, const DocStyle& style = {});

}  // namespace docket
