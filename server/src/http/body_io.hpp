// Socket-side pieces both upload routes use: a body of known length streamed into the pipeline,
// and the answer to a request whose body is left unread.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <chrono>
#include <cstdint>

#include "http/responses.hpp"

namespace racesense::http {
class UploadPipeline;

// A raw body of `left` bytes: first what arrived with the head, then straight from the socket into
// the pipeline's buffers, in reads as large as they are, without the HTTP parser's copy.
// False when the client went away.
boost::asio::awaitable<bool> stream_exact(boost::beast::tcp_stream& stream, boost::beast::flat_buffer& buffer,
                                          std::uint64_t left, UploadPipeline& pipe, std::chrono::seconds idle);

// After an error with the body unread: answer, stop sending, and (drain) read on a little so the
// client gets the answer instead of a reset.
boost::asio::awaitable<void> answer_and_close(boost::beast::tcp_stream& stream, StringResponse res, bool drain);
}  // namespace racesense::http
