#include "audit/checkpoint_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

#include "audit/export_format.h"
#include "audit/sha256.h"
#include "core/env.h"

namespace docket {

namespace {

std::string Hex(const std::uint8_t* bytes, std::size_t n) {
  std::string out(2 * n + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.resize(2 * n);
  return out;
}

// Decodes exactly sizeof-out bytes of lower-case hex.
template <std::size_t N>
bool FromHex(std::string_view hex, std::array<std::uint8_t, N>* out) {
  if (hex.size() != 2 * N) return false;
  for (char c : hex) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  std::size_t len = 0;
  return sodium_hex2bin(out->data(), N, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == N;
}

SigningKey FromSeed(const std::array<std::uint8_t, 32>& seed) {
  SigningKey key;
  crypto_sign_seed_keypair(key.public_key.data(), key.secret.data(), seed.data());
  return key;
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

constexpr std::string_view kSealedMagic = "docket-key-v1";
constexpr std::size_t kMinPassphrase = 8;
// A sealed file's Argon2id limits may not ask for more than this (a crafted file must not
// make loading it take the machine's memory).
constexpr std::size_t kMaxMemLimit = std::size_t{1} << 30;

using Seed = std::array<std::uint8_t, 32>;
using Salt = std::array<std::uint8_t, crypto_pwhash_SALTBYTES>;
using Nonce = std::array<std::uint8_t, crypto_secretbox_NONCEBYTES>;
using Sealed = std::array<std::uint8_t, 32 + crypto_secretbox_MACBYTES>;
using BoxKey = std::array<std::uint8_t, crypto_secretbox_KEYBYTES>;

bool IsSealed(std::string_view text) { return text.substr(0, kSealedMagic.size()) == kSealedMagic; }

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find(' ', at), text.size());
    out.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

// The box key Argon2id derives from `passphrase` and `salt` under the limits.
Status DeriveBoxKey(std::string_view passphrase, const Salt& salt, unsigned long long ops, std::size_t mem,
                    BoxKey* out) {
  if (crypto_pwhash(out->data(), out->size(), passphrase.data(), passphrase.size(), salt.data(), ops, mem,
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Storage(Msg("cannot derive a key from the passphrase (not enough memory)"));
  }
  return Status::Ok();
}

// The sealed file's line for `seed` under `passphrase`.
Result<std::string> SealedText(const Seed& seed, std::string_view passphrase) {
  const unsigned long long ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  const std::size_t mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  Salt salt{};
  Nonce nonce{};
  randombytes_buf(salt.data(), salt.size());
  randombytes_buf(nonce.data(), nonce.size());
  BoxKey box{};
  DOCKET_RETURN_IF_ERROR(DeriveBoxKey(passphrase, salt, ops, mem, &box));
  Sealed sealed{};
  crypto_secretbox_easy(sealed.data(), seed.data(), seed.size(), nonce.data(), box.data());
  sodium_memzero(box.data(), box.size());
  return std::string(kSealedMagic) + " " + FromSeed(seed).public_hex() + " argon2id " + std::to_string(ops) + " " +
         std::to_string(mem) + " " + Hex(salt.data(), salt.size()) + " " + Hex(nonce.data(), nonce.size()) + " " +
         Hex(sealed.data(), sealed.size()) + "\n";
}

Status NotAKeyFile(const std::string& path) {
  return Status::Invalid(Msg("{file}: not a Docket key file (64 hex digits of an Ed25519 seed)", {{"file", path}}));
}

// The fields of a sealed file's line, checked.
struct SealedFile {
  std::string public_hex;
  unsigned long long ops = 0;
  std::size_t mem = 0;
  Salt salt{};
  Nonce nonce{};
  Sealed sealed{};
};

Result<SealedFile> ParseSealed(const std::string& path, const std::string& text) {
  const std::vector<std::string> w = Words(text);
  SealedFile f;
  Seed pk{};
  if (w.size() != 8 || w[0] != kSealedMagic || w[2] != "argon2id" || !FromHex(w[1], &pk) || !FromHex(w[5], &f.salt) ||
      !FromHex(w[6], &f.nonce) || !FromHex(w[7], &f.sealed) || w[3].empty() || w[4].empty() || w[3].size() > 9 ||
      w[4].size() > 12 || w[3].find_first_not_of("0123456789") != std::string::npos ||
      w[4].find_first_not_of("0123456789") != std::string::npos) {
    return NotAKeyFile(path);
  }
  f.public_hex = w[1];
  f.ops = std::stoull(w[3]);
  f.mem = static_cast<std::size_t>(std::stoull(w[4]));
  if (f.ops < crypto_pwhash_OPSLIMIT_MIN || f.ops > crypto_pwhash_OPSLIMIT_MAX || f.mem < crypto_pwhash_MEMLIMIT_MIN ||
      f.mem > kMaxMemLimit) {
    return NotAKeyFile(path);
  }
  return f;
}

// The seed the key file's text holds, unsealed with `passphrase` when sealed.
Result<Seed> SeedOf(const std::string& path, const std::string& text, std::string_view passphrase) {
  Seed seed{};
  if (!IsSealed(text)) {
    if (!FromHex(text, &seed)) return NotAKeyFile(path);
    return seed;
  }
  DOCKET_ASSIGN_OR_RETURN(SealedFile f, ParseSealed(path, text));
  if (passphrase.empty()) {
    return Status::Invalid(Msg("{file}: the key is protected by a passphrase: give the file that holds it with --key-passphrase-file FILE (or $DOCKET_KEY_PASSPHRASE_FILE)",
                               {{"file", path}}));
  }
  BoxKey box{};
  DOCKET_RETURN_IF_ERROR(DeriveBoxKey(passphrase, f.salt, f.ops, f.mem, &box));
  const int opened = crypto_secretbox_open_easy(seed.data(), f.sealed.data(), f.sealed.size(), f.nonce.data(), box.data());
  sodium_memzero(box.data(), box.size());
  if (opened != 0) return Status::Invalid(Msg("{file}: wrong passphrase for the key", {{"file", path}}));
  if (FromSeed(seed).public_hex() != f.public_hex) {
    sodium_memzero(seed.data(), seed.size());
    return NotAKeyFile(path);
  }
  return seed;
}

// Writes `text` to a new file beside `path` (mode 0600, synced), then links it to `path`
// (`replace`: renames it over `path`): the key file is never seen half-written.
Status PlaceKeyFile(const std::string& path, const std::string& text, bool replace) {
  const std::string temp = path + ".new-" + std::to_string(::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::Storage(
        Msg("{file}: cannot create the key file: {error}", {{"file", path}, {"error", std::strerror(errno)}}));
  }
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    ::unlink(temp.c_str());
    return Status::Storage(Msg("{file}: cannot write the key file", {{"file", path}}));
  }
  if (replace) {
    if (::rename(temp.c_str(), path.c_str()) != 0) {
      const int rename_errno = errno;
      ::unlink(temp.c_str());
      return Status::Storage(
          Msg("{file}: cannot write the key file: {error}", {{"file", path}, {"error", std::strerror(rename_errno)}}));
    }
    return Status::Ok();
  }
  const int linked = ::link(temp.c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(temp.c_str());
  if (linked != 0 && link_errno != EEXIST) {
    return Status::Storage(
        Msg("{file}: cannot create the key file: {error}", {{"file", path}, {"error", std::strerror(link_errno)}}));
  }
  return Status::Ok();  // ours, or one another process made first
}

// Writes a new random key to `path` (sealed under `passphrase` when one is given) unless
// one appears there first.
Status CreateKeyFile(const std::string& path, std::string_view passphrase) {
  Seed seed{};
  randombytes_buf(seed.data(), seed.size());
  Result<std::string> text = passphrase.empty() ? Result<std::string>(Hex(seed.data(), seed.size()) + "\n")
                                                : SealedText(seed, passphrase);
  sodium_memzero(seed.data(), seed.size());
  if (!text.ok()) return text.status();
  return PlaceKeyFile(path, *text, /*replace=*/false);
}

// The key file's text (trimmed), after checking that others may not read it.
Result<std::string> ReadKeyText(const std::string& path, bool create, std::string_view passphrase) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) {
      return Status::Storage(
          Msg("{file}: cannot read the key file: {error}", {{"file", path}, {"error", std::strerror(errno)}}));
    }
    if (!create) return Status::NotFound(Msg("{file}: no key file", {{"file", path}}));
    DOCKET_RETURN_IF_ERROR(CreateKeyFile(path, passphrase));
    if (::stat(path.c_str(), &st) != 0) return Status::Storage(Msg("{file}: the key file vanished", {{"file", path}}));
  }
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return Status::Invalid(Msg("{file}: the key file may be read by others (mode {mode}); make it private with chmod 600",
                               {{"file", path}, {"mode", mode}}));
  }
  DOCKET_ASSIGN_OR_RETURN(std::string text, Env::Default().ReadFile(path, 1024));
  return Trim(std::move(text));
}

}  // namespace

