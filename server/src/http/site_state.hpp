#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>

#include "app/public_url.hpp"

namespace racesense::http {

// Shutdown on SIGTERM: no new requests, uploads in flight may finish (see Server).
struct DrainState {
  std::atomic<bool> draining{false};
  std::atomic<int> uploads_in_flight{0};
};

class UploadInFlight {
 public:
  explicit UploadInFlight(DrainState& d) : d_(d) { ++d_.uploads_in_flight; }
  ~UploadInFlight() { --d_.uploads_in_flight; }
  UploadInFlight(const UploadInFlight&) = delete;
  UploadInFlight& operator=(const UploadInFlight&) = delete;

 private:
  DrainState& d_;
};

// Remembers which remote addresses were already warned about opening the app over plain http.
class InsecureOriginWarnings {
 public:
  bool first_time(const std::string& address) {
    std::lock_guard lock(mutex_);
    return warned_.insert(address).second;
  }

 private:
  std::mutex mutex_;
  std::set<std::string> warned_;
};

// What the paddock needs beyond the API: the public address, shutdown state, demo mode.
struct SiteState {
  explicit SiteState(PublicUrl& url) : public_url(url) {}
  PublicUrl& public_url;
  DrainState drain;
  InsecureOriginWarnings insecure_origins;
  std::uint16_t demo_link_port = 0;  // rs-core-sim's link the demo logger relays to; 0 = demo mode off
};

}  // namespace racesense::http
