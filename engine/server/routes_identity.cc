// Sign-in routes (routes.h): accepting an invitation, signing in and out, who am I; and the
// administrator's: invitations, accounts and API tokens (`docket user ...`, `docket token ...`).
#include <algorithm>
#include <chrono>

#include "app/json_views.h"
#include "server/handle.h"
#include "server/routes.h"

namespace docket::server {
namespace {

nlohmann::json CallerJson(const Caller& c) {
  nlohmann::json j = {{"person", c.person}, {"via", c.via}, {"may_act", c.may_act}};
  if (!c.csrf.empty()) j["csrf"] = c.csrf;
  if (!c.org.empty()) j["org"] = c.org;
  return j;
}

// A failed sign-in is 401, a lock-out 429; other failures keep their status.
int SignInStatus(const Status& st) {
  if (st.code() == Code::kForbidden) return 401;
  if (st.code() == Code::kRefused) return 429;
  return 0;
}

// Where people reach this server, for an invitation's link: the body's "url", else the
// request's own scheme (as a proxy forwards it) and Host.
std::string BaseUrl(const httplib::Request& req, std::string url) {
  if (url.empty()) {
    const std::string proto = req.get_header_value("X-Forwarded-Proto");
    url = (proto == "https" ? "https://" : "http://") + req.get_header_value("Host");
  }
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

void AddAdminRoutes(httplib::Server& http, DocketPool& pool) {
  // {"person", "url"?}: a one-time link with which the person sets their password.
  http.Post("/api/invitations", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kActor, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(r));
      DOCKET_ASSIGN_OR_RETURN(std::string person, StringMember(body, "person"));
      DOCKET_ASSIGN_OR_RETURN(std::string url, StringMember(body, "url", /*required=*/false));
      return call.Write([&](Docket& writer) -> Status {
        DOCKET_ASSIGN_OR_RETURN(IssuedInvitation inv, writer.Invite(person, call.caller->person));
        WriteJson(out, {{"person", inv.person}, {"link", BaseUrl(r, url) + "/invite#token=" + inv.token},
                        {"expires_at", inv.expires_at}});
        out.status = 201;
        return Status::Ok();
      });
    });
  });
  http.Get("/api/accounts", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request&, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(std::vector<AccountInfo> accounts, call.docket.ListAccounts(call.caller->person));
      nlohmann::json j = nlohmann::json::array();
      for (const AccountInfo& a : accounts) j.push_back(AccountJson(a));
      WriteJson(out, j);
      return Status::Ok();
    });
  });
  // {"person", "org", "scope": "read"|"act", "days"?}: the token, shown only in this answer.
  http.Post("/api/tokens", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kActor, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(r));
      DOCKET_ASSIGN_OR_RETURN(std::string person, StringMember(body, "person"));
      DOCKET_ASSIGN_OR_RETURN(std::string org, StringMember(body, "org"));
      DOCKET_ASSIGN_OR_RETURN(std::string scope, StringMember(body, "scope", /*required=*/false));
      int days = 90;
      if (body.contains("days")) {
        if (!body["days"].is_number_integer()) return Status::Invalid(Msg("\"days\" must be a whole number of days"));
        days = static_cast<int>(std::clamp<std::int64_t>(body["days"].get<std::int64_t>(), -1, 100000));
      }
      return call.Write([&](Docket& writer) -> Status {
        DOCKET_ASSIGN_OR_RETURN(IssuedToken t, writer.CreateToken(person, org, scope.empty() ? "read" : scope, days,
                                                                  call.caller->person));
        nlohmann::json j = TokenJson(t.info);
        j["token"] = t.token;
        WriteJson(out, j);
        out.status = 201;
        return Status::Ok();
      });
    });
  });
  // ?person=P: that person's tokens only.
  http.Get("/api/tokens", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(std::vector<TokenInfo> tokens,
                              call.docket.ListTokens(r.get_param_value("person"), call.caller->person));
      nlohmann::json j = nlohmann::json::array();
      for (const TokenInfo& t : tokens) j.push_back(TokenJson(t));
      WriteJson(out, j);
      return Status::Ok();
    });
  });
  http.Delete("/api/tokens/([^/]+)", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kActor, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      const std::string id = r.matches[1].str();
      return call.Write([&](Docket& writer) -> Status {
        DOCKET_RETURN_IF_ERROR(writer.RevokeToken(id, call.caller->person));
        WriteJson(out, {{"id", id}, {"revoked", true}});
        return Status::Ok();
      });
    });
  });
}

}  // namespace

void AddIdentityRoutes(httplib::Server& http, DocketPool& pool, const std::vector<std::string>& trusted_proxies) {
  http.Post("/api/invitations/accept", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kNoOne, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(r));
      DOCKET_ASSIGN_OR_RETURN(std::string token, StringMember(body, "token"));
      DOCKET_ASSIGN_OR_RETURN(std::string password, StringMember(body, "password"));
      DOCKET_ASSIGN_OR_RETURN(std::string person, call.docket.AcceptInvitation(token, password));
      WriteJson(out, {{"person", person}});
      return Status::Ok();
    });
  });
  http.Post("/api/session", [&pool, trusted_proxies](const httplib::Request& req, httplib::Response& res) {
    Handle(
        pool, req, res, Need::kNoOne,
        [&trusted_proxies](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
          DOCKET_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(r));
          DOCKET_ASSIGN_OR_RETURN(std::string person, StringMember(body, "person"));
          DOCKET_ASSIGN_OR_RETURN(std::string password, StringMember(body, "password"));
          DOCKET_ASSIGN_OR_RETURN(SignedIn in, call.docket.SignIn(person, password, ClientAddress(r, trusted_proxies)));
          // A new id at every sign-in: the session the browser held before ends.
          const std::string old = CookieOf(r, kSessionCookie);
          if (!old.empty() && call.caller) (void)call.docket.SignOut(old, false);
          const auto max_age = std::chrono::duration_cast<std::chrono::seconds>(call.docket.account_policy().session_absolute);
          out.set_header("Set-Cookie", SessionCookie(in.session, static_cast<long>(max_age.count())));
          nlohmann::json j = CallerJson(in.caller);
          j["expires_at"] = in.expires_at;
          WriteJson(out, j);
          return Status::Ok();
        },
        SignInStatus);
  });
  http.Get("/api/session", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request&, httplib::Response& out) -> Status {
      nlohmann::json j = CallerJson(*call.caller);
      DOCKET_ASSIGN_OR_RETURN(std::vector<RoleGrant> roles, call.docket.RolesOf(call.caller->person));
      j["roles"] = nlohmann::json::array();
      for (const RoleGrant& g : roles) j["roles"].push_back({{"org", g.org}, {"role", g.role}});
      WriteJson(out, j);
      return Status::Ok();
    });
  });
  // Sign out of this session; with ?everywhere=true, of every session of the person.
  http.Delete("/api/session", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      const std::string session = CookieOf(r, kSessionCookie);
      if (session.empty() || call.caller->csrf.empty()) {
        return Status::Invalid(Msg("signing out ends a session: this request was not made under one"));
      }
      DOCKET_RETURN_IF_ERROR(call.docket.SignOut(session, r.get_param_value("everywhere") == "true"));
      out.set_header("Set-Cookie", SessionCookie("", 0));
      WriteJson(out, {{"signed_out", true}});
      return Status::Ok();
    });
  });
  AddAdminRoutes(http, pool);
}

}  // namespace docket::server
