// The documents a school prints for a meeting, generated from the record (docs/DOCUMENTS.md):
// 会议通知 (notice), 议程 (agenda), 签到表 (sign-in sheet), 会议纪要 (minutes).
//
// ReadMeeting reads a meeting item and the topics that hang below it (the items of workflow
// `matter` whose field `meeting` references it or once did, each as it stood at that
// meeting, in id order) through a ReportSource, and
// keeps everything a document shows already in both languages: names of people, bodies,
// states and values by their labels, times on the organization's clock. RenderMeetingDoc
// turns that into one printable HTML page (A4, a print stylesheet, a CJK font stack), every
// text escaped, no script. A document shows what the record says and nothing typed anew.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/labels.h"
#include "core/status.h"
#include "report/doc_page.h"
#include "report/source.h"

namespace docket {

enum class MeetingDocKind { kNotice, kAgenda, kSignIn, kMinutes };

// "notice", "agenda", "signin", "minutes" and back; Invalid naming the kinds for any other word.
Result<MeetingDocKind> ParseMeetingDocKind(std::string_view word);
const char* MeetingDocKindName(MeetingDocKind kind);

// Someone recorded absent, and why ("he: 外出培训": the person named when the text before
// the colon is a person's id; otherwise the whole text as written).
struct DocAbsence {
  std::optional<DocPerson> person;
  std::string reason;
};

// One position stated on a topic, in the order it was stated.
struct DocPosition {
  DocPerson person;
  std::string value;
  Labels label;
};

// A member's written opinion on a topic, submitted before the meeting (matter
// `submit_opinion`): the latest text each member submitted for this meeting.
struct DocOpinion {
  DocPerson person;
  std::string text;
};

// A topic (议题) of the meeting as the record has it: now, or when it was scheduled again.
struct DocTopic {
  std::int64_t id = 0;
  std::string title;
  Labels category;       // the category's label ("" when none)
  std::string amount;    // money as recorded ("" when none)
  std::optional<DocPerson> proposer;
  std::string state;
  Labels state_label;
  std::vector<DocPerson> present;  // for the topic (empty: none recorded)
  std::vector<DocPerson> recused;
  std::string attendance_note;
  std::vector<DocPosition> positions;
  std::vector<DocOpinion> opinions;  // written opinions, in the order first submitted
  std::vector<std::pair<Labels, int>> tally;  // per position value, in the field's order, those given
  std::string decision;      // when adopted or rejected
  std::string defer_reason;  // when deferred
  Labels votes_label;        // the ballot field's label ("表态（按发言顺序）")
};

struct MeetingRecord {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string org;
  Labels org_name;
  std::string title;
  Labels body;  // the body's name in the organization (else the value's label)
  std::string state;
  Labels state_label;
  std::string scheduled_at;  // "2026-04-14 17:00" on the organization's clock ("" when none)
  std::string location;
  std::string agenda;  // the agenda's free text
  std::string notified_on;  // the date of the last `notify` ("" when not notified)
  bool attendance_taken = false;
  std::string held_at;
  std::vector<DocPerson> members;    // the body's members, as the org file lists them
  std::vector<DocPerson> invited;    // the body's non-voting attendees
  std::vector<DocPerson> present;
  std::vector<DocAbsence> absent;
  std::vector<DocPerson> attendees;  // non-voting attendees recorded at the meeting
  std::string minutes;
  std::optional<DocPerson> signed_by;
  std::string signed_at;
  std::string minutes_sha256;  // the SHA-256 of the minutes as signed ("" before, or on meeting v1-v3)
  std::string generated_on;  // the date the document was generated (`now`, the org's clock)
  std::vector<DocTopic> topics;
};

// Meeting item `id` and its topics. NotFound when there is no such item; Invalid when it is
// not a meeting (naming its workflow).
Result<MeetingRecord> ReadMeeting(ReportSource& source, std::int64_t id, TimePoint now);

// The document `kind` of `m` in `lang`, one HTML page.
std::string RenderMeetingDoc(const MeetingRecord& m, MeetingDocKind kind, Lang lang, const DocStyle& style = {});
// A draft of the minutes from the record, as plain text in `lang`: the meeting (title, body,
// time, place), who was present and who absent with the reasons, and each topic with its
// recusals, its positions in the order stated, the written opinions of absent members, the
// tally and the outcome. What the clerk
// starts from when drafting the minutes (`meeting minutes-draft`, docs/DOCUMENTS.md).
std::string MinutesDraft(const MeetingRecord& m, Lang lang);

// The print stylesheet every document uses (DocStylesheet).
const std::string& MeetingDocStylesheet();

// Topic `item` (an item of workflow `matter`, `def` its definition) as a document shows it:
// its category, attendance, recusals, positions in the order stated and their tally, its
// outcome. What a decision's record shows of the vote that made it (decision_record.h).
DocTopic ReadDocTopic(ReportSource& source, TimePoint now, const Item& item, const Definition& def);

}  // namespace docket
