// Lock-outs on the record (docs/IDENTITY.md, "Signing in"). The failed sign-in that locks a
// person out (their AccountPolicy::max_failures_per_person-th within the window) is a refused
// entry "$sign-in" in the chain of each organization where they hold a role, their id as the
// actor; the one that locks an address out (max_failures_per_address-th), a refused
// "$sign-in" in the installation's chain with no actor. One entry per lock-out, not one per
// attempt: every attempt stays in the store's sign_ins, and a flood of wrong passwords cannot
// grow the chains faster than the window allows. Runs in the caller's transaction.
#pragma once

#include <string>

#include "core/message.h"
#include "core/status.h"

namespace docket {

class AppContext;

// The lock-out of `person` (an id of the directory), after `failures` within `minutes`,
// the last from `address`.
Status RecordPersonLockOut(AppContext& ctx, const std::string& person, const std::string& address, int failures,
                           std::int64_t minutes);
// The lock-out of `address`, after `failures` within `minutes`.
Status RecordAddressLockOut(AppContext& ctx, const std::string& address, int failures, std::int64_t minutes);

}  // namespace docket
