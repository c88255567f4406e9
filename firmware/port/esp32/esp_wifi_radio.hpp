#pragma once

#include "esp_event.h"
#include "rscore/ports.hpp"
#include "rscore/wifi_session.hpp"

namespace rs::esp32 {

// esp_wifi in station mode beside NimBLE (software coexistence). Joins are started here; the SDK's
// events go to the core's WifiSession, which decides what they mean.
class EspWifiRadio : public WifiRadio {
 public:
  // Creates the default station netif, initialises esp_wifi and registers the event handlers.
  void attach(WifiSession& events);
  bool start() override;
  bool join(const std::string& ssid, const std::string& password) override;
  void leave() override;
  void stop() override;

 private:
  static void on_event(void* arg, esp_event_base_t base, int32_t id, void* data);
};

}  // namespace rs::esp32
