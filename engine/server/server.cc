#include "server/server.h"

#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <algorithm>
#include <charconv>
#include <regex>
#include <mutex>
#include <thread>

#include <unistd.h>

#include <httplib.h>

#include "app/rollup_cache.h"
#include "app/system_clock.h"
#include "server/bounded_server.h"
#include "server/docket_pool.h"
#include "server/problem.h"
#include "server/handle.h"
#include "server/routes.h"
#include "server/scheduler.h"

namespace docket::server {
namespace {

// When the worker's current request began (its headers read), for the access log.
thread_local std::chrono::steady_clock::time_point request_start;

DocketOptions PoolOptions(const ServerOptions& o) {
  DocketOptions d;
  d.db = o.db;
  d.synchronous = o.synchronous;
  d.rollups = std::make_shared<RollupCache>();  // one for all the workers (app/rollup_cache.h)
  return d;
}

// Whether `req` uploads a file to attach (POST /api/items/ID/attachments).
bool IsUpload(const httplib::Request& req) {
  static const std::regex upload(R"(/api/items/[^/]+/attachments)");
  return req.method == "POST" && std::regex_match(req.path, upload);
}

// 413 when the request says its body is larger than its route takes (a body without a
// length is bounded by the transport's limit, the larger of the two); an upload's body may
// take upload_timeout to arrive.
httplib::Server::HandlerResponse CheckBodyLength(const ServerOptions& o, const httplib::Request& req,
                                                 httplib::Response& res) {
  const bool upload = IsUpload(req);
  const std::size_t limit = upload ? o.max_attachment_bytes : o.max_body_bytes;
  const std::string length = req.get_header_value("Content-Length");
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(length.data(), length.data() + length.size(), n);
  if (!length.empty() && (ec != std::errc() || end != length.data() + length.size() || n > limit)) {
    if (upload) {
      WriteProblem(res, 413, "too_large",
                   Msg("the file is {size} bytes; files of at most {max} bytes may be attached", {{"size", length}, {"max", limit}}),
                   RequestLang(req));
    } else {
      WriteProblem(res, 413, "body_too_large", Msg("the request body is larger than {limit} bytes", {{"limit", std::to_string(limit)}}),
                   RequestLang(req));
    }
    // Read off (within the request's deadline) so that the client, still sending, reads
    // the answer rather than a reset connection; then the connection ends.
    if (ec == std::errc() && end == length.data() + length.size()) BoundedServer::DiscardRequestBody(n);
    res.set_header("Connection", "close");
    return httplib::Server::HandlerResponse::Handled;
  }
  if (upload) BoundedServer::ExtendRequestDeadline(o.upload_timeout);
  return httplib::Server::HandlerResponse::Unhandled;
}

// 431 unless the request's headers are within the limits; then CheckBodyLength.
httplib::Server::HandlerResponse CheckHeaders(const ServerOptions& o, const httplib::Request& req,
                                              httplib::Response& res) {
  std::size_t bytes = 0;
  for (const auto& [name, value] : req.headers) bytes += name.size() + value.size();
  if (req.headers.size() <= o.max_headers && bytes <= o.max_header_bytes) return CheckBodyLength(o, req, res);
  WriteProblem(res, 431, "headers_too_large",
               Msg("the request has {count} header lines of {bytes} bytes; the server accepts {max_count} lines of {max_bytes} bytes",
                   {{"count", req.headers.size()}, {"bytes", bytes}, {"max_count", o.max_headers}, {"max_bytes", o.max_header_bytes}}),
               RequestLang(req));
  return httplib::Server::HandlerResponse::Handled;
}

}  // namespace

Result<std::pair<std::string, int>> ParseListen(std::string_view text) {
  const Status bad = Status::Invalid(Msg("--listen: '{text}' is not HOST:PORT (e.g. 127.0.0.1:8080; a port from 0 to 65535)", {{"text", std::string(text)}}));
  std::string host;
  std::string_view port;
  if (text.starts_with('[')) {
    const std::size_t close = text.find("]:");
    if (close == std::string_view::npos) return bad;
    host = std::string(text.substr(1, close - 1));
    port = text.substr(close + 2);
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return bad;
    host = std::string(text.substr(0, colon));
    port = text.substr(colon + 1);
    if (host.find(':') != std::string::npos) return bad;  // IPv6 needs its brackets
  }
  int number = -1;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
  if (host.empty() || port.empty() || ec != std::errc() || end != port.data() + port.size() || number < 0 || number > 65535) {
    return bad;
  }
  return std::make_pair(host, number);
}

struct Server::Impl {
  Impl(ServerOptions o, std::shared_ptr<spdlog::logger> l)
      : options(std::move(o)), log(std::move(l)), pool(PoolOptions(options), clock, log) {}

  ServerOptions options;
  std::shared_ptr<spdlog::logger> log;
  SystemClock clock;
  DocketPool pool;
  BoundedServer http;
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> run_entered{false};
  std::atomic<bool> run_done{false};
  int port = 0;
  // The listening socket httplib made (its socket options' callback sees it).
  std::shared_ptr<std::atomic<int>> listening = std::make_shared<std::atomic<int>>(-1);
  // The running scheduler (Run's), for the routes' CheckpointSoon; null outside Run.
  std::mutex scheduler_mu;
  Scheduler* scheduler = nullptr;

