#include "server/curl_sender.h"

#include <cstring>
#include <memory>
#include <mutex>

#include <curl/curl.h>
#include <nlohmann/json.hpp>

namespace docket::server {
namespace {

struct EasyDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;

Easy NewEasy() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  Easy easy(curl_easy_init());
  if (easy) {
    curl_easy_setopt(easy.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy.get(), CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(easy.get(), CURLOPT_TIMEOUT, 20L);
  }
  return easy;
}

// The message body read by an upload, from `at` on.
struct Upload {
  const std::string* text;
  std::size_t at = 0;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t count, void* data) {
  auto* up = static_cast<Upload*>(data);
  const std::size_t n = std::min(size * count, up->text->size() - up->at);
  std::memcpy(buffer, up->text->data() + up->at, n);
  up->at += n;
  return n;
}

std::size_t Collect(char* data, std::size_t size, std::size_t count, void* out) {
  auto* body = static_cast<std::string*>(out);
  const std::size_t n = size * count;
  if (body->size() < 64 * 1024) body->append(data, std::min(n, 64 * 1024 - body->size()));
  return n;
}

long ResponseCode(CURL* easy) {
  long code = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
  return code;
}

}  // namespace

CurlSender::CurlSender(std::string smtp) : smtp_(std::move(smtp)) {}

Status CurlSender::Send(const Outgoing& message) {
  if (message.channel == "email") return Mail(message);
  if (message.channel == "wecom" || message.channel == "dingtalk") return Post(message);
  return Status::Invalid(Msg("unknown delivery channel '{channel}'", {{"channel", message.channel}}));
}

Status CurlSender::Mail(const Outgoing& message) {
  if (smtp_.empty()) return Status::Invalid(Msg("no SMTP server: start docket serve with --smtp smtp://HOST:PORT"));
  Easy easy = NewEasy();
  if (!easy) return Status::Internal(Msg("libcurl could not start a transfer"));
  const std::string from = "<" + message.from + ">";
  const std::string to = "<" + message.address + ">";
  curl_slist* rcpt = curl_slist_append(nullptr, to.c_str());
  Upload up{&message.body};
  curl_easy_setopt(easy.get(), CURLOPT_URL, smtp_.c_str());
  curl_easy_setopt(easy.get(), CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(easy.get(), CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(easy.get(), CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(easy.get(), CURLOPT_READDATA, &up);
  curl_easy_setopt(easy.get(), CURLOPT_UPLOAD, 1L);
  const CURLcode rc = curl_easy_perform(easy.get());
  curl_slist_free_all(rcpt);
  if (rc != CURLE_OK) {
    return Status::Storage(Msg("SMTP: {why} (reply {code})", {{"why", curl_easy_strerror(rc)}, {"code", static_cast<std::int64_t>(ResponseCode(easy.get()))}}));
  }
  return Status::Ok();
}

Posted PostJson(const std::string& url, const std::string& body) {
  Posted out;
  Easy easy = NewEasy();
  if (!easy) {
    out.unreachable = "libcurl could not start a transfer";
    return out;
  }
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json; charset=utf-8");
  curl_easy_setopt(easy.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy.get(), CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(easy.get(), CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(easy.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(easy.get(), CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(easy.get(), CURLOPT_WRITEDATA, &out.body);
  const CURLcode rc = curl_easy_perform(easy.get());
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) out.unreachable = curl_easy_strerror(rc);
  out.code = ResponseCode(easy.get());
  return out;
}

Status CurlSender::Post(const Outgoing& message) {
  const Posted posted = PostJson(message.address, message.body);
  if (!posted.unreachable.empty()) {
    return Status::Storage(Msg("the robot could not be reached: {why}", {{"why", posted.unreachable}}));
  }
  if (posted.code < 200 || posted.code > 299) {
    return Status::Storage(Msg("the robot answered HTTP {code}", {{"code", static_cast<std::int64_t>(posted.code)}}));
  }
  const std::string& answer = posted.body;
  // WeCom and DingTalk answer 200 with {"errcode": N, "errmsg": ...}; N ≠ 0 is a refusal.
  const nlohmann::json j = nlohmann::json::parse(answer, nullptr, false);
  if (j.is_object() && j.contains("errcode") && j["errcode"].is_number_integer() && j["errcode"].get<std::int64_t>() != 0) {
    const std::string why = j.contains("errmsg") && j["errmsg"].is_string() ? j["errmsg"].get<std::string>() : "";
    return Status::Refused(Msg("the robot refused the message: errcode {code} {why}",
                               {{"code", j["errcode"].get<std::int64_t>()}, {"why", why.substr(0, 200)}}));
  }
  return Status::Ok();
}

}  // namespace docket::server
