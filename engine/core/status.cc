#include "core/status.h"

#include <any>
#include <functional>
#include <optional>
#include <stdexcept>
#include <typeinfo>
#include <variant>

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
    case Code::kInternal: return "internal";
    case Code::kTooLarge: return "too_large";
    case Code::kUnsupported: return "unsupported_type";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(CodeName(code_)) + ": " + message_;
}

Status StatusFromCurrentException(const std::string& context) {
  auto defect = [&](const char* what) {
    return Status::Internal(
        Msg("{context}: {what} (a defect in Docket; please report it)", {{"context", context}, {"what", what}}));
  };
  try {
    throw;
  } catch (const std::logic_error& e) {
    return defect(e.what());
  } catch (const std::bad_variant_access& e) {
    return defect(e.what());
  } catch (const std::bad_optional_access& e) {
    return defect(e.what());
  } catch (const std::bad_function_call& e) {
    return defect(e.what());
  } catch (const std::bad_any_cast& e) {
    return defect(e.what());
  } catch (const std::bad_cast& e) {
    return defect(e.what());
  } catch (const std::exception& e) {
    return Status::Storage(Msg("{context}: {what}", {{"context", context}, {"what", e.what()}}));
  } catch (...) {
    return Status::Storage(Msg("{context}: unknown exception", {{"context", context}}));
  }
}

}  // namespace docket
