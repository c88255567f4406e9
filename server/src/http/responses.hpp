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

// Transfer-Encoding other than "chunked": 501 for codings this server does not implement, 400
// when the last coding is not chunked (the body's length would be unknown). Throws ApiError.
void check_transfer_encoding(const bhttp::fields& headers);
// A parse error in a request's head or body (as opposed to the connection failing).
bool is_malformed_request(const boost::beast::error_code& ec);
// The answer to a request head Beast could not parse: 431 over the header limit, else 400.
service::ApiError malformed_head_error(const boost::beast::error_code& ec);

// Expect: 100-continue
bool expects_continue(const bhttp::fields& headers);

// "Bearer <token>" matches the server's token (constant-time).
bool authorized(const bhttp::fields& headers, const std::string& token);
service::ApiError unauthorized_error();

// One line per request: method, path without the query (it may carry the token), status, bytes.
void log_request(std::string_view method, std::string_view target, unsigned status,
                 std::uint64_t bytes, double millis);

}  // namespace racesense::http
