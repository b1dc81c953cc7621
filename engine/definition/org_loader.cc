// ParseOrgFile: organizations, people and role grants from YAML (see docs/WORKFLOWS.md).
#include "definition/org_loader.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "definition/yaml_reader.h"

namespace docket {
namespace {

using detail::Key;
using detail::KeyOf;
using detail::MapEntry;
using detail::Needs;
using detail::Shown;
using detail::YamlReader;

struct ParsedOrg {
  Org org;
  SourcePos parent_pos;
};

// The entry's well-formed id, or "" (then messages name it by its place: "organization #3"),
// so that messages about keys written before `id:` still say which entry they mean.
std::string IdOf(const YAML::Node& n) {
  if (n.IsMap()) {
    for (const auto& kv : n) {
      if (kv.first.IsScalar() && kv.first.Scalar() == "id" && kv.second.IsScalar() &&
          detail::IsIdentifier(kv.second.Scalar())) {
        return kv.second.Scalar();
      }
    }
  }
  return "";
}

// {id, name: {zh, en}, members: [person...], attendees: [person...]}
std::optional<Body> ReadBody(YamlReader& r, const YAML::Node& n, const Msg& org_what, std::size_t index) {
  const std::string id_text = IdOf(n);
  const Msg body = id_text.empty() ? Msg("body #{n}", {{"n", index + 1}}) : Msg("body '{body}'", {{"body", id_text}});
  const Msg what = KeyOf(org_what, body);
  auto m = r.Map(n, what, {"id", "name", "members", "attendees"});
  if (!m) return std::nullopt;
  std::size_t before = r.error_count();
  Body b;
  if (const MapEntry* e = m->Find("id")) {
    if (auto id = r.Identifier(e->value, KeyOf(what, "id"))) b.id = *id;
  } else {
    r.Error(n, Needs(what, "id"));
  }
  if (const MapEntry* e = m->Find("name")) b.name = r.ReadLabels(e->value, KeyOf(what, "name"));
  if (const MapEntry* e = m->Find("members")) b.members = r.IdentifierList(e->value, KeyOf(what, "members"));
  if (b.members.empty() && r.error_count() == before) {
    r.Error(n, Msg("{what} needs 'members', at least one person", {{"what", what}}));
  }
  if (const MapEntry* e = m->Find("attendees")) {
    b.attendees = r.IdentifierList(e->value, KeyOf(what, "attendees"));
    for (const auto& a : b.attendees) {
      if (std::find(b.members.begin(), b.members.end(), a) != b.members.end()) {
        r.Error(e->value, Msg("{what}: '{person}' is both a member and a non-voting attendee", {{"what", what}, {"person", Shown(a)}}));
      }
    }
  }
  if (r.error_count() != before) return std::nullopt;
  return b;
}

// notify: {wecom: URL, dingtalk: URL}: the organization's group robots.
OrgRobots ReadRobots(YamlReader& r, const YAML::Node& n, const Msg& what) {
  OrgRobots out;
  auto m = r.Map(n, what, {"wecom", "dingtalk"});
  if (!m) return out;
  for (const auto& [key, field] : {std::pair{"wecom", &out.wecom}, std::pair{"dingtalk", &out.dingtalk}}) {
    const MapEntry* e = m->Find(key);
    if (e == nullptr) continue;
    auto url = r.Text(e->value, KeyOf(what, key));
    if (!url) continue;
    if (!IsWebhookUrl(*url)) {
      r.Error(e->value, Msg("{what}: '{url}' is not a webhook URL (https://HOST/...)", {{"what", KeyOf(what, key)}, {"url", Shown(*url)}}));
      continue;
    }
    *field = *url;
  }
  return out;
}

Msg NeedsName(const Msg& what) { return Msg("{what} needs 'name' ({zh: ..., en: ...})", {{"what", what}}); }

std::optional<ParsedOrg> ReadOrg(YamlReader& r, const YAML::Node& n, std::size_t index) {
  const std::string id_text = IdOf(n);
  const Msg what = id_text.empty() ? Msg("organization #{n}", {{"n", index + 1}})
                                   : Msg("organization '{org}'", {{"org", id_text}});
  auto m = r.Map(n, what, {"id", "parent", "name", "kind", "time_zone", "attrs", "bodies", "notify"});
  if (!m) return std::nullopt;
  std::size_t before = r.error_count();
  ParsedOrg p;
  if (const MapEntry* e = m->Find("id")) {
    if (auto id = r.Identifier(e->value, KeyOf(what, "id"))) p.org.id = *id;
  } else {
    r.Error(n, Needs(what, "id"));
  }
  if (const MapEntry* e = m->Find("parent")) {
    if (auto parent = r.Identifier(e->value, KeyOf(what, "parent"))) {
      p.org.parent = *parent;
      p.parent_pos = YamlReader::Pos(e->value);
      if (*parent == p.org.id) r.Error(e->value, Msg("{what} cannot be its own parent", {{"what", what}}));
    }
  }
  if (const MapEntry* e = m->Find("name")) {
    p.org.name = r.ReadLabels(e->value, KeyOf(what, "name"));
  } else {
    r.Error(n, NeedsName(what));
  }
  if (const MapEntry* e = m->Find("kind")) {
    if (auto kind = r.Text(e->value, KeyOf(what, "kind"))) p.org.kind = *kind;
  }
  if (const MapEntry* e = m->Find("time_zone")) {
    if (auto zone = r.Text(e->value, KeyOf(what, "time_zone"))) {
      if (IsTimeZoneName(*zone)) {
        p.org.time_zone = *zone;
      } else {
        r.Error(e->value, Msg("{what} is not a time zone name like Asia/Shanghai", {{"what", KeyOf(what, "time_zone")}}));
      }
    }
  }
  if (const MapEntry* e = m->Find("attrs")) {
    if (auto attrs = r.Map(e->value, KeyOf(what, "attrs"), {})) {
      for (const auto& a : attrs->entries()) {
        if (!a.value.IsScalar()) {
          r.Error(a.value, Msg("{what} must be a single value", {{"what", KeyOf(what, "attrs." + a.key)}}));
          continue;
        }
        p.org.attrs[a.key] = a.value.Scalar();
      }
    }
  }
  if (const MapEntry* e = m->Find("notify")) p.org.notify = ReadRobots(r, e->value, KeyOf(what, "notify"));
  if (const MapEntry* e = m->Find("bodies")) {
    if (!e->value.IsSequence()) {
      r.Error(e->value, Msg("{what}: bodies must be a list of {id, name, members, attendees}", {{"what", what}}));
    } else {
      std::size_t i = 0;
      for (const auto& bn : e->value) {
        auto b = ReadBody(r, bn, what, i++);
        if (!b) continue;
        if (p.org.FindBody(b->id) != nullptr) {
          r.Error(bn, Msg("{what} has two bodies with id '{body}'", {{"what", what}, {"body", Shown(b->id)}}));
          continue;
        }
        p.org.bodies.push_back(std::move(*b));
      }
    }
  }
  if (r.error_count() != before) return std::nullopt;
  return p;
}

std::optional<Person> ReadPerson(YamlReader& r, const YAML::Node& n, std::size_t index) {
  const std::string id_text = IdOf(n);
  const Msg what = id_text.empty() ? Msg("person #{n}", {{"n", index + 1}}) : Msg("person '{person}'", {{"person", id_text}});
  auto m = r.Map(n, what, {"id", "name", "email", "roles"});
  if (!m) return std::nullopt;
  std::size_t before = r.error_count();
  Person p;
  if (const MapEntry* e = m->Find("id")) {
    if (auto id = r.Identifier(e->value, KeyOf(what, "id"))) p.id = *id;
  } else {
    r.Error(n, Needs(what, "id"));
  }
  if (const MapEntry* e = m->Find("name")) {
    p.name = r.ReadLabels(e->value, KeyOf(what, "name"));
  } else {
    r.Error(n, NeedsName(what));
  }
  if (const MapEntry* e = m->Find("email")) {
    if (auto email = r.Text(e->value, KeyOf(what, "email"))) {
      if (IsEmailAddress(*email)) {
        p.email = *email;
      } else {
        r.Error(e->value, Msg("{what}: '{email}' is not an e-mail address (NAME@DOMAIN)", {{"what", KeyOf(what, "email")}, {"email", Shown(*email)}}));
      }
    }
  }
  if (const MapEntry* e = m->Find("roles")) {
    if (!e->value.IsSequence()) {
      r.Error(e->value, Msg("{what}: roles must be a list of {org, role}", {{"what", what}}));
    } else {
      for (const auto& g : e->value) {
        auto gm = r.Map(g, Msg("{what}: a role", {{"what", what}}), {"org", "role"});
        if (!gm) continue;
        const MapEntry* org = gm->Find("org");
        const MapEntry* role = gm->Find("role");
        if (org == nullptr || role == nullptr) {
          r.Error(g, Msg("{what}: a role needs both 'org' and 'role'", {{"what", what}}));
          continue;
        }
        auto o = r.Identifier(org->value, KeyOf(what, "org"));
        auto ro = r.Identifier(role->value, KeyOf(what, "role"));
        if (!o || !ro) continue;
        bool dup = false;
        for (const auto& x : p.roles) dup = dup || (x.org == *o && x.role == *ro);
        if (dup) {
          r.Error(g, Msg("{what} holds role '{role}' in '{org}' twice", {{"what", what}, {"role", Shown(*ro)}, {"org", Shown(*o)}}));
          continue;
        }
        p.roles.push_back(RoleGrant{p.id, *o, *ro});
      }
    }
  }
  if (r.error_count() != before) return std::nullopt;
  return p;
}

// roles: {ROLE: {labels: {zh: ..., en: ...}}}: the names a person reads roles by.
RoleLabels ReadRoles(YamlReader& r, const YAML::Node& n) {
  RoleLabels out;
  auto m = r.Map(n, Key("roles"), {});
  if (!m) return out;
  for (const auto& e : m->entries()) {
    auto id = r.Identifier(e.key_node, Msg("a role's id"));
    if (!id) continue;
    const Msg what = Msg("role '{role}'", {{"role", *id}});
    auto rm = r.Map(e.value, what, {"labels"});
    if (!rm) continue;
    const MapEntry* labels = rm->Find("labels");
    if (labels == nullptr) {
      r.Error(e.value, Msg("{what} needs 'labels' ({zh: ..., en: ...})", {{"what", what}}));
      continue;
    }
    const std::size_t before = r.error_count();
    Labels l = r.ReadLabels(labels->value, KeyOf(what, "labels"));
    if (r.error_count() != before) continue;
    if (l.zh.empty() && l.en.empty() && l.more.empty()) {
      r.Error(labels->value, Msg("{what} has no label: give zh, en or both", {{"what", what}}));
      continue;
    }
    out[*id] = std::move(l);
  }
  return out;
}

// Parents before children; an org whose parent is not in the file comes first. Reports
// every org left on a parent cycle.
std::vector<Org> OrderOrgs(YamlReader& r, std::vector<ParsedOrg> orgs) {
  std::set<std::string> in_file;
  for (const auto& p : orgs) in_file.insert(p.org.id);
  std::vector<Org> out;
  std::set<std::string> placed;
  std::vector<bool> done(orgs.size(), false);
  for (bool progress = true; progress;) {
    progress = false;
    for (std::size_t i = 0; i < orgs.size(); ++i) {
      if (done[i]) continue;
      const auto& parent = orgs[i].org.parent;
      if (parent && in_file.count(*parent) && !placed.count(*parent)) continue;
      done[i] = true;
      progress = true;
      placed.insert(orgs[i].org.id);
      out.push_back(std::move(orgs[i].org));
    }
  }
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    if (!done[i]) {
      r.Error(orgs[i].parent_pos, Msg("organization '{org}' is on a parent cycle (it ends up above itself)",
                                      {{"org", Shown(orgs[i].org.id)}}));
    }
  }
  return out;
}

}  // namespace

