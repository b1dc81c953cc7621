// Files attached to items over HTTP (routes_attachments.cc) and on the command line
// (cmd_attach.cc), on the real binary: uploaded as the request body with its name in
// X-Filename, listed and downloaded by readers of the item (never inline, never sniffed),
// 413 over the limit (the one route whose body may pass the server's 1 MiB), 415 for a type
// not accepted, 403 for a reader of another school, 400/403 without the CSRF token.
#include <fstream>

#include "server_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

std::string Pdf() { return std::string("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n") + std::string(1, '\0') + "1 0 obj\n<<>>\nendobj\n%%EOF\n"; }

class ServerAttachmentsTest : public ServerTest {
 protected:
  static httplib::Headers With(httplib::Headers h, const std::string& name) {
    h.insert({"X-Filename", name});
    return h;
  }
};

TEST_F(ServerAttachmentsTest, AReaderUploadsListsAndDownloadsAFile) {
  const std::string id = NewMatter();
  ASSERT_GT(Start(), 0);
  const auto liu = SignIn("liu").session;
  // "签字页 1.pdf", percent-encoded UTF-8.
  auto up = Client().Post("/api/items/" + id + "/attachments", With(liu, "%E7%AD%BE%E5%AD%97%E9%A1%B5%201.pdf"), Pdf(),
                          "application/octet-stream");
  ASSERT_TRUE(up);
  ASSERT_EQ(up->status, 201) << up->body;
  const auto link = nlohmann::json::parse(up->body);
  EXPECT_EQ(link["name"], "签字页 1.pdf");
  EXPECT_EQ(link["type"], "application/pdf");
  EXPECT_EQ(link["size"], Pdf().size());
  EXPECT_EQ(link["actor"], "liu");
  const std::string href = link["href"];
  EXPECT_EQ(up->get_header_value("Location"), href);

  auto list = Client().Get("/api/items/" + id + "/attachments", SignIn("wang").session);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200) << list->body;
  ASSERT_EQ(nlohmann::json::parse(list->body).size(), 1u);

  auto down = Client().Get(href, liu);
  ASSERT_TRUE(down);
  ASSERT_EQ(down->status, 200) << down->body;
  EXPECT_EQ(down->body, Pdf());
  EXPECT_EQ(down->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(down->get_header_value("X-Content-Type-Options"), "nosniff");
  // As sent: filename*=UTF-8''%E7%AD%BE%E5%AD%97%E9%A1%B5%201.pdf, which httplib's client
  // decodes when it reads the header.
  EXPECT_EQ(down->get_header_value("Content-Disposition"), "attachment; filename=\"_________ 1.pdf\"; filename*=UTF-8''签字页 1.pdf");

  // The item's history shows the file among its own entries, each in the workflow's words.
  auto history = Client().Get("/api/items/" + id + "/history", liu);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->status, 200) << history->body;
  const auto entries = nlohmann::json::parse(history->body);
  ASSERT_EQ(entries.size(), 2u) << history->body;
  EXPECT_EQ(entries[0]["action"], "create");
  EXPECT_EQ(entries[0]["to_labels"]["zh"], "起草");
  EXPECT_EQ(entries[1]["action"], "$attach");
  EXPECT_EQ(entries[1]["labels"], nlohmann::json({{"zh", "上传附件"}, {"en", "Attached a file"}}));
  EXPECT_EQ(entries[1]["from_labels"], nlohmann::json({{"zh", ""}, {"en", ""}}));

  // The command line sees the same file, and the chain verifies.
  auto listed = As("wang", {"--json", "item", "attachments", id});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(nlohmann::json::parse(listed.out)[0]["hash"], link["hash"]);
  auto verify = Docket({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
}

TEST_F(ServerAttachmentsTest, TooLargeIs413WrongTypeIs415AnotherSchoolIs403) {
  const std::string id = NewMatter();
  ASSERT_GT(Start({}, {"--max-attachment-mib", "2"}), 0);
  const auto liu = SignIn("liu").session;
  // Over the server's 1 MiB body limit but within this route's 2 MiB: accepted.
  std::string big = "%PDF-1.4\n" + std::string((3 << 19) - 9, 'x');
  auto ok = Client().Post("/api/items/" + id + "/attachments", With(liu, "big.pdf"), big, "application/pdf");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 201) << ok->body;
  // Over 2 MiB: refused before the body is read.
  big.append(std::size_t{1} << 20, 'x');
  auto large = Problem(Client().Post("/api/items/" + id + "/attachments", With(liu, "bigger.pdf"), big, "application/pdf"), 413);
  EXPECT_THAT(large.dump(), HasSubstr("2097152"));
  // Another route keeps the server's 1 MiB limit.
  Problem(Client().Post("/api/items", liu, std::string(3 << 19, ' '), "application/json"), 413);

  auto html = Problem(Client().Post("/api/items/" + id + "/attachments", With(liu, "x.pdf"), "<html><script>1</script>", "application/pdf"), 415);
  EXPECT_THAT(html.dump(), HasSubstr("HTML"));
  auto gif = Problem(Client().Post("/api/items/" + id + "/attachments", With(liu, "x.gif"), "GIF89a....", "image/gif"), 415);
  EXPECT_THAT(gif.dump(), HasSubstr("image/gif"));
  Problem(Client().Post("/api/items/" + id + "/attachments", liu, Pdf(), "application/pdf"), 400);  // no X-Filename
  Problem(Client().Post("/api/items/" + id + "/attachments", With(liu, "a%0Ab.pdf"), Pdf(), "application/pdf"), 400);

  const auto sun = SignIn("sun").session;  // school-b's secretary
  Problem(Client().Get("/api/items/" + id + "/attachments", sun), 403);
  Problem(Client().Post("/api/items/" + id + "/attachments", With(sun, "x.pdf"), Pdf(), "application/pdf"), 403);
  auto listed = Client().Get("/api/items/" + id + "/attachments", liu);
  ASSERT_TRUE(listed);
  EXPECT_EQ(nlohmann::json::parse(listed->body).size(), 1u);  // only the first upload
  // Without the CSRF token a session may not upload.
  httplib::Headers no_csrf;
  for (const auto& [k, v] : liu) {
    if (k != "X-CSRF-Token") no_csrf.insert({k, v});
  }
  auto csrf = Client().Post("/api/items/" + id + "/attachments", With(no_csrf, "y.pdf"), Pdf() + "y", "application/pdf");
  ASSERT_TRUE(csrf);
  EXPECT_EQ(csrf->status, 403) << csrf->body;
}

