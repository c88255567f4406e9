#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "http/app_context.hpp"

namespace racesense::http {

inline constexpr std::string_view kDemoLinkPath = "/api/demo/link";

bool is_demo_link_request(const boost::beast::http::request<boost::beast::http::empty_body>& head);

// GET /api/demo/link (WebSocket, demo mode only): relays the web app's demo logger to rs-core-sim's
// link (docs/protocol.md §5), one link line per WebSocket text message, both ways. The page does its
// GATT reads, writes and notifications there instead of over the radio.
boost::asio::awaitable<void> serve_demo_link(boost::beast::tcp_stream stream,
                                             boost::beast::http::request<boost::beast::http::empty_body> head,
                                             AppContext& app);

}  // namespace racesense::http
