// Effects in YAML: set and spawn, and the mistakes each is checked for where it is written.
#include <gtest/gtest.h>

#include "definition/workflow_loader.h"
#include "test_files.h"

namespace docket {
namespace {

using testing::FormatAll;

// A workflow whose one transition has the effects given (indented as list items).
std::string WithEffects(const std::string& effects) {
  return "id: d\nversion: 1\nlabels: {zh: 决定, en: Decision}\nfields:\n"
         "  title: {type: text}\n  owners: {type: list, of: person}\n  due: {type: date}\n"
         "states:\n  a: {initial: true}\n  b: {terminal: true}\n"
         "create:\n  roles: [clerk]\n  sets: [title, owners, due]\n"
         "transitions:\n  - name: go\n    from: a\n    to: b\n    roles: [clerk]\n    effects:\n" +
         effects;
}

TEST(SpawnEffect, ParsesEverySource) {
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow(WithEffects("      - spawn: task\n        for_each: owners\n        fields:\n"
                                       "          owner: $each\n          title: {from: title}\n"
                                       "          on: $today\n          at: $now\n          by: $actor\n"
                                       "          kind: urgent\n          price: $$5\n"),
                           "d.yaml", &diags);
  ASSERT_TRUE(def.has_value()) << FormatAll(diags);
  LintWorkflow(*def, "d.yaml", &diags);
  EXPECT_TRUE(diags.empty()) << FormatAll(diags);
  const Effect& e = def->transitions[0].effects[0];
  EXPECT_EQ(e.kind, Effect::Kind::kSpawn);
  EXPECT_EQ(e.workflow, "task");
  EXPECT_EQ(e.for_each, "owners");
  ASSERT_EQ(e.spawn_fields.size(), 7u);
  EXPECT_EQ(e.spawn_fields[0].source, SpawnField::Source::kEach);
  EXPECT_EQ(e.spawn_fields[1].source, SpawnField::Source::kFrom);
  EXPECT_EQ(e.spawn_fields[1].from, "title");
  EXPECT_EQ(e.spawn_fields[2].source, SpawnField::Source::kToday);
  EXPECT_EQ(e.spawn_fields[3].source, SpawnField::Source::kNow);
  EXPECT_EQ(e.spawn_fields[4].source, SpawnField::Source::kActor);
  EXPECT_EQ(e.spawn_fields[5].literal, "urgent");
  EXPECT_EQ(e.spawn_fields[6].literal, "$5");
  EXPECT_EQ(e.spawn_fields[6].pos.line, 29);
}

struct BadEffect {
  const char* effects;
  int line;
  const char* message;
};

class BadEffectTest : public ::testing::TestWithParam<BadEffect> {};

TEST_P(BadEffectTest, NamesTheMistakeWhereItIs) {
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow(WithEffects(GetParam().effects), "d.yaml", &diags);
  EXPECT_FALSE(def.has_value());
  ASSERT_FALSE(diags.empty());
  EXPECT_EQ(diags[0].line, GetParam().line) << FormatAll(diags);
  EXPECT_NE(diags[0].message.find(GetParam().message), std::string::npos) << FormatAll(diags);
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadEffectTest,
    ::testing::Values(
        BadEffect{"      - {set: title, spawn: task}\n", 20, "either {set: FIELD"},
        BadEffect{"      - {spawn: task, fields: {owner: $each}}\n", 20, "$each needs for_each"},
        BadEffect{"      - {spawn: task, for_each: title}\n", 20, "not a list"},
        BadEffect{"      - {spawn: task, for_each: nosuch}\n", 20, "nosuch"},
        BadEffect{"      - {spawn: task, fields: {t: {from: nosuch}}}\n", 20, "nosuch"},
        BadEffect{"      - {spawn: task, value: 1}\n", 20, "has no 'value'"},
        BadEffect{"      - {set: title, value: x, for_each: owners}\n", 20, "belongs to a spawn effect"},
        BadEffect{"      - {spawn: task, fields: {t: [1, 2]}}\n", 20, "must be a value"},
        BadEffect{"      - {spawn: Task}\n", 20, "spawn"},
        // {sha256_of: F}: F a text field of the workflow, into a text field.
        BadEffect{"      - {set: title, value: {sha256_of: nosuch}}\n", 20, "nosuch"},
        BadEffect{"      - {set: title, value: {sha256_of: due}}\n", 20, "sha256_of hashes a text field; 'due' is date"},
        BadEffect{"      - {set: due, value: {sha256_of: title}}\n", 20, "but field 'due' is date"},
        BadEffect{"      - {set: title, value: {sha256_of: title, of: due}}\n", 20, "of"},
        BadEffect{"      - {set: title, value: [title]}\n", 20, "{sha256_of: FIELD}"}));

TEST(Sha256OfEffect, ParsesAndLints) {
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow(WithEffects("      - {set: title, value: {sha256_of: title}}\n"), "d.yaml", &diags);
  ASSERT_TRUE(def.has_value()) << FormatAll(diags);
  LintWorkflow(*def, "d.yaml", &diags);
  EXPECT_TRUE(diags.empty()) << FormatAll(diags);
  const Effect& e = def->transitions[0].effects[0];
  EXPECT_EQ(e.kind, Effect::Kind::kSet);
  EXPECT_EQ(e.computed, Effect::Computed::kSha256Of);
  EXPECT_EQ(e.field, "title");
  EXPECT_EQ(e.of, "title");
}

}  // namespace
}  // namespace docket
