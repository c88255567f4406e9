#include "test_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "util/sha256.hpp"

namespace racesense::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "rs-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

TestServer::TestServer(const fs::path& data_dir, ServerConfig config) {
  config.bind_address = "127.0.0.1";
  config.port = 0;
  config.data_dir = data_dir;
  if (config.web_dir == ServerConfig{}.web_dir) config.web_dir = data_dir / "no-web";
  if (!config.token) config.token = kToken;
  config.log_requests = false;
  server_ = std::make_unique<Server>(config);
  thread_ = std::thread([this] { server_->run(); });
}

TestServer::~TestServer() {
  server_->stop();
  thread_.join();
  server_.reset();
}

std::string TestServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port()) + path;
}

int run_process(const std::vector<std::string>& argv, std::string* out) {
  int pipefd[2];
  if (pipe(pipefd) != 0) throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid == 0) {
    dup2(pipefd[1], STDOUT_FILENO);
    close(pipefd[0]);
    close(pipefd[1]);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(pipefd[1]);
  std::string captured;
  char buf[65536];
  ssize_t n;
  while ((n = read(pipefd[0], buf, sizeof buf)) > 0) captured.append(buf, static_cast<std::size_t>(n));
  close(pipefd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (out) *out = captured;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

HttpResult curl(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"curl", "-sS", "--max-time", "60", "-w", "\n%{http_code}"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string out;
  run_process(argv, &out);
  HttpResult r;
  auto nl = out.rfind('\n');
  if (nl == std::string::npos) return r;
  r.status = std::atoi(out.c_str() + nl + 1);
  r.body = out.substr(0, nl);
  return r;
}

std::vector<std::string> auth_header() {
  return {"-H", std::string("Authorization: Bearer ") + TestServer::kToken};
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::string sha256_hex(const std::string& bytes) {
  util::Sha256 sha;
  sha.update(bytes.data(), bytes.size());
  return sha.hex_digest();
}

std::size_t count_files(const fs::path& dir) {
  std::size_t n = 0;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); ++it) ++n;
  return n;
}

RawClient::RawClient(std::uint16_t port) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    throw std::runtime_error("connect failed");
}

RawClient::~RawClient() { close(); }

void RawClient::send(const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("send failed");
    sent += static_cast<std::size_t>(n);
  }
}

std::string RawClient::read_response(int timeout_ms) {
  char buf[4096];
  for (;;) {
    auto end = pending_.find("\r\n\r\n");
    if (end != std::string::npos) {
      std::size_t body = 0;
      auto cl = pending_.find("Content-Length: ");
      if (cl != std::string::npos && cl < end) body = std::strtoul(pending_.c_str() + cl + 16, nullptr, 10);
      if (pending_.size() >= end + 4 + body) {
        std::string response = pending_.substr(0, end + 4 + body);
        pending_.erase(0, end + 4 + body);
        return response;
      }
    }
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return "";
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return "";
    pending_.append(buf, static_cast<std::size_t>(n));
  }
}

bool RawClient::wait_closed(int timeout_ms) {
  char buf[4096];
  for (;;) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return false;
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return true;
  }
}

void RawClient::pause_ms(int ms) { poll(nullptr, 0, ms); }

void RawClient::reset() {
  if (fd_ < 0) return;
  linger l{1, 0};
  setsockopt(fd_, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  close();
}

void RawClient::end_sending() {
  if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
}

void RawClient::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

}  // namespace racesense::test
