#pragma once

#include <boost/beast/http.hpp>

#include "http/responses.hpp"

#include <filesystem>

namespace racesense::http {

// Serves the built web app; unknown paths without an extension fall back to index.html, and a
// built-in page explains how to build the app when web_dir has none.
AnyResponse serve_static(const std::filesystem::path& web_dir,
                                                   const boost::beast::http::request<boost::beast::http::string_body>& req);

}  // namespace racesense::http
