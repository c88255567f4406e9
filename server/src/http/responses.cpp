#include "http/responses.hpp"

#include <cstdio>
#include <ctime>
#include <vector>

#include "util/text.hpp"

namespace racesense::http {

void add_common_headers(bhttp::fields& fields) {
  fields.set(bhttp::field::server, "racesense-server");
  fields.set(bhttp::field::access_control_allow_origin, "*");
  fields.set(bhttp::field::cache_control, "no-store");
}

StringResponse json_response(unsigned status, const nlohmann::json& body, unsigned version, bool keep_alive) {
  StringResponse res{static_cast<bhttp::status>(status), version};
  add_common_headers(res.base());
  res.set(bhttp::field::content_type, "application/json");
  res.keep_alive(keep_alive);
  res.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  res.prepare_payload();
  return res;
}

StringResponse error_response(const service::ApiError& error, unsigned version, bool keep_alive) {
  StringResponse res{static_cast<bhttp::status>(service::http_status(error.code())), version};
  add_common_headers(res.base());
  res.set(bhttp::field::content_type, "application/json");
  if (error.code() == service::ErrorCode::Unauthorized)
    res.set(bhttp::field::www_authenticate, "Bearer");
  res.keep_alive(keep_alive);
  res.body() = service::error_json(error.code(), error.what());
  res.prepare_payload();
  return res;
}

void check_transfer_encoding(const bhttp::fields& headers) {
  auto it = headers.find(bhttp::field::transfer_encoding);
  if (it == headers.end()) return;
  std::vector<std::string> codings;
  for (auto token : bhttp::token_list{it->value()}) codings.push_back(util::to_lower(token));
  if (codings.empty() || codings.back() != "chunked")
    throw service::ApiError(service::ErrorCode::BadRequest,
                            "Transfer-Encoding must end with chunked, or send Content-Length instead.");
  if (codings.size() > 1)
    throw service::ApiError(service::ErrorCode::NotImplemented,
                            "Transfer-Encoding '" + std::string(it->value()) +
                                "' is not supported: send the file unencoded, chunked or with Content-Length.");
}

bool is_malformed_request(const boost::beast::error_code& ec) {
  if (!ec || ec.category() != make_error_code(bhttp::error::bad_chunk).category()) return false;
  return ec != bhttp::error::need_buffer && ec != bhttp::error::need_more && ec != bhttp::error::partial_message &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::body_limit;
}

service::ApiError malformed_head_error(const boost::beast::error_code& ec) {
  if (ec == bhttp::error::header_limit)
    return {service::ErrorCode::HeadersTooLarge,
            "The request headers are larger than this server's limit of 16 KB."};
  return {service::ErrorCode::BadRequest, "Malformed HTTP request: " + ec.message()};
}

bool expects_continue(const bhttp::fields& headers) {
  auto it = headers.find(bhttp::field::expect);
  return it != headers.end() && util::to_lower(util::trim(std::string_view(it->value().data(), it->value().size()))) == "100-continue";
}

bool authorized(const bhttp::fields& headers, const std::string& token) {
  auto it = headers.find(bhttp::field::authorization);
  if (it == headers.end()) return false;
  std::string_view value = util::trim(std::string_view(it->value().data(), it->value().size()));
  if (value.size() < 7 || util::to_lower(value.substr(0, 7)) != "bearer ") return false;
  return util::secure_equals(util::trim(value.substr(7)), token);
}

service::ApiError unauthorized_error() {
  return service::ApiError(service::ErrorCode::Unauthorized,
                           "Missing or wrong upload token. Send 'Authorization: Bearer <token>' "
                           "with the token racesense-server printed at start.");
}

void log_request(std::string_view method, std::string_view target, unsigned status,
                 std::uint64_t bytes, double millis) {
  auto path = target.substr(0, target.find('?'));
  std::string when = util::iso8601_utc(util::now_epoch_ms());
  std::fprintf(stderr, "%s %.*s %.*s -> %u (%llu bytes, %.1f ms)\n", when.c_str(),
               static_cast<int>(method.size()), method.data(), static_cast<int>(path.size()),
               path.data(), status, static_cast<unsigned long long>(bytes), millis);
}

}  // namespace racesense::http
