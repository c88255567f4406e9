#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "http/app_context.hpp"

namespace racesense::http {

using HeaderParser = boost::beast::http::request_parser<boost::beast::http::empty_body>;

// POST /api/upload: checks the headers, answers 100-continue, streams the body (raw or multipart,
// Content-Length or chunked) through a fixed buffer into an Upload, commits it off the I/O threads
// and answers. Returns whether the connection may be kept alive.
boost::asio::awaitable<bool> handle_upload(boost::beast::tcp_stream& stream,
                                           boost::beast::flat_buffer& buffer,
                                           HeaderParser& header_parser, AppContext& app);

}  // namespace racesense::http
