// `docket public list` and `docket public doc`: published decisions (党务公开、校务公开),
// read-only, for anyone; `doc` as the printable page (docs/DOCUMENTS.md, doc_output.h).
#include "app/record_docs.h"
#include "cli/cli.h"
#include "cli/doc_output.h"
#include "cli/output.h"

namespace docket::cli {

void AddPublicCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* pub = app.add_subcommand("public", ctx.Text(Msg("Published items, no --as needed")));
  auto org = std::make_shared<std::string>();
  auto* list = pub->add_subcommand("list", ctx.Text(Msg("List an organization's published items with their published fields")));
  list->add_option("--org", *org, ctx.Text(Msg("Organization")))->required();
  SetRunner(list, run, [&ctx, org]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto items, d->ListPublic(*org));
    const Lang l = ctx.lang();
    std::string text;
    for (const auto& p : items) {
      const Definition& def = *p.definition;
      const StateDef* s = def.FindState(p.item.state);
      text += "#" + std::to_string(p.item.id) + "  " + def.labels.Get(l, def.id) + "  " +
              (s ? s->labels.Get(l, s->name) : p.item.state) + "  " + FormatDate(p.item.updated_at) + "\n";
      for (const auto& [name, v] : p.item.fields) {
        text += "    " + FieldLabel(&def, name, l) + ": " + ValueText(p.labels.get(), name, v, l) + "\n";
      }
    }
    if (items.empty()) text = Text(Msg("(nothing published)"), l);
    ctx.Emit(text, PublicJson(items));
    return Status::Ok();
  });
  auto doc_org = std::make_shared<std::string>();
  auto output = std::make_shared<DocOutput>();
  auto* doc = pub->add_subcommand("doc", ctx.Text(Msg("An organization's published items as a printable page (HTML or PDF)")));
  doc->add_option("--org", *doc_org, ctx.Text(Msg("Organization")))->required();
  AddDocOutputOptions(doc, ctx, *output);
  SetRunner(doc, run, [&ctx, doc_org, output]() -> Status {
    DOCKET_RETURN_IF_ERROR(CheckDocOutput(*output));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto record, PublicDocument(*d, *doc_org));
    return EmitDocument(ctx, *output, RenderPublicDoc(record, ctx.lang()), {{"kind", "public"}, {"org", *doc_org}});
  });
  pub->require_subcommand(1);
}

}  // namespace docket::cli
