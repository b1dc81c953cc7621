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
// The pages (routes_pages.cc): GET / and GET /static/NAME, the files of web/.
// Every other request is a problem: 404 for a path with no route (problem.h).
#pragma once

#include <cstddef>

#include <httplib.h>

#include "server/docket_pool.h"

namespace docket::server {

void AddRoutes(httplib::Server& http, DocketPool& pool);
void AddIdentityRoutes(httplib::Server& http, DocketPool& pool);
void AddItemRoutes(httplib::Server& http, DocketPool& pool);
void AddRecordRoutes(httplib::Server& http, DocketPool& pool);
void AddPageRoutes(httplib::Server& http);

// A response httplib made itself (no route, a body over `max_body_bytes`, a malformed
// request) turned into its problem; a response a route wrote is left as it is.
void ProblemForTransport(const httplib::Request& req, httplib::Response& res, std::size_t max_body_bytes);

}  // namespace docket::server
