#include "esp_wifi_radio.hpp"

#include <algorithm>
#include <cstring>

#include "esp_netif.h"
#include "esp_wifi.h"

namespace rs::esp32 {

void EspWifiRadio::attach(WifiSession& events) {
  esp_netif_create_default_wifi_sta();
  wifi_init_config_t cfg = WIFI_INIT_CONFIG_DEFAULT();
  esp_wifi_init(&cfg);
  esp_wifi_set_storage(WIFI_STORAGE_RAM);  // credentials live for one sync only
  esp_event_handler_instance_register(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED, &on_event, &events, nullptr);
  esp_event_handler_instance_register(IP_EVENT, IP_EVENT_STA_GOT_IP, &on_event, &events, nullptr);
  esp_event_handler_instance_register(IP_EVENT, IP_EVENT_STA_LOST_IP, &on_event, &events, nullptr);
}

void EspWifiRadio::on_event(void* arg, esp_event_base_t base, int32_t id, void* data) {
  auto* events = static_cast<WifiSession*>(arg);
  if (base == WIFI_EVENT && id == WIFI_EVENT_STA_DISCONNECTED)
    events->on_disconnected(static_cast<wifi_event_sta_disconnected_t*>(data)->reason);
  else if (base == IP_EVENT && id == IP_EVENT_STA_GOT_IP)
    events->on_got_ip();
  else if (base == IP_EVENT && id == IP_EVENT_STA_LOST_IP)
    events->on_lost_ip();
}

bool EspWifiRadio::start() { return esp_wifi_set_mode(WIFI_MODE_STA) == ESP_OK && esp_wifi_start() == ESP_OK; }

bool EspWifiRadio::join(const std::string& ssid, const std::string& password) {
  wifi_config_t cfg = {};
  std::memcpy(cfg.sta.ssid, ssid.data(), std::min(ssid.size(), sizeof(cfg.sta.ssid)));
  std::memcpy(cfg.sta.password, password.data(), std::min(password.size(), sizeof(cfg.sta.password) - 1));
  cfg.sta.threshold.authmode = password.empty() ? WIFI_AUTH_OPEN : WIFI_AUTH_WPA2_PSK;
  cfg.sta.pmf_cfg.capable = true;
  cfg.sta.scan_method = WIFI_ALL_CHANNEL_SCAN;
  return esp_wifi_set_config(WIFI_IF_STA, &cfg) == ESP_OK && esp_wifi_connect() == ESP_OK;
}

void EspWifiRadio::leave() { esp_wifi_disconnect(); }

void EspWifiRadio::stop() { esp_wifi_stop(); }

}  // namespace rs::esp32
