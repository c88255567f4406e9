#include "link_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "link_server.hpp"

namespace rs::host {
using nlohmann::json;

LinkClient::LinkClient(int port, int timeout_s) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  timeval tv{timeout_s, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) fd_ = fd;
  else if (fd >= 0) ::close(fd);
}

LinkClient::~LinkClient() {
  if (fd_ >= 0) ::close(fd_);
}

json LinkClient::next_line() {
  for (;;) {
    auto nl = buf_.find('\n');
    if (nl != std::string::npos) {
      std::string line = buf_.substr(0, nl);
      buf_.erase(0, nl + 1);
      return json::parse(line, nullptr, false);
    }
    char chunk[2048];
    ssize_t n = fd_ < 0 ? -1 : ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return nullptr;
    buf_.append(chunk, static_cast<std::size_t>(n));
  }
}

bool LinkClient::send_line(const std::string& line) {
  std::string framed = line + "\n";
  return fd_ >= 0 && ::send(fd_, framed.data(), framed.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(framed.size());
}

json LinkClient::request(json req) {
  if (!req.contains("id")) req["id"] = next_id_++;
  json id = req["id"];
  if (!send_line(req.dump())) return nullptr;
  for (json j = next_line(); !j.is_null(); j = next_line())
    if (j.contains("id") && j["id"] == id) return j;
  return nullptr;
}

GattOps LinkClient::gatt() {
  auto reply = [](const json& a) {
    AttReply r;
    if (a.is_null()) return AttReply{0x0E, ""};  // unlikely error: the link is gone
    if (!a.value("ok", false)) r.att_error = a.value("att_error", 0x0E);
    else base64_decode(a.value("data", ""), r.value);
    return r;
  };
  return {[this, reply](const std::string& ch) { return reply(request({{"op", "read"}, {"char", ch}})); },
          [this, reply](const std::string& ch, const std::string& value) {
            return reply(request({{"op", "write"}, {"char", ch}, {"data", base64_encode(value)}}));
          }};
}

}  // namespace rs::host
