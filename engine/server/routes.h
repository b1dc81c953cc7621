// The routes of the server, each an adapter over the door (app/docket.h) on the worker's
// own Docket (docket_pool.h):
//   GET /healthz                 200 {"status":"ok"} when the database answers, 503 problem
//   GET /api/orgs/{org}/public   the published items (app/json_views.h PublicJson), no one
//                                signed in, as `docket --json public list --org ORG`
//   GET /api/openapi.json        the OpenAPI document of these routes (schemas/openapi.json)
// Sign-in (routes_identity.cc, handle.h):
//   POST   /api/invitations/accept  {"token", "password"}: sets the invited person's password
//   POST   /api/session             {"person", "password"}: a session cookie and its CSRF token
//   GET    /api/session             who the caller is
//   DELETE /api/session             signs out (?everywhere=true: every session of the person)
// Items for the caller (routes_items.cc): GET /api/items?org=, GET /api/items/{id} (ETag),
// GET /api/items/{id}/history, POST /api/items, POST /api/items/{id}/actions/{action}
// (If-Match), GET /api/inbox.
// The record for the caller (routes_records.cc): GET /api/items/{id}/progress,
// GET /api/orgs/{org}/findings?term=, GET /api/reports/{report}/{org}/{term}[/rollup]
// ?format=json|md|html|csv, POST /api/reports/{report}/{org}/{term}/review.
// Administration (routes_identity.cc): POST /api/invitations, GET /api/accounts,
// POST /api/tokens, GET /api/tokens?person=, DELETE /api/tokens/{id}.
// Configuration (routes_config.cc): GET /api/orgs, /api/people, /api/workflows,
// /api/tables/{name}; POST /api/config/{orgs|workflows|tables|calendar|reports} (YAML body).
// Proofs (routes_audit.cc): GET /api/audit/verify?org=, GET /api/orgs/{org}/audit/export,
// POST /api/orgs/{org}/audit/checkpoint, GET /api/audit/key.
// Reads as of a moment: ?as_of=TIME on an item, a listing, a progress and the findings.
// The pages (routes_pages.cc): GET / and GET /static/NAME, the files of web/.
// A meeting's documents (routes_documents.cc): GET /api/items/{id}/documents/{kind}, GET
// /documents/print.css.
// Files attached to an item (routes_attachments.cc): GET /api/items/{id}/attachments, POST
// it (the file's bytes as the body, its name in X-Filename), GET .../attachments/{hash}.
// Every other request is a problem: 404 for a path with no route (problem.h).
#pragma once

#include <cstddef>
#include <memory>
#include <functional>
#include <string>
#include <vector>

#include <httplib.h>

#include "server/docket_pool.h"

namespace docket::server {

// What the routes take from the server's options (server.h).
struct RouteOptions {
  std::shared_ptr<const SigningKey> signing_key;  // the server's signing key (null when it signs no checkpoints)
  std::vector<std::string> trusted_proxies;
  // Called with the organization after an action submitted its report (ActResult::report_hash):
  // the server signs that chain's checkpoint at once (scheduler.h CheckpointSoon).
  std::function<void(const std::string& org)> report_submitted;
  // The largest file an item may have attached (ServerOptions::max_attachment_bytes).
  std::int64_t max_attachment_bytes = 20 << 20;
};

void AddRoutes(httplib::Server& http, DocketPool& pool, const RouteOptions& options);
void AddIdentityRoutes(httplib::Server& http, DocketPool& pool, const std::vector<std::string>& trusted_proxies);
void AddItemRoutes(httplib::Server& http, DocketPool& pool, const std::function<void(const std::string&)>& report_submitted);
void AddConfigRoutes(httplib::Server& http, DocketPool& pool);
// routes_config_csv.cc: the roster and the decision-matter list as CSV (/api/config/roster|matters).
void AddConfigCsvRoutes(httplib::Server& http, DocketPool& pool);
void AddAuditRoutes(httplib::Server& http, DocketPool& pool, std::shared_ptr<const SigningKey> signing_key,
                    const std::vector<std::string>& trusted_proxies);
void AddRecordRoutes(httplib::Server& http, DocketPool& pool);
void AddPageRoutes(httplib::Server& http);
void AddDocumentRoutes(httplib::Server& http, DocketPool& pool);
// routes_attachments.cc: GET/POST /api/items/{id}/attachments, GET .../attachments/{hash}.
void AddAttachmentRoutes(httplib::Server& http, DocketPool& pool, std::int64_t max_attachment_bytes);  // routes_documents.cc: a meeting's documents

// A response httplib made itself (no route, a body over `max_body_bytes`, a malformed
// request) turned into its problem; a response a route wrote is left as it is.
void ProblemForTransport(const httplib::Request& req, httplib::Response& res, std::size_t max_body_bytes);

}  // namespace docket::server