OrgFile ParseOrgFile(std::string_view yaml_text, const std::string& file,
                     std::vector<Diagnostic>* diags) {
  YamlReader r(file, diags);
  OrgFile out;
  YAML::Node root;
  auto top = r.LoadRoot(yaml_text, Msg("an organization file"),
                        Msg("the file is empty; an organization file has organizations and people"),
                        {"organizations", "people", "roles"}, &root);
  if (!top) return out;
  if (const MapEntry* e = top->Find("roles")) out.roles = ReadRoles(r, e->value);
  std::vector<ParsedOrg> orgs;
  std::map<std::string, int> org_lines;
  if (const MapEntry* e = top->Find("organizations")) {
    if (!e->value.IsSequence()) {
      r.Error(e->value, Msg("organizations must be a list"));
    } else {
      std::size_t i = 0;
      for (const auto& n : e->value) {
        auto o = ReadOrg(r, n, i++);
        if (!o) continue;
        auto [it, inserted] = org_lines.emplace(o->org.id, YamlReader::Pos(n).line);
        if (!inserted) {
          r.Error(n, Msg("duplicate organization id '{org}' (first at line {line})", {{"org", Shown(o->org.id)}, {"line", it->second}}));
          continue;
        }
        orgs.push_back(std::move(*o));
      }
    }
  }
  out.orgs = OrderOrgs(r, std::move(orgs));
  if (const MapEntry* e = top->Find("people")) {
    if (!e->value.IsSequence()) {
      r.Error(e->value, Msg("people must be a list"));
    } else {
      std::map<std::string, int> lines;
      std::size_t i = 0;
      for (const auto& n : e->value) {
        auto p = ReadPerson(r, n, i++);
        if (!p) continue;
        auto [it, inserted] = lines.emplace(p->id, YamlReader::Pos(n).line);
        if (!inserted) {
          r.Error(n, Msg("duplicate person id '{person}' (first at line {line})", {{"person", Shown(p->id)}, {"line", it->second}}));
          continue;
        }
        out.people.push_back(std::move(*p));
      }
    }
  }
  return out;
}

