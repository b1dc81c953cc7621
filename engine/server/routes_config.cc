// Configuration routes (routes.h): the directory, the workflows and tables as loaded, and the
// loads themselves. A load's body is the YAML file's text (?file=NAME names it in messages;
// the linter's errors come back as a 400 problem, one "NAME:LINE:COL: message" per line of
// its detail). Each is the CLI command of the same name, for the signed-in administrator.
#include <algorithm>

#include "app/json_views.h"
#include "server/handle.h"
#include "server/routes.h"

namespace docket::server {
namespace {

// The name the body's text goes by in the linter's messages.
std::string FileOf(const httplib::Request& req, const char* fallback) {
  const std::string name = req.get_param_value("file");
  return name.empty() ? std::string(fallback) : name;
}

// `got`'s value through `view`, or its error.
template <typename T, typename View>
Result<nlohmann::json> Viewed(Result<T> got, View view) {
  if (!got.ok()) return got.status();
  return view(*got);
}

using Load = std::function<Result<nlohmann::json>(Docket&, const std::string& text, const std::string& file,
                                                  const std::string& actor, Lang lang)>;

// POST `path`: the body loaded by `load` for the caller, through the group commit.
void AddLoad(httplib::Server& http, DocketPool& pool, const std::string& path, const char* fallback, Load load) {
  http.Post(path, [&pool, fallback, load](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kActor,
           [fallback, &load](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
             if (r.body.empty()) return Status::Invalid(Msg("the request body must be the YAML file's text"));
             const std::string file = FileOf(r, fallback);
             return call.Write([&](Docket& writer) -> Status {
               DOCKET_ASSIGN_OR_RETURN(nlohmann::json loaded, load(writer, r.body, file, call.caller->person, call.lang));
               WriteJson(out, loaded);
               return Status::Ok();
             });
           });
  });
}

// The ids of "a,b,c" (empty ones skipped: "a," is a).
std::vector<std::string> OrgIds(const std::string& text) {
  std::vector<std::string> ids;
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t comma = std::min(text.find(',', at), text.size());
    if (comma > at) ids.push_back(text.substr(at, comma - at));
    at = comma + 1;
  }
  return ids;
}

}  // namespace

void AddConfigRoutes(httplib::Server& http, DocketPool& pool) {
  // ?org=ID[,ID...]: only those organizations (a page needs its caller's, not the district's).
  http.Get("/api/orgs", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      std::vector<Org> orgs;
      if (r.has_param("org")) {
        DOCKET_ASSIGN_OR_RETURN(orgs, call.docket.GetOrgs(OrgIds(r.get_param_value("org"))));
      } else {
        DOCKET_ASSIGN_OR_RETURN(orgs, call.docket.ListOrgs());
      }
      nlohmann::json j = nlohmann::json::array();
      for (const Org& o : orgs) j.push_back(OrgJson(o));
      WriteJson(out, j);
      return Status::Ok();
    });
  });
  // ?org=ID: only the people holding a role in that organization (403 when the caller may not read it).
  http.Get("/api/people", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      std::vector<Person> people;
      if (r.has_param("org")) {
        DOCKET_ASSIGN_OR_RETURN(people, call.docket.ListPeopleIn(r.get_param_value("org")));
      } else {
        DOCKET_ASSIGN_OR_RETURN(people, call.docket.ListPeople());
      }
      nlohmann::json j = nlohmann::json::array();
      for (const Person& p : people) j.push_back(PersonJson(p));
      WriteJson(out, j);
      return Status::Ok();
    });
  });
  http.Get("/api/workflows", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request&, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(std::vector<DefinitionRecord> defs, call.docket.ListWorkflows());
      nlohmann::json j = nlohmann::json::array();
      for (const DefinitionRecord& rec : defs) {
        auto def = call.docket.GetDefinition(rec.workflow, rec.version);
        j.push_back(DefinitionRecordJson(rec, def.ok() ? (*def)->labels.Get(call.lang, rec.workflow) : rec.workflow));
      }
      WriteJson(out, j);
      return Status::Ok();
    });
  });
  http.Get("/api/tables/([^/]+)", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      const std::string name = r.matches[1].str();
      DOCKET_ASSIGN_OR_RETURN(LookupTable table, call.docket.GetTable(name));
      nlohmann::json entries = nlohmann::json::object();
      for (const auto& [key, value] : table) entries[key] = value;
      WriteJson(out, {{"table", name}, {"entries", entries}});
      return Status::Ok();
    });
  });
  AddLoad(http, pool, "/api/config/orgs", "orgs.yaml",
          [](Docket& d, const std::string& text, const std::string& file, const std::string& actor, Lang) {
            return Viewed(d.LoadOrgs(text, file, actor), OrgLoadJson);
          });
  AddLoad(http, pool, "/api/config/workflows", "workflow.yaml",
          [](Docket& d, const std::string& text, const std::string& file, const std::string& actor, Lang lang) {
            return Viewed(d.LoadWorkflow(text, file, actor), [lang](const WorkflowLoadReport& r) { return WorkflowLoadJson(r, lang); });
          });
  AddLoad(http, pool, "/api/config/tables", "table.yaml",
          [](Docket& d, const std::string& text, const std::string& file, const std::string& actor, Lang) {
            return Viewed(d.LoadTable(text, file, actor), TableLoadJson);
          });
  AddLoad(http, pool, "/api/config/calendar", "calendar.yaml",
          [](Docket& d, const std::string& text, const std::string& file, const std::string& actor,
             Lang) -> Result<nlohmann::json> {
            ConfigRecorded recorded;
            DOCKET_RETURN_IF_ERROR(d.LoadCalendar(text, file, &recorded, actor));
            return nlohmann::json{{"ok", true}, {"changed", recorded.changed}, {"audit_entries", recorded.audit_entries}};
          });
  AddLoad(http, pool, "/api/config/reports", "report.yaml",
          [](Docket& d, const std::string& text, const std::string& file, const std::string& actor, Lang lang) {
            return Viewed(d.LoadReport(text, file, actor), [lang](const WorkflowLoadReport& r) { return WorkflowLoadJson(r, lang); });
          });
}

}  // namespace docket::server
