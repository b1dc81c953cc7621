// A YAML syntax error in the reader's language: yaml-cpp's parser messages mapped to catalog
// templates (definition/yaml_errors.cc), with the line and column kept; a text yaml-cpp adds
// later stays in its own words.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/exceptions.h>

#include "core/catalog.h"
#include "definition/org_loader.h"
#include "definition/yaml_reader.h"

namespace docket {
namespace {

using detail::YamlErrorText;

TEST(YamlErrors, ASyntaxErrorReadsInChineseAndInEnglishWithItsPosition) {
  std::vector<Diagnostic> diags;
  ParseOrgFile("organizations:\n  - {id: a, name: {zh: 甲}\n", "o.yaml", &diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].Format(Lang::kEn), "o.yaml:3:1: error: YAML syntax error: end of map flow not found");
  EXPECT_EQ(diags[0].Format(Lang::kZh), "o.yaml:3:1: 错误：YAML 语法错误：未找到流式映射的结尾（缺少“}”）");
}

TEST(YamlErrors, ATextWithAValueKeepsTheValue) {
  std::vector<Diagnostic> diags;
  ParseOrgFile("people:\n  - {id: p, name: {zh: \"\\q\"}}\n", "o.yaml", &diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].Format(Lang::kEn).substr(0, 9), "o.yaml:2:");
  EXPECT_NE(diags[0].Format(Lang::kEn).find("YAML syntax error: unknown escape character: q"), std::string::npos)
      << diags[0].Format(Lang::kEn);
  EXPECT_NE(diags[0].Format(Lang::kZh).find("YAML 语法错误：未知的转义字符：q"), std::string::npos)
      << diags[0].Format(Lang::kZh);
}

TEST(YamlErrors, EveryParserMessageHasATranslation) {
  for (const char* text : {
           YAML::ErrorMsg::YAML_DIRECTIVE_ARGS, YAML::ErrorMsg::YAML_MAJOR_VERSION,
           YAML::ErrorMsg::REPEATED_YAML_DIRECTIVE, YAML::ErrorMsg::TAG_DIRECTIVE_ARGS,
           YAML::ErrorMsg::REPEATED_TAG_DIRECTIVE, YAML::ErrorMsg::CHAR_IN_TAG_HANDLE,
           YAML::ErrorMsg::TAG_WITH_NO_SUFFIX, YAML::ErrorMsg::END_OF_VERBATIM_TAG, YAML::ErrorMsg::END_OF_MAP,
           YAML::ErrorMsg::END_OF_MAP_FLOW, YAML::ErrorMsg::END_OF_SEQ, YAML::ErrorMsg::END_OF_SEQ_FLOW,
           YAML::ErrorMsg::MULTIPLE_TAGS, YAML::ErrorMsg::MULTIPLE_ANCHORS, YAML::ErrorMsg::MULTIPLE_ALIASES,
           YAML::ErrorMsg::ALIAS_CONTENT, YAML::ErrorMsg::INVALID_HEX, YAML::ErrorMsg::UNKNOWN_TOKEN,
           YAML::ErrorMsg::DOC_IN_SCALAR, YAML::ErrorMsg::EOF_IN_SCALAR, YAML::ErrorMsg::CHAR_IN_SCALAR,
           YAML::ErrorMsg::TAB_IN_INDENTATION, YAML::ErrorMsg::FLOW_END, YAML::ErrorMsg::BLOCK_ENTRY,
           YAML::ErrorMsg::MAP_KEY, YAML::ErrorMsg::MAP_VALUE, YAML::ErrorMsg::ALIAS_NOT_FOUND,
           YAML::ErrorMsg::ANCHOR_NOT_FOUND, YAML::ErrorMsg::CHAR_IN_ALIAS, YAML::ErrorMsg::CHAR_IN_ANCHOR,
           YAML::ErrorMsg::ZERO_INDENT_IN_BLOCK, YAML::ErrorMsg::CHAR_IN_BLOCK, YAML::ErrorMsg::AMBIGUOUS_ANCHOR,
           YAML::ErrorMsg::UNKNOWN_ANCHOR, YAML::ErrorMsg::UNEXPECTED_END_SEQ, YAML::ErrorMsg::UNEXPECTED_END_MAP,
           YAML::ErrorMsg::SINGLE_QUOTED_CHAR, YAML::ErrorMsg::INVALID_ANCHOR, YAML::ErrorMsg::INVALID_ALIAS,
           YAML::ErrorMsg::INVALID_TAG, YAML::ErrorMsg::BAD_FILE}) {
    const Msg m = YamlErrorText(text);
    EXPECT_EQ(m.kind(), Msg::Kind::kTemplate) << text;
    EXPECT_NE(Text(m, Lang::kZh), m.English()) << text;
  }
  for (const std::string& text : {std::string(YAML::ErrorMsg::YAML_VERSION) + "9.9",
                                 std::string(YAML::ErrorMsg::INVALID_UNICODE) + "d800",
                                 std::string(YAML::ErrorMsg::INVALID_ESCAPE) + "q"}) {
    const Msg m = YamlErrorText(text);
    EXPECT_EQ(m.English(), text);
    EXPECT_NE(Text(m, Lang::kZh), text) << text;
  }
}

TEST(YamlErrors, AnUnknownTextStaysInYamlCppsWords) {
  const Msg m = YamlErrorText("a message a later yaml-cpp adds");
  EXPECT_EQ(Text(m, Lang::kZh), "a message a later yaml-cpp adds");
  EXPECT_EQ(Text(m, Lang::kEn), "a message a later yaml-cpp adds");
}

TEST(YamlErrors, TooDeepANestingReadsInChinese) {
  std::vector<Diagnostic> diags;
  ParseOrgFile(std::string(20000, '[') + std::string(20000, ']'), "o.yaml", &diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].Format(Lang::kZh).find("YAML 语法错误：文件有误（嵌套过深？）"), std::string::npos)
      << diags[0].Format(Lang::kZh);
}

}  // namespace
}  // namespace docket
