#include "esp_http_uploader.hpp"

#include "esp_crt_bundle.h"
#include "rscore/failure_reasons.hpp"
#include "rscore/protocol.hpp"
#include "rscore/sync_config.hpp"

namespace rs::esp32 {
namespace {
constexpr int kChunk = 4096;
constexpr int kMaxReply = 2048;
}  // namespace

void EspHttpUploader::close() {
  if (!client_) return;
  esp_http_client_close(client_);
  esp_http_client_cleanup(client_);
  client_ = nullptr;
}

Error EspHttpUploader::connection_error() {
  int tls_code = 0, tls_flags = 0;
  esp_http_client_get_and_clear_last_tls_error(client_, &tls_code, &tls_flags);
  return http_connect_failure(tls_code, tls_flags);
}

Result<UploadResponse> EspHttpUploader::post(const UploadRequest& request, BodySource& body) {
  if (!client_) {
    esp_http_client_config_t cfg = {};
    cfg.url = request.url.c_str();
    cfg.method = HTTP_METHOD_POST;
    cfg.timeout_ms = 30000;  // per read/write: an idle timeout, not a total deadline
    cfg.keep_alive_enable = true;
    cfg.crt_bundle_attach = esp_crt_bundle_attach;
    cfg.buffer_size_tx = 1024;
    client_ = esp_http_client_init(&cfg);
    if (!client_) return Error::kIo;
  }
  std::string name = percent_encode(request.filename);
  std::string auth = "Bearer " + request.token;
  esp_http_client_set_url(client_, request.url.c_str());
  esp_http_client_set_method(client_, HTTP_METHOD_POST);
  esp_http_client_set_header(client_, "Content-Type", "text/csv");
  esp_http_client_set_header(client_, protocol::kFilenameHeader, name.c_str());
  esp_http_client_set_header(client_, protocol::kSha256Header, request.sha256.c_str());
  if (!request.token.empty()) esp_http_client_set_header(client_, "Authorization", auth.c_str());
  if (esp_http_client_open(client_, static_cast<int>(request.content_length)) != ESP_OK) {
    Error e = connection_error();
    close();
    return e;
  }
  static char buf[kChunk];  // one sync task at a time: a static buffer keeps it off the task stack
  for (;;) {
    auto n = body.read(buf, sizeof buf);
    if (!n.ok()) {
      close();
      return n.error();
    }
    if (n.value() == 0) break;
    if (esp_http_client_write(client_, buf, static_cast<int>(n.value())) < 0) {
      close();
      return Error::kConnectionLost;
    }
  }
  if (esp_http_client_fetch_headers(client_) < 0) {
    close();
    return Error::kConnectionLost;
  }
  UploadResponse response;
  response.status = esp_http_client_get_status_code(client_);
  int got = esp_http_client_read_response(client_, buf, kMaxReply);
  if (got < 0) {
    close();
    return Error::kConnectionLost;
  }
  response.body.assign(buf, static_cast<std::size_t>(got));
  int flushed = 0;
  esp_http_client_flush_response(client_, &flushed);  // leaves the connection ready for the next file
  return response;
}

}  // namespace rs::esp32
