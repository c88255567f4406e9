#include "http/listener.hpp"

#include <sys/resource.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>

#include "http/connection.hpp"
#include "http/responses.hpp"

namespace racesense::http {
namespace asio = boost::asio;
namespace beast = boost::beast;

namespace {
constexpr std::size_t kReservedDescriptors = 64;
constexpr std::size_t kMinimumCap = 8;

// Connections over the cap are told to come back later instead of being left in the backlog.
asio::awaitable<void> answer_busy(asio::ip::tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  auto res = error_response(
      service::ApiError(service::ErrorCode::Busy, "The server is at its connection limit; retry in a few seconds."),
      11, false);
  res.set(bhttp::field::retry_after, "5");
  stream.expires_after(std::chrono::seconds(5));
  beast::error_code ec;
  co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
}

// Logs the first failure of an episode and the recovery, nothing in between.
class AcceptTrouble {
 public:
  explicit AcceptTrouble(const ListenerLimits& limits) : limits_(limits), delay_(limits.first_backoff) {}

  std::chrono::milliseconds failed(const boost::system::error_code& ec, std::size_t open) {
    if (failures_++ == 0)
      std::fprintf(stderr, "accept failed: %s (%zu connections open); backing off, retrying up to every %lld ms\n",
                   ec.message().c_str(), open, static_cast<long long>(limits_.max_backoff.count()));
    auto wait = delay_;
    delay_ = std::min(delay_ * 2, limits_.max_backoff);
    return wait;
  }

  void succeeded() {
    if (failures_ > 0) std::fprintf(stderr, "accepting again after %zu failed accepts\n", failures_);
    failures_ = 0;
    delay_ = limits_.first_backoff;
  }

 private:
  const ListenerLimits& limits_;
  std::chrono::milliseconds delay_;
  std::size_t failures_ = 0;
};
}  // namespace

std::size_t connection_cap(std::size_t configured) {
  if (configured > 0) return configured;
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur == RLIM_INFINITY) return 4096;
  auto files = static_cast<std::size_t>(lim.rlim_cur);
  return files > kReservedDescriptors + kMinimumCap ? files - kReservedDescriptors : kMinimumCap;
}

asio::awaitable<void> accept_loop(asio::ip::tcp::acceptor& acceptor, AppContext& app, ListenerLimits limits) {
  const std::size_t cap = connection_cap(limits.max_connections);
  auto open = std::make_shared<std::atomic<std::size_t>>(0);
  AcceptTrouble trouble(limits);
  bool at_cap_logged = false;
  asio::steady_timer pause(acceptor.get_executor());
  for (;;) {
    boost::system::error_code ec;
    auto socket = co_await acceptor.async_accept(asio::make_strand(acceptor.get_executor()),
                                                 asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec == asio::error::connection_aborted) continue;  // the peer gave up while queued
    if (ec) {
      pause.expires_after(trouble.failed(ec, open->load()));
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    trouble.succeeded();
    auto executor = socket.get_executor();
    if (open->load() >= cap) {
      if (!at_cap_logged) std::fprintf(stderr, "connection limit %zu reached; answering 503 until some close\n", cap);
      at_cap_logged = true;
      asio::co_spawn(executor, answer_busy(std::move(socket)), asio::detached);
      continue;
    }
    if (at_cap_logged) std::fprintf(stderr, "below the connection limit again\n");
    at_cap_logged = false;
    ++*open;
    asio::co_spawn(executor, serve_connection(std::move(socket), app), [open](std::exception_ptr) { --*open; });
  }
}

}  // namespace racesense::http
