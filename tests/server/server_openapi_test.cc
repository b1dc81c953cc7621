// The OpenAPI document (schemas/openapi.json, served at /api/openapi.json) against the
// server: its paths are exactly the routes that answer, and the real responses validate
// against the schemas it gives them.
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
  // li signs in (on the system clock, the server's): an invitation, a password, a session.
  auto invited = RunProcess(DOCKET_BINARY, {"--db", db_, "--json", "user", "invite", "li"}, dir_.path());
  ASSERT_EQ(invited.exit_code, 0) << invited.err;
  ASSERT_GT(Start(), 0);
  auto r = Client().Get("/api/openapi.json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const auto doc = nlohmann::json::parse(r->body);
  EXPECT_EQ(doc, nlohmann::json::parse(ReadFile(SourcePath("schemas/openapi.json"))));
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
      {"/api/items/{id}/actions/{action}", "post"}, {"/api/items", "post"}, {"/api/inbox", "get"},
      {"/api/items/{id}/progress", "get"}, {"/api/orgs/{org}/findings", "get"},
      {"/api/reports/{report}/{org}/{term}", "get"}, {"/api/reports/{report}/{org}/{term}/rollup", "get"},
      {"/api/reports/{report}/{org}/{term}/review", "post"}, {"/api/session", "delete"}};
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
    fill("{id}", task);
    fill("{action}", "acknowledge");
    fill("{report}", "semester");
    fill("{term}", "2026-spring");
    // No report was submitted: the review is a problem (404), which must be documented too.
    const int expected = path == "/api/items" && method == "post" ? 201 : path.ends_with("/review") ? 404 : 200;
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
    const auto body = nlohmann::json::parse(answered->body);
    if (concrete.find("/public") != std::string::npos) {
      ASSERT_EQ(body.size(), 1u);  // an item to check
    }
    EXPECT_EQ(Validate(doc, content[type]["schema"], body), "") << concrete << ": " << answered->body;
    ++validated;
  }
  EXPECT_EQ(validated, static_cast<int>(order.size()));
  // A problem, from a route and from the server itself, validates against Problem.
  const nlohmann::json problem = doc["components"]["responses"]["Problem"]["content"]["application/problem+json"]["schema"];
  for (const char* path : {"/api/orgs/nowhere/public", "/api/none"}) {
    const auto p = Problem(Client().Get(path), 404);
    EXPECT_EQ(Validate(doc, problem, p), "") << path;
  }
  // And the check itself refuses what the document does not describe.
  EXPECT_NE(Validate(doc, problem, {{"type", "x"}, {"title", "x"}, {"status", 404}, {"detail", "x"}, {"extra", 1}}), "");
}

}  // namespace
}  // namespace docket::testing
