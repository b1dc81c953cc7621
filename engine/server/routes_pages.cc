// The pages (routes.h): the files of web/, compiled into the binary (CMakeLists.txt).
//   GET /               web/index.html, the one page: it asks GET /api/session and shows
//                       sign-in or home (web/app.js)
//   GET /invite         the same page: an invitation's link (/invite#token=…, routes_identity.cc)
//                       lands here, and the page asks for the new password
//   GET /static/NAME    web/NAME (HTML, CSS, JavaScript, SVG) with its content type
// Each file carries an ETag of its content and Cache-Control: no-cache, so a browser keeps it
// and asks again with If-None-Match (304 while unchanged). The pages carry no inline script
// or style: the server's Content-Security-Policy (server.cc) forbids both.
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>

#include "app/embedded.h"
#include "server/routes.h"

namespace docket::server {

// schemas/openapi.json and web/*, compiled in (CMakeLists.txt).
const std::vector<EmbeddedFile>& ServerFiles();

namespace {

constexpr std::string_view kWebDir = "web/";

struct PageFile {
  std::string_view text;
  std::string type;
  std::string etag;
};

std::string ContentType(std::string_view name) {
  auto ends = [&](std::string_view ext) {
    return name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

// FNV-1a, 64 bits, of the content: the ETag changes whenever the file does.
std::string ContentTag(std::string_view text) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char out[19];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return "\"" + std::string(out) + "\"";
}

// web/NAME by NAME.
const std::map<std::string, PageFile, std::less<>>& Pages() {
  static const auto* pages = [] {
    auto* m = new std::map<std::string, PageFile, std::less<>>();
    for (const EmbeddedFile& f : ServerFiles()) {
      if (f.path.substr(0, kWebDir.size()) != kWebDir) continue;
      const std::string name(f.path.substr(kWebDir.size()));
      m->emplace(name, PageFile{f.text, ContentType(name), ContentTag(f.text)});
    }
    return m;
  }();
  return *pages;
}

void Serve(const PageFile& page, const httplib::Request& req, httplib::Response& res) {
  res.headers.erase("Cache-Control");  // the server's default is no-store
  res.set_header("Cache-Control", "no-cache");
  res.set_header("ETag", page.etag);
  if (req.get_header_value("If-None-Match") == page.etag) {
    res.status = 304;
    return;
  }
  res.set_content(page.text.data(), page.text.size(), page.type.c_str());
}

}  // namespace

void AddPageRoutes(httplib::Server& http) {
  http.Get("/", [](const httplib::Request& req, httplib::Response& res) { Serve(Pages().at("index.html"), req, res); });
  http.Get("/invite", [](const httplib::Request& req, httplib::Response& res) { Serve(Pages().at("index.html"), req, res); });
  http.Get(R"(/static/([A-Za-z0-9_-]+\.[a-z]+))", [](const httplib::Request& req, httplib::Response& res) {
    auto it = Pages().find(req.matches[1].str());
    if (it == Pages().end()) {
      res.status = 404;  // no such file: the transport's problem (ProblemForTransport)
      return;
    }
    Serve(it->second, req, res);
  });
}

}  // namespace docket::server
