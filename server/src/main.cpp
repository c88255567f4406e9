// racesense-server: the team laptop's end of Paddock Sync.
#include <CLI/CLI.hpp>

#include <malloc.h>

#include <csignal>
#include <cstdio>
#include <iostream>

#include "app/public_url.hpp"
#include "app/startup_errors.hpp"
#include "racesense/protocol.hpp"
#include "server.hpp"
#include "version.hpp"

namespace {
struct Options {
  racesense::ServerConfig config;
  std::uint64_t max_upload_mb = 95;
  std::uint64_t quota_mb = 0;
  std::string token;
  std::string public_url;
  double min_lap_s = static_cast<double>(racesense::ServerConfig{}.min_lap_ms) / 1000;
  bool hide_token = false;
  bool show_token = false;
  double partial_expiry_h = rs::protocol::kPartialUploadExpiryHours;
};

void add_options(CLI::App& app, Options& o) {
  auto& c = o.config;
  app.set_version_flag("--version", std::string("racesense-server ") + racesense::kServerVersion);
  app.add_option("--port", c.port, "TCP port (0 = pick a free one)")->capture_default_str()->check(CLI::Range(0, 65535));
  app.add_option("--bind", c.bind_address, "Address to listen on")->capture_default_str();
  app.add_option("--data-dir", c.data_dir, "Folder for the database, session files and tracks.json")->capture_default_str();
  app.add_option("--web-dir", c.web_dir, "Built web app to serve at /")->capture_default_str();
  app.add_option("--max-upload-mb", o.max_upload_mb,
                 "Largest accepted upload in MB (Cloudflare's free plan caps a request at 100 MB)")
      ->capture_default_str()->check(CLI::Range(1, 1 << 20));
  app.add_option("--quota-mb", o.quota_mb, "Cap on stored bytes in MB (0 = only the disk's free space)");
  app.add_option("--token", o.token, "Upload token for this run only (the stored one stays unless --save-token)");
  app.add_flag("--save-token", c.save_token, "Store --token as the data folder's token for later runs");
  app.add_flag("--show-token", o.show_token, "Print the data folder's upload token and exit");
  app.add_flag("--hide-token", o.hide_token, "Do not print the token at start (services: the journal keeps output)");
  app.add_option("--public-url", o.public_url,
                 "https address the phone opens (tunnel); default: <data-dir>/public-url, written by scripts/tunnel.sh");
  app.add_option("--demo-link-port", c.demo_link_port,
                 "Demo mode: relay the web app's demo logger to rs-core-sim's link on this port (scripts/demo.sh)");
  app.add_option("--shutdown-grace-s", c.shutdown_grace_s, "On SIGTERM, seconds uploads in flight may take to finish")
      ->capture_default_str()->check(CLI::Range(0, 3600));
  app.add_option("--idle-timeout-s", c.idle_timeout_s, "Seconds without a byte before a connection is dropped")
      ->capture_default_str()->check(CLI::Range(1, 3600));
  app.add_option("--max-connections", c.max_connections,
                 "Connections served at once, more get 503 (0 = open-files limit minus a reserve)")->capture_default_str();
  app.add_option("--threads", c.io_threads, "Network threads")->capture_default_str()->check(CLI::Range(1, 64));
  app.add_option("--min-lap-s", o.min_lap_s, "Crossings closer than this many seconds are ignored")
      ->capture_default_str()->check(CLI::Range(0.0, 3600.0));
  app.add_option("--partial-expiry-h", o.partial_expiry_h,
                 "Hours a resumable upload is kept after its last byte, waiting for the rest")
      ->capture_default_str()->check(CLI::Range(0.0, 24.0 * 365));
  app.add_flag("--quiet", [&](std::int64_t) { c.log_requests = false; }, "Do not log requests");
}

// Fills the config from the parsed options; throws std::invalid_argument on a bad value.
void finish_config(Options& o) {
  auto& c = o.config;
  c.max_upload_bytes = o.max_upload_mb << 20;
  if (o.quota_mb > 0) c.quota_bytes = o.quota_mb << 20;
  if (!o.token.empty()) c.token = o.token;
  if (c.save_token && !c.token) throw std::invalid_argument("--save-token needs --token");
  if (!o.public_url.empty()) {
    c.public_url = racesense::normalized_public_url(o.public_url);
    if (!c.public_url)
      throw std::invalid_argument("--public-url must be an https address such as https://paddock.example.com");
  }
  c.min_lap_ms = static_cast<std::int64_t>(o.min_lap_s * 1000);
  c.partial_expiry = std::chrono::seconds(static_cast<std::int64_t>(o.partial_expiry_h * 3600));
  c.stop_on_signals = true;
}

std::string phone_link(const std::string& base, const std::string& token, bool hide) {
  return base + "/?token=" + (hide ? std::string("<token: racesense-server --show-token>") : token);
}

void announce(const racesense::Server& server, const Options& o) {
  const std::string& key = server.upload_token();
  std::string local = "http://localhost:" + std::to_string(server.port());
  std::cout << "LISTENING port=" << server.port() << "\n"
            << "RaceSense server on " << local << "/\n"
            << "Open on this laptop: " << phone_link(local, key, o.hide_token) << "\n";
  if (auto url = server.public_url())
    std::cout << "Open on the phone (https): " << phone_link(*url, key, o.hide_token) << "\n";
  else
    std::cout << "Open on the phone: an https address is needed (Web Bluetooth): start a tunnel with "
                 "scripts/tunnel.sh or pass --public-url (docs/tunnel.md)\n";
  if (!o.hide_token) std::cout << "Upload token (Authorization: Bearer): " << key << "\n";
  if (o.config.demo_link_port)
    std::cout << "Demo mode: the web app offers a demo logger (rs-core-sim on link port " << o.config.demo_link_port << ")\n";
  std::cout << "Data folder: " << std::filesystem::absolute(o.config.data_dir).string() << "\n";
  std::cout.flush();
}
}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"racesense-server: receives RS-Core session uploads, finds the laps, serves the web app"};
  add_options(app, o);
  try {
    app.parse(argc, argv);
    finish_config(o);
    mallopt(M_ARENA_MAX, 2);  // one malloc arena per thread would hold memory the server no longer uses
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    std::cerr << "racesense-server: " << racesense::one_line(e.what()) << " (see --help)\n";
    return 2;
  } catch (const std::invalid_argument& e) {
    std::cerr << "racesense-server: " << e.what() << "\n";
    return 2;
  }
  try {
    if (o.show_token) {
      std::cout << racesense::stored_upload_token(o.config.data_dir) << "\n";
      return 0;
    }
    racesense::Server server(o.config);
    std::signal(SIGPIPE, SIG_IGN);
    server.on_public_url_changed([&](const std::string& url) {
      std::cout << "Open on the phone (https, from the tunnel): " << phone_link(url, server.upload_token(), o.hide_token)
                << std::endl;
    });
    announce(server, o);
    server.run();
    std::cerr << "racesense-server stopped.\n";
  } catch (const std::exception& e) {
    std::cerr << "racesense-server: " << racesense::startup_error_message(e, o.config) << "\n";
    return 1;
  }
  return 0;
}
