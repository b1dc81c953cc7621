#include "core/condition_persons.h"

#include <algorithm>
#include <vector>

namespace docket::detail {
namespace {

const Value& Field(const FieldMap& fields, const std::string& name) {
  static const Value kNull;
  auto it = fields.find(name);
  return it == fields.end() ? kNull : it->second;
}

std::string JoinSet(const std::set<std::string>& xs) {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : ", ") + x;
  return out;
}

// The list `o` names: a field of this item, or a field of the item a field references.
std::optional<std::set<std::string>> OperandPersons(const Operand& o, const ConditionContext& ctx, Msg* why) {
  if (o.source == Operand::Source::kField) return PersonsIn(Field(ctx.fields, o.field));
  if (o.source == Operand::Source::kValue) return std::set<std::string>{o.value};
  const Value& ref = Field(ctx.fields, o.ref);
  if (!ref.is_int()) {
    *why = Msg("field '{field}' does not reference an item", {{"field", o.ref}});
    return std::nullopt;
  }
  auto it = ctx.facts.refs.find(ref.as_int());
  if (it == ctx.facts.refs.end()) {
    *why = Msg("item #{id} referenced by '{field}' does not exist", {{"id", ref.as_int()}, {"field", o.ref}});
    return std::nullopt;
  }
  return PersonsIn(Field(it->second.fields, o.field));
}

}  // namespace

std::set<std::string> PersonsIn(const Value& v) {
  std::set<std::string> out;
  if (v.is_string()) out.insert(v.as_string());
  if (v.is_list()) {
    for (const Value& e : v.as_list()) {
      if (e.is_string()) out.insert(e.as_string());
    }
  }
  return out;
}

std::optional<Msg> EvaluateKeeps(const Condition& c, const ConditionContext& ctx) {
  if (ctx.item == nullptr) return std::nullopt;
  const Value& before = Field(ctx.item->fields, c.field);
  const Value& after = Field(ctx.fields, c.field);
  std::vector<Value> gone;
  auto elements = [](const Value& v) { return v.is_list() ? v.as_list() : v.is_null() ? List{} : List{v}; };
  const List now = elements(after);
  for (const Value& e : elements(before)) {
    if (std::find(now.begin(), now.end(), e) == now.end()) gone.push_back(e);
  }
  if (gone.empty()) return std::nullopt;
  std::string names;
  for (const Value& e : gone) names += (names.empty() ? "" : ", ") + e.ToText();
  return Msg("'{field}' may only grow; this action removes {removed}", {{"field", c.field}, {"removed", names}});
}

namespace {

// The persons of subset's and disjoint's operands: those listed (`c.field`, or the list
// `c.subject` names) into *listed, those of `c.expected` and `c.also` into *of. A message
// when an operand cannot be read.
std::optional<Msg> ListsOf(const Condition& c, const ConditionContext& ctx, std::set<std::string>* listed,
                           std::set<std::string>* of) {
  Msg why;
  auto expected = OperandPersons(c.expected, ctx, &why);
  if (!expected) return why;
  *of = std::move(*expected);
  for (const Operand& o : c.also) {
    auto more = OperandPersons(o, ctx, &why);
    if (!more) return why;
    of->insert(more->begin(), more->end());
  }
  if (c.field.empty()) {
    auto subject = OperandPersons(c.subject, ctx, &why);
    if (!subject) return why;
    *listed = std::move(*subject);
  } else {
    *listed = PersonsIn(Field(ctx.fields, c.field));
  }
  return std::nullopt;
}

std::string OperandText(const Operand& o) { return o.source == Operand::Source::kRef ? o.ref + "." + o.field : o.field; }

// "'recused'" or "'present' or 'recused'": the lists `c.expected` and `c.also` name, each
// quoted as the reader's language quotes a name (zh “recused”).
Msg WhereText(const Condition& c) {
  Msg where = Msg("'{list}'", {{"list", OperandText(c.expected)}});
  for (const Operand& o : c.also) where = Msg("{lists} or '{list}'", {{"lists", where}, {"list", OperandText(o)}});
  return where;
}

}  // namespace

std::optional<Msg> EvaluateSubset(const Condition& c, const ConditionContext& ctx) {
  std::set<std::string> listed, of;
  if (auto why = ListsOf(c, ctx, &listed, &of)) return why;
  std::set<std::string> outside;
  for (const std::string& p : listed) {
    if (!of.count(p)) outside.insert(p);
  }
  if (outside.empty()) return std::nullopt;
  const Msg where = WhereText(c);
  const std::string subject = c.field.empty() ? OperandText(c.subject) : c.field;
  return outside.size() == 1
             ? Msg("{persons} in '{field}' is not in {where}", {{"persons", JoinSet(outside)}, {"field", subject}, {"where", where}})
             : Msg("{persons} in '{field}' are not in {where}", {{"persons", JoinSet(outside)}, {"field", subject}, {"where", where}});
}

std::optional<Msg> EvaluateDisjoint(const Condition& c, const ConditionContext& ctx) {
  std::set<std::string> listed, of;
  if (auto why = ListsOf(c, ctx, &listed, &of)) return why;
  std::set<std::string> both;
  for (const std::string& p : listed) {
    if (of.count(p)) both.insert(p);
  }
  if (both.empty()) return std::nullopt;
  const Msg where = WhereText(c);
  const std::string subject = c.field.empty() ? OperandText(c.subject) : c.field;
  return both.size() == 1
             ? Msg("{persons} is in '{field}' and also in {where}", {{"persons", JoinSet(both)}, {"field", subject}, {"where", where}})
             : Msg("{persons} are in '{field}' and also in {where}", {{"persons", JoinSet(both)}, {"field", subject}, {"where", where}});
}

std::optional<Msg> EvaluatePersonRole(const Condition& c, const ConditionContext& ctx) {
  const Value& v = Field(ctx.fields, c.field);
  if (!v.is_string()) return Msg("field '{field}' names no person", {{"field", c.field}});
  for (const std::string& role : c.roles) {
    auto it = ctx.facts.role_holders.find(role);
    if (it != ctx.facts.role_holders.end() && it->second.count(v.as_string())) return std::nullopt;
  }
  return Msg("'{person}' ({field}) holds none of the roles {roles} here",
             {{"person", v.as_string()}, {"field", c.field}, {"roles", RoleNames(ctx.facts.role_labels, c.roles)}});
}

}  // namespace docket::detail
