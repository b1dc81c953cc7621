// The installation's signing key for audit checkpoints: Ed25519 (libsodium), kept in a
// file of its own.
//
// The key file holds the 32-byte Ed25519 seed as 64 lower-case hex digits and a newline,
// and nothing else; the public key is derived from it. The file is created on first use
// with mode 0600 (readable by its owner only) and refused when others may read it. Where it
// lives is the caller's choice (docs/AUDIT.md: --key FILE, $DOCKET_KEY, or <db>.key).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace docket {

struct SigningKey {
  std::array<std::uint8_t, 64> secret{};      // libsodium's secret key: seed + public key
  std::array<std::uint8_t, 32> public_key{};
  std::string public_hex() const;
};

// Loads the key file at `path`; when there is none and `create`, makes a new random key
// there (atomically: two processes creating it at once end up with the same key).
// NotFound when absent and !create; Invalid when the file is not a key file or others
// may read it; Storage when it cannot be read or written.
Result<SigningKey> LoadSigningKey(const std::string& path, bool create);

// A trusted public key given as 64 hex digits, or as the path of a file holding them
// (e.g. written by `docket audit key --out`). Returns the 64 lower-case hex digits;
// Invalid when it is neither.
Result<std::string> ParsePublicKey(const std::string& hex_or_path);

// Ed25519 signature (detached) of `message` as 128 hex digits.
std::string SignHex(const SigningKey& key, std::string_view message);
// Whether `signature_hex` is a valid signature of `message` by `public_hex`.
bool VerifySignatureHex(std::string_view public_hex, std::string_view signature_hex,
                        std::string_view message);

}  // namespace docket
