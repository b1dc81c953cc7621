// The supervisor's side of checkpoints (proofs.h; docs/AUDIT.md "Pinned keys"): the key
// each school signs with, pinned in the installation's chain, and the checkpoints received,
// each kept as a document and named by its hash in the same chain. The chain is where both
// live: whoever can write the database cannot change a pin or a received head without
// `audit verify` finding it.
#include <limits>

#include "app/app_context.h"
#include "app/message_json.h"
#include "app/proofs.h"
#include "audit/config_entries.h"
#include "audit/replay.h"
#include "audit/sha256.h"
#include "core/config_fields.h"

namespace docket {
namespace {

constexpr std::string_view kPinsPrefix = "pins.";

// The pins and received checkpoints as the installation's chain last set them.
Result<FieldMap> PinConfig(Store& store) {
  ReplayedConfig config;
  Status st = store.ScanAudit(kInstallationChain, 1, std::numeric_limits<std::int64_t>::max(), [&](const AuditEntry& e) {
    if (IsConfigEntry(e) && (e.action == kConfigPinAction || e.action == kConfigCheckpointAction)) FoldConfigEntry(e, &config);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return config.values;
}

std::string StringAt(const FieldMap& config, const std::string& key) {
  auto it = config.find(key);
  return it != config.end() && it->second.is_string() ? it->second.as_string() : "";
}

Value OrNull(const std::string& s) { return s.empty() ? Value() : Value(s); }

// The last checkpoint of `org` received, when there is one.
Status LoadLast(Store& store, const FieldMap& config, ReceivedCheckpoints* out) {
  out->public_key = StringAt(config, PinConfigKey(out->org));
  out->last_hash = StringAt(config, CheckpointConfigKey(out->org));
  if (out->last_hash.empty()) return Status::Ok();
  DOCKET_ASSIGN_OR_RETURN(std::optional<std::string> text, store.GetDocument(out->last_hash));
  if (!text) {
    return Status::Integrity(Msg("organization '{org}': the checkpoint received last ({hash}…) is missing from the database",
                                 {{"org", out->org}, {"hash", out->last_hash.substr(0, 16)}}));
  }
  Result<Checkpoint> cp = ParseCheckpoint(*text);
  if (!cp.ok()) {
    return Status::Integrity(Msg("organization '{org}': the checkpoint received last ({hash}…) is damaged: {why}",
                                 {{"org", out->org}, {"hash", out->last_hash.substr(0, 16)}, {"why", cp.status().msg()}}));
  }
  out->last = std::move(*cp);
  return Status::Ok();
}

}  // namespace

Result<PinnedKey> ProofUseCases::PinKey(const std::string& org, const std::string& key, const std::string& actor) {
  DOCKET_ASSIGN_OR_RETURN(std::string hex, ParsePublicKey(key));
  if (!ctx_.store.GetOrg(org).ok()) return Status::NotFound(Msg("no organization '{org}'", {{"org", org}}));
  DOCKET_ASSIGN_OR_RETURN(std::string admin, ctx_.Administrator(actor));
  AppContext::AdminScope scope;
  scope.orgs = {org};
  DOCKET_RETURN_IF_ERROR(ctx_.CheckAdminScope(admin, scope));
  PinnedKey out;
  out.org = org;
  out.public_key = hex;
  DOCKET_RETURN_IF_ERROR(ctx_.store.Transact([&]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(FieldMap config, PinConfig(ctx_.store));
    out.before = StringAt(config, PinConfigKey(org));
    if (out.before == hex) return Status::Ok();
    out.changed = true;
    std::vector<FieldChange> changes{{PinConfigKey(org), OrNull(out.before), Value(hex)}};
    DOCKET_ASSIGN_OR_RETURN(const TimePoint at, ctx_.WriteTime(kInstallationChain));
    AuditEntry e = ConfigEntry(kInstallationChain, kConfigPinAction, std::move(changes), FormatTime(at), key, admin);
    return ctx_.AppendAudit(e);
  }));
  if (out.changed) ctx_.log->info("checkpoints of {} pinned to key {} by {}", org, hex.substr(0, 16), admin);
  return out;
}

Result<ReceivedCheckpoints> ProofUseCases::ReceiveCheckpoint(std::string_view text, const std::string& from) {
  Result<Checkpoint> parsed = ParseCheckpoint(text);
  if (!parsed.ok()) return Status::Invalid(Msg("not a signed checkpoint: {why}", {{"why", parsed.status().msg()}}));
  const Checkpoint& cp = *parsed;
  if (!ctx_.store.GetOrg(cp.org).ok()) {
    return Status::NotFound(Msg("a checkpoint of '{org}', which is no organization here", {{"org", cp.org}}));
  }
  ReceivedCheckpoints out;
  out.org = cp.org;
  bool rewritten = false;
  Status st = ctx_.store.Transact([&]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(FieldMap config, PinConfig(ctx_.store));
    DOCKET_RETURN_IF_ERROR(LoadLast(ctx_.store, config, &out));
    if (out.public_key.empty()) {
      return Status::Forbidden(Msg("no key is pinned for organization '{org}': its checkpoints are refused until an administrator runs `docket audit pin {org} --key-pub KEY`",
                                   {{"org", cp.org}}));
    }
    if (Status signer = CheckCheckpointSigner(cp, out.public_key); !signer.ok()) {
      return Status::Forbidden(Msg("organization '{org}': {why}", {{"org", cp.org}, {"why", signer.msg()}}));
    }
    if (out.last && cp.seq < out.last->seq) {
      return Status::Conflict(Msg("organization '{org}': this checkpoint is at entry {seq}, but one at entry {last} was received already; a chain only grows",
                                  {{"org", cp.org}, {"seq", cp.seq}, {"last", out.last->seq}}));
    }
    if (out.last && cp.seq == out.last->seq) {
      if (cp.head_hash == out.last->head_hash) return Status::Ok();  // the same again
      rewritten = true;
      return Status::Conflict(Msg("organization '{org}', entry {seq}: this checkpoint signs hash {hash}… but the one received before signed {before}… (the history up to this entry was rewritten)",
                                  {{"org", cp.org}, {"seq", cp.seq}, {"hash", cp.head_hash.substr(0, 16)}, {"before", out.last->head_hash.substr(0, 16)}}));
    }
    DOCKET_ASSIGN_OR_RETURN(const TimePoint at, ctx_.WriteTime(kInstallationChain));
    const std::string now = FormatTime(at);
    const std::string hash = Sha256Hex(text);
    DOCKET_RETURN_IF_ERROR(ctx_.store.PutDocument(hash, std::string(text), now));
    std::vector<FieldChange> changes{{CheckpointConfigKey(cp.org), OrNull(out.last_hash), Value(hash)}};
    AuditEntry e = ConfigEntry(kInstallationChain, kConfigCheckpointAction, std::move(changes), now, from);
    DOCKET_RETURN_IF_ERROR(ctx_.AppendAudit(e));
    out.last = cp;
    out.last_hash = hash;
    out.accepted_now = true;
    return Status::Ok();
  });
  if (rewritten) {
    // The evidence stays: the refusal in the organization's own chain, and the checkpoint.
    Status recorded = ctx_.store.Transact([&]() -> Status {
      DOCKET_ASSIGN_OR_RETURN(const TimePoint at, ctx_.WriteTime(cp.org));
      const std::string now = FormatTime(at);
      DOCKET_RETURN_IF_ERROR(ctx_.store.PutDocument(Sha256Hex(text), std::string(text), now));
      AuditEntry e;
      e.org = cp.org;
      e.time = now;
      e.action = "$checkpoint";
      e.outcome = "refused";
      e.reason = RefusalReason(st) + " (" + Sha256Hex(text) + ")";
      return ctx_.AppendAudit(e);
    });
    if (!recorded.ok()) ctx_.log->warn("refused checkpoint of '{}' not recorded: {}", cp.org, recorded.ToString());
  }
  if (!st.ok()) return st;
  if (out.accepted_now) ctx_.log->info("checkpoint of {} at entry {} received from {}", cp.org, cp.seq, from);
  return out;
}

Result<std::vector<ReceivedCheckpoints>> ProofUseCases::Pins() {
  DOCKET_ASSIGN_OR_RETURN(FieldMap config, PinConfig(ctx_.store));
  std::vector<ReceivedCheckpoints> out;
  for (const auto& [key, value] : config) {
    if (key.rfind(kPinsPrefix, 0) != 0) continue;
    ReceivedCheckpoints org;
    org.org = key.substr(kPinsPrefix.size());
    DOCKET_RETURN_IF_ERROR(LoadLast(ctx_.store, config, &org));
    out.push_back(std::move(org));
  }
  return out;
}

Status ProofUseCases::VerifyReceived(const VerifyReport& report) {
  auto found = report.configs.find(kInstallationChain);
  if (found == report.configs.end()) return Status::Ok();
  for (const auto& [key, value] : found->second.values) {
    const std::string prefix = "checkpoints.";
    if (key.rfind(prefix, 0) != 0) continue;
    ReceivedCheckpoints org;
    org.org = key.substr(prefix.size());
    DOCKET_RETURN_IF_ERROR(LoadLast(ctx_.store, found->second.values, &org));
  }
  return Status::Ok();
}

}  // namespace docket
