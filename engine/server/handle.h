// How a route answers: on the worker's own Docket, for the caller the request proves it is.
//
// A request proves who it is by a session cookie (kSessionCookie, from POST /api/session) or
// an API token (`Authorization: Bearer dkt_...`). A credential that is given but unknown,
// ended or expired is 401 (and the cookie is cleared); a route that needs someone answers
// 401 to a request without one. A request that changes something (any method but GET and
// HEAD) under a session must carry the session's CSRF token in the X-CSRF-Token header
// (403 otherwise); a token needs none, as it is never sent by a browser on its own. A
// read-only token may not change anything (403). The route then runs with Docket::ActFor
// the caller: the application decides what they may read and do, as for the CLI's --as.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <httplib.h>

#include "app/docket.h"
#include "server/docket_pool.h"
#include "server/problem.h"

namespace docket::server {

inline constexpr const char* kSessionCookie = "docket_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

enum class Need {
  kNoOne,   // anyone, signed in or not (the public listing, sign-in itself)
  kReader,  // someone signed in
  kActor,   // someone signed in who may change things
};

// What a route is given: the worker's Docket, acting for the caller, and the reader's language.
struct Call {
  Docket& docket;
  const std::optional<Caller>& caller;
  Lang lang;
  DocketPool& pool;
  // A change for the caller through the group commit (DocketPool::Write): `fn` runs on the
  // writer's Docket, and this returns once it is durable.
  Status Write(const std::function<Status(Docket&)>& fn) { return pool.Write(caller, fn); }
};

using Route = std::function<Status(Call&, const httplib::Request&, httplib::Response&)>;

// The value of cookie `name` in the request's Cookie headers, "" when absent.
std::string CookieOf(const httplib::Request& req, const std::string& name);
// The Set-Cookie value of a session (`id`, `max_age_seconds`), or of its removal (id "", 0).
std::string SessionCookie(const std::string& id, long max_age_seconds);

// Runs `route` as described above; a Status it returns, and an exception it throws, become
// the response's problem (problem.h). `on_status` may turn a failed Status into another
// HTTP status (e.g. 401 for a failed sign-in) by returning it; 0 keeps HttpStatus's.
void Handle(DocketPool& pool, const httplib::Request& req, httplib::Response& res, Need need, const Route& route,
            const std::function<int(const Status&)>& on_status = nullptr);

// Who sent the request: its peer's address, or, when the peer is one of `trusted_proxies`
// and sent X-Forwarded-For, the last address that header names (the one the proxy added).
std::string ClientAddress(const httplib::Request& req, const std::vector<std::string>& trusted_proxies);

// `text` as an item id (a positive integer); Invalid naming the text otherwise.
Result<std::int64_t> ItemId(const std::string& text);
// ?as_of=TIME (ISO 8601, Beijing time without an offset; a date alone is the end of that
// day): nullopt when not given; Invalid naming the text when unreadable.
Result<std::optional<TimePoint>> AsOfParam(const httplib::Request& req);
// The request body as a JSON object; Invalid naming the problem otherwise.
Result<nlohmann::json> JsonBody(const httplib::Request& req);
// Member `key` of `body` as a string; Invalid when missing (and `required`) or not a string.
Result<std::string> StringMember(const nlohmann::json& body, const std::string& key, bool required = true);

}  // namespace docket::server
