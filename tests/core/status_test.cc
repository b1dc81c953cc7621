// Status: exceptions become the code of what threw them (a defect or the environment).
#include <gtest/gtest.h>

#include <map>
#include <new>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <variant>

#include "core/status.h"

namespace docket {
namespace {

template <typename Fn>
Status Caught(Fn fn) {
  return CatchAll("doing it", [&]() -> Status {
    fn();
    return Status::Ok();
  });
}

TEST(StatusFromException, DefectsAreInternal) {
  EXPECT_EQ(Caught([] { std::map<int, int>().at(1); }).code(), Code::kInternal);
  EXPECT_EQ(Caught([] { std::get<int>(std::variant<int, double>(1.0)); }).code(), Code::kInternal);
  EXPECT_EQ(Caught([] { (void)std::optional<int>().value(); }).code(), Code::kInternal);
  EXPECT_EQ(Caught([] { throw std::invalid_argument("x"); }).code(), Code::kInternal);
  Status st = Caught([] { throw std::logic_error("broken invariant"); });
  EXPECT_EQ(st.message(), "doing it: broken invariant (a defect in Docket; please report it)");
  EXPECT_EQ(st.exit_code(), 9);
  EXPECT_STREQ(CodeName(st.code()), "internal");
}

TEST(StatusFromException, TheEnvironmentIsStorage) {
  EXPECT_EQ(Caught([] { throw std::runtime_error("disk gone"); }).ToString(), "storage: doing it: disk gone");
  EXPECT_EQ(Caught([] { throw std::bad_alloc(); }).code(), Code::kStorage);
  EXPECT_EQ(Caught([] { throw std::system_error(std::make_error_code(std::errc::io_error)); }).code(),
            Code::kStorage);
  EXPECT_EQ(Caught([] { throw 42; }).ToString(), "storage: doing it: unknown exception");
}

TEST(StatusFromException, NoExceptionPassesTheStatusThrough) {
  EXPECT_TRUE(CatchAll("x", [] { return Status::Ok(); }).ok());
  EXPECT_EQ(CatchAll("x", [] { return Status::Conflict("c"); }).code(), Code::kConflict);
}

}  // namespace
}  // namespace docket
