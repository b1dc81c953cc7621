// Status and Result<T>: how every layer reports failure across its boundary.
//
// A Status is either ok or carries a Code and a message a person reads (a Msg, rendered in
// their language at the edge; message() is its English). The codes map
// one-to-one onto the CLI's exit codes (the numeric value IS the exit code) and onto HTTP
// statuses, so no layer has to translate meanings, only representations.
// Invariant: an ok Status has an empty message; a Result holds exactly one of value/error.
#pragma once

#include <cassert>
#include <exception>
#include <string>
#include <utility>
#include <variant>

#include "core/message.h"

namespace docket {

enum class Code : int {
  kOk = 0,
  kInvalid = 2,    // usage, YAML, a field value, a missing required field
  kNotFound = 3,   // no such item, workflow, organization or person
  kForbidden = 4,  // the actor lacks the role or belongs to another organization
  kRefused = 5,    // the workflow refuses: no such transition here, a condition unmet
  kConflict = 6,   // stale version: someone else changed the item first
  kIntegrity = 7,  // the audit chain or an item does not match its record
  kStorage = 8,    // unreadable, locked, read-only or full database
  kInternal = 9,   // a defect in Docket itself (a broken invariant), never the user's input
  kTooLarge = 10,     // an upload over its size limit (an attached file)
  kUnsupported = 11,  // an upload whose content is of a type not accepted (an attached file)
};

// The stable lower-case name of a code ("invalid", "not_found", ...), used in JSON output.
const char* CodeName(Code code);

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Invalid(std::string msg) { return Status(Code::kInvalid, std::move(msg)); }
  static Status Invalid(Msg msg) { return Status(Code::kInvalid, std::move(msg)); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status NotFound(Msg msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status Forbidden(std::string msg) { return Status(Code::kForbidden, std::move(msg)); }
  static Status Forbidden(Msg msg) { return Status(Code::kForbidden, std::move(msg)); }
  static Status Refused(std::string msg) { return Status(Code::kRefused, std::move(msg)); }
  static Status Refused(Msg msg) { return Status(Code::kRefused, std::move(msg)); }
  static Status TooLarge(Msg msg) { return Status(Code::kTooLarge, std::move(msg)); }
  static Status Unsupported(Msg msg) { return Status(Code::kUnsupported, std::move(msg)); }
  static Status Conflict(std::string msg) { return Status(Code::kConflict, std::move(msg)); }
  static Status Conflict(Msg msg) { return Status(Code::kConflict, std::move(msg)); }
  static Status Integrity(std::string msg) { return Status(Code::kIntegrity, std::move(msg)); }
  static Status Integrity(Msg msg) { return Status(Code::kIntegrity, std::move(msg)); }
  static Status Storage(std::string msg) { return Status(Code::kStorage, std::move(msg)); }
  static Status Storage(Msg msg) { return Status(Code::kStorage, std::move(msg)); }
  static Status Internal(std::string msg) { return Status(Code::kInternal, std::move(msg)); }
  static Status Internal(Msg msg) { return Status(Code::kInternal, std::move(msg)); }
  // A write that stopped rather than wait for a lock while it held another (a store whose
  // writers do not take turns, PostgreSQL: two transactions that each wait for the other's
  // lock would deadlock). Nothing of it was written; run again in a transaction of its own,
  // it waits its turn. Storage, and busy().
  static Status Busy(Msg msg) {
    Status st(Code::kStorage, std::move(msg));
    st.busy_ = true;
    return st;
  }

  // A message that is not translated (a literal): what the catalog has no template for.
  Status(Code code, std::string message) : Status(code, Msg::Literal(std::move(message))) {}
  Status(Code code, Msg msg) : code_(code), msg_(std::move(msg)), message_(msg_.English()) {}

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // The message in English (logs, --json's "message"); msg() renders in any language.
  const std::string& message() const { return message_; }
  const Msg& msg() const { return msg_; }
  int exit_code() const { return static_cast<int>(code_); }
  bool busy() const { return busy_; }
  // "not_found: no item 42" — for logs and plain output.
  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  Msg msg_;
  std::string message_;
  bool busy_ = false;
};

// Either a T or a non-ok Status. Access to the wrong alternative is a programming error.
template <typename T>
class Result {
 public:
  Result(T&& value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(const T& value) : v_(value) {}       // NOLINT
  Result(Status status) : v_(std::move(status)) { assert(!std::get<Status>(v_).ok()); }  // NOLINT

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  // On a temporary Result the value is moved out, not referenced: `for (x : *Load())` then
  // iterates a value that lives through the loop instead of a destroyed temporary's.
  T value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T operator*() && { return std::move(*this).value(); }

 private:
  std::variant<T, Status> v_;
};

// The Status for the exception being handled (call inside a catch block only), as
// "<context>: <what>": Internal for the exceptions that only a defect throws (logic_error
// and its kin: out_of_range, invalid_argument, a bad variant or optional access, a bad
// cast), Storage for the rest (runtime and system errors, memory exhausted): what the
// environment throws.
Status StatusFromCurrentException(const std::string& context);

// fn() (returning Status), with an exception it throws turned into a Status by
// StatusFromCurrentException — for the few places an exception must not pass: a
// transaction's body, an injected fault, a thread others wait for, the CLI's and the
// server's outermost call.
template <typename Fn>
Status CatchAll(const std::string& context, Fn&& fn) {
  try {
    return fn();
  } catch (...) {
    return StatusFromCurrentException(context);
  }
}

}  // namespace docket

// Propagates a non-ok Status from an expression that yields a Status.
#define DOCKET_RETURN_IF_ERROR(expr)          \
  do {                                        \
    ::docket::Status _st = (expr);            \
    if (!_st.ok()) return _st;                \
  } while (0)

// Evaluates an expression that yields a Result<T> once; if it is not ok, returns its Status
// unchanged from the enclosing function (which returns Status or Result<U>); otherwise
// declares or assigns lhs from the moved-out value:
//   DOCKET_ASSIGN_OR_RETURN(Item item, store_.GetItem(id));
//   DOCKET_ASSIGN_OR_RETURN(auto defs, ListDefinitions());
// The expression may contain commas (it is everything after the first); lhs may not, so a
// type like std::pair<A, B> is spelled auto. Expands to several statements (lhs is declared
// in the enclosing scope): use it only as a statement of its own, never as the body of an
// unbraced if or loop.
#define DOCKET_ASSIGN_OR_RETURN(lhs, ...) \
  DOCKET_ASSIGN_OR_RETURN_IMPL_(DOCKET_STATUS_CONCAT_(_docket_result_, __COUNTER__), lhs, __VA_ARGS__)

#define DOCKET_ASSIGN_OR_RETURN_IMPL_(result, lhs, ...) \
  auto result = (__VA_ARGS__);                          \
  if (!result.ok()) return result.status();             \
  lhs = std::move(result).value()

#define DOCKET_STATUS_CONCAT_(a, b) DOCKET_STATUS_CONCAT_IMPL_(a, b)
#define DOCKET_STATUS_CONCAT_IMPL_(a, b) a##b
