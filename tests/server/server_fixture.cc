#include "server_fixture.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <thread>

#include "support/paths.h"

extern char** environ;

namespace docket::testing {
RawConnection::RawConnection(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
}

RawConnection::~RawConnection() { close(fd_); }

bool RawConnection::Send(const std::string& text) {
  return send(fd_, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size());
}

std::string RawConnection::ReadAll() {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = recv(fd_, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

int WaitFor(pid_t pid, double seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (true) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (std::chrono::steady_clock::now() > until) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

pid_t Spawn(std::vector<std::string> argv_s, const std::string& out, const std::string& err) {
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv_s[0].c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

void ServerTest::TearDown() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  for (pid_t pid : others_) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  others_.clear();
}

int ServerTest::Launch(const std::string& db, const std::vector<std::string>& globals,
                       const std::vector<std::string>& args, const std::string& out, const std::string& err,
                       pid_t* pid) {
  std::vector<std::string> argv_s{DOCKET_BINARY, "--db", db};
  argv_s.insert(argv_s.end(), globals.begin(), globals.end());
  argv_s.insert(argv_s.end(), {"serve", "--listen", "127.0.0.1:0"});
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  *pid = Spawn(argv_s, out, err);
  if (*pid < 0) {
    ADD_FAILURE() << "cannot start " << argv_s[0];
    *pid = -1;
    return -1;
  }
  const std::regex address(R"(http://127\.0\.0\.1:([0-9]+))");
  for (int i = 0; i < 1000; ++i) {
    std::smatch m;
    const std::string printed = FileText(out);
    if (std::regex_search(printed, m, address)) return std::stoi(m[1]);
    if (WaitFor(*pid, 0.01) >= 0) {
      *pid = -1;
      break;
    }
  }
  ADD_FAILURE() << "the server did not print its address; stderr: " << FileText(err);
  return -1;
}

int ServerTest::Start(const std::vector<std::string>& globals, const std::vector<std::string>& args) {
  port_ = Launch(db_, globals, args, dir_.File("serve.out"), dir_.File("serve.err"), &pid_);
  return port_;
}

int ServerTest::StartOn(const std::string& db, const std::vector<std::string>& globals,
                        const std::vector<std::string>& args) {
  const std::string n = std::to_string(others_.size() + 1);
  pid_t pid = -1;
  const int port = Launch(db, globals, args, dir_.File("serve-" + n + ".out"), dir_.File("serve-" + n + ".err"), &pid);
  if (pid > 0) others_.push_back(pid);
  return port;
}

int ServerTest::StopWith(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  const int code = WaitFor(pid_, 10);
  if (code >= 0) pid_ = -1;
  return code;
}

httplib::Client ServerTest::Client() const {
  httplib::Client c("127.0.0.1", port_);
  c.set_read_timeout(std::chrono::seconds(10));
  return c;
}

void ServerTest::Decisions() {
  AllowLoneDecisions();
  for (const auto& [content, shown] : {std::pair<std::string, bool>{"内部决定", false}, {"公开决定", true}}) {
    std::vector<std::string> args{"item", "create", "decision", "--org", "school-a", "--set", "title=校务公开",
                                  "--set", "content=" + content, "--set", "category=routine"};
    if (shown) args.insert(args.end(), {"--set", "public=true"});
    auto r = As("wang", args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
}

std::string ServerTest::Invite(const std::string& person) {
  auto r = RunProcess(DOCKET_BINARY, {"--db", db_, "--json", "user", "invite", person}, dir_.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.exit_code == 0 ? nlohmann::json::parse(r.out).value("token", "") : "";
}

ServerTest::Signed ServerTest::SignIn(const std::string& person) {
  const nlohmann::json accept = {{"token", Invite(person)}, {"password", kPassword}};
  auto set = Client().Post("/api/invitations/accept", accept.dump(), "application/json");
  EXPECT_TRUE(set && set->status == 200) << (set ? set->body : httplib::to_string(set.error()));
  const nlohmann::json credentials = {{"person", person}, {"password", kPassword}};
  auto in = Client().Post("/api/session", credentials.dump(), "application/json");
  if (!in || in->status != 200) {
    ADD_FAILURE() << "sign-in of " << person << ": " << (in ? in->body : httplib::to_string(in.error()));
    return {};
  }
  const std::string cookie = in->get_header_value("Set-Cookie");
  const auto j = nlohmann::json::parse(in->body);
  Signed out{{{"Cookie", cookie.substr(0, cookie.find(';'))}}, j.value("csrf", ""), j.value("via", "")};
  out.session.emplace("X-CSRF-Token", out.csrf);
  return out;
}

std::string ServerTest::ServerErr() const { return FileText(dir_.File("serve.err")); }

nlohmann::json Problem(const httplib::Result& r, int status) {
  if (!r) {
    ADD_FAILURE() << "no response: " << httplib::to_string(r.error());
    return {};
  }
  EXPECT_EQ(r->status, status) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json");
  nlohmann::json j = nlohmann::json::parse(r->body, nullptr, false);
  EXPECT_TRUE(j.is_object()) << r->body;
  if (!j.is_object()) return {};
  for (const char* key : {"type", "title", "detail"}) EXPECT_TRUE(j.contains(key) && j[key].is_string()) << key << " in " << r->body;
  EXPECT_EQ(j.value("status", 0), status);
  EXPECT_EQ(j.size(), 4u) << r->body;
  return j;
}

Sink::Sink(const std::string& script, const std::string& folder, const std::vector<std::string>& args,
           const std::string& out) {
  std::vector<std::string> argv{kPython, SourcePath("tests/server/sinks/" + script), folder};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_ = Spawn(argv, out, out + ".err");
  for (int i = 0; i < 1000 && pid_ > 0; ++i) {
    const std::string printed = FileText(out);
    if (printed.find('\n') != std::string::npos) {
      port_ = std::stoi(printed);
      return;
    }
    if (WaitFor(pid_, 0.01) >= 0) break;
  }
  ADD_FAILURE() << script << " did not start: " << FileText(out + ".err");
}

Sink::~Sink() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    if (WaitFor(pid_, 5) < 0) kill(pid_, SIGKILL), WaitFor(pid_, 5);
  }
}

}  // namespace docket::testing
