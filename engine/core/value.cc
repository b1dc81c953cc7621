#include "core/value.h"

#include <cstdio>

namespace docket {

std::string Value::ToText() const {
  struct Visitor {
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.15g", d);
      return buf;
    }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const List& l) const {
      std::string out;
      for (size_t i = 0; i < l.size(); ++i) {
        if (i) out += ", ";
        if (l[i].is_list()) {  // a pair inside a list (a ballot's person:choice)
          const List& inner = l[i].as_list();
          for (size_t k = 0; k < inner.size(); ++k) out += (k ? ":" : "") + inner[k].ToText();
        } else {
          out += l[i].ToText();
        }
      }
      return out;
    }
  };
  return std::visit(Visitor{}, v_);
}

}  // namespace docket
