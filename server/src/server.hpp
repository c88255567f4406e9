#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "racesense/analysis/analysis.hpp"
#include "racesense/protocol.hpp"

namespace racesense {

struct ServerConfig {
  std::string bind_address = "0.0.0.0";
  std::uint16_t port = 8080;  // 0 = ephemeral
  std::filesystem::path data_dir = "data";
  std::filesystem::path web_dir = "web/dist";
  // 95 MB: under Cloudflare's 100 MB request-body cap (free plan), so a too-large file gets this
  // server's clear 413 rather than the tunnel's.
  std::uint64_t max_upload_bytes = 95ull << 20;
  std::optional<std::uint64_t> quota_bytes;  // simulates a small disk
  std::optional<std::string> token;          // upload token for this run; otherwise stored/generated
  bool save_token = false;                    // store `token` as the data folder's token
  std::optional<std::string> public_url;      // https base the phone opens; else <data-dir>/public-url
  std::uint16_t demo_link_port = 0;           // demo mode: rs-core-sim link the demo logger relays to
  int shutdown_grace_s = 20;                  // on SIGTERM, how long uploads in flight may take
  int idle_timeout_s = 45;
  std::size_t max_connections = 0;  // 0 = from the open-files limit
  int io_threads = 2;
  int blocking_threads = 4;  // fsync, SQLite, re-analysis after a track change
  std::int64_t min_lap_ms = analysis::kDefaultMinLapMs;
  std::uint64_t disk_reserve_bytes = 8ull << 20;  // free space never used by uploads
  std::optional<std::int64_t> db_max_pages;       // caps the database, to test a full disk at commit
  int tracks_poll_ms = 1000;                      // how often tracks.json is checked for edits
  std::chrono::seconds partial_expiry{std::chrono::hours(rs::protocol::kPartialUploadExpiryHours)};  // resumable uploads idle this long go
  bool log_requests = true;
  bool stop_on_signals = false;  // SIGINT/SIGTERM stop run() once uploads in flight are done
};

// racesense-server: storage, services and the HTTP listener wired together.
class Server {
 public:
  explicit Server(ServerConfig config);  // opens storage, binds the port; throws on failure
  ~Server();

  std::uint16_t port() const;
  const std::string& upload_token() const;
  std::size_t stray_files_removed() const;
  std::optional<std::string> public_url() const;
  // Called (on a network thread) when <data-dir>/public-url names a new address.
  void on_public_url_changed(std::function<void(const std::string&)> listener);
  // Stored files without a session found at start: adopted (hash verified) or removed.
  std::size_t files_adopted() const;
  std::size_t files_removed() const;

  void run();   // serves until stop(); blocks
  void stop();  // thread-safe

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The data folder's upload token (created when there is none): racesense-server --show-token.
std::string stored_upload_token(const std::filesystem::path& data_dir);

}  // namespace racesense
