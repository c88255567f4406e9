#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "http/app_context.hpp"

namespace racesense::http {

// GET /api/info: what the web app needs to know about this server (docs/protocol.md §2).
nlohmann::json site_info(const AppContext& app);

// Logs once per address when another machine loads the web app over plain http: Web Bluetooth
// needs a secure context (https, or localhost), so that phone cannot sync from this page.
void warn_if_insecure_page_load(const boost::beast::http::request_header<>& head,
                                const boost::asio::ip::address& remote, AppContext& app);

}  // namespace racesense::http
