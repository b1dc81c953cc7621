// TextDigest: the core's seam for hashing a text. The core links no hash library; an effect
// {set: F, value: {sha256_of: G}} (core/definition.h) asks the digest the caller passes in
// ItemFacts::digest for the SHA-256 of field G. The application and the audit rule replay
// pass audit's SHA-256 (audit/sha256.h Sha256TextDigest), so a replay recomputes the same hash.
#pragma once

#include <string>
#include <string_view>

namespace docket {

class TextDigest {
 public:
  virtual ~TextDigest() = default;
  // The SHA-256 of `text`'s bytes as 64 lower-case hex digits. Thread-safe.
  virtual std::string Sha256Hex(std::string_view text) const = 0;
};

}  // namespace docket
