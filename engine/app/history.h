// History as of any date: items rebuilt from the audit log as they were at a moment
// (`docket item show|list --as-of TIME`).
//
// The rebuild applies the audit entries recorded at or before the moment, in chain order,
// with AuditReplay (audit/replay.h) — the same replay `audit verify` checks every
// stored item against — so an item's state, fields, version, workflow version, created_at
// and updated_at come from the log alone. Refused entries change nothing. The parent is
// not in the log: it is fixed when an item is created, so it is taken from the item.
// Should the clock have gone backwards (an entry recorded earlier than one before it in the
// chain), an item's history stops at its first change recorded after the moment: no later
// change is shown and none is applied out of order.
// The rebuild trusts the log as far as the replay checks it; `docket audit verify` is what
// proves it intact. Reads only: nothing here writes.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/time_zone.h"
#include "core/item.h"
#include "core/status.h"
#include "store/store.h"

namespace docket {

// A moment for --as-of: "YYYY-MM-DD" alone means the end of that day in `zone` (23:59:59,
// so the whole day counts); anything else as ParseTimeIn reads it. nullopt when it is neither.
std::optional<TimePoint> ParseAsOf(std::string_view text, const TimeZone& zone);

// Item `id` as it was at `t`. NotFound when there is no such item or it was created after
// `t` (the message says when); Integrity when its entries do not replay.
Result<Item> ItemAsOf(Store& store, std::int64_t id, TimePoint t);

// The items that existed at `t` and match `filter` (org, workflow, parent; state is the
// state they were in then), as they were then, in id order.
Result<std::vector<Item>> ItemsAsOf(Store& store, const ItemFilter& filter, TimePoint t);

}  // namespace docket
