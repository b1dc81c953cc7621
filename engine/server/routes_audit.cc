// Proof routes (routes.h): verification of the record, an organization's chain as an export
// file, a checkpoint signed with the server's key, and that key. Each is `docket audit ...`
// of the CLI for the signed-in caller, who must read the organization (every one, to verify
// the whole database). And the supervisor's side: checkpoints that schools' servers send
// (`docket serve --checkpoint-url`), accepted under the key pinned for each school.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/audit_proof.h"
#include "app/json_views.h"
#include "server/handle.h"
#include "server/routes.h"

namespace docket::server {
namespace {

// A folder of its own under the system's temporary folder, removed with this object.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "docket-export-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

void AddAuditRoutes(httplib::Server& http, DocketPool& pool, std::shared_ptr<const SigningKey> signing_key,
                    const std::vector<std::string>& trusted_proxies) {
  // ?org=ORG: that organization's chain; without it, every chain (a reader of everything).
  http.Get("/api/audit/verify", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      std::optional<std::string> org;
      if (r.has_param("org")) org = r.get_param_value("org");
      Result<VerifyReport> verified = call.docket.Verify(org);
      // A record that fails its verification is the answer asked for, not a fault of the
      // server: 409 with the first thing that does not hold (OpenAPI), not 500.
      if (!verified.ok() && verified.status().code() == Code::kIntegrity) return Status::Conflict(verified.status().msg());
      if (!verified.ok()) return verified.status();
      WriteJson(out, VerifyJson(*verified));
      return Status::Ok();
    });
  });
  // The export file (docs/AUDIT.md, "Export format"): JSON Lines, verifiable offline with
  // `docket audit verify --file`.
  http.Get("/api/orgs/([^/]+)/audit/export", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      const std::string org = r.matches[1].str();
      auto dir = std::make_shared<ScratchDir>();
      if (dir->path().empty()) return Status::Storage(Msg("cannot make a temporary folder for the export"));
      const std::string path = dir->path() + "/export.jsonl";
      DOCKET_RETURN_IF_ERROR(call.docket.ExportAudit(org, path, /*force=*/false).status());
      // Sent from the file as it is read, not held in memory: a chain's export can be large.
      auto in = std::make_shared<std::ifstream>(path, std::ios::binary);
      std::error_code ec;
      const std::uintmax_t size = std::filesystem::file_size(path, ec);
      if (!*in || ec) return Status::Storage(Msg("{path}: cannot read the export back", {{"path", path}}));
      out.set_header("Content-Disposition", "attachment; filename=\"" + org + ".jsonl\"");
      out.set_content_provider(
          static_cast<std::size_t>(size), "application/jsonl",
          [in, dir](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
            char buffer[64 * 1024];
            in->seekg(static_cast<std::streamoff>(offset));
            const std::size_t want = std::min(length, sizeof buffer);
            in->read(buffer, static_cast<std::streamsize>(want));
            const std::streamsize got = in->gcount();
            return got > 0 && sink.write(buffer, static_cast<std::size_t>(got));
          });
      return Status::Ok();
    });
  });
  // A checkpoint of the organization's chain, signed with the server's key (--checkpoint-key),
  // as `docket audit checkpoint` writes it.
  http.Post("/api/orgs/([^/]+)/audit/checkpoint", [&pool, signing_key](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader,
           [&signing_key](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
             if (!signing_key) {
               return Status::NotFound(Msg("this server signs no checkpoints: it was started without --checkpoint-key"));
             }
             DOCKET_ASSIGN_OR_RETURN(Checkpoint cp, call.docket.MakeCheckpoint(r.matches[1].str(), *signing_key));
             out.set_content(CheckpointFileText(cp), "application/json");
             return Status::Ok();
           });
  });
  // A school's signed checkpoint (the file `docket audit checkpoint` writes), sent by its
  // server: the signature by the key pinned for the school (`docket audit pin`) is the
  // proof, so no one need sign in. 200 with what is known of the school's checkpoints now
  // ("accepted": false for one received before); 400 not a signed checkpoint, 404 no such
  // organization, 403 no key pinned or another key, 409 a checkpoint that goes back or
  // signs another hash at an entry received before (recorded as evidence).
  http.Post("/api/checkpoints", [&pool, trusted_proxies](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kNoOne,
           [&trusted_proxies](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
             const std::string from = "POST /api/checkpoints from " + ClientAddress(r, trusted_proxies);
             DOCKET_ASSIGN_OR_RETURN(ReceivedCheckpoints received, call.docket.ReceiveCheckpoint(r.body, from));
             WriteJson(out, ReceivedJson(received));
             return Status::Ok();
           });
  });
  // The server's public key, against which its checkpoints verify (pinned by a supervisor).
  http.Get("/api/audit/key", [&pool, signing_key](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kNoOne, [&signing_key](Call&, const httplib::Request&, httplib::Response& out) -> Status {
      if (!signing_key) {
        return Status::NotFound(Msg("this server signs no checkpoints: it was started without --checkpoint-key"));
      }
      WriteJson(out, {{"public_key", signing_key->public_hex()}});
      return Status::Ok();
    });
  });
}

}  // namespace docket::server
