// The rest of the ESP-IDF surface the port calls, on the host: esp_event (handlers called
// synchronously), esp_wifi (joins decided by fake::wifi().hotspots, reported through events with the
// SDK's reason codes), FreeRTOS tasks and queues (std::thread, mutex), ADC, NVS, SD, log, mbedTLS
// SHA-256 (OpenSSL).
#include <openssl/evp.h>

#include <condition_variable>
#include <cstdarg>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "driver/sdspi_host.h"
#include "esp_adc/adc_cali_scheme.h"
#include "esp_event.h"
#include "esp_fake.hpp"
#include "esp_log.h"
#include "esp_netif.h"
#include "esp_vfs_fat.h"
#include "esp_wifi.h"
#include "freertos/queue.h"
#include "freertos/task.h"
#include "mbedtls/sha256.h"
#include "nvs.h"
#include "driver/gpio.h"
#include <chrono>
#include <map>

// ---- log
namespace fake {
std::vector<std::string>& logs() {
  static std::vector<std::string> lines;
  return lines;
}
Hardware& hardware() {
  static Hardware hw;
  return hw;
}
}  // namespace fake

namespace {
std::mutex g_log_mu;
}

void esp_fake_log(char level, const char* tag, const char* fmt, ...) {
  char text[256];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(text, sizeof text, fmt, args);
  va_end(args);
  std::lock_guard<std::mutex> lock(g_log_mu);
  fake::logs().push_back(std::string(1, level) + " " + tag + ": " + text);
}

// ---- esp_event
esp_event_base_t const WIFI_EVENT = "WIFI_EVENT";
esp_event_base_t const IP_EVENT = "IP_EVENT";
namespace {
struct Handler {
  esp_event_base_t base;
  int32_t id;
  esp_event_handler_t fn;
  void* arg;
};
std::vector<Handler>& handlers() {
  static std::vector<Handler> h;
  return h;
}
void post_event(esp_event_base_t base, int32_t id, void* data) {
  for (const auto& h : handlers())
    if (h.base == base && (h.id == id || h.id == ESP_EVENT_ANY_ID)) h.fn(h.arg, base, id, data);
}
void post_disconnected(int reason) {
  wifi_event_sta_disconnected_t ev = {};
  ev.reason = static_cast<uint16_t>(reason);
  post_event(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED, &ev);
}
}  // namespace

esp_err_t esp_event_loop_create_default(void) { return ESP_OK; }
esp_err_t esp_event_handler_instance_register(esp_event_base_t base, int32_t id, esp_event_handler_t handler, void* arg,
                                              esp_event_handler_instance_t*) {
  handlers().push_back({base, id, handler, arg});
  return ESP_OK;
}

// ---- esp_netif / esp_wifi
esp_err_t esp_netif_init(void) { return ESP_OK; }
esp_netif_t* esp_netif_create_default_wifi_sta(void) { return nullptr; }

namespace {
wifi_config_t g_wifi_config;
bool g_wifi_started = false;
constexpr int kReasonAssocLeave = 8, kReasonHandshakeTimeout = 15, kReasonNoApFound = 201;  // WIFI_REASON_*
}  // namespace

namespace fake {
WifiAir& wifi() {
  static WifiAir air;
  return air;
}
void WifiAir::drop(int reason) {
  joined.clear();
  post_disconnected(reason);
}
void WifiAir::lose_ip() { post_event(IP_EVENT, IP_EVENT_STA_LOST_IP, nullptr); }
}  // namespace fake

esp_err_t esp_wifi_init(const wifi_init_config_t*) { return ESP_OK; }
esp_err_t esp_wifi_set_storage(wifi_storage_t) { return ESP_OK; }
esp_err_t esp_wifi_set_mode(wifi_mode_t) { return ESP_OK; }
esp_err_t esp_wifi_set_config(wifi_interface_t, wifi_config_t* conf) {
  g_wifi_config = *conf;
  return ESP_OK;
}
esp_err_t esp_wifi_start(void) {
  ++fake::wifi().starts;
  g_wifi_started = true;
  return ESP_OK;
}
esp_err_t esp_wifi_stop(void) {
  ++fake::wifi().stops;
  g_wifi_started = false;
  return ESP_OK;
}
esp_err_t esp_wifi_connect(void) {
  if (!g_wifi_started) return 0x3000 + 2;  // ESP_ERR_WIFI_NOT_STARTED
  auto& air = fake::wifi();
  ++air.connects;
  std::string ssid(reinterpret_cast<const char*>(g_wifi_config.sta.ssid), strnlen(reinterpret_cast<const char*>(g_wifi_config.sta.ssid), 32));
  std::string pass(reinterpret_cast<const char*>(g_wifi_config.sta.password));
  auto it = air.hotspots.find(ssid);
  if (it == air.hotspots.end()) {
    post_disconnected(kReasonNoApFound);
  } else if (it->second != pass) {
    post_disconnected(kReasonHandshakeTimeout);  // a wrong WPA2 key: the 4-way handshake times out
  } else {
    air.joined = ssid;
    post_event(IP_EVENT, IP_EVENT_STA_GOT_IP, nullptr);
  }
  return ESP_OK;
}
esp_err_t esp_wifi_disconnect(void) {
  auto& air = fake::wifi();
  ++air.disconnects;
  if (!air.joined.empty()) {
    air.joined.clear();
    post_disconnected(kReasonAssocLeave);
  }
  return ESP_OK;
}

