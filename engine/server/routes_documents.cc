// The documents generated from the record (routes.h, docs/DOCUMENTS.md):
//   GET /api/items/{id}/documents/{kind}   kind notice|agenda|signin|minutes: the notice,
//                                          agenda, sign-in sheet or minutes of meeting {id};
//                                          kind record: decision {id} and its execution record.
//                                          One printable HTML page, in ?lang=zh|en (else the
//                                          request's language); readable by exactly those who
//                                          may read the item (a refusal is recorded as for
//                                          GET /api/items/{id}); 400 for another kind or an
//                                          item of the wrong workflow
//   GET /api/meetings/{id}/minutes-draft   the minutes of meeting {id} drafted from its record
//                                          (app/meeting_docs.h MeetingMinutesDraft) as JSON
//                                          {item, lang, text}, in ?lang=zh|en (else the
//                                          request's language); readable as the item is
//                                          (403/404 as GET /api/items/{id}); 400 for an item
//                                          that is not a meeting
//   GET /public/{org}                      what {org}'s workflows publish (党务校务公开), as a
//                                          printable page; no sign-in; 404 for no such org
//   GET /documents/print.css               the documents' print stylesheet
// The pages link their stylesheet rather than carrying it inline, so the server's
// Content-Security-Policy (default-src 'self', server.cc) holds for documents too. The server
// prints no PDF: `docket meeting doc|decision doc|public doc --format pdf` do, through Chromium.
#include "app/meeting_docs.h"
#include "app/record_docs.h"
#include "server/handle.h"
#include "server/routes.h"

namespace docket::server {

namespace {

constexpr const char* kStylesheetPath = "/documents/print.css";
constexpr const char* kRecordKind = "record";

// ?lang=zh|en, else the request's language.
Result<Lang> DocumentLang(const httplib::Request& r, Lang request_lang) {
  if (!r.has_param("lang")) return request_lang;
  const std::string l = r.get_param_value("lang");
  if (l != "zh" && l != "en") return Status::Invalid(Msg("?lang must be zh or en, not '{lang}'", {{"lang", l}}));
  return l == "en" ? Lang::kEn : Lang::kZh;
}

void WriteDocument(httplib::Response& out, const std::string& html) {
  out.set_header("Cache-Control", "no-store");
  out.set_content(html, "text/html; charset=utf-8");
}

}  // namespace

void AddDocumentRoutes(httplib::Server& http, DocketPool& pool) {
  http.Get(R"(/api/items/([^/]+)/documents/([^/]+))", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(std::int64_t id, ItemId(r.matches[1].str()));
      const std::string word = r.matches[2].str();
      DOCKET_ASSIGN_OR_RETURN(Lang lang, DocumentLang(r, call.lang));
      if (word == kRecordKind) {
        DOCKET_ASSIGN_OR_RETURN(DecisionRecord record, DecisionDocument(call.docket, id));
        WriteDocument(out, RenderDecisionRecord(record, lang, DocStyle{kStylesheetPath}));
        return Status::Ok();
      }
      auto kind = ParseMeetingDocKind(word);
      if (!kind.ok()) {
        return Status::Invalid(Msg("unknown document kind '{kind}': notice, agenda, signin, minutes (a meeting's) or record (a decision's)",
                                   {{"kind", word}}));
      }
      DOCKET_ASSIGN_OR_RETURN(MeetingRecord record, MeetingDocuments(call.docket, id));
      WriteDocument(out, RenderMeetingDoc(record, *kind, lang, DocStyle{kStylesheetPath}));
      return Status::Ok();
    });
  });
  http.Get(R"(/api/meetings/([^/]+)/minutes-draft)", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kReader, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(std::int64_t id, ItemId(r.matches[1].str()));
      DOCKET_ASSIGN_OR_RETURN(Lang lang, DocumentLang(r, call.lang));
      DOCKET_ASSIGN_OR_RETURN(std::string text, MeetingMinutesDraft(call.docket, id, lang));
      const nlohmann::json body = {{"item", id}, {"lang", lang == Lang::kEn ? "en" : "zh"}, {"text", text}};
      out.set_header("Cache-Control", "no-store");
      out.set_content(body.dump(), "application/json");
      return Status::Ok();
    });
  });
  http.Get("/public/([^/]+)", [&pool](const httplib::Request& req, httplib::Response& res) {
    Handle(pool, req, res, Need::kNoOne, [](Call& call, const httplib::Request& r, httplib::Response& out) -> Status {
      DOCKET_ASSIGN_OR_RETURN(Lang lang, DocumentLang(r, call.lang));
      DOCKET_ASSIGN_OR_RETURN(PublicRecord record, PublicDocument(call.docket, r.matches[1].str()));
      WriteDocument(out, RenderPublicDoc(record, lang, DocStyle{kStylesheetPath}));
      return Status::Ok();
    });
  });
  http.Get(kStylesheetPath, [](const httplib::Request&, httplib::Response& res) {
    res.set_content(MeetingDocStylesheet(), "text/css; charset=utf-8");
  });
}

}  // namespace docket::server
