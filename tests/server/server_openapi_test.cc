// The OpenAPI document (schemas/openapi.json, served at /api/openapi.json) against the
// server: its paths are exactly the routes that answer, and the real responses validate
// against the schemas it gives them.
#include <map>
#include <set>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "server_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

// OpenAPI 3.0's schema object as a JSON Schema: each "$ref" to #/components/schemas/NAME
// replaced by that schema, and "nullable": true by a type that admits null.
nlohmann::json AsJsonSchema(const nlohmann::json& doc, nlohmann::json schema) {
  if (schema.is_object() && schema.contains("$ref")) {
    const std::string ref = schema["$ref"];
    const std::string prefix = "#/components/schemas/";
    EXPECT_EQ(ref.rfind(prefix, 0), 0u) << ref;
    return AsJsonSchema(doc, doc["components"]["schemas"][ref.substr(prefix.size())]);
  }
  if (schema.is_object()) {
    if (schema.value("nullable", false)) {
      schema["type"] = {schema["type"], "null"};
      schema.erase("nullable");
    }
    for (auto& [key, value] : schema.items()) value = AsJsonSchema(doc, value);
  } else if (schema.is_array()) {
    for (auto& value : schema) value = AsJsonSchema(doc, value);
  }
  return schema;
}

// "" when `body` validates against `schema` (OpenAPI form), otherwise the complaints.
std::string Validate(const nlohmann::json& doc, const nlohmann::json& schema, const nlohmann::json& body) {
  const nlohmann::json plain = AsJsonSchema(doc, schema);
  valijson::Schema compiled;
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter schema_adapter(plain);
  parser.populateSchema(schema_adapter, compiled);
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter body_adapter(body);
  if (validator.validate(compiled, body_adapter, &results)) return "";
  std::string out;
  valijson::ValidationResults::Error e;
  while (results.popError(e)) {
    for (const auto& c : e.context) out += c;
    out += ": " + e.description + "\n";
  }
  return out;
}

class ServerOpenApiTest : public ServerTest {};

