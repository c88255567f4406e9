#include "server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cstdio>
#include <thread>
#include <vector>

#include "app/public_url.hpp"
#include "http/listener.hpp"
#include "service/session_admin.hpp"
#include "http/site_state.hpp"
#include "service/recovery.hpp"
#include "service/resumable_uploads.hpp"
#include "service/session_service.hpp"
#include "service/trace_service.hpp"
#include "service/venues.hpp"
#include "service/upload_service.hpp"
#include "storage/blob_store.hpp"
#include "storage/database.hpp"
#include "storage/partial_store.hpp"
#include "storage/session_repository.hpp"
#include "storage/track_store.hpp"
#include "util/text.hpp"

namespace racesense {
namespace asio = boost::asio;

namespace {
// --token applies to this run only, unless --save-token makes it the data folder's token.
std::string load_or_create_token(storage::SessionRepository& repo, const std::optional<std::string>& fixed,
                                 bool save) {
  if (fixed && save) repo.set_setting("upload_token", *fixed);
  if (fixed) return *fixed;
  if (auto stored = repo.setting("upload_token")) return *stored;
  std::string fresh = util::random_hex(16);
  repo.set_setting("upload_token", fresh);
  return fresh;
}

std::filesystem::path prepared(const std::filesystem::path& dir) {
  storage::make_private_directory(dir);
  return dir;
}

// Notices edits of tracks.json made on disk and re-analyses the venues they touch.
asio::awaitable<void> watch_tracks_file(service::Venues& venues, asio::thread_pool& blocking,
                                        std::chrono::milliseconds period) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    timer.expires_after(period);
    co_await timer.async_wait(asio::use_awaitable);
    co_await asio::co_spawn(blocking, [&]() -> asio::awaitable<void> {
      try {
        auto reanalysed = venues.reload_tracks_file();
        if (!reanalysed.empty())
          std::fprintf(stderr, "tracks.json changed: %zu sessions re-analysed\n", reanalysed.size());
      } catch (const std::exception& e) {
        std::fprintf(stderr, "tracks.json ignored until fixed: %s\n", e.what());
      }
      co_return;
    }, asio::use_awaitable);
  }
}
// Removes resumable uploads nobody continued within their expiry.
asio::awaitable<void> sweep_partials(service::ResumableUploads& uploads, asio::thread_pool& blocking,
                                     std::chrono::seconds period) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    timer.expires_after(period);
    co_await timer.async_wait(asio::use_awaitable);
    co_await asio::co_spawn(blocking, [&]() -> asio::awaitable<void> {
      if (auto n = uploads.sweep()) std::fprintf(stderr, "%zu expired partial uploads removed\n", n);
      co_return;
    }, asio::use_awaitable);
  }
}
}  // namespace

struct Server::Impl {
  ServerConfig config;
  storage::Database db;
  storage::SessionRepository repo{db};
  storage::BlobStore blobs;
  storage::TrackStore tracks;
  service::Venues venues;
  service::UploadService uploads;
  storage::PartialStore partials;
  service::ResumableUploads resumable;
  service::SessionService sessions{repo, blobs, venues};
  service::TraceService traces{sessions};
  storage::SessionEdits session_edits{db};
  service::SessionAdmin admin{session_edits, blobs, sessions};
  std::string token;
  std::size_t stray_removed = 0;
  service::RecoveryReport recovery;
  asio::io_context io;
  asio::thread_pool blocking;
  asio::thread_pool crunch;
  asio::ip::tcp::acceptor acceptor{io};
  asio::signal_set signals{io};
  asio::steady_timer drain_timer{io};
  asio::steady_timer public_url_timer{io};
  std::chrono::steady_clock::time_point drain_deadline;
  PublicUrl public_url;
  http::SiteState site{public_url};
  std::function<void(const std::string&)> public_url_listener;
  http::AppContext app;

