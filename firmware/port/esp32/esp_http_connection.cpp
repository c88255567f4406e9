#include "esp_http_connection.hpp"

#include <strings.h>

#include "esp_crt_bundle.h"

namespace rs::esp32 {
namespace {
constexpr int kIoTimeoutMs = 30000;  // per read/write: an idle limit, not a total deadline
}  // namespace

EspHttpConnection::~EspHttpConnection() {
  if (client_) esp_http_client_cleanup(client_);
}

namespace {
esp_http_client_method_t sdk_method(HttpMethod m) {
  switch (m) {
    case HttpMethod::kPatch: return HTTP_METHOD_PATCH;
    case HttpMethod::kHead: return HTTP_METHOD_HEAD;
    case HttpMethod::kPost: break;
  }
  return HTTP_METHOD_POST;
}

bool kept_header(const char* key) {  // response headers the core asks for (response_header)
  return strcasecmp(key, "Upload-Offset") == 0 || strcasecmp(key, "Upload-Complete") == 0;
}
}  // namespace

// Response headers reach the application only through HTTP_EVENT_ON_HEADER, one call per header,
// during esp_http_client_fetch_headers().
esp_err_t EspHttpConnection::on_event(esp_http_client_event_t* event) {
  auto* self = static_cast<EspHttpConnection*>(event->user_data);
  if (event->event_id == HTTP_EVENT_ON_HEADER && self && kept_header(event->header_key))
    self->received_[event->header_key] = event->header_value;
  return ESP_OK;
}

bool EspHttpConnection::open(HttpMethod method, const std::string& url, const std::vector<HttpHeader>& headers,
                             std::uint64_t content_length) {
  if (!client_) {
    esp_http_client_config_t cfg = {};
    cfg.url = url.c_str();
    cfg.method = HTTP_METHOD_POST;
    cfg.timeout_ms = kIoTimeoutMs;
    cfg.keep_alive_enable = true;
    cfg.crt_bundle_attach = esp_crt_bundle_attach;
    cfg.buffer_size_tx = 1024;
    cfg.save_client_session = true;  // TLS session ticket for reconnects (sdkconfig.defaults)
    cfg.event_handler = on_event;
    cfg.user_data = this;
    client_ = esp_http_client_init(&cfg);
    if (!client_) return false;
  }
  esp_http_client_set_url(client_, url.c_str());
  esp_http_client_set_method(client_, sdk_method(method));
  for (const auto& name : sent_headers_) esp_http_client_delete_header(client_, name.c_str());
  sent_headers_.clear();
  for (const auto& h : headers) {
    esp_http_client_set_header(client_, h.name, h.value.c_str());
    sent_headers_.push_back(h.name);
  }
  received_.clear();
  return esp_http_client_open(client_, static_cast<int>(content_length)) == ESP_OK;
}

std::string EspHttpConnection::response_header(const char* name) {
  for (const auto& [key, value] : received_)
    if (strcasecmp(key.c_str(), name) == 0) return value;
  return {};
}

int EspHttpConnection::write(const char* data, int len) { return esp_http_client_write(client_, data, len); }
int EspHttpConnection::status_code() { return esp_http_client_get_status_code(client_); }
int EspHttpConnection::read(char* buf, int len) { return esp_http_client_read(client_, buf, len); }
bool EspHttpConnection::persistent() { return esp_http_client_is_persistent_connection(client_); }

// esp_http_client reads nothing before this call; a timeout is -ESP_ERR_HTTP_EAGAIN and leaves the
// request writable, so the body can still follow.
FetchResult EspHttpConnection::fetch_headers(std::uint32_t wait_ms) {
  esp_http_client_set_timeout_ms(client_, static_cast<int>(wait_ms));
  int64_t got = esp_http_client_fetch_headers(client_);
  esp_http_client_set_timeout_ms(client_, kIoTimeoutMs);
  if (got == -ESP_ERR_HTTP_EAGAIN) return FetchResult::kTimedOut;
  return got < 0 ? FetchResult::kFailed : FetchResult::kHeaders;
}

void EspHttpConnection::close() {
  if (client_) esp_http_client_close(client_);
}

// The ESP_ERR_ESP_TLS_* code is the return value; tls_code is mbedTLS's own error number.
TlsFailure EspHttpConnection::take_tls_failure() {
  int mbedtls_code = 0, verify_flags = 0;
  if (!client_) return {};
  esp_err_t last = esp_http_client_get_and_clear_last_tls_error(client_, &mbedtls_code, &verify_flags);
  return {static_cast<int>(last), verify_flags};
}

}  // namespace rs::esp32
