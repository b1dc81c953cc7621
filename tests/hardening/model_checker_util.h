// Helpers of the model checker (model_checker.cc, model_checker_rules.cc): reading fields,
// ballots and lists as recorded, and an item's history as of an entry of its chain.
#pragma once

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model_checker.h"

namespace docket::testing::model::checker {

using Entries = std::vector<AuditEntry>;
using Out = std::vector<Violation>;
using Ballot = std::vector<std::pair<std::string, std::string>>;

inline const std::set<std::string> kHeld = {"held", "minutes_drafted", "minutes_signed", "archived"};
inline const std::set<std::string> kMajor = {"major-decision", "cadre-appointment", "major-project", "large-spending",
                                      "development-plan"};
inline const std::set<std::string> kActsOnMatter = {"vote", "adopt", "reject", "defer", "note"};

inline Value Get(const Item& i, const std::string& f) {
  auto it = i.fields.find(f);
  return it == i.fields.end() ? Value() : it->second;
}
inline std::string Text(const Value& v) { return v.is_string() ? v.as_string() : v.ToText(); }

inline std::set<std::string> Persons(const Value& v) {
  std::set<std::string> out;
  if (v.is_list()) {
    for (const Value& e : v.as_list()) {
      if (e.is_string()) out.insert(e.as_string());
    }
  }
  return out;
}

inline Ballot Positions(const Value& v) {
  Ballot out;
  if (!v.is_list()) return out;
  for (const Value& e : v.as_list()) {
    if (e.is_list() && e.as_list().size() == 2) out.emplace_back(Text(e.as_list()[0]), Text(e.as_list()[1]));
  }
  return out;
}

inline std::string Join(const std::set<std::string>& xs) {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : ",") + x;
  return "[" + out + "]";
}

// The value of `field` after the item's entries up to and including `seq`.
inline Value FieldThrough(const Entries& h, const std::string& field, std::int64_t seq) {
  Value v;
  for (const auto& e : h) {
    if (e.seq > seq) break;
    for (const auto& c : e.changes) {
      if (c.field == field) v = c.after;
    }
  }
  return v;
}

// The item's state just before entry `seq` of its organization's chain ("" if it was not yet).
inline std::string StateBefore(const Entries& h, std::int64_t seq) {
  std::string s;
  for (const auto& e : h) {
    if (e.seq >= seq) break;
    s = e.to_state;
  }
  return s;
}

// The first entry that took the item into one of `states` from another state.
inline const AuditEntry* Entered(const Entries& h, const std::set<std::string>& states) {
  for (const auto& e : h) {
    if (states.count(e.to_state) && !states.count(e.from_state)) return &e;
  }
  return nullptr;
}

// True when item field `field` names an item of another organization (R1-org's to report;
// the other checks leave such an item to it).
inline bool ElsewhereRef(const Record& r, const Item& i, const Value& ref) {
  const Item* other = r.Find(ref);
  return other != nullptr && other->org != i.org;
}

inline void Add(Out* out, const std::string& rule, const Item& i, std::string what) {
  out->push_back({rule, i.id, i.workflow + " " + std::to_string(i.id) + " (" + i.state + "): " + std::move(what)});
}


}  // namespace docket::testing::model::checker