  explicit Impl(ServerConfig c)
      : config(std::move(c)),
        db((prepared(config.data_dir) / "racesense.db").string()),
        blobs(config.data_dir, config.quota_bytes, static_cast<std::uint64_t>(repo.total_bytes()),
              config.disk_reserve_bytes),
        tracks(config.data_dir / "tracks.json"),
        venues(repo, blobs, tracks, analysis::Options{config.min_lap_ms}),
        uploads(repo, blobs, venues, config.max_upload_bytes),
        partials(config.data_dir, blobs, config.partial_expiry),
        resumable(uploads, partials, repo, venues),
        token(load_or_create_token(repo, config.token, config.save_token)),
        blocking(static_cast<std::size_t>(config.blocking_threads)),
        crunch(std::max(2u, std::thread::hardware_concurrency()) + 1),  // +1: a write may wait for write-back
        public_url(config.public_url, config.data_dir / "public-url"),
        app{uploads, sessions, admin, token, config.web_dir, std::chrono::seconds(config.idle_timeout_s), blocking, crunch,
            config.log_requests} {
    app.site = &site;
    site.demo_link_port = config.demo_link_port;
    app.traces = &traces;
    app.resumable = &resumable;
    partials.recover();
    stray_removed = blobs.remove_stray_temp_files();
    recovery = service::recover_orphans(repo, blobs, venues);
    if (config.db_max_pages) db.limit_pages(*config.db_max_pages);
    asio::ip::tcp::endpoint endpoint(asio::ip::make_address(config.bind_address), config.port);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
    asio::co_spawn(io, http::accept_loop(acceptor, app, http::ListenerLimits{config.max_connections}), asio::detached);
    asio::co_spawn(io, sweep_partials(resumable, blocking,
                                      std::clamp<std::chrono::seconds>(config.partial_expiry / 4, std::chrono::seconds(1),
                                                                       std::chrono::seconds(600))),
                   asio::detached);
    asio::co_spawn(io, watch_tracks_file(venues, blocking, std::chrono::milliseconds(config.tracks_poll_ms)),
                   asio::detached);
    if (config.stop_on_signals) {
      signals.add(SIGINT);
      signals.add(SIGTERM);
      signals.async_wait([this](const boost::system::error_code& ec, int sig) {
        if (!ec) begin_drain(sig);
      });
    }
    if (!config.public_url) watch_public_url();
  }

  // SIGTERM/SIGINT: stop accepting, let uploads in flight finish (each is stored whole or not at
  // all), then stop. A second signal, or the grace period running out, stops at once: an upload
  // still streaming then leaves nothing behind (its temp file is removed).
  void begin_drain(int sig) {
    site.drain.draining = true;
    boost::system::error_code ec;
    acceptor.close(ec);
    int in_flight = site.drain.uploads_in_flight;
    std::fprintf(stderr, "%s: %s\n", sig == SIGINT ? "SIGINT" : "SIGTERM",
                 in_flight == 0 ? "stopping"
                                : ("finishing " + std::to_string(in_flight) + " upload(s) in flight (up to " +
                                   std::to_string(config.shutdown_grace_s) + " s), then stopping").c_str());
    drain_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(config.shutdown_grace_s);
    signals.async_wait([this](const boost::system::error_code& e, int) {
      if (!e) io.stop();
    });
    poll_drain();
  }

  void poll_drain() {
    int in_flight = site.drain.uploads_in_flight;
    if (in_flight == 0 || std::chrono::steady_clock::now() >= drain_deadline) {
      if (in_flight > 0)
        std::fprintf(stderr, "%d upload(s) still in flight were abandoned; none of them was stored.\n", in_flight);
      io.stop();
      return;
    }
    drain_timer.expires_after(std::chrono::milliseconds(50));
    drain_timer.async_wait([this](const boost::system::error_code& e) {
      if (!e) poll_drain();
    });
  }

  // scripts/tunnel.sh writes the tunnel's address into <data-dir>/public-url once it is up.
  void watch_public_url() {
    public_url_timer.expires_after(std::chrono::seconds(2));
    public_url_timer.async_wait([this](const boost::system::error_code& e) {
      if (e) return;
      if (public_url.refresh() && public_url_listener)
        if (auto url = public_url.get()) public_url_listener(*url);
      watch_public_url();
    });
  }
};

Server::Server(ServerConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}

Server::~Server() {
  stop();
  impl_->blocking.join();
  impl_->crunch.join();
}

std::string stored_upload_token(const std::filesystem::path& data_dir) {
  storage::Database db((prepared(data_dir) / "racesense.db").string());
  storage::SessionRepository repo{db};
  return load_or_create_token(repo, std::nullopt, false);
}

std::uint16_t Server::port() const { return impl_->acceptor.local_endpoint().port(); }
const std::string& Server::upload_token() const { return impl_->token; }
std::size_t Server::stray_files_removed() const { return impl_->stray_removed; }
std::optional<std::string> Server::public_url() const { return impl_->public_url.get(); }
void Server::on_public_url_changed(std::function<void(const std::string&)> listener) {
  impl_->public_url_listener = std::move(listener);
}
std::size_t Server::files_adopted() const { return impl_->recovery.adopted; }
std::size_t Server::files_removed() const { return impl_->recovery.removed; }

void Server::run() {
  std::vector<std::thread> extra;
  for (int i = 1; i < impl_->config.io_threads; ++i) extra.emplace_back([this] { impl_->io.run(); });
  impl_->io.run();
  for (auto& t : extra) t.join();
}

void Server::stop() {
  asio::post(impl_->io, [this] {
    boost::system::error_code ec;
    impl_->acceptor.close(ec);
  });
  impl_->io.stop();
}

}  // namespace racesense
