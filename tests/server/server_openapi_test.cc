// The OpenAPI document (schemas/openapi.json, served at /api/openapi.json) against the
// server: its paths are exactly the routes that answer, and the real responses validate
// against the schemas it gives them.
#include <set>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "server_fixture.h"

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
  ASSERT_GT(Start(), 0);
  auto r = Client().Get("/api/openapi.json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const auto doc = nlohmann::json::parse(r->body);
  EXPECT_EQ(doc, nlohmann::json::parse(ReadFile(SourcePath("schemas/openapi.json"))));
  EXPECT_THAT(doc.value("openapi", ""), ::testing::StartsWith("3.0."));
  std::set<std::string> paths;
  int validated = 0;
  for (const auto& [path, ops] : doc["paths"].items()) {
    paths.insert(path);
    for (const auto& [method, op] : ops.items()) {
      EXPECT_EQ(method, "get") << path;
      std::string concrete = path;
      if (auto at = concrete.find("{org}"); at != std::string::npos) concrete.replace(at, 5, "school-a");
      auto answered = Client().Get(concrete);
      ASSERT_TRUE(answered) << concrete;
      ASSERT_EQ(answered->status, 200) << concrete;
      const auto& content = op["responses"]["200"]["content"];
      ASSERT_TRUE(content.contains(answered->get_header_value("Content-Type"))) << concrete;
      const auto body = nlohmann::json::parse(answered->body);
      if (concrete.find("/public") != std::string::npos) {
        ASSERT_EQ(body.size(), 1u);  // an item to check
      }
      EXPECT_EQ(Validate(doc, content["application/json"]["schema"], body), "") << concrete << ": " << answered->body;
      ++validated;
    }
  }
  EXPECT_EQ(validated, 3);
  EXPECT_EQ(paths, (std::set<std::string>{"/healthz", "/api/orgs/{org}/public", "/api/openapi.json"}));
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
