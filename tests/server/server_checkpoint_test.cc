// The supervisor's server takes schools' checkpoints (POST /api/checkpoints) under the keys
// it pinned (`docket audit pin`): from a school's own server (`serve --checkpoint-url`), and
// refuses one that is not a signed checkpoint or is signed by another key.
#include <signal.h>

#include <filesystem>

#include "server_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class ServerCheckpointTest : public ServerTest {};

std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

TEST_F(ServerCheckpointTest, ASchoolsServerSendsItsCheckpointsToTheSupervisorsServer) {
  TempDir outside, school_dir;
  const std::string key = outside.File("school.key"), dir = outside.File("checkpoints");
  // The school's installation: a copy of the database in a folder of its own, its own key
  // and server.
  const std::string school_db = school_dir.File("school.db");
  std::filesystem::copy_file(db_, school_db);
  auto pub = Docket({"audit", "key", "--key", key});
  ASSERT_EQ(pub.exit_code, 0) << pub.err;
  const std::string hex = FirstLine(pub.out);
  ASSERT_EQ(hex.size(), 64u) << pub.out;
  // The supervisor pins that key for the organizations the school's installation holds.
  for (const char* org : {"district", "school-a", "school-b", "school-c"}) {
    auto pinned = Docket({"audit", "pin", org, "--key-pub", hex});
    ASSERT_EQ(pinned.exit_code, 0) << pinned.err;
  }
  ASSERT_GT(Start({}, {"--tick-every", "0"}), 0);
  const std::string url = "http://127.0.0.1:" + std::to_string(port_) + "/api/checkpoints";
  const pid_t school = Spawn({DOCKET_BINARY, "--db", school_db, "serve", "--listen", "127.0.0.1:0", "--tick-every", "0",
                              "--checkpoint-dir", dir, "--checkpoint-key", key, "--checkpoint-every", "1",
                              "--checkpoint-url", url},
                             outside.File("school.out"), outside.File("school.err"));
  ASSERT_GT(school, 0);
  std::vector<std::string> files;
  auto all_sent = [&] {
    files.clear();
    std::error_code ec;
    for (const auto& f : std::filesystem::directory_iterator(dir, ec)) {
      if (f.path().extension() == ".json") files.push_back(f.path().string());
    }
    for (const auto& f : files) {
      if (!std::filesystem::exists(f + ".sent")) return false;
    }
    return files.size() == 4;
  };
  for (int i = 0; i < 150 && !all_sent(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  kill(school, SIGTERM);
  EXPECT_EQ(WaitFor(school, 10), 0);
  ASSERT_TRUE(all_sent()) << FileText(outside.File("school.err")) << ServerErr();

  // The supervisor holds each one, as its pins say, and its record verifies.
  auto pins = Docket({"--json", "audit", "pins"});
  ASSERT_EQ(pins.exit_code, 0) << pins.err;
  const auto held = nlohmann::json::parse(pins.out);
  ASSERT_EQ(held.size(), 4u) << pins.out;
  for (const auto& f : files) {
    const auto cp = nlohmann::json::parse(FileText(f));
    bool found = false;
    for (const auto& p : held) {
      if (p["org"] != cp["org"]) continue;
      found = true;
      EXPECT_EQ(p["public_key"], hex);
      ASSERT_TRUE(p["last"].is_object()) << p.dump();
      EXPECT_EQ(p["last"]["seq"], cp["seq"]);
      EXPECT_EQ(p["last"]["head_hash"], cp["head_hash"]);
    }
    EXPECT_TRUE(found) << cp.dump();
  }
  auto verified = Docket({"audit", "verify"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;

  // The same checkpoint again: taken, nothing new.
  auto client = Client();
  auto again = client.Post("/api/checkpoints", FileText(files[0]), "application/json");
  ASSERT_TRUE(again);
  ASSERT_EQ(again->status, 200) << again->body;
  EXPECT_EQ(nlohmann::json::parse(again->body)["accepted"], false);
}

TEST_F(ServerCheckpointTest, AnythingButACheckpointSignedByThePinnedKeyIsRefused) {
  TempDir outside;
  const std::string key = outside.File("school.key"), other = outside.File("other.key");
  auto pub = Docket({"audit", "key", "--key", key});
  ASSERT_EQ(pub.exit_code, 0) << pub.err;
  ASSERT_EQ(Docket({"audit", "pin", "school-a", "--key-pub", FirstLine(pub.out)}).exit_code, 0);
  auto signed_by_other = Docket({"audit", "checkpoint", "--org", "school-a", "--key", other});
  ASSERT_EQ(signed_by_other.exit_code, 0) << signed_by_other.err;
  auto unpinned = Docket({"audit", "checkpoint", "--org", "school-b", "--key", key});
  ASSERT_EQ(unpinned.exit_code, 0) << unpinned.err;
  ASSERT_GT(Start(), 0);
  auto client = Client();
  const httplib::Headers en{{"Accept-Language", "en"}};
  auto p = Problem(client.Post("/api/checkpoints", en, signed_by_other.out, "application/json"), 403);
  EXPECT_THAT(p.value("detail", ""), HasSubstr("school-a"));
  p = Problem(client.Post("/api/checkpoints", en, unpinned.out, "application/json"), 403);
  EXPECT_THAT(p.value("detail", ""), HasSubstr("no key is pinned for organization 'school-b'"));
  p = Problem(client.Post("/api/checkpoints", en, "{\"org\": \"school-a\"}", "application/json"), 400);
  EXPECT_THAT(p.value("detail", ""), HasSubstr("not a signed checkpoint"));
  // Nothing was taken.
  auto pins = Docket({"--json", "audit", "pins"});
  ASSERT_EQ(pins.exit_code, 0) << pins.err;
  const auto held = nlohmann::json::parse(pins.out);
  ASSERT_EQ(held.size(), 1u);
  EXPECT_TRUE(held[0]["last"].is_null()) << pins.out;
  // A pin for an organization that does not exist, or with a bad key: exit 3 and 2.
  EXPECT_EQ(Docket({"audit", "pin", "school-z", "--key-pub", FirstLine(pub.out)}).exit_code, 3);
  EXPECT_EQ(Docket({"audit", "pin", "school-a", "--key-pub", "0123"}).exit_code, 2);
}

}  // namespace
}  // namespace docket::testing

namespace docket::testing {
namespace {

// A key protected by a passphrase (`audit key --seal`): signing needs the passphrase, the
// public key does not; the server opens it once at start and will not start without it.
TEST_F(ServerCheckpointTest, ASealedKeyIsOpenedOnceAtStartAndAWrongPassphraseStopsTheServer) {
  TempDir outside;
  const std::string key = outside.File("server.key"), dir = outside.File("checkpoints");
  const std::string pass = outside.File("passphrase"), wrong = outside.File("wrong");
  WriteFile(pass, "correct horse battery\n");
  WriteFile(wrong, "incorrect horse battery\n");
  auto sealed = Docket({"audit", "key", "--key", key, "--seal", "--key-passphrase-file", pass});
  ASSERT_EQ(sealed.exit_code, 0) << sealed.err;
  const std::string hex = FirstLine(sealed.out);
  EXPECT_EQ(FileText(key).rfind("docket-key-v1 " + hex, 0), 0u);
  // Signing without the passphrase: exit 2 naming the option; with it, a checkpoint that
  // verifies against the key file's public key (read without the passphrase).
  auto without = Docket({"--lang", "en", "audit", "checkpoint", "--org", "school-a", "--key", key});
  EXPECT_EQ(without.exit_code, 2);
  EXPECT_THAT(without.err, HasSubstr("--key-passphrase-file"));
  const std::string cp = outside.File("school-a.json");
  auto with = Docket({"audit", "checkpoint", "--org", "school-a", "--key", key, "--key-passphrase-file", pass, "--out", cp});
  ASSERT_EQ(with.exit_code, 0) << with.err;
  auto proven = Docket({"audit", "verify", "--against", cp, "--key", key});
  EXPECT_EQ(proven.exit_code, 0) << proven.out << proven.err;

  // The server with a wrong passphrase does not start: exit 2, nothing listens.
  auto refused = RunProcess(DOCKET_BINARY, {"--db", db_, "--lang", "en", "serve", "--listen", "127.0.0.1:0",
                                            "--checkpoint-dir", dir, "--checkpoint-key", key,
                                            "--checkpoint-key-passphrase-file", wrong},
                            dir_.path());
  EXPECT_EQ(refused.exit_code, 2) << refused.out << refused.err;
  EXPECT_THAT(refused.err, HasSubstr("wrong passphrase"));
  // With the right one it signs every chain on schedule.
  ASSERT_GT(Start({}, {"--tick-every", "0", "--checkpoint-dir", dir, "--checkpoint-key", key, "--checkpoint-every", "1",
                       "--checkpoint-key-passphrase-file", pass}),
            0);
  auto shown = Client().Get("/api/audit/key");
  ASSERT_TRUE(shown);
  EXPECT_EQ(nlohmann::json::parse(shown->body)["public_key"], hex);
  std::string written;
  for (int i = 0; i < 100 && written.empty(); ++i) {
    std::error_code ec;
    for (const auto& f : std::filesystem::directory_iterator(dir, ec)) {
      // A finished checkpoint, not the temporary file it is written to before its rename.
      if (f.path().filename().string().rfind("school-a-", 0) == 0 && f.path().extension() == ".json") {
        written = f.path().string();
      }
    }
    if (written.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_FALSE(written.empty()) << ServerErr();
  auto scheduled = Docket({"audit", "verify", "--against", written, "--key-pub", hex});
  EXPECT_EQ(scheduled.exit_code, 0) << scheduled.out << scheduled.err;
}

}  // namespace
}  // namespace docket::testing
