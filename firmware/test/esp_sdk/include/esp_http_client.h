// Host fake of ESP-IDF v5.5.5 esp_http_client.h: the declarations the port calls, same signatures
// and error values. The behaviour (test/esp_sdk/esp_http_client_fake.cpp) follows esp_http_client.c:
// nothing is read before fetch_headers, write returns 0 on a timeout, a kept socket the server
// closed is only found out on use.
#pragma once
#include <cstdint>
#include "esp_err.h"
typedef struct esp_http_client* esp_http_client_handle_t;
typedef enum {
  HTTP_METHOD_GET = 0,
  HTTP_METHOD_POST,
  HTTP_METHOD_PUT,
  HTTP_METHOD_PATCH,
  HTTP_METHOD_DELETE,
  HTTP_METHOD_HEAD,
} esp_http_client_method_t;
typedef enum {
  HTTP_EVENT_ERROR = 0,
  HTTP_EVENT_ON_CONNECTED,
  HTTP_EVENT_HEADERS_SENT,
  HTTP_EVENT_ON_HEADER,  // one per response header, during esp_http_client_fetch_headers()
  HTTP_EVENT_ON_HEADERS_COMPLETE,
  HTTP_EVENT_ON_STATUS_CODE,
  HTTP_EVENT_ON_DATA,
  HTTP_EVENT_ON_FINISH,
  HTTP_EVENT_DISCONNECTED,
  HTTP_EVENT_REDIRECT,
} esp_http_client_event_id_t;
typedef struct esp_http_client_event {
  esp_http_client_event_id_t event_id;
  esp_http_client_handle_t client;
  void* data;
  int data_len;
  void* user_data;
  char* header_key;
  char* header_value;
} esp_http_client_event_t;
typedef esp_err_t (*http_event_handle_cb)(esp_http_client_event_t* evt);
typedef struct {
  const char* url;
  esp_http_client_method_t method;
  int timeout_ms;
  http_event_handle_cb event_handler;
  int buffer_size_tx;
  void* user_data;
  esp_err_t (*crt_bundle_attach)(void* conf);
  bool keep_alive_enable;
  bool save_client_session;  // with CONFIG_ESP_TLS_CLIENT_SESSION_TICKETS
} esp_http_client_config_t;
#define ESP_ERR_HTTP_BASE (0x7000)
#define ESP_ERR_HTTP_CONNECT (ESP_ERR_HTTP_BASE + 2)
#define ESP_ERR_HTTP_WRITE_DATA (ESP_ERR_HTTP_BASE + 3)
#define ESP_ERR_HTTP_EAGAIN (ESP_ERR_HTTP_BASE + 7)
esp_http_client_handle_t esp_http_client_init(const esp_http_client_config_t* config);
esp_err_t esp_http_client_cleanup(esp_http_client_handle_t client);
esp_err_t esp_http_client_set_url(esp_http_client_handle_t client, const char* url);
esp_err_t esp_http_client_set_method(esp_http_client_handle_t client, esp_http_client_method_t method);
esp_err_t esp_http_client_set_header(esp_http_client_handle_t client, const char* key, const char* value);
esp_err_t esp_http_client_delete_header(esp_http_client_handle_t client, const char* key);
esp_err_t esp_http_client_set_timeout_ms(esp_http_client_handle_t client, int timeout_ms);
esp_err_t esp_http_client_open(esp_http_client_handle_t client, int write_len);
int esp_http_client_write(esp_http_client_handle_t client, const char* buffer, int len);
int64_t esp_http_client_fetch_headers(esp_http_client_handle_t client);
int esp_http_client_get_status_code(esp_http_client_handle_t client);
int esp_http_client_read(esp_http_client_handle_t client, char* buffer, int len);
int esp_http_client_read_response(esp_http_client_handle_t client, char* buffer, int len);
esp_err_t esp_http_client_flush_response(esp_http_client_handle_t client, int* len);
bool esp_http_client_is_persistent_connection(esp_http_client_handle_t client);
esp_err_t esp_http_client_close(esp_http_client_handle_t client);
esp_err_t esp_http_client_get_and_clear_last_tls_error(esp_http_client_handle_t client, int* esp_tls_code, int* esp_tls_flags);
