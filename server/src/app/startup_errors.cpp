#include "app/startup_errors.hpp"

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

#include <filesystem>

namespace racesense {

std::string one_line(const std::string& message) {
  std::string line = message.substr(0, message.find('\n'));
  if (auto at = line.find(" [system:"); at != std::string::npos) line.erase(at);
  return line;
}

namespace {
std::string socket_error(const boost::system::error_code& code, const ServerConfig& c) {
  namespace err = boost::asio::error;
  std::string port = std::to_string(c.port);
  if (code == err::address_in_use)
    return "port " + port + " is already in use (another racesense-server?): stop that program or pass --port N (0 = any free port)";
  if (code == err::access_denied || code == err::no_permission)
    return "permission denied to listen on port " + port + " (ports below 1024 need root): pass --port 8080";
  if (code == boost::system::errc::address_not_available)
    return "--bind " + c.bind_address + " is not an address of this machine (0.0.0.0 = all, 127.0.0.1 = this machine only)";
  if (code == err::invalid_argument)
    return "--bind " + c.bind_address + " is not an IP address (0.0.0.0 = all, 127.0.0.1 = this machine only)";
  return "cannot listen on " + c.bind_address + ":" + port + ": " + code.message();
}
}  // namespace

std::string startup_error_message(const std::exception& e, const ServerConfig& config) {
  if (auto* fs_error = dynamic_cast<const std::filesystem::filesystem_error*>(&e)) {
    return "cannot use the data folder " + std::filesystem::absolute(config.data_dir).string() + ": " +
           fs_error->code().message() + " (pass --data-dir with a folder this user may write)";
  }
  if (auto* sys = dynamic_cast<const boost::system::system_error*>(&e)) return socket_error(sys->code(), config);
  return one_line(e.what());
}

}  // namespace racesense
