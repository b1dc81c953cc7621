// One cache of rendered reports for all the server's workers: a school's report is derived
// from the record (items, audit log, findings) in milliseconds, and read far more often than
// the record changes. An entry is the rendering of one report, organization, term, format
// and language, kept with its basis (app/report.h ReportBasis: the chain heads, the report
// definition, and the clock's second). A request is answered from the entry built on the
// same record at the same or a later second; otherwise it builds the entry again. While one
// worker builds an entry, the others that it would answer wait for it rather than build it
// too. A failed build is not kept. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "app/report.h"
#include "core/status.h"

namespace docket::server {

struct Rendered {
  std::string body;
  std::string content_type;
};

class ReportCache {
 public:
  explicit ReportCache(std::size_t max_entries = 256) : max_entries_(max_entries) {}

  // The rendering kept for `key` when it answers `basis`, else `build()`'s (kept when it
  // succeeds). A basis with no record is never kept: `build()` runs every time.
  Result<std::shared_ptr<const Rendered>> Get(const std::string& key, const ReportBasis& basis,
                                              const std::function<Result<Rendered>()>& build);
  // How many times Get has run `build` (for tests and the access log's curious).
  std::size_t builds() const;

 private:
  struct Entry {
    ReportBasis basis;
    std::shared_ptr<const Rendered> rendered;  // null while building
    bool building = false;
  };

  const std::size_t max_entries_;
  mutable std::mutex mu_;
  std::condition_variable built_;
  std::map<std::string, Entry> entries_;
  std::size_t builds_ = 0;
};

}  // namespace docket::server
