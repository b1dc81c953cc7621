// `docket item attach ID FILE [--name NAME]`, `item attachments ID`, `item attachment ID HASH
// --out FILE`: files attached to items (app/attachments.h; docs/GUIDE.md, "Attachments").
#include <filesystem>
#include <fstream>

#include "cli/cli.h"
#include "cli/output.h"

namespace docket::cli {
// Named, not anonymous: the CLI library builds in unity batches.
namespace attach_cmd {

nlohmann::json AttachmentJson(const AttachmentLink& a) {
  return {{"item", a.item}, {"hash", a.hash}, {"name", a.name}, {"type", a.type}, {"size", a.size},
          {"seq", a.seq},   {"attached_at", a.attached_at}, {"actor", a.actor}};
}

}  // namespace attach_cmd

void AddAttachCommands(CLI::App& app, Context& ctx, Runner* run) {
  CLI::App* item = app.get_subcommand("item");

  struct AttachArgs {
    std::int64_t id = 0;
    std::string file, name;
  };
  auto aa = std::make_shared<AttachArgs>();
  auto* attach = item->add_subcommand("attach", ctx.Text(Msg("Attach a file (PDF, PNG, JPEG, DOCX, XLSX or plain text) to an item")));
  attach->add_option("ID", aa->id, ctx.Text(Msg("Item id")))->required();
  attach->add_option("FILE", aa->file, ctx.Text(Msg("The file to attach")))->required();
  attach->add_option("--name", aa->name, ctx.Text(Msg("The name to keep it under (default: the file's own name)")));
  SetRunner(attach, run, [&ctx, aa]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    // A file over the limit is refused as too large (exit 10) without reading it whole.
    const std::int64_t max = d->attachment_policy().max_bytes;
    std::error_code ec;
    const auto size = std::filesystem::file_size(aa->file, ec);
    if (!ec && size > static_cast<std::uintmax_t>(max)) {
      return Status::TooLarge(Msg("the file is {size} bytes; files of at most {max} bytes may be attached",
                                  {{"size", static_cast<std::int64_t>(size)}, {"max", max}}));
    }
    DOCKET_ASSIGN_OR_RETURN(std::string bytes, Env::Default().ReadFile(aa->file, static_cast<std::size_t>(max) + 1));
    AttachRequest req{aa->id, aa->name.empty() ? aa->file : aa->name, std::move(bytes), ctx.actor()};
    DOCKET_ASSIGN_OR_RETURN(AttachmentLink a, d->Attach(req));
    ctx.Emit(ctx.Text(Msg("#{id}: attached '{name}' ({size} bytes, {type}), {hash} (audit #{seq})",
                          {{"id", a.item}, {"name", a.name}, {"size", a.size}, {"type", a.type}, {"hash", a.hash}, {"seq", a.seq}})) +
                 "\n",
             attach_cmd::AttachmentJson(a));
    return Status::Ok();
  });

  auto list_id = std::make_shared<std::int64_t>(0);
  auto* list = item->add_subcommand("attachments", ctx.Text(Msg("The files attached to an item")));
  list->add_option("ID", *list_id, ctx.Text(Msg("Item id")))->required();
  SetRunner(list, run, [&ctx, list_id]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto links, d->Attachments(*list_id));
    std::vector<std::vector<std::string>> rows;
    nlohmann::json j = nlohmann::json::array();
    for (const AttachmentLink& a : links) {
      rows.push_back({a.name, a.type, std::to_string(a.size), a.hash, a.actor, a.attached_at});
      j.push_back(attach_cmd::AttachmentJson(a));
    }
    const Lang l = ctx.lang();
    ctx.Emit(Table({Text(Msg("Name"), l), Text(Msg("Type"), l), Text(Msg("Bytes"), l), "SHA-256", Text(Msg("Actor"), l),
                    Text(Msg("Time"), l)},
                   rows),
             j);
    return Status::Ok();
  });

  struct FetchArgs {
    std::int64_t id = 0;
    std::string hash, out;
  };
  auto fa = std::make_shared<FetchArgs>();
  auto* fetch = item->add_subcommand("attachment", ctx.Text(Msg("Write a file attached to an item")));
  fetch->add_option("ID", fa->id, ctx.Text(Msg("Item id")))->required();
  fetch->add_option("HASH", fa->hash, ctx.Text(Msg("The file's SHA-256 (item attachments lists it)")))->required();
  fetch->add_option("--out", fa->out, ctx.Text(Msg("The file to write")))->required();
  SetRunner(fetch, run, [&ctx, fa]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(AttachedFile f, d->AttachmentFile(fa->id, fa->hash));
    std::ofstream out(fa->out, std::ios::binary | std::ios::trunc);
    out.write(f.bytes.data(), static_cast<std::streamsize>(f.bytes.size()));
    out.close();
    if (!out) return Status::Invalid(Msg("{file}: cannot write the file", {{"file", fa->out}}));
    nlohmann::json j = attach_cmd::AttachmentJson(f.link);
    j["out"] = fa->out;
    ctx.Emit(ctx.Text(Msg("wrote '{name}' ({size} bytes) to {file}", {{"name", f.link.name}, {"size", f.link.size}, {"file", fa->out}})) + "\n", j);
    return Status::Ok();
  });
}

}  // namespace docket::cli
