// The shipped workflows and reports are pinned by content: a database that loaded a
// version keeps it, so the same id and version with other text is refused on load
// (Conflict), and whoever changes a shipped file must give it a new version. This test
// catches the change before a user does: each (id, version) below has exactly one text.
// After changing a file, raise its `version:` and add the new line here (the old line
// stays: that version's text does not change).
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "audit/chain.h"
#include "test_files.h"

namespace docket::testing {
namespace {

struct Pin {
  const char* file;
  const char* id;
  int version;
  const char* sha256;  // of the file's bytes, as `workflow load` records it
};

constexpr Pin kPins[] = {
    {"workflows/communication.yaml", "communication", 1, "e17810169bacadd7defadddf190f0f774fa40f2097f6dc3dd1889edd359f9876"},
    {"workflows/communication.yaml", "communication", 2, "9ad4296b960928dae5af183c98350440eed7edd4e6efe04b0874aaa370567ccb"},
    {"workflows/decision.yaml", "decision", 1, "c1bd65e9758e4c41c55e747cbfe8fbb3e5225be5e1eb0f0ebf5220b88f20dfc7"},
    {"workflows/decision.yaml", "decision", 2, "f9f090eee6f2d7e242ed6478b07355b7ea538c0a34a7edb2b84f9e79e10e9671"},
    {"workflows/decision.yaml", "decision", 3, "aef78e21ead012cc6ee4d7e938924ac33c5ec8f0c3edccb57bac1955a4d5a158"},
    {"workflows/finding.yaml", "finding", 1, "922c838d88c7fb5eb642c75df7ac6bfc5a360387cfdaab3e1c095aae82ae6847"},
    {"workflows/matter.yaml", "matter", 2, "ed18d5a2b55ed36330abcc13109f36ffaa5bae12c0fd7ee4a339fd804eab58ef"},
    {"workflows/matter.yaml", "matter", 3, "b9d0bda528344c9ce509598c59b556275969ada88f991a9a22b8e277d03fc6cf"},
    {"workflows/matter.yaml", "matter", 4, "39c856181689e4e9561926175c2137c4c521153fc4f7418f187e0e0c00a18394"},
    {"workflows/matter.yaml", "matter", 5, "38b50cb2fffdddb3660183bf867e6105204fb7b25267d1f9e5d3a4d16840da3f"},
    {"workflows/matter.yaml", "matter", 6, "d9db7eb1224da74572861744b762be3d9dad5f71a21594e1c5f5dc390860e202"},
    {"workflows/matter.yaml", "matter", 7, "35fa44de6d19de46368e7eb3092c0b7b02d2cc567a58dd0dce6c104fdf72e744"},
    {"workflows/matter.yaml", "matter", 8, "2a6c6af800ea1d122e2b920632d1e9c902616764f21714d1a3c8d26db67382c9"},
    {"workflows/meeting.yaml", "meeting", 1, "9098ad0a761661d1c728cca73d5f0eeadc960fc2dad767a9de41f671c4cf3e3d"},
    {"workflows/meeting.yaml", "meeting", 2, "e54bbe58f2d1e7732614c34dedc6e17beb1cbf98ecc19504342cd4bcd2fb1ae6"},
    {"workflows/meeting.yaml", "meeting", 3, "83b742081722ecbe7766aba96fb488d499dd2bbb26807e24df16f76c30e1595e"},
    {"workflows/meeting.yaml", "meeting", 4, "4fadec558b905741f98a19fc573a1bde0e52f71263b8f0b9dfab0665c6aadb47"},
    {"workflows/semester-report.yaml", "semester-report", 2, "03fec16c14b469f75f8da28c692b6f9a0ca1e55ad6e8216c7e0d6f9fffd8ea6a"},
    {"workflows/task.yaml", "task", 1, "c10e8734600217980548018164c335601a5b9ab618423b45e45de20c3b18ba04"},
    {"workflows/task.yaml", "task", 2, "fee84c302fdeb799d2390ba6a8283be22f49c92be2f7ddc07e3857467a264fcb"},
    {"workflows/task.yaml", "task", 3, "67bdd6f57f038f36e0f4475b8321ace2889548c6e119281596ca2157d21700c4"},
    {"workflows/temporary-action.yaml", "temporary-action", 1, "cebb13eb7a7059e5a0396de1d958134502c4f43ca9ffd3b06ec66bbc04741047"},
    {"workflows/temporary-action.yaml", "temporary-action", 2, "ea9c6fb1f6372759272474887c9502711c01b96f0f47b64b4ce92b41c0b81734"},
    {"workflows/reports/semester.yaml", "semester", 1, "611d9652c01a2ab3a11dfd2221ea95017bc59ac8fea1fa0dbbe76998920d4c01"},
    {"workflows/reports/semester.yaml", "semester", 2, "25487267fac9bd41c888733928822b9bfecb82128ec0912cb993633a6935de9b"},
};

TEST(ShippedVersionsTest, EveryShippedFileIsPinnedAndUnchangedAtItsVersion) {
  std::set<std::string> files;
  for (const char* dir : {"workflows", "workflows/reports"}) {
    for (const auto& e : std::filesystem::directory_iterator(RepoPath(dir))) {
      if (e.is_regular_file() && e.path().extension() == ".yaml") files.insert(std::string(dir) + "/" + e.path().filename().string());
    }
  }
  ASSERT_GE(files.size(), 9u);
  std::map<std::pair<std::string, int>, const Pin*> pins;
  for (const Pin& p : kPins) pins[{p.file, p.version}] = &p;
  for (const std::string& file : files) {
    const std::string text = FileText(RepoPath(file));
    const YAML::Node root = YAML::Load(text);
    const std::string id = (root["id"] ? root["id"] : root["report"]).as<std::string>();  // a report says `report:`
    const int version = root["version"].as<int>();
    auto pin = pins.find({file, version});
    ASSERT_NE(pin, pins.end()) << file << " (" << id << " version " << version
                               << ") is not pinned: add {\"" << file << "\", \"" << id << "\", " << version << ", \""
                               << Sha256Hex(text) << "\"} to kPins";
    EXPECT_EQ(pin->second->id, id) << file;
    EXPECT_EQ(Sha256Hex(text), pin->second->sha256)
        << file << " changed but is still " << id << " version " << version
        << ": a database that loaded that version would refuse it (Conflict); raise `version:` and pin the new text";
  }
}

}  // namespace
}  // namespace docket::testing
