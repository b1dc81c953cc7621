#include "core/status.h"

namespace docket {

const char* CodeName(Code code) {
  switch (code) {
    case Code::kOk: return "ok";
    case Code::kInvalid: return "invalid";
    case Code::kNotFound: return "not_found";
    case Code::kForbidden: return "forbidden";
    case Code::kRefused: return "refused";
    case Code::kConflict: return "conflict";
    case Code::kIntegrity: return "integrity";
    case Code::kStorage: return "storage";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(CodeName(code_)) + ": " + message_;
}

}  // namespace docket
