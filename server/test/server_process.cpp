#include "server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "test_support.hpp"

namespace racesense::test {
namespace fs = std::filesystem;

namespace {
// Reads the child's stdout until "LISTENING port=N".
std::uint16_t wait_for_port(int fd, pid_t pid) {
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  char buf[512];
  while (std::chrono::steady_clock::now() < deadline) {
    auto at = out.find("LISTENING port=");
    if (at != std::string::npos && out.find('\n', at) != std::string::npos)
      return static_cast<std::uint16_t>(std::stoi(out.substr(at + 15)));
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 1000) < 0) break;
    if (!(p.revents & (POLLIN | POLLHUP))) continue;
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  throw std::runtime_error("racesense-server did not start: " + out);
}
}  // namespace

ServerProcess::ServerProcess(Options o) {
  log_path_ = o.data_dir.parent_path() / ("server-" + std::to_string(getpid()) + "-" +
                                          std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ".log");
  std::vector<std::string> argv = {RS_SERVER_BIN, "--port", "0", "--bind", "127.0.0.1", "--data-dir",
                                   o.data_dir.string(), "--token", TestServer::kToken, "--quiet",
                                   "--web-dir", (o.data_dir / "no-web").string()};
  argv.insert(argv.end(), o.extra_args.begin(), o.extra_args.end());
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ == 0) {
    if (o.open_files_limit > 0) {
      rlimit lim{static_cast<rlim_t>(o.open_files_limit), static_cast<rlim_t>(o.open_files_limit)};
      setrlimit(RLIMIT_NOFILE, &lim);
    }
    int log = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out[1], STDOUT_FILENO);
    dup2(log, STDERR_FILENO);
    for (int fd = 3; fd < 1024; ++fd) close(fd);  // no test sockets leak into the server's limit
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(out[1]);
  try {
    port_ = wait_for_port(out[0], pid_);
  } catch (...) {
    close(out[0]);
    throw;
  }
  close(out[0]);  // the server writes nothing more to stdout after announcing itself
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 100; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        break;
      }
      pollfd none{-1, 0, 0};
      poll(&none, 0, 50);  // waiting for the process to exit, bounded
    }
    if (pid_ > 0) kill_now();
  }
  std::error_code ec;
  fs::remove(log_path_, ec);
}

void ServerProcess::kill_now() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

std::string ServerProcess::log() const { return read_file(log_path_); }

std::size_t ServerProcess::log_lines() const {
  std::string l = log();
  return static_cast<std::size_t>(std::count(l.begin(), l.end(), '\n'));
}

bool eventually(const std::function<bool()>& condition, std::chrono::seconds within) {
  auto deadline = std::chrono::steady_clock::now() + within;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    RawClient::pause_ms(20);
  }
  return condition();
}

}  // namespace racesense::test
