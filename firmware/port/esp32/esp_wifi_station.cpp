#include "esp_wifi_station.hpp"

#include <cstring>

#include "esp_log.h"
#include "esp_netif.h"
#include "esp_wifi.h"
#include "rscore/failure_reasons.hpp"

namespace rs::esp32 {
namespace {
constexpr EventBits_t kGotIp = BIT0, kFailed = BIT1;
constexpr TickType_t kJoinTimeout = pdMS_TO_TICKS(20000);
const char* kTag = "rs_wifi";
}  // namespace

EspWifiStation::EspWifiStation() : events_(xEventGroupCreate()) {
  esp_netif_create_default_wifi_sta();
  wifi_init_config_t cfg = WIFI_INIT_CONFIG_DEFAULT();
  esp_wifi_init(&cfg);
  esp_wifi_set_storage(WIFI_STORAGE_RAM);  // credentials live for one sync only
  esp_event_handler_instance_register(WIFI_EVENT, ESP_EVENT_ANY_ID, &on_event, this, nullptr);
  esp_event_handler_instance_register(IP_EVENT, IP_EVENT_STA_GOT_IP, &on_event, this, nullptr);
}

void EspWifiStation::on_event(void* arg, esp_event_base_t base, int32_t id, void* data) {
  auto* self = static_cast<EspWifiStation*>(arg);
  if (base == WIFI_EVENT && id == WIFI_EVENT_STA_DISCONNECTED) {
    self->last_reason_ = static_cast<wifi_event_sta_disconnected_t*>(data)->reason;
    xEventGroupSetBits(self->events_, kFailed);
  } else if (base == IP_EVENT && id == IP_EVENT_STA_GOT_IP) {
    xEventGroupSetBits(self->events_, kGotIp);
  }
}

Status EspWifiStation::connect(const std::string& ssid, const std::string& password) {
  wifi_config_t cfg = {};
  std::memcpy(cfg.sta.ssid, ssid.data(), std::min(ssid.size(), sizeof(cfg.sta.ssid)));
  std::memcpy(cfg.sta.password, password.data(), std::min(password.size(), sizeof(cfg.sta.password) - 1));
  cfg.sta.threshold.authmode = password.empty() ? WIFI_AUTH_OPEN : WIFI_AUTH_WPA2_PSK;
  cfg.sta.pmf_cfg.capable = true;
  cfg.sta.scan_method = WIFI_ALL_CHANNEL_SCAN;
  xEventGroupClearBits(events_, kGotIp | kFailed);
  esp_wifi_set_mode(WIFI_MODE_STA);
  esp_wifi_set_config(WIFI_IF_STA, &cfg);
  if (!started_ && esp_wifi_start() != ESP_OK) return Error::kWifiFailed;
  started_ = true;
  if (esp_wifi_connect() != ESP_OK) return Error::kWifiFailed;
  EventBits_t bits = xEventGroupWaitBits(events_, kGotIp | kFailed, pdTRUE, pdFALSE, kJoinTimeout);
  if (bits & kGotIp) return {};
  ESP_LOGW(kTag, "join failed, reason %d", last_reason_);  // the SSID and password are not logged
  esp_wifi_disconnect();
  return (bits & kFailed) ? wifi_join_failure(last_reason_) : Error::kWifiNotFound;
}

void EspWifiStation::disconnect() {
  esp_wifi_disconnect();
  esp_wifi_stop();  // Wi-Fi off between syncs; BLE stays up
  started_ = false;
}

}  // namespace rs::esp32
