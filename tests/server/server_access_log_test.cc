// The access log of `docket serve` (spdlog, on stderr): nothing without -v; with -v one line
// at info per request, with the method, the path, the status, the bytes and the
// milliseconds, and nothing of the query, the headers, the cookies or the body.
#include <signal.h>

#include <algorithm>
#include <regex>
#include <sstream>
#include <vector>

#include "server_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ServerAccessLogTest : public ServerTest {
 protected:
  // The requests, each carrying a secret in its query, a cookie, a token and (POST) a body.
  void Send() {
    const httplib::Headers secrets{{"Cookie", "session=secret-cookie"}, {"Authorization", "Bearer secret-token"},
                                   {"Accept-Language", "en"}};
    auto c = Client();
    ASSERT_TRUE(c.Get("/healthz?token=secret-query", secrets));
    ASSERT_TRUE(c.Get("/api/orgs/no-such-school/public", secrets));
    ASSERT_TRUE(c.Post("/api/orgs/school-a/public", secrets, "password=secret-body", "application/x-www-form-urlencoded"));
  }
};

TEST_F(ServerAccessLogTest, WithoutVerboseNothingIsLogged) {
  ASSERT_GT(Start(), 0);
  Send();
  ASSERT_EQ(StopWith(SIGTERM), 0);
  EXPECT_EQ(ServerErr(), "");
}

TEST_F(ServerAccessLogTest, WithVerboseEachRequestIsOneInfoLineWithoutHeadersOrBody) {
  ASSERT_GT(Start({"-v"}), 0);
  Send();
  ASSERT_EQ(StopWith(SIGTERM), 0);
  const std::string log = ServerErr();
  std::vector<std::string> lines;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 3u) << log;
  // docket: info: ADDRESS METHOD PATH STATUS BYTESB MILLISECONDSms
  const std::regex shape(R"(docket: info: 127\.0\.0\.1 (GET|POST) (/\S*) ([0-9]{3}) ([0-9]+)B ([0-9]+\.[0-9])ms)");
  // Each request is answered on a connection of its own, so the lines may come in any order.
  std::vector<std::string> logged;
  for (const auto& line : lines) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(line, m, shape)) << line;
    logged.push_back(m[1].str() + " " + m[2].str() + " " + m[3].str());
  }
  std::sort(logged.begin(), logged.end());
  EXPECT_EQ(logged, (std::vector<std::string>{"GET /api/orgs/no-such-school/public 404", "GET /healthz 200",
                                              "POST /api/orgs/school-a/public 404"}));
  EXPECT_THAT(log, HasSubstr(" GET /healthz 200 15B "));  // {"status":"ok"}
  EXPECT_THAT(log, Not(HasSubstr("secret")));
  EXPECT_THAT(log, Not(HasSubstr("?")));
}

}  // namespace
}  // namespace docket::testing
