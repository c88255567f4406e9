#pragma once

#include <boost/asio/thread_pool.hpp>

#include <chrono>
#include <filesystem>
#include <string>

#include "service/session_admin.hpp"
#include "service/resumable_uploads.hpp"
#include "service/session_service.hpp"
#include "service/trace_service.hpp"
#include "service/upload_service.hpp"

namespace racesense::http {

struct SiteState;

// What the HTTP layer needs from the rest of the server.
struct AppContext {
  service::UploadService& uploads;
  service::SessionService& sessions;
  service::SessionAdmin& admin;
  std::string token;
  std::filesystem::path web_dir;
  std::chrono::seconds idle_timeout;
  boost::asio::thread_pool& blocking;  // fsync and SQLite run here, not on I/O threads
  boost::asio::thread_pool& crunch;    // hashing, writing and analysing upload bodies: a thread per core and one for writes
  bool log_requests = true;
  SiteState* site = nullptr;  // public address, shutdown, demo mode (http/site_state.hpp)
  service::TraceService* traces = nullptr;  // the session trace for the web app (set by Server)
  service::ResumableUploads* resumable = nullptr;  // /api/uploads/{sha256} (set by Server)
};

}  // namespace racesense::http
