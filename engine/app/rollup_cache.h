// The supervisor's roll-up kept per school, for all the Dockets of one process (the server's
// workers share one; DocketOptions::rollups). A roll-up of 500 schools takes seconds to
// derive; a school's row of it changes only when that school's chain head moves, when the
// installation's record or the report definition changes (the global basis: workflows,
// organizations, calendar), or as time passes (deadlines judged at `now`). So each school's
// part is kept with the head it was derived on, the global basis and the moment, and a
// request reads the schools' heads and joins the parts that still hold:
//   - a part whose school's head moved is derived again before it is shown (never a stale
//     figure as current), one school at a time, or the whole roll-up again when many did;
//   - a part older than `max_age` is derived again (the moment's deadlines), and the joined
//     document's `generated_at` is its oldest part's moment: what it is "as of";
//   - a changed global basis derives the whole roll-up again.
// Bounded: at most `max_parts` parts and `max_rollups` roll-ups' shapes; the oldest go first.
// Thread-safe; the derivations run outside the lock, one whole roll-up at a time.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/report.h"
#include "app/rollup_districts.h"
#include "core/org.h"
#include "core/clock.h"
#include "core/status.h"

namespace docket {

class RollupCache {
 public:
  struct Limits {
    // Bounded by count: a 500-school roll-up's document is 325 KB as JSON (its shape keeps
    // one joined copy), a school's row a five-hundredth of that.
    std::size_t max_parts = 10000;  // school rows (500 schools × 20 terms or reports)
    std::size_t max_rollups = 32;   // roll-ups' shapes (report, supervisor, term)
    std::chrono::seconds max_age{60};
  };
  // How the cache reads the record (Docket fills these in; tests give their own).
  struct Reads {
    TimePoint now;
    // The installation's chain head and the report definition, as one text.
    std::function<Result<std::string>()> global;
    // Every organization, and one organization's chain head as text ("" for none).
    std::function<Result<std::vector<Org>>()> orgs;
    std::function<Result<std::string>(const std::string& org)> head;
    // The organization tree as one text (ids, parents, kinds): read when a school moved, as a
    // move may have been it leaving or joining the tree.
    std::function<Result<std::string>()> tree;
    // The roll-up of the schools at or below `org`, derived now.
    std::function<Result<ReportDoc>(const std::string& org)> build;
  };
  struct Stats {
    std::size_t whole = 0;    // whole roll-ups derived
    std::size_t schools = 0;  // single schools derived again
    std::size_t joined = 0;   // documents joined from parts
    std::size_t parts = 0;    // school rows kept now
  };

  RollupCache() = default;
  explicit RollupCache(Limits limits) : limits_(limits) {}

  // The roll-up of `report` for `org` and `term`, joined from the parts that hold and those
  // derived again (the document joined last when its parts all still hold, with the same
  // version); `reads.build`'s Status when a derivation fails (nothing kept then).
  Result<KeptReport> Get(const std::string& report, const std::string& org, const std::string& term, const Reads& reads);
  Stats stats() const;

 private:
  struct Part {
    std::string head, global;
    TimePoint at;
    std::vector<ReportCell> fixed;                // org, status, item, hash, the measures
    std::map<std::string, ReportCell> rules;      // "findings.R3" -> count
    ReportCell findings;
    std::string status;
    std::uint64_t used = 0;
    std::uint64_t version = 0;  // a new one each time a part is kept
  };
  struct Shape {
    std::string basis;  // the global basis and the supervising organization's head
    std::string tree;
    std::map<std::string, OrgPlace> places;  // the schools' parents, for the subtotals
    ReportDoc header;  // the document without its rows' table contents
    std::vector<ReportColumn> fixed_columns;
    ReportColumn findings_column;
    ReportCell total_label;
    std::vector<std::string> schools;
    std::uint64_t used = 0;
    // The document joined last, the versions of the parts it was joined from, its version.
    std::shared_ptr<const ReportDoc> joined;
    std::vector<std::uint64_t> joined_parts;
    std::string version;
  };
  enum class Need { kNone, kSome, kWhole };

  static std::string PartKey(const std::string& report, const std::string& term, const std::string& school);
  Result<KeptReport> Whole(const std::string& report, const std::string& org, const std::string& term, const Reads& reads);
  // Keeps `doc`'s rows as parts derived on `heads` and `global` at `at` (under mu_).
  void Keep(const std::string& report, const std::string& term, const ReportDoc& doc,
            const std::map<std::string, std::string>& heads, const std::string& global, TimePoint at);
  ReportDoc Join(const Shape& shape, const std::string& report, const std::string& term, TimePoint now);  // under mu_
  void Trim();                                                                              // under mu_

  const Limits limits_;
  mutable std::mutex mu_;   // guards the maps and counters
  std::mutex whole_mu_;     // one whole derivation at a time
  std::map<std::string, Part> parts_;
  std::map<std::string, Shape> shapes_;
  std::uint64_t tick_ = 0;
  std::uint64_t versions_ = 0;
  Stats stats_;
};

}  // namespace docket
