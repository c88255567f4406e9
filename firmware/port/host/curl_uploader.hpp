#pragma once

#include <curl/curl.h>

#include <string>

#include "rscore/ports.hpp"

namespace rs::host {

// HTTP(S) uploads with libcurl; one easy handle, so the connection is reused across files.
class CurlUploader : public HttpUploader {
 public:
  explicit CurlUploader(std::string ca_file = "", long timeout_s = 30);
  ~CurlUploader() override;
  Result<UploadResponse> post(const UploadRequest& request, BodySource& body) override;
  void close() override;

 private:
  CURL* handle();
  CURL* curl_ = nullptr;
  std::string ca_file_;
  long timeout_s_;
};

}  // namespace rs::host
