// A large synthetic district for the supervision benchmarks (issue 4.7): one supervising
// organization over N schools, each with its Party organization meeting, principal's office
// meeting and staff congress, and a record of `terms` semesters of meetings, matters,
// decisions, execution tasks, temporary actions, communications and semester reports.
//
// The items are written through the Store as `docket import` writes a school's earlier
// record (the engine's rules are not re-run, which is what makes millions of items quick to
// make): each item in its state with one import entry by the school's secretary, in time
// order in its organization's audit chain, so that `audit verify`, the findings, the
// reports and the roll-up read a consistent, lawful record.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/docket.h"
#include "core/status.h"

namespace docket::bench {

struct DistrictShape {
  int schools = 500;
  int terms = 10;              // semesters, the last one is `last_term`
  int items_per_term = 400;    // per school; 500 x 10 x 400 = 2 million
  std::string supervisor = "district";
};

struct DistrictStats {
  std::int64_t items = 0;
  std::int64_t entries = 0;
  std::vector<std::string> schools;  // ids, "s0001" ...
  std::vector<std::string> terms;    // semester ids, oldest first
};

// The org file text for the shape (people s0001-sec, s0001-pri, ... per school).
std::string DistrictOrgYaml(const DistrictShape& shape);
// The calendar text: `terms` semesters ending with 2026-autumn.
std::string DistrictCalendarYaml(const DistrictShape& shape);

// A moment before the first term: generate with the clock here, so that the organizations'
// entries come before every imported item's in each chain.
TimePoint DistrictStart(const DistrictShape& shape);

// Loads the org file, calendar, decision-matter list and shipped workflows into `docket`,
// then writes every school's record, one transaction per school. Prints progress to stderr.
Result<DistrictStats> GenerateDistrict(Docket& docket, Store& store, const DistrictShape& shape);

}  // namespace docket::bench
