#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstddef>

#include "http/app_context.hpp"

namespace racesense::http {

struct ListenerLimits {
  // Connections served at once; one more is answered 503 and closed. 0 = derived from the
  // open-files limit (see connection_cap).
  std::size_t max_connections = 0;
  // Pause after a failed accept (EMFILE, ENFILE, ENOBUFS…), doubling up to max_backoff.
  std::chrono::milliseconds first_backoff{10};
  std::chrono::milliseconds max_backoff{1000};
};

// The connection cap to use: the configured one, or the open-files limit minus a reserve kept for
// the database, session files and the busy answers themselves.
std::size_t connection_cap(std::size_t configured);

// Accepts connections until the acceptor closes; each is served by its own coroutine so slow
// uploads never block other requests. Never spins: accept failures back off and are logged once
// per episode, and connections over the cap get a 503 instead of exhausting descriptors.
boost::asio::awaitable<void> accept_loop(boost::asio::ip::tcp::acceptor& acceptor, AppContext& app,
                                         ListenerLimits limits);

}  // namespace racesense::http
