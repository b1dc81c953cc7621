// nginx from Debian in front of the real `docket serve`, run as the test's own user with a
// prefix in the test's folder, on the site of docs/DEPLOY.md: the text between its
// "site: begin" and "site: end" markers, with only the ports and the certificate's paths
// substituted. TLS is real: a throw-away self-signed certificate made with openssl.
//
// Without the nginx binary a test is skipped, unless CI is set: then it fails.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include <httplib.h>

#include "server_fixture.h"

namespace docket::testing {

// The fenced block (```) after the marker `<!-- NAME: begin` of docs/DEPLOY.md, without
// its fences; empty with a test failure when it is not there.
std::string DeployBlock(const std::string& name);
// `program` on PATH or in /usr/sbin, /sbin: its path, or "" when absent.
std::string FindProgram(const std::string& program);
// A loopback port free at the time of the call.
int FreeLoopbackPort();

class NginxTest : public ServerTest {
 protected:
  // Skips (or fails under CI) when nginx is absent.
  void SetUp() override;
  void TearDown() override;

  // Starts nginx with the DEPLOY.md site, its upstream at 127.0.0.1:upstream_port, and
  // waits (at most 10 s) until it accepts: the TLS port (https_port_), or -1 with a failure.
  int StartNginx(int upstream_port);
  // An HTTPS client of nginx that trusts the throw-away certificate (read timeout 10 s).
  std::unique_ptr<httplib::SSLClient> Tls() const;
  std::string NginxErr() const;

  std::string nginx_;
  pid_t nginx_pid_ = -1;
  int http_port_ = -1;
  int https_port_ = -1;
};

}  // namespace docket::testing
