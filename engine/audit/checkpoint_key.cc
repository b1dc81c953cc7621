#include "audit/checkpoint_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "audit/export_format.h"
#include "core/env.h"

namespace docket {

namespace {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no entropy source: nothing may be signed
  });
}

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

// Writes a new random key to `path` unless one appears there first; O_EXCL on a temporary
// name, then link(): the key file is never seen half-written.
Status CreateKeyFile(const std::string& path) {
  std::array<std::uint8_t, 32> seed{};
  randombytes_buf(seed.data(), seed.size());
  const std::string text = Hex(seed.data(), seed.size()) + "\n";
  sodium_memzero(seed.data(), seed.size());
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
  const int linked = ::link(temp.c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(temp.c_str());
  if (linked != 0 && link_errno != EEXIST) {
    return Status::Storage(
        Msg("{file}: cannot create the key file: {error}", {{"file", path}, {"error", std::strerror(link_errno)}}));
  }
  return Status::Ok();  // ours, or one another process made first
}

}  // namespace

std::string SigningKey::public_hex() const { return Hex(public_key.data(), public_key.size()); }

Result<SigningKey> LoadSigningKey(const std::string& path, bool create) {
  EnsureSodium();
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) {
      return Status::Storage(
          Msg("{file}: cannot read the key file: {error}", {{"file", path}, {"error", std::strerror(errno)}}));
    }
    if (!create) return Status::NotFound(Msg("{file}: no key file", {{"file", path}}));
    DOCKET_RETURN_IF_ERROR(CreateKeyFile(path));
    if (::stat(path.c_str(), &st) != 0) return Status::Storage(Msg("{file}: the key file vanished", {{"file", path}}));
  }
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return Status::Invalid(Msg("{file}: the key file may be read by others (mode {mode}); make it private with chmod 600",
                               {{"file", path}, {"mode", mode}}));
  }
  DOCKET_ASSIGN_OR_RETURN(std::string text, Env::Default().ReadFile(path, 1024));
  std::array<std::uint8_t, 32> seed{};
  if (!FromHex(Trim(text), &seed)) {
    return Status::Invalid(Msg("{file}: not a Docket key file (64 hex digits of an Ed25519 seed)", {{"file", path}}));
  }
  SigningKey key = FromSeed(seed);
  sodium_memzero(seed.data(), seed.size());
  return key;
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
