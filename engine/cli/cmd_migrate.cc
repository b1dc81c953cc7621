// `docket migrate --from URL --to URL`: the whole record copied from one database into an
// empty other, both verified (app/migrate.h; docs/DEPLOY.md).
#include "cli/cli.h"
#include "cli/output.h"

namespace docket::cli {

void AddMigrateCommand(CLI::App& app, Context& ctx, Runner* run) {
  auto* cmd = app.add_subcommand(
      "migrate",
      ctx.Text(Msg("Copy the whole record from one database into an empty one (SQLite or PostgreSQL) in one transaction, verifying both; exit 6 when the target is not empty")));
  struct Args {
    std::string from, to;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--from", a->from, ctx.Text(Msg("The database to copy: sqlite:FILE, a file, or postgresql://…")))
      ->required();
  cmd->add_option("--to", a->to,
                  ctx.Text(Msg("The empty database to copy into (made when missing): sqlite:FILE, a file, or postgresql://…")))
      ->required();
  SetRunner(cmd, run, [&ctx, a]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(const Clock* clock, ctx.clock());
    DOCKET_ASSIGN_OR_RETURN(MigrateReport r, Docket::Migrate(a->from, a->to, *clock, ctx.logger()));
    const Lang l = ctx.lang();
    std::vector<std::vector<std::string>> rows;
    nlohmann::json chains = nlohmann::json::array();
    for (const ChainCopied& c : r.chains) {
      rows.push_back({c.org, std::to_string(c.entries), c.head_hash});
      chains.push_back({{"org", c.org}, {"entries", c.entries}, {"head_hash", c.head_hash}});
    }
    // Each count once, for the text and the JSON alike.
    const std::vector<std::pair<std::string, std::int64_t>> counts = {
        {"orgs", r.orgs},       {"people", r.people},   {"workflows", r.workflows},
        {"reports", r.reports}, {"items", r.items},     {"firings", r.firings},
        {"notifications", r.notifications}, {"documents", r.documents}, {"accounts", r.accounts},
        {"credentials", r.credentials}};
    std::vector<Msg::Arg> args = {{"from", r.from}, {"to", r.to}};
    nlohmann::json json = {{"ok", true}, {"from", r.from}, {"to", r.to}};
    for (const auto& [name, n] : counts) {
      args.emplace_back(name, n);
      json[name] = n;
    }
    json["attachments"] = r.attachments;
    json["chains"] = chains;
    const std::string head =
        Text(Msg("migrated {from} → {to}: {orgs} organizations, {people} people, {workflows} workflow versions, {reports} report versions, {items} items, {firings} timer firings, {notifications} notifications, {documents} documents, {accounts} accounts, {credentials} credentials; both sides verified, every chain's head equal:",
                 std::move(args)),
             l) +
        "\n";
    ctx.Emit(head + Table({Text(Msg("Organization"), l), Text(Msg("Entries"), l), Text(Msg("Head hash"), l)}, rows), json);
    return Status::Ok();
  });
}

}  // namespace docket::cli
