// cpp-httplib's server with deadlines on each connection, so that a slow client cannot hold
// a worker. httplib 0.11 serves a connection on one worker for its life and times out only
// each wait for a byte: a client that sends a byte a second holds its worker for ever.
// BoundedServer keeps httplib's parsing and answering (Server::process_request) and
// replaces only the loop over a connection's requests:
//
// - a request's first byte must arrive within `idle` of the previous answer, or of the
//   connection's accept for its first request (time waiting for a worker counts);
// - the whole request (line, headers, body) must arrive within `request` of when its worker
//   began to read it; past that the connection is closed, whatever it still sends;
// - each write waits at most `write` for the client to take bytes (httplib's own timeout);
// - at most `max_requests` requests per connection; once the server stops, a connection
//   takes no further request (the one being read or answered finishes).
#pragma once

#include <chrono>
#include <cstddef>

#include <httplib.h>

namespace docket::server {

struct ConnectionLimits {
  std::chrono::milliseconds idle{2000};
  std::chrono::milliseconds request{5000};
  std::chrono::milliseconds write{5000};
  std::size_t max_requests = 100;
};

class BoundedServer : public httplib::Server {
 public:
  // Set before listening.
  void set_connection_limits(const ConnectionLimits& limits) { limits_ = limits; }
  // A pool of `threads` workers that notes when each connection was accepted (for `idle`);
  // for new_task_queue.
  static httplib::TaskQueue* NewTaskQueue(std::size_t threads);
  // From the pre-routing handler, on the worker reading the request: the rest of it (its
  // body) may take `from_now` to arrive instead of what is left of `request` (an upload).
  static void ExtendRequestDeadline(std::chrono::milliseconds from_now);
  // From the pre-routing handler: reads and drops the next `bytes` of the request (a body
  // refused before it was read, so that the client, still sending it, reads the answer).
  // False when they did not arrive by the request's deadline.
  static bool DiscardRequestBody(std::size_t bytes);

 private:
  bool process_and_close_socket(socket_t sock) override;

  ConnectionLimits limits_;
};

}  // namespace docket::server
