// Forged appends: entries written into a real database file with the hashes the engine's
// store writes, as an insider holding the file and the documented hashing (docs/AUDIT.md)
// would, so that only the rules — not the chain's links — can tell them apart.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/transition.h"

namespace docket::testing {

// An "ok" entry of `actor` as `role` taking `action` on item `item` at `time`, moving it to
// state `to` ("" = the state it is in), with `changes`.
struct ForgedAction {
  std::int64_t item = 0;
  std::string time;
  std::string actor;
  std::string role;
  std::string action;
  std::string to;
  std::vector<FieldChange> changes = {};
};

// Appends `a` to the chain of the item's organization in database file `db` and moves the
// item to match (state, version + 1, updated_at). Failures are test failures.
void ForgeAppend(const std::string& db, const ForgedAction& a);

// Recomputes the hash and link of every entry of `org` in `db` from entry `from` on, as a
// forger who rewrote the chain would.
void Rehash(const std::string& db, const std::string& org, std::int64_t from);

}  // namespace docket::testing
