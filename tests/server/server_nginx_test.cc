// docs/DEPLOY.md run for real: nginx from Debian with the page's site (TLS on a throw-away
// certificate) in front of `docket serve`, and the page's systemd unit checked by
// systemd-analyze (nginx_fixture.h).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <chrono>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "nginx_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class ServerNginxTest : public NginxTest {};

// A TLS connection (OpenSSL, the certificate not checked) written by hand, to be slow on
// purpose after the handshake.
class SlowTls {
 public:
  explicit SlowTls(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)), ctx_(SSL_CTX_new(TLS_client_method())), ssl_(SSL_new(ctx_)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    SSL_set_fd(ssl_, fd_);
    ok_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 && SSL_connect(ssl_) == 1;
  }
  ~SlowTls() {
    SSL_free(ssl_);
    SSL_CTX_free(ctx_);
    close(fd_);
  }
  SlowTls(const SlowTls&) = delete;
  SlowTls& operator=(const SlowTls&) = delete;
  bool ok() const { return ok_; }
  bool Send(const std::string& text) { return SSL_write(ssl_, text.data(), static_cast<int>(text.size())) == static_cast<int>(text.size()); }

 private:
  int fd_;
  SSL_CTX* ctx_;
  SSL* ssl_;
  bool ok_ = false;
};

