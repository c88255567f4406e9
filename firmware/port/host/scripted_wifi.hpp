#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "rscore/ports.hpp"
#include "rscore/wifi_session.hpp"

namespace rs::host {

// The hotspots "in range" and their passwords, so wrong-password and not-found are reproducible.
// It reports like esp_wifi: a join ends in "got IP" or in "disconnected" with the SDK's reason code,
// and the core's WifiSession (the chip's state machine) makes of it what the device shows.
class ScriptedRadio : public WifiRadio {
 public:
  static constexpr int kReasonNoApFound = 201, kReasonHandshakeTimeout = 15, kReasonBeaconTimeout = 200;  // WIFI_REASON_*

  explicit ScriptedRadio(std::map<std::string, std::string> hotspots, int join_delay_ms = 200)
      : hotspots_(std::move(hotspots)), join_delay_ms_(join_delay_ms) {}
  void attach(WifiSession* events) { events_ = events; }

  bool start() override { return true; }
  bool join(const std::string& ssid, const std::string& password) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(join_delay_ms_));  // the radio's join time
    std::unique_lock<std::mutex> lock(mu_);
    auto it = hotspots_.find(ssid);
    bool away = std::chrono::steady_clock::now() < away_until_;
    int reason = it == hotspots_.end() || away ? kReasonNoApFound : it->second != password ? kReasonHandshakeTimeout : 0;
    if (reason == 0) connected_ = ssid;
    lock.unlock();
    if (reason == 0) events_->on_got_ip();
    else events_->on_disconnected(reason);
    return true;
  }
  void leave() override {
    std::lock_guard<std::mutex> lock(mu_);
    connected_.clear();
  }
  void stop() override {}
  std::string connected() {
    std::lock_guard<std::mutex> lock(mu_);
    return connected_;
  }
  // The hotspot goes out of range (rs-core-sim --fault) for down_ms, or for good when negative:
  // the station is dropped as esp_wifi reports it (beacon timeout) and joins find no AP until then.
  void drop(int down_ms) {
    std::unique_lock<std::mutex> lock(mu_);
    away_until_ = down_ms < 0 ? std::chrono::steady_clock::time_point::max()
                              : std::chrono::steady_clock::now() + std::chrono::milliseconds(down_ms);
    bool was_connected = !connected_.empty();
    connected_.clear();
    lock.unlock();
    if (was_connected) events_->on_disconnected(kReasonBeaconTimeout);
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::string> hotspots_;
  int join_delay_ms_;
  std::string connected_;
  std::chrono::steady_clock::time_point away_until_;
  WifiSession* events_ = nullptr;
};

}  // namespace rs::host
