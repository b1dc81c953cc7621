// The real `docket serve` run as a process on the e2e fixture's database (cli_fixture.h),
// on a free loopback port it prints, with httplib::Client as the client. TearDown kills a
// server still running, so a failed test leaves no process behind.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "cli_fixture.h"

namespace docket::testing {

class ServerTest : public CliTest {
 protected:
  void TearDown() override;

  // Starts `docket --db DB [globals...] serve --listen 127.0.0.1:0 [args...]` and waits
  // (at most 10 s) for the line with its address; the port, or -1 with a test failure.
  int Start(const std::vector<std::string>& globals = {}, const std::vector<std::string>& args = {});
  // The same on database `db` (a file or a postgresql:// URL), one more server beside
  // Start's (its output in serve-N.out/.err): its port, or -1 with a test failure. TearDown
  // kills it.
  int StartOn(const std::string& db, const std::vector<std::string>& globals = {},
              const std::vector<std::string>& args = {});
  // Sends `signal` (0: none, only wait) and waits at most 10 s: the exit code (128 + N for
  // signal N), -1 on timeout.
  int StopWith(int signal);
  // A client of the running server (read timeout 10 s).
  httplib::Client Client() const;
  std::string ServerErr() const;
  // Two decisions in school-a by the secretary: one published ("公开决定"), one not.
  void Decisions();

  // Sign-in (docs/IDENTITY.md). Invite runs `docket user invite PERSON` on the system clock
  // (the server's, not the fixture's --now) and returns the invitation's token. SignIn
  // invites `person`, sets kPassword through the running server and signs in.
  static constexpr const char* kPassword = "Lantern#2026";
  struct Signed {
    httplib::Headers session;  // the cookie and, for changes, X-CSRF-Token
    std::string csrf;
    std::string via;
  };
  std::string Invite(const std::string& person);
  Signed SignIn(const std::string& person);

  pid_t pid_ = -1;
  int port_ = -1;
  std::vector<pid_t> others_;  // StartOn's

 private:
  // Starts `docket --db DB [globals...] serve --listen 127.0.0.1:0 [args...]` writing to
  // `out` and `err`, and waits for its address: its port, or -1 (then *pid is -1).
  int Launch(const std::string& db, const std::vector<std::string>& globals, const std::vector<std::string>& args,
             const std::string& out, const std::string& err, pid_t* pid);
};

// A loopback TCP connection written and read by hand, to be slow on purpose.
class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  bool connected() const { return connected_; }
  bool Send(const std::string& text);
  // Everything until the server closes the connection.
  std::string ReadAll();

 private:
  int fd_;
  bool connected_ = false;
};

// Debian's python, which has the python3-aiosmtpd package (another python on PATH may not).
inline constexpr const char* kPython = "/usr/bin/python3";

// A sink script of tests/server/sinks (smtp_sink.py, http_sink.py) run as a process, writing
// what it receives into `folder`; its port is the first line it prints (into file `out`).
// Stopped with SIGTERM when destroyed.
class Sink {
 public:
  Sink(const std::string& script, const std::string& folder, const std::vector<std::string>& args,
       const std::string& out);
  ~Sink();
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;
  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int port_ = -1;
};

// Starts argv[0] (a path) with stdin /dev/null and stdout, stderr to the files: the pid, or
// -1 when it cannot be started.
pid_t Spawn(std::vector<std::string> argv, const std::string& out, const std::string& err);
// waitpid for at most `seconds`: the exit code (128 + N for signal N), or -1 when it is
// still running.
int WaitFor(pid_t pid, double seconds);

// The body of a problem+json response, with its content type and the four fields checked.
nlohmann::json Problem(const httplib::Result& r, int status);

}  // namespace docket::testing
