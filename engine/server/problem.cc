#include "server/problem.h"

#include <algorithm>
#include <cctype>

#include "core/catalog.h"

namespace docket::server {
namespace {

// The summary of an HTTP status a problem can carry.
Msg Title(int status) {
  switch (status) {
    case 400: return Msg("Bad request");
    case 401: return Msg("Not signed in");
    case 403: return Msg("Forbidden");
    case 404: return Msg("Not found");
    case 409: return Msg("Conflict");
    case 412: return Msg("Precondition failed");
    case 413: return Msg("Request body too large");
    case 414: return Msg("Request target too long");
    case 415: return Msg("Unsupported media type");
    case 422: return Msg("Refused");
    case 428: return Msg("Precondition required");
    case 429: return Msg("Too many requests");
    case 431: return Msg("Request headers too large");
    case 503: return Msg("Service unavailable");
    default: return Msg("Server error");
  }
}

}  // namespace

int HttpStatus(Code code) {
  switch (code) {
    case Code::kOk: return 200;
    case Code::kInvalid: return 400;
    case Code::kForbidden: return 403;
    case Code::kNotFound: return 404;
    case Code::kConflict: return 409;
    case Code::kRefused: return 422;
    case Code::kTooLarge: return 413;
    case Code::kUnsupported: return 415;
    case Code::kIntegrity:
    case Code::kStorage:
    case Code::kInternal: return 500;
  }
  return 500;
}

Lang RequestLang(const httplib::Request& req) {
  // ?lang=zh|en first: a download link cannot send the page's language as a header.
  if (const std::string asked = req.get_param_value("lang"); asked == "zh" || asked == "en") {
    return asked == "en" ? Lang::kEn : Lang::kZh;
  }
  const std::string header = req.get_header_value("Accept-Language");
  std::size_t start = 0;
  while (start <= header.size()) {
    std::size_t end = header.find(',', start);
    if (end == std::string::npos) end = header.size();
    std::string tag = header.substr(start, end - start);
    tag = tag.substr(0, tag.find(';'));
    tag.erase(std::remove_if(tag.begin(), tag.end(), [](unsigned char c) { return std::isspace(c); }), tag.end());
    std::transform(tag.begin(), tag.end(), tag.begin(), [](unsigned char c) { return std::tolower(c); });
    const std::string primary = tag.substr(0, tag.find('-'));
    if (primary == "zh") return Lang::kZh;
    if (primary == "en") return Lang::kEn;
    start = end + 1;
  }
  return Lang::kZh;
}

void WriteProblem(httplib::Response& res, int status, const std::string& name, const Msg& detail, Lang lang) {
  const nlohmann::json body = {{"type", "urn:docket:problem:" + name},
                               {"title", Text(Title(status), lang)},
                               {"status", status},
                               {"detail", Text(detail, lang)}};
  res.status = status;
  res.set_header("Content-Language", LangCode(lang));
  res.set_content(body.dump(), "application/problem+json");
}

void WriteProblem(httplib::Response& res, const Status& status, Lang lang) {
  WriteProblem(res, HttpStatus(status.code()), CodeName(status.code()), status.msg(), lang);
}

void WriteJson(httplib::Response& res, const nlohmann::json& body) {
  res.status = 200;
  res.set_content(body.dump(), "application/json");
}

}  // namespace docket::server
