// What the record shows, for the caller (routes.h): a decision's progress, an organization's
// findings, a school's semester report and a supervisor's roll-up in every format, and the
// supervisor's review of a submitted report. Each is the CLI command of the same name.
#include <cctype>
#include <memory>
#include <vector>

#include "app/json_views.h"
#include "core/labels.h"
#include "server/handle.h"
#include "server/report_cache.h"
#include "server/routes.h"

namespace docket::server {
namespace {

std::string FormatParam(const httplib::Request& req) {
  return req.has_param("format") ? req.get_param_value("format") : "json";
}

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// `doc` in `format` (json, md, html, csv or xlsx), with its content type.
Result<Rendered> Render(const ReportDoc& doc, const std::string& format, Lang lang) {
  if (format == "json") return Rendered{RenderJson(doc), "application/json"};
  if (format == "md") return Rendered{RenderMarkdown(doc, lang), "text/markdown; charset=utf-8"};
  if (format == "html") return Rendered{RenderHtml(doc, lang), "text/html; charset=utf-8"};
  if (format == "csv") return Rendered{RenderCsv(doc, lang), "text/csv; charset=utf-8"};
  if (format == "xlsx") {
    DOCKET_ASSIGN_OR_RETURN(std::string bytes, RenderXlsx(doc, lang));
    return Rendered{std::move(bytes), kXlsxType};
  }
  return Status::Invalid(Msg("format '{format}': a report is json, md, html, csv or xlsx", {{"format", format}}));
}

// A spreadsheet (csv, xlsx) comes as a file to save: "semester-school-a-2026-spring.xlsx",
// the parts of `name` joined by "-", anything but letters, digits, "." and "_" as "_".
void NameDownload(httplib::Response& res, const std::string& format, const std::vector<std::string>& name) {
  if (format != "csv" && format != "xlsx") return;
  std::string file;
  for (const auto& part : name) {
    if (!file.empty()) file += '-';
    for (const char c : part) file += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ? c : '_';
  }
  res.set_header("Content-Disposition", "attachment; filename=\"" + file + "." + format + "\"");
}

// `doc` as ?format= asks (json by default); a spreadsheet named by `name`.
Status WriteReport(httplib::Response& res, const httplib::Request& req, const ReportDoc& doc, Lang lang,
                   const std::vector<std::string>& name) {
  const std::string format = FormatParam(req);
  DOCKET_ASSIGN_OR_RETURN(Rendered r, Render(doc, format, lang));
  res.set_content(std::move(r.body), r.content_type);
  NameDownload(res, format, name);
  return Status::Ok();
}

}  // namespace

void AddRecordRoutes(httplib::Server& http, DocketPool& pool) {
  auto reports = std::make_shared<ReportCache>();
  http.Get(R"(/api/items/([^/]+)/progress)", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(std::int64_t id, ItemId(r.matches[1].str()));
      DOCKET_ASSIGN_OR_RETURN(std::optional<TimePoint> as_of, AsOfParam(r));
      DOCKET_ASSIGN_OR_RETURN(Progress p, call.docket.ItemProgress(id, as_of));
      WriteJson(out, ProgressJson(p));
      return Status::Ok();
    });
  });
  // ?term=2026-spring: only that semester's items; ?as_of=TIME: as they stood then.
  http.Get("/api/orgs/([^/]+)/findings", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      const std::string org = r.matches[1].str();
      const std::string term = r.get_param_value("term");
      DOCKET_ASSIGN_OR_RETURN(std::optional<TimePoint> as_of, AsOfParam(r));
      DOCKET_ASSIGN_OR_RETURN(std::vector<Finding> found,
                              call.docket.Findings(org, term.empty() ? std::nullopt : std::optional<std::string>(term), as_of));
      WriteJson(out, FindingsJson(org, term, FormatTime(as_of.value_or(call.docket.clock().Now())), found));
      return Status::Ok();
    });
  });
  // ?format=json|md|html|csv|xlsx (the spreadsheets as attachments); ?submitted=true: the copy kept at submission. The report as
  // of now comes from the server's one cache of renderings (report_cache.h), after the
  // caller's right to read it is checked.
  http.Get("/api/reports/([^/]+)/([^/]+)/([^/]+)", [&pool, reports](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [&reports](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      const std::string report = r.matches[1].str(), org = r.matches[2].str(), term = r.matches[3].str();
      if (r.get_param_value("submitted") == "true") {
        DOCKET_ASSIGN_OR_RETURN(ReportDoc doc, call.docket.SubmittedReport(report, org, term));
        return WriteReport(out, r, doc, call.lang, {report, org, term, "submitted"});
      }
      DOCKET_ASSIGN_OR_RETURN(ReportBasis basis, call.docket.BasisOfReport(report, org));
      const std::string format = FormatParam(r);
      const std::string key = report + "\n" + org + "\n" + term + "\n" + format + "\n" + LangCode(call.lang);
      DOCKET_ASSIGN_OR_RETURN(std::shared_ptr<const Rendered> rendered, reports->Get(key, basis, [&]() -> Result<Rendered> {
                                DOCKET_ASSIGN_OR_RETURN(ReportDoc doc, call.docket.Report(report, org, term));
                                return Render(doc, format, call.lang);
                              }));
      out.set_content(rendered->body, rendered->content_type);
      NameDownload(out, format, {report, org, term});
      return Status::Ok();
    });
  });
  // The roll-up kept per school (app/rollup_cache.h); each version of it rendered once per
  // format and language, in the same cache of renderings.
  http.Get("/api/reports/([^/]+)/([^/]+)/([^/]+)/rollup", [&pool, reports](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [&reports](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      const std::string report = r.matches[1].str(), org = r.matches[2].str(), term = r.matches[3].str();
      DOCKET_ASSIGN_OR_RETURN(KeptReport kept, call.docket.RollupKept(report, org, term));
      if (kept.version.empty()) return WriteReport(out, r, *kept.doc, call.lang, {report, "rollup", org, term});
      const std::string format = FormatParam(r);
      const std::string key = "rollup\n" + report + "\n" + org + "\n" + term + "\n" + format + "\n" + LangCode(call.lang);
      DOCKET_ASSIGN_OR_RETURN(std::shared_ptr<const Rendered> rendered,
                              reports->Get(key, ReportBasis{"rollup " + kept.version, 0},
                                           [&]() { return Render(*kept.doc, format, call.lang); }));
      out.set_content(rendered->body, rendered->content_type);
      NameDownload(out, format, {report, "rollup", org, term});
      return Status::Ok();
    });
  });
  // {"accept": true|false, "comment": "..."}: the supervisor's review of a submitted report.
  http.Post("/api/reports/([^/]+)/([^/]+)/([^/]+)/review", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kActor, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(r));
      if (!body.contains("accept") || !body["accept"].is_boolean()) {
        return Status::Invalid(Msg("the request body needs \"accept\": true or false"));
      }
      DOCKET_ASSIGN_OR_RETURN(std::string comment, StringMember(body, "comment", /*required=*/false));
      return call.Write([&](Docket& writer) -> Status {
        DOCKET_ASSIGN_OR_RETURN(ActResult reviewed,
                                writer.ReviewReport(r.matches[1].str(), r.matches[2].str(), r.matches[3].str(),
                                                    body["accept"].get<bool>(), comment, call.caller->person));
        out.set_header("ETag", "\"v" + std::to_string(reviewed.item.version) + "\"");
        WriteJson(out, {{"item", ItemJson(reviewed.item)}, {"entry", EntryJson(reviewed.entry)}});
        return Status::Ok();
      });
    });
  });
}

}  // namespace docket::server
