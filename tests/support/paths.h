// Where the sources and the built `docket` binary are. The paths live in one small
// generated file (paths.cc, tests/CMakeLists.txt), so the tests' own objects carry no
// absolute path and compile the same in every checkout (ccache shares them).
#pragma once

namespace docket::testing {
const char* SourceDir();
const char* DocketBinary();
}  // namespace docket::testing

#define DOCKET_SOURCE_DIR ::docket::testing::SourceDir()
#define DOCKET_BINARY ::docket::testing::DocketBinary()