TEST_F(ServerNginxTest, TheSiteServesTheApiOverTlsWithTheServersAnswersAndHeaders) {
  Decisions();
  ASSERT_GT(Start(), 0);
  ASSERT_GT(StartNginx(port_), 0);
  auto tls = Tls();

  auto health = tls->Get("/healthz");
  ASSERT_TRUE(health) << httplib::to_string(health.error()) << "\n" << NginxErr();
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(health->body, R"({"status":"ok"})");
  // The server's security headers pass through; HSTS is nginx's own.
  EXPECT_EQ(health->get_header_value("Content-Security-Policy"), "default-src 'self'; frame-ancestors 'none'");
  EXPECT_EQ(health->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(health->get_header_value("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(health->get_header_value("Strict-Transport-Security"), "max-age=31536000");

  auto listing = tls->Get("/api/orgs/school-a/public");
  ASSERT_TRUE(listing);
  ASSERT_EQ(listing->status, 200) << listing->body;
  EXPECT_EQ(listing->body, Client().Get("/api/orgs/school-a/public")->body);  // what the server itself answers
  EXPECT_THAT(listing->body, HasSubstr("公开决定"));
  EXPECT_THAT(listing->body, ::testing::Not(HasSubstr("内部决定")));

  auto missing = tls->Get("/api/orgs/no-such-school/public", {{"Accept-Language", "en"}});
  const auto problem = Problem(missing, 404);
  EXPECT_EQ(missing->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_THAT(problem.value("detail", ""), HasSubstr("no-such-school"));

  // A body over 1 MiB is refused by nginx before the server sees it; one within passes on.
  auto large = tls->Post("/api/orgs/school-a/public", std::string((1 << 20) + 1, 'x'), "text/plain");
  ASSERT_TRUE(large) << httplib::to_string(large.error());
  EXPECT_EQ(large->status, 413);
  EXPECT_EQ(large->get_header_value("Content-Type"), "text/html");  // nginx's page, not the server's problem
  auto small = tls->Post("/api/orgs/school-a/public", {{"Accept-Language", "en"}}, std::string(1000, 'x'), "text/plain");
  EXPECT_THAT(Problem(small, 404).value("detail", ""), HasSubstr("no route POST /api/orgs/school-a/public"));

  // Plain HTTP is sent to HTTPS.
  httplib::Client plain("127.0.0.1", http_port_);
  auto redirect = plain.Get("/healthz");
  ASSERT_TRUE(redirect);
  EXPECT_EQ(redirect->status, 301);
  EXPECT_THAT(redirect->get_header_value("Location"), StartsWith("https://127.0.0.1"));
}

TEST_F(ServerNginxTest, BehindTheSiteSlowClientsDoNotDelayAnotherAtAll) {
  std::signal(SIGPIPE, SIG_IGN);  // a write to a connection nginx has closed is not a failure
  ASSERT_GT(Start({}, {"--threads", "2"}), 0);
  ASSERT_GT(StartNginx(port_), 0);
  // As in server_slow_client_test.cc, which holds the server's two workers for 5 s.
  std::vector<std::unique_ptr<SlowTls>> slow;
  std::vector<std::unique_ptr<RawConnection>> silent;
  for (int i = 0; i < 2; ++i) {
    slow.push_back(std::make_unique<SlowTls>(https_port_));
    ASSERT_TRUE(slow.back()->ok());
    silent.push_back(std::make_unique<RawConnection>(https_port_));
    ASSERT_TRUE(silent.back()->connected());
  }
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    const std::string header = "GET /healthz HTTP/1.1\r\nHost: test\r\nX-Slow: " + std::string(200, 'x');
    for (std::size_t i = 0; i < header.size() && !done; ++i) {
      for (auto& s : slow) s->Send(header.substr(i, 1));
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  const auto start = std::chrono::steady_clock::now();
  auto r = Tls()->Get("/healthz");
  const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  done = true;
  trickle.join();
  ASSERT_TRUE(r) << httplib::to_string(r.error()) << "\n" << NginxErr();
  EXPECT_EQ(r->status, 200);
  std::cout << "through nginx the third client waited " << waited << " s\n";
  EXPECT_LT(waited, 1.0);
}

TEST_F(ServerNginxTest, TheSitePassesTheClientsAddressAndSchemeToTheServer) {
  // A recording upstream in place of the server: what the site sends on, header by header.
  httplib::Server upstream;
  std::mutex mu;
  httplib::Headers seen;
  upstream.Get("/healthz", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mu);
    seen = req.headers;
    res.set_content("{}", "application/json");
  });
  const int port = upstream.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  upstream.set_keep_alive_timeout(1);  // stop() waits for an idle connection of nginx
  std::thread serving([&] { upstream.listen_after_bind(); });
  ASSERT_GT(StartNginx(port), 0);
  auto r = Tls()->Get("/healthz", {{"X-Forwarded-For", "203.0.113.7"}, {"X-Forwarded-Proto", "http"}});
  upstream.stop();
  serving.join();
  ASSERT_TRUE(r) << httplib::to_string(r.error()) << "\n" << NginxErr();
  EXPECT_EQ(r->status, 200);
  std::lock_guard lock(mu);
  auto header = [&](const std::string& name) {
    const auto it = seen.find(name);
    return it == seen.end() ? std::string("(absent)") : it->second;
  };
  EXPECT_EQ(header("X-Forwarded-For"), "203.0.113.7, 127.0.0.1");  // the client's claim, then its address
  EXPECT_EQ(header("X-Forwarded-Proto"), "https");                // nginx's scheme, not the client's
  EXPECT_EQ(header("Host"), "127.0.0.1");
  EXPECT_EQ(header("Connection"), "(absent)");  // kept alive to the server
}

TEST(DeployUnitTest, TheSystemdUnitOfDeployMdVerifies) {
  const std::string analyze = FindProgram("systemd-analyze");
  if (analyze.empty()) GTEST_SKIP() << "no systemd-analyze on PATH or in /usr/sbin";
  std::string unit = DeployBlock("unit");
  const std::string exec = "/usr/local/bin/docket";
  ASSERT_NE(unit.find(exec), std::string::npos) << unit;
  unit.replace(unit.find(exec), exec.size(), DOCKET_BINARY);  // the built binary, which exists
  TempDir dir;
  WriteFile(dir.File("docket.service"), unit);
  auto r = RunProcess(analyze, {"verify", dir.File("docket.service")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");  // an unknown key or a bad value is only a warning on stderr
}

}  // namespace
}  // namespace docket::testing