  void Configure() {
    const int threads = options.threads;
    http.new_task_queue = [threads] { return BoundedServer::NewTaskQueue(static_cast<std::size_t>(threads)); };
    // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a second server on
    // the same port would bind too and share its connections instead of being refused.
    http.set_socket_options([listening = listening](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      listening->store(sock);
    });
    // Small answers go out at once: without TCP_NODELAY each waits ~40 ms for the client's
    // delayed acknowledgement (Nagle's algorithm).
    http.set_tcp_nodelay(true);
    // Each route's own limit is CheckBodyLength's; the transport's is the largest of them.
    http.set_payload_max_length(std::max(options.max_body_bytes, options.max_attachment_bytes));
    http.set_connection_limits({options.keep_alive_timeout, options.read_timeout, options.write_timeout, options.keep_alive_max});
    http.set_default_headers({{"Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"},
                              {"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"Cache-Control", "no-store"},
                              {"Vary", "Accept-Language"}});
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      request_start = std::chrono::steady_clock::now();
      return CheckHeaders(options, req, res);
    });
    http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
      ProblemForTransport(req, res, options.max_body_bytes);
    });
    http.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
      WriteProblem(res, Status::Internal(Msg("the server failed while answering {path}", {{"path", req.path}})),
                   RequestLang(req));
    });
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      const auto now = std::chrono::steady_clock::now();
      const auto ms = request_start == std::chrono::steady_clock::time_point() ? 0.0
                      : std::chrono::duration<double, std::milli>(now - request_start).count();
      request_start = {};
      // The path without its query, never a header or the body: no cookie or token is logged.
      log->info("{} {} {} {} {}B {:.1f}ms", ClientAddress(req, options.trusted_proxies), req.method, req.path, res.status, res.body.empty() ? res.content_length_ : res.body.size(), ms);
    });
    AddRoutes(http, pool, RouteOptions{options.schedule.signing_key, options.trusted_proxies, [this](const std::string& org) {
                std::lock_guard lock(scheduler_mu);
                if (scheduler != nullptr) scheduler->CheckpointSoon(org);
              }, static_cast<std::int64_t>(options.max_attachment_bytes)});
  }
};

Server::Server(ServerOptions options, std::shared_ptr<spdlog::logger> log)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(log))) {}

Server::~Server() {
  Stop();
}

Result<int> Server::Bind() {
  const ServerOptions& o = impl_->options;
  if (o.threads < 1 || o.threads > 1024) {
    return Status::Invalid(Msg("--threads: {count} is not a number of worker threads from 1 to 1024", {{"count", o.threads}}));
  }
  if (o.port < 0 || o.port > 65535) {
    return Status::Invalid(Msg("--listen: port {port} is not from 0 to 65535", {{"port", o.port}}));
  }
  DOCKET_RETURN_IF_ERROR(Scheduler::Check(o.schedule, o.db));
  if (!o.schedule.checkpoint_key.empty() && !o.schedule.signing_key) {
    // Once, here: a sealed key costs Argon2id's time and memory to open, and a wrong
    // passphrase stops the server before it listens.
    DOCKET_ASSIGN_OR_RETURN(SigningKey key, LoadKey(o.schedule.checkpoint_key, /*create=*/true, o.schedule.checkpoint_passphrase));
    impl_->options.schedule.signing_key = std::make_shared<const SigningKey>(key);
  }
  DOCKET_RETURN_IF_ERROR(DeliveryWorker::Check(o.delivery));
  DOCKET_ASSIGN_OR_RETURN(Docket * docket, impl_->pool.ForThisThread());
  DOCKET_RETURN_IF_ERROR(docket->Ping());
  impl_->Configure();
  const std::string address = o.host + ":" + std::to_string(o.port);
  int port = o.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(o.host);
  } else if (!impl_->http.bind_to_port(o.host, port)) {
    port = -1;
  }
  if (port < 0) {
    return Status::Storage(Msg("cannot listen on {address}: the port is in use or the address is not this machine's", {{"address", address}}));
  }
  // httplib's library listens with a queue of 5 connections not yet accepted: when clients
  // reconnect (a connection ends after keep_alive_max requests) faster than the one accepting
  // thread takes them, the kernel drops the handshake's last step and the client's request
  // waits for TCP's 200 ms retransmission, doubled each time. Listening again on the bound
  // socket makes the queue the system's largest (net.core.somaxconn).
  if (const int sock = impl_->listening->load(); sock >= 0 && ::listen(sock, SOMAXCONN) != 0) {
    impl_->log->warn("could not lengthen the queue of connections on {}: {}", address, std::strerror(errno));
  }
  impl_->port = port;
  return port;
}

Status Server::Run() {
  impl_->run_entered = true;
  bool served = true;
  if (!impl_->stop_requested) {
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    Scheduler scheduler(PoolOptions(impl_->options), impl_->clock, impl_->log, impl_->options.schedule,
                        std::string(host) + ":" + std::to_string(::getpid()) + ":" + std::to_string(impl_->port));
    scheduler.Start();
    {
      std::lock_guard lock(impl_->scheduler_mu);
      impl_->scheduler = &scheduler;
    }
    DeliveryWorker delivery(PoolOptions(impl_->options), impl_->clock, impl_->log, impl_->options.delivery);
    delivery.Start();
    served = impl_->http.listen_after_bind();
    std::lock_guard lock(impl_->scheduler_mu);
    impl_->scheduler = nullptr;
  }
  impl_->run_done = true;
  if (!served) return Status::Storage(Msg("the server stopped accepting connections on its own"));
  return Status::Ok();
}

void Server::Stop() {
  impl_->stop_requested = true;
  if (!impl_->run_entered) return;
  // Run may be between its check and the listening loop: wait until it listens or ends.
  while (!impl_->http.is_running() && !impl_->run_done) std::this_thread::yield();
  impl_->http.stop();
}

}  // namespace docket::server
