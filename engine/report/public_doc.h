// The public listing of an organization (党务校务公开, R15) as a printable page: the items its
// workflows publish, each with only its published fields, by their labels, newest first
// (docs/DOCUMENTS.md). Needs no one: what it shows is what the workflows' `publish:` allows.
// The application reads the listing (Docket::ListPublic) into a PublicRecord;
// RenderPublicDoc makes one page of the documents' frame (doc_page.h), every text escaped.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/labels.h"
#include "report/doc_page.h"

namespace docket {

// A published field: its label and its value as shown, in both languages.
struct PublicField {
  Labels label;
  Labels value;
  bool date = false;  // a date (YYYY-MM-DD), shown as dates are
};

// One published item.
struct PublicEntry {
  std::int64_t id = 0;
  Labels kind;   // its workflow's label (决定事项)
  std::string title;  // its published title ("" when the title is not published)
  Labels state;  // its state's label
  std::string date;  // the day it was recorded (its creation), YYYY-MM-DD on the org's clock
  std::vector<PublicField> fields;  // in the order the workflow publishes them
};

struct PublicRecord {
  std::string org;
  Labels org_name;
  std::string generated_on;  // YYYY-MM-DD on the org's clock
  std::vector<PublicEntry> entries;  // newest first
};

// The page of `r` in `lang`; an organization with nothing published says so.
std::string RenderPublicDoc(const PublicRecord& r, Lang lang, const DocStyle& style = {});

}  // namespace docket
