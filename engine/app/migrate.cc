// Migration (migrate.h): a whole record read through the Store roles and written, as
// stored, into an empty store in one transaction.
#include "app/migrate.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "store/pg_store.h"
#include "store/sqlite_store.h"

namespace docket {
namespace {

constexpr const char* kCredentialKinds[] = {"invitation", "session", "token"};

// Everything a store holds but the audit chains, which are copied entry by entry.
struct Contents {
  std::map<std::string, std::string> settings;
  RoleLabels role_labels;
  std::vector<Org> orgs;
  std::vector<Person> people;
  std::vector<std::pair<std::string, LookupTable>> tables;
  std::vector<DefinitionRecord> workflows;
  std::vector<DefinitionRecord> reports;
  std::optional<std::string> calendar;
  std::vector<Item> items;
  std::vector<std::string> chains;  // the organizations with entries
  std::vector<TimerFiring> firings;
  std::vector<Notification> notifications;
  std::vector<StoredDocument> documents;
  std::vector<Account> accounts;
  std::vector<Credential> credentials;
  std::vector<SignInAttempt> sign_ins;
  std::vector<AttachmentLink> attachments;  // the links; the bytes are copied one file at a time

  bool Empty() const {
    return settings.empty() && role_labels.empty() && orgs.empty() && people.empty() && tables.empty() &&
           workflows.empty() && reports.empty() && !calendar && items.empty() && chains.empty() && firings.empty() &&
           notifications.empty() && documents.empty() && accounts.empty() && credentials.empty() && sign_ins.empty() &&
           attachments.empty();
  }
};

Result<Contents> ReadContents(Store& s) {
  Contents c;
  DOCKET_ASSIGN_OR_RETURN(c.settings, s.ListSettings());
  // A lease (app/lease.h) belongs to the processes on the old database, not to the record.
  std::erase_if(c.settings, [](const auto& kv) { return kv.first.rfind("lease:", 0) == 0; });
  DOCKET_ASSIGN_OR_RETURN(c.role_labels, s.GetRoleLabels());
  DOCKET_ASSIGN_OR_RETURN(c.orgs, s.ListOrgs());
  DOCKET_ASSIGN_OR_RETURN(c.people, s.ListPeople());
  DOCKET_ASSIGN_OR_RETURN(std::vector<std::string> tables, s.ListTables());
  for (const std::string& name : tables) {
    DOCKET_ASSIGN_OR_RETURN(LookupTable t, s.GetTable(name));
    c.tables.emplace_back(name, std::move(t));
  }
  DOCKET_ASSIGN_OR_RETURN(c.workflows, s.ListDefinitions());
  DOCKET_ASSIGN_OR_RETURN(c.reports, s.ListReportDefinitions());
  DOCKET_ASSIGN_OR_RETURN(c.calendar, s.GetCalendar());
  DOCKET_ASSIGN_OR_RETURN(c.items, s.ListItems(ItemFilter{}));
  std::sort(c.items.begin(), c.items.end(), [](const Item& a, const Item& b) { return a.id < b.id; });
  DOCKET_ASSIGN_OR_RETURN(c.chains, s.AuditOrgs());
  DOCKET_ASSIGN_OR_RETURN(c.notifications, s.ListAllNotifications());
  // Firings are listed by organization: every organization a record names.
  std::set<std::string> orgs(c.chains.begin(), c.chains.end());
  for (const Org& o : c.orgs) orgs.insert(o.id);
  for (const Item& i : c.items) orgs.insert(i.org);
  for (const Notification& n : c.notifications) orgs.insert(n.org);
  for (const std::string& org : orgs) {
    DOCKET_ASSIGN_OR_RETURN(std::vector<TimerFiring> f, s.ListFirings(org));
    c.firings.insert(c.firings.end(), f.begin(), f.end());
  }
  DOCKET_ASSIGN_OR_RETURN(c.documents, s.ListDocuments());
  for (const Person& p : c.people) {
    DOCKET_ASSIGN_OR_RETURN(std::optional<Account> a, s.GetAccount(p.id));
    if (a) c.accounts.push_back(std::move(*a));
  }
  for (const char* kind : kCredentialKinds) {
    DOCKET_ASSIGN_OR_RETURN(std::vector<Credential> list, s.ListCredentials(kind, ""));
    c.credentials.insert(c.credentials.end(), list.begin(), list.end());
  }
  DOCKET_ASSIGN_OR_RETURN(c.sign_ins, s.ListSignIns());
  DOCKET_ASSIGN_OR_RETURN(c.attachments, s.ListOrgAttachments(""));
  return c;
}

// The directory and the definitions: what the items and the chains run under.
Status WriteDirectory(const Contents& c, Store& to, const std::string& now) {
  for (const auto& [key, value] : c.settings) DOCKET_RETURN_IF_ERROR(to.PutSetting(key, value));
  if (!c.role_labels.empty()) DOCKET_RETURN_IF_ERROR(to.PutRoleLabels(c.role_labels));
  for (const Org& o : c.orgs) DOCKET_RETURN_IF_ERROR(to.UpsertOrg(o));
  for (const Person& p : c.people) DOCKET_RETURN_IF_ERROR(to.UpsertPerson(p));
  for (const auto& [name, table] : c.tables) DOCKET_RETURN_IF_ERROR(to.PutTable(name, table));
  for (const DefinitionRecord& d : c.workflows) DOCKET_RETURN_IF_ERROR(to.PutDefinition(d).status());
  for (const DefinitionRecord& d : c.reports) DOCKET_RETURN_IF_ERROR(to.PutReportDefinition(d).status());
  if (c.calendar) DOCKET_RETURN_IF_ERROR(to.PutCalendar(*c.calendar, now));
  return Status::Ok();
}

// What the engine did on its own and how people sign in.
Status WriteRest(const Contents& c, Store& to) {
  for (const TimerFiring& f : c.firings) DOCKET_RETURN_IF_ERROR(to.ClaimFiring(f).status());
  for (const Notification& n : c.notifications) DOCKET_RETURN_IF_ERROR(to.ImportNotification(n));
  for (const StoredDocument& d : c.documents) DOCKET_RETURN_IF_ERROR(to.PutDocument(d.hash, d.content, d.stored_at));
  for (const Account& a : c.accounts) DOCKET_RETURN_IF_ERROR(to.PutAccount(a));
  for (const Credential& cr : c.credentials) DOCKET_RETURN_IF_ERROR(to.PutCredential(cr));
  for (const SignInAttempt& s : c.sign_ins) DOCKET_RETURN_IF_ERROR(to.AddSignIn(s));
  return Status::Ok();
}

// The attached files: each link with its bytes, read from `from` one file at a time.
Status CopyAttachments(const Contents& c, Store& from, Store& to) {
  for (const AttachmentLink& link : c.attachments) {
    DOCKET_ASSIGN_OR_RETURN(std::optional<std::string> bytes, from.GetAttachmentBytes(link.hash));
    if (!bytes) {
      return Status::Integrity(Msg("item {id}: the bytes of attached file '{name}' are missing", {{"id", link.item}, {"name", link.name}}));
    }
    DOCKET_RETURN_IF_ERROR(to.PutAttachment(link, *bytes));
  }
  return Status::Ok();
}

// Appends every entry of `org`'s chain on `from` to `to`, as stored, and checks that the
// heads are then equal.
Result<ChainCopied> CopyChain(Store& from, Store& to, const std::string& org) {
  DOCKET_RETURN_IF_ERROR(from.ForEachAuditEntry(org, [&](const AuditEntry& e) { return to.AppendLinked(e); }));
  DOCKET_ASSIGN_OR_RETURN(AuditHead source, from.GetAuditHead(org));
  DOCKET_ASSIGN_OR_RETURN(AuditHead copied, to.GetAuditHead(org));
  if (source.seq != copied.seq || source.hash != copied.hash) {
    return Status::Integrity(Msg("organization '{org}': the copied chain ends at entry {copied} ({copied_hash}), the original at entry {seq} ({hash})",
                                 {{"org", org},
                                  {"copied", copied.seq},
                                  {"copied_hash", copied.hash.substr(0, 12)},
                                  {"seq", source.seq},
                                  {"hash", source.hash.substr(0, 12)}}));
  }
  return ChainCopied{org, source.seq, source.hash};
}

}  // namespace

Result<DatabaseUrl> ParseDatabaseUrl(const std::string& text) {
  DatabaseUrl url;
  if (IsPostgresUrl(text)) {
    url.db = text;
    url.postgres = true;
    url.name = WithoutPassword(text);
    return url;
  }
  url.db = text.rfind("sqlite:", 0) == 0 ? text.substr(7) : text;
  url.name = url.db;
  if (url.db.empty() || url.db.find("://") != std::string::npos) {
    return Status::Invalid(Msg("'{db}' names no database: give sqlite:FILE, a file, or postgresql://…", {{"db", text}}));
  }
  return url;
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& db, bool create, const std::string& synchronous,
                                         std::function<Status(const char* point)> fault_hook) {
  if (IsPostgresUrl(db)) {
    PgOptions pg;
    pg.create = create;
    pg.fault_hook = fault_hook;
    DOCKET_ASSIGN_OR_RETURN(auto store, PgStore::Open(db, pg));
    return std::unique_ptr<Store>(std::move(store));
  }
  SqliteOptions sqlite;
  sqlite.synchronous = synchronous;
  sqlite.create = create;
  sqlite.fault_hook = std::move(fault_hook);
  DOCKET_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, sqlite));
  return std::unique_ptr<Store>(std::move(store));
}

