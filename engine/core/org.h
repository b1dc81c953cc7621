// Organizations, people and their roles: who may act where.
//
// Organizations form a tree: a supervising organization (a district committee) above
// schools, to any depth. A person holds roles per organization; a role held in an
// organization above an item's organization counts as a role "above" it.
#pragma once

#include <cstddef>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/definition.h"
#include "core/message.h"
#include "core/time_zone.h"

namespace docket {

// A deciding body of an organization (a Party organization meeting, an office meeting, a
// staff congress): the members who vote and count towards quorum, and the attendees who
// take part without a vote. Conditions name bodies by id; the engine gives ids no meaning.
struct Body {
  std::string id;
  Labels name;
  std::vector<std::string> members;    // person ids, in the order the org file lists them
  std::vector<std::string> attendees;  // person ids; non-voting
};

// How many levels above an organization are looked at for a person's roles: an org file
// with a cycle of parents cannot loop.
inline constexpr std::size_t kMaxOrgDepth = 64;

// The role of an administrator (loads, ticks; app/app_context_access.cc): held in an
// organization, it reaches that organization and every one below it; held in one without
// a parent, the whole installation.
inline constexpr const char* kAdminRole = "admin";
// How the operating-system user who owns the database file is named where a person would
// be (a configuration entry's actor, a tick's "$run_by"): "os:NAME". No person id holds a ':'.
inline constexpr const char* kOsUserPrefix = "os:";

// Where an organization's group chats are told of its members' notifications: the webhook
// URLs of its WeCom (企业微信) and DingTalk (钉钉) group robots; "" for none.
struct OrgRobots {
  std::string wecom;
  std::string dingtalk;
  bool operator==(const OrgRobots&) const = default;
};

struct Org {
  std::string id;
  std::optional<std::string> parent;  // the supervising organization
  Labels name;
  std::string kind;                    // free text from the org file, e.g. "committee", "school"
  std::map<std::string, std::string> attrs;  // further settings from the org file
  std::string time_zone{kDefaultTimeZone};    // an IANA name (core/time_zone.h)
  std::vector<Body> bodies = {};              // its deciding bodies
  OrgRobots notify = {};                      // its group robots

  const Body* FindBody(const std::string& body_id) const {
    for (const Body& b : bodies) {
      if (b.id == body_id) return &b;
    }
    return nullptr;
  }
};

// The labels the organization files give roles: role id -> {zh, en}. A role is an id shared by
// every organization (a person holds "secretary" in one school and in another); a role with
// no label is shown by its id.
using RoleLabels = std::map<std::string, Labels>;

// Role `role` as a person reads it: Msg::Named, as actions and states are shown ("书记（secretary）"
// in Chinese, the id in English, since the id is what the org and workflow files write); the id
// where the role has no label.
Msg RoleName(const RoleLabels& labels, const std::string& role);
// Several roles, each as RoleName, joined by the list separator ("、" or ", ").
Msg RoleNames(const RoleLabels& labels, const std::vector<std::string>& roles);

struct RoleGrant {
  std::string person;
  std::string org;
  std::string role;
};

struct Person {
  std::string id;
  Labels name;
  std::vector<RoleGrant> roles;
  std::string email = {};  // where their notifications are mailed; "" for nowhere
};

// Whether `text` is an e-mail address Docket sends to: LOCAL@DOMAIN, one '@', a domain of
// dot-separated labels ("localhost" is one), printable ASCII without spaces, quotes,
// angle brackets or commas (so it is safe in a mail header), at most 254 bytes.
bool IsEmailAddress(std::string_view text);
// Whether `text` is a webhook URL Docket posts to: "https://" or "http://", a host, and
// printable ASCII without spaces, at most 2048 bytes.
bool IsWebhookUrl(std::string_view text);

// `root` and every organization below it in `orgs`, at any depth: `root` first, then the
// others by id. Empty when `root` is not in `orgs`. A cycle of parents is walked once.
std::vector<const Org*> Subtree(const std::vector<Org>& orgs, const std::string& root);

}  // namespace docket