TableFile ParseTableFile(std::string_view yaml_text, const std::string& file,
                         std::vector<Diagnostic>* diags) {
  YamlReader r(file, diags);
  TableFile out;
  YAML::Node root;
  auto top = r.LoadRoot(yaml_text, Msg("a table file"), Msg("the file is empty; a table file has 'table' and 'entries'"),
                        {"table", "labels", "entries"}, &root);
  if (!top) return out;
  if (const MapEntry* e = top->Find("table")) {
    if (auto name = r.Identifier(e->value, Key("table"))) out.name = *name;
  } else {
    r.Error(root, Msg("a table file needs 'table', its name"));
  }
  if (const MapEntry* e = top->Find("labels")) out.labels = r.ReadLabels(e->value, Key("labels"));
  const MapEntry* entries = top->Find("entries");
  if (entries == nullptr) {
    r.Error(root, Msg("a table file needs 'entries', a mapping KEY: VALUE"));
    return out;
  }
  auto m = r.Map(entries->value, Key("entries"), {});
  if (!m) return out;
  for (const auto& e : m->entries()) {
    auto key = r.Identifier(e.key_node, Msg("an entry's key"));
    auto value = r.Identifier(e.value, Msg("entry '{key}'", {{"key", Shown(e.key)}}));
    if (key && value) out.entries[*key] = *value;
  }
  if (out.entries.empty() && m->entries().empty()) r.Error(entries->value, Msg("entries must not be empty"));
  return out;
}

}  // namespace docket
