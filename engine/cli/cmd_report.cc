// `docket report semester|rollup|accept|return|verify|load`: the semester report derived
// from the record, the supervisor's roll-up and review, and the proof of what was submitted
// (docs/REPORTS.md).
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

void AddDocOptions(CLI::App* sub, DocArgs& a) {
  sub->add_option("--org", a.org, "Organization")->required();
  sub->add_option("--term", a.term, "Term: a semester id of the loaded calendar, e.g. 2026-spring")->required();
  sub->add_option("--format", a.format, "md (default), html, csv or json")
      ->check(CLI::IsMember({"md", "html", "csv", "json"}));
  sub->add_option("--out", a.out, "Write to this file instead of stdout");
  sub->add_option("--report", a.report, "Report definition id (default semester)");
}

// The document in the chosen format, to stdout or --out.
Status Deliver(Context& ctx, const DocArgs& a, const ReportDoc& doc) {
  const Lang lang = ctx.lang();
  const std::string format = ctx.globals().json ? "json" : a.format;
  const std::string text = format == "html"  ? RenderHtml(doc, lang)
                           : format == "csv" ? RenderCsv(doc, lang)
                           : format == "json" ? RenderJson(doc)
                                              : RenderMarkdown(doc, lang);
  if (a.out.empty()) {
    std::cout << text;
    return Status::Ok();
  }
  std::ofstream f(a.out, std::ios::binary | std::ios::trunc);
  f << text;
  f.close();
  if (!f) return Status::Invalid(Msg("{file}: cannot write the file", {{"file", a.out}}));
  std::cout << Text(Msg("wrote "), lang) << a.out << " (" << format << ", sha256 of the json form "
            << ReportHash(doc) << ")\n";
  return Status::Ok();
}

}  // namespace

void AddReportCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* report = app.add_subcommand("report", "Reports derived from the record: semester report, roll-up, review / 报告");

  auto sa = std::make_shared<DocArgs>();
  auto* semester = report->add_subcommand("semester", "A school's semester report, derived from its items and audit log");
  AddDocOptions(semester, *sa);
  semester->add_flag("--submitted", sa->submitted, "The copy kept when the report was submitted, not one derived now");
  SetRunner(semester, run, [&ctx, sa]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto doc, sa->submitted ? d->SubmittedReport(sa->report, sa->org, sa->term) : d->Report(sa->report, sa->org, sa->term));
    return Deliver(ctx, *sa, doc);
  });

  auto ra = std::make_shared<DocArgs>();
  auto* rollup = report->add_subcommand("rollup", "A supervisor's roll-up of every school below it (any depth)");
  AddDocOptions(rollup, *ra);
  SetRunner(rollup, run, [&ctx, ra]() -> Status {
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
                                       accept ? "Accept a school's submitted report (as a supervisor: --as)"
                                              : "Return a school's submitted report with comments (as a supervisor: --as)");
    sub->add_option("--org", va->org, "The school")->required();
    sub->add_option("--term", va->term, "Term, e.g. 2026-spring")->required();
    auto* comment = sub->add_option("--comment", va->comment, accept ? "Reviewer's comment" : "What to change (required)");
    if (!accept) comment->required();
    sub->add_option("--report", va->report, "Report definition id (default semester)");
    SetRunner(sub, run, [&ctx, va, accept]() -> Status {
      DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
      DOCKET_ASSIGN_OR_RETURN(auto r, d->ReviewReport(va->report, va->org, va->term, accept, va->comment, ctx.actor()));
      ctx.Emit("#" + std::to_string(r.item.id) + " " + r.entry.from_state + " -> " + r.entry.to_state + " (audit #" +
                   std::to_string(r.entry.seq) + ")",
               {{"item", ItemJson(r.item)}, {"entry", EntryJson(r.entry)}});
      return Status::Ok();
    });
  }

  struct VerifyArgs {
    std::string report = "semester", org, term, file;
  };
  auto ya = std::make_shared<VerifyArgs>();
  auto* verify = report->add_subcommand(
      "verify", "Prove which report was submitted: the chain, the recorded hash, the kept copy, and --file if given");
  verify->add_option("--org", ya->org, "The school")->required();
  verify->add_option("--term", ya->term, "Term, e.g. 2026-spring")->required();
  verify->add_option("--file", ya->file, "A report in its json form (docket report semester --format json) to compare");
  verify->add_option("--report", ya->report, "Report definition id (default semester)");
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
    std::string text = std::string(Text(Msg("submission verified: "), l)) + "#" + std::to_string(c.item) + " (" +
                       c.state + "), " + std::to_string(c.chain_entries) + Text(Msg(" audit entries verified"), l) +
                       "\n" + Table({Text(Msg("Seq"), l), Text(Msg("Time"), l), Text(Msg("Actor"), l), Text(Msg("Action"), l),
                                     Text(Msg("Report hash"), l)}, rows);
    nlohmann::json j = {{"ok", true}, {"item", c.item}, {"state", c.state}, {"chain_entries", c.chain_entries},
                        {"submissions", subs}};
    if (c.file_hash) {
      text += std::string(Text(Msg("the file is submission "), l)) + std::to_string(*c.file_matches + 1) +
              Text(Msg(" of these: "), l) + *c.file_hash + "\n";
      j["file_hash"] = *c.file_hash;
      j["file_matches"] = c.submissions[*c.file_matches].seq;
    }
    ctx.Emit(text, j);
    return Status::Ok();
  });

  auto file = std::make_shared<std::string>();
  auto* load = report->add_subcommand("load", "Check a report definition against the loaded workflows and store it");
  load->add_option("FILE", *file, "Report file, e.g. workflows/reports/semester.yaml")->required();
  SetRunner(load, run, [&ctx, file]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto text, ReadTextFile(*file));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto r, d->LoadReport(text, *file));
    ctx.Emit("report " + r.workflow + " v" + std::to_string(r.version) + (r.added ? " loaded" : " already loaded"),
             {{"ok", true}, {"report", r.workflow}, {"version", r.version}, {"added", r.added}});
    return Status::Ok();
  });
  report->require_subcommand(1);
}

}  // namespace docket::cli
