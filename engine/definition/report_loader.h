// Report definitions: a derived document (the semester report, R14/R16) declared in YAML.
//
// A report file (workflows/reports/*.yaml, schemas/report.schema.json, docs/REPORTS.md)
// lists sections. An items section names a workflow, how its items belong to a term (a date
// field of the item, a date field of an item it references, or created_at), and what to
// show: measures (counts, attendance rates, quorum) grouped by fields, and/or one row per
// item with chosen columns and the execution status against a due date. Other sections are
// a cadence (how many periods of the term saw an action), the compliance findings and the
// head of the organization's audit chain. Optional blocks name the item that carries the
// report upward (whose submission records the report's content hash) and the columns of a
// supervisor's roll-up. Nothing here knows a governance word: workflows, fields, states
// and categories are names the YAML gives.
//
// Parsing reports every problem with file, line and column; LintReport checks the names
// against the workflows they refer to.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/definition.h"
#include "definition/diagnostic.h"

namespace docket {

// Where a value of an item is read: its field, a field of the item one of its item fields
// references, its state, its execution status (kExecution: "status" or "days_overdue"), or
// its progress over its tasks (kProgress, `$progress`: core/progress.h states the rule).
struct ReportOperand {
  enum class Source { kField, kRef, kState, kExecution, kProgress };
  Source source = Source::kField;
  std::string field;
  std::string ref;
  std::string execution;
  // How a value is shown: "" as itself (enum values through value_labels, persons by
  // name), "body" as the name of the organization's body with that id.
  std::string as;
  Labels labels;  // the column's heading; empty = the field's (or state's) labels
  SourcePos pos;
};

// How an item belongs to a term: the date or datetime in `field` (of the item, or with
// `ref` of the item that field references) lies within the term, or it was created in it.
struct TermMembership {
  enum class By { kField, kRef, kCreated };
  By by = By::kCreated;
  std::string field;
  std::string ref;
  SourcePos pos;
};

// Execution against a due date: done when the item is in one of `done`, discontinued in
// one of `dropped`; on time / late / overdue / open follow from `due` and when it was done.
struct ExecutionRule {
  std::string due;
  std::vector<std::string> done;
  std::vector<std::string> dropped;
  SourcePos pos;
};

// One number per group: a count of items (only those in `states` and with an execution
// status in `statuses`, when given), the attendance rate (persons of `present` who are
// members of the body named by `members_of`, over its members) or how many items reached a
// quorum of that body (threshold, with per-body exceptions).
struct ReportMeasure {
  enum class Kind { kCount, kAttendance, kQuorum };
  std::string id;
  Kind kind = Kind::kCount;
  Labels labels;
  std::vector<std::string> states;
  std::vector<std::string> statuses;  // on_time, late, overdue, open, discontinued
  std::optional<bool> imported;       // kCount: only imported records (true) or none (false)
  std::string present;                // kAttendance, kQuorum: a person-list field
  ReportOperand members_of;           // kAttendance, kQuorum: names the body
  Threshold threshold;                // kQuorum
  std::map<std::string, Threshold> except;  // kQuorum: body id -> its own threshold
  SourcePos pos;
};

// Groups whose `field` value is one of `values` go in a table of their own, first.
struct SetApart {
  std::string field;
  std::vector<std::string> values;
  Labels labels;
  SourcePos pos;
};

struct ReportSection {
  enum class Kind { kItems, kCadence, kFindings, kChainHead };
  std::string id;
  Kind kind = Kind::kItems;
  Labels labels;
  std::string workflow;                   // kItems, kCadence
  TermMembership in_term;                 // kItems
  std::optional<ExecutionRule> execution; // kItems
  std::vector<ReportOperand> group_by;    // kItems: the measures' groups (none = one total)
  std::optional<SetApart> set_apart;      // kItems
  std::vector<ReportMeasure> measures;    // kItems
  std::vector<ReportOperand> rows;        // kItems: one row per item with these columns
  std::string action;                     // kCadence: the transition counted
  std::int64_t every_seconds = 0;         // kCadence: the period
  SourcePos pos;

  const ReportMeasure* FindMeasure(const std::string& measure_id) const;
};

// The item that carries the report upward: of `workflow`, naming the term in `term_field`,
// due `due_seconds` after the term ends. Its states map onto the roll-up's statuses
// (draft, submitted, accepted, returned); `accept` and `return` are the transitions a
// supervisor takes, `comment` the field a return fills.
struct ReportItemRule {
  std::string workflow;
  std::string term_field;
  std::int64_t due_seconds = 0;
  std::map<std::string, std::vector<std::string>> status;  // status -> states
  std::string accept;
  std::string return_action;
  std::string comment;
  SourcePos pos;
};

// One column of the roll-up: measure `measure` of section `section`, per organization.
struct RollupColumn {
  std::string section;
  std::string measure;
  Labels labels;  // empty = the measure's labels
  SourcePos pos;
};

struct RollupDef {
  std::string orgs_of_kind;  // which organizations below the supervisor are rolled up
  std::vector<RollupColumn> columns;
  SourcePos pos;
};

struct ReportDefinition {
  std::string id;
  std::int64_t version = 0;
  Labels labels;
  std::map<std::string, Labels> value_labels;  // how enum values are shown
  std::optional<ReportItemRule> item;
  std::vector<ReportSection> sections;
  std::optional<RollupDef> rollup;
  SourcePos pos;

  const ReportSection* FindSection(const std::string& section_id) const;
};

// Parses one report file. Appends every syntax or structure error (FILE:LINE:COL) to
// `diags`; returns the definition only when there was none.
std::optional<ReportDefinition> ParseReportFile(std::string_view yaml_text, const std::string& file,
                                                std::vector<Diagnostic>* diags);

// Checks the names in `report` against the workflows `find` returns (nullptr = not loaded):
// workflows, fields and their types, states, transitions, and roll-up columns naming real
// measures. Appends errors to `diags`, at the position of the name.
void LintReport(const ReportDefinition& report, const std::string& file,
                const std::function<const Definition*(const std::string&)>& find,
                std::vector<Diagnostic>* diags);

// The execution statuses a measure may count, in the order reports show them.
const std::vector<std::string>& ExecutionStatuses();

}  // namespace docket
