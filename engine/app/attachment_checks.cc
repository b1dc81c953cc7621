// What may be attached (attachments.h): the type found in a file's bytes, and its name.
#include <string>
#include <string_view>

#include "app/attachments.h"
#include "core/utf8.h"

namespace docket {
namespace {

bool StartsWithBytes(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// What a file that is not accepted looks like, for the refusal.
std::string DescribeOtherBytes(std::string_view b) {
  if (StartsWithBytes(b, "GIF87a") || StartsWithBytes(b, "GIF89a")) return "image/gif";
  if (StartsWithBytes(b, "RIFF") && b.substr(8, 4) == "WEBP") return "image/webp";
  if (StartsWithBytes(b, "PK\x03\x04")) return "application/zip";
  if (StartsWithBytes(b, std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))) {
    return "application/x-ole-storage (.doc, .xls)";
  }
  if (StartsWithBytes(b, "\x1F\x8B")) return "application/gzip";
  if (StartsWithBytes(b, "Rar!")) return "application/vnd.rar";
  if (StartsWithBytes(b, "7z\xBC\xAF\x27\x1C")) return "application/x-7z-compressed";
  if (StartsWithBytes(b, "\x7F" "ELF") || StartsWithBytes(b, "MZ")) return "application/x-executable";
  return "application/octet-stream";
}

// Text a browser could take for a page or an image: refused even as text.
bool LooksLikeMarkup(std::string_view text) {
  std::size_t i = StartsWithBytes(text, "\xEF\xBB\xBF") ? 3 : 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) ++i;
  return i < text.size() && text[i] == '<';
}

bool IsPlainText(std::string_view b) {
  if (!IsValidUtf8(b)) return false;
  for (unsigned char c : b) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) return false;
  }
  return true;
}

}  // namespace

Result<std::string> AttachmentType(std::string_view b) {
  if (b.empty()) return Status::Invalid(Msg("the file is empty"));
  if (StartsWithBytes(b, "%PDF-")) return std::string("application/pdf");
  if (StartsWithBytes(b, "\x89PNG\r\n\x1A\n")) return std::string("image/png");
  if (StartsWithBytes(b, "\xFF\xD8\xFF")) return std::string("image/jpeg");
  if (StartsWithBytes(b, "PK\x03\x04")) {
    // An Office Open XML file is a ZIP whose part names are stored uncompressed.
    if (b.find("[Content_Types].xml") != std::string_view::npos) {
      if (b.find("word/") != std::string_view::npos) {
        return std::string("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      }
      if (b.find("xl/") != std::string_view::npos) {
        return std::string("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      }
    }
  } else if (const std::string other = DescribeOtherBytes(b);
             other != "application/octet-stream" && other != "application/x-executable") {
    // A known type's signature, even where its first bytes would read as text ("GIF89a").
  } else if (IsPlainText(b)) {
    if (LooksLikeMarkup(b)) {
      return Status::Unsupported(
          Msg("the file is markup (HTML, XML or SVG), which is not accepted; attach a PDF, PNG, JPEG, DOCX, XLSX or plain text file"));
    }
    return std::string("text/plain; charset=utf-8");
  }
  return Status::Unsupported(Msg("the file's content is {type}, which is not accepted; attach a PDF, PNG, JPEG, DOCX, XLSX or plain text file",
                                 {{"type", DescribeOtherBytes(b)}}));
}

Result<std::string> AttachmentName(std::string_view given) {
  if (!IsValidUtf8(given)) return Status::Invalid(Msg("the file's name is not UTF-8"));
  for (unsigned char c : given) {
    if (c < 0x20 || c == 0x7F) return Status::Invalid(Msg("the file's name holds a control character"));
  }
  std::string_view name = given;
  if (std::size_t slash = name.find_last_of("/\\"); slash != std::string_view::npos) name = name.substr(slash + 1);
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  if (name.empty() || name == "." || name == "..") return Status::Invalid(Msg("the file needs a name"));
  if (name.size() > 255) return Status::Invalid(Msg("the file's name is longer than 255 bytes"));
  return std::string(name);
}

}  // namespace docket
