// A long valid audit chain for the benchmarks (chain_gen.cc).
#pragma once

#include <cstdint>
#include <string>

namespace docket::bench {

// The organization whose chain GenerateChain writes.
inline constexpr const char* kChainOrg = "bench-org";

// Creates the database at `path` afresh (the bench setup loaded through Docket) with one
// organization whose chain has exactly `entries` valid entries: the configuration entry of
// the setup's org load, then items of bench/workflow.yaml created and taken through their
// five steps (6 entries per item), written straight
// through SQLiteCpp in large transactions with the library's own chain (LinkEntry) and the
// items' rows to match.
void GenerateChain(const std::string& path, std::int64_t entries);
// How many audit entries the database at `path` holds; -1 when it cannot be read.
std::int64_t CountAuditEntries(const std::string& path);

}  // namespace docket::bench