TEST_F(ServerAttachmentsTest, TheCommandLineAttachesListsAndWritesAFile) {
  const std::string id = NewMatter();
  const std::string file = dir_.File("签字页.pdf");
  {
    std::ofstream f(file, std::ios::binary);
    f << Pdf();
  }
  auto attached = As("liu", {"--json", "item", "attach", id, file});
  ASSERT_EQ(attached.exit_code, 0) << attached.err;
  const auto j = nlohmann::json::parse(attached.out);
  EXPECT_EQ(j["name"], "签字页.pdf");
  const std::string out = dir_.File("back.pdf");
  auto written = As("wang", {"item", "attachment", id, j["hash"], "--out", out});
  ASSERT_EQ(written.exit_code, 0) << written.err;
  std::ifstream back(out, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(back), {}), Pdf());

  const std::string text = dir_.File("page.html");
  {
    std::ofstream f(text);
    f << "<!doctype html><p>hi</p>";
  }
  auto refused = As("liu", {"item", "attach", id, text});
  EXPECT_EQ(refused.exit_code, 11) << refused.err;
  auto other = As("sun", {"item", "attach", id, file, "--name", "again.pdf"});
  EXPECT_EQ(other.exit_code, 4) << other.err;
  auto dup = As("liu", {"item", "attach", id, file, "--name", "again.pdf"});
  EXPECT_EQ(dup.exit_code, 6) << dup.err;
}

}  // namespace
}  // namespace docket::testing
