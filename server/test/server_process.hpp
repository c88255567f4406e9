#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace racesense::test {

// racesense-server as a child process (the built binary), for what an in-process server cannot
// show: a lower open-files limit, SIGKILL at any moment, its log on stderr.
class ServerProcess {
 public:
  struct Options {
    std::filesystem::path data_dir;
    std::vector<std::string> extra_args;
    long open_files_limit = 0;  // RLIMIT_NOFILE for the child; 0 = inherit
  };
  explicit ServerProcess(Options options);  // returns once the server listens; throws otherwise
  ~ServerProcess();                         // SIGTERM, then SIGKILL if it does not stop

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string log() const;                  // everything written to stderr so far
  std::size_t log_lines() const;
  void kill_now();                          // SIGKILL and reap: a power cut for the process

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::filesystem::path log_path_;
};

// Polls a condition until it holds or the deadline passes (the server is another process).
bool eventually(const std::function<bool()>& condition, std::chrono::seconds within);

}  // namespace racesense::test
