#include "app/meeting_docs.h"

#include "app/report_source.h"

namespace docket {

Result<MeetingRecord> MeetingDocuments(Docket& docket, std::int64_t id) {
  // The read check, and its record when refused, are the item's (the topics are the same
  // organization's items).
  DOCKET_RETURN_IF_ERROR(docket.GetItem(id).status());
  DocketReportSource source(docket);
  return ReadMeeting(source, id, docket.clock().Now());
}

Result<std::string> MeetingMinutesDraft(Docket& docket, std::int64_t id, Lang lang) {
  DOCKET_ASSIGN_OR_RETURN(MeetingRecord record, MeetingDocuments(docket, id));
  return MinutesDraft(record, lang);
}

}  // namespace docket
