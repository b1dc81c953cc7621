// The roster and the decision-matter list as CSV (routes.h), for the administrator: the
// CLI's `org import-roster|export-roster|import-matters|export-matters`. An import's body is
// the CSV file's text (?file=NAME names it in messages); a refusal is the loads' problem, one
// "NAME:LINE:COL: message" per line of its detail, the line and column the CSV's. An export
// is the CSV file itself (UTF-8 with a BOM, CRLF), as a download.
#include "app/json_views.h"
#include "server/handle.h"
#include "server/routes.h"

namespace docket::server {
namespace {

std::string CsvFileOf(const httplib::Request& req, const char* fallback) {
  const std::string name = req.get_param_value("file");
  return name.empty() ? std::string(fallback) : name;
}

Result<std::string> OrgParam(const httplib::Request& req) {
  const std::string org = req.get_param_value("org");
  if (org.empty()) return Status::Invalid(Msg("give the organization: ?org=ID"));
  return org;
}

void WriteCsvDownload(httplib::Response& out, const std::string& csv, const std::string& name) {
  out.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  out.set_content(csv, "text/csv; charset=utf-8");
}

}  // namespace

void AddConfigCsvRoutes(httplib::Server& http, DocketPool& pool) {
  http.Post("/api/config/roster", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kActor, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(std::string org, OrgParam(r));
      if (r.body.empty()) return Status::Invalid(Msg("the request body must be the CSV file's text"));
      const std::string file = CsvFileOf(r, "roster.csv");
      return call.Write([&](Docket& writer) -> Status {
        DOCKET_ASSIGN_OR_RETURN(OrgLoadReport loaded, writer.ImportRoster(r.body, file, org, call.caller->person));
        WriteJson(out, OrgLoadJson(loaded));
        return Status::Ok();
      });
    });
  });
  http.Post("/api/config/matters", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kActor, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      if (r.body.empty()) return Status::Invalid(Msg("the request body must be the CSV file's text"));
      const std::string file = CsvFileOf(r, "decision-matters.csv");
      return call.Write([&](Docket& writer) -> Status {
        DOCKET_ASSIGN_OR_RETURN(TableLoadReport loaded, writer.ImportMatterList(r.body, file, call.caller->person));
        WriteJson(out, TableLoadJson(loaded));
        return Status::Ok();
      });
    });
  });
  http.Get("/api/config/roster", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kActor, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(std::string org, OrgParam(r));
      DOCKET_ASSIGN_OR_RETURN(std::string csv, call.docket.ExportRoster(org, call.caller->person));
      WriteCsvDownload(out, csv, "roster-" + org + ".csv");
      return Status::Ok();
    });
  });
  http.Get("/api/config/matters", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kActor, [](Call& call, const httplib::Request&, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(std::string csv, call.docket.ExportMatterList(call.caller->person));
      WriteCsvDownload(out, csv, "decision-matters.csv");
      return Status::Ok();
    });
  });
}

}  // namespace docket::server
