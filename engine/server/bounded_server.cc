#include "server/bounded_server.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace docket::server {
namespace {

using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// When the connection this worker is about to serve was accepted (set by StampedPool).
thread_local SteadyClock::time_point accepted_at;

// httplib's pool, with each connection's task stamped with the time it was queued: the
// time it was accepted.
class StampedPool final : public httplib::TaskQueue {
 public:
  explicit StampedPool(std::size_t threads) : pool_(threads) {}
  void enqueue(std::function<void()> fn) override {
    pool_.enqueue([fn = std::move(fn), at = SteadyClock::now()] {
      accepted_at = at;
      fn();
    });
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  httplib::ThreadPool pool_;
};

// Waits until `sock` has `events` or `deadline` passes (at most `slice` at a time, so that
// `give_up` is looked at): whether the socket is ready.
template <typename GiveUp>
bool WaitUntil(int sock, short events, SteadyClock::time_point deadline, milliseconds slice, GiveUp give_up) {
  while (true) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - SteadyClock::now());
    pollfd p{sock, events, 0};
    const int n = poll(&p, 1, static_cast<int>(std::clamp(left, milliseconds(0), slice).count()));
    if (n > 0) return true;  // even past the deadline: what has already arrived is taken
    if ((n < 0 && errno != EINTR) || left.count() <= 0 || give_up()) return false;
  }
}

bool WaitUntil(int sock, short events, SteadyClock::time_point deadline) {
  return WaitUntil(sock, events, deadline, milliseconds(60'000), [] { return false; });
}

void Address(int sock, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  auto* a = reinterpret_cast<sockaddr*>(&addr);
  if ((peer ? getpeername(sock, a, &len) : getsockname(sock, a, &len)) != 0) return;
  std::array<char, NI_MAXHOST> host{};
  std::array<char, NI_MAXSERV> serv{};
  if (getnameinfo(a, len, host.data(), host.size(), serv.data(), serv.size(), NI_NUMERICHOST | NI_NUMERICSERV) != 0) return;
  ip = host.data();
  port = std::atoi(serv.data());
}

// A connection's socket with a deadline on reading (ReadBy) and a timeout on each write.
// Buffered: httplib reads a request line and headers a byte at a time.
class DeadlineStream final : public httplib::Stream {
 public:
  DeadlineStream(int sock, milliseconds write_timeout) : sock_(sock), write_timeout_(write_timeout) {}

  void ReadBy(SteadyClock::time_point deadline) { read_deadline_ = deadline; }
  // Whether a read failed because the deadline had passed.
  bool expired() const { return expired_; }
  bool buffered() const { return off_ < size_; }

  bool is_readable() const override { return buffered() || WaitUntil(sock_, POLLIN, read_deadline_); }
  bool is_writable() const override { return WaitUntil(sock_, POLLOUT, SteadyClock::now() + write_timeout_); }

  ssize_t read(char* ptr, size_t size) override {
    if (!buffered()) {
      if (!WaitUntil(sock_, POLLIN, read_deadline_)) {
        expired_ = SteadyClock::now() >= read_deadline_;
        return -1;
      }
      const ssize_t n = recv(sock_, buffer_.data(), buffer_.size(), 0);
      if (n <= 0) return n;
      off_ = 0;
      size_ = static_cast<std::size_t>(n);
    }
    const std::size_t n = std::min(size, size_ - off_);
    std::memcpy(ptr, buffer_.data() + off_, n);
    off_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    return send(sock_, ptr, size, MSG_NOSIGNAL);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { Address(sock_, true, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { Address(sock_, false, ip, port); }
  socket_t socket() const override { return sock_; }

 private:
  int sock_;
  milliseconds write_timeout_;
  SteadyClock::time_point read_deadline_;
  bool expired_ = false;
  std::array<char, 4096> buffer_{};
  std::size_t off_ = 0, size_ = 0;
};

// The stream whose request this worker thread is reading, for ExtendRequestDeadline.
thread_local DeadlineStream* reading_stream = nullptr;

}  // namespace

void BoundedServer::ExtendRequestDeadline(milliseconds from_now) {
  if (reading_stream != nullptr) reading_stream->ReadBy(SteadyClock::now() + from_now);
}

bool BoundedServer::DiscardRequestBody(std::size_t bytes) {
  if (reading_stream == nullptr) return false;
  std::array<char, 16384> sink{};
  while (bytes > 0) {
    const ssize_t n = reading_stream->read(sink.data(), std::min(bytes, sink.size()));
    if (n <= 0) return false;
    bytes -= static_cast<std::size_t>(n);
  }
  return true;
}

httplib::TaskQueue* BoundedServer::NewTaskQueue(std::size_t threads) { return new StampedPool(threads); }

bool BoundedServer::process_and_close_socket(socket_t sock) {
  DeadlineStream stream(sock, limits_.write);
  const auto stopped = [this] { return svr_sock_ == INVALID_SOCKET; };
  SteadyClock::time_point wait_until = (accepted_at == SteadyClock::time_point() ? SteadyClock::now() : accepted_at) + limits_.idle;
  bool ok = false;
  for (std::size_t left = limits_.max_requests; left > 0; --left) {
    if (!stream.buffered() && !WaitUntil(sock, POLLIN, wait_until, milliseconds(50), stopped)) break;
    if (stopped()) break;
    stream.ReadBy(SteadyClock::now() + limits_.request);
    bool closed = false;
    reading_stream = &stream;
    ok = process_request(stream, left == 1, closed, nullptr);
    reading_stream = nullptr;
    if (!ok || closed || stream.expired()) break;
    wait_until = SteadyClock::now() + limits_.idle;
  }
  shutdown(sock, SHUT_RDWR);
  close(sock);
  return ok;
}

}  // namespace docket::server
