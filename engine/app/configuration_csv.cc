// ConfigUseCases' CSV doors (configuration.h): the roster of one organization and the
// decision-matter list, converted by definition/config_csv.h into the organization file and
// the table file they stand for, then loaded as those are (LoadOrgFile, LoadTableFile).
#include "app/app_context.h"
#include "app/configuration.h"
#include "definition/config_csv.h"

namespace docket {
namespace {

Status CheckCsvSize(std::string_view text, const std::string& file) {
  if (text.size() <= kConfigCsvLimit) return Status::Ok();
  return Status::TooLarge(Msg("{file} is {size} bytes; the limit for a CSV file is {limit} bytes (1 MiB)",
                              {{"file", file}, {"size", text.size()}, {"limit", kConfigCsvLimit}}));
}

// The categories of matter the shipped `matter` workflow names, with their labels; none when
// it is not loaded.
CategoryNames MatterCategories(AppContext& ctx) {
  CategoryNames out;
  auto def = ctx.GetDefinition("matter", std::nullopt);
  if (!def.ok()) return out;
  const FieldDef* field = (*def)->FindField("category");
  if (field == nullptr) return out;
  for (const std::string& value : field->values) {
    auto it = field->value_labels.find(value);
    out[value] = it == field->value_labels.end() ? Labels{} : it->second;
  }
  return out;
}

}  // namespace

Result<OrgLoadReport> ConfigUseCases::ImportRoster(std::string_view csv_text, const std::string& file,
                                                   const std::string& org, const std::string& actor) {
  DOCKET_RETURN_IF_ERROR(CheckCsvSize(csv_text, file));
  // The stored organization and people the CSV is merged with are read in the load's
  // transaction: no other load can change them in between.
  OrgLoadReport report;
  DOCKET_RETURN_IF_ERROR(ctx_.store.Transact([&]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(Org stored, ctx_.store.GetOrg(org));
    DOCKET_ASSIGN_OR_RETURN(std::vector<Person> people, ctx_.store.ListPeople());
    DOCKET_ASSIGN_OR_RETURN(RoleLabels labels, ctx_.store.GetRoleLabels());
    std::vector<Diagnostic> diags;
    OrgFile parsed = RosterFromCsv(csv_text, file, stored, people, labels, &diags);
    if (HasErrors(diags)) return Status::Invalid(FormatErrors(diags));
    DOCKET_ASSIGN_OR_RETURN(report, LoadOrgFile(parsed, file, actor));
    return Status::Ok();
  }));
  return report;
}

Result<TableLoadReport> ConfigUseCases::ImportMatterList(std::string_view csv_text, const std::string& file,
                                                         const std::string& actor) {
  DOCKET_RETURN_IF_ERROR(CheckCsvSize(csv_text, file));
  std::vector<Diagnostic> diags;
  TableFile parsed = MatterListFromCsv(csv_text, file, MatterCategories(ctx_), &diags);
  if (HasErrors(diags)) return Status::Invalid(FormatErrors(diags));
  return LoadTableFile(parsed, file, actor);
}

Result<std::string> ConfigUseCases::ExportRoster(const std::string& org, const std::string& actor) {
  DOCKET_ASSIGN_OR_RETURN(Org stored, ctx_.store.GetOrg(org));
  DOCKET_ASSIGN_OR_RETURN(std::string admin, ctx_.Administrator(actor));
  AppContext::AdminScope scope;
  scope.orgs = {org};
  DOCKET_RETURN_IF_ERROR(ctx_.CheckAdminScope(admin, scope));
  DOCKET_ASSIGN_OR_RETURN(std::vector<Person> people, ctx_.store.ListPeople());
  return RosterToCsv(stored, people);
}

Result<std::string> ConfigUseCases::ExportMatterList(const std::string& actor) {
  DOCKET_ASSIGN_OR_RETURN(std::string admin, ctx_.Administrator(actor));
  AppContext::AdminScope scope;
  DOCKET_ASSIGN_OR_RETURN(std::vector<Org> all, ctx_.store.ListOrgs());
  for (const Org& org : all) scope.orgs.push_back(org.id);
  DOCKET_RETURN_IF_ERROR(ctx_.CheckAdminScope(admin, scope));
  Result<LookupTable> table = ctx_.store.GetTable(kDecisionMatterTable);
  if (!table.ok() && table.status().code() != Code::kNotFound) return table.status();
  return MatterListToCsv(table.ok() ? *table : LookupTable{}, MatterCategories(ctx_));
}

}  // namespace docket
