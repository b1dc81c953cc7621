// What `audit verify` compares of an item besides its state, fields and version: the facts
// the chain fixes about it (docs/AUDIT.md, "What is inside the chain"). Its parent is the
// one its creation entry records ("$parent", audit/replay.h); its creation time is its
// creation entry's time and its last change the time of its last "ok" entry.
#pragma once

#include <map>
#include <string>

#include "audit/replay.h"
#include "core/item.h"
#include "core/status.h"
#include "store/timer_store.h"

namespace docket {

// Integrity naming the first fact of `item` that differs from its replay `r` (the caller
// adds the organization and the item).
Status CompareItemFacts(const Item& item, const ReplayedItem& r);

// The timer firings and notifications `store` keeps for `org` are those its chain records
// (`recorded`, AuditReplay::firings): every kept firing was recorded by an entry about the
// same item, every recorded one is kept (a wiped firing would be taken again by `tick`),
// and the people a firing notified are the ones its entry names. Integrity naming the
// organization and the firing otherwise.
Status CompareFirings(TimerStore& store, const std::string& org, const std::map<std::string, RecordedFiring>& recorded);

}  // namespace docket
