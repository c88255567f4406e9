#pragma once

#include "esp_http_client.h"
#include "rscore/ports.hpp"

namespace rs::esp32 {

// esp_http_client streaming upload over HTTPS (certificate bundle) with one kept-alive
// connection for all files of a sync.
class EspHttpUploader : public HttpUploader {
 public:
  ~EspHttpUploader() override { close(); }
  Result<UploadResponse> post(const UploadRequest& request, BodySource& body) override;
  void close() override;

 private:
  Error connection_error();
  esp_http_client_handle_t client_ = nullptr;
};

}  // namespace rs::esp32
