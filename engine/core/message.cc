#include "core/message.h"

namespace docket {

const char* LangCode(Lang lang) { return lang == Lang::kZh ? "zh" : "en"; }

const std::string& Labels::Get(Lang lang, const std::string& fallback) const {
  const std::string& first = lang == Lang::kZh ? zh : en;
  const std::string& second = lang == Lang::kZh ? en : zh;
  if (!first.empty()) return first;
  if (!second.empty()) return second;
  return fallback;
}

Msg::Msg() : kind_(Kind::kLiteral) {}

Msg::Msg(const char* en_template) : kind_(Kind::kTemplate), text_(en_template) {}

Msg::Msg(const char* en_template, std::vector<Arg> args)
    : kind_(Kind::kTemplate), text_(en_template), args_(std::move(args)) {}

Msg Msg::In(const char* context, const char* en_template) { return In(context, en_template, {}); }

Msg Msg::In(const char* context, const char* en_template, std::vector<Arg> args) {
  return Make(Kind::kTemplate, en_template, {}, std::move(args), context);
}

Msg Msg::Join(std::vector<Msg> parts, std::string sep) { return Join(std::move(parts), Literal(std::move(sep))); }

Msg Msg::Literal(std::string text) { return Make(Kind::kLiteral, std::move(text), {}, {}); }

Msg Msg::Of(const Labels& labels, std::string fallback) {
  return Make(Kind::kLabels, std::move(fallback), labels, {});
}

Msg Msg::Named(const Labels& labels, const std::string& id) {
  Labels shown;
  shown.en = id;
  shown.zh = labels.zh.empty() || labels.zh == id ? id : labels.zh + "（" + id + "）";
  return Of(shown, id);
}

Msg Msg::ListSeparator() { return Msg(", "); }
Msg Msg::Semicolon() { return Msg("; "); }

Msg Msg::Join(std::vector<Msg> parts, Msg sep) {
  std::string tmpl;
  std::vector<Arg> args;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) tmpl += "{sep}";
    tmpl += "{" + std::to_string(i) + "}";
    args.emplace_back(std::to_string(i), std::move(parts[i]));
  }
  args.emplace_back("sep", std::move(sep));
  // A join is not translated: its "template" is only placeholders, never in a catalog.
  return Make(Kind::kTemplate, std::move(tmpl), {}, std::move(args));
}

Msg Msg::Make(Kind kind, std::string text, Labels labels, std::vector<Arg> args, std::string context) {
  Msg m;
  m.kind_ = kind;
  m.text_ = std::move(text);
  m.context_ = std::move(context);
  m.labels_ = std::move(labels);
  m.args_ = std::move(args);
  return m;
}

bool Msg::empty() const {
  switch (kind_) {
    case Kind::kLabels: return labels_.zh.empty() && labels_.en.empty() && text_.empty();
    default: return text_.empty();
  }
}

namespace {

bool NameChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

// `labels` in the language of code `lang`: Labels::Get for zh and en; another code's own
// text, else the English, else the Chinese, else `fallback`.
const std::string& LabelIn(const Labels& labels, const std::string& lang, const std::string& fallback) {
  if (lang == LangCode(Lang::kZh)) return labels.Get(Lang::kZh, fallback);
  auto own = labels.more.find(lang);
  if (own != labels.more.end() && !own->second.empty()) return own->second;
  return labels.Get(Lang::kEn, fallback);
}

}  // namespace

std::string Msg::Render(const std::string& lang, Lookup lookup) const {
  switch (kind_) {
    case Kind::kLiteral: return text_;
    case Kind::kLabels: return LabelIn(labels_, lang, text_);
    case Kind::kTemplate: break;
  }
  const std::string* translated = lookup == nullptr ? nullptr : lookup(lang, context_, text_);
  const std::string& tmpl = translated != nullptr ? *translated : text_;
  std::string out;
  out.reserve(tmpl.size() + 16 * args_.size());
  for (std::size_t i = 0; i < tmpl.size();) {
    if (tmpl[i] == '{') {
      std::size_t j = i + 1;
      while (j < tmpl.size() && NameChar(tmpl[j])) ++j;
      if (j < tmpl.size() && tmpl[j] == '}' && j > i + 1) {
        const std::string_view name(tmpl.data() + i + 1, j - i - 1);
        const Arg* arg = nullptr;
        for (const Arg& a : args_) {
          if (a.name == name) arg = &a;
        }
        if (arg != nullptr) {
          out += arg->value.Render(lang, lookup);
          i = j + 1;
          continue;
        }
      }
    }
    out += tmpl[i++];
  }
  return out;
}

}  // namespace docket
