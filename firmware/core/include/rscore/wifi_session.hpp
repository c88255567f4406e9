// The station's join / rejoin state machine over a radio that reports events (esp_wifi:
// WIFI_EVENT_STA_DISCONNECTED with a reason, IP_EVENT_STA_GOT_IP, IP_EVENT_STA_LOST_IP).
// connect() blocks the sync task until an IP or a failure; a drop or a lost IP afterwards marks the
// link down (up() false) and the next connect() rejoins. Events after disconnect() are ignored.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "rscore/ports.hpp"

namespace rs {

class WifiSession : public WifiStation {
 public:
  explicit WifiSession(WifiRadio& radio, std::uint32_t join_timeout_ms = 20000)
      : radio_(radio), join_timeout_ms_(join_timeout_ms) {}
  Status connect(const std::string& ssid, const std::string& password) override;
  bool up() override;
  void disconnect() override;

  void on_got_ip();
  void on_lost_ip();
  void on_disconnected(int reason);

 private:
  enum class State { kOff, kJoining, kUp, kDown, kFailed };
  void set(State s);
  WifiRadio& radio_;
  std::uint32_t join_timeout_ms_;
  std::mutex mu_;
  std::condition_variable cv_;
  State state_ = State::kOff;
  int reason_ = 0;
  bool started_ = false;
};

}  // namespace rs
