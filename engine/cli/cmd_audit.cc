// `docket audit verify | export | checkpoint | key | pin | pins` (portable proofs and the
// supervisor's pinned keys: docs/AUDIT.md), and `docket demo`.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <unistd.h>

#include "app/demo.h"
#include "app/json_views.h"
#include "cli/cli.h"
#include "cli/cmd_audit_batch.h"
#include "cli/output.h"

namespace docket::cli {

namespace {

// Options of the proof commands, shared by their callbacks.
struct AuditOptions {
  std::string org;
  std::vector<std::string> files;  // verify --file (one or more)
  std::string against;  // verify --against
  std::string key_pub;  // verify --key-pub
  std::string key;      // --key (else $DOCKET_KEY, else <db>.key)
  std::string out;
  std::string passphrase_file;  // --key-passphrase-file (else $DOCKET_KEY_PASSPHRASE_FILE)
  bool force = false;
  bool tree = false;  // export --tree
  bool seal = false;  // key --seal
};

// The key's passphrase: the first line of --key-passphrase-file, else of
// $DOCKET_KEY_PASSPHRASE_FILE; "" when neither is given.
Result<std::string> Passphrase(const AuditOptions& o) {
  std::string file = o.passphrase_file;
  if (const char* env = std::getenv("DOCKET_KEY_PASSPHRASE_FILE"); file.empty() && env && *env) file = env;
  if (file.empty()) return std::string();
  return ReadPassphrase(file);
}

// The installation key's file: --key, else $DOCKET_KEY, else the database's path + ".key".
std::string KeyPath(const AuditOptions& o, const Globals& g) {
  if (!o.key.empty()) return o.key;
  if (const char* env = std::getenv("DOCKET_KEY"); env && *env) return env;
  return g.db + ".key";
}

// The public key a checkpoint must be signed by: --key-pub, else the installation's own
// key when it exists. Invalid when there is neither.
Result<std::string> TrustedKey(const AuditOptions& o, const Globals& g) {
  if (!o.key_pub.empty()) return PublicKeyFrom(o.key_pub);
  const std::string path = KeyPath(o, g);
  auto key = KeyFilePublicHex(path, /*create=*/false);
  if (key.ok()) return key;
  if (key.status().code() != Code::kNotFound) return key.status();
  return Status::Invalid(Msg("no trusted key to check the checkpoint's signature against: pass --key-pub HEX|FILE (the signer's public key), or --key for this installation's key file ({file} does not exist)",
                             {{"file", path}}));
}

Status RunVerify(Context& ctx, const AuditOptions& o) {
  const Lang lang = ctx.lang();
  if (o.files.size() > 1) {
    if (!o.against.empty()) return Status::Invalid(Msg("--against checks one export file; {n} were given", {{"n", o.files.size()}}));
    if (!o.org.empty()) return Status::Invalid(Msg("--org checks one export file; {n} were given", {{"n", o.files.size()}}));
    return RunVerifyFiles(ctx, o.files);
  }
  if (!o.files.empty()) {
    const std::string& file = o.files.front();
    // Offline: the export file alone; the database is not opened.
    std::optional<std::string> against;
    std::string trusted;
    if (!o.against.empty()) {
      against = o.against;
      DOCKET_ASSIGN_OR_RETURN(auto t, TrustedKey(o, ctx.globals()));
      trusted = t;
    }
    DOCKET_ASSIGN_OR_RETURN(auto r, Docket::VerifyExport(file, against, trusted));
    const ExportHeader& h = r.file.header;
    if (!o.org.empty() && o.org != h.org) {
      return Status::Invalid(Msg("{file}: the export is of organization '{org}', not '{expected}'", {{"file", file}, {"org", h.org}, {"expected", o.org}}));
    }
    std::string text = Text(Msg("export verified: OK — {org}, {entries} entries, head {hash}, {definitions} workflow definition versions",
                                {{"org", h.org}, {"entries", h.entries}, {"hash", ShortHash(h.head_hash)},
                                 {"definitions", r.file.definitions.size()}}),
                            lang);
    nlohmann::json j = {{"ok", true}, {"file", file}, {"org", h.org}, {"entries", h.entries},
                        {"head_seq", h.head_seq}, {"head_hash", h.head_hash}, {"exported_at", h.exported_at},
                        {"definitions", r.file.definitions.size()}};
    if (r.checkpoint) {
      text += Text(Msg("; extends the checkpoint of {time} (entry {seq})",
                       {{"time", r.checkpoint->time}, {"seq", r.checkpoint->seq}}),
                   lang);
      j["checkpoint"] = {{"seq", r.checkpoint->seq}, {"head_hash", r.checkpoint->head_hash},
                         {"time", r.checkpoint->time}, {"public_key", r.checkpoint->public_key}};
    }
    ctx.Emit(text, j);
    return Status::Ok();
  }
  DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
  if (!o.against.empty()) {
    DOCKET_ASSIGN_OR_RETURN(auto trusted, TrustedKey(o, ctx.globals()));
    std::optional<std::string> only;
    if (!o.org.empty()) only = o.org;
    DOCKET_ASSIGN_OR_RETURN(auto r, d->VerifyAgainstCheckpoint(o.against, trusted, only));
    const Checkpoint& cp = r.checkpoint;
    ctx.Emit(Text(Msg("audit verify: OK — {org}'s log extends the checkpoint of {time} (entry {seq}); now {entries} entries, {items} items",
                      {{"org", cp.org}, {"time", cp.time}, {"seq", cp.seq}, {"entries", r.head_seq}, {"items", r.items}}),
                  lang),
             {{"ok", true}, {"org", cp.org}, {"checkpoint_seq", cp.seq}, {"checkpoint_time", cp.time},
              {"head_seq", r.head_seq}, {"head_hash", r.head_hash}, {"entries", r.entries}, {"items", r.items}});
    return Status::Ok();
  }
  std::optional<std::string> only;
  if (!o.org.empty()) only = o.org;
  DOCKET_ASSIGN_OR_RETURN(auto r, d->Verify(only));
  ctx.Emit(Text(Msg("audit verify: OK — {chains} chain(s), {entries} entries, {items} items",
                    {{"chains", r.orgs.size()}, {"entries", r.entries}, {"items", r.items}}),
                ctx.lang()),
           VerifyJson(r));
  return Status::Ok();
}

Status RunExport(Context& ctx, const AuditOptions& o) {
  if (o.tree) return RunExportTree(ctx, o.org, o.out, o.force);
  DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
  DOCKET_ASSIGN_OR_RETURN(auto r, d->ExportAudit(o.org, o.out, o.force));
  const ExportHeader& h = r.header;
  ctx.Emit(Text(Msg("exported {org}: {entries} entries, head {hash} → {file}",
                    {{"org", h.org}, {"entries", h.entries}, {"hash", ShortHash(h.head_hash)}, {"file", o.out}}),
                ctx.lang()),
           {{"ok", true}, {"file", o.out}, {"org", h.org}, {"entries", h.entries}, {"head_seq", h.head_seq},
            {"head_hash", h.head_hash}, {"exported_at", h.exported_at}, {"bytes", r.bytes},
            {"definitions", r.definitions.size()}});
  return Status::Ok();
}

Status RunCheckpoint(Context& ctx, const AuditOptions& o) {
  DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
  DOCKET_ASSIGN_OR_RETURN(const std::string passphrase, Passphrase(o));
  DOCKET_ASSIGN_OR_RETURN(const SigningKey key, LoadKey(KeyPath(o, ctx.globals()), /*create=*/true, passphrase));
  DOCKET_ASSIGN_OR_RETURN(auto cp, d->MakeCheckpoint(o.org, key));
  const std::string text = CheckpointFileText(cp);
  if (o.out.empty()) {
    std::cout << text;  // the checkpoint itself, whatever --json says: it is JSON
    return Status::Ok();
  }
  DOCKET_RETURN_IF_ERROR(WriteWholeFile(o.out, text, o.force));
  ctx.Emit(Text(Msg("checkpoint signed: {org} entry {seq} ({hash}) → {file}",
                    {{"org", cp.org}, {"seq", cp.seq}, {"hash", ShortHash(cp.head_hash)}, {"file", o.out}}),
                ctx.lang()),
           {{"ok", true}, {"file", o.out}, {"org", cp.org}, {"seq", cp.seq}, {"head_hash", cp.head_hash},
            {"time", cp.time}, {"public_key", cp.public_key}});
  return Status::Ok();
}

// `audit key [--seal]`: the public key (the key made when absent, sealed under the
// passphrase when one is given); --seal protects an existing plain key with the passphrase.
Status RunKey(Context& ctx, const AuditOptions& o) {
  const std::string path = KeyPath(o, ctx.globals());
  DOCKET_ASSIGN_OR_RETURN(const std::string passphrase, Passphrase(o));
  if (o.seal && passphrase.empty()) {
    return Status::Invalid(Msg("--seal needs the passphrase: --key-passphrase-file FILE (or $DOCKET_KEY_PASSPHRASE_FILE)"));
  }
  Result<std::string> hex = KeyFilePublicHex(path, /*create=*/false);
  if (!hex.ok() && hex.status().code() == Code::kNotFound) {
    DOCKET_RETURN_IF_ERROR(LoadKey(path, /*create=*/true, passphrase).status());
    hex = KeyFilePublicHex(path, /*create=*/false);
  } else if (o.seal && hex.ok()) {
    DOCKET_RETURN_IF_ERROR(SealKey(path, passphrase));
  }
  if (!hex.ok()) return hex.status();
  if (!o.out.empty()) DOCKET_RETURN_IF_ERROR(WriteWholeFile(o.out, *hex + "\n", o.force));
  ctx.Emit(*hex, {{"ok", true}, {"public_key", *hex}, {"key_file", path}});
  return Status::Ok();
}

// `audit pin ORG --key-pub K`: the supervisor's installation pins the key ORG signs with.
Status RunPin(Context& ctx, const AuditOptions& o) {
  DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
  DOCKET_ASSIGN_OR_RETURN(PinnedKey pin, d->PinKey(o.org, o.key_pub, ctx.actor()));
  const Msg said = !pin.changed     ? Msg("{org}: key {key} was pinned already", {{"org", pin.org}, {"key", ShortHash(pin.public_key)}})
                   : pin.before.empty() ? Msg("{org}: checkpoints must now be signed by key {key}", {{"org", pin.org}, {"key", ShortHash(pin.public_key)}})
                                      : Msg("{org}: checkpoints must now be signed by key {key} (was {before})",
                                            {{"org", pin.org}, {"key", ShortHash(pin.public_key)}, {"before", ShortHash(pin.before)}});
  ctx.Emit(Text(said, ctx.lang()), {{"ok", true}, {"org", pin.org}, {"public_key", pin.public_key},
                                    {"before", pin.before.empty() ? nlohmann::json(nullptr) : nlohmann::json(pin.before)},
                                    {"changed", pin.changed}});
  return Status::Ok();
}

// `audit pins`: every pinned organization and the last checkpoint received from it.
Status RunPins(Context& ctx) {
  DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
  DOCKET_ASSIGN_OR_RETURN(std::vector<ReceivedCheckpoints> pins, d->Pins());
  std::string text;
  nlohmann::json j = nlohmann::json::array();
  for (const ReceivedCheckpoints& p : pins) {
    j.push_back(ReceivedJson(p));
    text += p.last ? Text(Msg("{org}: key {key}, last checkpoint at entry {seq} ({hash}) of {time}",
                              {{"org", p.org}, {"key", ShortHash(p.public_key)}, {"seq", p.last->seq},
                               {"hash", ShortHash(p.last->head_hash)}, {"time", p.last->time}}),
                          ctx.lang())
                   : Text(Msg("{org}: key {key}, no checkpoint received yet", {{"org", p.org}, {"key", ShortHash(p.public_key)}}),
                          ctx.lang());
    text += "\n";
  }
  if (pins.empty()) text = Text(Msg("no key is pinned: `docket audit pin ORG --key-pub KEY`"), ctx.lang()) + "\n";
  ctx.Emit(text.substr(0, text.size() - 1), j);
  return Status::Ok();
}

}  // namespace

void AddAuditCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* audit = app.add_subcommand("audit", ctx.Text(Msg("The tamper-evident audit log")));
  auto o = std::make_shared<AuditOptions>();
  const std::string key_help = ctx.Text(Msg("This installation's key file (default $DOCKET_KEY, else <db>.key)"));
  const std::string passphrase_help =
      ctx.Text(Msg("A file whose first line is the key's passphrase, when the key is protected (default $DOCKET_KEY_PASSPHRASE_FILE)"));

