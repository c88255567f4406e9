#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "http/app_context.hpp"

namespace racesense::http {

// Accepts connections forever; each is served by its own coroutine so slow uploads never block
// other requests.
boost::asio::awaitable<void> accept_loop(boost::asio::ip::tcp::acceptor& acceptor, AppContext& app);

}  // namespace racesense::http
