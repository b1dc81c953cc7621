#include "nginx_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <thread>

#include "support/paths.h"

namespace docket::testing {
namespace {

// `text` with its one occurrence of `from` replaced; a test failure unless there is exactly
// one, so that the test follows the page and fails when the page drifts.
std::string ReplaceOnce(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos || text.find(from, at + 1) != std::string::npos) {
    ADD_FAILURE() << "docs/DEPLOY.md's site should have '" << from << "' exactly once";
    return text;
  }
  return text.replace(at, from.size(), to);
}

bool Accepts(int port) { return RawConnection(port).connected(); }

}  // namespace

std::string DeployBlock(const std::string& name) {
  const std::string page = FileText(std::string(DOCKET_SOURCE_DIR) + "/docs/DEPLOY.md");
  const std::size_t marker = page.find("<!-- " + name + ": begin");
  const std::size_t open = page.find("```", marker);
  const std::size_t body = page.find('\n', open);
  const std::size_t close = page.find("\n```\n", body);
  const std::size_t end = page.find("<!-- " + name + ": end -->", close);
  if (marker == std::string::npos || open == std::string::npos || close == std::string::npos || end != close + 5) {
    ADD_FAILURE() << "docs/DEPLOY.md has no fenced block between <!-- " << name << ": begin and end -->";
    return "";
  }
  return page.substr(body + 1, close - body);
}

std::string FindProgram(const std::string& program) {
  std::string dirs = std::getenv("PATH") ? std::getenv("PATH") : "";
  dirs += ":/usr/sbin:/sbin";
  std::istringstream in(dirs);
  for (std::string dir; std::getline(in, dir, ':');) {
    const std::string path = dir + "/" + program;
    if (!dir.empty() && access(path.c_str(), X_OK) == 0) return path;
  }
  return "";
}

int FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), len) == 0 && getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

void NginxTest::SetUp() {
  nginx_ = FindProgram("nginx");
  if (nginx_.empty()) {
    const char* ci = std::getenv("CI");
    if (ci && std::string(ci) == "true") GTEST_FAIL() << "CI=true and no nginx binary: scripts/install-deps installs it";
    GTEST_SKIP() << "no nginx binary on PATH or in /usr/sbin (scripts/install-deps installs it)";
  }
  ServerTest::SetUp();
}

void NginxTest::TearDown() {
  if (nginx_pid_ > 0) {
    kill(nginx_pid_, SIGTERM);
    if (WaitFor(nginx_pid_, 10) < 0) {
      kill(nginx_pid_, SIGKILL);
      WaitFor(nginx_pid_, 10);
    }
    nginx_pid_ = -1;
  }
  ServerTest::TearDown();
}

int NginxTest::StartNginx(int upstream_port) {
  const std::string dir = dir_.File("nginx");
  std::filesystem::create_directories(dir);
  const std::string cert = dir + "/cert.pem", key = dir + "/key.pem";
  auto made = RunProcess(FindProgram("openssl"), {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                                                  "/CN=docket.example.org", "-addext",
                                                  "subjectAltName=DNS:docket.example.org,IP:127.0.0.1", "-keyout", key,
                                                  "-out", cert});
  if (made.exit_code != 0) {
    ADD_FAILURE() << "openssl req: " << made.err;
    return -1;
  }
  http_port_ = FreeLoopbackPort();
  https_port_ = FreeLoopbackPort();
  std::string site = DeployBlock("site");
  site = ReplaceOnce(site, "server 127.0.0.1:8080;", "server 127.0.0.1:" + std::to_string(upstream_port) + ";");
  site = ReplaceOnce(site, "listen 80;", "listen 127.0.0.1:" + std::to_string(http_port_) + ";");
  site = ReplaceOnce(site, "listen 443 ssl", "listen 127.0.0.1:" + std::to_string(https_port_) + " ssl");
  site = ReplaceOnce(site, "/etc/ssl/certs/docket.example.org.pem", cert);
  site = ReplaceOnce(site, "/etc/ssl/private/docket.example.org.key", key);
  WriteFile(dir + "/site.conf", site);
  // What /etc/nginx/nginx.conf gives a site, in the test's folder: one process in the
  // foreground (no user to switch to), its pid, logs and temporary files under the prefix.
  WriteFile(dir + "/nginx.conf",
            "daemon off;\nmaster_process off;\npid nginx.pid;\nerror_log error.log info;\n"
            "events { worker_connections 256; }\n"
            "http {\n  access_log access.log;\n  client_body_temp_path body;\n  proxy_temp_path proxy;\n"
            "  fastcgi_temp_path fastcgi;\n  uwsgi_temp_path uwsgi;\n  scgi_temp_path scgi;\n"
            "  include site.conf;\n}\n");
  nginx_pid_ = Spawn({nginx_, "-p", dir + "/", "-c", dir + "/nginx.conf", "-e", "stderr"}, dir + "/stdout", dir + "/stderr");
  if (nginx_pid_ < 0) {
    ADD_FAILURE() << "cannot start " << nginx_;
    return -1;
  }
  for (int i = 0; i < 1000; ++i) {
    if (Accepts(https_port_) && Accepts(http_port_)) return https_port_;
    if (WaitFor(nginx_pid_, 0.01) >= 0) {
      nginx_pid_ = -1;
      break;
    }
  }
  ADD_FAILURE() << "nginx did not start: " << NginxErr();
  return -1;
}

std::unique_ptr<httplib::SSLClient> NginxTest::Tls() const {
  auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", https_port_);
  c->set_ca_cert_path(dir_.File("nginx/cert.pem").c_str());
  c->enable_server_certificate_verification(true);
  c->set_read_timeout(std::chrono::seconds(10));
  return c;
}

std::string NginxTest::NginxErr() const {
  return FileText(dir_.File("nginx/stderr")) + FileText(dir_.File("nginx/error.log"));
}

}  // namespace docket::testing