// ---- FreeRTOS
struct QueueDefinition {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::vector<char>> items;
  std::size_t length, item_size;
};
struct tskTaskControlBlock {
  std::thread thread;
};

QueueHandle_t xQueueCreate(UBaseType_t length, UBaseType_t item_size) {
  auto* q = new QueueDefinition;
  q->length = length;
  q->item_size = item_size;
  return q;
}
BaseType_t xQueueSend(QueueHandle_t q, const void* item, TickType_t) {
  std::lock_guard<std::mutex> lock(q->mu);
  if (q->items.size() >= q->length) return pdFALSE;  // errQUEUE_FULL with a zero wait
  const char* p = static_cast<const char*>(item);
  q->items.emplace_back(p, p + q->item_size);
  q->cv.notify_all();
  return pdTRUE;
}
BaseType_t xQueueReceive(QueueHandle_t q, void* item, TickType_t) {
  std::unique_lock<std::mutex> lock(q->mu);
  q->cv.wait(lock, [q] { return !q->items.empty(); });
  std::memcpy(item, q->items.front().data(), q->item_size);
  q->items.pop_front();
  return pdTRUE;
}
BaseType_t xTaskCreate(TaskFunction_t code, const char* name, uint32_t stack_depth, void* params, UBaseType_t,
                       TaskHandle_t* created) {
  fake::hardware().tasks[name] = stack_depth;
  auto* task = new tskTaskControlBlock;
  task->thread = std::thread(code, params);
  task->thread.detach();  // a FreeRTOS task lives until it deletes itself; this one never does
  if (created) *created = task;
  return pdPASS;
}
void vTaskDelete(TaskHandle_t) {}
UBaseType_t uxTaskGetStackHighWaterMark(TaskHandle_t) { return 0; }  // not measurable on the host

// ---- ADC
esp_err_t adc_oneshot_new_unit(const adc_oneshot_unit_init_cfg_t*, adc_oneshot_unit_handle_t* ret_unit) {
  if (fake::hardware().adc_fails) return ESP_FAIL;
  *ret_unit = reinterpret_cast<adc_oneshot_unit_handle_t>(0x1);
  return ESP_OK;
}
esp_err_t adc_oneshot_config_channel(adc_oneshot_unit_handle_t, adc_channel_t, const adc_oneshot_chan_cfg_t*) { return ESP_OK; }
esp_err_t adc_oneshot_read(adc_oneshot_unit_handle_t, adc_channel_t, int* out_raw) {
  *out_raw = fake::hardware().adc_raw;
  return ESP_OK;
}
esp_err_t adc_cali_create_scheme_curve_fitting(const adc_cali_curve_fitting_config_t*, adc_cali_handle_t* ret_handle) {
  *ret_handle = reinterpret_cast<adc_cali_handle_t>(0x2);
  return ESP_OK;
}
esp_err_t adc_cali_raw_to_voltage(adc_cali_handle_t, int, int* voltage) {
  *voltage = fake::hardware().adc_millivolts;
  return ESP_OK;
}

// ---- NVS, SD card
esp_err_t nvs_flash_init(void) {
  esp_err_t rc = fake::hardware().nvs_init_result;
  fake::hardware().nvs_init_result = ESP_OK;
  return rc;
}
esp_err_t nvs_flash_erase(void) {
  ++fake::hardware().nvs_erases;
  return ESP_OK;
}
esp_err_t spi_bus_initialize(spi_host_device_t, const spi_bus_config_t*, int) { return ESP_OK; }
esp_err_t esp_vfs_fat_sdspi_mount(const char*, const sdmmc_host_t*, const sdspi_device_config_t*, const esp_vfs_fat_mount_config_t*,
                                  sdmmc_card_t**) {
  return fake::hardware().sd_mount_result;
}

