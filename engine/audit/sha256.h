// SHA-256 for the audit chain, fast where the CPU allows.
//
// Every audit entry is hashed when it is written, verified, exported and checked offline,
// so SHA-256 dominates those paths. libsodium's SHA-256 is portable C (~2.5 µs for a
// 450-byte entry here); x86-64 CPUs with the SHA extensions (Intel since Goldmont/Ice Lake,
// AMD since Zen) do the same in ~0.4 µs. Sha256 uses the SHA instructions when the CPU has
// them (checked once, with CPUID) and libsodium otherwise; both give the same digest
// (tests/audit/canonical_json_test.cc compares them on random inputs, Sha256Two too).
// Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/digest.h"

namespace docket {

// Initialises libsodium once per process (before any hash, key or signature); aborts when it
// cannot, as nothing in it may be used then.
void EnsureSodium();

using Sha256Digest = std::array<std::uint8_t, 32>;

// SHA-256 of `data`.
Sha256Digest Sha256(std::string_view data);
// SHA-256 of `a` followed by `b` (as of their concatenation, which is not built).
Sha256Digest Sha256(std::string_view a, std::string_view b);
// Two messages, each in two pieces (`a` then `b`, as above), hashed at once: with the SHA
// instructions their rounds are interleaved, which takes ~60% of the time of two calls.
struct Sha256Pieces {
  std::string_view a, b;
};
void Sha256Two(const Sha256Pieces& x, const Sha256Pieces& y, Sha256Digest* dx, Sha256Digest* dy);
// The same through libsodium only (the reference the fast path is tested against).
Sha256Digest Sha256Portable(std::string_view data);
// True when Sha256 uses the CPU's SHA instructions.
bool Sha256UsesCpuInstructions();

// `digest` as 64 lower-case hex digits, written to out[0..63] (no terminator).
void HexDigest(const Sha256Digest& digest, char* out);
std::string HexDigest(const Sha256Digest& digest);
// Whether `hex` is exactly the 64 lower-case hex digits of `digest`.
bool IsHexOf(const Sha256Digest& digest, std::string_view hex);
// Reads 64 lower-case hex digits into `digest`; false (digest unspecified) for anything else.
bool ParseHexDigest(std::string_view hex, Sha256Digest* digest);

// The core's hash seam (core/digest.h) by Sha256: what `item act` and the rule replay pass,
// so that a {sha256_of: F} effect is recomputed as it was written. Immutable, thread-safe.
const TextDigest& Sha256Text();

}  // namespace docket
