// ParseImportFile: the records of an import file from YAML (import_loader.h).
#include "definition/import_loader.h"

#include <map>

#include "core/clock.h"
#include "definition/yaml_reader.h"

namespace docket {
namespace {

using detail::KeyOf;
using detail::MapEntry;
using detail::MapView;
using detail::Shown;
using detail::YamlReader;

bool AllDigits(const std::string& s) {
  if (s.empty() || s.size() > 18) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The fields of one record: scalars or lists of scalars, by identifier.
void ReadFields(YamlReader& r, const YAML::Node& n, const Msg& what, ImportRecordText* rec) {
  auto m = r.Map(n, KeyOf(what, "fields"), {});
  if (!m) return;
  for (const MapEntry& e : m->entries()) {
    const Msg fw = Msg("{what}, field '{field}'", {{"what", what}, {"field", Shown(e.key)}});
    if (!detail::IsIdentifier(e.key)) {
      r.Error(e.key_node, Msg("{what}: a field name is an id ([a-z][a-z0-9_-]*)", {{"what", fw}}));
      continue;
    }
    ImportFieldText f;
    f.name = e.key;
    f.pos = YamlReader::Pos(e.value);
    if (e.value.IsNull()) {
      r.Error(e.key_node, Msg("{what} has no value (leave the field out instead)", {{"what", fw}}));
      continue;
    }
    if (e.value.IsScalar()) {
      f.text = e.value.Scalar();
    } else if (e.value.IsSequence()) {
      f.is_list = true;
      bool ok = true;
      for (const auto& x : e.value) {
        if (!x.IsScalar()) {
          r.Error(x, Msg("{what}: a list holds plain values (texts, numbers, dates, ids)", {{"what", fw}}));
          ok = false;
          break;
        }
        f.list.push_back(x.Scalar());
      }
      if (!ok) continue;
    } else {
      r.Error(e.value, Msg("{what}: a value is a scalar or a list of scalars, not a mapping", {{"what", fw}}));
      continue;
    }
    rec->fields.push_back(std::move(f));
  }
}

}  // namespace

Msg RecordNamed(int index, const std::string& workflow) {
  return workflow.empty() ? Msg("record {n}", {{"n", index}})
                          : Msg("record {n} ({workflow})", {{"n", index}, {"workflow", workflow}});
}

ImportFileText ParseImportFile(std::string_view yaml_text, const std::string& file, std::vector<Diagnostic>* diags) {
  ImportFileText out;
  YamlReader r(file, diags);
  YAML::Node root;
  auto top = r.LoadRoot(yaml_text, Msg("an import file"), Msg("the import file is empty; it needs 'records'"), {"records"}, &root);
  if (!top) return out;
  const MapEntry* records = top->Find("records");
  if (records == nullptr) {
    r.Error(root, Msg("an import file needs 'records': a list of records"));
    return out;
  }
  if (!records->value.IsSequence() || records->value.size() == 0) {
    r.Error(records->value, Msg("'records' must be a list of at least one record"));
    return out;
  }
  std::map<std::string, int> keys;  // key -> the record that defines it
  int index = 0;
  for (const auto& n : records->value) {
    ImportRecordText rec;
    rec.index = ++index;
    rec.pos = YamlReader::Pos(n);
    Msg what = RecordNamed(rec.index, "");
    auto m = r.Map(n, what,
                   {"key", "workflow", "state", "recorded_on", "source", "parent", "fields"});
    if (!m) continue;
    const std::size_t errors = r.error_count();
    auto required = [&](const char* key, const Msg& hint) -> const MapEntry* {
      const MapEntry* e = m->Find(key);
      if (e == nullptr) r.Error(n, Msg("{what} needs '{key}' ({hint})", {{"what", what}, {"key", key}, {"hint", hint}}));
      return e;
    };
    if (const MapEntry* e = required("workflow", Msg("the workflow of the record, e.g. decision"))) {
      if (auto id = r.Identifier(e->value, KeyOf(what, "workflow"))) rec.workflow = *id;
    }
    what = RecordNamed(rec.index, rec.workflow);
    if (const MapEntry* e = required("state", Msg("any state of its workflow"))) {
      if (auto id = r.Identifier(e->value, KeyOf(what, "state"))) rec.state = *id;
    }
    if (const MapEntry* e = required("recorded_on", Msg("the date it was originally recorded, YYYY-MM-DD"))) {
      rec.recorded_on_pos = YamlReader::Pos(e->value);
      if (!e->value.IsScalar() || !ParseDate(e->value.Scalar())) {
        r.Error(e->value, Msg("{what}: recorded_on must be a date, YYYY-MM-DD", {{"what", what}}));
      } else {
        rec.recorded_on = e->value.Scalar();
      }
    }
    if (const MapEntry* e = required("source", Msg("where the record was kept, e.g. 会议记录本第3册第12页"))) {
      if (auto text = r.Text(e->value, KeyOf(what, "source"))) rec.source = *text;
    }
    if (const MapEntry* e = m->Find("key")) {
      if (auto id = r.Identifier(e->value, KeyOf(what, "key"))) {
        auto [it, fresh] = keys.emplace(*id, rec.index);
        if (!fresh) {
          r.Error(e->value, Msg("{what}: key '{key}' is already the key of record {record}",
                                {{"what", what}, {"key", Shown(*id)}, {"record", it->second}}));
        } else {
          rec.key = *id;
        }
      }
    }
    if (const MapEntry* e = m->Find("parent")) {
      rec.parent_pos = YamlReader::Pos(e->value);
      const std::string p = e->value.IsScalar() ? e->value.Scalar() : std::string();
      auto it = keys.find(p);
      if (AllDigits(p) && p != "0") {
        rec.parent = p;
      } else if (it != keys.end() && it->second < rec.index) {
        rec.parent = p;
      } else {
        r.Error(e->value, Msg("{what}: parent '{parent}' is neither an item id nor the key of an earlier record of this file",
                              {{"what", what}, {"parent", Shown(p)}}));
      }
    }
    if (const MapEntry* e = m->Find("fields")) ReadFields(r, e->value, what, &rec);
    if (r.error_count() == errors) out.records.push_back(std::move(rec));
  }
  return out;
}

}  // namespace docket
