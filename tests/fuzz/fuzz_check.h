// Shared by the fuzz targets: a property check that aborts (so libFuzzer records the input
// as a crash) and the entry-point macro.
//
// Each target defines `int docket_fuzz::<Name>(const uint8_t*, size_t)`. Built with
// DOCKET_FUZZ_MAIN (the libFuzzer executables, clang) it also becomes
// LLVMFuzzerTestOneInput; without it (the normal g++ build) regressions_test.cc links all
// four and replays the checked-in corpus and regression inputs through them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#define DOCKET_FUZZ_CHECK(cond, what)                                             \
  do {                                                                            \
    if (!(cond)) {                                                                \
      std::fprintf(stderr, "fuzz property failed at %s:%d: %s (%s)\n", __FILE__, \
                   __LINE__, #cond, what);                                        \
      std::abort();                                                               \
    }                                                                             \
  } while (0)

#ifdef DOCKET_FUZZ_MAIN
#define DOCKET_FUZZ_ENTRY(name)                                                 \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { \
    return docket_fuzz::name(data, size);                                       \
  }
#else
#define DOCKET_FUZZ_ENTRY(name)
#endif
