// The use cases behind two documents generated from the record (docs/DOCUMENTS.md): a
// decision's execution record (report/decision_record.h) and an organization's public
// listing (report/public_doc.h). The adapters (the CLI's `decision doc` and `public doc`, the
// server's GET /api/items/{id}/documents/record and GET /public/{org}) call these and render
// what they return.
#pragma once

#include <cstdint>
#include <string>

#include "app/docket.h"
#include "report/decision_record.h"
#include "report/public_doc.h"

namespace docket {

// Decision item `id`, the vote that made it and its execution tasks, as of `docket`'s clock.
// Read exactly as Docket::GetItem reads the item: a reader who may not read it is Forbidden
// and the refusal is recorded; NotFound when there is no such item; Invalid when the item
// is not a decision. (The topic and the tasks are the same organization's items.)
Result<DecisionRecord> DecisionDocument(Docket& docket, std::int64_t id);

// What `org`'s workflows publish (Docket::ListPublic), as its public page shows it. Needs no
// one; NotFound when there is no such organization.
Result<PublicRecord> PublicDocument(Docket& docket, const std::string& org);

}  // namespace docket