  auto* verify = audit->add_subcommand(
      "verify", ctx.Text(Msg("Recompute every hash chain and replay every item; or check an export file offline (--file), or prove the log extends a signed checkpoint (--against); exit 7 on a mismatch")));
  verify->add_option("--org", o->org, ctx.Text(Msg("Only this organization's chain")));
  verify->add_option("--file", o->files,
                     ctx.Text(Msg("Verify this export file, without the database; give several (--file A --file B, or --file DIR/*.jsonl) to check them side by side")));
  verify->add_option("--against", o->against, ctx.Text(Msg("A checkpoint file the log must extend")));
  verify->add_option("--key-pub", o->key_pub, ctx.Text(Msg("The trusted signer's public key: 64 hex digits or a file holding them")));
  verify->add_option("--key", o->key, key_help);
  SetRunner(verify, run, [&ctx, o]() { return RunVerify(ctx, *o); });

  auto* exp = audit->add_subcommand("export", ctx.Text(Msg("Write an organization's chain as a self-describing JSON Lines file")));
  exp->add_option("--org", o->org, ctx.Text(Msg("The organization")))->required();
  exp->add_option("--out", o->out, ctx.Text(Msg("The file to write (with --tree: the folder, made when missing)")))->required();
  exp->add_flag("--tree", o->tree,
                ctx.Text(Msg("Also every organization below --org, at any depth: one file each, <org>.jsonl in the folder --out")));
  exp->add_flag("--force", o->force, ctx.Text(Msg("Replace the file if it exists")));
  SetRunner(exp, run, [&ctx, o]() { return RunExport(ctx, *o); });

