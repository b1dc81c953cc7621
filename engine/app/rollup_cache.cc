// RollupCache (rollup_cache.h): a roll-up document split into its schools' rows and joined
// back in the order, columns and sums engine/report/rollup.cc gives them.
#include "app/rollup_cache.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "core/time_zone.h"
#include "report/values.h"

namespace docket {
namespace {

constexpr const char* kOrgsSection = "orgs";
constexpr const char* kStatusesSection = "statuses";

ReportTable* TableOf(ReportDoc& doc, const std::string& section) {
  for (auto& s : doc.sections) {
    if (s.id == section && !s.tables.empty()) return &s.tables[0];
  }
  return nullptr;
}

bool IsRuleColumn(const std::string& id) { return id.rfind("findings.", 0) == 0; }



}  // namespace

namespace {

// `t` written as `written` is (a time with its offset: the supervisor's clock, as the
// document's generated_at has it), or in UTC when `written` names no offset.
std::string OnTheSameClock(const std::string& written, TimePoint t) {
  const std::optional<WrittenTime> w = ParseWrittenTime(written);
  return FormatTimeAtOffset(t, w && w->offset ? *w->offset : std::chrono::seconds{0});
}

}  // namespace

std::string RollupCache::PartKey(const std::string& report, const std::string& term, const std::string& school) {
  return report + "\n" + term + "\n" + school;
}

RollupCache::Stats RollupCache::stats() const {
  std::lock_guard lock(mu_);
  Stats s = stats_;
  s.parts = parts_.size();
  return s;
}

Result<KeptReport> RollupCache::Get(const std::string& report, const std::string& org, const std::string& term,
                                    const Reads& reads) {
  DOCKET_ASSIGN_OR_RETURN(const std::string global, reads.global());
  // The document's shape (header, schools, columns) holds while the global basis and the
  // supervising organization's own head do; a part holds on the global basis and its school.
  DOCKET_ASSIGN_OR_RETURN(const std::string own, reads.head(org));
  const std::string basis = global + " " + own;
  const std::string key = report + "\n" + org + "\n" + term;
  // The parts that hold, the stale ones derived again; nullopt when the whole is needed.
  auto joined = [&]() -> Result<std::optional<KeptReport>> {
    std::vector<std::string> schools;
    {
      std::lock_guard lock(mu_);
      auto it = shapes_.find(key);
      if (it == shapes_.end() || it->second.basis != basis) return std::optional<KeptReport>();
      schools = it->second.schools;
    }
    std::map<std::string, std::string> heads;
    for (const auto& s : schools) {
      DOCKET_ASSIGN_OR_RETURN(heads[s], reads.head(s));
    }
    std::vector<std::string> stale;
    {
      std::lock_guard lock(mu_);
      for (const auto& s : schools) {
        auto p = parts_.find(PartKey(report, term, s));
        const bool holds = p != parts_.end() && p->second.head == heads[s] && p->second.global == global &&
                           p->second.at <= reads.now && reads.now - p->second.at < limits_.max_age;
        if (!holds) stale.push_back(s);
      }
    }
    if (stale.size() > std::max<std::size_t>(8, schools.size() / 16)) return std::optional<KeptReport>();
    if (!stale.empty()) {
      DOCKET_ASSIGN_OR_RETURN(const std::string tree, reads.tree());
      std::lock_guard lock(mu_);
      auto it = shapes_.find(key);
      if (it == shapes_.end() || it->second.tree != tree) return std::optional<KeptReport>();
    }
    for (const auto& s : stale) {
      DOCKET_ASSIGN_OR_RETURN(ReportDoc one, reads.build(s));
      std::lock_guard lock(mu_);
      Keep(report, term, one, {{s, heads[s]}}, global, reads.now);
      ++stats_.schools;
    }
    std::lock_guard lock(mu_);
    auto it = shapes_.find(key);
    if (it == shapes_.end() || it->second.basis != basis) return std::optional<KeptReport>();
    for (const auto& s : schools) {
      if (!parts_.count(PartKey(report, term, s))) return std::optional<KeptReport>();  // trimmed meanwhile
    }
    Shape& shape = it->second;
    shape.used = ++tick_;
    std::vector<std::uint64_t> versions;
    for (const auto& s : schools) versions.push_back(parts_.at(PartKey(report, term, s)).version);
    if (!shape.joined || versions != shape.joined_parts) {
      shape.joined = std::make_shared<const ReportDoc>(Join(shape, report, term, reads.now));
      shape.joined_parts = std::move(versions);
      shape.version = std::to_string(++versions_);
      ++stats_.joined;
    }
    std::optional<KeptReport> kept(KeptReport{shape.joined, shape.version});
    Trim();
    return kept;
  };
  DOCKET_ASSIGN_OR_RETURN(std::optional<KeptReport> doc, joined());
  if (doc) return std::move(*doc);
  std::lock_guard one_at_a_time(whole_mu_);
  DOCKET_ASSIGN_OR_RETURN(doc, joined());  // another thread may have derived it meanwhile
  if (doc) return std::move(*doc);
  return Whole(report, org, term, reads);
}

Result<KeptReport> RollupCache::Whole(const std::string& report, const std::string& org, const std::string& term,
                                      const Reads& reads) {
  // Everything read before the derivation: a move during it is seen next time.
  DOCKET_ASSIGN_OR_RETURN(const std::string global, reads.global());
  DOCKET_ASSIGN_OR_RETURN(const std::vector<Org> orgs, reads.orgs());
  std::map<std::string, std::string> heads;
  for (const auto& o : orgs) {
    DOCKET_ASSIGN_OR_RETURN(heads[o.id], reads.head(o.id));
  }
  DOCKET_ASSIGN_OR_RETURN(const std::string own, reads.head(org));
  DOCKET_ASSIGN_OR_RETURN(const std::string tree, reads.tree());
  DOCKET_ASSIGN_OR_RETURN(ReportDoc doc, reads.build(org));
  ReportDoc header = doc;
  ReportTable* table = TableOf(header, kOrgsSection);
  if (table == nullptr || TableOf(header, kStatusesSection) == nullptr || table->columns.empty() ||
      table->columns.back().id != "findings") {
    return KeptReport{std::make_shared<const ReportDoc>(std::move(doc)), ""};  // not rollup.cc's shape: not kept
  }
  Shape shape;
  shape.basis = global + " " + own;
  shape.tree = tree;
  for (const auto& c : table->columns) {
    if (c.id != "findings" && !IsRuleColumn(c.id)) shape.fixed_columns.push_back(c);
  }
  shape.findings_column = table->columns.back();
  const std::size_t rows = table->rows.size() - (table->total && !table->rows.empty() ? 1 : 0);
  for (std::size_t r = 0; r < rows; ++r) {
    const Value& id = table->rows[r][0].value;
    if (id.is_string()) shape.schools.push_back(id.as_string());
  }
  if (rows < table->rows.size()) shape.total_label = table->rows.back()[0];
  const std::map<std::string, OrgPlace> places = PlacesOf(orgs);
  for (const auto& school : shape.schools) {
    if (auto p = places.find(school); p != places.end()) shape.places.insert(*p);
  }
  table->rows.clear();
  shape.header = std::move(header);
  std::lock_guard lock(mu_);
  Keep(report, term, doc, heads, global, reads.now);
  shape.used = ++tick_;
  for (const auto& s : shape.schools) {
    auto p = parts_.find(PartKey(report, term, s));
    shape.joined_parts.push_back(p != parts_.end() ? p->second.version : 0);
  }
  AddDistrictSubtotals(&doc, shape.places);
  shape.joined = std::make_shared<const ReportDoc>(std::move(doc));
  shape.version = std::to_string(++versions_);
  KeptReport kept{shape.joined, shape.version};
  shapes_[report + "\n" + org + "\n" + term] = std::move(shape);
  ++stats_.whole;
  Trim();
  return kept;
}

void RollupCache::Keep(const std::string& report, const std::string& term, const ReportDoc& doc,
                       const std::map<std::string, std::string>& heads, const std::string& global, TimePoint at) {
  ReportDoc copy = doc;
  const ReportTable* table = TableOf(copy, kOrgsSection);
  if (table == nullptr) return;
  const std::size_t rows = table->rows.size() - (table->total && !table->rows.empty() ? 1 : 0);
  for (std::size_t r = 0; r < rows; ++r) {
    const auto& row = table->rows[r];
    if (row.size() != table->columns.size() || row.size() < 2 || !row[0].value.is_string()) continue;
    auto head = heads.find(row[0].value.as_string());
    if (head == heads.end()) continue;
    Part part;
    part.head = head->second;
    part.global = global;
    part.at = at;
    part.status = row[1].value.is_string() ? row[1].value.as_string() : "";
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string& id = table->columns[c].id;
      if (id == "findings") {
        part.findings = row[c];
      } else if (IsRuleColumn(id)) {
        part.rules[id] = row[c];
      } else {
        part.fixed.push_back(row[c]);
      }
    }
    part.used = ++tick_;
    part.version = ++versions_;
    parts_[PartKey(report, term, head->first)] = std::move(part);
  }
}

