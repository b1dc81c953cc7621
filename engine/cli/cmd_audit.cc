// `docket audit verify`, and `docket demo`.
#include <filesystem>
#include <iostream>

#include <unistd.h>

#include "app/demo.h"
#include "cli/cli.h"
#include "cli/output.h"

namespace docket::cli {

void AddAuditCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* audit = app.add_subcommand("audit", "The tamper-evident audit log / 审计记录");
  auto org = std::make_shared<std::string>();
  auto* verify = audit->add_subcommand("verify", "Recompute every hash chain and replay every item; exit 7 on a mismatch");
  verify->add_option("--org", *org, "Only this organization's chain");
  SetRunner(verify, run, [&ctx, org]() -> Status {
    auto d = ctx.docket();
    if (!d.ok()) return d.status();
    std::optional<std::string> only;
    if (!org->empty()) only = *org;
    auto r = (*d)->Verify(only);
    if (!r.ok()) return r.status();
    ctx.Emit("audit verify: OK — " + std::to_string(r->orgs.size()) + " chain(s), " +
                 std::to_string(r->entries) + " entries, " + std::to_string(r->items) + " items",
             {{"ok", true}, {"orgs", r->orgs}, {"entries", r->entries}, {"items", r->items}});
    return Status::Ok();
  });
  audit->require_subcommand(1);
}

void AddDemoCommand(CLI::App& app, Context& ctx, Runner* run) {
  auto* demo = app.add_subcommand(
      "demo", "Run the whole cycle on a fresh database and tell it (keeps the database only with --db)");
  SetRunner(demo, run, [&ctx]() -> Status {
    Globals& g = ctx.globals();
    namespace fs = std::filesystem;
    fs::path temp;
    if (!g.db_given) {
      temp = fs::temp_directory_path() / ("docket-demo-" + std::to_string(::getpid()));
      fs::create_directories(temp);
      g.db = (temp / "demo.db").string();
    } else if (fs::exists(g.db)) {
      return Status::Invalid("--db " + g.db + ": the demo needs a new database file; this one exists");
    }
    auto start = ParseTime(g.now.empty() ? "2026-03-02T09:00:00Z" : g.now);
    if (!start) return Status::Invalid("--now: '" + g.now + "' is not an ISO 8601 time");
    FixedClock clock(*start);
    auto store = ctx.store();
    if (!store.ok()) return store.status();
    Docket docket(**store, clock, ctx.logger());
    Status st = RunDemo(docket, clock, ctx.lang(), [](const std::string& line) { std::cout << line << "\n"; });
    if (!temp.empty()) {
      std::error_code ec;
      fs::remove_all(temp, ec);
    } else if (st.ok()) {
      std::cout << Tr(ctx.lang(), "数据库保存在 ", "The database is kept at ") << g.db << "\n";
    }
    return st;
  });
}

}  // namespace docket::cli
