#include "cli/doc_output.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace docket::cli {
// Named, not anonymous: the CLI library builds in unity batches.
namespace doc_output {

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

}  // namespace doc_output

void AddDocOutputOptions(CLI::App* cmd, Context& ctx, DocOutput& o) {
  cmd->add_option("--format", o.format, ctx.Text(Msg("html (default) or pdf (needs --out and chromium)")))
      ->check(CLI::IsMember({"html", "pdf"}));
  cmd->add_option("--out", o.out, ctx.Text(Msg("Write to this file instead of stdout")));
}

Status CheckDocOutput(const DocOutput& o) {
  if (o.format == "pdf" && o.out.empty()) return Status::Invalid(Msg("a PDF needs --out FILE"));
  return Status::Ok();
}

Status EmitDocument(Context& ctx, const DocOutput& o, const std::string& html, const nlohmann::json& about) {
  DOCKET_RETURN_IF_ERROR(CheckDocOutput(o));
  if (o.format == "pdf") {
    DOCKET_RETURN_IF_ERROR(doc_output::PrintPdf(html, o.out));
  } else if (o.out.empty()) {
    if (ctx.globals().json) {  // one JSON document, the page in it
      nlohmann::json j = {{"ok", true}};
      j.update(about);
      j["html"] = html;
      ctx.Emit("", j);
    } else {
      std::cout << html;
    }
    return Status::Ok();
  } else {
    DOCKET_RETURN_IF_ERROR(doc_output::WriteFile(o.out, html));
  }
  nlohmann::json j = {{"ok", true}, {"file", o.out}, {"format", o.format}};
  j.update(about);
  ctx.Emit(ctx.Text(Msg("wrote {file} ({format})", {{"file", o.out}, {"format", o.format}})), j);
  return Status::Ok();
}

}  // namespace docket::cli