ReportDoc RollupCache::Join(const Shape& shape, const std::string& report, const std::string& term, TimePoint now) {
  ReportDoc doc = shape.header;
  ReportTable& table = *TableOf(doc, kOrgsSection);
  std::vector<Part*> parts;
  std::set<std::string> rule_set;
  for (const auto& s : shape.schools) {
    Part& p = parts_.at(PartKey(report, term, s));
    p.used = tick_;
    parts.push_back(&p);
    for (const auto& [id, cell] : p.rules) rule_set.insert(id.substr(std::string("findings.").size()));
  }
  std::vector<std::string> rules(rule_set.begin(), rule_set.end());
  std::sort(rules.begin(), rules.end(), [](const std::string& a, const std::string& c) {
    return RuleNumber(a) != RuleNumber(c) ? RuleNumber(a) < RuleNumber(c) : a < c;
  });
  table.columns = shape.fixed_columns;
  for (const auto& r : rules) table.columns.push_back({"findings." + r, {r, r}, true});
  table.columns.push_back(shape.findings_column);

  std::vector<Value> sums(table.columns.size());
  std::map<std::string, std::int64_t> status_count;
  TimePoint oldest = now;  // what the document is as of: its oldest part's moment
  for (const Part* p : parts) {
    std::vector<ReportCell> row = p->fixed;
    for (const auto& r : rules) {
      auto it = p->rules.find("findings." + r);
      row.push_back(it != p->rules.end() ? it->second : ReportCell{Value(std::int64_t{0}), {}});
    }
    row.push_back(p->findings);
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (table.columns[c].number) AddMeasure(&sums[c], row[c].value);
    }
    table.rows.push_back(std::move(row));
    ++status_count[p->status];
    oldest = std::min(oldest, p->at);
  }
  table.total = !table.rows.empty();
  if (table.total) {
    std::vector<ReportCell> total;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (c == 0) {
        total.push_back(shape.total_label);
      } else {
        total.push_back(table.columns[c].number ? MeasureCell(sums[c]) : ReportCell{Value(""), {}});
      }
    }
    table.rows.push_back(std::move(total));
  }
  doc.generated_at = OnTheSameClock(doc.generated_at, oldest);
  AddDistrictSubtotals(&doc, shape.places);
  for (auto& row : TableOf(doc, kStatusesSection)->rows) {
    if (row.size() == 2 && row[0].value.is_string()) row[1] = {Value(status_count[row[0].value.as_string()]), {}};
  }
  return doc;
}

void RollupCache::Trim() {
  auto trim = [](auto& map, std::size_t max) {
    if (map.size() <= max) return;
    std::vector<std::pair<std::uint64_t, std::string>> by_use;
    for (const auto& [key, v] : map) by_use.emplace_back(v.used, key);
    std::sort(by_use.begin(), by_use.end());
    for (std::size_t i = 0; i < by_use.size() - max; ++i) map.erase(by_use[i].second);
  };
  trim(parts_, limits_.max_parts);
  trim(shapes_, limits_.max_rollups);
}

}  // namespace docket
