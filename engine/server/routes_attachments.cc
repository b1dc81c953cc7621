// Files attached to items (routes.h; app/attachments.h): the list and the bytes for readers
// of the item, and the upload — the file's bytes as the request body (any Content-Type: the
// type is found in the bytes), its name percent-encoded UTF-8 in X-Filename — for a person
// who may attach. The body may be up to max_attachment_bytes (server.cc CheckBodyLength).
#include <cctype>

#include "server/handle.h"
#include "server/problem.h"
#include "server/routes.h"

namespace docket::server {
// Named, not anonymous: the server library builds in unity batches.
namespace attachment_routes {

nlohmann::json LinkJson(const AttachmentLink& a) {
  return {{"item", a.item},       {"hash", a.hash}, {"name", a.name},   {"type", a.type},
          {"size", a.size},       {"seq", a.seq},   {"attached_at", a.attached_at}, {"actor", a.actor},
          {"href", "/api/items/" + std::to_string(a.item) + "/attachments/" + a.hash}};
}

// RFC 6266: an ASCII name for old clients, the UTF-8 one percent-encoded for the rest.
std::string Disposition(const std::string& name) {
  std::string ascii, encoded;
  for (unsigned char c : name) {
    ascii += (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      static const char* hex = "0123456789ABCDEF";
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace attachment_routes

void AddAttachmentRoutes(httplib::Server& http, DocketPool& pool, std::int64_t max_attachment_bytes) {
  using namespace attachment_routes;
  http.Get(R"(/api/items/([^/]+)/attachments)", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(std::int64_t id, ItemId(r.matches[1].str()));
      DOCKET_ASSIGN_OR_RETURN(std::vector<AttachmentLink> links, call.docket.Attachments(id));
      nlohmann::json j = nlohmann::json::array();
      for (const AttachmentLink& a : links) j.push_back(LinkJson(a));
      WriteJson(out, j);
      return Status::Ok();
    });
  });
  http.Get(R"(/api/items/([^/]+)/attachments/([0-9a-f]{64}))", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(std::int64_t id, ItemId(r.matches[1].str()));
      DOCKET_ASSIGN_OR_RETURN(AttachedFile f, call.docket.AttachmentFile(id, r.matches[2].str()));
      // Never shown in the page: always a download, of the type found when it was attached
      // (no HTML is ever accepted), and X-Content-Type-Options: nosniff (server.cc).
      out.set_header("Content-Disposition", Disposition(f.link.name));
      out.set_header("ETag", "\"" + f.link.hash + "\"");
      out.set_content(f.bytes, f.link.type.c_str());
      return Status::Ok();
    });
  });
  http.Post(R"(/api/items/([^/]+)/attachments)", [&pool, max_attachment_bytes](const httplib::Request& req,
                                                                               httplib::Response& res) {
    Handle(pool, req, res, Need::kActor,
           [max_attachment_bytes](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
             AttachRequest attach;
             DOCKET_ASSIGN_OR_RETURN(attach.item, ItemId(r.matches[1].str()));
             if (!r.has_header("X-Filename")) {
               return Status::Invalid(Msg("the file's name goes in the X-Filename header (percent-encoded UTF-8)"));
             }
             // cpp-httplib has already decoded the header's %XX sequences.
             attach.name = r.get_header_value("X-Filename");
             attach.bytes = r.body;
             attach.actor = call.caller->person;
             return call.Write([&](Docket& writer) -> Status {
               writer.attachment_policy().max_bytes = max_attachment_bytes;
               DOCKET_ASSIGN_OR_RETURN(AttachmentLink a, writer.Attach(attach));
               out.set_header("Location", "/api/items/" + std::to_string(a.item) + "/attachments/" + a.hash);
               WriteJson(out, LinkJson(a));
               out.status = 201;
               return Status::Ok();
             });
           });
  });
}

}  // namespace docket::server