  auto* cp = audit->add_subcommand("checkpoint", ctx.Text(Msg("Sign the head of an organization's chain with this installation's key")));
  cp->add_option("--org", o->org, ctx.Text(Msg("The organization")))->required();
  cp->add_option("--out", o->out, ctx.Text(Msg("Write the checkpoint here (default: standard output)")));
  cp->add_flag("--force", o->force, ctx.Text(Msg("Replace the file if it exists")));
  cp->add_option("--key", o->key, key_help);
  cp->add_option("--key-passphrase-file", o->passphrase_file, passphrase_help);
  SetRunner(cp, run, [&ctx, o]() { return RunCheckpoint(ctx, *o); });

  auto* key = audit->add_subcommand("key", ctx.Text(Msg("Print this installation's public key (made on first use)")));
  key->add_option("--out", o->out, ctx.Text(Msg("Also write it to this file")));
  key->add_flag("--force", o->force, ctx.Text(Msg("Replace the file if it exists")));
  key->add_option("--key", o->key, key_help);
  key->add_option("--key-passphrase-file", o->passphrase_file, passphrase_help);
  key->add_flag("--seal", o->seal,
                ctx.Text(Msg("Protect the key file with the passphrase (Argon2id): signing then needs the passphrase, its public key does not")));
  SetRunner(key, run, [&ctx, o]() { return RunKey(ctx, *o); });

