#include "http/demo_link.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/websocket.hpp>

#include <memory>

#include "http/responses.hpp"
#include "http/site_state.hpp"
#include "util/text.hpp"

namespace racesense::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using service::ApiError;
using service::ErrorCode;

namespace {
constexpr std::size_t kMaxLine = 8 * 1024;  // a link line carries one ≤512-byte value in base64

struct Relay {
  websocket::stream<beast::tcp_stream> browser;
  asio::ip::tcp::socket sim;
  Relay(websocket::stream<beast::tcp_stream> b, asio::ip::tcp::socket s) : browser(std::move(b)), sim(std::move(s)) {}
  void close_both() {
    beast::error_code ec;
    sim.close(ec);
    beast::get_lowest_layer(browser).socket().close(ec);
  }
};

asio::awaitable<void> browser_to_sim(std::shared_ptr<Relay> r) {
  beast::error_code ec;
  for (;;) {
    beast::flat_buffer message;
    co_await r->browser.async_read(message, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    std::string line = beast::buffers_to_string(message.data());
    if (line.find('\n') != std::string::npos) break;  // one link line per message, nothing else
    line += '\n';
    co_await asio::async_write(r->sim, asio::buffer(line), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
  }
  r->close_both();
}

asio::awaitable<void> sim_to_browser(std::shared_ptr<Relay> r) {
  beast::error_code ec;
  std::string pending;
  for (;;) {
    auto n = co_await asio::async_read_until(r->sim, asio::dynamic_buffer(pending, kMaxLine), '\n',
                                             asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    std::string line = pending.substr(0, n - 1);
    pending.erase(0, n);
    r->browser.text(true);
    co_await r->browser.async_write(asio::buffer(line), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
  }
  r->close_both();
}

std::string query_token(std::string_view target) {
  auto q = target.find('?');
  if (q == std::string_view::npos) return {};
  auto params = util::parse_query(target.substr(q + 1));
  return params.count("token") ? params["token"] : std::string();
}

asio::awaitable<void> refuse(beast::tcp_stream& stream, const ApiError& e, unsigned version) {
  auto res = error_response(e, version, false);
  beast::error_code ec;
  co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
}
}  // namespace

bool is_demo_link_request(const bhttp::request<bhttp::empty_body>& head) {
  std::string_view t = head.target();
  return t.substr(0, t.find('?')) == kDemoLinkPath;
}

asio::awaitable<void> serve_demo_link(beast::tcp_stream stream, bhttp::request<bhttp::empty_body> head,
                                      AppContext& app) {
  if (!app.site || app.site->demo_link_port == 0) {
    co_await refuse(stream, ApiError(ErrorCode::NotFound, "Demo mode is off: start it with scripts/demo.sh."), head.version());
    co_return;
  }
  if (!websocket::is_upgrade(head)) {
    co_await refuse(stream, ApiError(ErrorCode::BadRequest, "The demo logger link is a WebSocket."), head.version());
    co_return;
  }
  if (!util::secure_equals(query_token(head.target()), app.token)) {
    co_await refuse(stream, unauthorized_error(), head.version());
    co_return;
  }
  auto executor = stream.get_executor();
  beast::error_code ec;
  asio::ip::tcp::socket sim(executor);
  co_await sim.async_connect({asio::ip::address_v4::loopback(), app.site->demo_link_port},
                             asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    co_await refuse(stream, ApiError(ErrorCode::Internal, "The simulated logger (rs-core-sim) is not running."), head.version());
    co_return;
  }
  websocket::stream<beast::tcp_stream> browser(std::move(stream));
  beast::get_lowest_layer(browser).expires_never();
  browser.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  browser.read_message_max(kMaxLine);
  co_await browser.async_accept(head, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return;
  auto relay = std::make_shared<Relay>(std::move(browser), std::move(sim));
  asio::co_spawn(executor, sim_to_browser(relay), asio::detached);
  co_await browser_to_sim(relay);
}

}  // namespace racesense::http
