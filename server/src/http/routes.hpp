#pragma once

#include <boost/beast/http.hpp>

#include "http/responses.hpp"

#include "http/app_context.hpp"

namespace racesense::http {

// Every request except POST /api/upload (which streams) comes through here.
AnyResponse handle_request(
    const boost::beast::http::request<boost::beast::http::string_body>& req, AppContext& app);

}  // namespace racesense::http
