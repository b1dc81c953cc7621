// Item routes (routes.h): read, list, history, create, act, and the caller's inbox. Each is
// `docket item ...` / `docket inbox` of the CLI for the signed-in caller, with the item's
// version as its ETag ("vN") and If-Match on an action.
#include <charconv>

#include "app/json_views.h"
#include "server/handle.h"
#include "server/routes.h"

namespace docket::server {
namespace {


std::string ETagOf(const Item& item) { return "\"v" + std::to_string(item.version) + "\""; }

// If-Match: "vN" (or W/"vN") is version N; "*" or no header, none.
Result<std::optional<std::int64_t>> IfMatch(const httplib::Request& req) {
  std::string text = req.get_header_value("If-Match");
  if (text.empty() || text == "*") return std::optional<std::int64_t>();
  if (text.rfind("W/", 0) == 0) text = text.substr(2);
  const Status bad = Status::Invalid(Msg("If-Match must be the item's ETag, \"vN\", not {text}", {{"text", text}}));
  if (text.size() < 4 || text.front() != '"' || text.back() != '"' || text[1] != 'v') return bad;
  Result<std::int64_t> version = ItemId(text.substr(2, text.size() - 3));
  if (!version.ok()) return bad;
  return std::optional<std::int64_t>(*version);
}

// The "fields" member of `body` as the texts an adapter types: strings as they are, numbers
// and booleans as JSON writes them.
Result<FieldTexts> FieldsOf(const nlohmann::json& body) {
  FieldTexts out;
  auto it = body.find("fields");
  if (it == body.end()) return out;
  if (!it->is_object()) return Status::Invalid(Msg("\"fields\" must be an object of field names and values"));
  for (const auto& [name, value] : it->items()) {
    if (value.is_string()) {
      out.emplace_back(name, value.get<std::string>());
    } else if (value.is_number() || value.is_boolean()) {
      out.emplace_back(name, value.dump());
    } else {
      return Status::Invalid(Msg("field '{field}': a value is a string, a number or true/false", {{"field", name}}));
    }
  }
  return out;
}

// The item as the caller sees it: with the actions they may try on it (none for a read-only
// token).
Result<nlohmann::json> ItemForCaller(Call& call, const Item& item) {
  std::vector<OfferedAction> actions;
  if (call.caller->may_act) {
    DOCKET_ASSIGN_OR_RETURN(actions, call.docket.ActionsFor(item, call.caller->person));
  }
  return ItemJson(item, actions);
}

void WriteItem(httplib::Response& res, const Item& item, nlohmann::json body) {
  res.set_header("ETag", ETagOf(item));
  WriteJson(res, body);
}

nlohmann::json ActedJson(const ActResult& r) {
  nlohmann::json spawned = nlohmann::json::array();
  for (const SpawnedItem& s : r.spawned) {
    spawned.push_back({{"id", s.id}, {"workflow", s.workflow}, {"workflow_version", s.workflow_version}, {"parent", s.parent}});
  }
  return {{"item", ItemJson(r.item)}, {"entry", EntryJson(r.entry)}, {"spawned", spawned}};
}

// A stale version is 412 when the request named the version it expected (If-Match).
std::function<int(const Status&)> PreconditionStatus(const httplib::Request& req) {
  const bool named = !req.get_header_value("If-Match").empty();
  return [named](const Status& st) { return named && st.code() == Code::kConflict ? 412 : 0; };
}

}  // namespace

void AddItemRoutes(httplib::Server& http, DocketPool& pool, const std::function<void(const std::string&)>& report_submitted) {
  http.Get(R"(/api/items/([^/]+))", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(std::int64_t id, ItemId(r.matches[1].str()));
      DOCKET_ASSIGN_OR_RETURN(std::optional<TimePoint> as_of, AsOfParam(r));
      if (as_of) {
        // As it was then, rebuilt from the log: no ETag, as no action can be taken on it.
        DOCKET_ASSIGN_OR_RETURN(Item then, call.docket.ItemAsOf(id, *as_of));
        nlohmann::json j = ItemJson(then);
        j["as_of"] = FormatTime(*as_of);
        WriteJson(out, j);
        return Status::Ok();
      }
      DOCKET_ASSIGN_OR_RETURN(Item item, call.docket.GetItem(id));
      DOCKET_ASSIGN_OR_RETURN(nlohmann::json j, ItemForCaller(call, item));
      WriteItem(out, item, j);
      return Status::Ok();
    });
  });
  http.Get(R"(/api/items/([^/]+)/history)", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(std::int64_t id, ItemId(r.matches[1].str()));
      DOCKET_ASSIGN_OR_RETURN(std::vector<AuditEntry> entries, call.docket.History(id));
      nlohmann::json j = nlohmann::json::array();
      for (const AuditEntry& e : entries) j.push_back(EntryJson(e));
      WriteJson(out, j);
      return Status::Ok();
    });
  });
  // ?org=ORG (required), &workflow=, &state=, &parent=ID, &as_of=TIME (as they were then).
  http.Get("/api/items", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      if (!r.has_param("org")) return Status::Invalid(Msg("listing items needs ?org=ORGANIZATION"));
      ItemFilter filter;
      filter.org = r.get_param_value("org");
      if (r.has_param("workflow")) filter.workflow = r.get_param_value("workflow");
      if (r.has_param("state")) filter.state = r.get_param_value("state");
      if (r.has_param("parent")) {
        DOCKET_ASSIGN_OR_RETURN(std::int64_t parent, ItemId(r.get_param_value("parent")));
        filter.parent = parent;
      }
      DOCKET_ASSIGN_OR_RETURN(std::optional<TimePoint> as_of, AsOfParam(r));
      DOCKET_ASSIGN_OR_RETURN(std::vector<Item> items,
                              as_of ? call.docket.ItemsAsOf(filter, *as_of) : call.docket.ListItems(filter));
      nlohmann::json j = nlohmann::json::array();
      for (const Item& item : items) {
        if (as_of) {  // as they were: nothing to act on
          j.push_back(ItemJson(item));
          continue;
        }
        DOCKET_ASSIGN_OR_RETURN(nlohmann::json one, ItemForCaller(call, item));
        j.push_back(std::move(one));
      }
      WriteJson(out, j);
      return Status::Ok();
    });
  });
  // {"workflow", "org", "parent"?, "fields"?}: 201 with the item, its entry and what it spawned.
  http.Post("/api/items", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kActor, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(r));
      CreateRequest create;
      DOCKET_ASSIGN_OR_RETURN(create.workflow, StringMember(body, "workflow"));
      DOCKET_ASSIGN_OR_RETURN(create.org, StringMember(body, "org"));
      if (body.contains("parent")) {
        if (!body["parent"].is_number_integer()) return Status::Invalid(Msg("\"parent\" must be an item id"));
        create.parent = body["parent"].get<std::int64_t>();
      }
      DOCKET_ASSIGN_OR_RETURN(create.fields, FieldsOf(body));
      create.actor = call.caller->person;
      return call.Write([&](Docket& writer) -> Status {
        DOCKET_ASSIGN_OR_RETURN(ActResult created, writer.CreateItem(create));
        out.set_header("Location", "/api/items/" + std::to_string(created.item.id));
        WriteItem(out, created.item, ActedJson(created));
        out.status = 201;
        return Status::Ok();
      });
    });
  });
  // {"fields"?}; If-Match: "vN" refuses (412) when the item is no longer at version N.
  http.Post(R"(/api/items/([^/]+)/actions/([^/]+))", [&pool, report_submitted](const httplib::Request& req,
                                                                               httplib::Response& res) {
    Handle(
        pool, req, res, Need::kActor,
        [&report_submitted](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
          ActRequest act;
          DOCKET_ASSIGN_OR_RETURN(act.item, ItemId(r.matches[1].str()));
          act.action = r.matches[2].str();
          DOCKET_ASSIGN_OR_RETURN(act.expect_version, IfMatch(r));
          nlohmann::json body = nlohmann::json::object();
          if (!r.body.empty()) {
            DOCKET_ASSIGN_OR_RETURN(body, JsonBody(r));
          }
          DOCKET_ASSIGN_OR_RETURN(act.fields, FieldsOf(body));
          act.actor = call.caller->person;
          std::string submitted_org;
          DOCKET_RETURN_IF_ERROR(call.Write([&](Docket& writer) -> Status {
            DOCKET_ASSIGN_OR_RETURN(ActResult result, writer.Act(act));
            WriteItem(out, result.item, ActedJson(result));
            if (!result.report_hash.empty()) submitted_org = result.item.org;
            return Status::Ok();
          }));
          // Durable now: a submitted report's chain is signed and leaves the building.
          if (!submitted_org.empty() && report_submitted) report_submitted(submitted_org);
          return Status::Ok();
        },
        PreconditionStatus(req));
  });
  // The caller's notifications, oldest first; ?unread=true for the unread only.
  http.Get("/api/inbox", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(std::vector<Notification> notes,
                              call.docket.Inbox(call.caller->person, r.get_param_value("unread") == "true"));
      nlohmann::json j = nlohmann::json::array();
      for (const Notification& n : notes) j.push_back(NotificationJson(n));
      WriteJson(out, j);
      return Status::Ok();
    });
  });
}

}  // namespace docket::server
