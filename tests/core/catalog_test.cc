// The message catalog (core/catalog.h): every template the engine's sources write has its
// Chinese, with the same placeholders, and rendering picks one language.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "core/catalog.h"
#include "core/message.h"
#include "core/status.h"
#include "support/paths.h"

namespace docket {
namespace {

std::string Read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A template and its context ("" for none).
using Key = std::pair<std::string, std::string>;

std::string Shown(const Key& k) { return k.first.empty() ? k.second : k.first + "|" + k.second; }

// Every Msg("...") and Msg::In("context", "...") template in engine/, with the file it is
// first found in.
std::map<Key, std::string> SourceTemplates() {
  std::map<Key, std::string> out;
  const std::regex msg(R"re(\bMsg(?:::In\(\s*"([a-z_]+)"\s*,|\()\s*"((?:[^"\\]|\\.)*)")re");
  for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(DOCKET_SOURCE_DIR) + "/engine")) {
    const auto ext = e.path().extension();
    if (ext != ".cc" && ext != ".h") continue;
    const std::string text = Read(e.path());
    for (std::sregex_iterator it(text.begin(), text.end(), msg), end; it != end; ++it) {
      out.emplace(Key((*it)[1].str(), UnescapeTemplate((*it)[2].str())), e.path().string());
    }
  }
  return out;
}

std::set<std::string> Placeholders(const std::string& t) {
  std::set<std::string> out;
  const std::regex name(R"(\{([a-z0-9_]+)\})");
  for (std::sregex_iterator it(t.begin(), t.end(), name), end; it != end; ++it) out.insert((*it)[1].str());
  return out;
}

TEST(CatalogTest, EveryTemplateInTheSourcesHasItsChinese) {
  const auto templates = SourceTemplates();
  ASSERT_GT(templates.size(), 50u) << "the scan found too few templates; is DOCKET_SOURCE_DIR right?";
  std::string missing;
  for (const auto& [t, file] : templates) {
    if (Translate(Lang::kZh, t.first, t.second) == nullptr) missing += file + ": " + Shown(t) + "\n";
  }
  EXPECT_EQ(missing, "") << "add these to engine/core/messages/zh/*.tsv";
}

TEST(CatalogTest, EveryEntryIsUsedKeepsItsPlaceholdersAndIsTranslated) {
  const auto templates = SourceTemplates();
  std::set<Key> seen;
  for (const CatalogEntry& e : CatalogEntries(Lang::kZh)) {
    const Key key(e.context, e.en);
    EXPECT_TRUE(seen.insert(key).second) << "twice in the catalog: " << Shown(key);
    EXPECT_TRUE(templates.count(key)) << "no source writes this template any more: " << Shown(key);
    EXPECT_EQ(Placeholders(e.en), Placeholders(e.translation)) << Shown(key) << "\n" << e.translation;
    EXPECT_FALSE(e.translation.empty()) << Shown(key);
  }
}

TEST(CatalogTest, EveryCatalogLineIsATemplateATabAndItsTranslation) {
  // Or a context, a tab, a template, a tab and its translation.
  const std::regex entry(R"re((?:[a-z_]+\t)?[^\t]+\t[^\t]*)re");
  for (const auto& e : std::filesystem::directory_iterator(std::string(DOCKET_SOURCE_DIR) + "/engine/core/messages/zh")) {
    std::istringstream in(Read(e.path()));
    int n = 0;
    for (std::string line; std::getline(in, line);) {
      ++n;
      if (line.empty() || line[0] == '#') continue;
      EXPECT_TRUE(std::regex_match(line, entry)) << e.path().filename().string() << ":" << n << ": " << line;
    }
  }
}

TEST(CatalogTest, AContextKeysItsOwnTranslation) {
  // "Progress" alone is an item's progress; in context "report" the column of a report.
  EXPECT_EQ(Text(Msg("Progress"), Lang::kZh), "进度");
  EXPECT_EQ(Text(Msg::In("report", "Progress"), Lang::kZh), "执行进度");
  EXPECT_EQ(Text(Msg::In("report", "Progress"), Lang::kEn), "Progress");
  // A context no entry names is not translated by the entry without one.
  EXPECT_EQ(Translate(Lang::kZh, "nowhere", "Progress"), nullptr);
  EXPECT_EQ(Text(Msg::In("nowhere", "Progress"), Lang::kZh), "Progress");
}

TEST(CatalogTest, ALanguageWithoutALangReadsItsOwnLabelsElseEnglish) {
  Labels state{"已召开", "Held"};
  state.more["fr"] = "Tenue";
  const Msg m("field '{field}' has no value", {{"field", Msg::Of(state, "held")}});
  EXPECT_EQ(Text(m, std::string("fr")), "field 'Tenue' has no value");
  EXPECT_EQ(Text(m, std::string("de")), "field 'Held' has no value");
  EXPECT_EQ(Text(m, std::string("zh")), "字段“已召开”没有值");
  EXPECT_EQ(Text(m, std::string("zh")), Text(m, Lang::kZh));
  EXPECT_EQ(Text(m, std::string("en")), Text(m, Lang::kEn));
}

TEST(CatalogTest, RendersOneLanguageAtATime) {
  Labels check{"议题须在会前列入议程", "A topic goes on the agenda before the meeting"};
  Msg why("action '{action}' refused: {why}",
          {{"action", Msg::Named(Labels{"通过", "Adopt"}, "adopt")},
           {"why", Msg("{rule}: {message} [{why}]", {{"rule", "R8"}, {"message", Msg::Of(check, "")},
                                                      {"why", Msg("field '{field}' has no value", {{"field", "meeting"}})}})}});
  EXPECT_EQ(Text(why, Lang::kEn),
            "action 'adopt' refused: R8: A topic goes on the agenda before the meeting [field 'meeting' has no value]");
  EXPECT_EQ(Text(why, Lang::kZh), "动作“通过（adopt）”被拒绝：R8：议题须在会前列入议程［字段“meeting”没有值］");
  EXPECT_EQ(why.English(), Text(why, Lang::kEn));
}

TEST(CatalogTest, LiteralsAndUnknownPlaceholdersStayAsWritten) {
  // A name typed by a person is never read as a template.
  Msg m("field '{field}' has no value", {{"field", "{why}"}, {"unused", "x"}});
  EXPECT_EQ(Text(m, Lang::kZh), "字段“{why}”没有值");
  EXPECT_EQ(Text(Msg::Literal("{field} 100%"), Lang::kZh), "{field} 100%");
  EXPECT_EQ(Text(Msg::Join({Msg("empty"), Msg::Literal("x")}, ", "), Lang::kZh), "空, x");
}

TEST(CatalogTest, AStatusCarriesItsMessageAndItsEnglish) {
  Status s = Status::Refused(Msg("field '{field}' has no value", {{"field", "title"}}));
  EXPECT_EQ(s.message(), "field 'title' has no value");
  EXPECT_EQ(Text(s.msg(), Lang::kZh), "字段“title”没有值");
  Status plain = Status::Invalid("as typed");
  EXPECT_EQ(Text(plain.msg(), Lang::kZh), "as typed");
}

}  // namespace
}  // namespace docket