TEST_F(ServerOpenApiTest, TheDocumentDescribesExactlyTheRoutesThatAnswerAndTheirResponses) {
  Decisions();
  ASSERT_EQ(Docket({"calendar", "load", SourcePath("workflows/examples/calendar.yaml")}).exit_code, 0);
  const std::string task = NewTask();
  // A meeting, for its documents.
  auto planned = As("liu", {"item", "create", "meeting", "--org", "school-a", "--set", "title=第1次党委会", "--set",
                            "body=party-meeting", "--set", "scheduled_at=2026-03-10T09:00:00Z"});
  ASSERT_EQ(planned.exit_code, 0) << planned.err;
  std::string meeting = planned.out;
  while (!meeting.empty() && (meeting.back() == '\n' || meeting.back() == ' ')) meeting.pop_back();
  // li signs in (on the system clock, the server's): an invitation, a password, a session.
  auto invited = RunProcess(DOCKET_BINARY, {"--db", db_, "--json", "user", "invite", "li"}, dir_.path());
  ASSERT_EQ(invited.exit_code, 0) << invited.err;
  // The server signs checkpoints with a key outside the database's folder.
  TempDir keys;
  // The supervisor's side on the same database: school-a's checkpoints are taken under the
  // server's own key.
  auto key = Docket({"audit", "key", "--key", keys.File("server.key")});
  ASSERT_EQ(key.exit_code, 0) << key.err;
  ASSERT_EQ(Docket({"audit", "pin", "school-a", "--key-pub", key.out.substr(0, 64)}).exit_code, 0);
  // li reachable by e-mail, and the task overdue on the system clock's tick: li's inbox holds
  // notifications with their deliveries, so that GET /api/inbox validates them.
  std::string org_yaml = FileText(SourcePath("workflows/examples/org.yaml"));
  org_yaml.insert(org_yaml.find('\n', org_yaml.find("    name: {zh: 李华")) + 1, "    email: li@school-a.example\n");
  WriteFile(dir_.File("org.yaml"), org_yaml);
  ASSERT_EQ(Docket({"org", "load", dir_.File("org.yaml")}).exit_code, 0);
  auto ticked = RunProcess(DOCKET_BINARY, {"--db", db_, "tick"}, dir_.path());
  ASSERT_EQ(ticked.exit_code, 0) << ticked.err;
  ASSERT_GT(Start({}, {"--checkpoint-dir", keys.File("checkpoints"), "--checkpoint-key", keys.File("server.key")}), 0);
  auto r = Client().Get("/api/openapi.json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const auto doc = nlohmann::json::parse(r->body);
  EXPECT_EQ(doc, nlohmann::json::parse(FileText(SourcePath("schemas/openapi.json"))));
  EXPECT_THAT(doc.value("openapi", ""), ::testing::StartsWith("3.0."));

  // One real request per operation, in an order in which each can succeed.
  const std::string password = "Lantern#2026";
  httplib::Headers session;
  auto sign_in = [&]() {
    auto in = Client().Post("/api/session", nlohmann::json({{"person", "li"}, {"password", password}}).dump(), "application/json");
    EXPECT_EQ(in->status, 200) << in->body;
    const std::string cookie = in->get_header_value("Set-Cookie");
    session = {{"Cookie", cookie.substr(0, cookie.find(';'))},
               {"X-CSRF-Token", nlohmann::json::parse(in->body).value("csrf", "")}};
    return in;
  };
  const std::vector<std::pair<std::string, std::string>> order{
      {"/healthz", "get"}, {"/api/orgs/{org}/public", "get"}, {"/api/openapi.json", "get"},
      {"/api/invitations/accept", "post"}, {"/api/session", "post"}, {"/api/session", "get"},
      {"/api/items", "get"}, {"/api/items/{id}", "get"}, {"/api/items/{id}/history", "get"},
      {"/api/items/{id}/attachments", "post"}, {"/api/items/{id}/attachments", "get"},
      {"/api/items/{id}/attachments/{hash}", "get"},
      {"/api/items/{id}/actions/{action}/judgement", "post"}, {"/api/items/{id}/actions/{action}", "post"},
      {"/api/items", "post"}, {"/api/inbox", "get"},
      {"/api/items/{id}/progress", "get"}, {"/api/items/{id}/documents/{kind}", "get"},
      {"/api/meetings/{id}/minutes-draft", "get"}, {"/documents/print.css", "get"},
      {"/public/{org}", "get"},
      {"/api/orgs/{org}/findings", "get"},
      {"/api/reports/{report}/{org}/{term}", "get"}, {"/api/reports/{report}/{org}/{term}/rollup", "get"},
      {"/api/reports/{report}/{org}/{term}/review", "post"},
      // The administrator's (zhao's session): invitations, accounts, tokens, loads.
      {"/api/invitations", "post"}, {"/api/accounts", "get"}, {"/api/tokens", "post"}, {"/api/tokens", "get"},
      {"/api/tokens/{id}", "delete"}, {"/api/config/orgs", "post"}, {"/api/config/workflows", "post"},
      {"/api/config/tables", "post"}, {"/api/config/calendar", "post"}, {"/api/config/reports", "post"},
      {"/api/config/roster", "post"}, {"/api/config/roster", "get"}, {"/api/config/matters", "post"},
      {"/api/config/matters", "get"},
      // The directory and the proofs, li's again.
      {"/api/orgs", "get"}, {"/api/people", "get"}, {"/api/workflows", "get"}, {"/api/tables/{name}", "get"},
      {"/api/audit/verify", "get"}, {"/api/orgs/{org}/audit/export", "get"},
      {"/api/orgs/{org}/audit/checkpoint", "post"}, {"/api/checkpoints", "post"}, {"/api/audit/key", "get"},
      {"/api/session", "delete"}};
  const httplib::Headers admin = SignIn("zhao").session;
  std::string token_id, checkpoint, attachment;
  const std::string pdf = std::string("%PDF-1.4\n") + std::string(1, '\0') + "%%EOF\n";
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) documented.insert({path, method});
  }
  EXPECT_EQ(documented, (std::set<std::pair<std::string, std::string>>(order.begin(), order.end())));
  int validated = 0;
  for (const auto& [path, method] : order) {
    std::string concrete = path;
    auto fill = [&](const std::string& name, const std::string& value) {
      if (auto at = concrete.find(name); at != std::string::npos) concrete.replace(at, name.size(), value);
    };
    fill("{org}", "school-a");
    fill("{id}", path.rfind("/api/tokens", 0) == 0 ? token_id : path.ends_with("/documents/{kind}") || path.ends_with("/minutes-draft") ? meeting : task);
    fill("{kind}", "notice");
    fill("{action}", "acknowledge");
    fill("{report}", "semester");
    fill("{term}", "2026-spring");
    fill("{name}", "decision-matters");
    fill("{hash}", attachment);
    // The tick opened the semester's report, but no one submitted it: the review is refused
    // (422), a problem which must be documented too.
    const bool created = method == "post" && (path == "/api/items" || path == "/api/invitations" || path == "/api/tokens" ||
                                              path == "/api/items/{id}/attachments");
    const int expected = created ? 201 : path.ends_with("/review") ? 422 : 200;
    // A load's body is the YAML file's text.
    const std::map<std::string, std::string> loads{{"/api/config/orgs", "workflows/examples/org.yaml"},
                                                   {"/api/config/workflows", "workflows/task.yaml"},
                                                   {"/api/config/tables", "workflows/lists/decision-matters.yaml"},
                                                   {"/api/config/calendar", "workflows/examples/calendar.yaml"},
                                                   {"/api/config/reports", "workflows/reports/semester.yaml"}};
    auto send = [&]() -> httplib::Result {
      if (path == "/api/invitations/accept") {
        const std::string token = nlohmann::json::parse(invited.out)["token"];
        return Client().Post(concrete, nlohmann::json({{"token", token}, {"password", password}}).dump(), "application/json");
      }
      if (path == "/api/session" && method == "post") return sign_in();
      if (path == "/api/items" && method == "get") return Client().Get("/api/items?org=school-a", session);
      if (path == "/api/items" && method == "post") {
        const nlohmann::json fields = {{"title", "校舍维修"}, {"owner", "li"}, {"due_date", "2027-06-30"}};
        const nlohmann::json body = {{"workflow", "task"}, {"org", "school-a"}, {"fields", fields}};
        return Client().Post(concrete, session, body.dump(), "application/json");
      }
      if (path == "/api/config/roster" || path == "/api/config/matters") {  // CSV, the administrator's
        const std::string query = path == "/api/config/roster" ? "?org=school-a" : "";
        if (method == "get") return Client().Get(concrete + query, admin);
        const char* file = path == "/api/config/roster" ? "workflows/examples/roster.csv" : "workflows/examples/decision-matters.csv";
        return Client().Post(concrete + query, admin, FileText(SourcePath(file)), "text/csv");
      }
      if (auto load = loads.find(path); load != loads.end()) {
        return Client().Post(concrete, admin, FileText(SourcePath(load->second)), "application/yaml");
      }
      if (path == "/api/invitations") {
        return Client().Post(concrete, admin, nlohmann::json({{"person", "wang"}}).dump(), "application/json");
      }
      if (path == "/api/tokens" && method == "post") {
        const nlohmann::json body = {{"person", "li"}, {"org", "school-a"}, {"scope", "read"}, {"days", 7}};
        auto made = Client().Post(concrete, admin, body.dump(), "application/json");
        if (made && made->status == 201) token_id = nlohmann::json::parse(made->body).value("id", "");
        return made;
      }
      if (path == "/api/items/{id}/attachments" && method == "post") {
        httplib::Headers named = session;
        named.insert({"X-Filename", "%E7%AD%BE%E5%AD%97%E9%A1%B5.pdf"});
        auto made = Client().Post(concrete, named, pdf, "application/pdf");
        if (made && made->status == 201) attachment = nlohmann::json::parse(made->body).value("hash", "");
        return made;
      }
      if (path == "/api/accounts" || path == "/api/tokens") return Client().Get(concrete, admin);
      if (path == "/api/tokens/{id}") return Client().Delete(concrete, admin);
      if (path == "/api/audit/verify") return Client().Get("/api/audit/verify?org=school-a", session);
      if (path.ends_with("/audit/checkpoint")) {
        auto signed_now = Client().Post(concrete, session, "{}", "application/json");
        if (signed_now && signed_now->status == 200) checkpoint = signed_now->body;
        return signed_now;
      }
      if (path == "/api/checkpoints") return Client().Post(concrete, checkpoint, "application/json");
      if (path.ends_with("/review")) {
        return Client().Post(concrete, session, nlohmann::json({{"accept", true}}).dump(), "application/json");
      }
      if (method == "post") return Client().Post(concrete, session, "{}", "application/json");
      if (method == "delete") return Client().Delete(concrete, session);
      return Client().Get(concrete, session);
    };
    httplib::Result answered = send();
    ASSERT_TRUE(answered) << method << " " << concrete;
    ASSERT_EQ(answered->status, expected) << method << " " << concrete << ": " << answered->body;
    const auto& declared = doc["paths"][path][method]["responses"][std::to_string(expected)];
    const auto& content = declared.contains("$ref") ? doc["components"]["responses"]["Problem"]["content"] : declared["content"];
    const std::string type = answered->get_header_value("Content-Type");
    ASSERT_TRUE(content.contains(type)) << concrete << ": " << type;
    if (type == "application/jsonl") {  // an export: JSON Lines, the first a header of this organization
      const auto header = nlohmann::json::parse(answered->body.substr(0, answered->body.find('\n')));
      EXPECT_EQ(header.dump().find("school-a") != std::string::npos, true) << header.dump();
      ++validated;
      continue;
    }
    if (type == "application/pdf") {  // an attached file: its bytes as uploaded
      EXPECT_EQ(answered->body, pdf);
      ++validated;
      continue;
    }
    if (type.rfind("text/", 0) == 0) {  // a document, its stylesheet or a CSV: text, not JSON
      const char* shown = type.rfind("text/csv", 0) == 0      ? (path == "/api/config/roster" ? "编号,姓名" : "类别,决定机构")
                          : type.rfind("text/html", 0) != 0 ? "@page"
                          : path == "/public/{org}"         ? "公开决定"
                                                            : "第1次党委会";
      EXPECT_THAT(answered->body, ::testing::HasSubstr(shown)) << concrete;
      ++validated;
      continue;
    }
    const auto body = nlohmann::json::parse(answered->body);
    if (concrete.find("/public") != std::string::npos) {
      ASSERT_EQ(body.size(), 1u);  // an item to check
    }
    if (concrete == "/api/inbox") {  // notifications to check, with a delivery each
      ASSERT_FALSE(body.empty());
      ASSERT_FALSE(body[0]["deliveries"].empty()) << body.dump();
    }
    EXPECT_EQ(Validate(doc, content[type]["schema"], body), "") << concrete << ": " << answered->body;
    ++validated;
  }
  EXPECT_EQ(validated, static_cast<int>(order.size()));
  // A problem, from a route and from the server itself, validates against Problem.
  const nlohmann::json problem = doc["components"]["responses"]["Problem"]["content"]["application/problem+json"]["schema"];
  for (const char* path : {"/api/orgs/nowhere/public", "/public/nowhere", "/api/none"}) {
    const auto p = Problem(Client().Get(path), 404);
    EXPECT_EQ(Validate(doc, problem, p), "") << path;
  }
  // And the check itself refuses what the document does not describe.
  EXPECT_NE(Validate(doc, problem, {{"type", "x"}, {"title", "x"}, {"status", 404}, {"detail", "x"}, {"extra", 1}}), "");
}

}  // namespace
}  // namespace docket::testing
