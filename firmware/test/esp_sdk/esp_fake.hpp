// Control side of the ESP-IDF host fakes: tests script the "server", the hotspot and the hardware,
// and read back what the port did. The fakes keep state the way the SDK does (see each .cpp).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace fake {

// One answer of the upload server, as racesense-server gives it.
struct HttpReply {
  int status = 200;
  std::string body;          // empty: {"sha256":<hash of the received body>,"laps":laps}
  int laps = 3;
  bool early = false;        // answered from the headers alone (401, 413, 507) without reading the body
  bool keep_alive = true;    // Connection: keep-alive (false: the server closes after answering)
  std::size_t write_timeout_after = 0;  // >0: the socket stalls once after that many body bytes (write returns 0)
  std::size_t reset_after = 0;          // >0: the connection is reset after that many body bytes
};

struct HttpRequestSeen {
  std::string method;  // "POST", "PATCH", "HEAD"
  std::string url;
  std::map<std::string, std::string> headers;
  std::string body;
  bool complete = false;  // the whole Content-Length arrived
};

struct ConnectFailure {
  int esp_tls_error = 0;     // ESP_ERR_ESP_TLS_* (the return value of get_and_clear_last_tls_error)
  int mbedtls_error = 0;     // through tls_code
  int verify_flags = 0;      // through tls_flags
};

struct HttpServer {
  bool honours_expect = true;          // sends "100 Continue" (racesense-server does; some proxies do not)
  std::size_t drain_limit = 64 * 1024; // body bytes read after an early answer before the socket is reset
  std::deque<HttpReply> replies;       // default: 200 with the hash
  std::deque<ConnectFailure> connect_failures;
  std::vector<HttpRequestSeen> requests;
  int connects = 0;
  std::function<void(std::size_t)> on_open;  // runs as request N (0-based) is opened
  void drop_idle_connection();         // the server's idle timeout closed the kept connection
  // Resumable uploads as racesense-server keeps them (docs/protocol.md §2.2): bytes held per SHA-256
  // (a cut keeps what arrived), SHA-256s of completed files; HEAD answers from these.
  bool resumable = true;               // false: a server without resumable uploads (HEAD → 404)
  std::map<std::string, std::string> partial;
  std::map<std::string, std::size_t> completed;  // SHA-256 → size
};
HttpServer& http();

// Wi-Fi: hotspots in range and scripted radio events.
struct WifiAir {
  std::map<std::string, std::string> hotspots;  // ssid → password
  int connects = 0, disconnects = 0, starts = 0, stops = 0;
  std::string joined;
  void drop(int reason);  // the hotspot disconnects the station (WIFI_EVENT_STA_DISCONNECTED)
  void lose_ip();         // IP_EVENT_STA_LOST_IP
};
WifiAir& wifi();

struct Hardware {
  int adc_raw = 2000, adc_millivolts = 1950;  // the curve-fitting calibration's answer
  bool adc_fails = false;
  int nvs_init_result = 0;                    // e.g. ESP_ERR_NVS_NO_FREE_PAGES once
  int sd_mount_result = 0;
  int nvs_erases = 0;
  std::map<std::string, std::size_t> tasks;   // tasks created: name → stack bytes
  int gpio_low = -1;                          // the GPIO held low (a pressed button), -1 none
  int delays = 0;                             // vTaskDelay calls so far
};
Hardware& hardware();
bool wait_task_delays(int count);  // until tasks made count more vTaskDelay calls (10 s at most)
std::map<std::string, std::map<std::string, std::string>>& nvs();  // namespace → key → value

std::vector<std::string>& logs();  // "E tag: message" lines
void reset();

}  // namespace fake

struct ble_gatt_svc_def;
struct ble_gap_event;

namespace fake {

// A central and the NimBLE host between it and the port. Reads follow ble_gatts.c
// (ble_gatts_val_access): the access callback gets no offset; for a Read (offset 0) it appends to the
// response packet, which already holds the ATT opcode, for a Read Blob (offset > 0) to a fresh empty
// buffer; NimBLE then cuts the value at the offset (BLE_ATT_ERR_INVALID_OFFSET past its end) and the
// response at MTU-1 bytes.
struct Ble {
  std::string device_name, adv, scan_rsp;
  int adv_starts = 0, host_task_runs = 0;
  bool store_initialised = false;
  unsigned char addr[6] = {0x2b, 0x1a, 0x33, 0x22, 0x11, 0xa4};  // little-endian: A4:11:22:33:1A:2B
  std::uint16_t conn = 0xffff, mtu = 23;
  std::vector<std::string> notifications;

  // Waits (at most 10 s) until a notification satisfies pred; false on timeout.
  bool wait_notification(const std::function<bool(const std::string&)>& pred);
  void sync();                         // the host and controller are in sync: ble_hs_cfg.sync_cb
  void run_host_task();                // the task nimble_port_freertos_init was given
  void connect(std::uint16_t att_mtu = 23, int status = 0);
  void exchange_mtu(std::uint16_t att_mtu);
  void subscribe(const char* uuid, bool notify);
  void disconnect();
  void adv_complete();
  // One ATT Read (offset 0) or Read Blob; the ATT error or 0.
  int read(const char* uuid, std::uint16_t offset, std::string* part);
  // What a central's readValue() does: a Read, then Read Blobs while a response is MTU-1 bytes long.
  int long_read(const char* uuid, std::string* value, int* requests = nullptr);
  int write(const char* uuid, const std::string& value);
};
Ble& ble();

}  // namespace fake
