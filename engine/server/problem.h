// Errors as application/problem+json (RFC 9457) and the reader's language.
//
// A problem is {"type", "title", "status", "detail"}: type is "urn:docket:problem:NAME"
// (NAME the Status code's name, as the CLI's --json "code", or a transport problem's name
// such as "body_too_large"), title the HTTP status's summary and detail the message, both
// in the request's language.
#pragma once

#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/labels.h"
#include "core/message.h"
#include "core/status.h"

namespace docket::server {

// The HTTP status of a Status code (docs/ARCHITECTURE.md "Errors and exit codes"):
// Invalid 400, Forbidden 403, NotFound 404, Conflict 409, Refused 422, and 500 for
// Integrity, Storage and Internal (the server's fault, not the request's).
int HttpStatus(Code code);

// ?lang=zh or ?lang=en when given (a link to a download sends no header of the page's), else the
// first language of Accept-Language that Docket speaks (zh or en), Chinese when none.
Lang RequestLang(const httplib::Request& req);

// `res` becomes the problem: HTTP `status`, type "urn:docket:problem:" + `name`.
void WriteProblem(httplib::Response& res, int status, const std::string& name, const Msg& detail, Lang lang);
// The problem of a failed Status: HttpStatus(code), named by CodeName(code).
void WriteProblem(httplib::Response& res, const Status& status, Lang lang);

// `res` becomes 200 with `body` as application/json.
void WriteJson(httplib::Response& res, const nlohmann::json& body);

}  // namespace docket::server
