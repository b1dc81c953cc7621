// The public listing as printable HTML (public_doc.h), a page of the documents' frame
// (doc_page.h). Every text from the record is escaped.
#include "report/public_doc.h"

namespace docket {
namespace public_html {

class PublicPage : public DocPage {
 public:
  PublicPage(const PublicRecord& r, Lang lang) : DocPage(lang), r_(r) {}

  std::string Render(const DocStyle& style) {
    const std::string org = L(r_.org_name, r_.org);
    out_ = Open(W(Msg::In("document", "{org}: Party and school affairs made public", {{"org", org}})), org, r_.generated_on, style);
    // The other language, named in its own (the page also follows Accept-Language; ?lang= wins).
    out_ += lang_ == Lang::kEn ? "<p class=\"lang\"><a href=\"?lang=zh\" hreflang=\"zh\" lang=\"zh-CN\">中文</a></p>\n"
                               : "<p class=\"lang\"><a href=\"?lang=en\" hreflang=\"en\" lang=\"en\">English</a></p>\n";
    if (r_.entries.empty()) {
      out_ += "<p class=\"note\">" + DocEsc(W(Msg::In("document", "Nothing is published yet."))) + "</p>\n";
    } else {
      out_ += "<p>" + DocEsc(W(Msg::In("document", "{n} published, the newest first.", {{"n", r_.entries.size()}}))) + "</p>\n";
    }
    for (const PublicEntry& e : r_.entries) {
      const std::string heading = e.title.empty() ? L(e.kind) + " #" + std::to_string(e.id) : e.title;
      out_ += "<section class=\"entry\">\n<h2>" + DocEsc(heading) + "</h2>\n";
      Row(W(Msg::In("document", "Kind")), DocEsc(L(e.kind)));
      Row(W(Msg::In("document", "Recorded on")), DocEsc(Date(e.date)));
      Row(W(Msg::In("document", "State")), DocEsc(L(e.state)));
      for (const PublicField& f : e.fields) {
        const std::string value = L(f.value);
        Row(L(f.label), f.date ? DocEsc(Date(value)) : DocLines(value));
      }
      FieldsTable();
      out_ += "</section>\n";
    }
    return out_ + Close(W(Msg::In("document", "Generated on {date} from what the workflows of {org} publish; no sign-in needed.",
                                  {{"date", Date(r_.generated_on)}, {"org", org}})));
  }

 private:
  const PublicRecord& r_;
};

}  // namespace public_html

std::string RenderPublicDoc(const PublicRecord& r, Lang lang, const DocStyle& style) {
  public_html::PublicPage page(r, lang);
  return page.Render(style);
}

}  // namespace docket
