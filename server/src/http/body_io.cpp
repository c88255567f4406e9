#include "http/body_io.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <array>

#include "http/upload_pipeline.hpp"

namespace racesense::http {
namespace asio = boost::asio;
namespace beast = boost::beast;

asio::awaitable<bool> stream_exact(beast::tcp_stream& stream, beast::flat_buffer& buffer, std::uint64_t left,
                                   UploadPipeline& pipe, std::chrono::seconds idle) {
  while (left > 0 && buffer.size() > 0) {  // bytes that arrived with the head
    auto room = co_await pipe.space();
    std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>({room.size(), buffer.size(), left}));
    asio::buffer_copy(asio::buffer(room.data(), n), buffer.data());
    buffer.consume(n);
    pipe.fill(n);
    left -= n;
  }
  while (left > 0) {
    auto room = co_await pipe.space();
    std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(room.size(), left));
    beast::error_code ec;
    stream.expires_after(idle);  // idle timeout between bytes, no total deadline
    std::size_t n = co_await stream.async_read_some(asio::buffer(room.data(), want),
                                                    asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return false;
    pipe.fill(n);
    left -= n;
  }
  co_return true;
}

asio::awaitable<void> answer_and_close(beast::tcp_stream& stream, StringResponse res, bool drain) {
  beast::error_code ec;
  res.keep_alive(false);
  co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  std::array<char, 16 * 1024> scratch;
  std::size_t drained = 0;
  stream.expires_after(std::chrono::seconds(2));
  while (drain && !ec && drained < (4u << 20))
    drained += co_await stream.async_read_some(asio::buffer(scratch), asio::redirect_error(asio::use_awaitable, ec));
}
}  // namespace racesense::http
