// Two `docket serve` processes on one PostgreSQL database (docs/DEPLOY.md, "Several servers
// on one PostgreSQL"): the fixture's school moved there with `docket migrate`, then 16
// clients act on the same items through both servers at once — one winner per version, no
// lost update, the chain unforked — and two ticking servers fire each step of an overdue
// task's ladder once.
#include <map>
#include <mutex>
#include <thread>

#include "server_fixture.h"
#include "support/paths.h"
#include "support/pg_database.h"

namespace docket::testing {
namespace {

class ServerPgTest : public ServerTest {};

// The count `sql` gives on the database at `url`, read with psql.
int Count(const std::string& url, const std::string& sql) {
  auto r = RunProcess("/usr/lib/postgresql/15/bin/psql", {url, "-tAc", sql}, ".");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.exit_code == 0 ? std::stoi(r.out) : -1;
}

TEST_F(ServerPgTest, SixteenClientsThroughTwoServersNeverLoseAnUpdateAndTheChainDoesNotFork) {
  DOCKET_REQUIRE_PG();
  PgTestDatabase pg;
  ASSERT_FALSE(pg.url().empty()) << pg.error();
  std::vector<std::string> items;
  for (int i = 0; i < 4; ++i) items.push_back(NewTask());
  // On the system clock (the server's), not the fixture's --now.
  auto made = RunProcess(DOCKET_BINARY, {"--db", db_, "--json", "token", "create", "--for", "li", "--org", "school-a",
                                         "--scope", "act"},
                         dir_.path());
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string token = nlohmann::json::parse(made.out)["token"];
  auto moved = RunProcess(DOCKET_BINARY, {"migrate", "--from", db_, "--to", pg.url()}, dir_.path());
  ASSERT_EQ(moved.exit_code, 0) << moved.err;

  const int ports[2] = {StartOn(pg.url(), {}, {"--tick-every", "0"}), StartOn(pg.url(), {}, {"--tick-every", "0"})};
  ASSERT_GT(ports[0], 0);
  ASSERT_GT(ports[1], 0);
  const httplib::Headers bearer{{"Authorization", "Bearer " + token}};
  std::mutex mu;
  std::map<std::string, int> wins;  // by item
  std::map<int, int> statuses;
  std::map<int, std::string> bodies;  // the first body of each status, for the failure message
  std::vector<std::thread> clients;
  for (int c = 0; c < 16; ++c) {
    clients.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", ports[c % 2]);
      client.set_read_timeout(std::chrono::seconds(20));
      for (const std::string& id : items) {
        for (const char* action : {"acknowledge", "start"}) {
          auto got = client.Get("/api/items/" + id, bearer);
          if (!got || got->status != 200) continue;
          httplib::Headers acting = bearer;
          acting.emplace("If-Match", got->get_header_value("ETag"));
          auto acted = client.Post("/api/items/" + id + "/actions/" + action, acting, "{}", "application/json");
          std::lock_guard lock(mu);
          ++statuses[acted ? acted->status : 0];
          if (acted) bodies.emplace(acted->status, acted->body);
          if (acted && acted->status == 200) ++wins[id];
        }
      }
    });
  }
  for (auto& t : clients) t.join();
  // Every action won, lost to a newer version (412 at If-Match, 409 at the store's
  // compare-and-set) or was refused by the workflow (422: the state had moved on).
  for (const auto& [status, n] : statuses) {
    EXPECT_TRUE(status == 200 || status == 409 || status == 412 || status == 422) << status << " x" << n << ": " << bodies[status];
  }
  EXPECT_GT(statuses[409] + statuses[412] + statuses[422], 0) << "the clients raced";
  for (const std::string& id : items) {
    auto got = httplib::Client("127.0.0.1", ports[0]).Get("/api/items/" + id, bearer);
    ASSERT_TRUE(got && got->status == 200);
    EXPECT_EQ(got->get_header_value("ETag"), "\"v" + std::to_string(1 + wins[id]) + "\"") << "item " << id;
    EXPECT_EQ(wins[id], 2) << "acknowledge and start, once each";
  }
  auto verify = RunProcess(DOCKET_BINARY, {"--db", pg.url(), "audit", "verify"}, dir_.path());
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_EQ(Count(pg.url(), "SELECT count(*) FROM audit a JOIN audit_heads h USING (org) WHERE a.seq > h.seq"), 0);
}

TEST_F(ServerPgTest, TwoTickingServersFireEachStepOnce) {
  DOCKET_REQUIRE_PG();
  PgTestDatabase pg;
  ASSERT_FALSE(pg.url().empty()) << pg.error();
  NewTask();  // due 2026-06-30: on the system clock its whole ladder is due
  auto moved = RunProcess(DOCKET_BINARY, {"migrate", "--from", db_, "--to", pg.url()}, dir_.path());
  ASSERT_EQ(moved.exit_code, 0) << moved.err;
  ASSERT_GT(StartOn(pg.url(), {}, {"--tick-every", "1"}), 0);
  ASSERT_GT(StartOn(pg.url(), {}, {"--tick-every", "1"}), 0);
  for (int i = 0; i < 100 && Count(pg.url(), "SELECT count(*) FROM timer_firings") < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::this_thread::sleep_for(std::chrono::seconds(3));  // more ticks, by both
  EXPECT_EQ(Count(pg.url(), "SELECT count(*) FROM timer_firings"), 3) << "the three steps of the task's ladder";
  EXPECT_EQ(Count(pg.url(), "SELECT count(*) FROM audit WHERE changes LIKE '%\"$firing\"%'"), 3);
  auto verify = RunProcess(DOCKET_BINARY, {"--db", pg.url(), "audit", "verify"}, dir_.path());
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

}  // namespace
}  // namespace docket::testing
