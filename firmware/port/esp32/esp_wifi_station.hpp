#pragma once

#include "freertos/FreeRTOS.h"
#include "freertos/event_groups.h"
#include "esp_event.h"
#include "rscore/ports.hpp"

namespace rs::esp32 {

// esp_wifi in station mode beside NimBLE (software coexistence); connect() blocks the sync task.
class EspWifiStation : public WifiStation {
 public:
  EspWifiStation();
  Status connect(const std::string& ssid, const std::string& password) override;
  void disconnect() override;

 private:
  static void on_event(void* arg, esp_event_base_t base, int32_t id, void* data);
  EventGroupHandle_t events_;
  volatile int last_reason_ = 0;
  bool started_ = false;
};

}  // namespace rs::esp32
