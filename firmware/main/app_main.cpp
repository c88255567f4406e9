// RS-Core boot: storage, radio stacks, the sync task and the sync service wired to the ESP-IDF port.
#include <cstdio>

#include "esp_event.h"
#include "esp_log.h"
#include "esp_netif.h"
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "nimble/nimble_port.h"
#include "nvs_flash.h"
#include "sdkconfig.h"

#include "adc_battery.hpp"
#include "esp_http_connection.hpp"
#include "esp_wifi_radio.hpp"
#include "freertos_worker.hpp"
#include "mbedtls_crypto.hpp"
#include "mbedtls_sha256.hpp"
#include "nimble_gatt.hpp"
#include "nvs_pairing_store.hpp"
#include "pairing_button.hpp"
#include "posix_file_store.hpp"
#include "rscore/gatt_dispatch.hpp"
#include "rscore/sync_service.hpp"
#include "rscore/upload_session.hpp"
#include "rscore/wifi_session.hpp"
#include "sd_card.hpp"

namespace {
const char* kTag = "rs_core";

// The pairing code from NVS, or a new one made and shown once on the serial console (first boot
// of a logger that was not provisioned). It is never logged otherwise.
rs::PairingSecret pairing_secret(rs::Crypto& crypto) {
  static rs::esp32::NvsPairingStore store;
  auto secret = rs::ensure_pairing_secret(store, crypto);
  if (!secret.ok()) {
    ESP_LOGE(kTag, "no pairing code in NVS and none could be stored: pairing stays locked");
    return {};
  }
  if (secret.value().new_code)
    printf("\n*** RS-Core pairing code (print it on the logger's label): %s ***\n\n",
           rs::format_pairing_code(secret.value().secret.code).c_str());
  return secret.value().secret;
}

esp_err_t init_nvs() {
  esp_err_t err = nvs_flash_init();
  if (err == ESP_ERR_NVS_NO_FREE_PAGES || err == ESP_ERR_NVS_NEW_VERSION_FOUND) {
    nvs_flash_erase();
    err = nvs_flash_init();
  }
  return err;
}
}  // namespace

// The logging task (not part of this project) marks the session file it writes with
// logger_active_files().mark_open(name) / mark_closed(name), so a sync never takes it half-written.
rs::ActiveFiles& logger_active_files() {
  static rs::ActiveFiles files;
  return files;
}

extern "C" void app_main(void) {
  ESP_ERROR_CHECK(init_nvs());  // Wi-Fi calibration data and the BLE bonding store
  ESP_ERROR_CHECK(esp_netif_init());
  ESP_ERROR_CHECK(esp_event_loop_create_default());
  if (rs::esp32::mount_sd_card(CONFIG_RS_SD_MOUNT_POINT) != ESP_OK) ESP_LOGE(kTag, "SD card not mounted; file list will be empty");
  ESP_ERROR_CHECK(nimble_port_init());

  // The sync task exists from boot, with its own stack: a CONFIGURE write only queues the run.
  static rs::esp32::FreeRtosWorker sync_task("rs_sync", CONFIG_RS_SYNC_TASK_STACK, 5);
  static rs::posix::PosixFileStore files(CONFIG_RS_SD_MOUNT_POINT);
  static rs::esp32::EspWifiRadio radio;
  static rs::WifiSession wifi(radio);
  radio.attach(wifi);
  static rs::esp32::EspHttpConnection connection;
  static rs::UploadSession http(connection);
  static rs::esp32::MbedtlsSha256 sha;
  static rs::esp32::AdcBattery battery;
  static rs::esp32::NimbleGatt gatt;
  static rs::esp32::MbedtlsCrypto crypto;
  static rs::esp32::MbedtlsP256 group;
  static rs::SteadyClock clock;
  static rs::PairingGate pairing(crypto, group, clock);
  rs::PairingSecret secret = pairing_secret(crypto);
  if (!secret.code.empty() && !pairing.set_secret(secret).ok()) ESP_LOGE(kTag, "pairing secret unusable");
  rs::OffloaderSettings settings;
  settings.sessions_dir = CONFIG_RS_SESSIONS_DIR;
  settings.archive_dir = CONFIG_RS_ARCHIVE_DIR;
  settings.max_attempts = CONFIG_RS_UPLOAD_ATTEMPTS;
  static rs::SyncService service({{files, wifi, http, sha}, gatt, battery, logger_active_files(), pairing, sync_task},
                                 settings);
  static rs::GattDispatch dispatch(service);
  gatt.start(dispatch);
  rs::esp32::watch_pairing_button(CONFIG_RS_PAIRING_BUTTON_GPIO, [] { service.press_button(); });
  ESP_LOGI(kTag, "Paddock Sync service advertising");
  ESP_LOGD(kTag, "main task stack high-water mark: %u bytes free", static_cast<unsigned>(uxTaskGetStackHighWaterMark(nullptr)));
}
