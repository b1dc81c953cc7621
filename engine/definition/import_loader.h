// Reading an import file (`docket item import`): the records a school kept before Docket,
// each with its workflow, state, fields, original date and source note. The format is shown
// by workflows/examples/import.yaml, checked by schemas/import.schema.json and described in
// docs/GUIDE.md ("Bringing in records from before Docket").
//
// Only the file's shape is checked here (keys, identifiers, dates, that a key is defined
// once and named only after it); whether the workflow, state and fields exist and the
// values fit their types is for the application, which knows the loaded workflows, and
// which names the record's line in every message.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/definition.h"
#include "definition/diagnostic.h"

namespace docket {

// One field of a record as written: a scalar, or a list of scalars.
struct ImportFieldText {
  std::string name;
  bool is_list = false;
  std::string text;               // the scalar
  std::vector<std::string> list;  // the list's scalars
  SourcePos pos;                  // the value's
};

struct ImportRecordText {
  int index = 0;        // 1, 2, ... in the file's order
  SourcePos pos;        // the record's start
  std::string key;      // "" when none: a name later records use for it (parent, item fields)
  std::string workflow;
  std::string state;
  std::string recorded_on;  // YYYY-MM-DD, as written (checked to be a date)
  SourcePos recorded_on_pos;
  std::string source;       // the source note
  std::string parent;       // "" when none: an item id (digits) or the key of an earlier record
  SourcePos parent_pos;
  std::vector<ImportFieldText> fields;  // in the file's order
};

struct ImportFileText {
  std::vector<ImportRecordText> records;
};

// Parses an import file; every problem goes to `diags` (with line and column), and the
// result is only meaningful when HasErrors(*diags) is false.
ImportFileText ParseImportFile(std::string_view yaml_text, const std::string& file, std::vector<Diagnostic>* diags);

// How a message names a record: "record 2", or "record 2 (task)" once its workflow is known.
Msg RecordNamed(int index, const std::string& workflow);

}  // namespace docket
