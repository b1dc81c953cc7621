// Sign-in routes (routes.h): accepting an invitation, signing in and out, who am I.
#include <chrono>

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

}  // namespace

void AddIdentityRoutes(httplib::Server& http, DocketPool& pool) {
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
  http.Post("/api/session", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(
        pool, req, res, Need::kNoOne,
        [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
          DOCKET_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(r));
          DOCKET_ASSIGN_OR_RETURN(std::string person, StringMember(body, "person"));
          DOCKET_ASSIGN_OR_RETURN(std::string password, StringMember(body, "password"));
          DOCKET_ASSIGN_OR_RETURN(SignedIn in, call.docket.SignIn(person, password, r.remote_addr));
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
}

}  // namespace docket::server
