// The installation's signing key for audit checkpoints: Ed25519 (libsodium), kept in a
// file of its own.
//
// The key file holds the 32-byte Ed25519 seed as 64 lower-case hex digits and a newline,
// and nothing else; the public key is derived from it. Or, protected by a passphrase
// (SealKeyFile), one line "docket-key-v1 PUBLIC argon2id OPSLIMIT MEMLIMIT SALT NONCE SEALED":
// the seed sealed with crypto_secretbox under a key derived from the passphrase with
// Argon2id (crypto_pwhash), its public key readable without the passphrase. The file is
// created on first use with mode 0600 (readable by its owner only) and refused when others
// may read it. Where it lives is the caller's choice (docs/AUDIT.md: --key FILE,
// $DOCKET_KEY, or <db>.key).
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

// Loads the key file at `path`, unsealing it with `passphrase` when it is sealed; when there
// is none and `create`, makes a new random key there (atomically: two processes creating it
// at once end up with the same key), sealed under `passphrase` when one is given.
// NotFound when absent and !create; Invalid when the file is not a key file, others may
// read it, it is sealed and no passphrase or a wrong one is given; Storage when it cannot
// be read or written.
Result<SigningKey> LoadSigningKey(const std::string& path, bool create, std::string_view passphrase = {});
// The public key (64 hex digits) of the key file at `path`, sealed or not, without its
// passphrase. The errors of LoadSigningKey(path, false).
Result<std::string> KeyFilePublic(const std::string& path);
// Seals the plain key file at `path` under `passphrase` (at least 8 characters), replacing
// it atomically; the key stays the same. Invalid when it is sealed already, the passphrase
// is too short, or as LoadSigningKey.
Status SealKeyFile(const std::string& path, std::string_view passphrase);

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
