// ProofUseCases (proofs.h): verify the record; and the portable proofs — export an
// organization's chain, sign checkpoints of its head, and prove that a log — the database,
// or an export, offline — extends a checkpoint.
#include "app/proofs.h"

#include <filesystem>
#include <set>
#include <utility>

#include "app/app_context.h"
#include "app/chain_facts.h"
#include "audit/chain.h"
#include "audit/export_batch.h"
#include "audit/checkpoint_key.h"
#include "audit/export_file.h"
#include "core/env.h"
#include "audit/sha256.h"

namespace docket {

namespace {

constexpr std::size_t kMaxCheckpointBytes = 1 << 20;

Msg Name(const std::string& workflow, std::int64_t version) {
  return Msg("workflow '{workflow}' version {version}", {{"workflow", workflow}, {"version", version}});
}

// "PATH: message", keeping the message's own words.
Msg AtPath(const std::string& path, Msg what) {
  return Msg("{path}: {what}", {{"path", path}, {"what", std::move(what)}});
}

// Reads, parses and checks the signature and signer of the checkpoint at `path`.
Result<Checkpoint> TrustedCheckpoint(const std::string& path, const std::string& trusted_public_hex) {
  Result<std::string> text = Env::Default().ReadFile(path, kMaxCheckpointBytes);
  if (!text.ok()) {
    if (text.status().code() == Code::kInvalid) return Status::Integrity(text.status().msg());
    return text.status();
  }
  Result<Checkpoint> cp = ParseCheckpoint(*text);
  if (!cp.ok()) return Status::Integrity(AtPath(path, cp.status().msg()));
  Status signer = CheckCheckpointSigner(*cp, trusted_public_hex);
  if (!signer.ok()) return Status::Integrity(AtPath(path, signer.msg()));
  return cp;
}

Msg CutOff(const Checkpoint& cp, std::int64_t head) {
  return Msg("organization '{org}': the log ends at entry {head}, before the checkpoint's entry {seq} (entries were cut off)",
             {{"org", cp.org}, {"head", head}, {"seq", cp.seq}});
}

Msg Rewritten(const Checkpoint& cp, const std::string& hash) {
  return Msg("organization '{org}', entry {seq}: hash {hash}… but the checkpoint signed {signed}… (the history up to this entry was rewritten)",
             {{"org", cp.org}, {"seq", cp.seq}, {"hash", hash.substr(0, 16)}, {"signed", cp.head_hash.substr(0, 16)}});
}

}  // namespace

ProofUseCases::ProofUseCases(AppContext& ctx) : ctx_(ctx) {}

Result<VerifyReport> ProofUseCases::Verify(const std::optional<std::string>& org) {
  if (org && !ctx_.store.GetOrg(*org).ok()) return Status::NotFound(Msg("no organization '{org}'", {{"org", *org}}));
  Result<VerifyReport> report = VerifyAudit(ctx_.store, org);
  if (!report.ok()) return report;
  DOCKET_RETURN_IF_ERROR(VerifyConfig(*report));
  // Every stored workflow text hashes to its stored hash, whichever chains are verified.
  DOCKET_ASSIGN_OR_RETURN(FieldMap workflows, StoredWorkflowConfig(ctx_.store));
  if (!org) {  // every chain verified: the installation's own chain against what it records
    DOCKET_ASSIGN_OR_RETURN(std::vector<Org> orgs, ctx_.store.ListOrgs());
    DOCKET_RETURN_IF_ERROR(CheckInstallationChain(*report, orgs, workflows));
    DOCKET_RETURN_IF_ERROR(VerifyReceived(*report));
  }
  DOCKET_RETURN_IF_ERROR(VerifyRules(*report));
  return report;
}

Result<ExportReport> ProofUseCases::ExportAudit(const std::string& org, const std::string& path, bool force) {
  ExportOptions options;
  options.org = org;
  options.path = path;
  options.force = force;
  options.exported_at = FormatTime(ctx_.clock.Now());
  return docket::ExportAudit(ctx_.store, options);
}

Result<std::vector<TreeExport>> ProofUseCases::ExportAuditTree(const std::string& org, const std::string& dir,
                                                               bool force) {
  DOCKET_ASSIGN_OR_RETURN(std::vector<Org> orgs, ctx_.store.ListOrgs());
  const std::vector<const Org*> tree = Subtree(orgs, org);
  if (tree.empty()) return Status::NotFound(Msg("no organization '{org}'", {{"org", org}}));
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (!std::filesystem::is_directory(dir, ec)) {
    if (ec) {
      return Status::Invalid(Msg("{path}: not a folder, and cannot be made one: {why}", {{"path", dir}, {"why", ec.message()}}));
    }
    return Status::Invalid(Msg("{path}: not a folder, and cannot be made one", {{"path", dir}}));
  }
  std::vector<ExportOptions> exports;
  const std::string now = FormatTime(ctx_.clock.Now());
  for (const Org* o : tree) {
    ExportOptions options;
    options.org = o->id;
    options.path = (std::filesystem::path(dir) / (o->id + ".jsonl")).string();
    options.force = force;
    options.exported_at = now;
    exports.push_back(std::move(options));
  }
  std::vector<Result<ExportReport>> reports = ExportAudits(ctx_.store, exports);
  std::vector<TreeExport> out;
  for (std::size_t i = 0; i < exports.size(); ++i) {
    out.push_back(TreeExport{exports[i].org, exports[i].path, std::move(reports[i])});
  }
  return out;
}

Result<Checkpoint> ProofUseCases::MakeCheckpoint(const std::string& org, const SigningKey& key) {
  DOCKET_ASSIGN_OR_RETURN(AuditHead head, ctx_.store.GetAuditHead(org));
  if (head.seq == 0) {
    DOCKET_ASSIGN_OR_RETURN(Org known, ctx_.store.GetOrg(org));
    return Status::Invalid(Msg("organization '{org}' has no audit entries to checkpoint", {{"org", org}}));
  }
  // Sign only a chain that verifies: entries, hashes, links, the items' replay and the
  // stored configuration against the configuration entries.
  DOCKET_ASSIGN_OR_RETURN(VerifyReport verified, Verify(org));

  Checkpoint cp;
  cp.org = org;
  cp.seq = head.seq;
  cp.head_hash = head.hash;
  cp.time = FormatTime(ctx_.clock.Now());
  std::set<std::pair<std::string, std::int64_t>> used;
  DOCKET_RETURN_IF_ERROR(ctx_.store.ScanAudit(org, 1, head.seq, [&](const AuditEntry& e) {
    if (!e.workflow.empty()) used.emplace(e.workflow, e.workflow_version);
    return Status::Ok();
  }));
  for (const auto& [workflow, version] : used) {
    Result<DefinitionRecord> def = ctx_.store.GetDefinition(workflow, version);
    if (!def.ok()) {
      if (def.status().code() != Code::kNotFound) return def.status();
      return Status::Integrity(
          Msg("organization '{org}': its entries name workflow '{workflow}' version {version}, which the database does not hold",
              {{"org", org}, {"workflow", workflow}, {"version", version}}));
    }
    if (Sha256Hex(def->source) != def->content_hash) {
      return Status::Integrity(Msg("{workflow}: the stored text does not match its content hash",
                                   {{"workflow", Name(workflow, version)}}));
    }
    cp.definitions.push_back({workflow, version, def->content_hash, ""});
  }
  SignCheckpoint(&cp, key);
  ctx_.log->info("checkpoint of {} at entry {} signed by {}", org, cp.seq, cp.public_key);
  return cp;
}

Result<CheckpointProof> ProofUseCases::VerifyAgainstCheckpoint(const std::string& checkpoint_path,
                                                               const std::string& trusted_public_hex,
                                                               const std::optional<std::string>& org) {
  DOCKET_ASSIGN_OR_RETURN(Checkpoint cp, TrustedCheckpoint(checkpoint_path, trusted_public_hex));
  if (org && *org != cp.org) {
    return Status::Invalid(Msg("{path}: the checkpoint is of organization '{org}', not '{want}'",
                               {{"path", checkpoint_path}, {"org", cp.org}, {"want", *org}}));
  }
  DOCKET_ASSIGN_OR_RETURN(AuditHead head, ctx_.store.GetAuditHead(cp.org));
  if (head.seq < cp.seq) return Status::Integrity(CutOff(cp, head.seq));
  std::optional<std::string> hash;
  DOCKET_RETURN_IF_ERROR(ctx_.store.ScanAudit(cp.org, cp.seq, cp.seq, [&](const AuditEntry& e) {
    hash = e.hash;
    return Status::Ok();
  }));
  if (!hash) {
    return Status::Integrity(Msg("organization '{org}', entry {seq}: missing, though the checkpoint signed it",
                                 {{"org", cp.org}, {"seq", cp.seq}}));
  }
  if (*hash != cp.head_hash) return Status::Integrity(Rewritten(cp, *hash));
  for (const ExportDefinition& d : cp.definitions) {
    Result<DefinitionRecord> def = ctx_.store.GetDefinition(d.workflow, d.version);
    if (!def.ok()) {
      if (def.status().code() != Code::kNotFound) return def.status();
      return Status::Integrity(Msg("{workflow}: in the checkpoint but not in the database",
                                   {{"workflow", Name(d.workflow, d.version)}}));
    }
    if (def->content_hash != d.sha256 || Sha256Hex(def->source) != d.sha256) {
      return Status::Integrity(Msg("{workflow}: the database's text is not the one the checkpoint signed",
                                   {{"workflow", Name(d.workflow, d.version)}}));
    }
  }
  DOCKET_ASSIGN_OR_RETURN(VerifyReport verified, Verify(cp.org));
  CheckpointProof proof;
  proof.checkpoint = std::move(cp);
  DOCKET_ASSIGN_OR_RETURN(AuditHead now, ctx_.store.GetAuditHead(proof.checkpoint.org));
  proof.head_seq = now.seq;
  proof.head_hash = now.hash;
  proof.entries = verified.entries;
  proof.items = verified.items;
  return proof;
}

std::vector<Result<ExportVerifyReport>> ProofUseCases::VerifyExports(const std::vector<std::string>& paths) {
  ExportVerifyOptions options;
  options.threads = 1;
  options.keep_sources = true;
  return EachOnThreads<ExportVerifyReport>(paths.size(), Env::Default().UsableCpus(8), [&](std::size_t i) -> Result<ExportVerifyReport> {
    DOCKET_ASSIGN_OR_RETURN(ExportVerifyReport file, VerifyExportFile(paths[i], options));
    DOCKET_RETURN_IF_ERROR(VerifyExportRules(paths[i], file));
    return file;
  });
}

Result<ExportProof> ProofUseCases::VerifyExport(const std::string& path,
                                                const std::optional<std::string>& checkpoint_path,
                                                const std::string& trusted_public_hex) {
  ExportProof proof;
  ExportVerifyOptions options;
  options.keep_sources = true;
  if (checkpoint_path) {
    DOCKET_ASSIGN_OR_RETURN(Checkpoint cp, TrustedCheckpoint(*checkpoint_path, trusted_public_hex));
    proof.checkpoint = std::move(cp);
    options.want_seq = proof.checkpoint->seq;
  }
  DOCKET_ASSIGN_OR_RETURN(ExportVerifyReport file, VerifyExportFile(path, options));
  DOCKET_RETURN_IF_ERROR(VerifyExportRules(path, file));
  proof.file = std::move(file);
  if (!proof.checkpoint) return proof;

  const Checkpoint& cp = *proof.checkpoint;
  const ExportHeader& h = proof.file.header;
  if (h.org != cp.org) {
    return Status::Integrity(Msg("{path}: the export is of organization '{org}', the checkpoint of '{checkpoint_org}'",
                                 {{"path", path}, {"org", h.org}, {"checkpoint_org", cp.org}}));
  }
  if (h.head_seq < cp.seq) return Status::Integrity(AtPath(path, CutOff(cp, h.head_seq)));
  if (proof.file.hash_at_want_seq != cp.head_hash) {
    return Status::Integrity(AtPath(path, Rewritten(cp, proof.file.hash_at_want_seq.value_or(""))));
  }
  for (const ExportDefinition& d : cp.definitions) {
    bool same = false;
    for (const ExportDefinition& listed : proof.file.definitions) {
      same = same || (listed.workflow == d.workflow && listed.version == d.version && listed.sha256 == d.sha256);
    }
    if (!same) {
      return Status::Integrity(AtPath(path, Msg("{workflow}: the export does not list the text the checkpoint signed",
                                                {{"workflow", Name(d.workflow, d.version)}})));
    }
  }
  return proof;
}

std::string CheckpointFileText(const Checkpoint& cp) { return CheckpointText(cp); }

Result<std::string> KeyFilePublicHex(const std::string& path, bool create) {
  if (create) DOCKET_RETURN_IF_ERROR(LoadSigningKey(path, /*create=*/true).status());
  return KeyFilePublic(path);
}

Result<SigningKey> LoadKey(const std::string& path, bool create, const std::string& passphrase) {
  return LoadSigningKey(path, create, passphrase);
}

Status SealKey(const std::string& path, const std::string& passphrase) {
  DOCKET_RETURN_IF_ERROR(LoadSigningKey(path, /*create=*/true).status());
  return SealKeyFile(path, passphrase);
}

Result<std::string> ReadPassphrase(const std::string& path) {
  Result<std::string> text = Env::Default().ReadFile(path, 4096);
  if (!text.ok()) {
    return Status::Invalid(Msg("{file}: cannot read the key's passphrase: {why}", {{"file", path}, {"why", text.status().msg()}}));
  }
  std::string line = text->substr(0, text->find('\n'));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) return Status::Invalid(Msg("{file}: holds no passphrase (its first line is empty)", {{"file", path}}));
  return line;
}

Result<std::string> PublicKeyFrom(const std::string& hex_or_path) { return ParsePublicKey(hex_or_path); }

Status WriteWholeFile(const std::string& path, std::string_view text, bool force) {
  AtomicFileWriter file;
  DOCKET_RETURN_IF_ERROR(file.Open(path, force));
  DOCKET_RETURN_IF_ERROR(file.Append(text));
  return file.Commit().status();
}

}  // namespace docket
