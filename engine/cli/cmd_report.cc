// `docket report semester|rollup|accept|return|verify|load`: the semester report derived
// from the record, the supervisor's roll-up and review, and the proof of what was submitted
// (docs/REPORTS.md).
#include <unistd.h>

#include <fstream>
#include <iostream>

#include "cli/cli.h"
#include "cli/output.h"

namespace docket::cli {
namespace {

struct DocArgs {
  std::string report = "semester";
  std::string org;
  std::string term;
  std::string format = "md";
  std::string out;
  bool submitted = false;
};

void AddDocOptions(const Context& ctx, CLI::App* sub, DocArgs& a) {
  sub->add_option("--org", a.org, ctx.Text(Msg("Organization")))->required();
  sub->add_option("--term", a.term, ctx.Text(Msg("Term: a semester id of the loaded calendar, e.g. 2026-spring")))->required();
  sub->add_option("--format", a.format, ctx.Text(Msg("md (default), html, csv, xlsx (with --out) or json")))
      ->check(CLI::IsMember({"md", "html", "csv", "xlsx", "json"}));
  sub->add_option("--out", a.out, ctx.Text(Msg("Write to this file instead of stdout")));
  sub->add_option("--report", a.report, ctx.Text(Msg("Report definition id (default semester)")));
}

// Invalid for a workbook without --out to a terminal, which would only show its bytes
// (checked before the record is read; to a pipe or a file it goes).
Status CheckDocArgs(Context& ctx, const DocArgs& a) {
  if (a.format == "xlsx" && !ctx.globals().json && a.out.empty() && ::isatty(STDOUT_FILENO)) {
    return Status::Invalid(Msg("an XLSX workbook is not for the terminal: give --out FILE (or send the output to a file)"));
  }
  return Status::Ok();
}

// The document in the chosen format, to stdout or --out.
Status Deliver(Context& ctx, const DocArgs& a, const ReportDoc& doc) {
  const Lang lang = ctx.lang();
  const std::string format = ctx.globals().json ? "json" : a.format;
  std::string text;
  if (format == "xlsx") {
    DOCKET_ASSIGN_OR_RETURN(text, RenderXlsx(doc, lang));
  } else {
    text = format == "html"  ? RenderHtml(doc, lang)
           : format == "csv" ? RenderCsv(doc, lang)
           : format == "json" ? RenderJson(doc)
                              : RenderMarkdown(doc, lang);
  }
  if (a.out.empty()) {
    std::cout << text;
    return Status::Ok();
  }
  std::ofstream f(a.out, std::ios::binary | std::ios::trunc);
  f << text;
  f.close();
  if (!f) return Status::Invalid(Msg("{file}: cannot write the file", {{"file", a.out}}));
  std::cout << Text(Msg("wrote {file} ({format}, sha256 of the json form {hash})",
                        {{"file", a.out}, {"format", format}, {"hash", ReportHash(doc)}}),
                    lang)
            << "\n";
  return Status::Ok();
}

}  // namespace

void AddReportCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* report = app.add_subcommand("report", ctx.Text(Msg("Reports derived from the record: semester report, roll-up, review")));

