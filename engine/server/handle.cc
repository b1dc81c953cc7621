#include "server/handle.h"

#include <algorithm>
#include <charconv>

#include <sodium.h>

#include "app/history.h"
#include "app/time_zones.h"

namespace docket::server {
namespace {

bool SameText(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool Changes(const httplib::Request& req) { return req.method != "GET" && req.method != "HEAD"; }

// The caller the request's credential proves; nullopt without one; Forbidden for a bad one.
Result<std::optional<Caller>> Authenticate(Docket& docket, const httplib::Request& req) {
  const std::string authorization = req.get_header_value("Authorization");
  if (!authorization.empty()) {
    const std::string bearer = "Bearer ";
    if (authorization.rfind(bearer, 0) != 0) {
      return Status::Forbidden(Msg("the Authorization header must be 'Bearer TOKEN' with an API token"));
    }
    DOCKET_ASSIGN_OR_RETURN(Caller caller, docket.TokenCaller(authorization.substr(bearer.size())));
    return std::optional<Caller>(caller);
  }
  const std::string session = CookieOf(req, kSessionCookie);
  if (session.empty()) return std::optional<Caller>();
  DOCKET_ASSIGN_OR_RETURN(Caller caller, docket.SessionCaller(session));
  return std::optional<Caller>(caller);
}

}  // namespace

std::string CookieOf(const httplib::Request& req, const std::string& name) {
  const std::size_t count = req.get_header_value_count("Cookie");
  for (std::size_t i = 0; i < count; ++i) {
    const std::string header = req.get_header_value("Cookie", i);
    std::size_t at = 0;
    while (at < header.size()) {
      std::size_t end = header.find(';', at);
      if (end == std::string::npos) end = header.size();
      std::string pair = header.substr(at, end - at);
      const std::size_t first = pair.find_first_not_of(' ');
      pair = first == std::string::npos ? std::string() : pair.substr(first);
      const std::size_t eq = pair.find('=');
      if (eq != std::string::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
      at = end + 1;
    }
  }
  return "";
}

std::string SessionCookie(const std::string& id, long max_age_seconds) {
  return std::string(kSessionCookie) + "=" + id + "; Path=/; Max-Age=" + std::to_string(max_age_seconds) +
         "; HttpOnly; Secure; SameSite=Strict";
}

void Handle(DocketPool& pool, const httplib::Request& req, httplib::Response& res, Need need, const Route& route,
            const std::function<int(const Status&)>& on_status) {
  const Lang lang = RequestLang(req);
  int http_status = 0;
  std::string problem;
  Docket* used = nullptr;
  Status st = CatchAll("request " + req.path, [&]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(Docket * docket, pool.ForThisThread());
    Result<std::optional<Caller>> caller = Authenticate(*docket, req);
    if (!caller.ok()) {
      if (caller.status().code() != Code::kForbidden) return caller.status();
      res.set_header("Set-Cookie", SessionCookie("", 0));
      if (need != Need::kNoOne) {
        http_status = 401;
        problem = "unauthenticated";
        return caller.status();
      }
      caller = std::optional<Caller>();  // a route for anyone: as no one
    }
    if (need != Need::kNoOne && !*caller) {
      http_status = 401;
      problem = "unauthenticated";
      return Status::Forbidden(Msg("sign in first (POST /api/session), or send an API token"));
    }
    if (need != Need::kNoOne && Changes(req) && !(*caller)->csrf.empty() &&
        !SameText(req.get_header_value(kCsrfHeader), (*caller)->csrf)) {
      problem = "csrf";
      return Status::Forbidden(Msg("a change under a session needs the session's CSRF token in the {header} header",
                                   {{"header", kCsrfHeader}}));
    }
    if (need == Need::kActor && !(*caller)->may_act) {
      return Status::Forbidden(Msg("this API token is read-only: it may not change anything"));
    }
    used = docket;
    docket->ActFor(*caller);
    Call call{*docket, *caller, lang, pool};
    return route(call, req, res);
  });
  if (used != nullptr) used->ActFor(std::nullopt);
  if (st.ok()) return;
  if (http_status == 0 && on_status) http_status = on_status(st);
  if (http_status == 0) http_status = HttpStatus(st.code());
  // RFC 9110: a 401 names how to authenticate (a token; a page signs in at /api/session).
  if (http_status == 401) res.set_header("WWW-Authenticate", "Bearer realm=\"docket\"");
  WriteProblem(res, http_status, problem.empty() ? CodeName(st.code()) : problem, st.msg(), lang);
}

std::string ClientAddress(const httplib::Request& req, const std::vector<std::string>& trusted_proxies) {
  const bool trusted = std::find(trusted_proxies.begin(), trusted_proxies.end(), req.remote_addr) != trusted_proxies.end();
  const std::string forwarded = req.get_header_value("X-Forwarded-For");
  if (!trusted || forwarded.empty()) return req.remote_addr;
  std::string last = forwarded.substr(forwarded.rfind(',') == std::string::npos ? 0 : forwarded.rfind(',') + 1);
  const std::size_t first = last.find_first_not_of(' ');
  const std::size_t end = last.find_last_not_of(' ');
  return first == std::string::npos ? req.remote_addr : last.substr(first, end - first + 1);
}

Result<std::int64_t> ItemId(const std::string& text) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return Status::Invalid(Msg("'{text}' is not an item id", {{"text", text}}));
  }
  return id;
}

Result<std::optional<TimePoint>> AsOfParam(const httplib::Request& req) {
  if (!req.has_param("as_of")) return std::optional<TimePoint>();
  const std::string text = req.get_param_value("as_of");
  DOCKET_ASSIGN_OR_RETURN(const TimeZone zone, DefaultTimeZone());
  std::optional<TimePoint> t = ParseAsOf(text, zone);
  if (!t) {
    return Status::Invalid(Msg("as_of: '{text}' is not an ISO 8601 time (e.g. 2026-03-01T17:00, Beijing time without an offset, or 2026-03-01 for the end of that day)",
                               {{"text", text}}));
  }
  return t;
}

Result<nlohmann::json> JsonBody(const httplib::Request& req) {
  nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return Status::Invalid(Msg("the request body must be a JSON object"));
  }
  return body;
}

Result<std::string> StringMember(const nlohmann::json& body, const std::string& key, bool required) {
  auto it = body.find(key);
  if (it == body.end()) {
    if (!required) return std::string();
    return Status::Invalid(Msg("the request body needs \"{key}\"", {{"key", key}}));
  }
  if (!it->is_string()) return Status::Invalid(Msg("\"{key}\" must be a string", {{"key", key}}));
  return it->get<std::string>();
}

}  // namespace docket::server
