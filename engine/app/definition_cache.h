// Parsed workflow definitions kept for the life of the process, by the SHA-256 of their
// YAML text: a stored definition is hashed and parsed once per process, however many
// Dockets (one per thread, one per request) read it. Thread-safe. Entries are never
// evicted: a deployment has tens of workflow versions, each a few kilobytes parsed.
#pragma once

#include <memory>
#include <string>

#include "core/definition.h"

namespace docket {

// The definition parsed from the text whose SHA-256 hex is `content_hash`, or nullptr when
// none was kept.
std::shared_ptr<const Definition> CachedDefinition(const std::string& content_hash);
// Keeps `def`, parsed from the text whose SHA-256 hex is `content_hash` (checked by the
// caller). A second definition for the same hash is ignored; returns the one kept.
std::shared_ptr<const Definition> KeepDefinition(const std::string& content_hash,
                                                 std::shared_ptr<const Definition> def);

}  // namespace docket
