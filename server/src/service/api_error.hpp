#pragma once

#include <stdexcept>
#include <string>

namespace racesense::service {

enum class ErrorCode {
  BadRequest,
  Unauthorized,
  NotFound,
  MethodNotAllowed,
  TooLarge,
  UnsupportedMediaType,
  HashMismatch,
  Internal,
  InsufficientStorage,
  Busy,
  Unavailable,  // shutting down
  HeadersTooLarge,
  NotImplemented,
};

// The one error type the service layer raises; http/ maps it to a status code in one place.
class ApiError : public std::runtime_error {
 public:
  ApiError(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

int http_status(ErrorCode code);
const char* error_code_name(ErrorCode code);
// {"error":{"code":"...","message":"..."}}
std::string error_json(ErrorCode code, const std::string& message);

}  // namespace racesense::service
