// Compose (app/delivery.h): a due delivery as an RFC 5322 e-mail or a group robot's JSON.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/delivery.h"
#include "core/catalog.h"

namespace docket {
namespace {

std::string Base64(std::string_view in) {
  static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    for (int s : {18, 12, 6, 0}) out += kDigits[(v >> s) & 63];
  }
  if (i + 1 == in.size()) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += kDigits[(v >> 18) & 63];
    out += kDigits[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    for (int s : {18, 12, 6}) out += kDigits[(v >> s) & 63];
    out += '=';
  }
  return out;
}

// `text` as RFC 2047 encoded words ("=?UTF-8?B?...?="), each of at most 45 bytes of whole
// UTF-8 characters (so each word stays under 75 characters), folded onto lines of their own.
std::string EncodedWords(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    std::size_t n = std::min<std::size_t>(45, text.size());
    while (n < text.size() && n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    if (n == 0) n = std::min<std::size_t>(45, text.size());
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(0, n)) + "?=";
    text.remove_prefix(n);
  }
  return out;
}

// "Sun, 06 Dec 2026 01:10:23 +0000".
std::string MailDate(TimePoint t) {
  using namespace std::chrono;
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const sys_days day = floor<days>(t);
  const year_month_day ymd(day);
  const hh_mm_ss hms(t - day);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %d %02lld:%02lld:%02lld +0000", kDays[weekday(day).c_encoding()],
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<long long>(hms.hours().count()),
                static_cast<long long>(hms.minutes().count()), static_cast<long long>(hms.seconds().count()));
  return buf;
}

// Lines ending in CRLF, none of them a lone "." (SMTP would take it as the end).
std::string MailLines(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] == '.') line.insert(0, ".");
    out += line + "\r\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

Outgoing Compose(const DueDelivery& due, const Person* person, const DeliveryPolicy& policy, TimePoint now) {
  const Delivery& d = due.delivery;
  const Notification& n = due.notification;
  const std::string key = "docket-outbox-" + std::to_string(d.id);
  const std::string zh = n.message.Get(Lang::kZh, "");
  const std::string en = n.message.Get(Lang::kEn, "");
  std::string texts = zh;
  if (!en.empty() && en != zh) texts += (texts.empty() ? "" : "\n\n") + en;
  Outgoing out{d.channel, d.address, policy.mail_from, ""};
  if (d.channel == "email") {
    const std::size_t at = policy.mail_from.rfind('@');
    const std::string domain = at == std::string::npos ? "localhost" : policy.mail_from.substr(at + 1);
    out.body = "From: " + policy.mail_from + "\r\n" + "To: " + d.address + "\r\n" + "Subject: " +
               EncodedWords(zh.empty() ? en : zh) + "\r\n" + "Date: " + MailDate(now) + "\r\n" + "Message-ID: <" + key +
               "@" + domain + ">\r\n" + "MIME-Version: 1.0\r\n" + "Content-Type: text/plain; charset=UTF-8\r\n" +
               "Content-Transfer-Encoding: 8bit\r\n" + "X-Docket-Key: " + key + "\r\n\r\n" +
               MailLines(texts + "\n\n-- \n" + key);
    return out;
  }
  const Msg who = person ? Msg::Of(person->name, n.person) : Msg::Literal(n.person);
  const std::string content = Text(Msg("For {person}:", {{"person", who}}), Lang::kZh) + "\n" + texts + "\n[" + key + "]";
  out.body = nlohmann::json{{"msgtype", "text"}, {"text", {{"content", content}}}}.dump();
  return out;
}

}  // namespace docket
