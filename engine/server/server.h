// The HTTP server: an adapter over the application's one door (app/docket.h), like the CLI.
//
// A Server listens on one address, serves the routes of routes.h on a fixed pool of worker
// threads, each with its own Docket over the database (docket_pool.h), and stops on Stop()
// after the requests in flight have finished. Errors are application/problem+json
// (problem.h); every response carries the security headers; each request is logged at info
// level (method, path, status, bytes, milliseconds) and nothing of its headers or body.
// The server's clock is the system clock: no request can set the time.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/logger.h>

#include "app/docket.h"
#include "server/delivery_worker.h"
#include "server/scheduler.h"
#include "core/status.h"

namespace docket::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: a free port chosen by the system (Server::Bind returns it)
  // Worker threads. A keep-alive connection holds its worker until it closes, so this is
  // also the number of clients served at once; others wait in the accept queue.
  int threads = 32;
  std::size_t max_body_bytes = 1 << 20;      // a larger body is refused with 413
  std::size_t max_headers = 64;              // more header lines: 431
  std::size_t max_header_bytes = 16 * 1024;  // all header names and values together: 431
  // Files attached to items (POST /api/items/ID/attachments, the one route whose body may be
  // larger than max_body_bytes): at most this many bytes (larger: 413), arriving in full
  // within upload_timeout of when the request's headers were read.
  std::size_t max_attachment_bytes = 20 << 20;
  std::chrono::seconds upload_timeout{120};
  // A request (line, headers and body) must arrive in full within read_timeout of when its
  // worker began to read it, however it trickles; each write waits at most write_timeout
  // for the client to take bytes. Past either the connection is closed (bounded_server.h).
  std::chrono::seconds read_timeout{5};
  std::chrono::seconds write_timeout{5};
  // A connection that sends no request within keep_alive_timeout of being accepted (time
  // waiting for a worker counts) or of its previous answer is closed, and any connection
  // after keep_alive_max requests, so that it frees its worker.
  std::chrono::seconds keep_alive_timeout{2};
  std::size_t keep_alive_max = 100;
  // The reverse proxies in front (their addresses, e.g. 127.0.0.1 for nginx on this machine):
  // a request from one of them is taken to come from the last address its X-Forwarded-For
  // names, for sign-in throttling and the access log. From anyone else the header is ignored.
  std::vector<std::string> trusted_proxies;
  // The database file and its durability; reads are checked with no one signed in.
  std::string db = "docket.db";
  std::string synchronous = "FULL";
  // The scheduler (scheduler.h): tick every tick_every (0: never; then `docket tick` must be
  // run), and signed checkpoints when a folder and key are given.
  SchedulerOptions schedule;
  // The delivery of notifications (delivery_worker.h): every delivery.every (0: never).
  DeliveryOptions delivery;
};

// "HOST:PORT" (an IPv6 host in brackets: "[::1]:8080") as host and port 0..65535; Invalid
// naming the text otherwise.
Result<std::pair<std::string, int>> ParseListen(std::string_view text);

class Server {
 public:
  Server(ServerOptions options, std::shared_ptr<spdlog::logger> log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Opens the database once (NotFound when it is missing, Storage when it cannot be read)
  // and binds the address: the bound port, or Storage naming the address when it cannot
  // be bound (in use, not this machine's). Invalid for options out of range.
  Result<int> Bind();
  // Serves until Stop(); returns once the requests in flight have finished. Bind first.
  Status Run();
  // Stops accepting; Run returns after the requests in flight. Any thread, any time
  // (not from a signal handler).
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace docket::server
