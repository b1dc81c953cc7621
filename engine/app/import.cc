// ImportUseCases (import.h): records from before Docket, brought in by one audited
// transaction, each marked as imported.
#include "app/import.h"

#include <algorithm>
#include <map>

#include "app/app_context.h"
#include "core/field.h"
#include "definition/import_loader.h"

namespace docket {
namespace {

std::string BaseName(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool IsItemField(const FieldDef& f) {
  return f.type == FieldType::kItem || (f.type == FieldType::kList && f.element == FieldType::kItem);
}

// "field 'x': why", unless `why` names the field itself (ParseFieldText's messages do).
Msg AboutField(const std::string& field, const Status& why) {
  if (why.message().rfind("field '" + field + "'", 0) == 0) return why.msg();
  return Msg("field '{field}': {why}", {{"field", field}, {"why", why.msg()}});
}

}  // namespace

ImportUseCases::ImportUseCases(AppContext& ctx) : ctx_(ctx) {}

Result<ImportReport> ImportUseCases::Import(const ImportRequest& req) {
  if (req.actor.empty()) return Status::Invalid(Msg("no acting person: give --as PERSON (or set DOCKET_USER)"));
  if (!ctx_.store.GetOrg(req.org).ok()) return Status::NotFound(Msg("no organization '{org}'", {{"org", req.org}}));
  DOCKET_ASSIGN_OR_RETURN(const TimeZone zone, ctx_.ZoneOf(req.org));  // of times typed without an offset
  std::vector<Diagnostic> diags;
  const ImportFileText file = ParseImportFile(req.yaml_text, req.file, &diags);
  Status refusal;
  ImportReport report;
  Status st = ctx_.store.Transact([&]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(const TimePoint now, ctx_.WriteTime(req.org));
    Item blank;
    blank.org = req.org;
    auto refuse = [&](const Status& why) {
      refusal = why;
      return ctx_.RecordRefusal(blank, req.actor, kImportAction, why);
    };
    // Who may import is settled before the file is read: a person who may not import
    // learns nothing of what the file would have done.
    auto actor = ctx_.ResolveActor(req.actor, req.org);
    if (!actor.ok()) return actor.status().code() == Code::kForbidden ? refuse(actor.status()) : actor.status();
    Result<std::string> role = ImportRole(*actor, req.org);
    if (!role.ok()) return refuse(role.status());
    if (HasErrors(diags)) return Status::Invalid(FormatErrors(diags));

    report.org = req.org;
    report.actor = req.actor;
    report.role = *role;
    std::map<std::string, std::int64_t> ids;  // a record's key -> the item made of it
    for (const ImportRecordText& rec : file.records) {
      // The record's place, without the word "error": the reader sees "docket: error:" before it.
      auto bad = [&](SourcePos at, Msg why) {
        return Status::Invalid(Msg("{where}: {record}: {why}; nothing was imported",
                                   {{"where", Place(req.file, at)},
                                    {"record", RecordNamed(rec.index, rec.workflow)},
                                    {"why", std::move(why)}}));
      };
      auto def_or = ctx_.GetDefinition(rec.workflow, std::nullopt);
      if (!def_or.ok()) {
        if (def_or.status().code() != Code::kNotFound) return def_or.status();
        return bad(rec.pos, Msg("no workflow '{workflow}' is loaded", {{"workflow", rec.workflow}}));
      }
      const Definition& def = **def_or;
      if (def.FindState(rec.state) == nullptr) {
        std::string known;
        for (const StateDef& s : def.states) known += (known.empty() ? "" : ", ") + s.name;
        return bad(rec.pos, Msg("workflow '{workflow}' has no state '{state}' (states: {states})",
                                {{"workflow", def.id}, {"state", rec.state}, {"states", known}}));
      }
      if (auto day = ParseDate(rec.recorded_on); !day || !(*day < now)) {
        return bad(rec.recorded_on_pos,
                   Msg("recorded_on {day} is not before now ({now}): a record from before Docket has a past date",
                       {{"day", rec.recorded_on}, {"now", FormatTime(now)}}));
      }

      FieldMap fields;
      for (const ImportFieldText& f : rec.fields) {
        const FieldDef* fd = def.FindField(f.name);
        if (fd == nullptr) {
          std::string known;
          for (const FieldDef& d : def.fields) known += (known.empty() ? "" : ", ") + d.name;
          return bad(f.pos, Msg("workflow '{workflow}' has no field '{field}' (fields: {fields})",
                                {{"workflow", def.id}, {"field", f.name}, {"fields", known}}));
        }
        // An item field may name an earlier record of the file by its key.
        auto parse_one = [&](const FieldDef& as, const std::string& text) -> Result<Value> {
          if (as.type == FieldType::kItem) {
            if (auto k = ids.find(text); k != ids.end()) return Value(k->second);
          }
          return ParseFieldText(as, text, zone);
        };
        Result<Value> v = Value();
        if (f.is_list) {
          if (fd->type != FieldType::kList) {
            return bad(f.pos, Msg("field '{field}' is a {type}, not a list", {{"field", f.name}, {"type", FieldTypeName(fd->type)}}));
          }
          FieldDef element = *fd;
          element.type = fd->element;
          List items;
          for (const std::string& text : f.list) {
            Result<Value> one = parse_one(element, text);
            if (!one.ok()) return bad(f.pos, AboutField(f.name, one.status()));
            if (one->is_null()) return bad(f.pos, Msg("field '{field}': a list holds no empty values", {{"field", f.name}}));
            items.push_back(std::move(one).value());
          }
          v = NormalizeFieldValue(*fd, Value(std::move(items)), zone);
        } else {
          v = parse_one(*fd, f.text);
        }
        if (!v.ok()) return bad(f.pos, AboutField(f.name, v.status()));
        if (v->is_null()) {
          return bad(f.pos, Msg("field '{field}' has no value (leave the field out instead)", {{"field", f.name}}));
        }
        if (IsItemField(*fd)) {
          Status refs = ctx_.CheckReferences(def, req.org, FieldMap{{f.name, *v}});
          if (!refs.ok()) {
            if (refs.code() != Code::kInvalid) return refs;
            return bad(f.pos, AboutField(f.name, refs));
          }
        }
        fields[f.name] = std::move(v).value();
      }

      std::optional<std::int64_t> parent;
      if (!rec.parent.empty()) {
        if (auto k = ids.find(rec.parent); k != ids.end()) {
          parent = k->second;
        } else {
          const std::int64_t id = std::stoll(rec.parent);
          auto other = ctx_.store.GetItem(id);
          if (!other.ok()) {
            if (other.status().code() != Code::kNotFound) return other.status();
            return bad(rec.parent_pos, Msg("parent item #{id} does not exist", {{"id", rec.parent}}));
          }
          if (other->org != req.org) {
            return bad(rec.parent_pos, Msg("parent item #{id} belongs to organization '{other}', not to '{org}'",
                                           {{"id", rec.parent}, {"other", other->org}, {"org", req.org}}));
          }
          parent = id;
        }
      }

      fields[kImportedField] = Value(rec.source);
      fields[kRecordedOnField] = Value(rec.recorded_on);
      Item item;
      item.org = req.org;
      item.workflow = def.id;
      item.workflow_version = def.version;
      item.state = rec.state;
      item.fields = fields;
      item.parent = parent;
      item.version = 1;
      item.created_at = now;
      item.updated_at = now;
      DOCKET_ASSIGN_OR_RETURN(item.id, ctx_.store.InsertItem(item));

      AuditEntry e;
      e.org = item.org;
      e.item_id = item.id;
      e.workflow = item.workflow;
      e.workflow_version = item.workflow_version;
      e.time = FormatTime(now);
      e.actor = req.actor;
      e.role = *role;
      e.action = kImportAction;
      e.outcome = "ok";
      e.from_state = "";
      e.to_state = item.state;
      for (const auto& [name, value] : fields) e.changes.push_back({name, Value(), value});
      if (parent) e.changes.push_back(ParentChange(*parent));
      e.item_version = 1;
      e.reason = "imported from " + BaseName(req.file);
      DOCKET_RETURN_IF_ERROR(ctx_.AppendAudit(e));

      if (!rec.key.empty()) ids[rec.key] = item.id;
      report.records.push_back({rec.index, rec.key, item.id, item.workflow, item.workflow_version, item.state,
                                parent, rec.recorded_on, rec.source, e.seq});
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!refusal.ok()) return refusal;
  ctx_.log->info("imported {} record(s) from {} into {} by {}", report.records.size(), req.file, req.org, req.actor);
  return report;
}

}  // namespace docket
