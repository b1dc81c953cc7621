// `docket decision doc ITEM [--format html|pdf] [--out FILE]`: a decision and its execution
// record, generated from the record (docs/DOCUMENTS.md), given as doc_output.h says.
#include "app/record_docs.h"
#include "cli/cli.h"
#include "cli/doc_output.h"

namespace docket::cli {
namespace {

struct DecisionDocArgs {
  std::int64_t item = 0;
  DocOutput output;
};

}  // namespace

void AddDecisionCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* decision = app.add_subcommand("decision", ctx.Text(Msg("A decision's execution record, generated from the record")));
  auto a = std::make_shared<DecisionDocArgs>();
  auto* doc = decision->add_subcommand(
      "doc", ctx.Text(Msg("The decision, the vote that made it and its execution tasks as printable HTML (or PDF)")));
  doc->add_option("ITEM", a->item, ctx.Text(Msg("The decision item's id")))->required();
  AddDocOutputOptions(doc, ctx, a->output);
  SetRunner(doc, run, [&ctx, a]() -> Status {
    DOCKET_RETURN_IF_ERROR(CheckDocOutput(a->output));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto record, DecisionDocument(*d, a->item));
    return EmitDocument(ctx, a->output, RenderDecisionRecord(record, ctx.lang()), {{"kind", "record"}, {"item", a->item}});
  });
  decision->require_subcommand(1);
}

}  // namespace docket::cli
