#include "store/audit_chain.h"

#include <sodium.h>

#include <cstdlib>
#include <mutex>

#include "store/json_value.h"

namespace docket {

const char* const kZeroHash = "0000000000000000000000000000000000000000000000000000000000000000";

namespace {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    // -1 means the library could not initialise (no entropy source); hashing does not
    // need entropy, but nothing else in libsodium may be used then, so fail loudly.
    if (sodium_init() < 0) std::abort();
  });
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

nlohmann::json CanonicalObject(const AuditEntry& e) {
  // nlohmann::json's default object is a std::map: keys come out in byte order.
  nlohmann::json j = nlohmann::json::object();
  j["org"] = e.org;
  j["seq"] = e.seq;
  j["time"] = e.time;
  j["actor"] = e.actor;
  j["role"] = e.role;
  j["action"] = e.action;
  j["outcome"] = e.outcome;
  j["item_id"] = e.item_id;
  j["workflow"] = e.workflow;
  j["workflow_version"] = e.workflow_version;
  j["from_state"] = e.from_state;
  j["to_state"] = e.to_state;
  j["changes"] = ChangesToJson(e.changes);
  j["item_version"] = e.item_version;
  j["reason"] = e.reason;
  j["prev_hash"] = e.prev_hash;
  return j;
}

std::string CanonicalJson(const AuditEntry& e) { return DumpJson(CanonicalObject(e)); }

std::string EntryHash(const AuditEntry& e) { return Sha256Hex(CanonicalJson(e)); }

void LinkEntry(AuditEntry& entry, std::int64_t head_seq, const std::string& head_hash) {
  entry.seq = head_seq + 1;
  entry.prev_hash = head_seq == 0 ? std::string(kZeroHash) : head_hash;
  entry.hash = EntryHash(entry);
}

}  // namespace docket