std::string SigningKey::public_hex() const { return Hex(public_key.data(), public_key.size()); }

Result<SigningKey> LoadSigningKey(const std::string& path, bool create, std::string_view passphrase) {
  EnsureSodium();
  DOCKET_ASSIGN_OR_RETURN(std::string text, ReadKeyText(path, create, passphrase));
  DOCKET_ASSIGN_OR_RETURN(Seed seed, SeedOf(path, text, passphrase));
  SigningKey key = FromSeed(seed);
  sodium_memzero(seed.data(), seed.size());
  return key;
}

Result<std::string> KeyFilePublic(const std::string& path) {
  EnsureSodium();
  DOCKET_ASSIGN_OR_RETURN(std::string text, ReadKeyText(path, /*create=*/false, {}));
  if (IsSealed(text)) {
    DOCKET_ASSIGN_OR_RETURN(SealedFile f, ParseSealed(path, text));
    return f.public_hex;
  }
  DOCKET_ASSIGN_OR_RETURN(Seed seed, SeedOf(path, text, {}));
  const std::string hex = FromSeed(seed).public_hex();
  sodium_memzero(seed.data(), seed.size());
  return hex;
}

Status SealKeyFile(const std::string& path, std::string_view passphrase) {
  EnsureSodium();
  if (passphrase.size() < kMinPassphrase) {
    return Status::Invalid(Msg("a key's passphrase needs at least {n} characters", {{"n", kMinPassphrase}}));
  }
  DOCKET_ASSIGN_OR_RETURN(std::string text, ReadKeyText(path, /*create=*/false, {}));
  if (IsSealed(text)) return Status::Invalid(Msg("{file}: the key is protected by a passphrase already", {{"file", path}}));
  DOCKET_ASSIGN_OR_RETURN(Seed seed, SeedOf(path, text, {}));
  Result<std::string> sealed = SealedText(seed, passphrase);
  sodium_memzero(seed.data(), seed.size());
  if (!sealed.ok()) return sealed.status();
  return PlaceKeyFile(path, *sealed, /*replace=*/true);
}

