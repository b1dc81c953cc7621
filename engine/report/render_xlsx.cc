// A ReportDoc as an XLSX workbook (Debian's libxlsxwriter): one sheet with the rows of
// report/sheet.h, so the same rows and columns as the CSV. An integer shown as itself is a
// number; everything else (names, item numbers "#10", rates, dates in ISO form, hashes) is
// text, so a spreadsheet never turns a date or a hash into something else. The title, the
// tables' captions, headers and total rows are bold. A roll-up's sheet keeps the front matter
// and its table's header in view (frozen) and has a filter on the organizations' rows.
//
// libxlsxwriter 1.1.4 writes to a file name only (its in-memory output came later), so the
// workbook is written to an anonymous memory file (memfd_create), named by its
// /proc/self/fd link, and read back: no path in the temporary folder, nothing to clean up.
// The workbook's creation time is the document's `generated_at`, so the same document gives
// the same bytes and no clock is read here.
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

#include <xlsxwriter.h>

#include "core/clock.h"
#include "report/doc.h"
#include "report/sheet.h"

namespace docket {
namespace {

// An anonymous memory file, closed with this object.
class MemoryFile {
 public:
  MemoryFile() : fd_(::memfd_create("docket-xlsx", MFD_CLOEXEC)) {}
  ~MemoryFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;

  bool ok() const { return fd_ >= 0; }
  std::string Name() const { return "/proc/self/fd/" + std::to_string(fd_); }
  // Everything the file holds; nullopt when it cannot be read.
  std::optional<std::string> Contents() const {
    struct stat st{};
    if (::fstat(fd_, &st) != 0) return std::nullopt;
    std::string out(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t at = 0;
    while (at < out.size()) {
      const ssize_t n = ::pread(fd_, out.data() + at, out.size() - at, static_cast<off_t>(at));
      if (n <= 0) return std::nullopt;
      at += static_cast<std::size_t>(n);
    }
    return out;
  }

 private:
  int fd_;
};

// How wide `s` shows, roughly: a character of three or more UTF-8 bytes (Chinese among them)
// takes two columns.
std::size_t ShownWidth(const std::string& s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    w += len >= 3 ? 2 : 1;
    i += len;
  }
  return w;
}

// A sheet name Excel accepts: none of []:*?/\, at most 31 characters, not empty.
std::string SheetName(const std::string& title) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < title.size() && chars < 31;) {
    const unsigned char c = static_cast<unsigned char>(title[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    const std::string ch = title.substr(i, len);
    out += ch.size() == 1 && std::string_view("[]:*?/\\'").find(ch[0]) != std::string_view::npos ? std::string(" ") : ch;
    ++chars;
    i += len;
  }
  return out.find_first_not_of(' ') == std::string::npos ? std::string("Sheet1") : out;
}

Status XlsxError(lxw_error e) {
  return Status::Storage(Msg("cannot write the XLSX workbook: {why}", {{"why", std::string(lxw_strerror(e))}}));
}

}  // namespace

Result<std::string> RenderXlsx(const ReportDoc& doc, Lang lang) {
  using Kind = SheetRow::Kind;
  const std::vector<SheetRow> rows = ReportSheet(doc, lang);
  MemoryFile file;
  if (!file.ok()) return Status::Storage(Msg("cannot write the XLSX workbook: no memory file (memfd_create)"));
  lxw_workbook_options options{};
  lxw_workbook* wb = workbook_new_opt(file.Name().c_str(), &options);
  if (wb == nullptr) return Status::Storage(Msg("cannot write the XLSX workbook: {why}", {{"why", file.Name()}}));

  const std::string title = rows.front().cells.front().text;
  lxw_doc_properties props{};
  std::string title_copy = title + " — " + rows.front().cells.back().text;
  props.title = title_copy.data();
  const auto generated = ParseTime(doc.generated_at);
  // Never 0: libxlsxwriter reads the system clock for that.
  props.created = generated ? std::max<time_t>(1, std::chrono::system_clock::to_time_t(*generated)) : 1;
  workbook_set_properties(wb, &props);

  lxw_worksheet* ws = workbook_add_worksheet(wb, SheetName(title).c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);

  std::vector<std::size_t> widths;
  std::optional<lxw_row_t> header, last_body;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const SheetRow& row = rows[r];
    const bool strong = row.kind == Kind::kTitle || row.kind == Kind::kCaption || row.kind == Kind::kHeader ||
                        row.kind == Kind::kTotal;
    const auto at = static_cast<lxw_row_t>(r);
    if (row.kind == Kind::kHeader && !header) header = at;
    if (row.kind == Kind::kBody && header && at == (last_body ? *last_body : *header) + 1) last_body = at;
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      const SheetCell& cell = row.cells[c];
      const auto col = static_cast<lxw_col_t>(c);
      lxw_format* f = strong ? bold : nullptr;
      lxw_error e = LXW_NO_ERROR;
      if (cell.number) {
        e = worksheet_write_number(ws, at, col, static_cast<double>(*cell.number), f);
      } else if (!cell.text.empty()) {
        e = worksheet_write_string(ws, at, col, cell.text.c_str(), f);
      }
      if (e != LXW_NO_ERROR) {
        workbook_close(wb);
        return XlsxError(e);
      }
      // The tables' cells set the widths; the long lines above them may run over.
      if (row.kind == Kind::kHeader || row.kind == Kind::kBody || row.kind == Kind::kTotal) {
        if (widths.size() <= c) widths.resize(c + 1, 0);
        widths[c] = std::max(widths[c], ShownWidth(cell.text));
      }
    }
  }
  for (std::size_t c = 0; c < widths.size(); ++c) {
    const double w = static_cast<double>(std::clamp<std::size_t>(widths[c], 6, 60) + 2);
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, nullptr);
  }
  if (doc.kind == "rollup" && header) {
    worksheet_freeze_panes(ws, *header + 1, 0);
    const std::size_t columns = rows[*header].cells.size();
    if (last_body && columns > 0) worksheet_autofilter(ws, *header, 0, *last_body, static_cast<lxw_col_t>(columns - 1));
  } else {
    worksheet_freeze_panes(ws, 1, 0);
  }
  if (const lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) return XlsxError(e);
  auto bytes = file.Contents();
  if (!bytes || bytes->empty()) return Status::Storage(Msg("cannot write the XLSX workbook: it could not be read back"));
  return std::move(*bytes);
}

}  // namespace docket
