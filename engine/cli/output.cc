#include "cli/output.h"

#include <algorithm>
#include <string_view>

#include "app/docket.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "core/field.h"

namespace docket::cli {

size_t DisplayWidth(const std::string& s) {
  size_t width = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp = c;
    size_t len = 1;
    if (c >= 0xF0) { cp = c & 0x07; len = 4; }
    else if (c >= 0xE0) { cp = c & 0x0F; len = 3; }
    else if (c >= 0xC0) { cp = c & 0x1F; len = 2; }
    for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    i += len;
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    width += wide ? 2 : 1;
  }
  return width;
}

std::string Table(const std::vector<std::string>& headers,
                  const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths(headers.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
  };
  measure(headers);
  for (const auto& r : rows) measure(r);
  std::string out;
  auto line = [&](const std::vector<std::string>& row) {
    std::string l;
    for (size_t i = 0; i < widths.size(); ++i) {
      const std::string cell = i < row.size() ? row[i] : "";
      l += cell;
      if (i + 1 < widths.size()) l += std::string(widths[i] - DisplayWidth(cell) + 2, ' ');
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  };
  line(headers);
  std::vector<std::string> rule;
  for (size_t w : widths) rule.push_back(std::string(w, '-'));
  line(rule);
  for (const auto& r : rows) line(r);
  return out;
}

std::string FieldLabel(const Definition* def, const std::string& name, Lang lang) {
  const FieldDef* f = def != nullptr ? def->FindField(name) : nullptr;
  return f != nullptr ? f->labels.Get(lang, name) : ImportFieldLabel(name, lang);
}

std::string ValueText(const Definition* labels, const std::string& field, const Value& v, Lang lang) {
  return labels != nullptr ? ShownValue(*labels, field, v, lang) : v.ToText();
}

std::string DescribeChanges(const AuditEntry& e, const Definition* def, const Definition* labels, Lang lang,
                            ShownTimes* times) {
  auto value = [&](const std::string& field, const Value& v) {
    if (v.is_null()) return std::string("∅");
    const FieldDef* f = def != nullptr ? def->FindField(field) : nullptr;
    if (times != nullptr && f != nullptr && f->type == FieldType::kDateTime && v.is_string()) {
      return (*times)(e.org, v.as_string());
    }
    return ValueText(labels, field, v, lang);
  };
  std::string out;
  for (const auto& c : e.changes) {
    if (!out.empty()) out += "; ";
    out += FieldLabel(def, c.field, lang) + ": " + value(c.field, c.before) + " -> " + value(c.field, c.after);
  }
  return out;
}

std::string AuditedText(Lang lang, const ConfigRecorded& recorded) {
  const int n = recorded.audit_entries;
  if (!recorded.changed) return Text(Msg(" (no configuration change)"), lang);
  if (n == 0) return Text(Msg(" (configuration changed; no organization yet: each one's first load records it)"), lang);
  if (n == 1) return Text(Msg(" (configuration changes recorded in 1 audit entry)"), lang);
  return Text(Msg(" (configuration changes recorded in {n} audit entries)", {{"n", n}}), lang);
}

std::string ShownTimes::operator()(const std::string& org, const std::string& stored) {
  auto it = zones_.find(org);
  if (it == zones_.end()) {
    auto zone = docket_.ZoneOf(org);
    it = zones_.emplace(org, zone.ok() ? std::optional<TimeZone>(*zone) : std::nullopt).first;
  }
  const std::optional<TimePoint> t = ParseTime(stored);
  return t && it->second ? FormatTimeIn(*t, *it->second) : stored;
}

std::string ShortHash(const std::string& hash) { return hash.substr(0, 16) + "…"; }

}  // namespace docket::cli
