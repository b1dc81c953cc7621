// Status: exceptions become the code of what threw them (a defect or the environment).
#include <gtest/gtest.h>

#include <map>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
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

Result<int> Parsed(bool ok, int value) {
  if (!ok) return Status::Invalid("not a number: " + std::to_string(value));
  return value;
}

Result<std::string> Named(bool ok) {
  if (!ok) return Status::NotFound("no such name");
  return std::string("ada");
}

// Returns Status: the value lands in *out, an error passes through unchanged.
Status SumInto(bool first_ok, bool second_ok, int* out, int* reached) {
  DOCKET_ASSIGN_OR_RETURN(int a, Parsed(first_ok, 1));
  ++*reached;
  DOCKET_ASSIGN_OR_RETURN(auto b, Parsed(second_ok, 2));  // a second use in the same scope
  ++*reached;
  *out = a + b;
  return Status::Ok();
}

// Returns Result<int>: the Status converts to the Result's error.
Result<int> NameLength(bool ok) {
  DOCKET_ASSIGN_OR_RETURN(std::string name, Named(ok));
  return static_cast<int>(name.size());
}

int evaluations = 0;
Result<int> Counted() {
  ++evaluations;
  return 7;
}

TEST(AssignOrReturn, InAStatusFunctionAssignsOrReturnsTheErrorUnchanged) {
  int out = 0, reached = 0;
  EXPECT_TRUE(SumInto(true, true, &out, &reached).ok());
  EXPECT_EQ(out, 3);
  EXPECT_EQ(reached, 2);

  out = 0, reached = 0;
  Status st = SumInto(false, true, &out, &reached);
  EXPECT_EQ(st.code(), Code::kInvalid);
  EXPECT_EQ(st.message(), "not a number: 1");
  EXPECT_EQ(reached, 0);

  st = SumInto(true, false, &out, &reached);
  EXPECT_EQ(st.code(), Code::kInvalid);
  EXPECT_EQ(st.message(), "not a number: 2");
  EXPECT_EQ(reached, 1);
  EXPECT_EQ(out, 0);
}

TEST(AssignOrReturn, InAResultFunctionAssignsOrReturnsTheErrorUnchanged) {
  Result<int> len = NameLength(true);
  ASSERT_TRUE(len.ok());
  EXPECT_EQ(*len, 3);

  len = NameLength(false);
  ASSERT_FALSE(len.ok());
  EXPECT_EQ(len.status().code(), Code::kNotFound);
  EXPECT_EQ(len.status().message(), "no such name");
}

TEST(AssignOrReturn, AssignsAnExistingVariableAndEvaluatesTheExpressionOnce) {
  auto fn = []() -> Status {
    int x = 0;
    DOCKET_ASSIGN_OR_RETURN(x, Counted());
    DOCKET_ASSIGN_OR_RETURN(x, Counted());
    return x == 7 ? Status::Ok() : Status::Internal("wrong value");
  };
  evaluations = 0;
  EXPECT_TRUE(fn().ok());
  EXPECT_EQ(evaluations, 2);
}

}  // namespace
}  // namespace docket
