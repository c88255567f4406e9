#include "service/api_error.hpp"

#include <nlohmann/json.hpp>

namespace racesense::service {

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::BadRequest: return 400;
    case ErrorCode::Unauthorized: return 401;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::MethodNotAllowed: return 405;
    case ErrorCode::TooLarge: return 413;
    case ErrorCode::UnsupportedMediaType: return 415;
    case ErrorCode::HashMismatch: return 422;
    case ErrorCode::Internal: return 500;
    case ErrorCode::InsufficientStorage: return 507;
    case ErrorCode::Busy: return 503;
    case ErrorCode::Unavailable: return 503;
    case ErrorCode::HeadersTooLarge: return 431;
    case ErrorCode::NotImplemented: return 501;
  }
  return 500;
}

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::BadRequest: return "bad_request";
    case ErrorCode::Unauthorized: return "unauthorized";
    case ErrorCode::NotFound: return "not_found";
    case ErrorCode::MethodNotAllowed: return "method_not_allowed";
    case ErrorCode::TooLarge: return "too_large";
    case ErrorCode::UnsupportedMediaType: return "unsupported_media_type";
    case ErrorCode::HashMismatch: return "hash_mismatch";
    case ErrorCode::Internal: return "internal";
    case ErrorCode::InsufficientStorage: return "insufficient_storage";
    case ErrorCode::Busy: return "busy";
    case ErrorCode::Unavailable: return "unavailable";
    case ErrorCode::HeadersTooLarge: return "headers_too_large";
    case ErrorCode::NotImplemented: return "not_implemented";
  }
  return "internal";
}

std::string error_json(ErrorCode code, const std::string& message) {
  nlohmann::json j = {{"error", {{"code", error_code_name(code)}, {"message", message}}}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace racesense::service
