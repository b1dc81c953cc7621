// `docket meeting doc ITEM --kind notice|agenda|signin|minutes [--format html|pdf] [--out FILE]`:
// a meeting's documents generated from its record (docs/DOCUMENTS.md). HTML goes to stdout
// (with --json, as the member "html" of one JSON document) or --out; a PDF is printed from the same HTML by headless Chromium ($DOCKET_CHROMIUM, else
// `chromium` on the PATH) and needs --out.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/meeting_docs.h"
#include "cli/cli.h"

namespace docket::cli {
namespace {

struct MeetingDocArgs {
  std::int64_t item = 0;
  std::string kind;
  std::string format = "html";
  std::string out;
};

Status WriteFile(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << text;
  f.close();
  if (!f) return Status::Invalid(Msg("{file}: cannot write the file", {{"file", path}}));
  return Status::Ok();
}

// The Chromium to print with: $DOCKET_CHROMIUM when set (nullopt when that is no program),
// else the first `chromium` on the PATH.
std::optional<std::string> FindChromium() {
  if (const char* set = std::getenv("DOCKET_CHROMIUM"); set != nullptr && *set != '\0') {
    return access(set, X_OK) == 0 ? std::optional<std::string>(set) : std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  for (std::size_t at = 0; at <= dirs.size();) {
    std::size_t end = dirs.find(':', at);
    if (end == std::string::npos) end = dirs.size();
    const std::string candidate = dirs.substr(at, end - at) + "/chromium";
    if (end > at && access(candidate.c_str(), X_OK) == 0) return candidate;
    at = end + 1;
  }
  return std::nullopt;
}

// Prints `html` to the PDF file `out` with headless Chromium (no network, no sandbox: it runs
// as the user, on a file of ours).
Status PrintPdf(const std::string& html, const std::string& out) {
  auto chromium = FindChromium();
  if (!chromium) {
    return Status::NotFound(Msg("chromium is not installed, so no PDF can be printed: scripts/install-deps, or set DOCKET_CHROMIUM"));
  }
  std::error_code ec;
  const auto dir = std::filesystem::temp_directory_path(ec) / ("docket-doc-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir / "profile", ec);
  if (ec) return Status::Storage(Msg("{file}: cannot write the file", {{"file", dir.string()}}));
  const std::string page = (dir / "document.html").string();
  Status st = WriteFile(page, html);
  const std::string target = std::filesystem::absolute(out, ec).string();
  if (st.ok()) {
    std::filesystem::remove(target, ec);
    std::vector<std::string> args = {*chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                     "--user-data-dir=" + (dir / "profile").string(), "--print-to-pdf=" + target,
                                     "file://" + page};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::cout.flush();
    const pid_t pid = fork();
    if (pid == 0) {
      // Chromium's chatter is not the command's output.
      if (FILE* null = std::freopen("/dev/null", "w", stdout)) (void)null;
      if (FILE* null = std::freopen("/dev/null", "w", stderr)) (void)null;
      execv(argv[0], argv.data());
      _exit(127);
    }
    int wstatus = 0;
    const bool ran = pid > 0 && waitpid(pid, &wstatus, 0) == pid;
    const int code = ran && WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
    if (code != 0 || !std::filesystem::exists(target, ec) || std::filesystem::file_size(target, ec) == 0) {
      st = Status::Storage(Msg("chromium could not print the PDF {file} (exit code {code})", {{"file", out}, {"code", code}}));
    }
  }
  std::filesystem::remove_all(dir, ec);
  return st;
}

}  // namespace

void AddMeetingCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* meeting = app.add_subcommand("meeting", ctx.Text(Msg("A meeting's documents, generated from its record")));
  auto a = std::make_shared<MeetingDocArgs>();
  auto* doc = meeting->add_subcommand(
      "doc", ctx.Text(Msg("The meeting's notice, agenda, sign-in sheet or minutes as printable HTML (or PDF)")));
  doc->add_option("ITEM", a->item, ctx.Text(Msg("The meeting item's id")))->required();
  doc->add_option("--kind", a->kind, ctx.Text(Msg("notice, agenda, signin or minutes")))->required();
  doc->add_option("--format", a->format, ctx.Text(Msg("html (default) or pdf (needs --out and chromium)")))
      ->check(CLI::IsMember({"html", "pdf"}));
  doc->add_option("--out", a->out, ctx.Text(Msg("Write to this file instead of stdout")));
  SetRunner(doc, run, [&ctx, a]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(MeetingDocKind kind, ParseMeetingDocKind(a->kind));
    if (a->format == "pdf" && a->out.empty()) return Status::Invalid(Msg("a PDF needs --out FILE"));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto record, MeetingDocuments(*d, a->item));
    const std::string html = RenderMeetingDoc(record, kind, ctx.lang());
    if (a->format == "pdf") {
      DOCKET_RETURN_IF_ERROR(PrintPdf(html, a->out));
    } else if (a->out.empty()) {
      if (ctx.globals().json) {  // one JSON document, the page in it
        ctx.Emit("", {{"ok", true}, {"kind", a->kind}, {"item", a->item}, {"html", html}});
      } else {
        std::cout << html;
      }
      return Status::Ok();
    } else {
      DOCKET_RETURN_IF_ERROR(WriteFile(a->out, html));
    }
    ctx.Emit(ctx.Text(Msg("wrote {file} ({format})", {{"file", a->out}, {"format", a->format}})),
             {{"ok", true}, {"file", a->out}, {"format", a->format}, {"kind", a->kind}, {"item", a->item}});
    return Status::Ok();
  });
  meeting->require_subcommand(1);
}

}  // namespace docket::cli