  auto sa = std::make_shared<DocArgs>();
  auto* semester = report->add_subcommand("semester", ctx.Text(Msg("A school's semester report, derived from its items and audit log")));
  AddDocOptions(ctx, semester, *sa);
  semester->add_flag("--submitted", sa->submitted, ctx.Text(Msg("The copy kept when the report was submitted, not one derived now")));
  SetRunner(semester, run, [&ctx, sa]() -> Status {
    DOCKET_RETURN_IF_ERROR(CheckDocArgs(ctx, *sa));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto doc, sa->submitted ? d->SubmittedReport(sa->report, sa->org, sa->term) : d->Report(sa->report, sa->org, sa->term));
    return Deliver(ctx, *sa, doc);
  });

  auto ra = std::make_shared<DocArgs>();
  auto* rollup = report->add_subcommand("rollup", ctx.Text(Msg("A supervisor's roll-up of every school below it (any depth)")));
  AddDocOptions(ctx, rollup, *ra);
  SetRunner(rollup, run, [&ctx, ra]() -> Status {
    DOCKET_RETURN_IF_ERROR(CheckDocArgs(ctx, *ra));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto doc, d->Rollup(ra->report, ra->org, ra->term));
    return Deliver(ctx, *ra, doc);
  });

  struct ReviewArgs {
    std::string report = "semester", org, term, comment;
  };
  for (const bool accept : {true, false}) {
    auto va = std::make_shared<ReviewArgs>();
    auto* sub = report->add_subcommand(accept ? "accept" : "return",
                                       accept ? ctx.Text(Msg("Accept a school's submitted report (as a supervisor: --as)"))
                                              : ctx.Text(Msg("Return a school's submitted report with comments (as a supervisor: --as)")));
    sub->add_option("--org", va->org, ctx.Text(Msg("The school")))->required();
    sub->add_option("--term", va->term, ctx.Text(Msg("Term, e.g. 2026-spring")))->required();
    auto* comment = sub->add_option("--comment", va->comment, accept ? ctx.Text(Msg("Reviewer's comment")) : ctx.Text(Msg("What to change (required)")));
    if (!accept) comment->required();
    sub->add_option("--report", va->report, ctx.Text(Msg("Report definition id (default semester)")));
    SetRunner(sub, run, [&ctx, va, accept]() -> Status {
      DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
      DOCKET_ASSIGN_OR_RETURN(auto r, d->ReviewReport(va->report, va->org, va->term, accept, va->comment, ctx.actor()));
      ctx.Emit(ctx.Text(Msg("#{id} {from} -> {to} (audit #{seq})", {{"id", r.item.id}, {"from", r.entry.from_state},
                                                                 {"to", r.entry.to_state}, {"seq", r.entry.seq}})),
               {{"item", ItemJson(r.item)}, {"entry", EntryJson(r.entry)}});
      return Status::Ok();
    });
  }

  struct VerifyArgs {
    std::string report = "semester", org, term, file;
  };
  auto ya = std::make_shared<VerifyArgs>();
  auto* verify = report->add_subcommand(
      "verify", ctx.Text(Msg("Prove which report was submitted: the chain, the recorded hash, the kept copy, and --file if given")));
  verify->add_option("--org", ya->org, ctx.Text(Msg("The school")))->required();
  verify->add_option("--term", ya->term, ctx.Text(Msg("Term, e.g. 2026-spring")))->required();
  verify->add_option("--file", ya->file, ctx.Text(Msg("A report in its json form (docket report semester --format json) to compare")));
  verify->add_option("--report", ya->report, ctx.Text(Msg("Report definition id (default semester)")));
  SetRunner(verify, run, [&ctx, ya]() -> Status {
    std::optional<std::string> doc;
    if (!ya->file.empty()) {
      DOCKET_ASSIGN_OR_RETURN(auto text, ReadTextFile(ya->file));
      doc = text;
    }
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto c, d->VerifySubmission(ya->report, ya->org, ya->term, doc));
    const Lang l = ctx.lang();
    std::vector<std::vector<std::string>> rows;
    nlohmann::json subs = nlohmann::json::array();
    for (const auto& s : c.submissions) {
      rows.push_back({std::to_string(s.seq), s.time, s.actor, s.action, s.hash});
      subs.push_back({{"seq", s.seq}, {"time", s.time}, {"actor", s.actor}, {"action", s.action}, {"hash", s.hash}});
    }
    std::string text = Text(Msg("submission verified: #{id} ({state}), {entries} audit entries verified",
                                {{"id", c.item}, {"state", c.state}, {"entries", c.chain_entries}}),
                            l) +
                       "\n" + Table({Text(Msg("Seq"), l), Text(Msg("Time"), l), Text(Msg("Actor"), l), Text(Msg("Action"), l),
                                     Text(Msg("Report hash"), l)}, rows);
    nlohmann::json j = {{"ok", true}, {"item", c.item}, {"state", c.state}, {"chain_entries", c.chain_entries},
                        {"submissions", subs}};
    if (c.file_hash) {
      text += Text(Msg("the file is submission {n} of these: {hash}", {{"n", *c.file_matches + 1}, {"hash", *c.file_hash}}), l) +
              "\n";
      j["file_hash"] = *c.file_hash;
      j["file_matches"] = c.submissions[*c.file_matches].seq;
    }
    ctx.Emit(text, j);
    return Status::Ok();
  });

  auto file = std::make_shared<std::string>();
  auto* load = report->add_subcommand("load", ctx.Text(Msg("Check a report definition against the loaded workflows and store it")));
  load->add_option("FILE", *file, ctx.Text(Msg("Report file, e.g. workflows/reports/semester.yaml")))->required();
  SetRunner(load, run, [&ctx, file]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto text, ReadTextFile(*file));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto r, d->LoadReport(text, *file, ctx.actor()));
    const Msg::Arg report{"report", r.workflow}, version{"version", r.version};
    ctx.Emit(ctx.Text(r.added ? Msg("report {report} v{version} loaded", {report, version})
                              : Msg("report {report} v{version} already loaded", {report, version})),
             {{"ok", true}, {"report", r.workflow}, {"version", r.version}, {"added", r.added}});
    return Status::Ok();
  });
  report->require_subcommand(1);
}

}  // namespace docket::cli