Result<MigrateReport> CopyStore(Store& from, Store& to, const std::string& to_name, const std::string& now) {
  DOCKET_ASSIGN_OR_RETURN(Contents source, ReadContents(from));
  MigrateReport report;
  Status st = to.Transact([&]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(Contents there, ReadContents(to));
    if (!there.Empty()) {
      return Status::Conflict(Msg("database '{db}' is not empty ({orgs} organizations, {items} items, {chains} chains): migrate copies only into an empty database",
                                  {{"db", to_name},
                                   {"orgs", there.orgs.size()},
                                   {"items", there.items.size()},
                                   {"chains", there.chains.size()}}));
    }
    DOCKET_RETURN_IF_ERROR(WriteDirectory(source, to, now));
    for (const Item& item : source.items) DOCKET_RETURN_IF_ERROR(to.ImportItem(item));
    for (const std::string& org : source.chains) {
      DOCKET_ASSIGN_OR_RETURN(ChainCopied chain, CopyChain(from, to, org));
      report.chains.push_back(std::move(chain));
    }
    DOCKET_RETURN_IF_ERROR(WriteRest(source, to));
    return CopyAttachments(source, from, to);
  });
  if (!st.ok()) return st;
  report.to = to_name;
  report.orgs = static_cast<std::int64_t>(source.orgs.size());
  report.people = static_cast<std::int64_t>(source.people.size());
  report.workflows = static_cast<std::int64_t>(source.workflows.size());
  report.reports = static_cast<std::int64_t>(source.reports.size());
  report.items = static_cast<std::int64_t>(source.items.size());
  report.firings = static_cast<std::int64_t>(source.firings.size());
  report.notifications = static_cast<std::int64_t>(source.notifications.size());
  report.documents = static_cast<std::int64_t>(source.documents.size());
  report.accounts = static_cast<std::int64_t>(source.accounts.size());
  report.credentials = static_cast<std::int64_t>(source.credentials.size());
  report.attachments = static_cast<std::int64_t>(source.attachments.size());
  return report;
}

}  // namespace docket
