// A meeting's documents (routes.h, docs/DOCUMENTS.md):
//   GET /api/items/{id}/documents/{kind}   the notice, agenda, sign-in sheet or minutes of
//                                          meeting {id} (kind notice|agenda|signin|minutes) as
//                                          one printable HTML page, in ?lang=zh|en (else the
//                                          request's language); readable by exactly those who
//                                          may read the meeting item (a refusal is recorded
//                                          as for GET /api/items/{id}); 400 for another kind
//                                          or an item that is not a meeting
//   GET /documents/print.css               the documents' print stylesheet
// The page links its stylesheet rather than carrying it inline, so the server's
// Content-Security-Policy (default-src 'self', server.cc) holds for documents too. The server
// prints no PDF: `docket meeting doc --format pdf` does, through Chromium.
#include "app/meeting_docs.h"
#include "server/handle.h"
#include "server/routes.h"

namespace docket::server {

namespace {
constexpr const char* kStylesheetPath = "/documents/print.css";
}  // namespace

void AddDocumentRoutes(httplib::Server& http, DocketPool& pool) {
  http.Get(R"(/api/items/([^/]+)/documents/([^/]+))", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(std::int64_t id, ItemId(r.matches[1].str()));
      DOCKET_ASSIGN_OR_RETURN(MeetingDocKind kind, ParseMeetingDocKind(r.matches[2].str()));
      Lang lang = call.lang;
      if (r.has_param("lang")) {
        const std::string l = r.get_param_value("lang");
        if (l != "zh" && l != "en") return Status::Invalid(Msg("?lang must be zh or en, not '{lang}'", {{"lang", l}}));
        lang = l == "en" ? Lang::kEn : Lang::kZh;
      }
      DOCKET_ASSIGN_OR_RETURN(MeetingRecord record, MeetingDocuments(call.docket, id));
      out.set_header("Cache-Control", "no-store");
      out.set_content(RenderMeetingDoc(record, kind, lang, DocStyle{kStylesheetPath}), "text/html; charset=utf-8");
      return Status::Ok();
    });
  });
  http.Get(kStylesheetPath, [](const httplib::Request&, httplib::Response& res) {
    res.set_content(MeetingDocStylesheet(), "text/css; charset=utf-8");
  });
}

}  // namespace docket::server
