// A slow client cannot hold a worker: with two workers, two clients that trickle a request
// header a byte a second and two that connect and send nothing do not keep a third client
// waiting much past the read timeout (ServerOptions::read_timeout, 5 s).
#include <atomic>
#include <chrono>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "server_fixture.h"

namespace docket::testing {
namespace {

class ServerSlowClientTest : public ServerTest {};

TEST_F(ServerSlowClientTest, TricklingAndSilentClientsAreCutOffByTheReadTimeout) {
  ASSERT_GT(Start({}, {"--threads", "2"}), 0);
  std::vector<std::unique_ptr<RawConnection>> slow, silent;
  for (int i = 0; i < 2; ++i) {
    slow.push_back(std::make_unique<RawConnection>(port_));
    ASSERT_TRUE(slow.back()->connected());
  }
  for (int i = 0; i < 2; ++i) {
    silent.push_back(std::make_unique<RawConnection>(port_));
    ASSERT_TRUE(silent.back()->connected());
  }
  // A request header that is never finished, one byte a second, until the server hangs up.
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    const std::string header = "GET /healthz HTTP/1.1\r\nHost: test\r\nX-Slow: " + std::string(200, 'x');
    std::vector<bool> open(slow.size(), true);
    for (std::size_t i = 0; i < header.size() && !done; ++i) {
      for (std::size_t c = 0; c < slow.size(); ++c) {
        if (open[c] && !slow[c]->Send(header.substr(i, 1))) open[c] = false;
      }
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto start = std::chrono::steady_clock::now();
  auto client = Client();
  client.set_read_timeout(std::chrono::seconds(60));
  auto r = client.Get("/healthz");
  const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  done = true;
  trickle.join();
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
  RecordProperty("waited_ms", static_cast<int>(waited * 1000));
  std::cout << "the third client waited " << waited << " s\n";
  EXPECT_LT(waited, 30.0);  // the read timeout (5 s) and slack for a loaded CI machine; without the deadlines: > 60 s
  EXPECT_GT(waited, 4.0);  // the slow clients did hold both workers until then
  for (auto& s : silent) EXPECT_EQ(s->ReadAll(), "");  // closed without an answer
  for (auto& s : slow) EXPECT_EQ(s->ReadAll(), "");  // cut off in its header: no answer
}

TEST_F(ServerSlowClientTest, ABodyTrickledPastTheReadTimeoutIsCutOff) {
  ASSERT_GT(Start({}, {"--threads", "1"}), 0);
  RawConnection slow(port_);
  ASSERT_TRUE(slow.connected());
  ASSERT_TRUE(slow.Send("POST /api/orgs/school-a/public HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\n"
                        "Content-Length: 100\r\n\r\n"));
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    for (int i = 0; i < 100 && !done && slow.Send("x"); ++i) std::this_thread::sleep_for(std::chrono::seconds(1));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto start = std::chrono::steady_clock::now();
  auto client = Client();
  client.set_read_timeout(std::chrono::seconds(60));
  auto r = client.Get("/healthz");
  const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  done = true;
  trickle.join();
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
  EXPECT_LT(waited, 30.0);  // the read timeout (5 s) and slack for a loaded machine; without it: the body's 100 s
  // The slow client is told (httplib answers a body it could not read with 400), then closed.
  EXPECT_THAT(slow.ReadAll(), ::testing::StartsWith("HTTP/1.1 400"));
}

}  // namespace
}  // namespace docket::testing
