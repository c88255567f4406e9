#pragma once

#include <boost/beast/http.hpp>

#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "service/api_error.hpp"

namespace racesense::http {

namespace bhttp = boost::beast::http;
using StringResponse = bhttp::response<bhttp::string_body>;
// Every answer a route gives (Boost 1.74, Debian 12's default, predates beast::http::message_generator).
using AnyResponse = std::variant<StringResponse, bhttp::response<bhttp::file_body>, bhttp::response<bhttp::empty_body>>;

StringResponse json_response(unsigned status, const nlohmann::json& body, unsigned version, bool keep_alive);
StringResponse error_response(const service::ApiError& error, unsigned version, bool keep_alive);
void add_common_headers(bhttp::fields& fields);

// Expect: 100-continue
bool expects_continue(const bhttp::fields& headers);

// "Bearer <token>" matches the server's token (constant-time).
bool authorized(const bhttp::fields& headers, const std::string& token);
service::ApiError unauthorized_error();

// One line per request: method, path without the query (it may carry the token), status, bytes.
void log_request(std::string_view method, std::string_view target, unsigned status,
                 std::uint64_t bytes, double millis);

}  // namespace racesense::http
