#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "http/app_context.hpp"
#include "http/upload_reader.hpp"

namespace racesense::http {

// Resumable uploads (docs/protocol.md §2.2): POST /api/upload with Upload-Complete (creation), and
// HEAD (offset), PATCH (append) and DELETE (cancel) on /api/uploads/{sha256}.
bool is_resumable(const boost::beast::http::request<boost::beast::http::empty_body>& head, const AppContext& app);

// Serves one such request; returns whether the connection may be kept alive.
boost::asio::awaitable<bool> handle_resumable(boost::beast::tcp_stream& stream, boost::beast::flat_buffer& buffer,
                                              HeaderParser& header_parser, AppContext& app);

}  // namespace racesense::http
