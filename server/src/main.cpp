// racesense-server: the team laptop's end of Paddock Sync.
#include <CLI/CLI.hpp>

#include <malloc.h>

#include <csignal>
#include <cstdio>
#include <iostream>

#include "rscore/protocol.hpp"
#include "server.hpp"

namespace {
void announce(const racesense::Server& server, const racesense::ServerConfig& config) {
  const std::string& key = server.upload_token();
  std::cout << "LISTENING port=" << server.port() << "\n"
            << "RaceSense server on http://localhost:" << server.port() << "/\n"
            << "Open on this laptop or through your tunnel: http://localhost:" << server.port()
            << "/?token=" << key << "\n"
            << "Upload token (Authorization: Bearer): " << key << "\n"
            << "Data folder: " << std::filesystem::absolute(config.data_dir).string() << "\n";
  std::cout.flush();
}
}  // namespace

int main(int argc, char** argv) {
  racesense::ServerConfig config;
  CLI::App app{"racesense-server: receives RS-Core session uploads, finds the laps, serves the web app"};
  std::uint64_t max_upload_mb = 100;
  std::uint64_t quota_mb = 0;
  std::string fixed_token;
  double min_lap_s = static_cast<double>(config.min_lap_ms) / 1000;
  app.add_option("--port", config.port, "TCP port (0 = pick a free one)")->capture_default_str();
  app.add_option("--bind", config.bind_address, "Address to listen on")->capture_default_str();
  app.add_option("--data-dir", config.data_dir, "Folder for the database, session files and tracks.json")->capture_default_str();
  app.add_option("--web-dir", config.web_dir, "Built web app to serve at /")->capture_default_str();
  app.add_option("--max-upload-mb", max_upload_mb, "Largest accepted upload in MB")->capture_default_str();
  app.add_option("--quota-mb", quota_mb, "Cap on stored bytes in MB (0 = only the disk's free space)");
  app.add_option("--token", fixed_token, "Use this upload token instead of the stored/generated one");
  app.add_option("--idle-timeout-s", config.idle_timeout_s, "Seconds without a byte before a connection is dropped")->capture_default_str();
  app.add_option("--max-connections", config.max_connections,
                 "Connections served at once, more get 503 (0 = open-files limit minus a reserve)")->capture_default_str();
  app.add_option("--threads", config.io_threads, "Network threads")->capture_default_str();
  app.add_option("--min-lap-s", min_lap_s, "Crossings closer than this many seconds are ignored")->capture_default_str();
  double partial_expiry_h = rs::protocol::kPartialUploadExpiryHours;
  app.add_option("--partial-expiry-h", partial_expiry_h,
                 "Hours a resumable upload is kept after its last byte, waiting for the rest")->capture_default_str();
  app.add_flag("--quiet", [&](std::int64_t) { config.log_requests = false; }, "Do not log requests");
  CLI11_PARSE(app, argc, argv);
  mallopt(M_ARENA_MAX, 2);  // one malloc arena per thread would hold memory the server no longer uses

  config.max_upload_bytes = max_upload_mb << 20;
  if (quota_mb > 0) config.quota_bytes = quota_mb << 20;
  if (!fixed_token.empty()) config.token = fixed_token;
  config.min_lap_ms = static_cast<std::int64_t>(min_lap_s * 1000);
  config.partial_expiry = std::chrono::seconds(static_cast<std::int64_t>(partial_expiry_h * 3600));
  config.stop_on_signals = true;
  try {
    racesense::Server server(config);
    std::signal(SIGPIPE, SIG_IGN);
    announce(server, config);
    server.run();
  } catch (const std::exception& e) {
    std::cerr << "racesense-server: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
