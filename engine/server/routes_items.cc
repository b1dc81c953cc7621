// Item routes (routes.h): read, list, history, create, act, and the caller's inbox. Each is
// `docket item ...` / `docket inbox` of the CLI for the signed-in caller, with the item's
// version as its ETag ("vN") and If-Match on an action.
#include <algorithm>
#include <charconv>
#include <limits>
#include <utility>

#include "app/json_views.h"
#include "core/catalog.h"
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

// The action of POST /api/items/{id}/actions/{action}[/judgement]: the item and action from
// the path, the version from If-Match, {"fields"?} from the body, the caller as the actor.
Result<ActRequest> ActionRequest(const Call& call, const httplib::Request& r) {
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
  return act;
}

// A page of a list (?q=, ?limit=, ?after=; any of them asks for one): `limit` items (50
// unless given, 500 at most), newest first, below the cursor `after`.
constexpr std::int64_t kPageSize = 50;
constexpr std::int64_t kPageMax = 500;

Result<std::int64_t> WholeParam(const httplib::Request& req, const std::string& name, std::int64_t max) {
  const std::string text = req.get_param_value(name);
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 1 || n > max) {
    return Status::Invalid(Msg("{param}: '{text}' is not a whole number from 1 to {max}",
                               {{"param", name}, {"text", text}, {"max", max}}));
  }
  return n;
}

// The filter's search and page from the request; the page asks the store for one item more
// than it shows, to know whether a next page exists. False when the request asks for none.
Result<bool> PageOf(const httplib::Request& req, ItemFilter* filter, std::int64_t* limit) {
  if (!req.has_param("q") && !req.has_param("limit") && !req.has_param("after")) return false;
  *limit = kPageSize;
  if (req.has_param("limit")) {
    DOCKET_ASSIGN_OR_RETURN(*limit, WholeParam(req, "limit", kPageMax));
  }
  if (req.has_param("after")) {
    DOCKET_ASSIGN_OR_RETURN(std::int64_t after, WholeParam(req, "after", std::numeric_limits<std::int64_t>::max()));
    filter->after = after;
  }
  if (!req.get_param_value("q").empty()) filter->text = req.get_param_value("q");
  filter->limit = *limit + 1;
  return true;
}

// `text` percent-encoded for a query (RFC 3986: all but the unreserved characters, so every
// byte of a UTF-8 汉字; httplib's encoder leaves those raw, which no header may carry).
std::string QueryEncoded(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' ||
        b == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
  return out;
}

// The next page's cursor: X-Next-Cursor, and the whole address in Link (RFC 8288).
void WriteNextPage(const httplib::Request& req, httplib::Response& res, std::int64_t next) {
  std::string url = "/api/items?";
  for (const auto& [key, value] : req.params) {
    if (key != "after") url += QueryEncoded(key) + "=" + QueryEncoded(value) + "&";
  }
  url += "after=" + std::to_string(next);
  res.set_header("X-Next-Cursor", std::to_string(next));
  res.set_header("Link", "<" + url + ">; rel=\"next\"");
}

// ?refers=FIELD:ID[,ID...]: the items whose item field FIELD names one of the ids (a
// meeting's matters: refers=meeting:12), at most kRefersMax ids.
constexpr std::size_t kRefersMax = 100;

Result<ItemFilter::FieldRefs> RefersOf(const std::string& text) {
  const Status bad = Status::Invalid(Msg("refers: '{text}' is not FIELD:ID[,ID...] (at most {max} item ids), as in refers=meeting:12",
                                         {{"text", text}, {"max", static_cast<std::int64_t>(kRefersMax)}}));
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return bad;
  ItemFilter::FieldRefs refs;
  refs.field = text.substr(0, colon);
  for (const char c : refs.field) {  // a field's id: [a-z][a-z0-9_]* (store/item_search.h CheckFilter)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return bad;
  }
  if (refs.field[0] < 'a' || refs.field[0] > 'z') return bad;
  std::size_t at = colon + 1;
  while (at <= text.size()) {
    const std::size_t comma = std::min(text.find(',', at), text.size());
    Result<std::int64_t> id = ItemId(text.substr(at, comma - at));
    if (!id.ok() || refs.ids.size() == kRefersMax) return bad;
    refs.ids.push_back(*id);
    at = comma + 1;
  }
  return refs;
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
      for (const AuditEntry& e : entries) {
        std::shared_ptr<const Definition> def;
        if (!e.workflow.empty()) {
          auto got = call.docket.GetDefinition(e.workflow, e.workflow_version);
          if (got.ok()) def = *got;
        }
        j.push_back(LabelledEntryJson(e, def.get()));
      }
      WriteJson(out, j);
      return Status::Ok();
    });
  });
  // ?org=ORG (required), &workflow=, &state=, &parent=ID, &refers=FIELD:ID,... (RefersOf),
  // &as_of=TIME (as they were then);
  // &q=TEXT, &limit=N, &after=ID: a page (PageOf), the next one's cursor in its headers.
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
      if (r.has_param("refers")) {
        DOCKET_ASSIGN_OR_RETURN(filter.refers, RefersOf(r.get_param_value("refers")));
      }
      DOCKET_ASSIGN_OR_RETURN(std::optional<TimePoint> as_of, AsOfParam(r));
      if (as_of && filter.refers) return Status::Invalid(Msg("as_of lists the items as they were, whole: without refers"));
      std::int64_t limit = 0;
      DOCKET_ASSIGN_OR_RETURN(const bool paged, PageOf(r, &filter, &limit));
      if (paged && as_of) return Status::Invalid(Msg("as_of lists the items as they were, whole: without q, limit or after"));
      DOCKET_ASSIGN_OR_RETURN(std::vector<Item> items,
                              as_of ? call.docket.ItemsAsOf(filter, *as_of) : call.docket.ListItems(filter));
      if (paged && std::cmp_greater(items.size(), limit)) {
        items.resize(static_cast<std::size_t>(limit));
        WriteNextPage(r, out, items.back().id);
      }
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
          DOCKET_ASSIGN_OR_RETURN(const ActRequest act, ActionRequest(call, r));
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
  // The dry run of an action: {"fields"?} as the action would be given them; If-Match as for
  // the action. 200 {"action", "allowed"} and, when it would be refused, "blocked": {"rule"?,
  // "zh", "en", "words"?} (BlockedJson: the words an item's offered action carries) and "status", the HTTP status
  // the action would get. Writes and records nothing.
  http.Post(R"(/api/items/([^/]+)/actions/([^/]+)/judgement)", [&pool](const httplib::Request& req,
                                                                        httplib::Response& res) {
    Handle(pool, req, res, Need::kActor, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(const ActRequest act, ActionRequest(call, r));
      DOCKET_ASSIGN_OR_RETURN(ActionJudgement judged, call.docket.JudgeAction(act));
      nlohmann::json j = {{"action", act.action}, {"allowed", !judged.refusal.has_value()}};
      if (judged.refusal) {
        j["blocked"] = BlockedJson(*judged.refusal, judged.rule);
        j["status"] = HttpStatus(judged.code);
      }
      WriteJson(out, j);
      return Status::Ok();
    }, PreconditionStatus(req));
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
