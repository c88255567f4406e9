#pragma once

#include <exception>
#include <string>

#include "server.hpp"

namespace racesense {

// The first line of a message, without a trailing "[system:98 at /usr/include/…]" location.
std::string one_line(const std::string& message);

// One actionable line for what stopped the server from starting: port in use, permission denied,
// an address that is not this machine's, a data folder it cannot use.
std::string startup_error_message(const std::exception& e, const ServerConfig& config);

}  // namespace racesense
