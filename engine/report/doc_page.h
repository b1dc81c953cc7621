// The frame every printable document shares (docs/DOCUMENTS.md): one HTML page in the usual
// official layout — A4 with margins, the title, the issuing line (organization and date),
// field tables whose rows stay whole across pages, a CJK font stack naming Debian's
// fonts-noto-cjk — its content in a <main> landmark and the line naming the record it came
// from in a <footer>. Every text from the record goes through DocEsc; no document holds a
// script. The meeting documents (meeting_docs.h), a decision's execution record
// (decision_record.h) and the public listing (public_doc.h) are pages of this frame.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/labels.h"
#include "core/message.h"

namespace docket {

// A person as a document names them: the id and the name in both languages.
struct DocPerson {
  std::string id;
  Labels name;
};

// How a document brings its print stylesheet: inline (<style>, a file that stands alone and
// prints to PDF) or linked (<link rel="stylesheet" href=HREF>, for a server whose
// Content-Security-Policy forbids inline style).
struct DocStyle {
  std::optional<std::string> href;  // nullopt: inline
};

// The print stylesheet every document uses.
const std::string& DocStylesheet();

// `s` with & < > " ' as entities; DocLines also turns each line break into <br>.
std::string DocEsc(const std::string& s);
std::string DocLines(const std::string& s);

// The words and the frame of one page in one language. A page builds its text in out_,
// collecting field rows (Row) until FieldsTable writes them as one table.
class DocPage {
 public:
  explicit DocPage(Lang lang) : lang_(lang) {}

  std::string W(const Msg& msg) const;
  std::string L(const Labels& l, const std::string& fallback = "") const;
  std::string Name(const DocPerson& p) const;
  // The names joined by 、 (", " in English); （无） when there are none.
  std::string Names(const std::vector<DocPerson>& people) const;
  std::string Sep() const;
  // "2026-04-14" as 2026年4月14日 in Chinese; as is in English (and anything else as is).
  std::string Date(const std::string& iso) const;
  // "2026-04-14 17:00" with its date as Date shows it; "not recorded" when empty.
  std::string Time(const std::string& local) const;

  // A field row (heading text, HTML of the value), collected for the next FieldsTable.
  void Row(const std::string& th, const std::string& td_html);
  void FieldsTable();

  // The page up to its issuing line: the head with the stylesheet, <body><main>, the title
  // as the one <h1>, the issuer and the date (ISO, shown by Date).
  std::string Open(const std::string& title, const std::string& issuer, const std::string& date,
                   const DocStyle& style) const;
  // </main>, the footer holding `source` (plain text), the end of the page.
  std::string Close(const std::string& source) const;

 protected:
  Lang lang_;
  std::string out_;
  std::string rows_;
};

}  // namespace docket
