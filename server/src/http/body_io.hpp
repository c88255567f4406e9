// Socket-side pieces both upload routes use: a body of known length streamed into the pipeline,
// and the answer to a request whose body is left unread.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
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

// f() on `pool` (the blocking pool for SQLite, fsync and opening files; crunch for CPU work), the
// caller's coroutine resumed with its result or exception.
template <class F>
auto on_pool(boost::asio::thread_pool& pool, F f) -> boost::asio::awaitable<decltype(f())> {
  co_return co_await boost::asio::co_spawn(
      pool, [&]() -> boost::asio::awaitable<decltype(f())> { co_return f(); }, boost::asio::use_awaitable);
}

// After an error with the body unread: answer, stop sending, and (drain) read on a little so the
// client gets the answer instead of a reset.
boost::asio::awaitable<void> answer_and_close(boost::beast::tcp_stream& stream, StringResponse res, bool drain);
}  // namespace racesense::http
