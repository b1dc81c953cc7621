// A fresh database with the example organizations and the shipped workflows, driven by the
// real `docket` binary. Each test gets its own temporary folder.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "support/process.h"

namespace docket::testing {

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // Runs docket with --db and a fixed --now in front of `args`.
  RunResult Docket(std::vector<std::string> args);
  // Runs docket acting as `who`.
  RunResult As(const std::string& who, std::vector<std::string> args);
  // Creates a large-spending matter in school-a as the clerk; returns its id.
  // Loads the shipped decision's text as a newer version whose create the secretary may take,
  // for tests that need a decision standing alone (the shipped one is spawned by adopt only).
  void AllowLoneDecisions();
  std::string NewMatter();
  // An execution task in school-a, assigned by the secretary (wang) to the principal (li), due
  // 2026-06-30: one audit entry. StartedTask: acknowledged and started by li, three entries.
  std::string NewTask();
  std::string StartedTask();
  // R6's case: a major matter in school-a signed off (R8) and on the agenda of a Party
  // meeting held at 2026-03-10T09:30Z (now_ moves there) with six of its seven members
  // present, `he` among them and recused from the matter; the matter's id.
  std::string RecusedTopic();
  // Runs docket as `who`, expecting success (exit 0).
  void OkAs(const std::string& who, std::vector<std::string> args);

  TempDir dir_;
  std::string db_;
  std::string now_ = "2026-03-02T09:00:00Z";
};

std::string SourcePath(const std::string& rel);

// Compares `actual` with the golden file tests/e2e/golden/NAME byte for byte, or writes it
// when DOCKET_UPDATE_GOLDEN=1 (review the diff).
void ExpectGolden(const std::string& name, const std::string& actual);

// Whether `s` holds a Chinese character (U+4E00..U+9FFF).
bool HasChinese(const std::string& s);

// Whether `program` is on PATH.
bool OnPath(const std::string& program);

// One `docket demo` database for a whole suite of the printable documents' tests: they only
// read it (a refused read adds an entry). Doc runs docket on it with the clock fixed (the
// documents name the day they were made).
class DemoDocsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  static RunResult Doc(std::vector<std::string> args, const std::map<std::string, std::string>& env = {});
  static inline TempDir* dir_ = nullptr;
};

}  // namespace docket::testing
