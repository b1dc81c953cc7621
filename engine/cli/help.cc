#include "cli/help.h"

#include <string>

#include "cli/output.h"
#include "core/catalog.h"

namespace docket::cli {
namespace {

// CLI11's formatter with its fixed words from the catalog and its columns measured in
// display width. Everything not overridden here is CLI11's.
class HelpFormatter : public CLI::Formatter {
 public:
  explicit HelpFormatter(Lang lang) {
    label("Usage", Text(Msg("Usage"), lang));
    label("OPTIONS", Text(Msg("OPTIONS"), lang));
    label("SUBCOMMAND", Text(Msg("SUBCOMMAND"), lang));
    label("SUBCOMMANDS", Text(Msg("SUBCOMMANDS"), lang));
    label("Positionals", Text(Msg("Positionals"), lang));
    label("REQUIRED", Text(Msg("REQUIRED"), lang));
    label("TEXT", Text(Msg("TEXT"), lang));
    label("INT", Text(Msg("INT"), lang));
  }

  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    return Row(make_option_name(opt, is_positional) + make_option_opts(opt), make_option_desc(opt));
  }

  std::string make_subcommand(const CLI::App* sub) const override {
    return Row(sub->get_display_name(true), sub->get_description());
  }

  // CLI11's, except that a value type with its allowed values ("TEXT:{zh,en}") has its type
  // translated too. (CLI11 looks the whole text up, so only a bare type would be.)
  std::string make_option_opts(const CLI::Option* opt) const override {
    if (!opt->get_option_text().empty() || opt->get_type_size() == 0 || !opt->get_envname().empty() ||
        !opt->get_needs().empty() || !opt->get_excludes().empty()) {
      return CLI::Formatter::make_option_opts(opt);
    }
    std::string out;
    const std::string type = opt->get_type_name();
    if (!type.empty()) {
      const auto colon = type.find(':');
      out += " " + get_label(type.substr(0, colon)) + (colon == std::string::npos ? "" : type.substr(colon));
    }
    if (!opt->get_default_str().empty()) out += "=" + opt->get_default_str();
    if (opt->get_expected_max() == CLI::detail::expected_max_vector_size) {
      out += " ...";
    } else if (opt->get_expected_min() > 1) {
      out += " x " + std::to_string(opt->get_expected());
    }
    if (opt->get_required()) out += " " + get_label("REQUIRED");
    return out;
  }

 private:
  // "  NAME" padded to the first column's width (or alone on its line when wider), then the
  // description, its further lines indented to the second column.
  std::string Row(const std::string& name, const std::string& description) const {
    std::string out = "  " + name;
    const size_t width = DisplayWidth(out);
    if (!description.empty()) {
      out += width >= column_width_ ? "\n" + std::string(column_width_, ' ') : std::string(column_width_ - width, ' ');
      for (const char c : description) {
        out += c;
        if (c == '\n') out += std::string(column_width_, ' ');
      }
    }
    return out + "\n";
  }
};

// The words CLI11 gives every command: its group headings and the help flags' descriptions.
struct TreeWords {
  std::string options, subcommands, help, help_all;
};

// `app` and every command below it: the formatter, the default group headings (CLI11's
// "Options", "Subcommands") and the help flags in the reader's language.
void LocalizeTree(CLI::App* app, const std::shared_ptr<HelpFormatter>& formatter, const TreeWords& words) {
  app->formatter(formatter);
  for (CLI::Option* opt : app->get_options()) {
    if (opt->get_group() == "Options") opt->group(words.options);
    if (opt == app->get_help_ptr()) opt->description(words.help);
    if (opt == app->get_help_all_ptr()) opt->description(words.help_all);
  }
  for (CLI::App* sub : app->get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_group() == "Subcommands") sub->group(words.subcommands);
    LocalizeTree(sub, formatter, words);
  }
}

}  // namespace

Lang HelpLang(int argc, const char* const* argv, Lang fallback) {
  Lang lang = fallback;
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    std::string value;
    if (word == "--lang" && i + 1 < argc) {
      value = argv[i + 1];
    } else if (word.rfind("--lang=", 0) == 0) {
      value = word.substr(7);
    }
    if (value == "en") lang = Lang::kEn;
    if (value == "zh") lang = Lang::kZh;
  }
  return lang;
}

void LocalizeHelp(CLI::App& app, Lang lang) {
  LocalizeTree(&app, std::make_shared<HelpFormatter>(lang),
               {Text(Msg("Options"), lang), Text(Msg("Subcommands"), lang),
                Text(Msg("Print this help message and exit"), lang), Text(Msg("Show help for every command"), lang)});
}

}  // namespace docket::cli
