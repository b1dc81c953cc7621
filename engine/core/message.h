// Msg: a text a person reads, kept so that any language can render it.
//
// Every refusal, error and line of output a person reads is a Msg: an English template with
// named arguments ("action '{action}' refused: {why}"), a literal (a name, an id, a number:
// never translated), or the labels a definition gives ({zh, en}). The template is the key of
// the message catalog (core/catalog.h, one folder per language in core/messages/); rendering
// picks the reader's language at the edge, so the core and the record stay language-free.
// A template's argument names are [a-z_]+ in braces; an argument that a template does not
// name is ignored, a name without an argument is left as written.
// A template may carry a context (gettext's msgctxt): the same English read otherwise in
// another language in one place ("Progress" of a report's column, not of an item) is keyed
// on (context, template), so the two are translated apart; the English is the same.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/labels.h"

namespace docket {

class Msg {
 public:
  struct Arg;
  enum class Kind { kTemplate, kLiteral, kLabels };

  Msg();
  // A template with its arguments. The template must be a string literal (the catalog test
  // finds every one in the sources). (Two constructors, not a default argument: Arg is
  // complete only below.)
  explicit Msg(const char* en_template);
  Msg(const char* en_template, std::vector<Arg> args);
  // A template in `context` (a string literal of [a-z_]+, e.g. "report"): translated by the
  // catalog's entries for that context.
  static Msg In(const char* context, const char* en_template);
  static Msg In(const char* context, const char* en_template, std::vector<Arg> args);
  static Msg Literal(std::string text);
  static Msg Of(const Labels& labels, std::string fallback);
  // A name a person types (an action, a state) with its labels: the id in English, the
  // label and the id in other languages ("通过（adopt）").
  static Msg Named(const Labels& labels, const std::string& id);
  // Several messages joined by `sep`: ListSeparator() (", " or "、") or a literal.
  static Msg Join(std::vector<Msg> parts, Msg sep);
  static Msg Join(std::vector<Msg> parts, std::string sep);
  static Msg ListSeparator();
  // "; " (or "；"): between clauses that are themselves lists.
  static Msg Semicolon();
  // Built from its parts (the JSON form, app/message_json.h).
  static Msg Make(Kind kind, std::string text, Labels labels, std::vector<Arg> args, std::string context = {});

  Kind kind() const { return kind_; }
  const std::string& text() const { return text_; }  // the template or the literal
  const std::string& context() const { return context_; }  // "" unless made by In
  const Labels& labels() const { return labels_; }
  const std::vector<Arg>& args() const { return args_; }
  bool empty() const;

  // Translation of a template in `context` into the language of code `lang` ("zh"; nullptr:
  // none, the English template is used).
  using Lookup = const std::string* (*)(const std::string& lang, const std::string& context,
                                        const std::string& en_template);
  // In the language of code `lang`: labels in that language (Labels::more for a code without
  // a Lang), else in English, else in Chinese.
  std::string Render(const std::string& lang, Lookup lookup) const;
  std::string Render(Lang lang, Lookup lookup) const { return Render(std::string(LangCode(lang)), lookup); }
  // In English, without a catalog: what logs and Status::message() carry.
  std::string English() const { return Render(Lang::kEn, nullptr); }

 private:
  Kind kind_;
  std::string text_;
  std::string context_;
  Labels labels_;
  std::vector<Arg> args_;
};

struct Msg::Arg {
  Arg(std::string n, Msg v) : name(std::move(n)), value(std::move(v)) {}
  Arg(std::string n, std::string v) : name(std::move(n)), value(Msg::Literal(std::move(v))) {}
  Arg(std::string n, const char* v) : name(std::move(n)), value(Msg::Literal(v)) {}
  Arg(std::string n, std::int64_t v) : name(std::move(n)), value(Msg::Literal(std::to_string(v))) {}
  Arg(std::string n, int v) : name(std::move(n)), value(Msg::Literal(std::to_string(v))) {}
  Arg(std::string n, std::size_t v) : name(std::move(n)), value(Msg::Literal(std::to_string(v))) {}
  std::string name;
  Msg value;
};

}  // namespace docket
