#include "http/listener.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstdio>

#include "http/connection.hpp"

namespace racesense::http {
namespace asio = boost::asio;

asio::awaitable<void> accept_loop(asio::ip::tcp::acceptor& acceptor, AppContext& app) {
  for (;;) {
    boost::system::error_code ec;
    auto socket = co_await acceptor.async_accept(asio::make_strand(acceptor.get_executor()),
                                                 asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::operation_aborted) co_return;
    if (ec) {
      std::fprintf(stderr, "accept failed: %s\n", ec.message().c_str());
      continue;
    }
    auto executor = socket.get_executor();
    asio::co_spawn(executor, serve_connection(std::move(socket), app), asio::detached);
  }
}

}  // namespace racesense::http
