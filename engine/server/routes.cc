#include "server/routes.h"

#include <string_view>

#include "app/embedded.h"
#include "app/json_views.h"
#include "server/problem.h"

namespace docket::server {

// schemas/openapi.json, compiled in (CMakeLists.txt).
const std::vector<EmbeddedFile>& ServerFiles();

namespace {

// Runs `fn` on the calling worker's Docket; a Status it returns, and an exception it
// throws, become the response's problem.
template <typename Fn>
void OnDocket(DocketPool& pool, const httplib::Request& req, httplib::Response& res, Fn&& fn) {
  const Lang lang = RequestLang(req);
  Status st = CatchAll("request " + req.path, [&]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(Docket * docket, pool.ForThisThread());
    return fn(*docket, res);
  });
  if (!st.ok()) WriteProblem(res, st, lang);
}

std::string_view OpenApiText() {
  for (const EmbeddedFile& f : ServerFiles()) {
    if (f.path == "schemas/openapi.json") return f.text;
  }
  return {};
}

}  // namespace

void AddRoutes(httplib::Server& http, DocketPool& pool, const RouteOptions& options) {
  http.Get("/healthz", [&pool](const httplib::Request& req, httplib::Response& res) {
    const Lang lang = RequestLang(req);
    Status st = CatchAll("healthz", [&]() -> Status {
      DOCKET_ASSIGN_OR_RETURN(Docket * docket, pool.ForThisThread());
      return docket->Ping();
    });
    if (st.ok()) {
      WriteJson(res, {{"status", "ok"}});
    } else {
      WriteProblem(res, 503, "unavailable", st.msg(), lang);
    }
  });
  http.Get("/api/orgs/([^/]+)/public", [&pool](const httplib::Request& req, httplib::Response& res) {
    OnDocket(pool, req, res, [&req](Docket& docket, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(auto items, docket.ListPublic(req.matches[1].str()));
      WriteJson(out, PublicJson(items));
      return Status::Ok();
    });
  });
  AddIdentityRoutes(http, pool, options.trusted_proxies);
  AddItemRoutes(http, pool, options.report_submitted);
  AddAttachmentRoutes(http, pool, options.max_attachment_bytes);
  AddRecordRoutes(http, pool);
  AddConfigRoutes(http, pool);
  AddConfigCsvRoutes(http, pool);
  AddAuditRoutes(http, pool, options.signing_key, options.trusted_proxies);
  AddDocumentRoutes(http, pool);
  AddPageRoutes(http);
  http.Get("/api/openapi.json", [](const httplib::Request&, httplib::Response& res) {
    const std::string_view text = OpenApiText();
    res.set_content(text.data(), text.size(), "application/json");
  });
}

void ProblemForTransport(const httplib::Request& req, httplib::Response& res, std::size_t max_body_bytes) {
  if (!res.body.empty()) return;  // a route's own problem
  const Lang lang = RequestLang(req);
  switch (res.status) {
    case 404:
      WriteProblem(res, 404, "no_route", Msg("no route {method} {path}", {{"method", req.method}, {"path", req.path}}), lang);
      return;
    case 413:
      WriteProblem(res, 413, "body_too_large",
                   Msg("the request body is larger than {limit} bytes", {{"limit", std::to_string(max_body_bytes)}}), lang);
      return;
    case 414:
      WriteProblem(res, 414, "target_too_long", Msg("the request target is longer than the server accepts"), lang);
      return;
    case 400:
      WriteProblem(res, 400, "bad_request", Msg("the request is not well-formed HTTP/1.1"), lang);
      return;
    default:
      WriteProblem(res, res.status, "http_" + std::to_string(res.status),
                   Msg("the server could not answer this request (HTTP {status})", {{"status", std::to_string(res.status)}}), lang);
  }
}

}  // namespace docket::server