// ---- NVS storage (in memory), GPIO, task delays
namespace {
std::map<std::string, std::map<std::string, std::string>>& nvs_data() {
  static std::map<std::string, std::map<std::string, std::string>> data;
  return data;
}
std::vector<std::string> g_nvs_handles;  // handle - 1 → namespace
std::mutex g_delay_mu;
std::condition_variable g_delay_cv;
}  // namespace

esp_err_t nvs_open(const char* name, nvs_open_mode_t mode, nvs_handle_t* out) {
  if (mode == NVS_READONLY && !nvs_data().count(name)) return ESP_ERR_NVS_NOT_FOUND;
  nvs_data()[name];
  g_nvs_handles.push_back(name);
  *out = static_cast<nvs_handle_t>(g_nvs_handles.size());
  return ESP_OK;
}
void nvs_close(nvs_handle_t) {}
namespace {
esp_err_t nvs_get(nvs_handle_t h, const char* key, void* out, size_t* length, bool string) {
  auto& ns = nvs_data()[g_nvs_handles.at(h - 1)];
  auto it = ns.find(key);
  if (it == ns.end()) return ESP_ERR_NVS_NOT_FOUND;
  size_t need = it->second.size() + (string ? 1 : 0);
  if (!out) {
    *length = need;
    return ESP_OK;
  }
  if (*length < need) return ESP_ERR_NVS_INVALID_LENGTH;
  std::memcpy(out, it->second.c_str(), need);
  *length = need;
  return ESP_OK;
}
}  // namespace
esp_err_t nvs_get_str(nvs_handle_t h, const char* key, char* out, size_t* length) { return nvs_get(h, key, out, length, true); }
esp_err_t nvs_get_blob(nvs_handle_t h, const char* key, void* out, size_t* length) { return nvs_get(h, key, out, length, false); }
esp_err_t nvs_set_str(nvs_handle_t h, const char* key, const char* value) {
  nvs_data()[g_nvs_handles.at(h - 1)][key] = value;
  return ESP_OK;
}
esp_err_t nvs_set_blob(nvs_handle_t h, const char* key, const void* value, size_t length) {
  nvs_data()[g_nvs_handles.at(h - 1)][key] = std::string(static_cast<const char*>(value), length);
  return ESP_OK;
}
esp_err_t nvs_commit(nvs_handle_t) { return ESP_OK; }

esp_err_t gpio_config(const gpio_config_t*) { return ESP_OK; }
int gpio_get_level(gpio_num_t pin) { return fake::hardware().gpio_low == pin ? 0 : 1; }

// A task's delay: the thread sleeps that long (polling tasks), and tests can wait for its cycles.
void vTaskDelay(TickType_t ticks) {
  std::this_thread::sleep_for(std::chrono::milliseconds(ticks));
  std::lock_guard<std::mutex> lock(g_delay_mu);
  ++fake::hardware().delays;
  g_delay_cv.notify_all();
}
namespace fake {
bool wait_task_delays(int count) {
  std::unique_lock<std::mutex> lock(g_delay_mu);
  int target = hardware().delays + count;
  return g_delay_cv.wait_for(lock, std::chrono::seconds(10), [&] { return hardware().delays >= target; });
}
std::map<std::string, std::map<std::string, std::string>>& nvs() { return nvs_data(); }
}  // namespace fake

// ---- mbedTLS SHA-256
void mbedtls_sha256_init(mbedtls_sha256_context* ctx) { ctx->md = EVP_MD_CTX_new(); }
void mbedtls_sha256_free(mbedtls_sha256_context* ctx) { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx->md)); }
int mbedtls_sha256_starts(mbedtls_sha256_context* ctx, int) {
  return EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx->md), EVP_sha256(), nullptr) == 1 ? 0 : -1;
}
int mbedtls_sha256_update(mbedtls_sha256_context* ctx, const unsigned char* input, size_t ilen) {
  return EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx->md), input, ilen) == 1 ? 0 : -1;
}
int mbedtls_sha256_finish(mbedtls_sha256_context* ctx, unsigned char* output) {
  unsigned int n = 0;
  return EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx->md), output, &n) == 1 ? 0 : -1;
}

namespace fake {
void reset() {
  http() = HttpServer{};
  wifi() = WifiAir{};
  hardware() = Hardware{};
  handlers().clear();
  std::lock_guard<std::mutex> lock(g_log_mu);
  logs().clear();
}
}  // namespace fake
