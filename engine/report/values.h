// Internal to engine/report: reading an item's values the way a report section
// declares them (a field, a referenced item's field, the state, the execution status) and
// showing them (persons by name, bodies by their name in the organization, enum values
// and states by their labels).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time_zone.h"
#include "report/builder.h"

namespace docket {

// Whether `xs` holds `x`.
bool Contains(const std::vector<std::string>& xs, const std::string& x);
// The number in a rule's name ("R12" → 12; 0 when it has none), to order rules.
int RuleNumber(const std::string& rule);

// Where an item stands against its section's execution rule.
struct Execution {
  std::string status;  // on_time, late, overdue, open, discontinued ("" without a rule)
  std::optional<std::int64_t> days;  // days late or overdue, when it is
};

class SectionValues {
 public:
  // `need_done_time`: tell on time from late (reads the item's history); otherwise every
  // done item counts as on time.
  SectionValues(ReportBuilder& b, const ReportDefinition& def, const ReportSection& s, const Org& org,
                const Definition& workflow, bool need_done_time)
      : b_(b), def_(def), s_(s), org_(org), wf_(workflow), need_done_time_(need_done_time) {}

  // When each done item last became done (ReportSource::EnteredStates), read once for the section.
  void SetDoneTimes(std::map<std::int64_t, std::string> done_at) { done_at_ = std::move(done_at); }
  bool need_done_time() const { return need_done_time_; }
  // Reads at once the items that `items` reference through the operands `operands` that
  // follow a reference (Raw then finds them without a read each).
  Status ReadRefsAhead(const std::vector<Item>& items, const std::vector<const ReportOperand*>& operands);
  Result<Execution> ExecutionOf(const Item& item);
  // The raw value of `o` for `item`, and how it reads.
  Result<Value> Raw(const Item& item, const ReportOperand& o, const Execution& ex);
  Result<ReportCell> Show(const ReportOperand& o, const Value& raw);
  // A column for `o`: its id and heading.
  Result<ReportColumn> Column(const ReportOperand& o);
  // An order for values of `o`: the position among the enum's values (or the org's
  // bodies), then the text.
  Result<std::pair<std::size_t, std::string>> SortKey(const ReportOperand& o, const Value& raw);

 private:
  Result<const FieldDef*> FieldOf(const ReportOperand& o);
  Result<const Item*> Ref(const Item& item, const std::string& ref);
  TimePoint DoneAt(const Item& item) const;
  // Reads the calendar on the organization's clock into calendar_, once.
  Status ReadCalendar();

  ReportBuilder& b_;
  const ReportDefinition& def_;
  const ReportSection& s_;
  const Org& org_;
  const Definition& wf_;
  std::optional<Calendar> calendar_;  // the builder's on the organization's clock, once read
  bool need_done_time_;
  std::map<std::int64_t, std::optional<Item>> refs_;
  std::map<std::int64_t, std::string> done_at_;
};

// "5/7 (71.4%)", "—" for 0/0.
std::string RateText(std::int64_t num, std::int64_t den);
// A roll-up's measure (a count, or a [numerator, denominator] rate) added into `sum`, and a
// sum as its cell (a rate shown as RateText, nothing as 0): totals and subtotals alike.
void AddMeasure(Value* sum, const Value& v);
ReportCell MeasureCell(const Value& v);
// The labels of an execution status.
Labels ExecutionLabels(const std::string& status);

// What the printable documents show (meeting_docs_read.cc, decision_record_read.cc):
// a state by its labels, an enum value by its labels (each as itself when the definition
// has none), and an ISO time as "2026-04-14 17:00" on the clock of `zone` ("" for "", as
// written when it does not parse).
Labels StateLabel(const Definition& def, const std::string& state);
Labels ValueLabel(const Definition& def, const std::string& value);
std::string LocalMinute(const std::string& iso, const TimeZone& zone);
// An ISO time as a report's cell shows it: "2026-04-14 17:00 +08:00" on the clock of `zone`
// ("... UTC" in UTC; as written when it does not parse).
std::string LocalMinuteWithOffset(const std::string& iso, const TimeZone& zone);

}  // namespace docket
