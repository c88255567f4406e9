#include "link_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <poll.h>
#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "rscore/advertising.hpp"
#include "racesense/protocol.hpp"

namespace rs::host {

std::string base64_encode(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool base64_decode(const std::string& text, std::string& out) {
  if (text.size() % 4 != 0) return false;
  out.assign(3 * text.size() / 4, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return false;
  std::size_t pad = text.empty() ? 0 : (text.back() == '=') + (text.size() > 1 && text[text.size() - 2] == '=');
  out.resize(static_cast<std::size_t>(n) - pad);
  return true;
}

LinkServer::LinkServer(int port) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 4) != 0)
    throw std::runtime_error("cannot listen on 127.0.0.1:" + std::to_string(port));
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
}

LinkServer::~LinkServer() { stop(); }

void LinkServer::stop() {
  stopping_ = true;
  if (listen_fd_ >= 0) ::shutdown(listen_fd_, SHUT_RDWR);
  std::lock_guard<std::mutex> lock(write_mu_);
  if (client_fd_ >= 0) ::shutdown(client_fd_, SHUT_RDWR);
}

void LinkServer::serve() {
  while (!stopping_) {
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (stopping_) break;
      continue;
    }
    serve_client(fd);
  }
  ::close(listen_fd_);
  listen_fd_ = -1;
}

void LinkServer::serve_client(int fd) {
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    client_fd_ = fd;
  }
  std::string pending;
  char buf[4096];
  for (;;) {
    // A new central waiting on the listening socket replaces this one.
    pollfd fds[2] = {{fd, POLLIN, 0}, {listen_fd_, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[1].revents != 0 && !(fds[0].revents & POLLIN)) break;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    pending.append(buf, static_cast<std::size_t>(n));
    for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n')) {
      std::string line = pending.substr(0, nl);
      pending.erase(0, nl + 1);
      if (!line.empty()) send_line(handle_line(line));
    }
    if (pending.size() > (1 << 20)) break;  // a line that never ends: drop the central
  }
  if (dispatch_) dispatch_->disconnected();  // the central is gone, as when the radio link drops
  std::lock_guard<std::mutex> lock(write_mu_);
  ::close(fd);
  client_fd_ = -1;
}

void LinkServer::send_line(const std::string& line) {
  std::lock_guard<std::mutex> lock(write_mu_);
  if (client_fd_ < 0) return;
  std::string data = line + "\n";
  for (std::size_t sent = 0; sent < data.size();) {
    ssize_t n = ::send(client_fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
}

void LinkServer::notify_status(const std::string& value) {
  send_line(nlohmann::json{{"event", "notify"}, {"char", "5002"}, {"data", base64_encode(value)}}.dump());
}

}  // namespace rs::host
