// `docket serve`: the HTTP server (engine/server) on the database of --db, until SIGTERM or
// SIGINT, on which it stops accepting, lets the requests in flight finish and exits 0.
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <pthread.h>
#include <thread>

#include <spdlog/sinks/stdout_color_sinks.h>

#include "cli/cli.h"
#include "server/server.h"

namespace docket::cli {
namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  int threads = server::ServerOptions().threads;
  int max_attachment_mib = static_cast<int>(server::ServerOptions().max_attachment_bytes >> 20);
  int tick_every = static_cast<int>(server::SchedulerOptions().tick_every.count());
  std::string checkpoint_dir;
  std::string checkpoint_key;
  std::string checkpoint_passphrase_file;
  std::string checkpoint_url;
  int checkpoint_every = static_cast<int>(server::SchedulerOptions().checkpoint_every.count());
  std::vector<std::string> trust_proxy;
  server::DeliveryOptions delivery;
  int deliver_every = static_cast<int>(server::DeliveryOptions().every.count());
  int retry_after = static_cast<int>(DeliveryPolicy().retry_after.count());
};

// The server's log: thread-safe (the workers write to it), on stderr, quiet unless -v (the
// access log is info, -v; -vv adds debug).
std::shared_ptr<spdlog::logger> ServerLog(int verbosity) {
  auto log = spdlog::stderr_color_mt("docket-serve");
  log->set_pattern("docket: %l: %v");
  log->set_level(verbosity >= 2 ? spdlog::level::debug : verbosity == 1 ? spdlog::level::info : spdlog::level::warn);
  return log;
}

Status Serve(Context& ctx, const ServeOptions& opts) {
  const Globals& g = ctx.globals();
  if (!g.now.empty()) {
    return Status::Invalid(Msg("serve: the server runs on the system clock; --now is not accepted"));
  }
  DOCKET_ASSIGN_OR_RETURN(auto address, server::ParseListen(opts.listen));
  server::ServerOptions o;
  o.host = address.first;
  o.port = address.second;
  o.threads = opts.threads;
  if (opts.max_attachment_mib < 1 || opts.max_attachment_mib > 1024) {
    return Status::Invalid(Msg("--max-attachment-mib: {mib} is not a number of MiB from 1 to 1024", {{"mib", opts.max_attachment_mib}}));
  }
  o.max_attachment_bytes = static_cast<std::size_t>(opts.max_attachment_mib) << 20;
  if (opts.tick_every < 0 || opts.tick_every > 86400) {
    return Status::Invalid(Msg("--tick-every: {seconds} is not a number of seconds from 0 to 86400", {{"seconds", opts.tick_every}}));
  }
  o.schedule.tick_every = std::chrono::seconds(opts.tick_every);
  o.schedule.checkpoint_dir = opts.checkpoint_dir;
  o.schedule.checkpoint_key = opts.checkpoint_key;
  std::string passphrase_file = opts.checkpoint_passphrase_file;
  if (const char* env = std::getenv("DOCKET_KEY_PASSPHRASE_FILE"); passphrase_file.empty() && env && *env) passphrase_file = env;
  if (!passphrase_file.empty()) {
    DOCKET_ASSIGN_OR_RETURN(o.schedule.checkpoint_passphrase, ReadPassphrase(passphrase_file));
  }
  o.schedule.checkpoint_url = opts.checkpoint_url;
  o.schedule.checkpoint_every = std::chrono::seconds(opts.checkpoint_every);
  o.trusted_proxies = opts.trust_proxy;
  o.delivery = opts.delivery;
  o.delivery.every = std::chrono::seconds(opts.deliver_every);
  o.delivery.policy.retry_after = std::chrono::seconds(opts.retry_after);
  o.db = g.db;
  o.synchronous = g.synchronous;

  // SIGTERM and SIGINT are taken by one thread with sigwait; every other thread (the
  // server's workers are started after this) has them blocked.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a client gone while its answer is written is not a failure

  server::Server srv(o, ServerLog(g.verbosity));
  DOCKET_ASSIGN_OR_RETURN(int port, srv.Bind());
  const std::string host = o.host.find(':') == std::string::npos ? o.host : "[" + o.host + "]";
  std::cout << ctx.Text(Msg("listening on {url}", {{"url", "http://" + host + ":" + std::to_string(port)}})) << std::endl;

  std::thread waiter([&srv, stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    srv.Stop();
  });
  Status st = srv.Run();
  // Run ended without a signal (a failure): wake the waiter with one of its own.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return st;
}

}  // namespace

