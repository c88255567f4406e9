#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "http/app_context.hpp"

namespace racesense::http {

// Serves one keep-alive connection until the client closes it, an idle timeout fires or an error
// forces a close.
boost::asio::awaitable<void> serve_connection(boost::asio::ip::tcp::socket socket, AppContext& app);

}  // namespace racesense::http
