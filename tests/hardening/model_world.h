// The model-based test's world (issue 13): the steps a sequence is made of, a run that
// replays them through the application layer (docket::Docket) on a fresh copy of a loaded
// SQLite file, and the record read back after each step for the checker.
//
// A step names items by the step that produced them (ItemRef: the step's index in the
// sequence and the item's rank among the items that step produced), never by id, so that
// any subset of a sequence can be replayed on a fresh database while the shrinker looks
// for the shortest one that still breaks a rule. A field value "@S.O" is such a reference.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "app/docket.h"
#include "core/clock.h"
#include "store/sqlite_store.h"

namespace docket::testing::model {

inline constexpr const char* kDistrict = "m-district";
inline constexpr const char* kSchool = "m-school";  // committee of 9, secretary and principal apart
inline constexpr const char* kBranch = "m-branch";  // branch of 5, one person holds both posts
inline constexpr const char* kOther = "m-other";    // another school

struct ItemRef {
  int step = -1;    // the index of the step that produced the item
  int ordinal = 0;  // its rank among the items that step produced (by id)
  friend bool operator<(const ItemRef& a, const ItemRef& b) {
    return std::pair(a.step, a.ordinal) < std::pair(b.step, b.ordinal);
  }
};

struct Step {
  int index = 0;     // its place in the generated sequence; references count by it
  bool create = false;
  std::string workflow;  // create: the workflow; act: the item's (for printing)
  std::string org;       // create
  std::optional<ItemRef> parent;  // create
  ItemRef item;                   // act
  std::string action;             // act
  std::string actor;
  std::vector<std::pair<std::string, std::string>> fields;  // FIELD=TEXT; "@S.O" names an item
  int advance_seconds = 0;  // the test clock moves on by this much before the step
};

std::string RefText(const ItemRef& r);  // "@S.O"
// One readable line: "+2h  mpri: item @3.0 (matter) adopt votes=… decision=…".
std::string Describe(const Step& step);

// Everything the checker reads, as recorded: items, their accepted history, and the
// configuration (organizations with their bodies, who holds which role where, the list).
struct Record {
  std::vector<Item> items;                                // ordered by id
  // Accepted entries of each item, oldest first (shared with the run's cache).
  std::map<std::int64_t, std::shared_ptr<const std::vector<AuditEntry>>> history;
  std::map<std::string, Org> orgs;
  std::map<std::string, std::map<std::string, std::set<std::string>>> roles;  // person -> org -> roles
  std::vector<std::string> people;
  LookupTable matters;  // the decision-matter list: category -> body
  std::map<std::string, std::shared_ptr<const Definition>> defs;  // latest, for the generator

  const Item* Find(std::int64_t id) const;
  const std::vector<AuditEntry>& HistoryOf(std::int64_t id) const;
  const Item* Find(const Value& ref) const { return ref.is_int() ? Find(ref.as_int()) : nullptr; }
  bool Holds(const std::string& person, const std::string& org, const std::string& role) const;
  std::vector<std::string> Holders(const std::string& org, const std::string& role) const;
  const Body* BodyOf(const std::string& org, const std::string& body) const;
};

// Makes the template database at `path`: model_data/org.yaml, the shipped workflows, the
// decision-matter list and the calendar. Closed afterwards, so it can be copied.
Status MakeTemplate(const std::string& path);

// A Docket on a copy of the template, replaying steps. The clock starts at 2026-03-02 09:00Z.
class Run {
 public:
  static Result<std::unique_ptr<Run>> Start(const std::string& template_db, const std::string& path);
  ~Run();

  // Takes `step` (advancing the clock first). nullopt when a reference in it names no item
  // (its producer was left out of this replay): the step is skipped. Otherwise the status
  // of the call: ok when accepted.
  std::optional<Status> Apply(const Step& step);
  // The whole record now (item histories are cached by item version).
  Result<Record> Read();

  std::optional<std::int64_t> Resolve(const ItemRef& ref) const;
  std::optional<ItemRef> RefOf(std::int64_t id) const;
  Docket& docket() { return *docket_; }
  TimePoint now() const { return clock_.Now(); }

 private:
  Run() = default;
  std::optional<std::string> ResolveText(const std::string& text) const;

  FixedClock clock_{TimePoint{}};
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<Docket> docket_;
  std::map<int, std::vector<std::int64_t>> produced_;  // step index -> ids, ascending
  std::map<std::int64_t, ItemRef> refs_;
  std::int64_t max_id_ = 0;
  Record config_;  // organizations, people, list, definitions: read once
  // id -> (item version, its accepted history)
  std::map<std::int64_t, std::pair<std::int64_t, std::shared_ptr<const std::vector<AuditEntry>>>> cache_;
};

}  // namespace docket::testing::model