  auto* pin = audit->add_subcommand(
      "pin", ctx.Text(Msg("On the supervisor's installation: accept an organization's checkpoints only when signed by this public key")));
  pin->add_option("org", o->org, ctx.Text(Msg("The organization")))->required();
  pin->add_option("--key-pub", o->key_pub, ctx.Text(Msg("Its public key: 64 hex digits or a file holding them (its `docket audit key`)")))->required();
  SetRunner(pin, run, [&ctx, o]() { return RunPin(ctx, *o); });

  auto* pins = audit->add_subcommand("pins", ctx.Text(Msg("The pinned keys and the last checkpoint received from each organization")));
  SetRunner(pins, run, [&ctx]() { return RunPins(ctx); });

  audit->require_subcommand(1);
}

void AddDemoCommand(CLI::App& app, Context& ctx, Runner* run) {
  auto* demo = app.add_subcommand(
      "demo", ctx.Text(Msg("Run the whole cycle on a fresh database and tell it (keeps the database only with --db)")));
  SetRunner(demo, run, [&ctx]() -> Status {
    Globals& g = ctx.globals();
    namespace fs = std::filesystem;
    fs::path temp;
    if (!g.db_given) {
      temp = fs::temp_directory_path() / ("docket-demo-" + std::to_string(::getpid()));
      fs::create_directories(temp);
      g.db = (temp / "demo.db").string();
    } else if (fs::exists(g.db)) {
      return Status::Invalid(Msg("--db {file}: the demo needs a new database file; this one exists", {{"file", g.db}}));
    }
    auto start = ParseTime(g.now.empty() ? "2026-03-02T09:00:00Z" : g.now);
    if (!start) return Status::Invalid(Msg("--now: '{text}' is not an ISO 8601 time", {{"text", g.now}}));
    FixedClock clock(*start);
    DOCKET_ASSIGN_OR_RETURN(auto docket, ctx.OpenDocket(clock, /*create=*/true));
    DOCKET_RETURN_IF_ERROR(docket->InitMode(true).status());
    Status st = RunDemo(*docket, clock, ctx.lang(), [](const std::string& line) { std::cout << line << "\n"; });
    if (!temp.empty()) {
      std::error_code ec;
      fs::remove_all(temp, ec);
    } else if (st.ok()) {
      std::cout << ctx.Text(Msg("The database is kept at {file}", {{"file", g.db}})) << "\n";
    }
    return st;
  });
}

}  // namespace docket::cli
