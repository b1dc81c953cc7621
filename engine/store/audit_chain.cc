#include "store/audit_chain.h"

#include "store/audit_json.h"
#include "store/audit_sha256.h"
#include "store/json_value.h"

namespace docket {

const char* const kZeroHash = "0000000000000000000000000000000000000000000000000000000000000000";

std::string Sha256Hex(std::string_view data) { return HexDigest(Sha256(data)); }

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

std::string CanonicalJson(const AuditEntry& e) {
  std::string out;
  out.reserve(512);
  AppendCanonicalEntry(e, /*with_hash=*/false, &out);
  return out;
}

std::string EntryHash(const AuditEntry& e) {
  std::string scratch;
  std::string out(64, '\0');
  EntryHashInto(e, &scratch, out.data());
  return out;
}

void EntryHashInto(const AuditEntry& entry, std::string* scratch, char* out) {
  scratch->clear();
  AppendCanonicalEntry(entry, /*with_hash=*/false, scratch);
  HexDigest(Sha256(*scratch), out);
}

void LinkEntry(AuditEntry& entry, std::int64_t head_seq, const std::string& head_hash) {
  entry.seq = head_seq + 1;
  entry.prev_hash = head_seq == 0 ? std::string(kZeroHash) : head_hash;
  entry.hash = EntryHash(entry);
}

}  // namespace docket
