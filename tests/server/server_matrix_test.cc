// Authorization on every route that reads or changes the record, for every person of the example district and for no
// one: the server answers what the CLI answers `--as` the same person (the same rules, one
// door), and a few cells are pinned so that the comparison cannot pass vacuously.
#include <map>

#include "server_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

// The HTTP status of a CLI exit code (docs/ARCHITECTURE.md "Errors and exit codes").
int StatusOfExit(int code, int ok) {
  switch (code) {
    case 0: return ok;
    case 2: return 400;
    case 3: return 404;
    case 4: return 403;
    case 5: return 422;
    case 6: return 409;
    default: return 500;
  }
}

class ServerMatrixTest : public ServerTest {};

TEST_F(ServerMatrixTest, EveryItemRouteAnswersEveryPersonAsTheCliDoes) {
  const std::vector<std::string> people{"zhao", "wang", "li", "chen", "liu", "sun"};
  // A task to read, and one per person and door to acknowledge, all made before the server
  // writes (the CLI's clock is fixed earlier than the server's).
  ASSERT_EQ(Docket({"calendar", "load", SourcePath("workflows/examples/calendar.yaml")}).exit_code, 0);
  const std::string read_task = NewTask();
  std::map<std::string, std::string> cli_task, web_task;
  for (const auto& p : people) {
    cli_task[p] = NewTask();
    web_task[p] = NewTask();
  }
  struct Cell {
    std::string route;
    std::vector<std::string> cli;  // the same request on the command line
    int ok = 200;
  };
  std::map<std::pair<std::string, std::string>, int> cli_status;  // (person, route)
  auto cells = [&](const std::string& p) {
    return std::vector<Cell>{
        {"GET /api/items/{read}", {"item", "show", read_task}},
        {"GET /api/items/{read}/history", {"item", "history", read_task}},
        {"GET /api/items?org=school-a", {"item", "list", "--org", "school-a"}},
        {"GET /api/items?org=school-b", {"item", "list", "--org", "school-b"}},
        {"POST /api/items", {"item", "create", "task", "--org", "school-a", "--set", "title=t", "--set", "owner=li",
                             "--set", "due_date=2027-06-30"}, 201},
        {"POST /api/items/{mine}/actions/acknowledge", {"item", "act", cli_task[p], "acknowledge"}},
        {"GET /api/orgs/school-a/findings", {"findings", "--org", "school-a"}},
        {"GET /api/orgs/district/findings", {"findings", "--org", "district"}},
        {"GET /api/reports/semester/school-a/2026-spring", {"report", "semester", "--org", "school-a", "--term", "2026-spring"}},
        {"GET /api/reports/semester/district/2026-spring/rollup", {"report", "rollup", "--org", "district", "--term", "2026-spring"}},
        {"GET /api/orgs", {"org", "list"}},
        {"GET /api/people", {"org", "people"}},
        {"GET /api/audit/verify?org=school-a", {"audit", "verify", "--org", "school-a"}},
        {"GET /api/audit/verify", {"audit", "verify"}},
        {"GET /api/orgs/school-a/audit/export", {"audit", "export", "--org", "school-a", "--out", dir_.File("export-" + p + ".jsonl")}},
        {"POST /api/config/tables", {"table", "load", SourcePath("workflows/lists/decision-matters.yaml")}},
        {"POST /api/invitations", {"user", "invite", "wang"}, 201},
        {"GET /api/accounts", {"user", "list"}},
        {"GET /api/tokens", {"token", "list"}},
    };
  };
  for (const auto& p : people) {
    for (const Cell& c : cells(p)) cli_status[{p, c.route}] = StatusOfExit(As(p, c.cli).exit_code, c.ok);
  }

  ASSERT_GT(Start(), 0);
  std::map<std::string, httplib::Headers> sessions;
  for (const auto& p : people) sessions[p] = SignIn(p).session;
  sessions["(signed out)"] = {};

  std::map<std::pair<std::string, std::string>, int> served;
  for (const auto& [p, headers] : sessions) {
    const std::string as = p == "(signed out)" ? "li" : p;
    for (const Cell& c : cells(as)) {
      std::string path = c.route.substr(c.route.find(' ') + 1);
      if (auto at = path.find("{read}"); at != std::string::npos) path.replace(at, 6, read_task);
      if (auto at = path.find("{mine}"); at != std::string::npos) path.replace(at, 6, web_task[as]);
      auto send = [&]() -> httplib::Result {
        if (c.route.rfind("GET", 0) == 0) return Client().Get(path, headers);
        if (path == "/api/config/tables") {
          return Client().Post(path, headers, FileText(SourcePath("workflows/lists/decision-matters.yaml")), "application/yaml");
        }
        if (path == "/api/invitations") return Client().Post(path, headers, nlohmann::json({{"person", "wang"}}).dump(), "application/json");
        if (path == "/api/items") {
          const nlohmann::json fields = {{"title", "t"}, {"owner", "li"}, {"due_date", "2027-06-30"}};
          const nlohmann::json body = {{"workflow", "task"}, {"org", "school-a"}, {"fields", fields}};
          return Client().Post(path, headers, body.dump(), "application/json");
        }
        return Client().Post(path, headers, "{}", "application/json");
      };
      httplib::Result r = send();
      ASSERT_TRUE(r) << p << " " << c.route;
      served[{p, c.route}] = r->status;
      if (p == "(signed out)") {
        EXPECT_EQ(r->status, 401) << c.route;
      } else if (c.route == "POST /api/config/tables") {
        // On this simulation the command line loads for anyone; a person signed in to the
        // server must be an administrator, as for an invitation (AppContext::SignedIn).
        const bool admin = cli_status[{p, "POST /api/invitations"}] == 201;
        EXPECT_EQ(r->status, admin ? 200 : 403) << p << " " << c.route << ": " << r->body;
      } else {
        EXPECT_EQ(r->status, (cli_status[{p, c.route}])) << p << " " << c.route << ": " << r->body;
      }
    }
  }
  // Pinned: the matrix is not all one answer.
  EXPECT_EQ((served[{"li", "GET /api/items/{read}"}]), 200);
  EXPECT_EQ((served[{"sun", "GET /api/items/{read}"}]), 403);
  EXPECT_EQ((served[{"zhao", "GET /api/items?org=school-b"}]), 200);
  EXPECT_EQ((served[{"liu", "POST /api/items"}]), 403);
  EXPECT_EQ((served[{"li", "POST /api/items/{mine}/actions/acknowledge"}]), 200);
  EXPECT_EQ((served[{"zhao", "GET /api/reports/semester/district/2026-spring/rollup"}]), 200);
  EXPECT_EQ((served[{"wang", "GET /api/reports/semester/district/2026-spring/rollup"}]), 403);
  EXPECT_EQ((served[{"zhao", "POST /api/config/tables"}]), 200);
  EXPECT_EQ((served[{"li", "POST /api/invitations"}]), 403);  // even on a simulation
  EXPECT_EQ((served[{"li", "GET /api/audit/verify?org=school-a"}]), 200);
  EXPECT_EQ((served[{"li", "GET /api/audit/verify"}]), 403);
  EXPECT_EQ((served[{"sun", "GET /api/orgs/school-a/audit/export"}]), 403);
  EXPECT_EQ((served[{"zhao", "POST /api/invitations"}]), 201);
  EXPECT_EQ((served[{"wang", "GET /api/accounts"}]), 403);
  EXPECT_EQ(served.size(), 7u * 19u);
  std::string table;
  for (const auto& [key, status] : served) table += key.first + " | " + key.second + " | " + std::to_string(status) + "\n";
  RecordProperty("matrix", table);
}

}  // namespace
}  // namespace docket::testing
