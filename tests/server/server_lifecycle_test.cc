// `docket serve` as a process: a bad --listen refused with its exit code and message, and
// SIGTERM or SIGINT letting a slow request in flight finish before the process exits 0, and
// connections not yet accepted queued by the hundred.
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "server_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class ServerLifecycleTest : public ServerTest {};

TEST_F(ServerLifecycleTest, StopSignalsLetASlowRequestInFlightFinishThenExitZero) {
  for (int signal : {SIGTERM, SIGINT}) {
    ASSERT_GT(Start(), 0);
    RawConnection conn(port_);
    ASSERT_TRUE(conn.connected());
    // The request line, the headers and half of the body: the server is reading it.
    ASSERT_TRUE(conn.Send("POST /api/orgs/school-a/public HTTP/1.1\r\nHost: test\r\nAccept-Language: en\r\n"
                          "Connection: close\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\n12345"));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    kill(pid_, signal);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    // No new connection is taken once the signal has arrived.
    auto refused = Client().Get("/healthz");
    EXPECT_FALSE(refused) << "a new request was answered after the signal: " << refused->status;
    ASSERT_TRUE(conn.Send("67890"));
    const std::string answer = conn.ReadAll();
    EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 404")) << answer;  // POST has no route: answered in full
    EXPECT_THAT(answer, HasSubstr("no route POST /api/orgs/school-a/public"));
    EXPECT_EQ(StopWith(0), 0) << "signal " << signal << ": " << ServerErr();
  }
}

TEST_F(ServerLifecycleTest, AnIdleClientDoesNotHoldTheOnlyWorkerForLong) {
  ASSERT_GT(Start({}, {"--threads", "1"}), 0);
  RawConnection idle(port_);  // connects, then sends nothing
  ASSERT_TRUE(idle.connected());
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto start = std::chrono::steady_clock::now();
  auto r = Client().Get("/healthz");  // waits for the one worker
  const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
  EXPECT_LT(waited, 4.0);  // the keep-alive timeout (2 s) closed the idle connection
  EXPECT_EQ(idle.ReadAll(), "");  // closed by the server without an answer
}

// Clients that connect while the server is not accepting (here: stopped) wait in the
// kernel's queue rather than having their handshake dropped: httplib's own queue is 5
// connections, after which a request waits for TCP's retransmission (200 ms, doubling).
TEST_F(ServerLifecycleTest, ConnectionsNotYetAcceptedWaitInAQueueOfHundreds) {
  const int port = Start();
  ASSERT_GT(port, 0);
  ASSERT_EQ(::kill(pid_, SIGSTOP), 0);
  constexpr int kClients = 64;
  std::vector<pollfd> fds;
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<std::uint16_t>(port));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  for (int i = 0; i < kClients; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    ASSERT_GE(fd, 0);
    (void)::connect(fd, reinterpret_cast<const sockaddr*>(&to), sizeof to);
    fds.push_back({fd, POLLOUT, 0});
  }
  // Connected within half a second: the handshake completed in the queue (a dropped one
  // would wait for the SYN's retransmission after 1 s).
  int connected = 0;
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
  while (connected < kClients && std::chrono::steady_clock::now() < until) {
    connected = 0;
    (void)::poll(fds.data(), fds.size(), 50);
    for (pollfd& p : fds) {
      int error = 0;
      socklen_t len = sizeof error;
      if ((p.revents & POLLOUT) && ::getsockopt(p.fd, SOL_SOCKET, SO_ERROR, &error, &len) == 0 && error == 0) ++connected;
    }
  }
  ASSERT_EQ(::kill(pid_, SIGCONT), 0);
  for (pollfd& p : fds) ::close(p.fd);
  EXPECT_EQ(connected, kClients);
  auto health = Client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_F(ServerLifecycleTest, ABadListenAddressIsRefusedWithExit2) {
  for (const char* bad : {"nonsense", "127.0.0.1", "127.0.0.1:", ":8080", "127.0.0.1:99999", "127.0.0.1:80x", "::1:8080"}) {
    auto r = RunProcess(DOCKET_BINARY, {"--db", db_, "--lang", "en", "serve", "--listen", bad});
    EXPECT_EQ(r.exit_code, 2) << bad << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr("--listen: '" + std::string(bad) + "' is not HOST:PORT")) << bad;
    EXPECT_EQ(r.out, "") << bad;
  }
  auto zh = RunProcess(DOCKET_BINARY, {"--db", db_, "serve", "--listen", "nonsense"});
  EXPECT_EQ(zh.exit_code, 2);
  EXPECT_TRUE(HasChinese(zh.err)) << zh.err;
}

TEST_F(ServerLifecycleTest, APortInUseIsRefusedWithExit8AndTheFirstServerKeepsServing) {
  ASSERT_GT(Start(), 0);
  const std::string taken = "127.0.0.1:" + std::to_string(port_);
  auto r = RunProcess(DOCKET_BINARY, {"--db", db_, "--lang", "en", "serve", "--listen", taken});
  EXPECT_EQ(r.exit_code, 8) << r.err;
  EXPECT_THAT(r.err, HasSubstr("cannot listen on " + taken));
  EXPECT_EQ(Client().Get("/healthz")->status, 200);
}

TEST_F(ServerLifecycleTest, AMissingDatabaseOrATypedClockIsRefusedBeforeListening) {
  auto missing = RunProcess(DOCKET_BINARY, {"--db", dir_.File("none.db"), "--lang", "en", "serve", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(missing.exit_code, 3) << missing.err;
  EXPECT_EQ(missing.out, "");
  auto typed = RunProcess(DOCKET_BINARY, {"--db", db_, "--now", "2026-03-02T09:00:00Z", "--lang", "en", "serve"});
  EXPECT_EQ(typed.exit_code, 2) << typed.err;
  EXPECT_THAT(typed.err, HasSubstr("--now is not accepted"));
}

}  // namespace
}  // namespace docket::testing
