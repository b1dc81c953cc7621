// RosterFromCsv and RosterToCsv (config_csv.h): the CSV becomes the text of an organization
// file, each of its lines remembering the cell it came from, and goes through ParseOrgFile,
// whose diagnostics are mapped back to the cells.
#include <algorithm>
#include <map>
#include <set>

#include "definition/config_csv.h"
#include "definition/config_csv_internal.h"

namespace docket {
namespace {

const std::vector<csv_detail::Column>& RosterColumns() {
  static const std::vector<csv_detail::Column> kColumns = {
      {"id", "编号", true},         {"name_zh", "姓名", true},     {"name_en", "英文名", false},
      {"roles", "角色", true},      {"member_of", "表决成员", true}, {"attends", "列席", true},
      {"email", "电子邮箱", false},
  };
  return kColumns;
}

// One person's row, resolved to ids.
struct RosterRow {
  std::string id;
  Labels name;
  std::string email;
  std::vector<std::string> roles;      // in the organization
  std::set<std::string> member_of;     // body ids
  std::set<std::string> attends;       // body ids
  std::map<std::string, SourcePos> at;  // column key -> the cell
  const Person* stored = nullptr;
};

// Names (zh, en, id) -> id; a name two ids share maps to none (left as written).
template <typename Each>
std::map<std::string, std::string> NameIndex(Each each) {
  std::map<std::string, std::string> out;
  std::set<std::string> shared;
  const auto add = [&](const std::string& name, const std::string& id) {
    if (name.empty()) return;
    auto [it, inserted] = out.emplace(name, id);
    if (!inserted && it->second != id) shared.insert(name);
  };
  each(add);
  for (const std::string& name : shared) out.erase(name);
  return out;
}

void EmitLabels(csv_detail::MappedYaml* y, int indent, const Labels& l, SourcePos zh_at, SourcePos en_at) {
  y->Line(indent, "name:", zh_at);
  if (!l.zh.empty()) y->Line(indent + 2, "zh: " + csv_detail::Quoted(l.zh), zh_at);
  if (!l.en.empty()) y->Line(indent + 2, "en: " + csv_detail::Quoted(l.en), en_at);
  for (const auto& [lang, text] : l.more) y->Line(indent + 2, lang + ": " + csv_detail::Quoted(text), zh_at);
  if (l.zh.empty() && l.en.empty() && l.more.empty()) y->Line(indent + 2, "{}", zh_at);
}

// Stored members still in the roster keep their order; newcomers follow in the rows' order.
std::vector<std::pair<std::string, SourcePos>> BodyList(const std::vector<std::string>& stored,
                                                        const std::vector<RosterRow>& rows, const std::string& body,
                                                        bool members) {
  const char* key = members ? "member_of" : "attends";
  std::vector<std::pair<std::string, SourcePos>> out;
  std::map<std::string, const RosterRow*> in;
  for (const RosterRow& r : rows) {
    if ((members ? r.member_of : r.attends).count(body)) in.emplace(r.id, &r);
  }
  for (const std::string& id : stored) {
    auto it = in.find(id);
    if (it == in.end()) continue;
    out.emplace_back(id, it->second->at.at(key));
    in.erase(it);
  }
  for (const RosterRow& r : rows) {
    if (in.count(r.id)) out.emplace_back(r.id, r.at.at(key));
  }
  return out;
}

csv_detail::MappedYaml RosterYaml(const Org& org, const std::vector<RosterRow>& rows, SourcePos bodies_at) {
  using csv_detail::Quoted;
  csv_detail::MappedYaml y;
  y.Line(0, "organizations:");
  y.Line(2, "- id: " + Quoted(org.id));
  if (org.parent) y.Line(4, "parent: " + Quoted(*org.parent));
  EmitLabels(&y, 4, org.name, {}, {});
  if (!org.kind.empty()) y.Line(4, "kind: " + Quoted(org.kind));
  y.Line(4, "time_zone: " + Quoted(org.time_zone));
  if (!org.attrs.empty()) {
    y.Line(4, "attrs:");
    for (const auto& [key, value] : org.attrs) y.Line(6, Quoted(key) + ": " + Quoted(value));
  }
  if (!org.notify.wecom.empty() || !org.notify.dingtalk.empty()) {
    y.Line(4, "notify:");
    if (!org.notify.wecom.empty()) y.Line(6, "wecom: " + Quoted(org.notify.wecom));
    if (!org.notify.dingtalk.empty()) y.Line(6, "dingtalk: " + Quoted(org.notify.dingtalk));
  }
  if (!org.bodies.empty()) {
    y.Line(4, "bodies:");
    for (const Body& b : org.bodies) {
      y.Line(6, "- id: " + Quoted(b.id), bodies_at);
      EmitLabels(&y, 8, b.name, bodies_at, bodies_at);
      for (bool members : {true, false}) {
        const auto list = BodyList(members ? b.members : b.attendees, rows, b.id, members);
        const char* key = members ? "members:" : "attendees:";
        y.Line(8, list.empty() ? std::string(key) + " []" : std::string(key), bodies_at);
        for (const auto& [id, at] : list) y.Line(10, "- " + Quoted(id), at);
      }
    }
  }
  y.Line(0, "people:");
  for (const RosterRow& r : rows) {
    const SourcePos id_at = r.at.at("id");
    y.Line(2, "- id: " + Quoted(r.id), id_at);
    EmitLabels(&y, 4, r.name, r.at.at("name_zh"), r.at.count("name_en") ? r.at.at("name_en") : id_at);
    if (!r.email.empty()) y.Line(4, "email: " + Quoted(r.email), r.at.count("email") ? r.at.at("email") : id_at);
    std::vector<std::pair<RoleGrant, SourcePos>> grants;
    if (r.stored != nullptr) {
      for (const RoleGrant& g : r.stored->roles) {
        if (g.org != org.id) grants.emplace_back(g, id_at);
      }
    }
    for (const std::string& role : r.roles) grants.emplace_back(RoleGrant{r.id, org.id, role}, r.at.at("roles"));
    y.Line(4, grants.empty() ? "roles: []" : "roles:", r.at.at("roles"));
    for (const auto& [g, at] : grants) {
      y.Line(6, "- org: " + Quoted(g.org), at);
      y.Line(8, "role: " + Quoted(g.role), at);
    }
  }
  return y;
}

}  // namespace

OrgFile RosterFromCsv(std::string_view csv_text, const std::string& file, const Org& org,
                      const std::vector<Person>& people, const RoleLabels& role_labels,
                      std::vector<Diagnostic>* diags) {
  using csv_detail::Error;
  using csv_detail::Trimmed;
  std::vector<CsvRow> rows = ParseCsv(csv_text, file, diags);
  if (HasErrors(*diags)) return {};
  if (rows.empty()) {
    Error(diags, file, SourcePos{1, 0}, Msg("the file is empty; a roster has a header row and one row per person"));
    return {};
  }
  const auto cols = csv_detail::FindColumns(rows.front(), RosterColumns(), file, diags);
  if (HasErrors(*diags)) return {};
  std::map<std::string, const Person*> stored;
  for (const Person& p : people) stored[p.id] = &p;
  const auto roles = NameIndex([&](const auto& add) {
    for (const auto& [id, l] : role_labels) {
      add(id, id);
      add(l.zh, id);
      add(l.en, id);
    }
  });
  const auto bodies = NameIndex([&](const auto& add) {
    for (const Body& b : org.bodies) {
      add(b.id, b.id);
      add(b.name.zh, b.id);
      add(b.name.en, b.id);
    }
  });
  std::string body_names;
  for (const Body& b : org.bodies) body_names += (body_names.empty() ? "" : ", ") + b.id + " " + b.name.zh;
  if (body_names.empty()) body_names = "—";

  std::vector<RosterRow> out;
  std::map<std::string, int> first_line;
  for (std::size_t n = 1; n < rows.size(); ++n) {
    const CsvRow& row = rows[n];
    RosterRow r;
    std::map<std::string, std::string> cell;
    for (const auto& [key, i] : cols) {
      cell[key] = row.cells[i];
      r.at[key] = SourcePos{row.lines[i], static_cast<int>(i) + 1};
    }
    r.id = Trimmed(cell["id"]);
    auto [seen, first] = first_line.emplace(r.id, row.line);
    if (!first && !r.id.empty()) {
      Error(diags, file, r.at["id"], Msg("person '{person}' is listed twice (first at line {line})",
                                         {{"person", r.id}, {"line", seen->second}}));
      continue;
    }
    auto it = stored.find(r.id);
    r.stored = it == stored.end() ? nullptr : it->second;
    if (r.stored != nullptr) r.name = r.stored->name;
    r.name.zh = Trimmed(cell["name_zh"]);
    if (cols.count("name_en")) r.name.en = Trimmed(cell["name_en"]);
    if (r.name.zh.empty() && r.name.en.empty()) {
      Error(diags, file, r.at["name_zh"], Msg("the name is empty: every person needs a name"));
    }
    r.email = cols.count("email") ? Trimmed(cell["email"]) : (r.stored ? r.stored->email : "");
    for (const std::string& item : csv_detail::ListItems(cell["roles"])) {
      auto found = roles.find(item);
      const std::string role = found == roles.end() ? item : found->second;
      if (std::find(r.roles.begin(), r.roles.end(), role) == r.roles.end()) r.roles.push_back(role);
    }
    for (const char* key : {"member_of", "attends"}) {
      for (const std::string& item : csv_detail::ListItems(cell[key])) {
        auto found = bodies.find(item);
        if (found == bodies.end()) {
          Error(diags, file, r.at[key], Msg("'{body}' is not a body of organization '{org}'; its bodies are {bodies}",
                                            {{"body", item}, {"org", org.id}, {"bodies", body_names}}));
          continue;
        }
        (std::string_view(key) == "member_of" ? r.member_of : r.attends).insert(found->second);
      }
    }
    out.push_back(std::move(r));
  }
  if (HasErrors(*diags)) return {};
  const SourcePos bodies_at{rows.front().line, static_cast<int>(cols.at("member_of")) + 1};
  const csv_detail::MappedYaml yaml = RosterYaml(org, out, bodies_at);
  std::vector<Diagnostic> yaml_diags;
  OrgFile parsed = ParseOrgFile(yaml.text(), file, &yaml_diags);
  yaml.MapBack(yaml_diags, file, diags);
  return parsed;
}

std::string RosterToCsv(const Org& org, const std::vector<Person>& people) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header;
  for (const csv_detail::Column& c : RosterColumns()) header.emplace_back(c.zh);
  rows.push_back(std::move(header));
  const auto join = [](const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& i : items) out += (out.empty() ? "" : "; ") + i;
    return out;
  };
  for (const Person& p : people) {
    std::vector<std::string> roles, members, attends;
    for (const RoleGrant& g : p.roles) {
      if (g.org == org.id) roles.push_back(g.role);
    }
    for (const Body& b : org.bodies) {
      if (std::find(b.members.begin(), b.members.end(), p.id) != b.members.end()) members.push_back(b.id);
      if (std::find(b.attendees.begin(), b.attendees.end(), p.id) != b.attendees.end()) attends.push_back(b.id);
    }
    if (roles.empty() && members.empty() && attends.empty()) continue;
    rows.push_back({p.id, p.name.zh, p.name.en, join(roles), join(members), join(attends), p.email});
  }
  return WriteCsv(rows);
}

}  // namespace docket