void AddServeCommand(CLI::App& app, Context& ctx, Runner* run) {
  auto opts = std::make_shared<ServeOptions>();
  auto* serve = app.add_subcommand(
      "serve", ctx.Text(Msg("Serve the HTTP API on the database until SIGTERM or SIGINT (then finish the requests in flight and exit 0)")));
  serve->add_option("--listen", opts->listen,
                    ctx.Text(Msg("Address to listen on, HOST:PORT (default 127.0.0.1:8080; port 0: any free port, printed)")));
  serve->add_option("--threads", opts->threads,
                    ctx.Text(Msg("Worker threads, each serving one connection at a time (default 32)")));
  serve->add_option("--max-attachment-mib", opts->max_attachment_mib,
                    ctx.Text(Msg("The largest file that may be attached to an item, in MiB (default 20)")));
  serve->add_option("--tick-every", opts->tick_every,
                    ctx.Text(Msg("Run tick every this many seconds, as the operating-system user who owns the database file (default 60; 0: never)")));
  serve->add_option("--checkpoint-dir", opts->checkpoint_dir,
                    ctx.Text(Msg("Write a signed checkpoint of every chain that grew here (outside the database's folder)")));
  serve->add_option("--checkpoint-key", opts->checkpoint_key,
                    ctx.Text(Msg("The signing key's file for those checkpoints, made when missing (outside the database's folder)")));
  serve->add_option("--checkpoint-key-passphrase-file", opts->checkpoint_passphrase_file,
                    ctx.Text(Msg("A file whose first line is that key's passphrase, when it is protected (default $DOCKET_KEY_PASSPHRASE_FILE); read once at start")));
  serve->add_option("--checkpoint-url", opts->checkpoint_url,
                    ctx.Text(Msg("Also send each checkpoint to this address (the supervisor's), by HTTP POST, until it answers 2xx")));
  serve->add_option("--checkpoint-every", opts->checkpoint_every,
                    ctx.Text(Msg("Seconds between checkpoints (default 3600)")));
  serve->add_option("--trust-proxy", opts->trust_proxy,
                    ctx.Text(Msg("The address of a reverse proxy in front (e.g. 127.0.0.1), whose X-Forwarded-For names the client; may be repeated")));
  serve->add_option("--deliver-every", opts->deliver_every,
                    ctx.Text(Msg("Send the notifications due by e-mail and group robots every this many seconds (default 5; 0: never)")));
  serve->add_option("--smtp", opts->delivery.smtp,
                    ctx.Text(Msg("The SMTP server e-mails go through, smtp://HOST:PORT (without it e-mails fail and are retried)")));
  serve->add_option("--mail-from", opts->delivery.policy.mail_from,
                    ctx.Text(Msg("The sender of e-mails and the domain of their Message-IDs (default docket@localhost)")));
  serve->add_option("--retry-after", opts->retry_after,
                    ctx.Text(Msg("Seconds before a failed delivery is tried again, doubled after each failure up to an hour (default 30)")));
  serve->add_option("--max-attempts", opts->delivery.policy.max_attempts,
                    ctx.Text(Msg("Attempts after which a delivery is dead (default 8)")));
  SetRunner(serve, run, [&ctx, opts]() -> Status { return Serve(ctx, *opts); });
}

}  // namespace docket::cli
