// The condition `disjoint: {field, from}` (R6: a topic's recused members are not among those
// present for it) and the default effect's `except` (a topic's attendance defaults to the
// meeting's without the recused): what the loader reads, its mistakes with their place, and
// what the core makes of them.
#include <gtest/gtest.h>

#include "core/catalog.h"
#include "core/condition.h"
#include "core/field_rules.h"
#include "definition/workflow_loader.h"
#include "test_files.h"

namespace docket {
namespace {

using testing::FormatAll;

// The vote's `when` is on line 10; its effects on line 10 too.
std::string DisjointWorkflow(const std::string& when, const std::string& effects = "[]") {
  return "id: w\nversion: 1\nfields:\n"
         "  present: {type: list, of: person}\n  recused: {type: list, of: person}\n"
         "  at_meeting: {type: list, of: person}\n  note: {type: text}\n"
         "states: {open: {initial: true}, done: {terminal: true}}\n"
         "transitions:\n"
         "  - {name: vote, from: open, to: open, roles: [x], sets: [present, recused], effects: " + effects + ", when: " + when + "}\n"
         "  - {name: close, from: open, to: done, roles: [x]}\n";
}

std::optional<Definition> LoadDisjoint(const std::string& yaml, std::vector<Diagnostic>* diags) {
  auto def = ParseWorkflow(yaml, "w.yaml", diags);
  if (def) LintWorkflow(*def, "w.yaml", diags);
  return def;
}

bool ErrorAt(const std::vector<Diagnostic>& diags, const std::string& part, int line) {
  for (const auto& d : diags) {
    if (d.severity == Diagnostic::Severity::kError && d.message.find(part) != std::string::npos && d.line == line) return true;
  }
  return false;
}

Value Persons(std::initializer_list<const char*> ids) {
  List out;
  for (const char* id : ids) out.push_back(Value(std::string(id)));
  return Value(std::move(out));
}

TEST(DisjointConditionParse, ReadsItsFieldsAndJudgesTheLists) {
  std::vector<Diagnostic> diags;
  auto def = LoadDisjoint(DisjointWorkflow("{disjoint: {field: present, from: {field: recused}}, rule: R6}"), &diags);
  ASSERT_TRUE(def.has_value()) << FormatAll(diags);
  EXPECT_TRUE(diags.empty()) << FormatAll(diags);
  const Condition& c = *def->transitions.at(0).when;
  EXPECT_EQ(c.kind, Condition::Kind::kDisjoint);
  EXPECT_EQ(c.field, "present");
  EXPECT_EQ(c.expected.field, "recused");
  EXPECT_EQ(c.rule, "R6");
  EXPECT_STREQ(ConditionKindName(c.kind), "disjoint");
  EXPECT_EQ(Text(Describe(c), Lang::kEn), "no one in present is in recused");

  const Actor actor{"liu", {"x"}, {}, false};
  const ItemFacts facts;
  FieldMap fields{{"present", Persons({"wang", "he", "li"})}, {"recused", Persons({"he"})}};
  auto why = Evaluate(c, ConditionContext{*def, fields, actor, facts});
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(Text(*why, Lang::kEn), "R6: he is in 'present' and also in 'recused'");
  EXPECT_EQ(Text(*why, Lang::kZh), "R6：he 在“present”中，也在“recused”中");
  fields["recused"] = Persons({"he", "li"});
  EXPECT_EQ(Text(*Evaluate(c, ConditionContext{*def, fields, actor, facts}), Lang::kEn),
            "R6: he, li are in 'present' and also in 'recused'");
  fields["present"] = Persons({"wang"});
  EXPECT_FALSE(Evaluate(c, ConditionContext{*def, fields, actor, facts}).has_value());
  fields.erase("present");  // nothing listed: nothing in both
  EXPECT_FALSE(Evaluate(c, ConditionContext{*def, fields, actor, facts}).has_value());
}

TEST(DisjointConditionParse, NamesEachMistakeWhereItIs) {
  struct Case {
    const char* when;
    const char* part;
  } cases[] = {
      {"{disjoint: {field: present}}", "disjoint needs 'from'"},
      {"{disjoint: {field: note, from: {field: recused}}}", "a list of person"},
      {"{disjoint: {field: present, from: {field: note}}}", "must be a list of person"},
      {"{disjoint: {field: present, from: []}}", "disjoint.from must not be an empty list"},
      {"{disjoint: {field: present, of: {field: recused}}}", "'of'"},
  };
  for (const Case& c : cases) {
    std::vector<Diagnostic> diags;
    EXPECT_FALSE(LoadDisjoint(DisjointWorkflow(c.when), &diags).has_value()) << c.when;
    EXPECT_TRUE(ErrorAt(diags, c.part, 10)) << c.when << "\n" << FormatAll(diags);
  }
}

TEST(DefaultExceptParse, CopiesTheListWithoutThePersonsOfAnother) {
  std::vector<Diagnostic> diags;
  auto def = LoadDisjoint(DisjointWorkflow("{present: recused}", "[{default: present, from: {field: at_meeting}, except: recused}]"), &diags);
  ASSERT_TRUE(def.has_value()) << FormatAll(diags);
  const TransitionDef& t = def->transitions.at(0);
  ASSERT_EQ(t.effects.size(), 1u);
  EXPECT_EQ(t.effects[0].except, "recused");
  FieldMap fields{{"at_meeting", Persons({"wang", "he", "li"})}, {"recused", Persons({"he"})}};
  ApplyDefaults(t, ItemFacts{}, &fields);
  EXPECT_EQ(fields.at("present"), Persons({"wang", "li"}));
  FieldMap none_recused{{"at_meeting", Persons({"wang", "he"})}};
  ApplyDefaults(t, ItemFacts{}, &none_recused);
  EXPECT_EQ(none_recused.at("present"), Persons({"wang", "he"}));
  FieldMap given{{"at_meeting", Persons({"wang", "he"})}, {"recused", Persons({"he"})}, {"present", Persons({"he"})}};
  ApplyDefaults(t, ItemFacts{}, &given);  // the actor's own list is not touched (disjoint judges it)
  EXPECT_EQ(given.at("present"), Persons({"he"}));

  diags.clear();
  EXPECT_FALSE(LoadDisjoint(DisjointWorkflow("{present: recused}", "[{default: present, from: {field: at_meeting}, except: note}]"), &diags)
                   .has_value());
  EXPECT_TRUE(ErrorAt(diags, "must both be lists of person", 10)) << FormatAll(diags);
  diags.clear();
  EXPECT_FALSE(LoadDisjoint(DisjointWorkflow("{present: recused}", "[{set: note, value: x, except: recused}]"), &diags).has_value());
  EXPECT_TRUE(ErrorAt(diags, "'except' belongs to a default effect", 10)) << FormatAll(diags);
}

}  // namespace
}  // namespace docket
