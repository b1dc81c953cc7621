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

namespace docket {
namespace {

std::string Read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every Msg("...") template in engine/, with the file it is first found in.
std::map<std::string, std::string> SourceTemplates() {
  std::map<std::string, std::string> out;
  const std::regex msg(R"re(\bMsg\(\s*"((?:[^"\\]|\\.)*)")re");
  for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(DOCKET_SOURCE_DIR) + "/engine")) {
    const auto ext = e.path().extension();
    if (ext != ".cc" && ext != ".h") continue;
    const std::string text = Read(e.path());
    for (std::sregex_iterator it(text.begin(), text.end(), msg), end; it != end; ++it) {
      out.emplace(UnescapeTemplate((*it)[1].str()), e.path().string());
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
    if (Translate(Lang::kZh, t) == nullptr) missing += file + ": " + t + "\n";
  }
  EXPECT_EQ(missing, "") << "add these to engine/core/messages/zh/*.tsv";
}

TEST(CatalogTest, EveryEntryIsUsedKeepsItsPlaceholdersAndIsTranslated) {
  const auto templates = SourceTemplates();
  std::set<std::string> seen;
  for (const auto& [en, zh] : CatalogEntries(Lang::kZh)) {
    EXPECT_TRUE(seen.insert(en).second) << "twice in the catalog: " << en;
    EXPECT_TRUE(templates.count(en)) << "no source writes this template any more: " << en;
    EXPECT_EQ(Placeholders(en), Placeholders(zh)) << en << "\n" << zh;
    EXPECT_FALSE(zh.empty()) << en;
  }
}

TEST(CatalogTest, EveryCatalogLineIsATemplateATabAndItsTranslation) {
  for (const auto& e : std::filesystem::directory_iterator(std::string(DOCKET_SOURCE_DIR) + "/engine/core/messages/zh")) {
    std::istringstream in(Read(e.path()));
    int n = 0;
    for (std::string line; std::getline(in, line);) {
      ++n;
      if (line.empty() || line[0] == '#') continue;
      const auto tab = line.find('\t');
      EXPECT_TRUE(tab != std::string::npos && tab > 0 && line.find('\t', tab + 1) == std::string::npos)
          << e.path().filename().string() << ":" << n << ": " << line;
    }
  }
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
