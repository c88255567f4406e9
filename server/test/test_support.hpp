#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "server.hpp"

namespace racesense::test {

// A fresh temporary folder, removed at the end of the test.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// racesense-server in this process, on an ephemeral loopback port, with its own data folder.
class TestServer {
 public:
  static constexpr const char* kToken = "test-token-0123456789";
  explicit TestServer(const std::filesystem::path& data_dir, ServerConfig overrides = {});
  ~TestServer();

  std::uint16_t port() const { return server_->port(); }
  std::string url(const std::string& path) const;
  Server& server() { return *server_; }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

struct HttpResult {
  int status = 0;
  std::string body;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

// Runs a program, returns its exit code; captures stdout.
int run_process(const std::vector<std::string>& argv, std::string* out = nullptr);

// curl as the client: `curl -sS <args>`; status from -w.
HttpResult curl(const std::vector<std::string>& args);
std::vector<std::string> auth_header();

std::string read_file(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, const std::string& bytes);
std::string sha256_hex(const std::string& bytes);
std::size_t count_files(const std::filesystem::path& dir);

// A raw TCP client for what curl cannot do (cut a body, watch 100-continue).
class RawClient {
 public:
  explicit RawClient(std::uint16_t port);
  ~RawClient();
  void send(const std::string& bytes);
  // Reads until the end of the response headers (and the body by Content-Length), bounded by timeout.
  std::string read_response(int timeout_ms = 10000);
  bool wait_closed(int timeout_ms);  // true when the server closed the connection
  static void pause_ms(int ms);      // between polls of another process's state
  void close();
  void end_sending();  // half-close (FIN): the server reads what was sent, then sees the end
  void reset();  // close with RST (SO_LINGER 0), as a dropped link looks

 private:
  int fd_ = -1;
  std::string pending_;
};

}  // namespace racesense::test
