// The Sender of `docket serve` (app/delivery.h) over libcurl: e-mail by SMTP to the server
// given by --smtp, group robots by an HTTP POST of their JSON. Each Send is one transfer of
// its own, bounded in time (connect 5 s, whole 20 s), so a worker stopping waits at most
// that long.
#pragma once

#include <string>

#include "app/delivery.h"

namespace docket::server {

// An HTTP POST of `body` (JSON) to `url` over libcurl, bounded as Send is.
struct Posted {
  std::string unreachable;  // why the answer never came ("" when it came)
  long code = 0;            // the HTTP status
  std::string body;         // its first 64 KiB
};
Posted PostJson(const std::string& url, const std::string& body);

class CurlSender : public Sender {
 public:
  // `smtp`: "smtp://HOST:PORT" (or smtps://); "" when e-mail is not configured, then every
  // e-mail fails with a message saying so.
  explicit CurlSender(std::string smtp);
  Status Send(const Outgoing& message) override;

 private:
  Status Mail(const Outgoing& message);
  Status Post(const Outgoing& message);

  std::string smtp_;
};

}  // namespace docket::server
