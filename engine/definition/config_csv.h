// The roster and the decision-matter list as a school keeps them in Excel: CSV (csv.h)
// converted into the structures the YAML files give (OrgFile, TableFile), through the same
// parser and checks, with every problem named at its CSV line and column; and back.
//
// Roster of one organization, one row per person (headers in Chinese or English):
//   编号 id | 姓名 name_zh | 英文名 name_en | 角色 roles | 表决成员 member_of | 列席 attends | 电子邮箱 email
// roles, member_of and attends are lists (separated by ; , 、 or line breaks) of ids, or of
// the Chinese or English names of the roles and of the organization's bodies. 英文名 and
// 电子邮箱 may be left out: each person then keeps what is stored.
// Decision-matter list, one row per category: 类别 category | 决定机构 body | 名称 name. The
// category is its id or its Chinese or English name (as the matter workflow labels it); 名称
// is written by the export for the reader and not read back (it may be left out).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/org.h"
#include "definition/diagnostic.h"
#include "definition/org_loader.h"

namespace docket {

// The table name of the decision-matter list (rule R1).
inline constexpr const char* kDecisionMatterTable = "decision-matters";

// The organization file a roster CSV of `org` stands for: `org` as stored with its bodies'
// members and attendees from the CSV (those already there keep their order, newcomers follow
// in the rows' order), and the people of the CSV with their roles in `org` from it and their
// roles elsewhere as `people` holds them. Problems go to `diags`, at `file`'s lines and columns;
// the result means something only when HasErrors(*diags) is false.
OrgFile RosterFromCsv(std::string_view csv_text, const std::string& file, const Org& org,
                      const std::vector<Person>& people, const RoleLabels& role_labels,
                      std::vector<Diagnostic>* diags);
// The roster of `org` as CSV (csv.h's WriteCsv, Chinese headers): every person holding a role
// in it or sitting in one of its bodies, in the order of `people`. RosterFromCsv of the result
// gives back `org` and `people` unchanged.
std::string RosterToCsv(const Org& org, const std::vector<Person>& people);

// The categories of matter by id, with their names (the matter workflow's category labels).
using CategoryNames = std::map<std::string, Labels>;
// The decision-matter list a CSV stands for (TableFile named kDecisionMatterTable).
TableFile MatterListFromCsv(std::string_view csv_text, const std::string& file, const CategoryNames& categories,
                            std::vector<Diagnostic>* diags);
std::string MatterListToCsv(const LookupTable& table, const CategoryNames& categories);

}  // namespace docket
