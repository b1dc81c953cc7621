// ProofUseCases: proving the record intact — verify the chains, the items' replay and the
// stored configuration (proofs.cc, proofs_config.cc), and the portable proofs (docs/AUDIT.md):
// export an organization's chain, sign checkpoints of its head, and prove that a log — the
// database, or an export, offline — extends a checkpoint. The results are audit_proof.h's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/audit_proof.h"
#include "core/status.h"
#include "store/audit_verify.h"

namespace docket {

class AppContext;

class ProofUseCases {
 public:
  explicit ProofUseCases(AppContext& ctx);

  // Recomputes every chain (or one org's), replays every item, compares the stored
  // configuration with the chains' configuration entries (VerifyConfig) and judges every
  // entry by the rules (VerifyRules). Integrity on mismatch.
  Result<VerifyReport> Verify(const std::optional<std::string>& org);

  // Portable proofs. ExportAudit writes `org`'s chain and the definitions it names to `path`
  // (stamped with now). MakeCheckpoint verifies `org`'s chain, then signs its head with the
  // `key` (app/audit_proof.h LoadKey); Invalid for an org without entries.
  // VerifyAgainstCheckpoint proves the database's log extends the checkpoint at
  // `checkpoint_path`, which `trusted_public_hex` must have signed (Integrity when not, or
  // when the log was cut off below it or rewritten before it; Invalid when `org` is given
  // and is not the checkpoint's). VerifyExport does the same for an export file, with no
  // database (without a checkpoint it verifies the file and judges its entries by the rules
  // and the definitions it carries, as VerifyExports does for each file).
  Result<ExportReport> ExportAudit(const std::string& org, const std::string& path, bool force);
  // ExportAuditTree exports `org` and every organization below it, at any depth, one file
  // each: `dir`/<org>.jsonl, the folder made when missing; the files are written side by
  // side on the CPUs (audit/export_batch.h). NotFound for an unknown `org`, Invalid when
  // `dir` is a file; otherwise each organization's own result, `org` first, then by id.
  Result<std::vector<TreeExport>> ExportAuditTree(const std::string& org, const std::string& dir, bool force);
  Result<Checkpoint> MakeCheckpoint(const std::string& org, const SigningKey& key);
  Result<CheckpointProof> VerifyAgainstCheckpoint(const std::string& checkpoint_path,
                                                  const std::string& trusted_public_hex,
                                                  const std::optional<std::string>& org);
  // The supervisor's side (proofs_pins.cc, docs/AUDIT.md "Pinned keys"). PinKey records in
  // the installation's chain that `org`'s checkpoints are signed by `key` (64 hex digits or a
  // file holding them), for an administrator of `org` or above: Invalid for a bad key,
  // NotFound for an unknown org. ReceiveCheckpoint accepts a checkpoint's text (`from` says
  // where it came from, for the record) when it is signed by its organization's pinned key
  // and does not go back: Invalid when it is no signed checkpoint, NotFound for an unknown
  // organization, Forbidden when no key is pinned or another key signed it, Conflict when
  // a checkpoint at a later entry was received, or one at the same entry with another hash
  // (the history was rewritten: that refusal is recorded in the organization's chain). The
  // same checkpoint again is accepted and changes nothing. Pins lists every organization
  // with a pinned key, by id.
  Result<PinnedKey> PinKey(const std::string& org, const std::string& key, const std::string& actor);
  Result<ReceivedCheckpoints> ReceiveCheckpoint(std::string_view text, const std::string& from);
  Result<std::vector<ReceivedCheckpoints>> Pins();

  static Result<ExportProof> VerifyExport(const std::string& path,
                                          const std::optional<std::string>& checkpoint_path,
                                          const std::string& trusted_public_hex);
  // VerifyExports verifies each file offline, side by side on the CPUs; results in order.
  static std::vector<Result<ExportVerifyReport>> VerifyExports(const std::vector<std::string>& paths);

 private:
  // Compares each verified organization's configuration as its chain records it
  // (VerifyReport::configs) with the stored one (proofs_config.cc). Integrity naming the
  // organization and the first key that differs.
  Status VerifyConfig(const VerifyReport& report);
  // Judges every chain verified by the rules (audit/rule_replay.h, proofs_rules.cc):
  // Integrity naming the organization and the first entry the rules would not have allowed.
  Status VerifyRules(const VerifyReport& report);
  // Every received checkpoint the installation's chain names is kept, intact.
  Status VerifyReceived(const VerifyReport& report);
  // The same for an export file that verified (`file`, read with its definitions' sources),
  // by the definitions it carries, and its time order (audit/time_order.h): Integrity naming
  // the file, the line and the entry.
  static Status VerifyExportRules(const std::string& path, const ExportVerifyReport& file);

  AppContext& ctx_;
};

}  // namespace docket
