// YamlErrorText (yaml_reader.h): yaml-cpp's parser messages (YAML::ErrorMsg in
// yaml-cpp/exceptions.h) as catalog templates, so that a syntax error reads in the reader's
// language. Each English template is yaml-cpp's own text; a text yaml-cpp adds a value to
// ("unknown escape character: x") is matched by its prefix and the value becomes an argument.
#include <string>
#include <utility>
#include <vector>

#include "definition/yaml_reader.h"

namespace docket::detail {
namespace {

struct KnownText {
  const char* yaml;  // the constant in YAML::ErrorMsg
  Msg msg;
};

const std::vector<KnownText>& Exact() {
  static const std::vector<KnownText> kTexts = {
      {YAML::ErrorMsg::YAML_DIRECTIVE_ARGS, Msg("YAML directives must have exactly one argument")},
      {YAML::ErrorMsg::YAML_MAJOR_VERSION, Msg("YAML major version too large")},
      {YAML::ErrorMsg::REPEATED_YAML_DIRECTIVE, Msg("repeated YAML directive")},
      {YAML::ErrorMsg::TAG_DIRECTIVE_ARGS, Msg("TAG directives must have exactly two arguments")},
      {YAML::ErrorMsg::REPEATED_TAG_DIRECTIVE, Msg("repeated TAG directive")},
      {YAML::ErrorMsg::CHAR_IN_TAG_HANDLE, Msg("illegal character found while scanning tag handle")},
      {YAML::ErrorMsg::TAG_WITH_NO_SUFFIX, Msg("tag handle with no suffix")},
      {YAML::ErrorMsg::END_OF_VERBATIM_TAG, Msg("end of verbatim tag not found")},
      {YAML::ErrorMsg::END_OF_MAP, Msg("end of map not found")},
      {YAML::ErrorMsg::END_OF_MAP_FLOW, Msg("end of map flow not found")},
      {YAML::ErrorMsg::END_OF_SEQ, Msg("end of sequence not found")},
      {YAML::ErrorMsg::END_OF_SEQ_FLOW, Msg("end of sequence flow not found")},
      {YAML::ErrorMsg::MULTIPLE_TAGS, Msg("cannot assign multiple tags to the same node")},
      {YAML::ErrorMsg::MULTIPLE_ANCHORS, Msg("cannot assign multiple anchors to the same node")},
      {YAML::ErrorMsg::MULTIPLE_ALIASES, Msg("cannot assign multiple aliases to the same node")},
      {YAML::ErrorMsg::ALIAS_CONTENT, Msg("aliases can't have any content, *including* tags")},
      {YAML::ErrorMsg::INVALID_HEX, Msg("bad character found while scanning hex number")},
      {YAML::ErrorMsg::UNKNOWN_TOKEN, Msg("unknown token")},
      {YAML::ErrorMsg::DOC_IN_SCALAR, Msg("illegal document indicator in scalar")},
      {YAML::ErrorMsg::EOF_IN_SCALAR, Msg("illegal EOF in scalar")},
      {YAML::ErrorMsg::CHAR_IN_SCALAR, Msg("illegal character in scalar")},
      {YAML::ErrorMsg::TAB_IN_INDENTATION, Msg("illegal tab when looking for indentation")},
      {YAML::ErrorMsg::FLOW_END, Msg("illegal flow end")},
      {YAML::ErrorMsg::BLOCK_ENTRY, Msg("illegal block entry")},
      {YAML::ErrorMsg::MAP_KEY, Msg("illegal map key")},
      {YAML::ErrorMsg::MAP_VALUE, Msg("illegal map value")},
      {YAML::ErrorMsg::ALIAS_NOT_FOUND, Msg("alias not found after *")},
      {YAML::ErrorMsg::ANCHOR_NOT_FOUND, Msg("anchor not found after &")},
      {YAML::ErrorMsg::CHAR_IN_ALIAS, Msg("illegal character found while scanning alias")},
      {YAML::ErrorMsg::CHAR_IN_ANCHOR, Msg("illegal character found while scanning anchor")},
      {YAML::ErrorMsg::ZERO_INDENT_IN_BLOCK, Msg("cannot set zero indentation for a block scalar")},
      {YAML::ErrorMsg::CHAR_IN_BLOCK, Msg("unexpected character in block scalar")},
      {YAML::ErrorMsg::AMBIGUOUS_ANCHOR, Msg("cannot assign the same alias to multiple nodes")},
      {YAML::ErrorMsg::UNKNOWN_ANCHOR, Msg("the referenced anchor is not defined")},
      {YAML::ErrorMsg::UNEXPECTED_END_SEQ, Msg("unexpected end sequence token")},
      {YAML::ErrorMsg::UNEXPECTED_END_MAP, Msg("unexpected end map token")},
      {YAML::ErrorMsg::SINGLE_QUOTED_CHAR, Msg("invalid character in single-quoted string")},
      {YAML::ErrorMsg::INVALID_ANCHOR, Msg("invalid anchor")},
      {YAML::ErrorMsg::INVALID_ALIAS, Msg("invalid alias")},
      {YAML::ErrorMsg::INVALID_TAG, Msg("invalid tag")},
      // The parser's depth guard throws this text for a document nested too deeply.
      {YAML::ErrorMsg::BAD_FILE, Msg("bad file (nested too deeply?)")},
  };
  return kTexts;
}

// The texts yaml-cpp follows with a value; each template names it {value}.
const std::vector<KnownText>& Prefixed() {
  static const std::vector<KnownText> kTexts = {
      {YAML::ErrorMsg::YAML_VERSION, Msg("bad YAML version: {value}")},
      {YAML::ErrorMsg::INVALID_UNICODE, Msg("invalid unicode: {value}")},
      {YAML::ErrorMsg::INVALID_ESCAPE, Msg("unknown escape character: {value}")},
  };
  return kTexts;
}

}  // namespace

Msg YamlErrorText(const std::string& text) {
  for (const KnownText& k : Exact()) {
    if (text == k.yaml) return k.msg;
  }
  for (const KnownText& k : Prefixed()) {
    const std::string prefix = k.yaml;
    if (text.size() > prefix.size() && text.compare(0, prefix.size(), prefix) == 0) {
      return Msg::Make(Msg::Kind::kTemplate, k.msg.text(), {}, {{"value", Shown(text.substr(prefix.size()))}});
    }
  }
  return Msg::Literal(text);
}

}  // namespace docket::detail
