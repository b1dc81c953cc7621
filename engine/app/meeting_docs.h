// The use case behind a meeting's documents (docs/DOCUMENTS.md): the notice, agenda, sign-in
// sheet and minutes of a meeting, generated from its record by the report module
// (report/meeting_docs.h). The adapters (the CLI's `meeting doc`, the server's
// GET /api/items/{id}/documents/{kind}; `meeting minutes-draft`, GET
// /api/meetings/{id}/minutes-draft) call this and render what it returns.
#pragma once

#include <cstdint>

#include "app/docket.h"
#include "report/meeting_docs.h"

namespace docket {

// Meeting item `id` and its topics as its documents show them, as of `docket`'s clock.
// Read exactly as Docket::GetItem reads the item: a reader who may not read it is Forbidden
// and the refusal is recorded; NotFound when there is no such item; Invalid when the item
// is not a meeting.
Result<MeetingRecord> MeetingDocuments(Docket& docket, std::int64_t id);

// The minutes of meeting `id` drafted from its record in `lang` (report/meeting_docs.h
// MinutesDraft), for the clerk to edit and save with `draft_minutes`. Read, refused and
// recorded exactly as MeetingDocuments.
Result<std::string> MeetingMinutesDraft(Docket& docket, std::int64_t id, Lang lang);

}  // namespace docket
