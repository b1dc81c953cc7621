// RenderGraph: a workflow's states and transitions as Mermaid or Graphviz text.
// Labels come from the definition (author-written, any script), so every one is escaped for
// the target language; state ids are made safe separately from their labels.
#include <map>
#include <set>
#include <string>

#include "definition/workflow_loader.h"

namespace docket {
namespace {

// Mermaid: entity codes for the characters that end or change a label, spaces for breaks.
std::string MermaidText(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"': out += "#quot;"; break;
      case '#': out += "#35;"; break;
      case ';': out += "#59;"; break;
      case ':': out += "#58;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '{': out += "#123;"; break;
      case '}': out += "#125;"; break;
      case '\n': case '\r': case '\t': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

// Graviz: the inside of a double-quoted ID.
std::string DotText(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

// Mermaid ids: letters, digits and '_' only, unique per state.
std::map<std::string, std::string> MermaidIds(const Definition& def) {
  std::map<std::string, std::string> ids;
  std::set<std::string> used;
  for (const auto& s : def.states) {
    std::string id;
    for (char c : s.name) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      id += ok ? c : '_';
    }
    if (id.empty() || (id[0] >= '0' && id[0] <= '9')) id = "s_" + id;
    std::string unique = id;
    for (int n = 2; !used.insert(unique).second; ++n) unique = id + "_" + std::to_string(n);
    ids[s.name] = unique;
  }
  return ids;
}

// Every (from, transition) edge, in definition order.
template <typename Fn>
void ForEachEdge(const Definition& def, Fn fn) {
  for (const auto& t : def.transitions) {
    if (def.FindState(t.to) == nullptr) continue;
    for (const auto& s : def.states) {
      if (t.AllowedFrom(s.name)) fn(s, t);
    }
  }
}

std::string Mermaid(const Definition& def, Lang lang) {
  auto ids = MermaidIds(def);
  std::string out = "stateDiagram-v2\n";
  for (const auto& s : def.states) {
    out += "    state \"" + MermaidText(s.labels.Get(lang, s.name)) + "\" as " + ids[s.name] + "\n";
  }
  if (const StateDef* init = def.InitialState()) out += "    [*] --> " + ids[init->name] + "\n";
  ForEachEdge(def, [&](const StateDef& s, const TransitionDef& t) {
    out += "    " + ids[s.name] + " --> " + ids[t.to] + ": " +
           MermaidText(t.labels.Get(lang, t.name)) + "\n";
  });
  for (const auto& s : def.states) {
    if (s.terminal) out += "    " + ids[s.name] + " --> [*]\n";
  }
  return out;
}

std::string Dot(const Definition& def, Lang lang) {
  std::string out = "digraph \"" + DotText(def.id) + "\" {\n";
  out += "  label=\"" + DotText(def.labels.Get(lang, def.id)) + "\";\n";
  out += "  labelloc=t;\n  rankdir=LR;\n";
  out += "  node [shape=box, style=rounded];\n";
  out += "  \"[start]\" [shape=point, width=0.2, label=\"\"];\n";
  out += "  \"[end]\" [shape=doublecircle, width=0.15, label=\"\"];\n";
  for (const auto& s : def.states) {
    out += "  \"" + DotText(s.name) + "\" [label=\"" + DotText(s.labels.Get(lang, s.name)) + "\"" +
           (s.terminal ? ", peripheries=2" : "") + "];\n";
  }
  if (const StateDef* init = def.InitialState()) {
    out += "  \"[start]\" -> \"" + DotText(init->name) + "\";\n";
  }
  ForEachEdge(def, [&](const StateDef& s, const TransitionDef& t) {
    out += "  \"" + DotText(s.name) + "\" -> \"" + DotText(t.to) + "\" [label=\"" +
           DotText(t.labels.Get(lang, t.name)) + "\"];\n";
  });
  for (const auto& s : def.states) {
    if (s.terminal) out += "  \"" + DotText(s.name) + "\" -> \"[end]\";\n";
  }
  return out + "}\n";
}

}  // namespace

std::string RenderGraph(const Definition& def, GraphFormat format, Lang lang) {
  return format == GraphFormat::kMermaid ? Mermaid(def, lang) : Dot(def, lang);
}

}  // namespace docket
