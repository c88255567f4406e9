#include "http/connection.hpp"

#include <limits>
#include <optional>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "http/demo_link.hpp"
#include "http/responses.hpp"
#include "http/resumable_routes.hpp"
#include "http/routes.hpp"
#include "http/site_info.hpp"
#include "http/site_state.hpp"
#include "http/upload_reader.hpp"
#include "racesense/protocol.hpp"

namespace racesense::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
using service::ApiError;
using service::ErrorCode;

namespace {
constexpr std::uint64_t kMaxSmallBody = 1 << 20;

bool is_upload(const bhttp::request<bhttp::empty_body>& req) {
  std::string_view target = req.target();
  return req.method() == bhttp::verb::post && target.substr(0, target.find('?')) == rs::protocol::kUploadPath;
}

bool draining(const AppContext& app) { return app.site && app.site->drain.draining; }

// Shutting down (SIGTERM): a new request on a kept-alive connection is refused; the logger retries.
asio::awaitable<void> refuse_while_draining(beast::tcp_stream& stream, unsigned version) {
  auto res = error_response(ApiError(ErrorCode::Unavailable, "The server is shutting down; try again in a moment."), version, false);
  beast::error_code ec;
  co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
}

// Reads the rest of an ordinary request (small body) and answers it. Returns keep-alive.
asio::awaitable<bool> handle_small(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                   HeaderParser& header_parser, AppContext& app) {
  unsigned version = header_parser.get().version();
  auto length = header_parser.content_length();
  std::optional<StringResponse> refused;
  try {
    check_transfer_encoding(header_parser.get());
    if (length && *length > kMaxSmallBody) throw ApiError(ErrorCode::TooLarge, "Request body too large.");
  } catch (const ApiError& e) {
    refused = error_response(e, version, false);
  }
  if (refused) {
    co_await bhttp::async_write(stream, *refused, asio::use_awaitable);
    co_return false;
  }
  if (expects_continue(header_parser.get())) {
    bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, version};
    co_await bhttp::async_write(stream, cont, asio::use_awaitable);
  }
  bhttp::request_parser<bhttp::string_body> parser(std::move(header_parser));
  parser.body_limit(kMaxSmallBody);
  stream.expires_after(app.idle_timeout);
  beast::error_code ec;
  co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  if (is_malformed_request(ec) || ec == bhttp::error::body_limit) {
    auto code = ec == bhttp::error::body_limit ? ErrorCode::TooLarge : ErrorCode::BadRequest;
    auto res = error_response(ApiError(code, "Malformed request body: " + ec.message() + "."), version, false);
    co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
    co_return false;
  }
  if (ec) co_return false;
  auto req = parser.release();
  bool keep_alive = req.keep_alive() && !draining(app);
  beast::error_code remote_ec;
  auto remote = stream.socket().remote_endpoint(remote_ec);
  if (!remote_ec) warn_if_insecure_page_load(req, remote.address(), app);
  // Routes touch SQLite and the disk: they run on the blocking pool, not on this network thread.
  auto res = co_await asio::co_spawn(
      app.blocking, [&]() -> asio::awaitable<AnyResponse> { co_return handle_request(req, app); },
      asio::use_awaitable);
  co_await std::visit([&](auto& r) { return bhttp::async_write(stream, r, asio::use_awaitable); }, res);
  co_return keep_alive;
}

asio::awaitable<bool> dispatch(beast::tcp_stream& stream, beast::flat_buffer& buffer, HeaderParser& header_parser,
                               AppContext& app) {
  if (draining(app)) {
    co_await refuse_while_draining(stream, header_parser.get().version());
    co_return false;
  }
  if (is_demo_link_request(header_parser.get())) {
    co_await serve_demo_link(std::move(stream), header_parser.release(), app);
    co_return false;
  }
  bool resumable = is_resumable(header_parser.get(), app);
  if (!resumable && !is_upload(header_parser.get())) co_return co_await handle_small(stream, buffer, header_parser, app);
  std::optional<UploadInFlight> counted;
  if (app.site) counted.emplace(app.site->drain);
  bool keep_alive = resumable ? co_await handle_resumable(stream, buffer, header_parser, app)
                              : co_await handle_upload(stream, buffer, header_parser, app);
  co_return keep_alive && !draining(app);
}
}  // namespace

asio::awaitable<void> serve_connection(asio::ip::tcp::socket socket, AppContext& app) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  try {
    for (bool keep_alive = true; keep_alive;) {
      HeaderParser header_parser;
      header_parser.header_limit(16 * 1024);
      // No limit while reading the head (boost::none is mis-compared in Boost 1.74); routes set their own.
      header_parser.body_limit(std::numeric_limits<std::uint64_t>::max());
      stream.expires_after(app.idle_timeout);
      beast::error_code ec;
      co_await bhttp::async_read_header(stream, buffer, header_parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::eof) break;
      if (ec) {
        auto res = error_response(malformed_head_error(ec), 11, false);
        co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
        break;
      }
      keep_alive = co_await dispatch(stream, buffer, header_parser, app);
    }
  } catch (const std::exception&) {
    // The peer went away mid-write or the socket failed: nothing more to do on this connection.
  }
  beast::error_code ec;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  stream.socket().close(ec);
}

}  // namespace racesense::http