Result<std::string> ParsePublicKey(const std::string& hex_or_path) {
  EnsureSodium();
  std::array<std::uint8_t, 32> key{};
  if (FromHex(hex_or_path, &key)) return hex_or_path;
  Result<std::string> text = Env::Default().ReadFile(hex_or_path, 4096);
  if (!text.ok()) {
    return Status::Invalid(Msg("--key-pub '{key}' is neither 64 hex digits nor a readable file ({why})",
                               {{"key", hex_or_path}, {"why", text.status().msg()}}));
  }
  std::string hex = Trim(*text);
  if (!FromHex(hex, &key)) {
    return Status::Invalid(Msg("{file}: does not hold a public key (64 lower-case hex digits)", {{"file", hex_or_path}}));
  }
  return hex;
}

std::string SignHex(const SigningKey& key, std::string_view message) {
  EnsureSodium();
  std::array<std::uint8_t, crypto_sign_BYTES> sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), key.secret.data());
  return Hex(sig.data(), sig.size());
}

bool VerifySignatureHex(std::string_view public_hex, std::string_view signature_hex,
                        std::string_view message) {
  EnsureSodium();
  std::array<std::uint8_t, 32> pk{};
  std::array<std::uint8_t, crypto_sign_BYTES> sig{};
  if (!FromHex(public_hex, &pk) || !FromHex(signature_hex, &sig)) return false;
  return crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), pk.data()) == 0;
}

}  // namespace docket
