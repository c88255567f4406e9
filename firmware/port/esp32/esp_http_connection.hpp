#pragma once

#include <map>
#include <string>
#include <vector>

#include "esp_http_client.h"
#include "rscore/ports.hpp"

namespace rs::esp32 {

// esp_http_client as the core's HttpConnection: one handle kept for the whole sync (HTTPS through
// the certificate bundle, keep-alive). Each method is one SDK call; the sequence is UploadSession's.
class EspHttpConnection : public HttpConnection {
 public:
  ~EspHttpConnection() override;
  bool open(HttpMethod method, const std::string& url, const std::vector<HttpHeader>& headers,
            std::uint64_t content_length) override;
  int write(const char* data, int len) override;
  FetchResult fetch_headers(std::uint32_t wait_ms) override;
  int status_code() override;
  std::string response_header(const char* name) override;
  int read(char* buf, int len) override;
  bool persistent() override;
  void close() override;
  TlsFailure take_tls_failure() override;

 private:
  static esp_err_t on_event(esp_http_client_event_t* event);

  esp_http_client_handle_t client_ = nullptr;
  std::vector<std::string> sent_headers_;        // esp_http_client keeps request headers across requests
  std::map<std::string, std::string> received_;  // the resumable-upload headers of the last response
};

}  // namespace rs::esp32
