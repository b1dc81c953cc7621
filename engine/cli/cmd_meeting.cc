// `docket meeting doc ITEM --kind notice|agenda|signin|minutes [--format html|pdf] [--out FILE]`:
// a meeting's documents generated from its record (docs/DOCUMENTS.md), given as
// doc_output.h says.
// `docket meeting minutes-draft ITEM`: the minutes drafted from the meeting's record, as
// plain text in the CLI's language, for the clerk to edit and save (`item act ITEM
// draft_minutes --set minutes=...`).
#include "app/meeting_docs.h"
#include "cli/cli.h"
#include "cli/doc_output.h"

namespace docket::cli {
namespace {

struct MeetingDocArgs {
  std::int64_t item = 0;
  std::string kind;
  DocOutput output;
};

}  // namespace

void AddMeetingCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* meeting = app.add_subcommand("meeting", ctx.Text(Msg("A meeting's documents, generated from its record")));
  auto a = std::make_shared<MeetingDocArgs>();
  auto* doc = meeting->add_subcommand(
      "doc", ctx.Text(Msg("The meeting's notice, agenda, sign-in sheet or minutes as printable HTML (or PDF)")));
  doc->add_option("ITEM", a->item, ctx.Text(Msg("The meeting item's id")))->required();
  doc->add_option("--kind", a->kind, ctx.Text(Msg("notice, agenda, signin or minutes")))->required();
  AddDocOutputOptions(doc, ctx, a->output);
  SetRunner(doc, run, [&ctx, a]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(MeetingDocKind kind, ParseMeetingDocKind(a->kind));
    DOCKET_RETURN_IF_ERROR(CheckDocOutput(a->output));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto record, MeetingDocuments(*d, a->item));
    return EmitDocument(ctx, a->output, RenderMeetingDoc(record, kind, ctx.lang()), {{"kind", a->kind}, {"item", a->item}});
  });
  auto draft_item = std::make_shared<std::int64_t>(0);
  auto* draft = meeting->add_subcommand(
      "minutes-draft", ctx.Text(Msg("The minutes drafted from the meeting's record, as plain text to edit")));
  draft->add_option("ITEM", *draft_item, ctx.Text(Msg("The meeting item's id")))->required();
  SetRunner(draft, run, [&ctx, draft_item]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(std::string text, MeetingMinutesDraft(*d, *draft_item, ctx.lang()));
    ctx.Emit(text, {{"item", *draft_item}, {"lang", ctx.lang() == Lang::kEn ? "en" : "zh"}, {"text", text}});
    return Status::Ok();
  });
  meeting->require_subcommand(1);
}

}  // namespace docket::cli
