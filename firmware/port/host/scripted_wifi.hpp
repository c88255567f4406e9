#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "rscore/ports.hpp"

namespace rs::host {

// The hotspots "in range" and their passwords, so wrong-password and not-found are reproducible.
class ScriptedWifi : public WifiStation {
 public:
  explicit ScriptedWifi(std::map<std::string, std::string> hotspots, int join_delay_ms = 200)
      : hotspots_(std::move(hotspots)), join_delay_ms_(join_delay_ms) {}

  Status connect(const std::string& ssid, const std::string& password) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(join_delay_ms_));  // the radio's join time
    std::lock_guard<std::mutex> lock(mu_);
    auto it = hotspots_.find(ssid);
    if (it == hotspots_.end()) return Error::kWifiNotFound;
    if (it->second != password) return Error::kWifiAuthFailed;
    connected_ = ssid;
    return {};
  }
  void disconnect() override {
    std::lock_guard<std::mutex> lock(mu_);
    connected_.clear();
  }
  std::string connected() {
    std::lock_guard<std::mutex> lock(mu_);
    return connected_;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::string> hotspots_;
  int join_delay_ms_;
  std::string connected_;
};

}  // namespace rs::host
